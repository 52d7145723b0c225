"""The scoring and checklist forms in a real Chromium.

Scores are checked against reference evaluations written here from the guideline's own rules
(not from the scripts): exhaustively where the space allows, on every band boundary and by random
samples for the LSVG.  Also: privacy (no request, cookie or storage), keyboard, tap targets,
reading without JavaScript and print.  axe checks every form in every state in tests/test_a11y.py.
"""

import datetime
import itertools
import posixpath
import random
import re
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, site_forms
from jgz import scoreformulier as sf

pytestmark = pytest.mark.browser

FORMS = site_forms()
PHONE = {"width": 360, "height": 740}
SOURCES_OF_REQUESTS = """
window.__jgzCalls = [];
(() => {
  const note = (name) => window.__jgzCalls.push(name);
  const wrap = (owner, key, name) => {
    const original = owner[key];
    owner[key] = function (...args) { note(name); return original.apply(this, args); };
  };
  wrap(window, "fetch", "fetch");
  wrap(XMLHttpRequest.prototype, "open", "XMLHttpRequest");
  wrap(navigator, "sendBeacon", "sendBeacon");
  wrap(Storage.prototype, "setItem", "Storage.setItem");
  wrap(indexedDB, "open", "indexedDB.open");
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  Object.defineProperty(document, "cookie", {
    get() { return cookie.get.call(document); },
    set(value) { note("document.cookie"); cookie.set.call(document, value); },
  });
})();
"""


# In page scripts: the description of the form with id ``id``, as the build wrote it.
FORM_JS = "JSON.parse(document.querySelector('#formulier-' + id + ' script.jgz-score__data').textContent)"


def js(code: str) -> str:
    """A page script in which ``${FORM}`` stands for the form's description."""
    return code.replace("${FORM}", FORM_JS)


def open_form(page, site_url, name):
    page.goto(f"{site_url}{FORMS[name].page}")
    root = page.locator(f"#formulier-{name}")
    root.locator("[data-knoppen]").wait_for()  # the script is running
    return root


def form_data(page, name) -> dict:
    return page.evaluate(f"id => {FORM_JS}", name)


def evaluate_all(page, name, answer_sets) -> list:
    """Run the page's own scoring on many answer sets at once; returns the results."""
    return page.evaluate(
        js("""([id, sets]) => {
          const form = ${FORM};
          return sets.map((answers) => {
            const r = window.JGZ.score.evaluate(form, answers);
            const groups = {};
            for (const [key, group] of Object.entries(r.groups)) groups[key] = group.checked.map((i) => i.id);
            return {total: r.total, value: r.value, complete: r.complete, clamp: r.clampSide,
                    outcome: r.outcome && [r.outcome.kind, r.outcome.index], groups};
          });
        }"""),
        [name, answer_sets],
    )


def status_of(root) -> str:
    return " ".join(root.locator("[data-uitslag]").inner_text().split())


def outcome_title(form, outcome) -> str | None:
    """The band's title, or None for a declared gap."""
    kind, index = outcome
    return form["bands"][index]["title"] if kind == "band" else None


# --- References, written from the guideline's rules -------------------------------------------


def referral_reference(ticked: int) -> str:
    """Aanbeveling 3.3: referral to more intensive help when "twee of meer" criteria apply."""
    return "Twee of meer criteria" if ticked >= 2 else "Minder dan twee criteria"


def direct_referral_reference(ticked: set[str]) -> bool:
    """Overwegingen Thema 3, "Verwijzen voor meer intensieve hulp": problems with behaviour
    regulation and problematic communication, together with persistent worry and/or overload of
    the parents: "is een directe verwijzing ... aangewezen"."""
    return {"gedragsregulatie", "communicatie", "ongerustheid-overbelasting"} <= ticked


def lsvg_reference(total: int) -> str | None:
    """Published bands: under 10, 11-15, 16 or more; 10 itself is in no band (None)."""
    if total < 10:
        return "Geen aanwijzingen"
    if total == 10:
        return None
    if total <= 15:
        return "Geen duidelijke aanwijzingen"
    return "Aanwijzingen voor een verstoorde gehechtheidsrelatie"


GRADE_LEVELS = ["Zeer laag", "Laag", "Matig", "Hoog"]  # the four levels, lowest first


def grade_reference(option_texts: list[str]) -> tuple[str, str | None]:
    """Verantwoording: RCT starts 'hoog', observational 'laag', others 'zeer laag'; each criterion
    moves the level by the number in its text; a level cannot go below the lowest or above the
    highest of the four."""
    start, *changes = option_texts
    level = {"hoog": 3, "laag": 1, "zeer laag": 0}[re.search(r"‘(.+)’", start).group(1)]
    for text in changes:
        match = re.match(r"^([−+]) (\d) ", text)
        level += 0 if match is None else (1 if match.group(1) == "+" else -1) * int(match.group(2))
    side = "below" if level < 0 else "above" if level > 3 else None
    return GRADE_LEVELS[min(max(level, 0), 3)], side


# --- Every form: loads, is linked from Hulpmiddelen, build table equals browser ----------------


def test_every_form_is_linked_from_hulpmiddelen(page, site_url):
    page.goto(site_url + "hulpmiddelen/index.html")
    links = page.locator("article a.reference.internal")
    targets = {posixpath.normpath("hulpmiddelen/" + href.split("#")[0])
               for href in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")}
    assert {form.page for form in FORMS.values()} <= targets


@pytest.mark.parametrize("name", FORMS)
def test_form_loads_and_the_browser_outcomes_equal_the_printed_table(page, site_url, name):
    root = open_form(page, site_url, name)
    assert root.locator("[role=status][data-uitslag]").count() == 1
    assert root.get_by_role("button", name="Wissen").is_visible()
    assert root.get_by_role("button", name="Kopieer samenvatting").is_visible()
    form = form_data(page, name)
    model = sf.validate(sf.load_yaml(FORMS[name].data.read_text(encoding="utf-8")), sf.Checker())
    if not form["bands"]:
        assert model["geen_banden"] and root.locator("table").count() == 0
        return
    # Every total answers can give (after the limits) has one outcome, the same in the build and
    # in the page's script.
    totals = sf.possible_totals(model)
    browser = page.evaluate(
        js("""([id, totals]) => {
          const form = ${FORM};
          return totals.map((t) => { const o = window.JGZ.score.outcomeAt(form, t); return o && [o.kind, o.index]; });
        }"""),
        [name, totals],
    )
    python = [sf.outcome_for(model, total) for total in totals]
    assert None not in python
    assert [tuple(o) if o else None for o in browser] == [
        ("band" if kind == "band" else "gap", index) for kind, index in python
    ]
    # The printed table has one row per band and gap, ranges as the build computed them.
    rows = root.locator("tr.jgz-score__rij td:first-child").all_inner_texts()
    assert rows == [row["bereik"] for row in sf.outcome_rows(model)]


# --- Verwijscriteria: all 16 combinations, by clicking ----------------------------------------


def test_referral_criteria_every_combination_in_the_page(page, site_url):
    """All 16 subsets by clicking: the count, the outcome with the guideline's "kan verwezen
    worden" from two criteria on, and the direct referral that the Overwegingen call "aangewezen"
    exactly when their three criteria are ticked, in the live status and the copied summary."""
    root = open_form(page, site_url, "verwijscriteria")
    boxes = root.get_by_role("checkbox")
    assert boxes.count() == 4
    ids = [boxes.nth(index).get_attribute("data-item") for index in range(4)]
    # From all four down to none: the empty set is reached by unticking, an answer like any other
    # (before the first answer the status keeps the page's instructions).
    for ticks in reversed(list(itertools.product([False, True], repeat=4))):
        for index, tick in enumerate(ticks):
            boxes.nth(index).set_checked(tick)
        ticked = {item for item, tick in zip(ids, ticks) if tick}
        text = status_of(root)
        expected = referral_reference(len(ticked))
        direct = direct_referral_reference(ticked)
        assert text.startswith(f"Aantal criteria: {len(ticked)}."), text
        assert f"Uitkomst: {expected}." in text, (ticks, text)
        assert ("Bij aanhoudende, ernstige problematiek kan verwezen worden" in text) == (len(ticked) >= 2), text
        assert ("Combinatie: Directe verwijzing aangewezen." in text) == direct, (ticked, text)
        assert ("aangewezen" in text) == direct, (ticked, text)  # never "aangewezen" on the count alone
        chosen = root.locator("tr.jgz-score__rij--gekozen")
        assert chosen.count() == 1 + direct and expected in chosen.first.inner_text()
        summary = page.evaluate(js("""id => {
          const form = ${FORM}; const answers = {};
          for (const box of document.querySelectorAll('#formulier-' + id + ' input[type=checkbox]')) answers[box.dataset.item] = box.checked;
          return window.JGZ.score.summary(form, answers, window.JGZ.score.evaluate(form, answers), new Date());
        }"""), "verwijscriteria")
        assert ("Combinatie: Directe verwijzing aangewezen. “Als de ouder-kindrelatie problematisch verloopt" in summary
                ) == direct, summary
    # With all four ticked, the combination's own source follows its text, linked as the build resolved it.
    for index in range(4):
        boxes.nth(index).set_checked(True)
    combination = root.locator("[data-uitslag] p", has_text="Combinatie:")
    source = root.locator("[data-uitslag] p", has_text="Combinatie:").locator("xpath=following-sibling::p[1]")
    assert combination.inner_text().endswith("voor meer intensieve hulp aangewezen”")
    assert source.inner_text().startswith("Bron: Verwijzen voor meer intensieve hulp")
    assert source.locator("a").first.get_attribute("href") == "../thema-3/overwegingen.html#thema-3-verwijzen"
    for index in range(4):
        boxes.nth(index).set_checked(index == 3 or index == 0)  # back to two criteria for what follows
    # The outcome's list and source come with the links the build resolved, reused by the script.
    examples = root.locator("[data-uitslag] ul li")
    two_or_more = next(band for band in yaml.safe_load(
        (ROOT / "content/hulpmiddelen/_data/formulier-verwijscriteria.yaml").read_text(encoding="utf-8"))["banden"]
        if band["van"] == 2)
    assert examples.count() == len(two_or_more["lijst"])
    assert examples.first.inner_text().startswith("Voor pleeg- en adoptiegezinnen")
    assert examples.first.locator("a").get_attribute("href") == "../thema-3/overwegingen.html#thema-3-pipa"
    source = root.locator("[data-uitslag] p").last
    assert source.inner_text().startswith("Bron: Aanbeveling 3.3")
    assert source.locator("a").first.get_attribute("href") == "../thema-3/aanbevelingen.html#aanbeveling-3-3"


# --- LSVG: every band boundary by clicking, random samples and open questions in the page ------


def scores_for(total: int) -> list[int]:
    """Eight scores of 1 to 5 that add up to ``total``."""
    scores, rest = [1] * 8, total - 8
    for index in range(8):
        step = min(4, rest)
        scores[index] += step
        rest -= step
    assert sum(scores) == total
    return scores


def test_lsvg_every_band_boundary_in_the_page(page, site_url):
    root = open_form(page, site_url, "lsvg")
    groups = root.locator("fieldset.jgz-score__item")
    assert groups.count() == 8
    for total in (8, 9, 10, 11, 15, 16, 40):
        for index, score in enumerate(scores_for(total)):
            groups.nth(index).get_by_role("radio", name=str(score), exact=True).check()
        text = status_of(root)
        assert text.startswith(f"Totaal: {total}."), text
        expected = lsvg_reference(total)
        chosen = root.locator("tr.jgz-score__rij--gekozen")
        if expected is None:
            assert "Uitkomst: Een totaal van precies 10 valt in geen van de gepubliceerde banden" in text
            assert "De richtlijn geeft hier geen advies over" in text
            assert chosen.inner_text().startswith("10")
        else:
            assert f"Uitkomst: {expected}." in text, text
            assert expected in chosen.inner_text()
        assert root.locator(".jgz-score__item--open").count() == 0


def test_lsvg_random_and_incomplete_answers_match_the_reference(page, site_url):
    open_form(page, site_url, "lsvg")
    form = form_data(page, "lsvg")
    ids = [item["id"] for item in form["items"]]
    generator = random.Random(20210125)
    complete = [[generator.randint(0, 4) for _ in ids] for _ in range(400)]
    partial = []
    for _ in range(400):
        answers = [generator.randint(0, 4) for _ in ids]
        for index in generator.sample(range(8), generator.randint(1, 3)):
            answers[index] = None
        partial.append(answers)
    sets = [{i: a for i, a in zip(ids, answers) if a is not None} for answers in complete + partial]
    results = evaluate_all(page, "lsvg", sets)
    for answers, result in zip(complete + partial, results):
        given = [a + 1 for a in answers if a is not None]
        open_count = answers.count(None)
        # Reference: every way to finish the form; the outcome is known only if all agree.
        finals = {lsvg_reference(sum(given) + sum(rest)) for rest in itertools.product(range(1, 6), repeat=open_count)}
        assert result["total"] == sum(given)
        assert result["complete"] == (open_count == 0)
        if len(finals) == 1:
            expected = finals.pop()
            assert result["outcome"] is not None, answers
            assert outcome_title(form, result["outcome"]) == expected
        else:
            assert result["outcome"] is None, answers


def test_lsvg_shows_unanswered_items_and_an_incomplete_total(page, site_url):
    root = open_form(page, site_url, "lsvg")
    # Before the first answer the page's own instructions stay (nothing moves as the script starts).
    assert status_of(root).startswith("Tel de punten van de gekozen antwoorden op")
    root.get_by_role("group", name="Affectie").get_by_role("radio", name="3", exact=True).check()
    root.get_by_role("group", name="Samenwerking").get_by_role("radio", name="5", exact=True).check()
    text = status_of(root)
    assert text.startswith("Totaal tot nu toe: 8. Onvolledig: nog 6 van 8 niet beantwoord (Zoeken van troost,")
    assert "De uitkomst volgt als alle vragen zijn beantwoord." in text
    open_items = root.locator("fieldset.jgz-score__item--open legend").all_inner_texts()
    assert len(open_items) == 6 and not any(t.startswith(("Affectie", "Samenwerking")) for t in open_items)
    assert root.get_by_text("Nog niet beantwoord").filter(visible=True).count() == 6
    # Four more "5"s make 28: at least 30 in the end, so the outcome is already known.
    for name in ("Vertrouwen", "Explorerend", "Controlerend", "hereniging"):
        root.get_by_role("group", name=name).get_by_role("radio", name="5", exact=True).check()
    assert "Uitkomst staat al vast, wat de open vragen ook worden: Aanwijzingen voor een verstoorde" in status_of(root)


# --- Tabel 2.1 and 2.2: every subset of each group, random mixes, and the overview -------------


@pytest.mark.parametrize("name", ["signalen-tabel-2-1", "factoren-tabel-2-2"])
def test_checklist_counts_every_subset_of_every_group(page, site_url, name):
    open_form(page, site_url, name)
    form = form_data(page, name)
    members = {group["id"]: [i["id"] for i in form["items"] if i["group"] == group["id"]] for group in form["groups"]}
    for group, ids in members.items():
        # The page runs all 2^n subsets of this group; it reports, per subset, the ticked items
        # the scoring put in each group as bit masks.
        order = list(members)
        masks = page.evaluate(
            js("""([id, order, ids]) => {
              const form = ${FORM};
              const out = [];
              for (let mask = 0; mask < (1 << ids.length); mask++) {
                const answers = {};
                ids.forEach((item, bit) => { if (mask & (1 << bit)) answers[item] = true; });
                const result = window.JGZ.score.evaluate(form, answers);
                for (const key of order) {
                  out.push(result.groups[key].checked.reduce((m, item) => m | (1 << ids.indexOf(item.id)), 0));
                }
              }
              return out;
            }"""),
            [name, order, ids],
        )
        expected = [mask if key == group else 0 for mask in range(2 ** len(ids)) for key in order]
        assert masks == expected, group
    generator = random.Random(7)
    all_ids = [i["id"] for i in form["items"]]
    picks = [set(generator.sample(all_ids, generator.randint(0, len(all_ids)))) for _ in range(200)]
    for pick, result in zip(picks, evaluate_all(page, name, [{i: True for i in pick} for pick in picks])):
        assert result["outcome"] is None and result["complete"]
        for group, ids in members.items():
            assert result["groups"][group] == [i for i in ids if i in pick]


def test_tabel_2_1_lists_ticks_per_group_with_the_rule_of_the_table(page, site_url):
    root = open_form(page, site_url, "signalen-tabel-2-1")
    root.get_by_role("checkbox", name="er is sprake van gedeeld plezier", exact=True).check()
    root.get_by_role("checkbox", name="het kind accepteert troost van de ouder en kalmeert").check()
    root.get_by_role("group", name="de ouder is in zijn/haar gedrag").get_by_role(
        "checkbox", name="De ouder straalt hulpeloosheid uit").check()
    assert status_of(root) == "Aangevinkt: veilig 2 van 10; meer onveilig 0 van 9; problematisch 1 van 6."
    overview = root.locator("[data-overzicht]")
    quotes = overview.locator("q").all_inner_texts()
    assert quotes[1] == "De balans slaat meer door naar onveilig als …"
    assert quotes[2].startswith("Een problematische ouder-kindrelatie wordt vermoed als vrijwel alle")
    assert overview.locator("ul").nth(0).locator("li").all_inner_texts() == [
        "het kind accepteert troost van de ouder en kalmeert", "er is sprake van gedeeld plezier"]
    assert overview.locator("ul").nth(1).inner_text().startswith(
        "de ouder is in zijn/haar gedrag naar het kind onvoorspelbaar, beangstigend en intrusief: De ouder straalt")
    notes = root.locator(".jgz-score__uitkomsten").inner_text()
    assert "geen afkappunt" in notes and "gezamenlijk gesignaleerd" in notes


def test_tabel_2_2_shows_the_balance_per_domain_and_the_weighing(page, site_url):
    root = open_form(page, site_url, "factoren-tabel-2-2")
    for name in ("Stress", "Tienermoeder", "Te vroeg geboren", "Voldragen", "Weinig sociale steun"):
        root.get_by_role("checkbox", name=name, exact=True).check()
    assert status_of(root) == (
        "Aangevinkt. Ouder(s): beschermend 0 van 10, belemmerend 1 van 15. (Gezins)omstandigheden: "
        "beschermend 0 van 10, belemmerend 2 van 10. Kind: beschermend 1 van 6, belemmerend 1 van 8.")
    weighing = root.locator(".jgz-score__uitkomsten").inner_text()
    for quote in ("geen gevalideerde score", "zwaardere stempel", "over het algemeen worden gecompenseerd",
                  "naarmate er meer belemmerende factoren aanwezig zijn"):
        assert quote in weighing


# --- GRADE: all 13 122 combinations in the page, and the clamp by clicking ---------------------


def test_grade_every_combination_matches_the_verantwoording(page, site_url):
    open_form(page, site_url, "grade")
    form = form_data(page, "grade")
    sizes = [len(item["options"]) for item in form["items"]]
    choices = list(itertools.product(*(range(size) for size in sizes)))
    assert len(choices) == 3 * 3 ** 4 * 3 * 3 * 2 * 3
    # The page enumerates the same combinations in the same order and reports outcome and limit.
    results = page.evaluate(
        js("""sizes => {
          const id = 'grade'; const form = ${FORM};
          const out = [];
          const combo = sizes.map(() => 0);
          for (;;) {
            const answers = {};
            form.items.forEach((item, i) => { answers[item.id] = combo[i]; });
            const r = window.JGZ.score.evaluate(form, answers);
            out.push([r.outcome.index + (r.clampSide ? ":" + r.clampSide : ""),
                      window.JGZ.score.describe(form, r).join(" ")]);
            let i = sizes.length - 1;
            while (i >= 0 && ++combo[i] === sizes[i]) combo[i--] = 0;
            if (i < 0) return out;
          }
        }"""),
        sizes,
    )
    assert len(results) == len(choices)
    titles = [band["title"] for band in form["bands"]]
    for combo, (result, status) in zip(choices, results):
        texts = [item["options"][index]["text"] for item, index in zip(form["items"], combo)]
        level, side = grade_reference(texts)
        index, _, clamp = result.partition(":")
        assert titles[int(index)].startswith(level) and (clamp or None) == side, (texts, result)
        # The status (and so the copied summary) names only the level, one of the four, never the
        # raw sum of a combination that runs past the scale.
        assert re.findall(r"Niveau[^:.]*: (-?\d+)", status) == [str(GRADE_LEVELS.index(level) + 1)], status


def test_grade_in_the_page_with_the_limit_explained(page, site_url):
    root = open_form(page, site_url, "grade")

    def choose(answers):
        for question, option in answers.items():
            root.get_by_role("group", name=question, exact=True).get_by_role("radio", name=option).check()

    choose({"Type bewijs": "Observationele studie"})
    assert "De uitkomst volgt als alle vragen zijn beantwoord." in status_of(root)
    no = {"‘Risk of bias’": "Geen afwaardering", "Inconsistentie": "Geen afwaardering",
          "Indirect bewijs": "Geen afwaardering", "Onnauwkeurigheid": "Geen afwaardering",
          "Publicatiebias": "Geen afwaardering", "Groot effect": "+ 2 Zeer groot",
          "Dosis-respons relatie": "+ 1 Bewijs", "Alle plausibele confounding": "+ 1 zou een effect kunnen reduceren"}
    choose(no)
    text = status_of(root)
    assert text.startswith("Niveau: 4.")  # laag (2) + 2 + 1 + 1 = 6, shown as the highest level
    assert "Komt de berekening boven 4 uit, dan toont het formulier ‘Hoog’" in text
    assert "De richtlijn beschrijft dit geval niet." in text
    assert "Uitkomst: Hoog (in de tabel van de richtlijn ‘Groot’)." in text
    choose({"Type bewijs": "RCT", "‘Risk of bias’": "− 2", "Inconsistentie": "− 1",
            "Groot effect": "Geen opwaardering", "Dosis-respons relatie": "Geen opwaardering",
            "Alle plausibele confounding": "Geen opwaardering"})
    assert status_of(root).startswith("Niveau: 1. Uitkomst: Zeer laag. Het werkelijke effect wijkt waarschijnlijk")


# --- Copy, reset, privacy ---------------------------------------------------------------------


def test_filling_in_and_copying_sends_nothing_and_stores_nothing(browser, site, site_url):
    context = browser.new_context(locale="nl-NL", service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    context.add_init_script(SOURCES_OF_REQUESTS)
    page = context.new_page()
    try:
        root = open_form(page, site_url, "lsvg")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.__jgzCalls.length = 0")  # what the site does on load is not the form's
        requests = []
        page.on("request", lambda request: requests.append(request))
        for group, score in zip(range(8), [3, 2, 2, 1, 2, 2, 1, 1]):
            root.locator("fieldset.jgz-score__item").nth(group).get_by_role("radio", name=str(score), exact=True).check()
        root.get_by_role("button", name="Kopieer samenvatting").click()
        root.get_by_role("status").filter(has_text="Samenvatting gekopieerd").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        root.get_by_role("button", name="Wissen").click()
        # Other parts of the site may still load one of the site's own files (the offline notice
        # loads its stylesheet late); such a request cannot carry anything that was entered.
        carrying = [
            f"{r.method} {r.url}" for r in requests
            if r.method != "GET" or r.post_data or urlparse(r.url).query
            or not r.url.startswith(site_url) or not (site / urlparse(r.url).path.lstrip("/")).is_file()
        ]
        assert carrying == []
        assert page.evaluate("window.__jgzCalls") == []
        assert context.cookies() == []
        assert page.evaluate("document.cookie") == ""
        assert page.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
        assert page.evaluate("indexedDB.databases().then(list => list.length)") == 0
    finally:
        context.close()
    today = datetime.date.today().strftime("%d-%m-%Y")
    lines = copied.splitlines()
    assert lines[:2] == ["LSVG: Lijst Signalen van Verstoord Gehechtheidsgedrag", f"Ingevuld op {today}"]
    assert "- Affectie: 3" in lines and "- Reactie tegenover vreemden: 1" in lines
    assert "Totaal: 14." in lines
    assert "Uitkomst: Geen duidelijke aanwijzingen. Een totaal van 11 tot en met 15: geen duidelijke" in copied
    assert lines[-2].startswith("Bron: JGZ-richtlijn Ouder-kindrelatie: aanbeveling 2.8")
    assert lines[-1].startswith("Geen diagnose")


def test_wissen_clears_answers_and_result(page, site_url):
    root = open_form(page, site_url, "grade")
    root.get_by_role("group", name="Type bewijs").get_by_role("radio", name="RCT").check()
    assert status_of(root).startswith("Onvolledig: nog 8 van 9 niet beantwoord")  # no partial sum of a level
    root.get_by_role("button", name="Wissen").click()
    page.wait_for_function("document.querySelector('#formulier-grade [data-uitslag]').innerText.startsWith('Nog niets')")
    assert root.locator("input:checked").count() == 0
    assert root.locator(".jgz-score__item--open").count() == 0


# --- Presets from a link: "#formulier-<id>:<item>/<item>=<n>" (a training case links like this) --


def open_preset(page, site_url, name, preset):
    """Load the form's page anew (not a jump within the page) with ``preset`` in the address."""
    page.goto("about:blank")
    page.goto(f"{site_url}{FORMS[name].page}#formulier-{name}:{preset}")
    root = page.locator(f"#formulier-{name}")
    root.locator("[data-knoppen]").wait_for()
    return root


def chosen(root) -> dict:
    """Item id -> the chosen answer's number from 1 (questions) or True (ticked boxes)."""
    return root.evaluate("""(root) => {
      const out = {};
      for (const input of root.querySelectorAll("input:checked")) {
        const id = input.name.slice(root.id.length + 1);
        out[id] = input.type === "radio" ? Number(input.value) + 1 : true;
      }
      return out;
    }""")


BAD_LINK = "Niet alle antwoorden uit deze link horen bij dit formulier; die zijn overgeslagen."


def test_a_link_presets_questions_and_the_result_follows(page, site_url):
    scores = [3, 2, 2, 1, 2, 2, 1, 1]
    open_form(page, site_url, "lsvg")
    ids = [item["id"] for item in form_data(page, "lsvg")["items"]]
    root = open_preset(page, site_url, "lsvg", "/".join(f"{i}={n}" for i, n in zip(ids, scores)))
    assert chosen(root) == dict(zip(ids, scores))
    text = status_of(root)
    assert text.startswith(f"Totaal: {sum(scores)}. Uitkomst: {lsvg_reference(sum(scores))}."), text
    assert BAD_LINK not in text
    expect(root).to_be_in_viewport()
    # A new preset in the address (hashchange) replaces the answers; part of the questions.
    page.evaluate("location.hash = '#formulier-lsvg:troost=5'")
    expect(root.locator("input:checked")).to_have_count(1)
    assert chosen(root) == {"troost": 5}
    assert status_of(root).startswith("Totaal tot nu toe: 5. Onvolledig: nog 7 van 8 niet beantwoord (Affectie,")
    # A plain jump to the form, as from a link in the guideline, leaves the answers alone.
    page.evaluate("location.hash = '#formulier-lsvg'")
    assert chosen(root) == {"troost": 5}


@pytest.mark.parametrize("preset", [
    "bestaat-niet/gedragsregulatie=1/communicatie=/=2//x=y=z",  # unknown items, a box with an answer
    "\"]*,:not(x)/<img src=x onerror=alert(1)>/../../etc",  # not ids at all, never a selector
    "gedragsregulatie=1/gedragsregulatie=ja/%2F",
])
def test_a_hand_typed_preset_that_fits_nothing_leaves_the_form_empty_and_working(page, site_url, preset):
    root = open_preset(page, site_url, "verwijscriteria", preset)
    expect(root.locator("input:checked")).to_have_count(0)
    text = status_of(root)
    assert text.startswith(BAD_LINK) and "Aantal criteria: 0. Uitkomst: Minder dan twee criteria." in text
    root.get_by_role("checkbox").nth(1).check()
    root.get_by_role("checkbox").nth(3).check()
    assert status_of(root).startswith("Aantal criteria: 2. Uitkomst: Twee of meer criteria.")  # notice gone


def test_a_preset_keeps_what_fits_and_ignores_a_malformed_address(page, site_url):
    root = open_preset(page, site_url, "lsvg", "affectie=0/affectie=6/affectie=x/troost=1=2/troost/vreemden=02")
    expect(root.locator("input:checked")).to_have_count(0)
    root = open_preset(page, site_url, "verwijscriteria", "communicatie/bestaat-niet")
    assert chosen(root) == {"communicatie": True}
    assert status_of(root).startswith(BAD_LINK + " Aantal criteria: 1.")
    # An address that cannot be decoded is no preset: nothing happens, nothing breaks.
    root = open_preset(page, site_url, "verwijscriteria", "communicatie%E0%A4%A")
    expect(root.locator("input:checked")).to_have_count(0)
    assert BAD_LINK not in status_of(root)


def test_wissen_clears_a_preset_form_and_its_address(page, site_url):
    root = open_preset(page, site_url, "factoren-tabel-2-2", "ongeplande-zwangerschap/tienermoeder")
    expect(root.locator("input:checked")).to_have_count(2)
    root.get_by_role("button", name="Wissen").click()
    expect(root.locator("input:checked")).to_have_count(0)
    page.wait_for_function(
        "document.querySelector('#formulier-factoren-tabel-2-2 [data-uitslag]').innerText.includes('belemmerend 0 van 15')")
    assert page.url.endswith("factoren-tabel-2-2.html#formulier-factoren-tabel-2-2")
    page.reload()
    root.locator("[data-knoppen]").wait_for()
    expect(root.locator("input:checked")).to_have_count(0)


# --- The answers in the address, as they are given ------------------------------------------


def answer_lsvg(root, scores: dict) -> None:
    for item, score in scores.items():
        root.locator(f'input[name="formulier-lsvg:{item}"][value="{score - 1}"]').check()


def test_the_address_keeps_the_answers_through_a_reload_back_and_forward(page, site_url):
    root = open_form(page, site_url, "lsvg")
    answer_lsvg(root, {"affectie": 3, "troost": 2})
    assert page.url.endswith("lsvg.html#formulier-lsvg:affectie=3/troost=2")
    root.locator('input[name="formulier-lsvg:affectie"][value="0"]').check()  # a changed answer
    assert page.url.endswith("#formulier-lsvg:affectie=1/troost=2")
    page.reload()
    root.locator("[data-knoppen]").wait_for()
    assert chosen(root) == {"affectie": 1, "troost": 2}
    assert status_of(root).startswith("Totaal tot nu toe: 3.")
    # Another page and Back: the same answers.
    page.goto(site_url + "hulpmiddelen/index.html")
    page.go_back()
    root.locator("[data-knoppen]").wait_for()
    assert chosen(root) == {"affectie": 1, "troost": 2}
    # Answers replace the address instead of adding to the history: one Back leaves the form
    # (to the blank page the test started on), and Forward brings the answers back.
    page.go_back()
    assert page.url == "about:blank"
    page.go_forward()
    root.locator("[data-knoppen]").wait_for()
    assert chosen(root) == {"affectie": 1, "troost": 2}


def test_a_copied_address_opens_the_same_answers_for_a_colleague(browser, page, site_url):
    root = open_form(page, site_url, "verwijscriteria")
    for name in ("gedragsregulatie", "communicatie", "ongerustheid-overbelasting"):
        root.locator(f'input[name="formulier-verwijscriteria:{name}"]').check()
    address = page.url
    colleague = browser.new_context(locale="nl-NL", service_workers="block")  # another browser: nothing shared
    try:
        other = colleague.new_page()
        other.goto(address)
        their = other.locator("#formulier-verwijscriteria")
        their.locator("[data-knoppen]").wait_for()
        assert chosen(their) == chosen(root) == {
            "gedragsregulatie": True, "communicatie": True, "ongerustheid-overbelasting": True}
        assert status_of(their) == status_of(root)
        assert "Combinatie: Directe verwijzing aangewezen." in status_of(their)
        expect(their).to_be_in_viewport()
    finally:
        colleague.close()


def test_wissen_empties_the_form_and_the_address(page, site_url):
    root = open_form(page, site_url, "signalen-tabel-2-1")
    root.get_by_role("checkbox").nth(1).check()
    assert "#formulier-signalen-tabel-2-1:veilig-2" in page.url
    root.get_by_role("button", name="Wissen").click()
    page.wait_for_function("!location.hash.includes(':')")
    assert page.url.endswith("signalen-tabel-2-1.html#formulier-signalen-tabel-2-1")
    page.reload()
    root.locator("[data-knoppen]").wait_for()
    expect(root.locator("input:checked")).to_have_count(0)


def test_a_jump_within_the_page_keeps_the_answers_in_the_address(page, site_url):
    root = open_form(page, site_url, "lsvg")
    answer_lsvg(root, {"exploratie": 4})
    root.get_by_role("link", name="Waarvoor, wanneer en let op").click()
    page.wait_for_function("location.hash === '#formulier-lsvg:exploratie=4'")
    page.reload()
    root.locator("[data-knoppen]").wait_for()
    assert chosen(root) == {"exploratie": 4}


def test_copying_an_incomplete_checklist_lists_the_ticks(context, page, site_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    root = open_form(page, site_url, "verwijscriteria")
    root.get_by_role("checkbox", name="het gezin heeft onvoldoende aan begeleiding door de JGZ").check()
    root.get_by_role("button", name="Kopieer samenvatting").click()
    root.get_by_text("Samenvatting gekopieerd").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Wat is aan de hand? (1 van 4 aangevinkt):\n- het gezin heeft onvoldoende aan begeleiding door de JGZ" in copied
    assert "Aantal criteria: 1.\nUitkomst: Minder dan twee criteria." in copied
    assert "\n- “Ouders die problemen hebben met sensitief opvoeden" in copied
    assert "(aanbeveling 3.1)\n" in copied


# --- Keyboard, tap targets, phone, no JavaScript, print --------------------------------------


def test_keyboard_only_with_visible_focus(page, site_url):
    root = open_form(page, site_url, "lsvg")
    questions = root.locator("fieldset.jgz-score__item")
    questions.nth(2).get_by_role("radio", name="1", exact=True).focus()
    page.keyboard.press("ArrowRight")  # native radio group: moves and selects
    assert questions.nth(2).get_by_role("radio", name="2", exact=True).is_checked()
    assert status_of(root).startswith("Totaal tot nu toe: 2.")
    outline = page.evaluate(
        "getComputedStyle(document.activeElement.closest('label')).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Tab")  # to the next question
    page.keyboard.press("Space")
    assert questions.nth(3).get_by_role("radio", name="1", exact=True).is_checked()
    assert status_of(root).startswith("Totaal tot nu toe: 3.")
    root.get_by_role("button", name="Wissen").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#formulier-lsvg input:checked').length === 0")


@pytest.mark.parametrize("name", FORMS)
def test_phone_tap_targets_and_no_horizontal_scroll(page, site_url, name):
    page.set_viewport_size(PHONE)
    root = open_form(page, site_url, name)
    boxes = root.locator("label.jgz-score__keuze, button.jgz-score__knop").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })")
    assert boxes and min(min(w, h) for w, h in boxes) >= 44
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_without_javascript_the_paper_form_is_complete(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "hulpmiddelen/lsvg.html")
        root = page.locator("#formulier-lsvg")
        assert root.locator("fieldset.jgz-score__item").count() == 8
        assert "Tel de punten van de gekozen antwoorden op" in root.locator("[data-uitslag]").inner_text()
        assert not root.get_by_role("button", name="Wissen").is_visible()
        assert root.locator(".jgz-score__papier").is_visible()
        assert root.locator("tbody tr").count() == 4
        root.locator("fieldset.jgz-score__item").first.get_by_role("radio", name="4", exact=True).check()
        assert page.url.endswith("lsvg.html")  # choosing never submits anything
        # On paper the direct referral of Thema 3 stands beside the count, with its three criteria.
        page.goto(site_url + "hulpmiddelen/verwijscriteria.html")
        root = page.locator("#formulier-verwijscriteria")
        assert "kijk dan ook in de tabel ‘Combinaties van items’" in root.locator("[data-uitslag]").inner_text()
        row = root.locator("tr.jgz-score__combinatie")
        assert row.count() == 1 and row.is_visible()
        assert row.locator("td").first.locator("li").all_inner_texts() == [
            "aanhoudende problemen met gedragsregulatie",
            "geen of verstoorde communicatie tussen ouder(s) en kind",
            "aanhoudende ongerustheid en/of overbelasting bij de ouders"]
        assert "Directe verwijzing aangewezen." in row.inner_text()
    finally:
        context.close()


def test_works_from_a_usb_stick(browser, site):
    """Opened as a file (file://), as from a USB stick: classic scripts, nothing to fetch."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((site / "hulpmiddelen" / "verwijscriteria.html").as_uri())
        root = page.locator("#formulier-verwijscriteria")
        root.get_by_role("checkbox").nth(1).check()
        root.get_by_role("checkbox").nth(3).check()
        assert status_of(root).startswith("Aantal criteria: 2. Uitkomst: Twee of meer criteria.")
        assert errors == []
    finally:
        context.close()


def test_print_shows_the_paper_form_without_buttons(page, site_url):
    root = open_form(page, site_url, "lsvg")
    page.emulate_media(media="print")
    assert not root.locator("[data-knoppen]").is_visible()
    assert root.locator(".jgz-score__papier").is_visible()
    assert not root.locator("[data-uitslag]").is_visible()  # nothing filled in: no result to print
    assert root.locator("fieldset.jgz-score__item").count() == 8
    assert all(fieldset.is_visible() for fieldset in root.locator("fieldset.jgz-score__item").all())


@pytest.mark.parametrize("name, preset, answers, total", [
    ("lsvg", "affectie=3/troost=2", ["- Affectie: 3", "- Zoeken van troost: 2", "- Samenwerking: niet beantwoord"],
     "Totaal tot nu toe: 5. Onvolledig: nog 6 van 8 niet beantwoord"),
    ("verwijscriteria", "gedragsregulatie/communicatie",
     ["- er is sprake van één of meerdere aanhoudende problemen op het gebied van gedragsregulatie zoals huilen, eten, slapen",
      "- ouder(s) en kind communiceren niet met elkaar of op een verstoorde manier"], "Aantal criteria: 2."),
])
def test_printing_a_filled_form_prints_the_answers_as_text_and_one_total_line(page, site_url, name, preset, answers, total):
    root = open_preset(page, site_url, name, preset)
    page.emulate_media(media="print")
    printed = root.locator("form").inner_text().splitlines()
    for line in answers:
        assert line in printed
    label = form_data(page, name)["totalLabel"]
    total_lines = [line for line in printed if line.startswith(label)]
    assert len(total_lines) == 1 and total_lines[0].startswith(total), total_lines
    assert not root.locator(".jgz-score__papier").is_visible()  # no blank line to write a total on
    assert not root.locator("fieldset").first.is_visible()  # the answers as text, not rows of boxes
    assert not root.locator("[data-uitslag]").is_visible()  # the result once, in the printed text
