"""The form model: the fields of a form's YAML, each declared once (``schema``), and the model
built from the validated YAML.

The declarations say what each key holds; ``schema.validate`` checks them with the site's one
wording per kind of mistake.  What is truly cross-field (ids across groups, questions and
ticks, the rule, domains, bands against the possible totals, limits, combinations) is in
``checks``.
"""

from ..schema import Entry, Field, Group, Problems, Schema, about, entry_name
from ..schema import validate as validate_fields
from ..yamldata import DataError, YamlList, YamlMap
from . import checks
from .checks import group_items
from .reader import RULES, Checker, name_field, plain_text, rich_field

WORDS = "gewone tekst, zonder verwijzingen"
RICH = "een tekst; verwijzingen als {ref}`Zichtbare woorden <label>` en links mogen"
RICH_LIST = "een lijst met teksten (regels die met '- ' beginnen); verwijzingen en links mogen"


def name(key: str, description: str = WORDS, required: bool = False) -> Field:
    return Field(key, "custom", description, required=required, check=name_field(key, description))


def rich(key: str, description: str = RICH, required: bool = False) -> Field:
    return Field(key, "custom", description, required=required, check=rich_field(key, description))


def rich_list(key: str, description: str = RICH_LIST) -> Field:
    return Field(key, "custom", description, check=rich_field(key, description, many=True))


OPTION = Group("optie", "opties", "een groep met tekst en punten", (
    name("tekst", "het antwoord als gewone tekst", required=True),
    Field("punten", "integer", "de punten van dit antwoord, een geheel getal", required=True),
))
ITEM = Group("item", "items", "een groep met tekst, en opties (een vraag) of punten (een vinkje)", (
    Field("id", "id", "een id, uniek in het formulier"),
    name("tekst", "de vraag of het item, letterlijk uit de bron", required=True),
    name("kort", "een korte naam voor de samenvatting"),
    rich("bron"),
    Field("opties", "list", "minstens twee antwoorden, elk met tekst en punten", group=OPTION, min_items=2),
    Field("punten", "integer", "de punten als het item is aangevinkt, een geheel getal"),
))
PART = Group("deel", "delen", "een groep met deel en items", (
    name("deel", "de tussenkop van de items", required=True),
    Field("items", "list", "minstens één item", required=True, group=ITEM, min_items=1),
))


def _items(value, line: int, what: str, problems: Problems):
    """The items of a group: items, and parts (``deel``) with items of their own."""
    if not isinstance(value, YamlList) or not value:
        problems.add(line, about(what, "'items' moet een lijst zijn met minstens één item; verwacht: "
                                       "items en eventueel delen (deel en items)."))
        return None
    entries = []
    for number, (element, element_line) in enumerate(zip(value, value.item_lines), 1):
        group = PART if isinstance(element, YamlMap) and "deel" in element else ITEM
        element_id = element.get("id") if isinstance(element, YamlMap) else None
        entry = validate_fields(element, group, problems, entry_name(group, number, element_id, what), element_line)
        if entry is not None:
            entry.label = str(number)
            entries.append(entry)
    return entries


GROUP = Group("groep", "groepen", "een groep met id, titel en items", (
    Field("id", "id", "een id, uniek in het formulier", required=True),
    name("titel", "de titel van de groep", required=True),
    name("kort", "een korte naam in de uitkomst"),
    rich("toelichting"),
    rich("bron"),
    Field("domein", "id", "het id van een van de domeinen"),
    Field("items", "custom", "items, en eventueel delen (deel en items)", required=True, check=_items),
))
DOMAIN = Group("domein", "domeinen", "een groep met id, titel en eventueel toelichting", (
    Field("id", "id", "een id, uniek in het formulier", required=True),
    name("titel", "de titel van het domein", required=True),
    rich("toelichting"),
))
CLAMP = Group("begrenzen", "begrenzingen", "een groep met van en tot, en onder en boven", (
    Field("van", "integer", "het laagste totaal dat getoond wordt", required=True),
    Field("tot", "integer", "het hoogste totaal dat getoond wordt", required=True),
    rich("onder", "wat getoond wordt als het totaal onder 'van' uitkomt"),
    rich("boven", "wat getoond wordt als het totaal boven 'tot' uitkomt"),
))
BAND = Group("band", "banden", "een groep met van, tot, titel en tekst", (
    Field("van", "integer", "het laagste totaal van de band", required=True),
    Field("tot", "integer", "het hoogste totaal van de band", required=True),
    name("titel", "de uitkomst in een paar woorden", required=True),
    rich("tekst", "wat de bron over deze totalen zegt", required=True),
    rich_list("lijst"),
    rich("bron"),
))
GAP = Group("gat", "gaten", "een groep met van, tot en tekst", (
    Field("van", "integer", "het laagste totaal van het gat", required=True),
    Field("tot", "integer", "het hoogste totaal van het gat", required=True),
    rich("tekst", "een tekst die zegt dat de bron over deze totalen niets zegt", required=True),
))
COMBINATION = Group("combinatie", "combinaties", "een groep met items, titel, tekst en bron", (
    Field("items", "list", "de id's van minstens twee aan te vinken items", required=True, item="id",
          min_items=2),
    name("titel", "de uitkomst van de combinatie in een paar woorden", required=True),
    rich("tekst", "wat de bron over de combinatie zegt", required=True),
    rich("bron", "waar de bron dat zegt", required=True),
))
FORM = Group("formulier", "formulieren", "een groep sleutels: id, titel, doel, regel, groepen, bron, copyright "
             "en voorbehoud", (
    Field("id", "id", "een id, uniek op de pagina; geeft het label formulier-<id>", required=True),
    name("titel", "de naam van het formulier", required=True),
    rich("doel", "één zin: waarvoor het formulier is", required=True),
    rich_list("gebruiken"),
    rich_list("niet-gebruiken"),
    rich_list("let-op"),
    Field("regel", "choice", "som (punten optellen) of aantal (aangevinkte items tellen)", required=True,
          allowed=RULES),
    name("totaal-label", "het woord voor het totaal, bijvoorbeeld 'Aantal criteria'"),
    Field("begrenzen", "group", CLAMP.description, group=CLAMP),
    Field("domeinen", "list", "domeinen met id en titel", group=DOMAIN, unique_ids=True),
    Field("groepen", "list", "minstens één groep met items", required=True, group=GROUP, min_items=1,
          unique_ids=True),
    Field("banden", "list", "de uitkomsten per totaal", group=BAND),
    Field("gaten", "list", "totalen waarover de bron niets zegt", group=GAP),
    rich("geen-banden", "waarom er geen uitkomst in banden is"),
    Field("combinaties", "list", "combinaties van aan te vinken items", group=COMBINATION),
    rich_list("bij-uitslag"),
    rich("bron", "de bron, met verwijzingen", required=True),
    rich("copyright", "herkomst en auteursrecht", required=True),
    name("voorbehoud", "de laatste regel van de samenvatting, bijvoorbeeld 'Geen diagnose: …'", required=True),
    name("vooraf", "één korte regel boven het formulier"),
))
SCHEMA = Schema("scoreformulier", FORM, "_data/formulier-lsvg.yaml", typed=True, empty="het formulier is leeg.")


def validate(data, checker: Checker) -> dict | None:
    """The form model of loaded YAML, or None; every mistake is collected in ``checker``.  The
    cross-field rules run on the parts whose fields are right, so one build reports them all."""
    problems = Problems()
    entry = validate_fields(data, FORM, problems)
    model = build(entry, checker, problems) if entry is not None else None
    checker.errors += [DataError(line, text) for line, text in problems]
    return model if not problems else None


def build(entry: Entry, checker: Checker, problems: Problems) -> dict:
    """The model of a form; the cross-field rules add their problems.  A field with a mistake is
    missing from ``entry`` (and the entry is not ``valid``): the model then has a default, and the
    rules that need it are left out."""
    model: dict = {
        "id": str(entry.get("id", "formulier")),
        "titel": _words(entry.get("titel", "")),
        "doel": checker.rich(entry.get("doel")),
        "gebruiken": checker.rich_list(entry.get("gebruiken")),
        "niet_gebruiken": checker.rich_list(entry.get("niet-gebruiken")),
        "let_op": checker.rich_list(entry.get("let-op")),
        "bron": checker.rich(entry.get("bron")),
        "copyright": checker.rich(entry.get("copyright")),
        "voorbehoud": _words(entry.get("voorbehoud", "")),
        "totaal_label": _words(entry.get("totaal-label", "Totaal")),
        "geen_banden": checker.rich(entry.get("geen-banden")),
        "bij_uitslag": checker.rich_list(entry.get("bij-uitslag")),
        "regel": str(entry.get("regel", "som")),
    }
    # The line above the form: what must be read before use (age, "geen diagnose").
    model["vooraf"] = _words(entry.get("vooraf", model["voorbehoud"]))
    model["domeinen"] = [
        {"id": str(domain["id"]), "titel": _words(domain.get("titel", "")),
         "toelichting": checker.rich(domain.get("toelichting")), "line": domain.line}
        for domain in _valid(entry.get("domeinen")) if "id" in domain
    ]
    groups = [group for group in entry.get("groepen") or [] if group is not None]
    model["groepen"] = [_group(group, checker) for group in groups]
    model["items"] = [item for group in model["groepen"] for item in group_items(group)]
    # The possible totals are known only when every item and the rule are right.
    items_valid = "groepen" in entry and "regel" in entry and all(group.valid for group in groups)
    checks.items(entry, model, problems)
    model["begrenzen"] = checks.clamp(entry, model, checker, problems, items_valid)
    model["banden"], model["gaten"] = checks.bands(entry, model, checker, problems, items_valid)
    model["combinaties"] = checks.combinations(entry, model, checker, problems)
    model["platte_tekst"] = {key: plain_text(text) for key, text, _ in checker.fragments}
    return model


def _valid(entries) -> list[Entry]:
    """The entries of a list whose fields are all right."""
    return [entry for entry in entries or [] if entry is not None and entry.valid]


def _words(value) -> str:
    return " ".join(str(value).split())


def _group(entry: Entry, checker: Checker) -> dict:
    group = {
        "id": str(entry.get("id", "groep")),
        "titel": _words(entry.get("titel", "")),
        "toelichting": checker.rich(entry.get("toelichting")),
        "bron": checker.rich(entry.get("bron")),
        "domein": str(entry["domein"]) if "domein" in entry else None,
        "domein_ongeldig": "domein" in entry.data and "domein" not in entry,
        "onderdelen": [],
        "line": entry.line,
        "what": entry.what,
    }
    group["kort"] = _words(entry.get("kort", group["titel"]))
    number = 0
    for element in entry.get("items") or []:
        if "deel" not in element.data:
            number += 1
            group["onderdelen"].append(_item(element, group, None, number, checker))
            continue
        part = {"deel": _words(element.get("deel", "")), "items": []}
        for member in element.get("items") or []:
            number += 1
            if member is not None:
                part["items"].append(_item(member, group, part["deel"], number, checker))
        group["onderdelen"].append(part)
    items = group_items(group)
    group["soort"] = "keuze" if items and all(item["has_options"] for item in items) else "vink"
    group["aantal"] = len(items)
    return group


def _item(entry: Entry, group: dict, part: str | None, number: int, checker: Checker) -> dict:
    """An item; without an ``id`` it is ``<group>-<number>``, counted within its group (parts
    included), so that adding an item to one group leaves the ids of the others as they were."""
    item = {
        "id": str(entry.get("id", f"{group['id']}-{number}")),
        "tekst": _words(entry.get("tekst", "")),
        "bron": checker.rich(entry.get("bron")),
        "groep": group["id"],
        "deel": part,
        "opties": [{"tekst": _words(option["tekst"]), "punten": option["punten"], "line": option.line}
                   for option in _valid(entry.get("opties"))],
        "punten": entry.get("punten"),
        # For the cross-field rules: where the item stands, and what its YAML has (also a key
        # with a mistake of its own).
        "line": entry.line,
        "id_line": entry.line_of("id"),
        "what": entry.what,
        "valid": entry.valid,
        "has_id": "id" in entry,
        "has_options": "opties" in entry.data,
        "has_points": "punten" in entry.data,
    }
    item["kort"] = _words(entry.get("kort", item["tekst"]))
    return item
