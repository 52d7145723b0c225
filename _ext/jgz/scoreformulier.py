"""Scoring and checklist forms (``scoreformulier``) that add up and interpret answers in the browser.

``:::{scoreformulier} _data/formulier-lsvg.yaml`` (or the YAML in the directive's body) describes
one form: items with answer options and points, the rule (``som`` or ``aantal``), interpretation
bands, and the MDCalc-style sections around it (what it is for, when to use it and when not,
cautions, source, copyright).  The build validates the data and fails with file, line and a
Dutch message; it renders a paper form with the interpretation table (readers without JavaScript,
print, text and LaTeX builders); ``jgz-score.js`` (pure scoring, shared by all forms) and
``jgz-scoreformulier.js`` (the page) compute the result in the browser.  Nothing is stored or sent.

The form gets the Sphinx label ``formulier-<id>``, so guideline pages can link to it with
``{ref}`LSVG invullen <formulier-lsvg>```.  A link may open the form pre-set:
``#formulier-<id>:<item>/<item>=<answer>`` (see ``preset_fragment``); the training cases check
such presets against the items recorded in ``forms``.  The editors' manual is
``docs/scoreformulier.md``.
"""

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .assets import heading_level, needs_script, needs_stylesheet
from .datadirective import unknown_option
from .rendering import PlainOutputTransform, render
from .store import DocumentStore
from .yamldata import DataError, YamlList, YamlMap, load

logger = logging.getLogger(__name__)

# Per form: its id, page and items with their answers, for links that open it pre-set (casus.py).
forms = DocumentStore("jgz_formulieren")

RULES = ("som", "aantal")
IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Rich text: plain text with {ref}`Zichtbare woorden <label>`, <https://...> and
# [zichtbare woorden](https://...) links.
RICH_TOKEN = re.compile(
    r"\{ref\}`(?P<title>[^`<]+?)\s*<(?P<label>[^`<>]+)>`"
    r"|<(?P<url>https?://[^\s<>]+)>"
    r"|\[(?P<link_text>[^\]]+)\]\((?P<link_url>https?://[^\s()]+)\)"
    r"|(?P<role>\{[a-z:-]+\}`[^`]*`)"
)

FORM_KEYS = (
    "id", "titel", "doel", "gebruiken", "niet-gebruiken", "let-op", "regel", "totaal-label",
    "begrenzen", "domeinen", "groepen", "banden", "gaten", "geen-banden", "combinaties", "bij-uitslag",
    "bron", "copyright", "voorbehoud", "vooraf",
)
REQUIRED_FORM_KEYS = ("id", "titel", "doel", "bron", "copyright", "voorbehoud", "regel", "groepen")
GROUP_KEYS = ("id", "titel", "kort", "toelichting", "bron", "domein", "items")
ITEM_KEYS = ("id", "tekst", "kort", "bron", "opties", "punten")
PART_KEYS = ("deel", "items")
OPTION_KEYS = ("tekst", "punten")
DOMAIN_KEYS = ("id", "titel", "toelichting")
BAND_KEYS = ("van", "tot", "titel", "tekst", "lijst", "bron")
GAP_KEYS = ("van", "tot", "tekst")
CLAMP_KEYS = ("van", "tot", "onder", "boven")
COMBINATION_KEYS = ("items", "titel", "tekst", "bron")


class scoreformulier(nodes.General, nodes.Element):
    """A form; ``node["form"]`` is the validated model, the children are its rich-text fragments."""


def load_yaml(text: str):
    """A form's YAML with line numbers; numbers stay numbers (points, band limits)."""
    return load(text, empty="het formulier is leeg.", typed=True)


# --- Validation ------------------------------------------------------------------------------


class Checker:
    """Collects every mistake with its line, so an editor sees them all in one build."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []
        self.fragments: list[tuple[str, list, int]] = []  # (key, parts, line) of each rich text

    def error(self, line: int, message: str) -> None:
        self.errors.append(DataError(line, message))

    def mapping(self, value, line: int, what: str) -> YamlMap | None:
        if isinstance(value, YamlMap):
            return value
        self.error(line, f"{what} moet een blok met sleutels zijn (sleutel: waarde).")
        return None

    def sequence(self, mapping: YamlMap, key: str, what: str, required=False) -> YamlList:
        if key not in mapping:
            if required:
                self.error(mapping.line, f"{what}: '{key}' ontbreekt.")
            return YamlList()
        value = mapping[key]
        if not isinstance(value, YamlList) or (required and not value):
            self.error(
                mapping.key_lines[key],
                f"{what}: '{key}' moet een lijst zijn met minstens één onderdeel "
                "(regels die met '- ' beginnen).",
            )
            return YamlList()
        return value

    def keys(self, mapping: YamlMap, allowed, required, what: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.error(
                    mapping.key_lines[key],
                    f"{what}: onbekende sleutel '{key}'. Toegestaan: {', '.join(allowed)}.",
                )
        for key in required:
            if key not in mapping:
                self.error(mapping.line, f"{what}: '{key}' ontbreekt.")

    def plain(self, mapping: YamlMap, key: str, what: str, default=None) -> str | None:
        """A name or label: one line of plain text, without references."""
        if key not in mapping:
            return default
        value, line = mapping[key], mapping.key_lines[key]
        if not _is_text(value):
            self.error(line, f"{what}: '{key}' moet een tekst zijn en mag niet leeg zijn.")
            return default
        text = " ".join(str(value).split())
        if "{ref}" in text or RICH_TOKEN.search(text):
            self.error(line, f"{what}: '{key}' is een naam; daarin kan geen verwijzing of link staan.")
        return text

    def integer(self, mapping: YamlMap, key: str, what: str) -> int | None:
        if key not in mapping:
            return None
        value = mapping[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                mapping.key_lines[key], f"{what}: '{key}' moet een geheel getal zijn (nu: {value!r})."
            )
            return None
        return value

    def identifier(self, mapping: YamlMap, what: str, seen: dict, default: str = "") -> str:
        if "id" not in mapping:
            return default
        value, line = mapping["id"], mapping.key_lines["id"]
        if not isinstance(value, str) or not IDENTIFIER.match(value):
            self.error(
                line, f"{what}: id '{value}' mag alleen kleine letters, cijfers en streepjes bevatten."
            )
            return default
        if value in seen:
            self.error(
                line, f"{what}: id '{value}' komt twee keer voor (eerder op regel {seen[value]})."
            )
        seen[value] = line
        return value

    def rich(self, value, line: int, what: str) -> str | None:
        """Register a text with references and links; returns the key of its fragment."""
        if not _is_text(value):
            self.error(line, f"{what} moet een tekst zijn en mag niet leeg zijn.")
            return None
        try:
            parts = parse_rich(" ".join(str(value).split()))
        except ValueError as error:
            self.error(line, f"{what}: {error}")
            return None
        key = f"t{len(self.fragments)}"
        self.fragments.append((key, parts, line))
        return key

    def rich_key(self, mapping: YamlMap, key: str, what: str) -> str | None:
        if key not in mapping:
            return None
        return self.rich(mapping[key], mapping.key_lines[key], f"{what}: '{key}'")

    def rich_list(self, mapping: YamlMap, key: str, what: str) -> list[str]:
        entries = self.sequence(mapping, key, what)
        keys = [
            self.rich(value, entries.item_lines[index], f"{what}: '{key}', punt {index + 1}")
            for index, value in enumerate(entries)
        ]
        return [fragment for fragment in keys if fragment]


def _is_text(value) -> bool:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return False
    return bool(str(value).strip())


REF_FORM = "{ref}`Zichtbare woorden <label>`"


def parse_rich(text: str) -> list[tuple]:
    """Split text into ("text", s), ("ref", title, label) and ("url", address, words) parts."""
    parts: list[tuple] = []
    position = 0
    for match in RICH_TOKEN.finditer(text):
        if match["role"]:
            if match["role"].startswith("{ref}"):
                raise ValueError(f"'{match['role']}': een verwijzing moet de vorm {REF_FORM} hebben.")
            raise ValueError(
                f"'{match['role']}' wordt niet ondersteund; verwijs met {REF_FORM} of een link als "
                "<https://...>."
            )
        if match.start() > position:
            parts.append(("text", text[position : match.start()]))
        if match["url"]:
            parts.append(("url", match["url"], match["url"]))
        elif match["link_url"]:
            parts.append(("url", match["link_url"], match["link_text"].strip()))
        else:
            parts.append(("ref", match["title"].strip(), match["label"].strip()))
        position = match.end()
    rest = text[position:]
    if "{ref}" in rest:
        raise ValueError(f"een verwijzing moet de vorm {REF_FORM} hebben.")
    if rest:
        parts.append(("text", rest))
    return parts


def plain_text(parts: list[tuple]) -> str:
    """The words of a text as a reader sees them; a link with its own words keeps its address."""
    words = []
    for part in parts:
        if part[0] == "url" and part[2] != part[1]:
            words.append(f"{part[2]} ({part[1]})")
        else:
            words.append(part[1])
    return "".join(words)


def validate(data, checker: Checker) -> dict | None:
    """Turn the YAML into the form model; every mistake is collected in ``checker``."""
    form = checker.mapping(data, getattr(data, "line", 1), "het formulier")
    if form is None:
        return None
    what = "formulier"
    checker.keys(form, FORM_KEYS, REQUIRED_FORM_KEYS, what)
    model: dict = {
        "id": checker.identifier(form, what, {}, default="formulier"),
        "titel": checker.plain(form, "titel", what, default=""),
        "doel": checker.rich_key(form, "doel", what),
        "gebruiken": checker.rich_list(form, "gebruiken", what),
        "niet_gebruiken": checker.rich_list(form, "niet-gebruiken", what),
        "let_op": checker.rich_list(form, "let-op", what),
        "bron": checker.rich_key(form, "bron", what),
        "copyright": checker.rich_key(form, "copyright", what),
        "voorbehoud": checker.plain(form, "voorbehoud", what, default=""),
        "totaal_label": checker.plain(form, "totaal-label", what, default="Totaal"),
        "geen_banden": checker.rich_key(form, "geen-banden", what),
        "bij_uitslag": checker.rich_list(form, "bij-uitslag", what),
        "regel": "som",
    }
    # The line above the form: what must be read before use (age, "geen diagnose").
    model["vooraf"] = checker.plain(form, "vooraf", what) or model["voorbehoud"]
    if "regel" in form:
        if form["regel"] in RULES:
            model["regel"] = form["regel"]
        else:
            checker.error(
                form.key_lines["regel"],
                f"formulier: regel '{form['regel']}' is onbekend; kies 'som' (punten optellen) of "
                "'aantal' (aangevinkte items tellen).",
            )
    model["domeinen"] = _domains(form, checker)
    model["groepen"], model["items"] = _groups(form, model, checker)
    model["begrenzen"] = _clamp(form, model, checker)
    model["banden"], model["gaten"] = _bands(form, model, checker)
    model["combinaties"] = _combinations(form, model, checker)
    model["platte_tekst"] = {key: plain_text(parts) for key, parts, _ in checker.fragments}
    return model


def _domains(form: YamlMap, checker: Checker) -> list[dict]:
    domains, seen = [], {}
    entries = checker.sequence(form, "domeinen", "formulier")
    for index, entry in enumerate(entries):
        what = f"domein {index + 1}"
        entry = checker.mapping(entry, entries.item_lines[index], what)
        if entry is None:
            continue
        checker.keys(entry, DOMAIN_KEYS, ("id", "titel"), what)
        domains.append(
            {
                "id": checker.identifier(entry, what, seen),
                "titel": checker.plain(entry, "titel", what, default=""),
                "toelichting": checker.rich_key(entry, "toelichting", what),
                "line": entry.line,
            }
        )
    return domains


def _groups(form: YamlMap, model: dict, checker: Checker) -> tuple[list[dict], list[dict]]:
    groups, group_ids, item_ids = [], {}, {}
    entries = checker.sequence(form, "groepen", "formulier", required="groepen" in form)
    for index, entry in enumerate(entries):
        entry = checker.mapping(entry, entries.item_lines[index], f"groep {index + 1}")
        if entry is not None:
            groups.append(_group(entry, index, model, checker, group_ids, item_ids))
    used = {group["domein"] for group in groups}
    for domain in model["domeinen"]:
        if domain["id"] not in used:
            checker.error(domain["line"], f"domein '{domain['id']}' heeft geen groepen.")
    return groups, [item for group in groups for item in group_items(group)]


def group_items(group: dict) -> list[dict]:
    """The items of a group, those inside its parts included, in order."""
    return [
        item
        for element in group["onderdelen"]
        for item in (element["items"] if "items" in element else [element])
    ]


def _group(entry: YamlMap, index: int, model: dict, checker: Checker, ids: dict, item_ids: dict) -> dict:
    what = f"groep {index + 1}"
    checker.keys(entry, GROUP_KEYS, ("id", "titel", "items"), what)
    group = {
        "id": checker.identifier(entry, what, ids),
        "titel": checker.plain(entry, "titel", what, default=""),
        "toelichting": checker.rich_key(entry, "toelichting", what),
        "bron": checker.rich_key(entry, "bron", what),
        "domein": entry.get("domein"),
        "onderdelen": [],
    }
    group["kort"] = checker.plain(entry, "kort", what, default=group["titel"])
    what = f"groep '{group['id'] or index + 1}'"
    domain_ids = sorted(domain["id"] for domain in model["domeinen"])
    if domain_ids and group["domein"] not in domain_ids:
        checker.error(
            entry.key_lines.get("domein", entry.line),
            f"{what}: 'domein' moet een van de domeinen zijn ({', '.join(domain_ids)}).",
        )
    elif not domain_ids and "domein" in entry:
        checker.error(
            entry.key_lines["domein"],
            f"{what}: 'domein' {group['domein']!r} bestaat niet; er zijn geen 'domeinen'.",
        )
    elements = checker.sequence(entry, "items", what, required="items" in entry)
    for position, element in enumerate(elements):
        line = elements.item_lines[position]
        element = checker.mapping(element, line, f"{what}, item {position + 1}")
        if element is None:
            continue
        if "deel" not in element:
            group["onderdelen"].append(
                _item(element, line, f"{what}, item {position + 1}", group, None, model, checker, item_ids,
                      len(group_items(group)) + 1)
            )
            continue
        part_what = f"{what}, deel {position + 1}"
        checker.keys(element, PART_KEYS, PART_KEYS, part_what)
        part = {"deel": checker.plain(element, "deel", part_what, default=""), "items": []}
        members = checker.sequence(element, "items", part_what, required="items" in element)
        for sub, member in enumerate(members):
            member_line = members.item_lines[sub]
            member = checker.mapping(member, member_line, f"{part_what}, item {sub + 1}")
            if member is not None:
                part["items"].append(
                    _item(member, member_line, f"{part_what}, item {sub + 1}", group, part["deel"],
                          model, checker, item_ids, len(group_items(group)) + len(part["items"]) + 1)
                )
        group["onderdelen"].append(part)
    kinds = {bool(item["opties"]) for item in group_items(group)}
    if len(kinds) > 1:
        checker.error(
            entry.line,
            f"{what}: bevat zowel vragen met antwoordopties als aan te vinken items; zet ze in "
            "aparte groepen.",
        )
    group["soort"] = "keuze" if kinds == {True} else "vink"
    group["aantal"] = len(group_items(group))
    return group


def _item(entry: YamlMap, line, what, group, part, model, checker: Checker, seen: dict, number: int) -> dict:
    """An item; without an ``id`` it is ``<group>-<number>``, counted within its group (parts
    included), so that adding an item to one group leaves the ids of the others as they were."""
    checker.keys(entry, ITEM_KEYS, ("tekst",), what)
    item = {
        "id": checker.identifier(entry, what, seen, default=f"{group['id'] or 'groep'}-{number}"),
        "tekst": checker.plain(entry, "tekst", what, default=""),
        "bron": checker.rich_key(entry, "bron", what),
        "groep": group["id"],
        "deel": part,
        "opties": [],
        "punten": None,
    }
    seen.setdefault(item["id"], line)
    item["kort"] = checker.plain(entry, "kort", what, default=item["tekst"])
    what = f"item '{item['kort']}'" if item["kort"] else what
    if "opties" in entry and "punten" in entry:
        checker.error(
            line,
            f"{what}: heeft zowel 'opties' als 'punten'. Een vraag krijgt punten per optie; een "
            "aan te vinken item krijgt 'punten', of bij regel 'aantal' niets.",
        )
    if "opties" in entry:
        item["opties"] = _options(entry, what, model, checker)
    elif model["regel"] == "som":
        if "punten" not in entry:
            checker.error(
                line,
                f"{what}: heeft geen punten. Geef een vraag 'opties' met punten, of een aan te "
                "vinken item 'punten: <getal>'.",
            )
        item["punten"] = checker.integer(entry, "punten", what) or 0
    elif "punten" in entry:
        checker.error(
            entry.key_lines["punten"],
            f"{what}: bij regel 'aantal' telt elk aangevinkt item als één; laat 'punten' weg.",
        )
    return item


def _options(entry: YamlMap, what: str, model: dict, checker: Checker) -> list[dict]:
    if model["regel"] == "aantal":
        checker.error(
            entry.key_lines["opties"],
            f"{what}: bij regel 'aantal' telt elk aangevinkt item als één; antwoordopties horen "
            "bij regel 'som'.",
        )
    entries = checker.sequence(entry, "opties", what, required=True)
    options, texts = [], {}
    for index, option in enumerate(entries):
        line, option_what = entries.item_lines[index], f"{what}, optie {index + 1}"
        option = checker.mapping(option, line, option_what)
        if option is None:
            continue
        checker.keys(option, OPTION_KEYS, ("tekst",), option_what)
        text = checker.plain(option, "tekst", option_what, default="")
        if "punten" not in option:
            checker.error(
                line, f"{option_what} ('{text}'): heeft geen punten. Geef elke optie 'punten: <getal>'."
            )
        points = checker.integer(option, "punten", option_what)
        if text in texts:
            checker.error(
                line, f"{what}: optie '{text}' staat twee keer in de lijst (eerder op regel {texts[text]}).",
            )
        texts.setdefault(text, line)
        options.append({"tekst": text, "punten": points or 0})
    if 0 < len(entries) < 2:
        checker.error(entries.line, f"{what}: een vraag heeft minstens twee antwoordopties.")
    return options


def item_values(model: dict, item: dict) -> set[int]:
    """The points one item can add: one of its options', or nothing or its points when ticked."""
    if item["opties"]:
        return {option["punten"] for option in item["opties"]}
    return {0, 1 if model["regel"] == "aantal" else (item["punten"] or 0)}


def raw_totals(model: dict) -> set[int]:
    """Every total a completed form can reach before ``begrenzen``: the sums of one value per
    item (a subset sum for items to tick), computed exactly rather than as a min-max range,
    because a range holds totals no answers give (with points 0 and 2, the total 1)."""
    totals = {0}
    for item in model["items"]:
        values = item_values(model, item)
        totals = {total + value for total in totals for value in values}
    return totals


def possible_totals(model: dict) -> list[int]:
    """The totals a completed form can show, after the limits of ``begrenzen``, ascending."""
    totals = raw_totals(model)
    clamp = model["begrenzen"]
    if clamp:
        totals = {min(max(total, clamp["van"]), clamp["tot"]) for total in totals}
    return sorted(totals)


def possible_range(model: dict) -> tuple[int, int]:
    """The lowest and highest total a completed form can show."""
    totals = possible_totals(model)
    return totals[0], totals[-1]


def _clamp(form: YamlMap, model: dict, checker: Checker) -> dict | None:
    if "begrenzen" not in form:
        return None
    what = "begrenzen"
    entry = checker.mapping(form["begrenzen"], form.key_lines["begrenzen"], what)
    if entry is None:
        return None
    checker.keys(entry, CLAMP_KEYS, ("van", "tot"), what)
    low, high = checker.integer(entry, "van", what), checker.integer(entry, "tot", what)
    if low is None or high is None:
        return None
    if low > high:
        checker.error(entry.line, f"begrenzen: 'van' ({low}) is groter dan 'tot' ({high}).")
        return None
    totals = raw_totals(model)
    raw_low, raw_high = min(totals), max(totals)
    if low < raw_low or high > raw_high:
        checker.error(
            entry.line,
            f"begrenzen: {low} tot {high} ligt buiten de mogelijke totalen ({raw_low} tot {raw_high}).",
        )
    clamp = {"van": low, "tot": high}
    sides = (("onder", f"onder {low}", raw_low < low), ("boven", f"boven {high}", raw_high > high))
    for key, side, reachable in sides:
        if reachable and key not in entry:
            checker.error(
                entry.line,
                f"begrenzen: een totaal kan {side} uitkomen; zeg onder '{key}' wat dan getoond wordt "
                "en of de richtlijn dit geval beschrijft.",
            )
        clamp[key] = checker.rich_key(entry, key, what)
    return clamp


def _bands(form: YamlMap, model: dict, checker: Checker) -> tuple[list[dict], list[dict]]:
    items_valid = not checker.errors  # the possible totals are known only for valid items
    bands = _band_list(form, "banden", "band", BAND_KEYS, checker)
    gaps = _band_list(form, "gaten", "gat", GAP_KEYS, checker)
    if "banden" in form and "geen-banden" in form:
        checker.error(
            form.key_lines["geen-banden"],
            "formulier: kies 'banden' (een uitkomst per totaal) of 'geen-banden' (uitleg waarom er "
            "geen uitkomst is), niet allebei.",
        )
    if "banden" not in form and "geen-banden" not in form:
        checker.error(
            form.line,
            "formulier: 'banden' ontbreekt. Geef de banden van de uitkomst, of leg onder "
            "'geen-banden' uit waarom de bron geen afkappunten geeft.",
        )
    if gaps and not bands:
        checker.error(form.key_lines["gaten"], "formulier: 'gaten' kan alleen naast 'banden'.")
    if not bands:
        return bands, gaps
    intervals = sorted(bands + gaps, key=lambda band: (band["van"], band["tot"]))
    for previous, band in zip(intervals, intervals[1:]):
        if band["van"] <= previous["tot"]:
            checker.error(
                band["line"],
                f"{_name(band)} overlapt met {_name(previous)} (regel {previous['line']}); een "
                "totaal mag maar één uitkomst hebben.",
            )
    if items_valid:
        _cover_possible_totals(intervals, possible_totals(model), checker)
    return bands, gaps


def _cover_possible_totals(intervals: list[dict], totals: list[int], checker: Checker) -> None:
    """Bands and gaps together cover exactly the totals answers can give: each possible total has
    one outcome, no band or gap holds only totals that cannot occur, and no gap is demanded at a
    total that cannot occur.  ``intervals`` is sorted and, when valid, without overlaps."""
    low, high = totals[0], totals[-1]

    def holds_a_total(band: dict) -> bool:
        return any(band["van"] <= total <= band["tot"] for total in totals)

    for band in intervals:
        if holds_a_total(band):
            continue
        checker.error(
            band["line"],
            f"{_name(band)} bevat geen totaal dat kan voorkomen (mogelijk: {_numbers(totals)}); "
            f"haal de {band['soort']} weg of laat hem een mogelijk totaal bevatten.",
        )
    for previous, band in zip(intervals, intervals[1:]):
        missing = [total for total in totals if previous["tot"] < total < band["van"]]
        if missing:
            checker.error(
                band["line"],
                f"er is geen band voor {_span(missing)}. Voeg een band toe, of verklaar het gat "
                "onder 'gaten' met een tekst die zegt dat de bron er niets over zegt.",
            )
    first, last = intervals[0], intervals[-1]
    below = [total for total in totals if total < first["van"]]
    above = [total for total in totals if total > last["tot"]]
    if below:
        checker.error(
            first["line"],
            f"er is geen band voor {_span(below)}, maar het laagst mogelijke totaal is {low}. Laat de "
            f"eerste band bij {low} beginnen, voeg een band toe, of verklaar het gat onder 'gaten'.",
        )
    if first["van"] < low and holds_a_total(first):
        checker.error(
            first["line"],
            f"{_name(first)} begint onder het laagst mogelijke totaal ({low}); laat de band bij "
            f"{low} beginnen.",
        )
    if above:
        checker.error(
            last["line"],
            f"er is geen band voor {_span(above)}, maar het hoogst mogelijke totaal is {high}. Laat de "
            f"laatste band tot en met {high} lopen, voeg een band toe, of verklaar het gat onder 'gaten'.",
        )
    if last["tot"] > high and holds_a_total(last):
        checker.error(
            last["line"],
            f"{_name(last)} loopt verder dan het hoogst mogelijke totaal ({high}); laat de band bij "
            f"{high} eindigen.",
        )


def _combinations(form: YamlMap, model: dict, checker: Checker) -> list[dict]:
    """Items that together mean more than their count, such as the three criteria for which the
    guideline calls a direct referral indicated.  Each names the items to tick, by ``id``."""
    ticks = {item["id"]: item for item in model["items"] if not item["opties"]}
    combinations = []
    entries = checker.sequence(form, "combinaties", "formulier")
    for index, entry in enumerate(entries):
        what = f"combinatie {index + 1}"
        entry = checker.mapping(entry, entries.item_lines[index], what)
        if entry is None:
            continue
        checker.keys(entry, COMBINATION_KEYS, COMBINATION_KEYS, what)
        members = checker.sequence(entry, "items", what, required="items" in entry)
        ids: list[str] = []
        for position, member in enumerate(members):
            line = members.item_lines[position]
            if member in ids:
                checker.error(line, f"{what}: item '{member}' staat twee keer in de lijst.")
            elif isinstance(member, str) and member in ticks:
                ids.append(member)
            elif any(item["id"] == member for item in model["items"]):
                checker.error(
                    line,
                    f"{what}: item '{member}' is een vraag met antwoordopties; een combinatie bestaat "
                    "uit aan te vinken items.",
                )
            else:
                checker.error(
                    line,
                    f"{what}: item '{member}' bestaat niet in dit formulier; kies uit de id's van de "
                    f"aan te vinken items: {', '.join(ticks) or 'er zijn er geen'}.",
                )
        if len(members) == 1:
            checker.error(members.line, f"{what}: een combinatie heeft minstens twee items.")
        combinations.append(
            {
                "items": ids,
                "namen": [ticks[member]["kort"] for member in ids],
                "titel": checker.plain(entry, "titel", what, default=""),
                "tekst": checker.rich_key(entry, "tekst", what),
                "bron": checker.rich_key(entry, "bron", what),
            }
        )
    return combinations


def _name(band: dict) -> str:
    return f"{band['soort']} {band['van']}-{band['tot']}"


def _span(totals: list[int]) -> str:
    """"het totaal 1", "de totalen 1 tot en met 3" or "de totalen 1, 3 en 5 tot en met 7"."""
    return f"het totaal {totals[0]}" if len(totals) == 1 else f"de totalen {_numbers(totals)}"


def _numbers(totals: list[int]) -> str:
    """Ascending whole numbers in words, a run of consecutive numbers as "a tot en met b"."""
    runs: list[list[int]] = []
    for total in totals:
        if runs and total == runs[-1][-1] + 1:
            runs[-1].append(total)
        else:
            runs.append([total])
    words = [str(run[0]) if len(run) == 1 else f"{run[0]} tot en met {run[-1]}" for run in runs]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def _band_list(form: YamlMap, key: str, kind: str, allowed, checker: Checker) -> list[dict]:
    entries = checker.sequence(form, key, "formulier")
    bands = [
        _band(entry, entries.item_lines[index], f"{kind} {index + 1}", kind, allowed, checker)
        for index, entry in enumerate(entries)
    ]
    return [band for band in bands if band]


def _band(entry, line: int, what: str, kind: str, allowed, checker: Checker) -> dict | None:
    entry = checker.mapping(entry, line, what)
    if entry is None:
        return None
    required = ("van", "tot", "titel", "tekst") if kind == "band" else ("van", "tot", "tekst")
    checker.keys(entry, allowed, required, what)
    low, high = checker.integer(entry, "van", what), checker.integer(entry, "tot", what)
    if low is None or high is None:
        return None
    if low > high:
        checker.error(line, f"{what}: 'van' ({low}) is groter dan 'tot' ({high}).")
        return None
    return {
        "soort": kind,
        "van": low,
        "tot": high,
        "line": line,
        "tekst": checker.rich_key(entry, "tekst", what),
        "titel": checker.plain(entry, "titel", what, default=""),
        "lijst": checker.rich_list(entry, "lijst", what),
        "bron": checker.rich_key(entry, "bron", what),
    }


def outcome_rows(model: dict) -> list[dict]:
    """The interpretation table for paper: bands and declared gaps in the order of the total."""
    rows = [dict(band, index=index) for index, band in enumerate(model["banden"])]
    rows += [dict(gap, index=index) for index, gap in enumerate(model["gaten"])]
    rows.sort(key=lambda row: row["van"])
    for row in rows:
        row["bereik"] = str(row["van"]) if row["van"] == row["tot"] else f"{row['van']}–{row['tot']}"
    return rows


def outcome_for(model: dict, total: int) -> tuple[str, int] | None:
    """("band", index) or ("gat", index) for a (limited) total: the build's twin of the script."""
    for key in ("banden", "gaten"):
        for index, band in enumerate(model[key]):
            if band["van"] <= total <= band["tot"]:
                return band["soort"], index
    return None


# --- Presets: a link that opens the form with answers ---------------------------------------


def form_record(model: dict, docname: str) -> dict:
    """What a link to the form may pre-set: each item, its short name and, for a question, the
    texts of its answers (None for an item to tick)."""
    return {
        "id": model["id"],
        "titel": model["titel"],
        "docname": docname,
        "items": [
            {"id": item["id"], "kort": item["kort"],
             "opties": [option["tekst"] for option in item["opties"]] or None}
            for item in model["items"]
        ],
    }


def preset_fragment(answers: list[tuple[str, int | None]]) -> str:
    """What follows ``#formulier-<id>:`` in a link: ``<item>`` ticks an item, ``<item>=<n>``
    chooses answer n (counted from 1) of a question; parts separated by ``/``.  Item ids hold
    only a-z, 0-9 and '-', so the parts need no escaping.  jgz-scoreformulier.js reads it."""
    return "/".join(item if number is None else f"{item}={number}" for item, number in answers)


# --- Directive -------------------------------------------------------------------------------


def _fragment_nodes(parts: list[tuple], source: str, line: int) -> list[nodes.Node]:
    """Text, links and cross-references.  A reference that does not resolve is reported at
    ``source:line``: the line of the YAML where it is written."""
    result: list[nodes.Node] = []
    for part in parts:
        if part[0] == "text":
            result.append(nodes.Text(part[1]))
        elif part[0] == "url":
            result.append(nodes.reference(part[2], part[2], refuri=part[1]))
        else:
            _, title, label = part
            xref = addnodes.pending_xref(
                "", refdomain="std", reftype="ref", reftarget=label, refexplicit=True, refwarn=True
            )
            xref += nodes.inline(title, title)
            xref.source, xref.line = source, line
            result.append(xref)
    return result


class ScoreformulierDirective(SphinxDirective):
    """``:::{scoreformulier} _data/formulier-x.yaml``, or the YAML as the directive's body."""

    optional_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        if (instead := unknown_option(self, "scoreformulier")) is not None:
            return instead
        text, source, first_line = self._read()
        checker = Checker()
        model = None
        try:
            model = validate(load_yaml(text), checker)
        except DataError as error:
            checker.errors.insert(0, error)
        if model and not checker.errors and f"formulier-{model['id']}" in self.state.document.ids:
            checker.error(1, f"id '{model['id']}' wordt al gebruikt door een ander formulier op de pagina.")
        if checker.errors:
            for error in sorted(checker.errors, key=lambda error: error.line):
                logger.warning(
                    "scoreformulier: %s", error.message,
                    location="%s:%s" % self._position(source, first_line, error.line),
                    type="jgz", subtype="scoreformulier",
                )
            message = (f"Scoreformulier niet getoond: {len(checker.errors)} fout(en) in de invoer; "
                       "zie de meldingen van de build.")
            return [nodes.paragraph("", message, classes=["jgz-score-fout"])]

        anchor = f"formulier-{model['id']}"
        node = scoreformulier("", form=model, classes=["jgz-score"])
        node["ids"].append(anchor)
        node["names"].append(anchor)
        self.state.document.note_explicit_target(node)
        self.set_source_info(node)
        for key, parts, line in checker.fragments:
            content = _fragment_nodes(parts, *self._position(source, first_line, line))
            node += nodes.inline("", "", *content, jgz_fragment=key)
        for script in ("jgz-gedeeld.js", "jgz-score.js", "jgz-scoreformulier.js"):
            needs_script(self.env, script)
        needs_stylesheet(self.env, "jgz-scoreformulier.css")
        needs_script(self.env, "jgz-tabellen.js")  # the outcome table scrolls sideways on a phone
        forms.add(self.env, form_record(model, self.env.docname))
        return [node]

    def _read(self) -> tuple[str, str | None, int]:
        """The YAML text, its file (None for the body) and the page's line of its first line."""
        body = "\n".join(self.content)
        if self.arguments and body.strip():
            raise self.error(
                "scoreformulier: geef het formulier óf als bestand (argument) óf in de tekst van de "
                "directive, niet allebei."
            )
        if not self.arguments:
            if not body.strip():
                raise self.error(
                    "scoreformulier: het formulier ontbreekt. Geef een YAML-bestand als argument "
                    "(bijvoorbeeld _data/formulier-lsvg.yaml) of zet de YAML in de directive."
                )
            # MyST counts the content offset from the directive's own line.
            return body, None, self.lineno + 1 + self.content_offset
        relative, absolute = self.env.relfn2path(self.arguments[0].strip(), self.env.docname)
        path = Path(absolute)
        if path.suffix not in (".yaml", ".yml"):
            raise self.error(f"scoreformulier: '{self.arguments[0]}' is geen YAML-bestand (.yaml).")
        self.env.note_dependency(absolute)
        if not path.is_file():
            raise self.error(f"scoreformulier: het bestand '{relative}' bestaat niet.")
        return path.read_text(encoding="utf-8"), str(path), 1

    def _position(self, source: str | None, first_line: int, line: int) -> tuple[str, int]:
        """File and line of a line of the YAML (a line of the page itself for the body)."""
        if source:
            return source, line
        return str(self.env.doc2path(self.env.docname)), first_line + line - 1


# --- HTML ------------------------------------------------------------------------------------


def _segments(fragment: nodes.Element) -> list[dict]:
    """A resolved fragment as text and link segments for the template, which escapes them."""
    segments = []
    for child in fragment.children:
        if isinstance(child, nodes.reference):
            href = child.get("refuri") or "#" + child.get("refid", "")
            external = "://" in child.get("refuri", "")
            segments.append({"text": child.astext(), "href": href, "external": external})
        else:
            segments.append({"text": child.astext(), "href": None, "external": False})
    return segments


def client_data(model: dict) -> dict:
    """What the scripts need, as plain text; the keys are English because they are code."""
    plain = model["platte_tekst"]

    def text(key):
        return plain[key] if key else None

    clamp = model["begrenzen"]
    return {
        "id": model["id"],
        "title": model["titel"],
        "rule": model["regel"],
        "totalLabel": model["totaal_label"],
        "clamp": clamp and {
            "min": clamp["van"], "max": clamp["tot"],
            "below": text(clamp["onder"]), "above": text(clamp["boven"]),
        },
        "domains": [{"id": domain["id"], "title": domain["titel"]} for domain in model["domeinen"]],
        "groups": [
            {
                "id": group["id"], "title": group["titel"], "short": group["kort"],
                "domain": group["domein"], "kind": group["soort"], "size": group["aantal"],
            }
            for group in model["groepen"]
        ],
        "items": [
            {
                "id": item["id"], "text": item["tekst"], "short": item["kort"],
                # The part's sub-heading without a closing colon: the scripts write "<part>: <item>".
                "group": item["groep"], "part": item["deel"] and item["deel"].rstrip(":"),
                "points": item["punten"],
                "options": [{"text": o["tekst"], "points": o["punten"]} for o in item["opties"]] or None,
            }
            for item in model["items"]
        ],
        "bands": [
            {
                "min": band["van"], "max": band["tot"], "title": band["titel"],
                "text": text(band["tekst"]), "list": [text(key) for key in band["lijst"]],
            }
            for band in model["banden"]
        ],
        "gaps": [
            {"min": gap["van"], "max": gap["tot"], "text": text(gap["tekst"])} for gap in model["gaten"]
        ],
        "combinations": [
            {"items": combination["items"], "title": combination["titel"],
             "text": text(combination["tekst"]), "source": text(combination["bron"])}
            for combination in model["combinaties"]
        ],
        "noBands": text(model["geen_banden"]),
        "source": text(model["bron"]),
        "disclaimer": model["voorbehoud"],
    }


def visit_scoreformulier_html(self, node: scoreformulier) -> None:
    model = node["form"]
    segments = {child["jgz_fragment"]: _segments(child) for child in node.children}
    low, high = possible_range(model)
    self.body.append(
        render(
            "scoreformulier.html",
            form=model,
            anchor=node["ids"][0],
            rich=lambda key: segments[key] if key else [],
            level=heading_level(node),
            rows=outcome_rows(model),
            low=low,
            high=high,
            data=client_data(model),
            combinations_title=COMBINATIONS_TITLE,
        )
    )
    raise nodes.SkipNode


def depart_scoreformulier_html(self, node: scoreformulier) -> None:
    """Never reached: the visitor renders the whole form and skips the children."""


# --- Text, LaTeX and other builders ----------------------------------------------------------


class PlainForms(PlainOutputTransform):
    """For builders other than HTML: the paper form as ordinary paragraphs, lists and a table."""

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(scoreformulier)):
            node.replace_self(PaperForm(node).build())


# The heading of the table of combinations, on paper as in HTML.
COMBINATIONS_TITLE = "Combinaties van items"


class PaperForm:
    """A form as docutils nodes: ``[ ]`` for every answer, and the interpretation table."""

    def __init__(self, node: scoreformulier) -> None:
        self.node = node
        self.model = node["form"]
        self.fragments = {child["jgz_fragment"]: child for child in node.children}
        self.number = 0

    def rich(self, key) -> list[nodes.Node]:
        return [child.deepcopy() for child in self.fragments[key].children] if key else []

    @staticmethod
    def para(*content, strong: str | None = None) -> nodes.paragraph:
        paragraph = nodes.paragraph()
        if strong:
            paragraph += nodes.strong(strong, strong)
            if content:
                paragraph += nodes.Text(" ")
        paragraph.extend(content)
        return paragraph

    def bullets(self, keys) -> nodes.bullet_list:
        return self.bullet_list(self.para(*self.rich(key)) for key in keys)

    @staticmethod
    def bullet_list(paragraphs) -> nodes.bullet_list:
        return nodes.bullet_list("", *(nodes.list_item("", p) for p in paragraphs), bullet="-")

    def build(self) -> nodes.container:
        model, para = self.model, self.para
        out = nodes.container("", classes=["jgz-score"])
        out += nodes.target("", "", ids=self.node["ids"])  # the label formulier-<id>, also in LaTeX
        out += para(strong=model["titel"])
        out += para(*self.rich(model["doel"]))
        for title, key in (("Wanneer gebruiken:", "gebruiken"), ("Wanneer niet:", "niet_gebruiken"),
                           ("Let op:", "let_op")):
            if model[key]:
                out += [para(strong=title), self.bullets(model[key])]
        out += para(strong="Invullen")
        for domain in model["domeinen"] or [None]:
            if domain:
                out += para(strong=domain["titel"])
                out += [para(*self.rich(domain["toelichting"]))] if domain["toelichting"] else []
            for group in model["groepen"]:
                if not domain or group["domein"] == domain["id"]:
                    out += self.group(group)
        out += self.outcome()
        out += para(*self.rich(model["bron"]), strong="Bron:")
        out += para(*self.rich(model["copyright"]))
        return out

    def group(self, group: dict) -> list[nodes.Node]:
        result = [self.para(strong=group["titel"])]
        result += [self.para(*self.rich(key)) for key in (group["toelichting"], group["bron"]) if key]
        entries = nodes.bullet_list(bullet="-")
        for element in group["onderdelen"]:
            if "items" in element:
                ticks = self.bullet_list(
                    self.para(nodes.Text(f"[ ] {item['tekst']}")) for item in element["items"]
                )
                entries += nodes.list_item("", self.para(nodes.Text(element["deel"])), ticks)
            elif element["opties"]:
                self.number += 1
                answers = "   ".join(f"[ ] {option['tekst']}" for option in element["opties"])
                question = self.para(nodes.Text(f"{self.number}. {element['tekst']}"))
                entries += nodes.list_item("", question, self.para(nodes.Text(answers)))
            else:
                entries += nodes.list_item("", self.para(nodes.Text(f"[ ] {element['tekst']}")))
        return result + [entries]

    def outcome(self) -> list[nodes.Node]:
        model, para = self.model, self.para
        result = []
        rows = outcome_rows(model)
        if rows:
            result += [para(nodes.Text(f"{model['totaal_label']}: ______")), para(strong="Uitkomst")]
            table_rows = []
            for row in rows:
                meaning = [para(strong=row["titel"])] if row["titel"] else []
                meaning.append(para(*self.rich(row["tekst"])))
                meaning += [self.bullets(row["lijst"])] if row["lijst"] else []
                source = [para(*self.rich(row["bron"]))]
                table_rows.append([[para(nodes.Text(row["bereik"]))], meaning, source])
            result.append(_table([model["totaal_label"], "Uitkomst", "Bron"], table_rows))
            clamp = model["begrenzen"] or {}
            result += [para(*self.rich(clamp[key])) for key in ("onder", "boven") if clamp.get(key)]
        if model["geen_banden"]:
            result += [para(strong="Uitkomst"), para(*self.rich(model["geen_banden"]))]
        if model["combinaties"]:
            table_rows = [
                [[self.bullet_list(para(nodes.Text(name)) for name in combination["namen"])],
                 [para(strong=combination["titel"] + "."), para(*self.rich(combination["tekst"]))],
                 [para(*self.rich(combination["bron"]))]]
                for combination in model["combinaties"]
            ]
            result += [para(strong=COMBINATIONS_TITLE),
                       _table(["Samen aangevinkt", "Uitkomst", "Bron"], table_rows)]
        if model["bij_uitslag"]:
            result.append(self.bullets(model["bij_uitslag"]))
        return result


def _table(header: list[str], rows: list[list[list[nodes.Node]]]) -> nodes.table:
    table = nodes.table(classes=["jgz-score__tabel"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in (15, 60, 25)[: len(header)]:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=title)) for title in header))
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *(nodes.entry("", *cell) for cell in cells))
    group += body
    return table


def setup(app: Sphinx) -> None:
    app.add_node(scoreformulier, html=(visit_scoreformulier_html, depart_scoreformulier_html))
    app.add_directive("scoreformulier", ScoreformulierDirective)
    app.add_post_transform(PlainForms)
    forms.connect(app)
