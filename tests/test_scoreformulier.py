"""The ``scoreformulier`` directive: validation (file, line, Dutch message), HTML, text and LaTeX,
and the five forms of the site checked against the guideline's own text."""

import itertools
import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, site_forms, warnings_of
from jgz import scoreformulier as sf

CONTENT = ROOT / "content"
DATA = CONTENT / "hulpmiddelen" / "_data"
STATIC = ROOT / "_ext" / "jgz" / "static"
FORMS = {path.stem.removeprefix("formulier-"): path for path in sorted(DATA.glob("formulier-*.yaml"))}


def validated(path):
    checker = sf.Checker()
    model = sf.validate(sf.load_yaml(path.read_text(encoding="utf-8")), checker)
    assert [(e.line, e.message) for e in checker.errors] == []
    return model


def validated_text(text: str) -> dict:
    checker = sf.Checker()
    model = sf.validate(sf.load_yaml(text), checker)
    assert [(e.line, e.message) for e in checker.errors] == []
    return model


def errors_of(text: str) -> list[tuple[int, str]]:
    checker = sf.Checker()
    try:
        sf.validate(sf.load_yaml(text), checker)
    except sf.DataError as error:
        return [(error.line, error.message)]
    return [(error.line, error.message) for error in checker.errors]


# --- Validation: every common mistake gives its line and a plain Dutch message -----------------

VALID = """\
id: test
titel: Test
doel: Testen.
regel: som
groepen:
  - id: vragen
    titel: Vragen
    items:
      - id: vraag
        tekst: Een vraag
        opties:
          - {tekst: Nee, punten: 0}
          - {tekst: Ja, punten: 2}
banden:
  - {van: 0, tot: 1, titel: Laag, tekst: Weinig.}
  - {van: 2, tot: 2, titel: Hoog, tekst: Veel.}
bron: Test.
copyright: Test.
voorbehoud: Geen diagnose.
"""
SECOND_ITEM = """\
      - id: vraag
        tekst: Nog een vraag
        opties:
          - {tekst: Nee, punten: 0}
          - {tekst: Ja, punten: 1}
banden:
"""


def test_the_valid_example_has_no_errors():
    assert errors_of(VALID) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("{tekst: Ja, punten: 2}", "{tekst: Ja}", 13,
         "optie 2 van item 'vraag' van groep 'vragen': de sleutel 'punten' ontbreekt; verwacht: de punten"),
        ("punten: 2}", "punten: twee}", 13, "'punten' moet een geheel getal zijn"),
        ("{van: 2, tot: 2, titel: Hoog", "{van: 1, tot: 2, titel: Hoog", 16,
         "band 1-2 overlapt met band 0-1 (regel 15)"),
        ("{van: 2, tot: 2, titel: Hoog", "{van: 2, tot: 3, titel: Hoog", 16,
         "loopt verder dan het hoogst mogelijke totaal (2)"),
        ("{van: 0, tot: 1, titel: Laag", "{van: -1, tot: 1, titel: Laag", 15,
         "begint onder het laagst mogelijke totaal (0)"),
        ("{van: 0, tot: 1, titel: Laag", "{van: 1, tot: 1, titel: Laag", 15,
         "er is geen band voor het totaal 0, maar het laagst mogelijke totaal is 0. Laat de eerste band "
         "bij 0 beginnen, voeg een band toe, of verklaar het gat onder 'gaten'."),
        ("  - {van: 2, tot: 2, titel: Hoog, tekst: Veel.}\n", "", 15,
         "er is geen band voor het totaal 2, maar het hoogst mogelijke totaal is 2. Laat de laatste band "
         "tot en met 2 lopen, voeg een band toe, of verklaar het gat onder 'gaten'."),
        ("banden:\n", SECOND_ITEM, 14, "id 'vraag' komt twee keer voor (eerder op regel 9)"),
        ("titel: Test\n", "titel: Test\ntitel: Nog eens\n", 3, "sleutel 'titel' staat twee keer"),
        ("titel: Test\n", "titel: Test\nkleur: rood\n", 3, "onbekende sleutel 'kleur'"),
        ("titel: Test\n", "", 1, "de sleutel 'titel' ontbreekt; verwacht: de naam van het formulier."),
        ("titel: Test\n", "titel: [Test\n", 3, "de YAML is niet geldig"),
        ("regel: som", "regel: gemiddelde", 4, "regel 'gemiddelde' is ongeldig; verwacht: één van som, aantal."),
        ("regel: som", "regel: aantal", 9, "antwoordopties horen bij regel 'som'"),
        ("doel: Testen.", "doel: Zie {doc}`pagina`.", 3, "'{doc}`pagina`' wordt niet ondersteund"),
        ("doel: Testen.", "doel: Zie {ref}`label`.", 3, "de vorm {ref}`Zichtbare woorden <label>`"),
        ("          - {tekst: Nee, punten: 0}\n", "", 11, "heeft 1 optie onder 'opties'; verwacht: minstens 2."),
        ("bron: Test.", "bron: Test.\ngeen-banden: Geen.", 18, "kies 'banden' (een uitkomst per totaal) of 'geen-banden'"),
        ("id: test", "id: Test", 1, "id 'Test' is ongeldig; verwacht: kleine letters, cijfers en streepjes"),
        ("        opties:\n          - {tekst: Nee, punten: 0}\n          - {tekst: Ja, punten: 2}\n", "", 9,
         "item 'vraag' van groep 'vragen': heeft geen punten; verwacht: 'opties' met punten"),
    ],
)
def test_mistakes_give_line_and_plain_message(old, new, line, message):
    assert old in VALID
    errors = errors_of(VALID.replace(old, new, 1))
    assert any(found_line == line and message in text for found_line, text in errors), errors


def test_texts_are_myst_read_by_mysts_own_parser():
    """No syntax of its own: the scripts get the words MyST shows, a link with its own words keeps
    its address, and only {ref} with visible words is a reference."""
    from jgz.scoreformulier.reader import has_markup, markup_problem, plain_text

    text = "Zie {ref}`Tabel 2.1 <tabel-2-1>`, <https://example.org/a> en [de site](https://example.org/b)."
    assert plain_text(text) == "Zie Tabel 2.1, https://example.org/a en de site (https://example.org/b)."
    assert markup_problem(text) is None and has_markup(text) and not has_markup("Boris & Zeanah (2005)")
    assert "wordt niet ondersteund" in markup_problem("Zie {doc}`pagina`.")
    assert "een verwijzing moet de vorm" in markup_problem("Zie {ref}`label`.")


def test_missing_bands_must_be_explained():
    text = re.sub(r"banden:\n(  - .*\n)+", "", VALID)
    assert errors_of(text) == [(1, "formulier: 'banden' ontbreekt. Geef de banden van de uitkomst, of "
                                  "leg onder 'geen-banden' uit waarom de bron geen afkappunten geeft.")]
    assert errors_of(text + "geen-banden: De bron geeft geen afkappunt.\n") == []


# VALID with a third answer worth 1, so that every total from 0 to 2 can occur.
THREE_ANSWERS = VALID.replace("{tekst: Ja, punten: 2}", "{tekst: Ja, punten: 2}\n          - {tekst: Soms, punten: 1}")


def test_bands_are_checked_against_the_totals_answers_can_give():
    """Answers worth 0 or 2 never give 1: no gap is demanded there, and a band or gap holding only
    such totals is refused; with an answer worth 1 the same band is needed."""
    assert sf.possible_totals(validated_text(VALID)) == [0, 2]
    only_zero = VALID.replace("{van: 0, tot: 1, titel: Laag", "{van: 0, tot: 0, titel: Laag")
    assert errors_of(only_zero) == []
    impossible_band = only_zero.replace("banden:\n", "banden:\n  - {van: 1, tot: 1, titel: Een, tekst: Een.}\n")
    assert errors_of(impossible_band) == [
        (15, "band 1-1 bevat geen totaal dat kan voorkomen (mogelijk: 0 en 2); haal de band weg of laat "
             "hem een mogelijk totaal bevatten.")]
    impossible_gap = only_zero + "gaten:\n  - {van: 1, tot: 1, tekst: De bron zegt niets over 1.}\n"
    assert [message.split(";")[0] for _, message in errors_of(impossible_gap)] == [
        "gat 1-1 bevat geen totaal dat kan voorkomen (mogelijk: 0 en 2)"]
    gap_needed = THREE_ANSWERS.replace("{van: 0, tot: 1, titel: Laag", "{van: 0, tot: 0, titel: Laag")
    assert errors_of(gap_needed) == [
        (17, "er is geen band voor het totaal 1. Voeg een band toe, of verklaar het gat onder 'gaten' met "
             "een tekst die zegt dat de bron er niets over zegt.")]


def test_possible_totals_are_the_sums_answers_give_after_the_limits():
    ticks = VALID.replace("""banden:""", """  - id: vinken
    titel: Vinken
    items:
      - {tekst: Een, punten: 3}
      - {tekst: Twee, punten: 5}
banden:""").replace("{van: 2, tot: 2, titel: Hoog", "{van: 2, tot: 10, titel: Hoog")
    model = validated_text(ticks)
    assert sf.raw_totals(model) == {0, 2, 3, 5, 7, 8, 10}
    assert sf.possible_range(model) == (0, 10)
    limited = ticks.replace("regel: som\n", "regel: som\nbegrenzen: {van: 1, tot: 4, onder: Onder., boven: Boven.}\n")
    limited = limited.replace("{van: 0, tot: 1, titel: Laag", "{van: 1, tot: 1, titel: Laag").replace(
        "{van: 2, tot: 10, titel: Hoog", "{van: 2, tot: 4, titel: Hoog")
    assert sf.possible_totals(validated_text(limited)) == [1, 2, 3, 4]
    assert "er is geen band voor de totalen 0, 2 tot en met 3 en 5" in errors_of(
        ticks.replace("{van: 0, tot: 1, titel: Laag, tekst: Weinig.}", "{van: 7, tot: 7, titel: Zeven, tekst: Z.}")
        .replace("{van: 2, tot: 10, titel: Hoog", "{van: 8, tot: 10, titel: Hoog"))[0][1]


def test_a_declared_gap_is_accepted_and_listed_in_order():
    text = THREE_ANSWERS.replace("{van: 0, tot: 1, titel: Laag", "{van: 0, tot: 0, titel: Laag")
    text += "gaten:\n  - {van: 1, tot: 1, tekst: De bron zegt niets over 1.}\n"
    assert errors_of(text) == []
    checker = sf.Checker()
    model = sf.validate(sf.load_yaml(text), checker)
    assert [row["bereik"] for row in sf.outcome_rows(model)] == ["0", "1", "2"]
    assert [sf.outcome_for(model, total) for total in (0, 1, 2)] == [("band", 0), ("gat", 0), ("band", 1)]


def test_limits_need_a_text_for_each_side_that_can_be_reached():
    text = VALID.replace("regel: som\n", "regel: som\nbegrenzen: {van: 1, tot: 1}\n")
    messages = [message for _, message in errors_of(text)]
    assert any("een totaal kan onder 1 uitkomen; zeg onder 'onder'" in m for m in messages)
    assert any("een totaal kan boven 1 uitkomen; zeg onder 'boven'" in m for m in messages)


def test_groups_check_their_domain_and_do_not_mix_questions_with_ticks():
    text = VALID.replace(
        "    titel: Vragen\n    items:\n",
        "    titel: Vragen\n    domein: nergens\n    items:\n      - {tekst: Vinkje, punten: 1}\n",
    )
    messages = [message for _, message in errors_of(text)]
    assert any("'domein' 'nergens' bestaat niet" in m for m in messages)
    assert any("bevat zowel vragen met antwoordopties als aan te vinken items" in m for m in messages)


def test_items_without_id_are_numbered_within_their_group_for_links_that_preset_them():
    text = VALID.replace("""banden:""", """  - id: vinken
    titel: Vinken
    items:
      - {tekst: Een, punten: 1}
      - deel: Een deel
        items:
          - {tekst: Twee, punten: 1}
          - {id: eigen, tekst: Drie, punten: 1}
      - {tekst: Vier, punten: 1}
banden:""").replace("{van: 2, tot: 2, titel: Hoog", "{van: 2, tot: 6, titel: Hoog")
    checker = sf.Checker()
    model = sf.validate(sf.load_yaml(text), checker)
    assert checker.errors == []
    # Counted within the group, parts included: a new item elsewhere leaves these ids alone.
    assert [item["id"] for item in model["items"]] == ["vraag", "vinken-1", "vinken-2", "eigen", "vinken-4"]
    record = sf.form_record(model, "pagina")
    assert record["items"][:2] == [
        {"id": "vraag", "kort": "Een vraag", "opties": ["Nee", "Ja"]},
        {"id": "vinken-1", "kort": "Een", "opties": None},
    ]
    assert sf.preset_fragment([("vinken-1", None), ("vraag", 2)]) == "vinken-1/vraag=2"


# --- The five forms of the site ---------------------------------------------------------------


def test_every_form_of_the_site_is_valid_and_on_a_page():
    assert {validated(path)["id"] for path in FORMS.values()} == set(site_forms())


def test_totals_and_outcome_tables_follow_the_published_rules():
    lsvg = validated(FORMS["lsvg"])
    assert sf.possible_range(lsvg) == (8, 40)
    assert [(row["bereik"], row["soort"]) for row in sf.outcome_rows(lsvg)] == [
        ("8–9", "band"), ("10", "gat"), ("11–15", "band"), ("16–40", "band")]
    assert "geen advies" in lsvg["platte_tekst"][lsvg["gaten"][0]["tekst"]]
    grade = validated(FORMS["grade"])
    assert sf.raw_totals(grade) == set(range(1 - 2 * 5, 4 + 2 + 1 + 1 + 1))
    assert sf.possible_range(grade) == (1, 4)
    assert [band["titel"].split()[0] for band in grade["banden"]] == ["Zeer", "Laag", "Matig", "Hoog"]
    referral = validated(FORMS["verwijscriteria"])
    assert sf.possible_range(referral) == (0, 4)
    assert [sf.outcome_for(referral, n)[1] for n in range(5)] == [0, 0, 1, 1, 1]


def enumerated_totals(model: dict) -> set[int]:
    """Every total of a completed form by trying every combination of answers (the reference for
    the subset sums of the build), after the limits."""
    choices = [[option["punten"] for option in item["opties"]]
               or [0, 1 if model["regel"] == "aantal" else item["punten"]] for item in model["items"]]
    totals = {sum(combination) for combination in itertools.product(*choices)}
    clamp = model["begrenzen"]
    return {min(max(total, clamp["van"]), clamp["tot"]) for total in totals} if clamp else totals


@pytest.mark.parametrize("name", [name for name in FORMS if sf.load_yaml(FORMS[name].read_text()).get("banden")])
def test_every_possible_total_of_every_form_has_exactly_one_outcome(name):
    """Each total answers can give falls in exactly one band or declared gap, and no band or gap
    holds only totals that cannot occur (the forms small enough are enumerated in full)."""
    model = validated(FORMS[name])
    totals = sf.possible_totals(model)
    assert set(totals) == enumerated_totals(model)
    intervals = model["banden"] + model["gaten"]
    for total in totals:
        assert sum(band["van"] <= total <= band["tot"] for band in intervals) == 1, (name, total)
        assert sf.outcome_for(model, total) is not None
    for band in intervals:
        assert any(band["van"] <= total <= band["tot"] for total in totals), (name, band)


GUIDELINE_PARTS = ("inleiding.md", "thema-1", "thema-2", "thema-3", "thema-4", "totstandkoming", "verantwoording")
ROLE = re.compile(r"\{[a-z:-]+\}`([^`<]*?)\s*(?:<[^`>]*>)?`")
QUOTE = re.compile(r"“([^”]+)”")
ELISION = re.compile(r"\[(?:\.\.\.|…)\]|\(…\)")


def words(text: str) -> str:
    """Letters and digits only, lower case: quotes are compared without layout or punctuation."""
    return "".join(character for character in text.lower() if character.isalnum())


def test_every_quote_in_a_form_is_the_guidelines_own_words():
    """A quote that is not the guideline's own words can change its strength ("kan" into
    "moet"); every “…” in every form, piece by piece around an elision “[...]”, is in the text of
    the guideline as this site publishes it (which the text check compares with the source)."""
    guideline = words(" ".join(
        ROLE.sub(r"\1", path.read_text(encoding="utf-8"))
        for part in GUIDELINE_PARTS for path in sorted((CONTENT / part).rglob("*.md")) + [CONTENT / part]
        if path.is_file()))
    assert words("Bij aanhoudende, ernstige problematiek moet verwezen worden") not in guideline  # it can fail
    checked = 0
    for name, path in FORMS.items():
        model = validated(path)
        texts = list(model["platte_tekst"].values()) + [group["titel"] for group in model["groepen"]]
        texts += [item["tekst"] for item in model["items"]] + [c["titel"] for c in model["combinaties"]]
        for text in texts:
            for quote in QUOTE.findall(text):
                for piece in ELISION.split(quote):
                    if words(piece):
                        assert words(piece) in guideline, (name, piece)
                        checked += 1
    assert checked > 40


def list_items(markdown: str) -> list[str]:
    """The items of the Markdown lists in ``markdown``, without subheadings in *emphasis*."""
    return [re.sub(r"^(- )+", "", line.strip()) for line in markdown.splitlines()
            if re.match(r"^\s*(- )+(?!\*)\S", line)]


def texts(model, parts=True) -> list[str]:
    """Every checkbox text of a form, with the titles of its parts, in the order of the form."""
    found = []
    for group in model["groepen"]:
        for element in group["onderdelen"]:
            if "items" in element:
                found += ([element["deel"]] if parts else []) + [item["tekst"] for item in element["items"]]
            else:
                found.append(element["tekst"])
    return found


def test_checklists_quote_tables_2_1_and_2_2_completely_and_exactly():
    page = (CONTENT / "thema-2" / "signalen-en-factoren.md").read_text(encoding="utf-8")
    table_1, table_2 = page.split(":name: tabel-2-2")
    signals, factors = validated(FORMS["signalen-tabel-2-1"]), validated(FORMS["factoren-tabel-2-2"])
    assert texts(signals) == list_items(table_1)
    rule = [group["titel"] for group in signals["groepen"]]
    assert rule == [
        "Wanneer de ouder-kindrelatie veilig is, kan dat onder andere te zien zijn aan de volgende "
        "kenmerken (bij jonge kinderen tot circa 6 jaar):",
        "De balans slaat meer door naar onveilig als …",
        "Een problematische ouder-kindrelatie wordt vermoed als vrijwel alle bovenstaande kenmerken "
        "gelden én als …",
    ]
    assert all(f"**{quote}**" in table_1 for quote in rule)
    # Tabel 2.2 lists its rows (domains) with the protective column first, as the form does.
    assert texts(factors, parts=False) == list_items(table_2.split("* - OUDER(S)")[1])
    assert all(f"*{part}*" in table_2 for part in ("Zwangerschap en geboorte", "Voorgeschiedenis en functioneren ouder"))
    assert [group["kort"] for group in factors["groepen"]] == ["beschermend", "belemmerend"] * 3


def test_referral_criteria_are_the_four_of_recommendation_3_3():
    page = (CONTENT / "thema-3" / "aanbevelingen.md").read_text(encoding="utf-8")
    recommendation = page.split(":::{aanbeveling} 3.3")[1].split(":::")[0]
    criteria = texts(validated(FORMS["verwijscriteria"]))
    assert len(criteria) == 4
    assert criteria == list_items(recommendation)


DIRECT_REFERRAL = {"gedragsregulatie", "communicatie", "ongerustheid-overbelasting"}


def test_referral_criteria_every_subset_keeps_the_guidelines_modality():
    """All 16 subsets of the four criteria of aanbeveling 3.3: from two on "kan verwezen worden";
    the direct referral that the Overwegingen of Thema 3 call "aangewezen" exactly when problems
    with behaviour regulation, problematic communication and the parents' worry or overload come
    together (the reference here is written from that sentence, not from the form)."""
    model = validated(FORMS["verwijscriteria"])
    ids = [item["id"] for item in model["items"]]
    assert len(ids) == 4 and DIRECT_REFERRAL <= set(ids)
    plain = model["platte_tekst"]
    for size in range(5):
        for ticked in map(set, itertools.combinations(ids, size)):
            kind, index = sf.outcome_for(model, len(ticked))
            band = model["banden"][index]
            assert kind == "band" and band["titel"] == ("Twee of meer criteria" if size >= 2 else "Minder dan twee criteria")
            holding = [combination for combination in model["combinaties"] if set(combination["items"]) <= ticked]
            direct = DIRECT_REFERRAL <= ticked
            assert len(holding) == direct, ticked
            status = " ".join([band["titel"], plain[band["tekst"]]]
                              + [f"{c['titel']} {plain[c['tekst']]}" for c in holding])
            assert ("aangewezen" in status) == direct, ticked
            assert ("Bij aanhoudende, ernstige problematiek kan verwezen worden" in status) == (size >= 2), ticked
    assert plain[model["combinaties"][0]["bron"]].startswith("Verwijzen voor meer intensieve hulp")


def test_lsvg_quotes_only_the_three_items_the_guideline_quotes():
    page = (CONTENT / "thema-2" / "instrumenten.md").read_text(encoding="utf-8")
    lsvg = validated(FORMS["lsvg"])
    quoted = [match.group(1) for item in lsvg["items"] if (match := re.search(r"‘(.+?)’", item["tekst"]))]
    assert quoted == [
        "Toont het kind positieve affectie naar de ouder?",
        "zoekt het kind troost als het zich bezeerd heeft?",
        "Hoe reageert het kind op onbekende mensen?",
    ]
    assert all(f"‘{question}’" in page for question in quoted)
    assert [item["kort"] for item in lsvg["items"]] == [
        "Affectie", "Zoeken van troost", "Vertrouwen in de ander / hulp zoeken", "Samenwerking",
        "Explorerend gedrag", "Controlerend gedrag", "Reactie bij hereniging", "Reactie tegenover vreemden",
    ]
    assert all([o["punten"] for o in item["opties"]] == [1, 2, 3, 4, 5] for item in lsvg["items"])


def test_grade_rules_are_those_of_the_verantwoording():
    page = " ".join((CONTENT / "verantwoording" / "index.md").read_text(encoding="utf-8").split())
    page = page.replace("\\+", "+").replace("\\", "")
    grade = validated(FORMS["grade"])
    start, *adjustments = grade["items"]
    assert {o["tekst"]: o["punten"] for o in start["opties"]} == {
        "RCT start in de categorie ‘hoog’ (4)": 4,
        "Observationele studie start in de categorie ‘laag’ (2)": 2,
        "Alle overige studietypen starten in de categorie ‘zeer laag’ (1)": 1,
    }
    assert all(o["tekst"].rsplit(" (", 1)[0] in page for o in start["opties"])
    assert len(adjustments) == 5 + 3
    for item in adjustments:
        assert item["tekst"] in page
        assert item["opties"][0]["punten"] == 0
        for option in item["opties"][1:]:
            sign, number = re.match(r"^([−+]) (\d) ", option["tekst"]).groups()
            assert option["punten"] == (-1 if sign == "−" else 1) * int(number)
            assert option["tekst"] in page
    for band in grade["banden"]:
        assert grade["platte_tekst"][band["tekst"]] in page


# --- The directive in Sphinx ------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="scoreformulier")
def test_html_paper_form_with_fieldsets_status_and_resolved_links(app):
    app.build()
    assert warnings_of(app) == ""
    soup = BeautifulSoup((app.outdir / "formulier.html").read_text(encoding="utf-8"), "html.parser")
    widget = soup.select_one("#formulier-demo[data-jgz-score]")
    # Below the page's h1 and the section's h2, the form's own headings are h3: the form first,
    # then what it means, when to use it and its source (as on MDCalc).
    assert [h.get_text() for h in widget.select("h3")] == [
        "Invullen: Demoformulier", "Uitkomst", "Waarvoor, wanneer en let op", "Bron"]
    assert [h.get_text() for h in widget.select("#formulier-demo-over h4")] == [
        "Wanneer gebruiken", "Wanneer niet", "Let op"]
    # Above the form one line: the disclaimer (no 'vooraf' here), and the way to the full text.
    first = widget.find(["p", "form"])
    assert first["class"] == ["jgz-score__vooraf"] and first.get_text(" ", strip=True).startswith("Vooraf:")
    assert first.a["href"] == "#formulier-demo-over" and widget.select_one("#formulier-demo-over h3")
    questions = widget.select("fieldset.jgz-score__item")
    assert [f.legend.get_text() for f in questions] == ["Eerste vraag", "Tweede vraag"]
    assert [label.get_text() for label in questions[0].select("label")] == ["Nee", "Soms", "Vaak"]
    assert {i["name"] for i in questions[0].select("input[type=radio]")} == {"formulier-demo:eerste"}
    ticks = widget.select("fieldset.jgz-score__groep")
    assert ticks[0].legend.get_text() == "Extra"
    assert ticks[0].select_one("label input[type=checkbox]")["name"] == "formulier-demo:vinkje"
    assert widget.select_one("[role=status][data-uitslag]").get_text(" ", strip=True).startswith("Tel de punten")
    assert widget.select_one("[data-knoppen]").has_attr("hidden")
    assert widget.select_one("form")["method"] == "dialog"
    # The interpretation table for paper: bands and the declared gap in order, sources linked.
    rows = widget.select("tbody tr")
    assert [r.td.get_text() for r in rows] == ["0–1", "2", "3–5"]
    assert rows[1]["data-gat"] == "0" and rows[2]["data-band"] == "1"
    assert rows[0].select_one(".jgz-score__bron-cel a")["href"] == "bron.html#aanbeveling-2-1"
    assert [a["href"] for a in rows[2].select("a")] == ["bron.html#bron-label", "bron.html#bron-label"]
    assert widget.select_one(".jgz-score__let-op a")["href"] == "https://example.org/pagina"
    data = json.loads(widget.select_one("script.jgz-score__data").string)
    assert data["rule"] == "som" and data["totalLabel"] == "Totaal" and data["clamp"] is None
    assert [(b["min"], b["max"], b["title"]) for b in data["bands"]] == [(0, 1, "Laag"), (3, 5, "Hoog")]
    assert data["gaps"] == [{"min": 2, "max": 2, "text": "De bron zegt niets over een totaal van 2."}]
    assert [(i["id"], i["points"]) for i in data["items"]] == [("eerste", None), ("tweede", None), ("vinkje", 1)]
    assert data["source"] == "Bronpagina, Testrichtlijn."


@pytest.mark.sphinx("html", testroot="scoreformulier")
def test_body_yaml_domains_parts_and_checklist_without_bands(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "lijst.html").read_text(encoding="utf-8"), "html.parser")
    widget = soup.select_one("#formulier-lijst")
    # The page has only its h1: the form's sections are h2, the domains inside the form h3.
    assert [s.h3.get_text() for s in widget.select("section.jgz-score__domein")] == ["Domein een", "Domein twee"]
    assert [f.legend.get_text() for f in widget.select("fieldset")] == [
        "Domein een: plus", "Onderdeel", "Domein een: min", "Domein twee: plus"]
    assert widget.select_one("table") is None
    assert "De bron geeft geen afkappunt" in widget.select_one(".jgz-score__uitkomsten").get_text()
    data = json.loads(widget.select_one("script.jgz-score__data").string)
    assert [(i["text"], i["group"], i["part"]) for i in data["items"]][:3] == [
        ("Eerste plus", "een-plus", None), ("Tweede plus", "een-plus", "Onderdeel"),
        ("Derde plus", "een-plus", "Onderdeel")]
    assert [g["size"] for g in data["groups"]] == [3, 1, 1]


@pytest.mark.sphinx("html", testroot="scoreformulier")
def test_a_combination_is_a_table_of_its_own_on_paper_and_data_for_the_script(app):
    app.build()
    assert warnings_of(app) == ""
    soup = BeautifulSoup((app.outdir / "combinatie.html").read_text(encoding="utf-8"), "html.parser")
    widget = soup.select_one("#formulier-combinatie")
    status = widget.select_one("[data-uitslag]").get_text(" ", strip=True)
    assert "kijk dan ook in de tabel ‘Combinaties van items’" in status
    row = widget.select_one("tr.jgz-score__combinatie[data-combinatie='0']")
    assert [li.get_text() for li in row.td.select("li")] == ["criterium a", "criterium c"]
    assert row.select("td")[1].get_text(" ", strip=True) == "A en C samen. Bij A en C samen is iets aangewezen."
    assert row.select_one(".jgz-score__bron-cel a")["href"] == "bron.html#bron-label"
    # The outcome table keeps only the bands: the combination is not a band.
    assert [r.td.get_text() for r in widget.select("tr.jgz-score__rij")] == ["0–1", "2–3"]
    data = json.loads(widget.select_one("script.jgz-score__data").string)
    assert data["combinations"] == [{"items": ["a", "c"], "title": "A en C samen",
                                     "text": "Bij A en C samen is iets aangewezen.", "source": "Bronpagina"}]


def test_combinations_name_items_to_tick_that_exist():
    text = VALID.replace("banden:", """  - id: vinken
    titel: Vinken
    items:
      - {id: een, tekst: Een, punten: 1}
      - {id: twee, tekst: Twee, punten: 1}
banden:""").replace("{van: 2, tot: 2, titel: Hoog", "{van: 2, tot: 4, titel: Hoog")
    combination = "combinaties:\n  - items: [een, {items}]\n    titel: Samen\n    tekst: Samen.\n    bron: Test.\n"
    assert errors_of(text + combination.replace("{items}", "twee")) == []
    assert errors_of(text + combination.replace("{items}", "drie")) == [
        (26, "combinatie 1: item 'drie' bestaat niet in dit formulier; kies uit de id's van de aan te "
             "vinken items: een, twee.")]
    assert errors_of(text + combination.replace("{items}", "vraag")) == [
        (26, "combinatie 1: item 'vraag' is een vraag met antwoordopties; een combinatie bestaat uit aan "
             "te vinken items.")]
    assert errors_of(text + combination.replace("{items}", "een")) == [
        (26, "combinatie 1: item 'een' staat twee keer in de lijst.")]
    assert errors_of(text + combination.replace("[een, {items}]", "[een]")) == [
        (26, "combinatie 1: heeft 1 onderdeel onder 'items'; verwacht: minstens 2.")]
    assert errors_of(text + combination.replace("{items}", "twee").replace("    bron: Test.\n", "")) == [
        (26, "combinatie 1: de sleutel 'bron' ontbreekt; verwacht: waar de bron dat zegt.")]


@pytest.mark.sphinx("html", testroot="scoreformulier")
def test_scripts_only_on_pages_with_a_form_in_order_and_yaml_is_a_dependency(app):
    app.build()
    html = (app.outdir / "formulier.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script defer="defer" src="_static/(jgz-[a-z-]+\.js)', html)
    assert scripts.index("jgz-gedeeld.js") < scripts.index("jgz-score.js") < scripts.index("jgz-scoreformulier.js")
    assert "_static/jgz-scoreformulier.css" in html
    other = (app.outdir / "bron.html").read_text(encoding="utf-8")
    assert "jgz-score" not in other.split("<body")[0]
    # The label formulier-demo is a real target for {ref} from other pages.
    assert 'href="formulier.html#formulier-demo"' in other
    assert any(str(path).endswith("_data/formulier-demo.yaml") for path in app.env.dependencies["formulier"])


@pytest.mark.sphinx("text", testroot="scoreformulier")
def test_text_builder_renders_the_paper_form(app):
    app.build()
    assert warnings_of(app) == ""
    text = (app.outdir / "formulier.txt").read_text(encoding="utf-8")
    # The tree of the HTML page, in its order, without what only works in a browser.
    for expected in ("**Vooraf:** Geen diagnose.\n", "**Invullen: Demoformulier**", "1. Eerste vraag",
                     "[ ] Nee   [ ] Soms   [ ] Vaak", "[ ] Een vinkje", "Totaal: ______",
                     "De bron zegt niets over een totaal van 2.", "**Bron**\n\nBronpagina, Testrichtlijn."):
        assert expected in text
    for browser_only in ("Wissen", "Nog niet beantwoord", "Tel de punten"):
        assert browser_only not in text
    assert text.index("**Uitkomst**") < text.index("**Waarvoor, wanneer en let op**") < text.index("**Bron**")
    assert re.search(r"\| 3–5 +\| \*\*Hoog\.\*\* +Veel punten\.", text)
    combination = (app.outdir / "combinatie.txt").read_text(encoding="utf-8")
    assert "Combinaties van items: wat de bron zegt als deze items samen zijn aangevinkt\n^^^" in combination
    assert re.search(r"\| \* criterium a +\| \*\*A en C samen\.\*\* +Bij A en C samen is iets aangewezen\. +\| Bronpagina", combination), combination
    checklist = (app.outdir / "lijst.txt").read_text(encoding="utf-8")
    assert "* Onderdeel\n\n  * [ ] Tweede plus" in checklist


@pytest.mark.sphinx("latex", testroot="scoreformulier")
def test_latex_builder_renders_the_paper_form(app):
    app.build()
    assert warnings_of(app) == ""
    tex = (app.outdir / "test.tex").read_text(encoding="utf-8")
    assert r"\sphinxstylestrong{Invullen: Demoformulier}" in tex
    assert "{[} {]} Nee   {[} {]} Soms   {[} {]} Vaak" in tex and "1. Eerste vraag" in tex
    assert r"\label{\detokenize{formulier:formulier-demo}}" in tex
    assert "De bron zegt niets over een totaal van 2." in tex
    assert r"\sphinxcaption{Combinaties van items: wat de bron zegt" in tex and "Bij A en C samen is iets aangewezen." in tex


@pytest.mark.sphinx("html", testroot="scoreformulier-fouten")
def test_build_errors_name_file_line_and_mistake(app):
    app.build()
    warnings = warnings_of(app)
    data = app.srcdir / "_data" / "fout.yaml"
    page = app.srcdir / "tekst.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    band = lines.index("  - van: 3") + 1
    source = next(i for i, line in enumerate(lines) if "bestaat-niet" in line) + 1
    expected = [
        f"{data}:13: WARNING: scoreformulier: optie 2 van item 'eerste' van groep 'vragen': de sleutel 'punten' "
        "ontbreekt; verwacht: de punten van dit antwoord, een geheel getal.",
        # The cross-field rules also run on the parts without mistakes.
        f"{data}:14: WARNING: scoreformulier: item 'eerste' van groep 'vragen': id 'eerste' komt twee keer voor "
        "(eerder op regel 9); verwacht: per item een eigen id.",
        f"{data}:24: WARNING: scoreformulier: band 1-1 overlapt met band 0-1 (regel 20)",
        f"{app.srcdir / 'ontbreekt.md'}:3: ERROR: scoreformulier: het bestand '_data/bestaat-niet.yaml' bestaat niet;",
        f"{page}:{band}: WARNING: scoreformulier: er is geen band voor het totaal 2.",
        f"{page}:{source}: WARNING: undefined label: 'bestaat-niet'",
    ]
    for line in expected:
        assert line in warnings, f"ontbreekt: {line}\nin:\n{warnings}"
    html = (app.outdir / "bestand.html").read_text(encoding="utf-8")
    assert "Scoreformulier niet getoond: 3 fout(en) in de invoer" in html


# --- The scripts ------------------------------------------------------------------------------


def test_scripts_are_small_classic_and_touch_no_network_or_storage():
    scripts = [STATIC / "jgz-score.js", STATIC / "jgz-scoreformulier.js"]
    assert sum(len(path.read_bytes()) for path in scripts) <= 15 * 1024
    for path in scripts:
        code = path.read_text(encoding="utf-8")
        for forbidden in ("innerHTML", "outerHTML", "eval(", "new Function", "fetch(", "XMLHttpRequest",
                          "sendBeacon", "localStorage", "sessionStorage", "indexedDB", "document.cookie",
                          "import ", "export "):
            assert forbidden not in code, f"{path.name} gebruikt {forbidden}"
    logic = re.sub(r"/\*.*?\*/", "", (STATIC / "jgz-score.js").read_text(encoding="utf-8"), flags=re.S)
    assert re.search(r"\b(document|querySelector|addEventListener)\b", logic) is None, "jgz-score.js raakt de pagina aan"
