"""Cross-field rules of a form: item ids across groups, questions and items to tick under the
rule, domains, the totals answers can give, bands and gaps that cover them exactly, the limits of
``begrenzen`` and combinations of items to tick.  The fields themselves are declared in ``model``."""

from ..schema import Entry, Problems, about, message
from .reader import Checker


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


def items(entry: Entry, model: dict, problems: Problems) -> None:
    """Item ids are unique in the whole form; a question has options, an item to tick has points
    under 'som' and none under 'aantal'; a group holds questions or items to tick, not both; a
    group's domain exists and every domain has groups."""
    seen: dict[str, int] = {}
    for item in model["items"]:
        if item["id"] in seen and item["has_id"]:
            duplicate = message("duplicate", value=item["id"], line=seen[item["id"]], name="item")
            problems.add(item["id_line"], about(item["what"], duplicate))
        seen.setdefault(item["id"], item["id_line"])
        if problem := _kind_of_item(item, model["regel"]):
            problems.add(item["line"], about(item["what"], problem))
        texts: dict[str, int] = {}
        for option in item["opties"]:
            if option["tekst"] in texts:
                twice = f"optie '{option['tekst']}' staat twee keer in de lijst (eerder op regel {texts[option['tekst']]})."
                problems.add(option["line"], about(item["what"], twice))
            texts.setdefault(option["tekst"], option["line"])
    domain_ids = sorted(domain["id"] for domain in model["domeinen"])
    for group in model["groepen"]:
        for problem in _group_problems(group, domain_ids):
            problems.add(group["line"], about(group["what"], problem))
    used = {group["domein"] for group in model["groepen"]}
    for domain in model["domeinen"]:
        if domain["id"] not in used:
            problems.add(domain["line"], f"domein '{domain['id']}' heeft geen groepen.")


def _kind_of_item(item: dict, rule: str) -> str | None:
    """A question has options; an item to tick has points under 'som' and none under 'aantal'."""
    options, points = item["has_options"], item["has_points"]
    if options and points:
        return ("heeft zowel 'opties' als 'punten'; verwacht: punten per optie voor een vraag, of 'punten' "
                "voor een aan te vinken item.")
    if options and rule == "aantal":
        return "bij regel 'aantal' telt elk aangevinkt item als één; antwoordopties horen bij regel 'som'."
    if not options and rule == "som" and not points:
        return ("heeft geen punten; verwacht: 'opties' met punten voor een vraag, of 'punten: <getal>' voor "
                "een aan te vinken item.")
    if not options and rule == "aantal" and points:
        return "bij regel 'aantal' telt elk aangevinkt item als één; verwacht: geen 'punten'."
    return None


def _group_problems(group: dict, domain_ids: list[str]) -> list[str]:
    """Questions and items to tick are not mixed in a group; its domain is one of the domains."""
    problems = []
    if len({item["has_options"] for item in group_items(group)}) > 1:
        problems.append("bevat zowel vragen met antwoordopties als aan te vinken items; verwacht: aparte groepen.")
    if group["domein_ongeldig"]:
        return problems  # the schema has said what is wrong with it
    if domain_ids and group["domein"] not in domain_ids:
        problems.append(f"'domein' moet een van de domeinen zijn ({', '.join(domain_ids)}).")
    elif not domain_ids and group["domein"]:
        problems.append(f"'domein' '{group['domein']}' bestaat niet; er zijn geen 'domeinen'.")
    return problems


def group_items(group: dict) -> list[dict]:
    """The items of a group, those inside its parts included, in order."""
    return [
        item
        for element in group["onderdelen"]
        for item in (element["items"] if "items" in element else [element])
    ]


def clamp(form: Entry, model: dict, checker: Checker, problems: Problems, items_valid: bool) -> dict | None:
    if "begrenzen" not in form or not form["begrenzen"].valid or not items_valid:
        return None
    entry = form["begrenzen"]
    low, high = entry["van"], entry["tot"]
    if low > high:
        problems.add(entry.line, f"begrenzen: 'van' ({low}) is groter dan 'tot' ({high}).")
        return None
    totals = raw_totals(model)
    raw_low, raw_high = min(totals), max(totals)
    if low < raw_low or high > raw_high:
        problems.add(
            entry.line,
            f"begrenzen: {low} tot {high} ligt buiten de mogelijke totalen ({raw_low} tot {raw_high}).",
        )
    result = {"van": low, "tot": high}
    sides = (("onder", f"onder {low}", raw_low < low), ("boven", f"boven {high}", raw_high > high))
    for key, side, reachable in sides:
        if reachable and key not in entry:
            problems.add(
                entry.line,
                f"begrenzen: een totaal kan {side} uitkomen; zeg onder '{key}' wat dan getoond wordt "
                "en of de richtlijn dit geval beschrijft.",
            )
        result[key] = checker.rich(entry.get(key))
    return result


def bands(form: Entry, model: dict, checker: Checker, problems: Problems,
          items_valid: bool) -> tuple[list[dict], list[dict]]:
    """Bands and gaps: each one with 'van' not above 'tot', no overlaps, and (when the items and
    all bands are right, so the possible totals are known) together exactly the possible totals."""
    clamp_right = "begrenzen" not in form.data or ("begrenzen" in form and form["begrenzen"].valid)
    lists_right = all(key not in form.data or (key in form and all(band is not None and band.valid for band in form[key]))
                      for key in ("banden", "gaten"))
    found = _band_list(form, "banden", "band", checker, problems)
    gaps = _band_list(form, "gaten", "gat", checker, problems)
    if "banden" in form.data and "geen-banden" in form.data:
        problems.add(
            form.line_of("geen-banden"),
            "formulier: kies 'banden' (een uitkomst per totaal) of 'geen-banden' (uitleg waarom er "
            "geen uitkomst is), niet allebei.",
        )
    if "banden" not in form.data and "geen-banden" not in form.data:
        problems.add(
            form.line,
            "formulier: 'banden' ontbreekt. Geef de banden van de uitkomst, of leg onder "
            "'geen-banden' uit waarom de bron geen afkappunten geeft.",
        )
    if gaps and not found:
        problems.add(form.line_of("gaten"), "formulier: 'gaten' kan alleen naast 'banden'.")
    if not found:
        return found, gaps
    intervals = sorted(found + gaps, key=lambda band: (band["van"], band["tot"]))
    for previous, band in zip(intervals, intervals[1:]):
        if band["van"] <= previous["tot"]:
            problems.add(
                band["line"],
                f"{_name(band)} overlapt met {_name(previous)} (regel {previous['line']}); een "
                "totaal mag maar één uitkomst hebben.",
            )
    if items_valid and clamp_right and lists_right:
        _cover_possible_totals(intervals, possible_totals(model), problems)
    return found, gaps


def _cover_possible_totals(intervals: list[dict], totals: list[int], problems: Problems) -> None:
    """Bands and gaps together cover exactly the totals answers can give: each possible total has
    one outcome, no band or gap holds only totals that cannot occur, and no gap is demanded at a
    total that cannot occur.  ``intervals`` is sorted and, when valid, without overlaps."""
    low, high = totals[0], totals[-1]

    def holds_a_total(band: dict) -> bool:
        return any(band["van"] <= total <= band["tot"] for total in totals)

    for band in intervals:
        if holds_a_total(band):
            continue
        problems.add(
            band["line"],
            f"{_name(band)} bevat geen totaal dat kan voorkomen (mogelijk: {_numbers(totals)}); "
            f"haal de {band['soort']} weg of laat hem een mogelijk totaal bevatten.",
        )
    for previous, band in zip(intervals, intervals[1:]):
        missing = [total for total in totals if previous["tot"] < total < band["van"]]
        if missing:
            problems.add(
                band["line"],
                f"er is geen band voor {_span(missing)}. Voeg een band toe, of verklaar het gat "
                "onder 'gaten' met een tekst die zegt dat de bron er niets over zegt.",
            )
    first, last = intervals[0], intervals[-1]
    below = [total for total in totals if total < first["van"]]
    above = [total for total in totals if total > last["tot"]]
    if below:
        problems.add(
            first["line"],
            f"er is geen band voor {_span(below)}, maar het laagst mogelijke totaal is {low}. Laat de "
            f"eerste band bij {low} beginnen, voeg een band toe, of verklaar het gat onder 'gaten'.",
        )
    if first["van"] < low and holds_a_total(first):
        problems.add(
            first["line"],
            f"{_name(first)} begint onder het laagst mogelijke totaal ({low}); laat de band bij "
            f"{low} beginnen.",
        )
    if above:
        problems.add(
            last["line"],
            f"er is geen band voor {_span(above)}, maar het hoogst mogelijke totaal is {high}. Laat de "
            f"laatste band tot en met {high} lopen, voeg een band toe, of verklaar het gat onder 'gaten'.",
        )
    if last["tot"] > high and holds_a_total(last):
        problems.add(
            last["line"],
            f"{_name(last)} loopt verder dan het hoogst mogelijke totaal ({high}); laat de band bij "
            f"{high} eindigen.",
        )


def combinations(form: Entry, model: dict, checker: Checker, problems: Problems) -> list[dict]:
    """Items that together mean more than their count, such as the three criteria for which the
    guideline calls a direct referral indicated.  Each names the items to tick, by ``id``."""
    ticks = {item["id"]: item for item in model["items"] if not item["opties"]}
    result = []
    for entry in form.get("combinaties") or []:
        if entry is None or not entry.valid:
            continue
        what = f"combinatie {entry.label}"
        ids: list[str] = []
        for member in entry["items"]:
            if member in ids:
                problems.add(member.line, f"{what}: item '{member}' staat twee keer in de lijst.")
            elif member in ticks:
                ids.append(str(member))
            elif any(item["id"] == member for item in model["items"]):
                problems.add(
                    member.line,
                    f"{what}: item '{member}' is een vraag met antwoordopties; een combinatie bestaat "
                    "uit aan te vinken items.",
                )
            else:
                problems.add(
                    member.line,
                    f"{what}: item '{member}' bestaat niet in dit formulier; kies uit de id's van de "
                    f"aan te vinken items: {', '.join(ticks) or 'er zijn er geen'}.",
                )
        result.append(
            {
                "items": ids,
                "namen": [ticks[member]["kort"] for member in ids],
                "titel": " ".join(entry["titel"].split()),
                "tekst": checker.rich(entry["tekst"]),
                "bron": checker.rich(entry["bron"]),
            }
        )
    return result


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


def _band_list(form: Entry, key: str, kind: str, checker: Checker, problems: Problems) -> list[dict]:
    bands = []
    for entry in form.get(key) or []:
        if entry is None or not entry.valid:
            continue
        if entry["van"] > entry["tot"]:
            problems.add(entry.line, f"{kind} {entry.label}: 'van' ({entry['van']}) is groter dan 'tot' ({entry['tot']}).")
            continue
        bands.append({
            "soort": kind,
            "van": entry["van"],
            "tot": entry["tot"],
            "line": entry.line,
            "tekst": checker.rich(entry["tekst"]),
            "titel": " ".join(entry.get("titel", "").split()),
            "lijst": checker.rich_list(entry.get("lijst")),
            "bron": checker.rich(entry.get("bron")),
        })
    return bands


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
