"""The decision trees in a real Chromium: every path, sharing, keyboard, no JavaScript, print.
axe checks every tree in every state in tests/test_a11y.py."""

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, site_widgets
from quality import layout_shift_on_load
from test_beslisboom import SITE_TREES, paths_of

pytestmark = pytest.mark.browser

PAGES = {tree_id: tree.page for tree_id, tree in site_widgets("beslisboom").items()}
PHONE = {"width": 360, "height": 740}


def words(text: str) -> str:
    return " ".join(text.split())


def tree_data(tree_id: str) -> dict:
    data = yaml.safe_load((ROOT / SITE_TREES[tree_id]).read_text(encoding="utf-8"))
    data["vragen_per_id"] = {q["id"]: q for q in data["vragen"]}
    data["uitkomsten_per_id"] = {o["id"]: o for o in data["uitkomsten"]}
    return data


def answer_text(data: dict, question_id: str, answer_id: str) -> str:
    question = data["vragen_per_id"][question_id]
    return words(next(a["tekst"] for a in question["antwoorden"] if a["id"] == answer_id))


def answer(widget, data: dict, question_id: str, answer_id: str) -> None:
    """Check that ``question_id`` is the question shown, then click the button of ``answer_id``.

    The script renders synchronously on click, so the new state can be read right away.
    """
    field = widget.locator("fieldset.jgz-beslisboom__veld")
    assert words(field.locator("legend").inner_text()) == words(data["vragen_per_id"][question_id]["vraag"])
    button = field.locator(f'button[data-antwoord="{answer_id}"]')
    assert words(button.inner_text()) == answer_text(data, question_id, answer_id)
    button.click()


def expect_outcome(widget, data: dict, outcome_id: str) -> None:
    outcome = data["uitkomsten_per_id"][outcome_id]
    status = widget.get_by_role("status")
    expect(status.locator("h2, h3, h4")).to_have_text("Uitkomst: " + words(outcome["titel"]))
    # The outcome shows its advice, the dossier line (where the tree has one), the guideline's own
    # words it rests on and a link for every source.
    expect(status.locator(".jgz-beslisboom__advies")).to_be_visible()
    if "dossier" in outcome:
        expect(status.locator(".jgz-beslisboom__dossier")).to_contain_text("In het dossier")
    else:
        expect(status.locator(".jgz-beslisboom__dossier")).to_have_count(0)
    expect(status.locator(".jgz-beslisboom__onderbouwing")).to_contain_text("Letterlijk in de richtlijn")
    expect(status.locator(".jgz-beslisboom__bronnen a")).to_have_count(len(outcome["bronnen"]))
    expect(widget.locator("fieldset")).to_have_count(0)


# What the widget shows, read in one go (one round trip per step keeps the walk of every path fast).
READ_STATE = """(root) => {
  const status = root.querySelector('[role="status"]');
  const heading = status.querySelector("h2, h3, h4, h5, h6");
  return {
    legend: root.querySelector("fieldset legend")?.textContent ?? null,
    buttons: Object.fromEntries(Array.from(root.querySelectorAll("fieldset button[data-antwoord]"),
                                           (button) => [button.dataset.antwoord, button.textContent])),
    outcome: heading ? heading.textContent : null,
    advice: !!status.querySelector(".jgz-beslisboom__advies p, .jgz-beslisboom__advies li"),
    dossier: status.querySelector(".jgz-beslisboom__dossier")?.textContent ?? null,
    quotes: status.querySelectorAll(".jgz-beslisboom__onderbouwing p").length - 1,
    silence: status.querySelector(".jgz-beslisboom__zwijgt")?.textContent ?? null,
    sources: status.querySelectorAll(".jgz-beslisboom__bronnen a[href]").length,
    steps: Array.from(root.querySelectorAll(".jgz-beslisboom__stapantwoord"), (step) => step.textContent),
    hash: location.hash,
  };
}"""


@pytest.mark.parametrize("tree_id", PAGES)
def test_every_path_ends_in_the_outcome_the_tree_data_implies(page, site_url, tree_id):
    data = tree_data(tree_id)
    paths = paths_of(data)
    page.goto(site_url + PAGES[tree_id])
    widget = page.locator(f"#beslisboom-{tree_id}")
    restart = widget.locator('button[data-actie="opnieuw"]')
    for steps, outcome_id in paths:
        for question_id, answer_id in steps:
            shown = widget.evaluate(READ_STATE)
            question = data["vragen_per_id"][question_id]
            assert words(shown["legend"]) == words(question["vraag"]), (steps, question_id)
            assert {key: words(text) for key, text in shown["buttons"].items()} == {
                choice["id"]: words(choice["tekst"]) for choice in question["antwoorden"]
            }
            assert shown["outcome"] is None
            widget.locator(f'fieldset button[data-antwoord="{answer_id}"]').click()
        shown = widget.evaluate(READ_STATE)
        outcome = data["uitkomsten_per_id"][outcome_id]
        assert shown["outcome"] == "Uitkomst: " + words(outcome["titel"]), steps
        assert shown["legend"] is None and shown["advice"]
        if "dossier" in outcome:
            assert words(shown["dossier"]).startswith("In het dossier")
        else:
            assert shown["dossier"] is None  # no invented "de richtlijn geeft hier geen advies"
        quotes = outcome["onderbouwing"]
        assert shown["quotes"] == (len(quotes) if isinstance(quotes, list) else 1)
        assert (shown["silence"] is not None) == ("zwijgt" in outcome)
        assert shown["sources"] == len(outcome["bronnen"])
        # The path so far lists each answer, and the address holds the answer ids only.
        assert shown["steps"] == [answer_text(data, q, a) for q, a in steps]
        assert shown["hash"] == f"#beslisboom-{tree_id}:" + "/".join(a for _, a in steps)
        restart.click()
    assert len(paths) >= 2
    assert words(widget.evaluate(READ_STATE)["legend"]) == words(data["vragen_per_id"][data["start"]]["vraag"])


def test_shared_link_restores_the_path_and_earlier_answers_can_be_changed(page, site_url):
    data = tree_data("vervolgstap")
    url = site_url + PAGES["vervolgstap"]
    page.goto(url + "#beslisboom-vervolgstap:problematisch/ja/minder-dan-twee")
    widget = page.locator("#beslisboom-vervolgstap")
    expect_outcome(widget, data, "jgz-problematisch")
    expect(widget.locator(".jgz-beslisboom__stap")).to_have_count(3)

    # "Wijzig" on the second answer goes back to that question and forgets what came after it.
    widget.get_by_role("button", name="Wijzig antwoord op: Herkent de ouder de zorgen als u ze bespreekt?").click()
    expect(widget.locator(".jgz-beslisboom__stap")).to_have_count(1)
    expect(widget.get_by_role("status")).to_have_text("")
    answer(widget, data, "herkent-problematisch", "nee")
    expect_outcome(widget, data, "niet-herkend-problematisch")
    assert page.evaluate("location.hash") == "#beslisboom-vervolgstap:problematisch/nee"

    # "Vorige vraag" and the browser's back button both step back.
    widget.get_by_role("button", name="Vorige vraag").click()
    expect(widget.locator("fieldset legend")).to_have_text(words(data["vragen_per_id"]["herkent-problematisch"]["vraag"]))
    page.go_back()
    expect_outcome(widget, data, "niet-herkend-problematisch")
    page.go_back()
    expect(widget.locator(".jgz-beslisboom__stap")).to_have_count(1)
    page.go_back()  # back to the shared link itself
    expect_outcome(widget, data, "jgz-problematisch")


def test_a_link_with_an_unknown_answer_keeps_what_fits_and_says_so(page, site_url):
    data = tree_data("welk-instrument")
    page.goto(site_url + PAGES["welk-instrument"] + "#beslisboom-welk-instrument:ja/ja/bestaat-niet/ja")
    widget = page.locator("#beslisboom-welk-instrument")
    expect(widget.locator(".jgz-beslisboom__melding")).to_have_text(
        "Niet alle antwoorden uit deze link horen bij de beslisboom. U ziet de stappen tot waar ze passen."
    )
    expect(widget.locator("fieldset legend")).to_have_text(words(data["vragen_per_id"]["kennis"]["vraag"]))
    assert page.evaluate("location.hash") == "#beslisboom-welk-instrument:ja/ja"
    answer(widget, data, "kennis", "ja")
    expect(widget.locator(".jgz-beslisboom__melding")).to_be_hidden()
    # A malformed address is no path at all: the tree starts at the beginning, without errors.
    page.goto(site_url + "index.html")
    page.goto(site_url + PAGES["welk-instrument"] + "#beslisboom-welk-instrument:%E0%A4%A")
    expect(widget.locator("fieldset legend")).to_have_text(words(data["vragen_per_id"]["vermoeden"]["vraag"]))


def test_keyboard_only_walk(page, site_url):
    data = tree_data("welk-instrument")
    steps, outcome_id = next(p for p in paths_of(data) if p[1] == "lsvg-of-ari-cp")
    page.goto(site_url + PAGES["welk-instrument"])
    widget = page.locator("#beslisboom-welk-instrument")

    def tab_to(text: str) -> None:
        for _ in range(300):
            page.keyboard.press("Tab")
            focused = page.evaluate("[document.activeElement.tagName, document.activeElement.innerText]")
            if focused[0] == "BUTTON" and words(focused[1]) == text:
                return
        pytest.fail(f"met Tab niet bij de knop '{text}' gekomen")

    for question_id, answer_id in steps:
        tab_to(answer_text(data, question_id, answer_id))
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "de focus is niet zichtbaar"
        page.keyboard.press("Enter")
        # Focus moves to the next question (or the outcome), not back to the top of the page.
        focused = page.evaluate("document.activeElement.className")
        assert focused in ("jgz-beslisboom__veld", "jgz-beslisboom__uitkomstkop")
    expect_outcome(widget, data, outcome_id)
    assert page.evaluate("document.activeElement.innerText") == (
        "Uitkomst: De LSVG of de ARI-CP (2-5 jaar) is behulpzaam bij het bespreken")
    tab_to("Opnieuw beginnen")
    page.keyboard.press("Space")
    expect(widget.locator(".jgz-beslisboom__stap")).to_have_count(0)
    assert page.evaluate("document.activeElement.className") == "jgz-beslisboom__veld"


@pytest.mark.parametrize("tree_id", PAGES)
def test_without_javascript_every_question_and_outcome_is_readable(browser, site_url, tree_id):
    data = tree_data(tree_id)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES[tree_id])
        widget = page.locator(f"#beslisboom-{tree_id}")
        expect(widget.locator(".jgz-beslisboom__app")).to_be_hidden()
        for question in data["vragen"]:
            item = widget.locator(f'li[data-vraag="{question["id"]}"]')
            expect(item.locator(".jgz-beslisboom__tekst").first).to_have_text(words(question["vraag"]))
            expect(item).to_be_visible()
            for choice in question["antwoorden"]:
                expect(item.locator(f'li[data-antwoord="{choice["id"]}"]')).to_contain_text(words(choice["tekst"]))
        for outcome in data["uitkomsten"]:
            item = widget.locator(f'li[data-uitkomst="{outcome["id"]}"]')
            expect(item).to_contain_text("Uitkomst: " + words(outcome["titel"]))
            expect(item.locator(".jgz-beslisboom__bronnen a")).to_have_count(len(outcome["bronnen"]))
        # Each answer's "verder bij" link lands on the step it names.
        link = widget.locator('li[data-antwoord] a[href^="#beslisboom-"]').first
        target = link.get_attribute("href")
        link.click()
        assert page.evaluate("location.hash") == target
    finally:
        context.close()


@pytest.mark.parametrize("tree_id", PAGES)
@pytest.mark.parametrize("viewport", [{"width": 1350, "height": 940}, {"width": 360, "height": 740}])
def test_the_text_does_not_move_when_the_tree_starts(browser, site_url, tree_id, viewport):
    """The list form folds away before the first paint (the script stands right after the tree,
    and the list is invisible until then), so nothing jumps: no layout shift at all."""
    score = layout_shift_on_load(browser, site_url + PAGES[tree_id], viewport,
                                 f"#beslisboom-{tree_id} .jgz-beslisboom__keuze")
    # The theme's header settles by a fraction of a pixel on phones (0.0002); the tree moves nothing.
    assert score < 0.001


def test_buttons_are_big_enough_to_tap_and_nothing_scrolls_sideways(page, site_url):
    page.set_viewport_size(PHONE)
    data = tree_data("welk-instrument")
    page.goto(site_url + PAGES["welk-instrument"] + "#beslisboom-welk-instrument:ja/ja/ja/ja")
    widget = page.locator("#beslisboom-welk-instrument")

    def check() -> None:
        buttons = widget.locator("button:visible")
        assert buttons.count() >= 4  # answers or "Wijzig", plus "Vorige vraag" and "Opnieuw beginnen"
        for index in range(buttons.count()):
            box = buttons.nth(index).bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, buttons.nth(index).inner_text()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    check()  # a question with five answers
    answer(widget, data, "leeftijd", "2-tot-5")
    expect_outcome(widget, data, "lsvg-of-ari-cp")
    check()  # the outcome, with the path and its "Wijzig" buttons


def test_printing_a_walked_path_prints_the_path_and_the_outcome(page, site_url):
    data = tree_data("informatie-delen")
    page.goto(site_url + PAGES["informatie-delen"])
    widget = page.locator("#beslisboom-informatie-delen")
    lijst = widget.locator(".jgz-beslisboom__lijst")
    # Before any answer, printing gives the whole tree as a list.
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(lijst.locator('li[data-uitkomst="afweging"]')).to_be_visible()
    expect(widget.locator(".jgz-beslisboom__app")).to_be_hidden()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    answer(widget, data, "toestemming", "nee")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(widget.locator(".jgz-beslisboom__pad")).to_be_visible()
    expect(widget.get_by_role("status")).to_contain_text(
        "Bij de afweging om zonder toestemming informatie te delen is het van belang vijf vragen te beantwoorden")
    expect(lijst).to_be_hidden()
    expect(widget.get_by_role("button", name="Opnieuw beginnen")).to_be_hidden()
    expect(widget.locator(".jgz-beslisboom__wijzig").first).to_be_hidden()


def test_tree_in_a_dropdown_that_opens_later_works(page, site_url):
    url = site_url + "over/beslisboom.html"
    page.goto(url)
    widget = page.locator("#beslisboom-voorbeeld")
    expect(widget).to_be_hidden()
    page.locator("details.sd-dropdown > summary").first.click()
    widget.get_by_role("button", name="Nee", exact=True).click()
    expect(widget.get_by_role("status")).to_contain_text("Uitkomst: Terugkomen in een volgend contactmoment kan")
    # A shared link into the closed dropdown opens it.
    page.goto(site_url + "index.html")
    page.goto(url + "#beslisboom-voorbeeld:ja")
    expect(widget.get_by_role("status")).to_contain_text(
        "Uitkomst: De informatiekaart van Babykennis en de infosheet van Basic Trust zijn behulpzaam")
    expect(widget.get_by_role("status")).to_be_visible()


def test_nothing_is_stored_or_sent_while_walking(browser, site_url):
    # Without the site's service worker, whose own caching would show up as requests.
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    data = tree_data("vervolgstap")
    page.goto(site_url + PAGES["vervolgstap"])
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    widget = page.locator("#beslisboom-vervolgstap")
    for question_id, answer_id in [("inschatting", "problematisch"), ("herkent-problematisch", "ja"),
                                   ("criteria-problematisch", "twee-of-meer")]:
        answer(widget, data, question_id, answer_id)
    expect_outcome(widget, data, "verwijzen-problematisch")
    # Chromium itself asks for the page's icon again when the address changes; the URL fragment
    # with the answers is never part of a request.
    assert [url for url in requests if not url.endswith("/_static/favicon.svg")] == []
    assert not any("#" in url or "problematisch" in url for url in requests)
    stored = page.evaluate("[document.cookie, localStorage.length, sessionStorage.length]")
    context.close()
    assert stored == ["", 0, 0]


def test_works_from_a_file_on_a_usb_stick(browser, site):
    context = browser.new_context()
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        data = tree_data("welk-instrument")
        page.goto((site / PAGES["welk-instrument"]).as_uri())
        widget = page.locator("#beslisboom-welk-instrument")
        for question_id, answer_id in [("vermoeden", "nee")]:
            answer(widget, data, question_id, answer_id)
        expect_outcome(widget, data, "geen-vermoeden")
        assert errors == []
    finally:
        context.close()
