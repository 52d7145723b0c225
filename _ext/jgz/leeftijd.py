"""Age tags (``leeftijd``) in the guideline's text: the records that the age guide
(``leeftijdswijzer.py``) is built from, and what it shares with the consultation cards
(``kaarten.py``).

``:::{leeftijd} 1-6 jaar`` with ``:soort:``, ``:bron:`` and optionally ``:titel:`` stands directly
above what it tags, as a label does: a section (put it above the heading), a paragraph, a rubric
(the rubric and what follows it up to the next rubric), or, written directly in a list item, that
list item.  The tag shows nothing; the build checks that the ``:bron:`` words and the ``:titel:``
really are in the tagged text and keeps one record per tagged item.  Several tags above one item
give it several ages (the source sometimes gives two).

Both the guide and the cards show other pages' text: the pages that use them are read again
whenever any page changed (``consumers``).
"""

import re
from dataclasses import dataclass

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.transforms import Transform
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .assets import needs_stylesheet
from .doctree import SKIPPED_OUTSIDE_HTML, first_paragraph, one_line, plain_text, short_text, skip_node
from .store import DocumentStore

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# Ages, in days from birth; a pregnancy lasts 40 weeks, so conception is at -280.

YEAR = 365.25
PREGNANCY = 40 * 7
UNITS = {"week": 7.0, "weken": 7.0, "maand": YEAR / 12, "maanden": YEAR / 12, "jaar": YEAR}
YOUNGEST = -42 * 7
OLDEST = 18 * YEAR

RANGE_EXAMPLES = (
    "'1-6 jaar', '6 weken - 9 maanden', '4 weken', 'zwangerschap', "
    "'20 weken zwangerschap - geboorte' of 'vanaf 4 jaar'"
)
NUMBER = r"-?\d+(?:,\d+)?"
POINT = re.compile(rf"^(?P<number>{NUMBER}) (?P<unit>{'|'.join(UNITS)})(?P<pregnancy> zwangerschap)?$")
SHARED_UNIT = re.compile(rf"^(?P<start>{NUMBER})-(?P<end>{NUMBER}) (?P<unit>{'|'.join(UNITS)})$")


@dataclass(frozen=True)
class Band:
    """An age band of the guide; ``start`` inclusive, ``end`` exclusive (days from birth)."""

    key: str
    label: str
    start: float
    end: float

    @property
    def anchor(self) -> str:
        return "leeftijd-" + self.key


BANDS = (
    Band("zwangerschap", "Zwangerschap", YOUNGEST, 0),
    Band("0-1-jaar", "0-1 jaar", 0, YEAR),
    Band("1-2-jaar", "1-2 jaar", YEAR, 2 * YEAR),
    Band("2-4-jaar", "2-4 jaar", 2 * YEAR, 4 * YEAR),
    Band("4-12-jaar", "4-12 jaar", 4 * YEAR, 12 * YEAR),
    Band("12-18-jaar", "12-18 jaar", 12 * YEAR, OLDEST),
)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _point(text: str) -> float:
    if text == "geboorte":
        return 0.0
    match = POINT.match(text)
    if not match:
        raise ValueError(text)
    value = _number(match["number"]) * UNITS[match["unit"]]
    if match["pregnancy"]:
        if match["unit"] not in ("week", "weken") or value < 0:
            raise ValueError(text)
        return value - PREGNANCY  # "20 weken zwangerschap": 20 weeks after conception
    return value


def parse_range(text: str) -> tuple[float, float]:
    """``(start, end)`` in days for an age range as editors write it; ValueError in Dutch."""
    normal = " ".join(text.replace("–", "-").replace("—", "-").split()).lower()
    try:
        if normal == "zwangerschap":
            start, end = -PREGNANCY, 0.0
        elif normal.startswith("vanaf "):
            start, end = _point(normal[len("vanaf "):]), OLDEST
        elif " - " in normal:
            first, second = normal.split(" - ", 1)
            start, end = _point(first), _point(second)
        elif match := SHARED_UNIT.match(normal):
            unit = UNITS[match["unit"]]
            start, end = _number(match["start"]) * unit, _number(match["end"]) * unit
        else:
            start = end = _point(normal)
    except ValueError:
        raise ValueError(f"'{text}' niet begrepen; schrijf bijvoorbeeld {RANGE_EXAMPLES}.") from None
    if start > end:
        raise ValueError(f"'{text}': het begin ligt na het einde.")
    if start < YOUNGEST or end > OLDEST:
        raise ValueError(f"'{text}' valt buiten de zwangerschap tot en met 18 jaar.")
    return start, end


def overlaps(start: float, end: float, band: Band) -> bool:
    """Whether an age range shares time with a band; a single age (start == end) lies in it."""
    if start == end:
        return band.start <= start < band.end or (start == end == band.end == OLDEST)
    return start < band.end and end > band.start


def bands_of(start: float, end: float) -> list[Band]:
    return [band for band in BANDS if overlaps(start, end, band)]


# ---------------------------------------------------------------------------------------------
# Kinds of tagged items, in the order the guide shows them.


@dataclass(frozen=True)
class Kind:
    heading: str
    excerpt: str | None  # "zin": the first sentence; "tips": each numbered tip's first sentence


KINDS = {
    "fase": Kind("Ontwikkeling van de ouder-kindrelatie (Thema 1)", "zin"),
    "tips": Kind("Tips voor ouders (Box 2.1)", "tips"),
    "aandachtspunten": Kind("Aandachtspunten in het gesprek met ouders", "zin"),
    "van-wiechen-bespreken": Kind(
        "Van Wiechenkenmerken: aanleiding om de ouder-kindrelatie ter sprake te brengen", None
    ),
    "van-wiechen-observeren": Kind("Van Wiechenkenmerken om de ouder-kindrelatie te observeren", None),
    "instrument": Kind("Instrumenten", None),
    "interventie": Kind("Interventies", None),
}
TITLE_MAX = 120
PHRASE_SEPARATOR = " | "

items = DocumentStore("jgz_leeftijd_items")
consumers = DocumentStore("jgz_leeftijd_gebruikers")
ATTRIBUTE = "jgz_leeftijd"


# ---------------------------------------------------------------------------------------------
# The tag


class leeftijd_tag(nodes.Invisible, nodes.Element):
    """A tag as parsed; ``AttachTags`` moves it onto the element it tags and removes it."""


class LeeftijdDirective(SphinxDirective):
    """``:::{leeftijd} 1-6 jaar`` with ``:soort:``, ``:bron:`` and optionally ``:titel:``."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec = {
        "soort": directives.unchanged_required,
        "bron": directives.unchanged_required,
        "titel": directives.unchanged_required,
        "voorbeeld": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        age = " ".join(self.arguments[0].split())
        try:
            start, end = parse_range(age)
        except ValueError as error:
            raise self.error(f"leeftijd {error}") from None
        kind = self.options.get("soort", "").strip()
        if kind not in KINDS:
            known = ", ".join(KINDS)
            raise self.error(
                f"leeftijd {age}: :soort: '{kind}' is onbekend; kies uit {known}."
                if kind else f"leeftijd {age}: :soort: ontbreekt; kies uit {known}."
            )
        phrases = [one_line(p) for p in self.options.get("bron", "").split(PHRASE_SEPARATOR) if p.strip()]
        if not phrases:
            raise self.error(
                f"leeftijd {age}: :bron: ontbreekt; geef de woorden waarmee de richtlijn deze "
                "leeftijd noemt, precies zoals ze in de tekst staan."
            )
        if "voorbeeld" in self.options:
            needs_stylesheet(self.env, "jgz-leeftijd.css")
        node = leeftijd_tag(
            "",
            age=age,
            start=start,
            end=end,
            kind=kind,
            phrases=phrases,
            title=one_line(self.options.get("titel", "")),
            example="voorbeeld" in self.options,
        )
        self.set_source_info(node)
        return [node]


# Between a tag and what it tags may stand labels, other tags and comments.
_PASSED_OVER = (nodes.target, leeftijd_tag, nodes.comment, nodes.system_message)


def tagged_element(tag: leeftijd_tag) -> nodes.Element | None:
    """The element a tag stands above, or its list item when it is written in one."""
    if isinstance(tag.parent, nodes.list_item):
        return tag.parent
    node: nodes.Node | None = tag
    while node is not None:
        node = node.next_node(descend=False, ascend=True)
        if node is not None and not isinstance(node, _PASSED_OVER):
            return node
    return None


def tagged_nodes(element: nodes.Element) -> list[nodes.Element]:
    """What a tag on ``element`` covers: a rubric covers what follows it up to the next rubric."""
    if not isinstance(element, nodes.rubric):
        return [element]
    siblings = element.parent.children
    covered = [element]
    for sibling in siblings[siblings.index(element) + 1:]:
        if isinstance(sibling, nodes.rubric):
            break
        covered.append(sibling)
    return covered


def default_title(element: nodes.Element) -> str:
    """A section's heading, a rubric's text, or a short first paragraph ("" if there is none)."""
    if isinstance(element, nodes.section):
        return one_line(element[0].astext())
    if isinstance(element, nodes.rubric):
        return one_line(element.astext())
    paragraph = element if isinstance(element, nodes.paragraph) else first_paragraph(element)
    text = one_line(paragraph.astext()) if paragraph is not None else ""
    return text if len(text) <= TITLE_MAX else ""


class AttachTags(Transform):
    """Move each tag onto the element it tags (before labels move onto their elements)."""

    default_priority = 250  # docutils' PropagateTargets runs at 260

    def apply(self, **kwargs) -> None:
        for tag in list(self.document.findall(leeftijd_tag)):
            element = tagged_element(tag)
            info = {key: tag[key] for key in ("age", "start", "end", "kind", "phrases", "title", "example")}
            info["line"] = tag.line
            if element is None:
                logger.warning(
                    "leeftijd %s: er staat niets onder de tag; zet hem direct boven de kop, alinea "
                    "of rubric die hij tagt, of in het lijstpunt.",
                    info["age"], location=tag,
                )
                tag.parent.remove(tag)
                continue
            element.setdefault(ATTRIBUTE, []).append(info)
            if info["example"]:
                tag.replace_self(_example_preview(info, info["title"] or default_title(element)))
            else:
                tag.parent.remove(tag)


def _example_preview(info: dict, title: str) -> nodes.container:
    """What the build made of an example tag, shown in the editors' documentation."""
    bands = ", ".join(band.label for band in bands_of(info["start"], info["end"])) or "geen"
    lines = [
        ("Soort", KINDS[info["kind"]].heading),
        ("Titel", title or "(geen: geef :titel:)"),
        ("Leeftijd in de woorden van de richtlijn", " · ".join(info["phrases"])),
        ("Staat in de leeftijdswijzer bij", bands),
    ]
    preview = nodes.container("", classes=["jgz-leeftijd-voorbeeld"])
    preview += nodes.paragraph("", "", nodes.strong("", f"Leeftijdstag {info['age']} (voorbeeld)"))
    items_list = nodes.bullet_list()
    for label, value in lines:
        items_list += nodes.list_item("", nodes.paragraph("", "", nodes.Text(f"{label}: {value}")))
    preview += items_list
    return preview


def _explicit_id(element: nodes.Element, document: nodes.document) -> str | None:
    """The first of the element's ids that an author's label made (others may change)."""
    explicit = {document.nameids.get(name) for name, is_explicit in document.nametypes.items() if is_explicit}
    return next((identifier for identifier in element["ids"] if identifier in explicit), None)


def _anchor(element: nodes.Element, document: nodes.document, title: str) -> str:
    """The label of the tagged element (or of its first paragraph); else a new, stable id.

    docutils numbers ids that would repeat ("id2"), so only a label or our own id stays put.
    """
    for candidate in (element, first_paragraph(element)):
        if candidate is not None and (identifier := _explicit_id(candidate, document)):
            return identifier
    base = nodes.make_id("leeftijd-" + " ".join(title.split()[:6])) or "leeftijd"
    identifier, counter = base, 1
    while identifier in document.ids:
        counter += 1
        identifier = f"{base}-{counter}"
    element["ids"].append(identifier)
    document.ids[identifier] = element
    return identifier


def _section_titles(element: nodes.Element) -> str:
    titles, parent = [], element.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            titles.append(parent[0].astext())
        parent = parent.parent
    return one_line(" ".join(titles))


def _excerpt(kind: Kind, covered: list[nodes.Element]) -> dict:
    """The guideline's own first sentence, or each tip's, as the kind asks."""
    if kind.excerpt == "zin":
        paragraph = first_paragraph(covered[0])
        return {"excerpt": short_text(plain_text(paragraph)) if paragraph is not None else "", "tips": []}
    if kind.excerpt == "tips":
        tips = []
        for block in covered:
            if isinstance(block, nodes.enumerated_list):
                for offset, item in enumerate(block.children):
                    paragraph = first_paragraph(item)
                    if paragraph is not None:
                        tips.append({"number": block.get("start", 1) + offset,
                                     "text": short_text(plain_text(paragraph))})
        return {"excerpt": "", "tips": tips}
    return {"excerpt": "", "tips": []}


def collect_items(app: Sphinx, doctree: nodes.document) -> None:
    """Check every tagged element and keep one record per element (examples are only checked)."""
    env = app.env
    for element in list(doctree.findall(lambda n: isinstance(n, nodes.Element) and ATTRIBUTE in n)):
        tags = element[ATTRIBUTE]
        del element[ATTRIBUTE]
        first = tags[0]
        location = (env.docname, first["line"])
        covered = tagged_nodes(element)
        text = one_line(" ".join(node.astext() for node in covered))
        context = text + " " + _section_titles(element)
        titles = {tag["title"] for tag in tags if tag["title"]}
        kinds = {tag["kind"] for tag in tags}
        if len(kinds) > 1 or len(titles) > 1:
            logger.warning(
                "leeftijd: de tags boven één tekstdeel verschillen in :soort: of :titel: (%s).",
                "; ".join(sorted(kinds | titles)), location=location,
            )
        title = next(iter(titles), "") or default_title(element)
        if not title:
            logger.warning(
                "leeftijd %s: geef een :titel: (de eerste alinea is te lang om als titel te dienen).",
                first["age"], location=location,
            )
            continue
        if titles and title.lower() not in context.lower():
            logger.warning(
                "leeftijd %s: :titel: '%s' staat niet in de getagde tekst; gebruik de woorden van "
                "de richtlijn.", first["age"], title, location=location,
            )
        for tag in tags:
            for phrase in tag["phrases"]:
                if phrase not in context:
                    logger.warning(
                        "leeftijd %s: :bron: '%s' staat niet in de getagde tekst; geef de woorden "
                        "precies zoals de richtlijn ze schrijft.",
                        tag["age"], phrase, location=(env.docname, tag["line"]),
                    )
        if all(tag["example"] for tag in tags):
            continue
        anchor = _anchor(element, doctree, title)
        kind = KINDS[first["kind"]]
        items.add(
            env,
            {
                "kind": first["kind"],
                "title": title,
                "docname": env.docname,
                "anchor": anchor,
                "line": first["line"],
                "ages": [
                    {"age": tag["age"], "start": tag["start"], "end": tag["end"], "phrases": tag["phrases"]}
                    for tag in tags if not tag["example"]
                ],
                **_excerpt(kind, covered),
            },
        )


def reread_consumers(app: Sphinx, env, added, changed, removed) -> list[str]:
    """The guide and the cards show other pages' text: read them again when any page changed."""
    if not (added or changed or removed):
        return []
    return [docname for docname in getattr(env, consumers.key, {}) if docname not in changed]


def setup(app: Sphinx) -> None:
    app.add_node(leeftijd_tag, html=(skip_node, None), **SKIPPED_OUTSIDE_HTML)
    app.add_directive("leeftijd", LeeftijdDirective)
    app.add_transform(AttachTags)
    items.connect(app)
    consumers.connect(app)
    app.connect("doctree-read", collect_items)
    app.connect("env-get-outdated", reread_consumers)
