"""The form model: the YAML of one form turned into plain data, field by field.

Cross-field rules (bands against the possible totals, limits, combinations) are in ``checks``.
"""

from ..yamldata import YamlMap
from .checks import bands, clamp, combinations
from .reader import RULES, Checker, plain_text

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
    model["begrenzen"] = clamp(form, model, checker)
    model["banden"], model["gaten"] = bands(form, model, checker)
    model["combinaties"] = combinations(form, model, checker)
    model["platte_tekst"] = {key: plain_text(text) for key, text, _ in checker.fragments}
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

