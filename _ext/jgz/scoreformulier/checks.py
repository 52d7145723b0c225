"""Cross-field rules of a form: the totals answers can give, bands and gaps that cover them
exactly, the limits of ``begrenzen`` and combinations of items to tick."""

from ..yamldata import YamlMap
from .reader import Checker

BAND_KEYS = ("van", "tot", "titel", "tekst", "lijst", "bron")
GAP_KEYS = ("van", "tot", "tekst")
CLAMP_KEYS = ("van", "tot", "onder", "boven")
COMBINATION_KEYS = ("items", "titel", "tekst", "bron")


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


def clamp(form: YamlMap, model: dict, checker: Checker) -> dict | None:
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


def bands(form: YamlMap, model: dict, checker: Checker) -> tuple[list[dict], list[dict]]:
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


def combinations(form: YamlMap, model: dict, checker: Checker) -> list[dict]:
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

