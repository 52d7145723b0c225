"""The consultation cards: copies of the guideline's own text, made at write time.

``:::{kaart-uittreksel} tabel-2-3`` copies the element with that label from the guideline
(``:vorm: stappen`` splits it at its rubrics, ``:vorm: kolommen`` turns a table's columns into
blocks); ``:::{kaart-aanbevelingen}`` lists every recommendation with its first sentence.  Copies
are made from the doctree at write time, so a card never holds a second copy of the text
(docs/leeftijd.md).
"""

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .aanbeveling import all_recommendations, needs_copy_button, recommendation_copy
from .assets import heading_level, needs_stylesheet
from .doctree import copy_for_page, first_paragraph, label_reference, one_line, plain_text, short_text
from .leeftijd import consumers

logger = logging.getLogger(__name__)

FORMS = ("geheel", "stappen", "kolommen")


def _form(value: str) -> str:
    value = (value or "").strip()
    if value not in FORMS:
        raise ValueError(f"'{value}' is onbekend; kies uit {', '.join(FORMS)}")
    return value


class kaart_uittreksel(nodes.General, nodes.Element):
    """Placeholder for a copy of a labelled element of the guideline."""


class kaart_aanbevelingen(nodes.General, nodes.Element):
    """Placeholder for every recommendation in one line."""


class KaartUittrekselDirective(SphinxDirective):
    """``:::{kaart-uittreksel} tabel-2-3`` with ``:vorm: geheel|stappen|kolommen``."""

    required_arguments = 1
    option_spec = {"vorm": _form}

    def run(self) -> list[nodes.Node]:
        label = self.arguments[0].strip()
        needs_stylesheet(self.env, "jgz-leeftijd.css")
        if label.startswith("aanbeveling-"):  # the copy keeps its "Kopieer link" button
            needs_copy_button(self.env)
        consumers.add(self.env, self.env.docname)
        node = kaart_uittreksel("", label=label, form=self.options.get("vorm", "geheel"))
        self.set_source_info(node)
        return [node]


class KaartAanbevelingenDirective(SphinxDirective):
    """``:::{kaart-aanbevelingen}``: each recommendation's number and first sentence."""

    def run(self) -> list[nodes.Node]:
        needs_stylesheet(self.env, "jgz-leeftijd.css")
        consumers.add(self.env, self.env.docname)
        node = kaart_aanbevelingen("")
        self.set_source_info(node)
        return [node]


def _words(text: str) -> str:
    return "".join(character for character in text.lower() if character.isalnum())


def _link(label: str, text: str, docname: str) -> nodes.Element:
    return label_reference(label, docname, nodes.inline("", text))


class FillCards(SphinxPostTransform):
    """Replace the cards' placeholders by copies from the guideline (before links resolve)."""

    default_priority = 5

    def run(self, **kwargs) -> None:
        for placeholder in list(self.document.findall(kaart_uittreksel)):
            placeholder.replace_self(self._excerpt(placeholder))
        for placeholder in list(self.document.findall(kaart_aanbevelingen)):
            placeholder.replace_self(self._recommendations(placeholder))

    def _recommendations(self, placeholder: nodes.Element) -> list[nodes.Node]:
        docname, level = self.env.docname, heading_level(placeholder)
        parts: list[nodes.Node] = []
        by_theme: dict[str, list[dict]] = {}
        for record in all_recommendations(self.env):
            by_theme.setdefault(record["theme"], []).append(record)
        for theme, records in by_theme.items():
            title = f"Thema {theme}: {self.config.jgz_themas.get(theme, '')}"
            parts.append(nodes.rubric(title, title, **{"heading-level": level}))
            lines = nodes.bullet_list(classes=["jgz-kaart__regels"])
            for record in records:
                line = nodes.paragraph()
                line += nodes.strong("", "", _link(record["anchor"], f"Aanbeveling {record['number']}", docname))
                # The first paragraph, not the whole text: a sub-list's "a." is no sentence end.
                first = first_paragraph(record["body"])
                excerpt = short_text(plain_text(first) if first is not None else record["text"])
                line += nodes.Text(" " + excerpt)
                if _words(excerpt.removesuffix(" …")) != _words(record["text"]):
                    # A one-line card never hides that it left something out (a definition, a list).
                    line += nodes.Text(" ")
                    line += nodes.emphasis("", "[…] ingekort: de rest staat in de aanbeveling")
                lines += nodes.list_item("", line)
            parts.append(lines)
        return [nodes.container("", *parts, classes=["jgz-kaart", "jgz-kaart--aanbevelingen"])]

    def _excerpt(self, placeholder: nodes.Element) -> list[nodes.Node]:
        label, form, docname = placeholder["label"], placeholder["form"], self.env.docname
        for record in all_recommendations(self.env):
            if record["anchor"] == label:
                return [nodes.container("", recommendation_copy(self.env, record, docname), classes=["jgz-kaart"])]
        std = self.env.domains.standard_domain
        found = std.labels.get(label) or std.anonlabels.get(label)
        if not found:
            logger.warning("kaart-uittreksel: label '%s' bestaat niet.", label, location=placeholder)
            return []
        source_doc, identifier = found[0], found[1]
        source = self.env.get_doctree(source_doc)
        element = next((n for n in source.findall(nodes.Element) if identifier in n["ids"]), None)
        if element is None:
            logger.warning("kaart-uittreksel: label '%s' bestaat niet.", label, location=placeholder)
            return []
        body = _clean_copy(element, docname)
        title = body[0] if body.children and isinstance(body[0], nodes.title) else None
        caption = one_line(title.astext()) if title is not None else self.env.titles[source_doc].astext()
        if isinstance(body, nodes.section):
            # A label above a heading: the part's text, without the heading, which the source line
            # names.  (A section without its ids cannot be written: HTML numbers it by its id.)
            body = nodes.container("", *body.children[1:])
        header = [nodes.paragraph("", "", nodes.Text("Uit de richtlijn: "), _link(label, caption, docname),
                                  classes=["jgz-kaart__bron"])]
        header += [_note(footnote) for footnote in _footnotes(element, source)]
        level = heading_level(placeholder)
        if form == "stappen":
            parts = _steps(body, level, placeholder)
        elif form == "kolommen":
            parts = _columns(body, level, placeholder)
        else:
            parts = [body]
        return [nodes.container("", *header, *parts, classes=["jgz-kaart", f"jgz-kaart--{form}"])]


def _clean_copy(element: nodes.Element, docname: str) -> nodes.Element:
    """A copy for the card, without footnote marks (the notes stand at the top of the card)."""
    body = copy_for_page(element, docname)
    for node in list(body.findall(nodes.footnote_reference)):
        node.parent.remove(node)
    return body


def _footnotes(element: nodes.Element, document: nodes.document) -> list[nodes.footnote]:
    notes = []
    for reference in element.findall(nodes.footnote_reference):
        note = next((n for n in document.findall(nodes.footnote) if reference.get("refid") in n["ids"]), None)
        if note is not None:
            notes.append(note)
    return notes


def _note(footnote: nodes.footnote) -> nodes.paragraph:
    """A footnote of the copied element as a line: "Noot 2: ..."."""
    label = footnote[0].astext() if isinstance(footnote[0], nodes.label) else ""
    text = one_line(" ".join(child.astext() for child in footnote.children if not isinstance(child, nodes.label)))
    return nodes.paragraph("", f"Noot {label}: {text}" if label else text, classes=["jgz-kaart__noot"])


def _steps(body: nodes.Element, level: int, placeholder: nodes.Element) -> list[nodes.Node]:
    """Each rubric with what follows it becomes a step that the card's step list links to."""
    content = [child for child in body.children if not isinstance(child, nodes.title)]
    intro, steps = [], []
    for child in content:
        if isinstance(child, nodes.rubric):
            steps.append([child])
        elif steps:
            steps[-1].append(child)
        else:
            intro.append(child)
    if not steps:
        logger.warning("kaart-uittreksel: :vorm: stappen vraagt om rubrics (stappen) in het deel.",
                       location=placeholder)
        return [body]
    navigation = nodes.bullet_list(classes=["jgz-kaart__stappen"])
    blocks = []
    for number, (rubric, *rest) in enumerate(steps, start=1):
        identifier = f"stap-{number}"
        name = re.split(r"[.:]", rubric.astext(), maxsplit=1)[0].strip()
        navigation += nodes.list_item(
            "", nodes.paragraph("", "", nodes.reference("", name, refid=identifier, internal=True))
        )
        rubric["heading-level"] = level
        blocks.append(nodes.container("", rubric, *rest, ids=[identifier], classes=["jgz-kaart__stap"]))
    return [*intro, navigation, *blocks]


def _columns(body: nodes.Element, level: int, placeholder: nodes.Element) -> list[nodes.Node]:
    """A table's columns as blocks: the header cell as heading, the body cells below it."""
    table = body if isinstance(body, nodes.table) else next(body.findall(nodes.table), None)
    head = next(table.findall(nodes.thead), None) if table is not None else None
    if head is None:
        logger.warning("kaart-uittreksel: :vorm: kolommen vraagt om een tabel met een kopregel.",
                       location=placeholder)
        return [body]
    headers = [entry.astext() for entry in head.findall(nodes.entry)]
    columns = [[nodes.rubric(text, text, **{"heading-level": level})] for text in headers]
    for tbody in table.findall(nodes.tbody):
        for row in tbody.findall(nodes.row):
            for index, entry in enumerate(row.children):
                columns[index].extend(entry.children)
    blocks = [nodes.container("", *column, classes=["jgz-kaart__kolom"]) for column in columns]
    return [nodes.container("", *blocks, classes=["jgz-kaart__kolommen"])]


def setup(app: Sphinx) -> None:
    app.add_node(kaart_uittreksel)
    app.add_node(kaart_aanbevelingen)
    app.add_directive("kaart-uittreksel", KaartUittrekselDirective)
    app.add_directive("kaart-aanbevelingen", KaartAanbevelingenDirective)
    app.add_post_transform(FillCards)
