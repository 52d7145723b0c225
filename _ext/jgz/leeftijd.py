"""Age tags (``leeftijd``), the age guide (``leeftijdswijzer``) and the consultation cards.

Age tags.  ``:::{leeftijd} 1-6 jaar`` with ``:soort:``, ``:bron:`` and optionally ``:titel:``
stands directly above what it tags, as a label does: a section (put it above the heading), a
paragraph, a rubric (the rubric and what follows it up to the next rubric), or, written directly
in a list item, that list item.  The tag shows nothing; the build checks that the ``:bron:``
words and the ``:titel:`` really are in the tagged text and keeps one record per tagged item.
Several tags above one item give it several ages (the source sometimes gives two).

``:::{leeftijdswijzer}`` shows every tagged item per age band, grouped by kind, each with a link
to its place, the age in the guideline's own words and, for some kinds, the guideline's own first
sentence.  Without JavaScript every band is a section; ``jgz-leeftijd.js`` turns the band list
into a chooser that filters and keeps the choice in the URL (``#leeftijd-2-4-jaar``).

Cards.  ``:::{kaart-uittreksel} tabel-2-3`` copies the element with that label from the guideline
(``:vorm: stappen`` splits it at its rubrics, ``:vorm: kolommen`` turns a table's columns into
blocks); ``:::{kaart-aanbevelingen}`` lists every recommendation with its first sentence.  Copies
are made from the doctree at write time, so a card never holds a second copy of the text.
"""

import re
from dataclasses import dataclass

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.transforms import Transform
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .aanbeveling import FillOverviews, all_recommendations, plain_text, short_text
from .assets import heading_level, needs_script, needs_stylesheet
from .rendering import PlainOutputTransform, render
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


def _normal(text: str) -> str:
    return " ".join(text.split())


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
        phrases = [_normal(p) for p in self.options.get("bron", "").split(PHRASE_SEPARATOR) if p.strip()]
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
            title=_normal(self.options.get("titel", "")),
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
        return _normal(element[0].astext())
    if isinstance(element, nodes.rubric):
        return _normal(element.astext())
    paragraph = element if isinstance(element, nodes.paragraph) else _first_paragraph(element)
    text = _normal(paragraph.astext()) if paragraph is not None else ""
    return text if len(text) <= TITLE_MAX else ""


def _first_paragraph(element: nodes.Element) -> nodes.paragraph | None:
    for child in element.children:
        if isinstance(child, nodes.paragraph):
            return child
    return None


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
    for candidate in (element, _first_paragraph(element)):
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
    return _normal(" ".join(titles))


def _excerpt(kind: Kind, covered: list[nodes.Element]) -> dict:
    """The guideline's own first sentence, or each tip's, as the kind asks."""
    if kind.excerpt == "zin":
        paragraph = _first_paragraph(covered[0])
        return {"excerpt": short_text(plain_text(paragraph)) if paragraph is not None else "", "tips": []}
    if kind.excerpt == "tips":
        tips = []
        for block in covered:
            if isinstance(block, nodes.enumerated_list):
                for offset, item in enumerate(block.children):
                    paragraph = _first_paragraph(item)
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
        text = _normal(" ".join(node.astext() for node in covered))
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


def skip_node(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


# ---------------------------------------------------------------------------------------------
# The age guide


class leeftijdswijzer(nodes.General, nodes.Element):
    """Placeholder for the age guide, drawn from the records at write time."""


class LeeftijdswijzerDirective(SphinxDirective):
    """``:::{leeftijdswijzer}``: every tagged item, per age band."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        needs_stylesheet(self.env, "jgz-leeftijd.css")
        needs_script(self.env, "jgz-leeftijd.js")
        consumers.add(self.env, self.env.docname)
        node = leeftijdswijzer("")
        self.set_source_info(node)
        return [node]


def guide(env) -> list[dict]:
    """Per band, per kind (in ``KINDS`` order), the entries whose ages overlap the band."""
    records = items.records(env)
    bands = []
    for band in BANDS:
        kinds = []
        for key, kind in KINDS.items():
            entries = []
            for record in records:
                if record["kind"] != key:
                    continue
                ages = [age for age in record["ages"] if overlaps(age["start"], age["end"], band)]
                if not ages:
                    continue
                # The age in the source's words, unless the title already says it.
                phrases = [
                    phrase for age in ages for phrase in age["phrases"]
                    if phrase.lower() not in record["title"].lower()
                ]
                entries.append({**record, "phrases": list(dict.fromkeys(phrases))})
            if entries:
                kinds.append({"key": key, "heading": kind.heading, "entries": entries})
        bands.append({"band": band, "kinds": kinds})
    return bands


def visit_leeftijdswijzer_html(self, node: leeftijdswijzer) -> None:
    builder = self.builder
    bands = guide(builder.env)
    for band in bands:
        for kind in band["kinds"]:
            for entry in kind["entries"]:
                page = builder.get_relative_uri(builder.current_docname, entry["docname"])
                # singlehtml answers "#document-..."; there the anchor alone is the address.
                entry["href"] = page.split("#", 1)[0] + "#" + entry["anchor"]
    self.body.append(render("leeftijd_wijzer.html", bands=bands, level=heading_level(node)))
    raise nodes.SkipNode


class PlainGuide(PlainOutputTransform):
    """For builders other than HTML: each band as a bold line with a list of its entries."""

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(leeftijdswijzer)):
            parts: list[nodes.Node] = []
            for band in guide(self.env):
                parts.append(nodes.paragraph("", "", nodes.strong("", band["band"].label)))
                for kind in band["kinds"]:
                    parts.append(nodes.paragraph("", "", nodes.emphasis("", kind["heading"])))
                    entries = nodes.bullet_list()
                    for entry in kind["entries"]:
                        words = " · ".join(entry["phrases"])
                        line = entry["title"] + (f" ({words})" if words else "")
                        item = nodes.list_item("", nodes.paragraph("", line))
                        if entry["excerpt"]:
                            item += nodes.paragraph("", entry["excerpt"])
                        for tip in entry["tips"]:
                            item += nodes.paragraph("", f"{tip['number']}. {tip['text']}")
                        entries += item
                    parts.append(entries)
            node.replace_self(parts)


# ---------------------------------------------------------------------------------------------
# Consultation cards

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
            needs_script(self.env, "jgz-gedeeld.js")
            needs_script(self.env, "jgz-kopieer.js")
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


def _reference(label: str, text: str, docname: str) -> addnodes.pending_xref:
    """A link to a label that the reference resolver checks (a missing label breaks the build)."""
    link = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=label, refexplicit=True, refwarn=True,
        refdoc=docname,
    )
    link += nodes.inline("", text)
    return link


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
                line += nodes.strong("", "", _reference(record["anchor"], f"Aanbeveling {record['number']}", docname))
                # The first paragraph, not the whole text: a sub-list's "a." is no sentence end.
                first = _first_paragraph(record["body"])
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
                return [nodes.container("", FillOverviews._copy(record, docname), classes=["jgz-kaart"])]
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
        caption = _normal(title.astext()) if title is not None else self.env.titles[source_doc].astext()
        if isinstance(body, nodes.section):
            # A label above a heading: the part's text, without the heading, which the source line
            # names.  (A section without its ids cannot be written: HTML numbers it by its id.)
            body = nodes.container("", *body.children[1:])
        header = [nodes.paragraph("", "", nodes.Text("Uit de richtlijn: "), _reference(label, caption, docname),
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
    """A copy without ids (the original keeps them) and without footnote marks."""
    body = element.deepcopy()  # docutils' own copy: children only, not the whole document
    for node in list(body.findall(nodes.footnote_reference)):
        node.parent.remove(node)
    for node in body.findall(nodes.Element):
        node["ids"] = []
        node["names"] = []
        if isinstance(node, addnodes.pending_xref):
            node["refdoc"] = docname
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
    text = _normal(" ".join(child.astext() for child in footnote.children if not isinstance(child, nodes.label)))
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


# ---------------------------------------------------------------------------------------------


def reread_consumers(app: Sphinx, env, added, changed, removed) -> list[str]:
    """The guide and the cards show other pages' text: read them again when any page changed."""
    if not (added or changed or removed):
        return []
    return [docname for docname in getattr(env, consumers.key, {}) if docname not in changed]


def setup(app: Sphinx) -> None:
    from . import incremental
    from .aanbeveling import recommendations

    app.add_node(
        leeftijd_tag, html=(skip_node, None), latex=(skip_node, None), text=(skip_node, None),
        man=(skip_node, None), texinfo=(skip_node, None),
    )
    app.add_node(leeftijdswijzer, html=(visit_leeftijdswijzer_html, None))
    app.add_node(kaart_uittreksel)
    app.add_node(kaart_aanbevelingen)
    app.add_directive("leeftijd", LeeftijdDirective)
    app.add_directive("leeftijdswijzer", LeeftijdswijzerDirective)
    app.add_directive("kaart-uittreksel", KaartUittrekselDirective)
    app.add_directive("kaart-aanbevelingen", KaartAanbevelingenDirective)
    app.add_transform(AttachTags)
    app.add_post_transform(PlainGuide)
    app.add_post_transform(FillCards)
    items.connect(app)
    consumers.connect(app)
    app.connect("doctree-read", collect_items)
    incremental.draws_from(app, consumers, items, recommendations)  # instead of reading them again
