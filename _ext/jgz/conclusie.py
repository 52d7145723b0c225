"""Conclusions from the literature with their evidence level (``conclusie``).

``:::{conclusie} ⊕⊝⊝⊝ ZEER LAAG`` renders the conclusion with a badge that shows the level
exactly as the guideline gives it and that a screen reader reads as "Bewijsniveau: zeer laag".
"""

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .doctree import html_element
from .rendering import PlainOutputTransform, render
from .store import DocumentStore

# GRADE levels: the themes write HOOG and ZEER LAAG, the Verantwoording's table Groot, Matig,
# Laag and Zeer laag; "redelijk" is the usual Dutch word for the second level.
LEVELS = ("hoog", "groot", "redelijk", "matig", "laag", "zeer laag")
LEVEL = re.compile(r"^(?P<symbols>[⊕⊝]{4})\s+(?P<word>.+)$")

conclusions = DocumentStore("jgz_conclusies")


class conclusie(nodes.General, nodes.Element):
    """A conclusion: its subject (if the source gives one), its evidence level and its text."""


# Subject and level are attributes, not text nodes: the page shows them with the conclusion, but
# the text of the section (the search index, its context lines) stays the conclusion's own text.


class conclusie_onderwerp(nodes.General, nodes.Element):
    """The subject line of a conclusion (attribute ``text``)."""


class bewijsniveau(nodes.General, nodes.Element):
    """The evidence level; attributes ``symbols`` and ``level`` are empty when the source gives none."""


class conclusie_tekst(nodes.General, nodes.Element):
    """The text of a conclusion."""


def parse_level(argument: str) -> tuple[str, str]:
    """Split "⊕⊝⊝⊝ ZEER LAAG" into symbols and the level in lower case; ValueError if malformed."""
    match = LEVEL.match(" ".join(argument.split()))
    if not match:
        raise ValueError(
            f"bewijsniveau '{argument}' heeft niet de vorm 'vier tekens ⊕/⊝, dan het niveau' "
            "(bijvoorbeeld ⊕⊝⊝⊝ ZEER LAAG)."
        )
    level = match["word"].lower()
    if level not in LEVELS:
        raise ValueError(
            f"bewijsniveau '{match['word']}' is onbekend; verwacht: "
            + ", ".join(level.upper() for level in LEVELS) + "."
        )
    return match["symbols"], level


def conclusions_by_label(env) -> dict[str, dict]:
    return {record["label"]: record for record in conclusions.records(env) if record["label"]}


class ConclusieDirective(SphinxDirective):
    """A conclusion; the optional argument is the evidence level exactly as the source gives it."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"onderwerp": directives.unchanged_required, "name": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        symbols, level = "", ""
        if self.arguments:
            try:
                symbols, level = parse_level(self.arguments[0])
            except ValueError as error:
                raise self.error(f"conclusie: {error}") from None
        if not "".join(self.content).strip():
            raise self.error("conclusie: de tekst van de conclusie ontbreekt.")
        node = conclusie("", classes=["jgz-conclusie"])
        self.set_source_info(node)
        label = self.options.get("name", "")
        self.add_name(node)  # pops the option
        if subject := self.options.get("onderwerp", ""):
            node += conclusie_onderwerp("", text=subject, classes=["jgz-conclusie__onderwerp"])
        node += bewijsniveau("", symbols=symbols, level=level)
        text = conclusie_tekst("", classes=["jgz-conclusie__tekst"])
        self.state.nested_parse(self.content, self.content_offset, text)
        node += text
        conclusions.add(
            self.env,
            {"label": label, "level": level, "symbols": symbols, "docname": self.env.docname,
             "lineno": self.lineno},
        )
        return [node]


def level_text(node: bewijsniveau) -> str:
    return f"Bewijsniveau: {node['symbols']} {node['level'].upper()}" if node["level"] else ""


class PlainConclusions(PlainOutputTransform):
    """For builders other than HTML: subject and level as bold lines above the text."""

    def run(self, **kwargs) -> None:
        latex = self.env._builder_cls.format == "latex"
        for node in list(self.document.findall(conclusie_onderwerp)):
            node.replace_self(nodes.paragraph("", "", nodes.strong("", node["text"])))
        for node in list(self.document.findall(bewijsniveau)):
            if not node["level"]:
                node.parent.remove(node)
                continue
            # LaTeX fonts lack the GRADE symbols; the words carry the same information.
            text = f"Bewijsniveau: {node['level'].upper()}" if latex else level_text(node)
            node.replace_self(nodes.paragraph("", "", nodes.strong("", text)))
        for node in list(self.document.findall(conclusie_tekst)):
            node.replace_self(node.children)
        for node in list(self.document.findall(conclusie)):
            node.replace_self(nodes.container("", *node.children, ids=node["ids"]))


def visit_onderwerp_html(self, node: conclusie_onderwerp) -> None:
    self.body.append(self.starttag(node, "p", "") + self.encode(node["text"]) + "</p>\n")
    raise nodes.SkipNode


def visit_bewijsniveau_html(self, node: bewijsniveau) -> None:
    self.body.append(render("bewijsniveau.html", symbols=node["symbols"], level=node["level"]))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_node(conclusie, html=html_element("div"))
    app.add_node(conclusie_onderwerp, html=(visit_onderwerp_html, None))
    app.add_node(bewijsniveau, html=(visit_bewijsniveau_html, None))
    app.add_node(conclusie_tekst, html=html_element("div"))
    app.add_directive("conclusie", ConclusieDirective)
    app.add_post_transform(PlainConclusions)
    conclusions.connect(app)
