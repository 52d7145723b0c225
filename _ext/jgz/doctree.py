"""Helpers on doctrees that several widgets share: a node's text on one line and its first
sentence, a checked link to a label, a copy of an element for another page, and visitors: one
that writes a node as one HTML element, one that leaves a node out of a builder's output."""

import re

from docutils import nodes
from sphinx import addnodes

SHORT_TEXT_LENGTH = 200


def one_line(text: str) -> str:
    """``text`` with every run of white space folded to one space."""
    return " ".join(text.split())


def short_text(text: str) -> str:
    """The first sentence of ``text``, cut to a citation-friendly length."""
    text = one_line(text)
    # A sentence ends at . ! ? before a capital, but not after a list letter ("a. De ...").
    match = re.search(r"(?<=[A-Za-z0-9)’”])(?<!\s[a-z])[.!?](?=\s+[A-Z(‘“])", text)
    sentence = text[: match.end()] if match else text
    if len(sentence) > SHORT_TEXT_LENGTH:
        sentence = sentence[:SHORT_TEXT_LENGTH].rsplit(" ", 1)[0] + " …"
    return sentence


def plain_text(node: nodes.Element) -> str:
    """The text of ``node`` with list markers kept ("a. ...", "1. ...", "- ..."), on one line."""
    parts: list[str] = []

    def walk(element: nodes.Node) -> None:
        if isinstance(element, nodes.Text):
            parts.append(str(element))
            return
        if isinstance(element, nodes.enumerated_list):
            start = element.get("start", 1)
            for offset, item in enumerate(element.children):
                parts.append(" " + _marker(element.get("enumtype", "arabic"), start + offset) + " ")
                walk(item)
            return
        if isinstance(element, nodes.bullet_list):
            for item in element.children:
                parts.append(" - ")
                walk(item)
            return
        for child in element.children:
            walk(child)
        if isinstance(element, nodes.paragraph):
            parts.append(" ")

    walk(node)
    return one_line("".join(parts))


def _marker(enumtype: str, number: int) -> str:
    if enumtype == "loweralpha":
        return chr(ord("a") + number - 1) + "."
    if enumtype == "upperalpha":
        return chr(ord("A") + number - 1) + "."
    return f"{number}."


def first_paragraph(element: nodes.Element) -> nodes.paragraph | None:
    """The first paragraph directly in ``element``, if any."""
    for child in element.children:
        if isinstance(child, nodes.paragraph):
            return child
    return None


def label_reference(label: str, docname: str, *children: nodes.Node) -> addnodes.pending_xref:
    """A link to a label that the reference resolver checks (a missing label breaks the build)."""
    return addnodes.pending_xref(
        "", *children, refdomain="std", reftype="ref", reftarget=label, refexplicit=True, refwarn=True,
        refdoc=docname,
    )


def copy_for_page(element: nodes.Element, docname: str) -> nodes.Element:
    """A copy of ``element`` to show on page ``docname``: without ids and names (the original
    keeps the anchors; a copy must not repeat them) and with its links relative to that page."""
    body = element.deepcopy()  # docutils' own copy: children only, not the whole document
    for node in body.findall(nodes.Element):
        node["ids"] = []
        node["names"] = []
        if isinstance(node, addnodes.pending_xref):
            node["refdoc"] = docname
    return body


def html_element(tag: str, suffix: str = "\n", **attributes):
    """Visit and depart functions that write a node as one HTML ``tag`` element, with the node's
    ids and classes; ``attributes`` maps further attribute names to functions of the node."""

    def visit(self, node: nodes.Element) -> None:
        values = {name: value(node) for name, value in attributes.items()}
        self.body.append(self.starttag(node, tag, suffix, **values))

    def depart(self, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>\n")

    return visit, depart


def html_heading(level):
    """Visit and depart functions that write a node as one HTML heading, of ``level(node)``."""

    def visit(self, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, f"h{level(node)}", ""))

    def depart(self, node: nodes.Element) -> None:
        self.body.append(f"</h{level(node)}>\n")

    return visit, depart


def add_html_nodes(app, visitors: dict) -> None:
    """Register each node class of ``visitors`` with its HTML visitors: a widget's table of
    elements (the plain form for other builders comes from its post-transform)."""
    for node_class, html in visitors.items():
        app.add_node(node_class, html=html)


def skip_node(self, node: nodes.Node) -> None:
    """A visitor for a node that a builder leaves out."""
    raise nodes.SkipNode


# For ``app.add_node``: the builders other than HTML leave the node out.
SKIPPED_OUTSIDE_HTML = {builder: (skip_node, None) for builder in ("latex", "text", "man", "texinfo")}
