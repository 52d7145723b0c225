"""Conclusions from the literature with their evidence level (``conclusie``).

``:::{conclusie} ⊕⊝⊝⊝ ZEER LAAG`` renders the conclusion with a badge that shows the level
exactly as the guideline gives it and that a screen reader reads as "Bewijsniveau: zeer laag".
"""

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .rendering import PlainOutputTransform, render
from .store import DocumentStore

# GRADE levels: the themes write HOOG and ZEER LAAG, the Verantwoording's table Groot, Matig,
# Laag and Zeer laag; "redelijk" is the usual Dutch word for the second level.
LEVELS = ("hoog", "groot", "redelijk", "matig", "laag", "zeer laag")
LEVEL = re.compile(r"^(?P<symbols>[⊕⊝]{4})\s+(?P<word>.+)$")

conclusions = DocumentStore("jgz_conclusies")


class conclusie(nodes.General, nodes.Element):
    """A conclusion; attributes ``symbols`` and ``level`` are empty when the source gives none."""


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
        node = conclusie(
            "", symbols=symbols, level=level, subject=self.options.get("onderwerp", ""),
            classes=["jgz-conclusie"],
        )
        self.set_source_info(node)
        label = self.options.get("name", "")
        self.add_name(node)  # pops the option
        self.state.nested_parse(self.content, self.content_offset, node)
        conclusions.add(
            self.env,
            {"label": label, "level": level, "symbols": symbols, "docname": self.env.docname,
             "lineno": self.lineno},
        )
        return [node]


def level_text(node: conclusie) -> str:
    return f"Bewijsniveau: {node['symbols']} {node['level'].upper()}" if node["level"] else ""


class PlainConclusions(PlainOutputTransform):
    """For builders other than HTML: subject and level as bold lines above the text."""

    def run(self, **kwargs) -> None:
        latex = self.env._builder_cls.format == "latex"
        for node in list(self.document.findall(conclusie)):
            lines = []
            if node["subject"]:
                lines.append(nodes.paragraph("", "", nodes.strong("", node["subject"])))
            if node["level"]:
                # LaTeX fonts lack the GRADE symbols; the words carry the same information.
                text = f"Bewijsniveau: {node['level'].upper()}" if latex else level_text(node)
                lines.append(nodes.paragraph("", "", nodes.strong("", text)))
            node.replace_self(nodes.container("", *lines, *node.children, ids=node["ids"]))


def visit_conclusie_html(self, node: conclusie) -> None:
    self.body.append(
        render(
            "conclusie_open.html",
            ids=node["ids"],
            subject=node["subject"],
            symbols=node["symbols"],
            level=node["level"],
        )
    )


def depart_conclusie_html(self, node: conclusie) -> None:
    self.body.append("</div></div>\n")


def setup(app: Sphinx) -> None:
    app.add_node(conclusie, html=(visit_conclusie_html, depart_conclusie_html))
    app.add_directive("conclusie", ConclusieDirective)
    app.add_post_transform(PlainConclusions)
    conclusions.connect(app)
