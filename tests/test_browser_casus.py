"""The training cases in a real Chromium: every option of every question and its feedback and
links, the tools they open, keyboard, no JavaScript, print (handout and answer key), privacy,
tap targets and a copy on a USB stick.  axe checks every case in every state, with its answer key
open, in tests/test_a11y.py."""

import re
from urllib.parse import unquote, urlparse

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT
from quality import layout_shift_on_load
from jgz import scoreformulier as sf
from test_beslisboom import SITE_TREES
from test_casus import CASES_DIR, FORMS_DIR, SITE_CASES, SITE_FORM_PRESETS, load_case, site_form_links

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def words(text: str) -> str:
    return " ".join(text.split())


def visible_text(myst: str) -> str:
    """The words a MyST text shows: roles and links become their visible text."""
    myst = re.sub(r"\{[a-z]+\}`([^`<]+?)\s*<[^`>]+>`", r"\1", myst)
    myst = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", myst)
    return words(myst.replace("**", ""))


def case_pages() -> dict[str, tuple[str, dict]]:
    """Page path in the site -> (case id, case data), for every case of the site."""
    pages = {}
    for path in SITE_CASES:
        source = next(p for p in CASES_DIR.glob("*.md") if f"_data/{path.name}" in p.read_text(encoding="utf-8"))
        case = load_case(path)
        pages[f"oefenen/{source.stem}.html"] = (case["id"], case)
    return pages


PAGES = case_pages()
PAGE_OF_CASE = {case_id: page for page, (case_id, _) in PAGES.items()}
HUILEN = PAGE_OF_CASE["huilen"]

# What the status region of a question shows, read in one go.
READ_FEEDBACK = """(question) => {
  const region = question.querySelector('[role="status"]');
  const view = region.querySelector(".jgz-casus__keuze");
  return {
    text: region.innerText,
    verdict: view ? view.querySelector(".jgz-casus__oordeel strong").textContent : null,
    kind: view ? view.className : null,
    sources: Array.from(region.querySelectorAll(".jgz-casus__bronnen a"), (a) => a.href),
    tool: Array.from(region.querySelectorAll(".jgz-casus__hulpmiddel a"), (a) => a.href),
    ids: region.querySelectorAll("[id]").length,
  };
}"""


def target_exists(site, site_url: str, href: str) -> bool:
    """The page of an internal link exists in the build and has the anchor it names."""
    url = urlparse(href)
    assert href.startswith(site_url), f"link naar buiten de site: {href}"
    path = site / unquote(url.path[len(urlparse(site_url).path):])
    if not path.is_file():
        return False
    anchor = unquote(url.fragment).split(":")[0]
    return not anchor or f'id="{anchor}"' in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("page_path", PAGES)
def test_every_option_shows_its_own_feedback_with_working_links(page, site, site_url, page_path):
    case_id, case = PAGES[page_path]
    page.goto(site_url + page_path)
    root = page.locator(f"#casus-{case_id}")
    expect(root).to_have_class(re.compile("jgz-casus--actief"))
    checked = 0
    for question in case["vragen"]:
        field = root.locator(f"#casus-{case_id}-{question['id']}")
        expect(field.locator("legend")).to_have_text(re.compile(re.escape(words(question["vraag"])) + "$"))
        radios = field.locator("input[type=radio]")
        expect(radios).to_have_count(len(question["opties"]))
        for letter, option in zip("ABCDEFGHIJ", question["opties"]):
            label = field.locator("label.jgz-casus__optie", has=page.locator(f'input[value="{letter}"]'))
            expect(label).to_have_text(f"{letter}. {words(option['tekst'])}")
            label.click()
            shown = field.evaluate(READ_FEEDBACK)
            assert shown["verdict"] == ("Juist." if option["juist"] == "ja" else "Niet juist."), (question["id"], letter)
            assert ("--juist" in shown["kind"]) == (option["juist"] == "ja")
            text = words(shown["text"])
            assert text.startswith(f"{letter}. {words(option['tekst'])} — {shown['verdict']}")
            for block in option["feedback"] if isinstance(option["feedback"], list) else [option["feedback"]]:
                assert visible_text(block) in text, (question["id"], letter)
            assert len(shown["sources"]) == len(option["bronnen"])
            assert len(shown["tool"]) == (1 if "hulpmiddel" in option else 0)
            for href in shown["sources"] + shown["tool"]:
                assert target_exists(site, site_url, href), href
            assert shown["ids"] == 0  # the copy of the answer key repeats no ids
            checked += 1
        # Only the chosen option's feedback is shown; the other questions are untouched.
        expect(field.locator(".jgz-casus__keuze")).to_have_count(1)
    assert checked == sum(len(q["opties"]) for q in case["vragen"]) >= 6
    expect(root.locator(".jgz-casus__keuze")).to_have_count(len(case["vragen"]))
    # "Antwoorden wissen" clears every choice and every feedback.
    root.get_by_role("button", name="Antwoorden wissen").click()
    expect(root.locator(".jgz-casus__keuze")).to_have_count(0)
    expect(root.locator("input:checked")).to_have_count(0)


def tree_state(tree: dict, path: list[str]) -> str:
    """The question or outcome a tree shows after ``path``, from its YAML (not from the script)."""
    questions = {question["id"]: question for question in tree["vragen"]}
    current = tree["start"]
    for answer_id in path:
        current = next(a["naar"] for a in questions[current]["antwoorden"] if a["id"] == answer_id)
    return current


def test_tool_links_open_the_tree_pre_set_to_the_case(page, site_url):
    trees = {}
    for path in SITE_TREES.values():
        data = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
        trees[data["id"]] = data
    links = set()
    for page_path in PAGES:
        page.goto(site_url + page_path)
        hrefs = page.locator(".jgz-casus__antwoordblad .jgz-casus__hulpmiddel a").evaluate_all(
            "(links) => links.map((a) => a.href)")
        links.update(hrefs)
    forms = {href for href in links if unquote(urlparse(href).fragment).startswith("formulier-")}
    assert len(links - forms) >= 6
    # Every form link is followed from the case's feedback in the test below.
    assert len(forms) == len({(form, tuple(texts)) for form, texts in SITE_FORM_PRESETS.values()})
    for href in sorted(links - forms):
        page.goto(href)
        fragment = unquote(urlparse(href).fragment)
        anchor, _, answers = fragment.partition(":")
        tree = trees[anchor.removeprefix("beslisboom-")]
        widget = page.locator(f"#{anchor}")
        expect(widget).to_have_attribute("data-huidig", tree_state(tree, answers.split("/") if answers else []))
        expect(widget.locator(".jgz-beslisboom__stap")).to_have_count(len(answers.split("/")) if answers else 0)
        expect(widget.locator(".jgz-beslisboom__melding")).to_be_hidden()  # the whole path fitted


def form_status(model: dict, ticked: set[str]) -> str:
    """The start of what a checklist form says for ``ticked`` item ids, from the build's model:
    the count and the outcome (sf.outcome_for, the twin of the script) for a form with bands, the
    ticks per group (and domain) for one without."""
    if model["banden"]:
        kind, index = sf.outcome_for(model, len(ticked))
        band = model["banden" if kind == "band" else "gaten"][index]
        return f"{model['totaal_label']}: {len(ticked)}. Uitkomst: {band['titel']}."

    def count(group):
        return f"{group['kort']} {sum(item['id'] in ticked for item in sf.group_items(group))} van {group['aantal']}"

    if not model["domeinen"]:
        return "Aangevinkt: " + "; ".join(count(group) for group in model["groepen"]) + "."
    return "Aangevinkt. " + ". ".join(
        domain["titel"] + ": " + ", ".join(count(g) for g in model["groepen"] if g["domein"] == domain["id"])
        for domain in model["domeinen"]) + "."


@pytest.mark.parametrize("key", SITE_FORM_PRESETS, ids=["-".join(key) for key in SITE_FORM_PRESETS])
def test_a_form_link_in_the_feedback_opens_the_form_with_the_case_answers(page, site_url, key):
    case_id, question_id, letter = key
    form_id, texts = SITE_FORM_PRESETS[key]
    model = sf.validate(sf.load_yaml((FORMS_DIR / f"formulier-{form_id}.yaml").read_text(encoding="utf-8")),
                        sf.Checker())
    ticked = {item["id"] for item in model["items"] if item["tekst"] in texts}
    page.goto(site_url + PAGE_OF_CASE[case_id])
    field = page.locator(f"#casus-{case_id}-{question_id}")
    field.locator("label.jgz-casus__optie", has=page.locator(f'input[value="{letter}"]')).click()
    field.locator("[data-feedback] .jgz-casus__hulpmiddel a").click()
    answers = site_form_links()[key][1]
    preset = ":" + "/".join(answers) if answers else ""
    expect(page).to_have_url(re.compile(re.escape(f"{form_id}.html#formulier-{form_id}{preset}") + "$"))
    root = page.locator(f"#formulier-{form_id}")
    expect(root).to_have_class(re.compile("jgz-score--actief"))
    expect(root).to_be_in_viewport()  # the address names no element: the script scrolls to the form
    # Exactly the case's answers are ticked, and the form shows what they mean.
    expect(root.locator("input:checked")).to_have_count(len(texts))
    labels = root.locator("label:has(input:checked)").all_inner_texts()
    assert sorted(words(label) for label in labels) == sorted(texts)
    status = words(root.locator("[data-uitslag]").inner_text())
    # A form that opens empty keeps the page's own instructions until the first answer.
    assert status.startswith(form_status(model, ticked) if ticked else "Tel "), status
    # The same as a reader who ticks the same items in an empty form.
    page.goto(f"{site_url}hulpmiddelen/{form_id}.html")
    expect(root).to_have_class(re.compile("jgz-score--actief"))
    for text in texts:
        root.get_by_role("checkbox", name=text, exact=True).check()
    assert words(root.locator("[data-uitslag]").inner_text()) == status


def test_a_tool_link_in_the_feedback_is_a_real_link(page, site_url):
    page.goto(site_url + HUILEN)
    field = page.locator("#casus-huilen-verwijzen")
    field.locator("label.jgz-casus__optie").first.click()
    field.get_by_role("link", name="Open de beslisboom ‘Van zorg naar vervolgstap’").click()
    expect(page).to_have_url(re.compile(r"van-zorg-naar-vervolgstap\.html#beslisboom-vervolgstap:meer-onveilig/ja/twee-of-meer$"))
    expect(page.locator("#beslisboom-vervolgstap").get_by_role("status")).to_contain_text(
        "Uitkomst: Verwijzen naar meer intensieve hulp buiten de JGZ kan")


def test_keyboard_only_with_visible_focus(page, site_url):
    page.goto(site_url + HUILEN)
    root = page.locator("#casus-huilen")
    first = root.locator("#casus-huilen-betekenis input[value='A']")
    for _ in range(200):
        page.keyboard.press("Tab")
        if first.evaluate("(element) => element === document.activeElement"):
            break
    else:
        pytest.fail("met Tab niet bij het eerste antwoord gekomen")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    # Arrow keys choose within a question, as with any group of radio buttons.
    page.keyboard.press("ArrowDown")
    feedback = root.locator("#casus-huilen-betekenis [role=status]")
    expect(feedback).to_contain_text("B. Veel huilen betekent dat de ouder-kindrelatie problematisch is — Niet juist.")
    page.keyboard.press("ArrowDown")
    expect(feedback).to_contain_text("C. Huilen is een medisch onderwerp")
    page.keyboard.press("Space")  # on the focused radio: keeps the choice
    expect(root.locator("#casus-huilen-betekenis input:checked")).to_have_value("C")
    # Tab leaves the group for the links in the feedback and then the next question.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "casus-huilen:bespreken":
            break
    else:
        pytest.fail("met Tab niet bij de tweede vraag gekomen")
    page.keyboard.press("Space")
    expect(root.locator("#casus-huilen-bespreken [role=status]")).to_contain_text("— Juist.")


def test_without_javascript_questions_options_and_answer_key_are_readable(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        case_id, case = PAGES[HUILEN]
        page.goto(site_url + HUILEN)
        root = page.locator(f"#casus-{case_id}")
        expect(root.locator(".jgz-casus__oefenen")).to_contain_text("Oefenmateriaal: deze casus is geen onderdeel van de richtlijn.")
        expect(root.locator("[data-knoppen]").first).to_be_hidden()
        expect(root.locator("fieldset legend")).to_have_count(len(case["vragen"]))
        expect(root.locator(".jgz-casus__hint").first).to_have_text(
            "De toelichting bij elk antwoord staat in het antwoordblad onder de vragen.")
        key = root.locator("details.jgz-casus__antwoordblad")
        key.locator("summary").click()
        total = sum(len(question["opties"]) for question in case["vragen"])
        expect(key.locator("li.jgz-casus__antwoord")).to_have_count(total)
        for item in key.locator("li.jgz-casus__antwoord").all():
            expect(item).to_be_visible()
            expect(item.locator(".jgz-casus__bronnen a").first).to_be_visible()
        # Without the script a tree or form cannot be pre-set: the link lands on the tree's list
        # form, or on the form (empty).
        expect(key.locator(".jgz-casus__hulpmiddel a[data-ingevuld][href*='#beslisboom-']")).to_have_attribute(
            "href", "../hulpmiddelen/van-zorg-naar-vervolgstap.html#beslisboom-vervolgstap")
        form_link = key.locator(".jgz-casus__hulpmiddel a[data-ingevuld][href*='#formulier-']")
        expect(form_link).to_have_attribute("href", "../hulpmiddelen/verwijscriteria.html#formulier-verwijscriteria")
        form_link.click()
        expect(page).to_have_url(re.compile(r"verwijscriteria\.html#formulier-verwijscriteria$"))
        expect(page.locator("#formulier-verwijscriteria")).to_be_in_viewport()
        expect(page.locator("#formulier-verwijscriteria input:checked")).to_have_count(0)
    finally:
        context.close()


def print_style(root, selector: str, prop: str) -> str:
    return root.locator(selector).evaluate(f"(element) => getComputedStyle(element).{prop}")


def test_print_case_and_answer_key_on_its_own_page_or_handout_or_key_alone(page, site_url):
    page.goto(site_url + HUILEN)
    root = page.locator("#casus-huilen")
    root.locator("#casus-huilen-betekenis label.jgz-casus__optie").first.click()
    page.emulate_media(media="print")
    # Plain printing: the case, the questions, then the answer key from a new page, no buttons.
    expect(root.locator(".jgz-casus__situatie")).to_be_visible()
    expect(root.locator("fieldset").first).to_be_visible()
    expect(root.locator("li.jgz-casus__antwoord").first).to_be_visible()
    assert print_style(root, ".jgz-casus__antwoordblad", "breakBefore") == "page"
    expect(root.locator("[role=status]").first).to_be_hidden()
    expect(root.locator("button")).to_have_count(3)
    for button in root.locator("button").all():
        expect(button).to_be_hidden()
    expect(root.locator(".jgz-casus__oefenen")).to_be_visible()

    # The buttons set the mode, print, and the mode ends after printing.
    page.emulate_media(media="screen")
    page.evaluate("window.print = () => { window.jgzPrinted = document.querySelector('.jgz-casus').className; }")
    root.get_by_role("button", name="Handout afdrukken (zonder antwoorden)").click()
    assert "jgz-casus--handout" in page.evaluate("window.jgzPrinted")
    page.emulate_media(media="print")
    expect(root.locator(".jgz-casus__antwoordblad")).to_be_hidden()
    expect(root.locator("fieldset").first).to_be_visible()
    expect(root.locator(".jgz-casus__oefenen")).to_be_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(root).not_to_have_class(re.compile("jgz-casus--handout"))

    page.emulate_media(media="screen")
    root.get_by_role("button", name="Antwoordblad afdrukken").click()
    assert "jgz-casus--antwoordblad" in page.evaluate("window.jgzPrinted")
    page.emulate_media(media="print")
    expect(root.locator(".jgz-casus__situatie")).to_be_hidden()
    expect(root.locator("fieldset").first).to_be_hidden()
    expect(root.locator("li.jgz-casus__antwoord").first).to_be_visible()
    assert print_style(root, ".jgz-casus__antwoordblad", "breakBefore") == "auto"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(root).not_to_have_class(re.compile("jgz-casus--antwoordblad"))


def test_choosing_sends_nothing_and_stores_nothing(browser, site_url):
    # Without the site's service worker, whose own caching would show up as requests.
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + HUILEN)
        page.wait_for_load_state("networkidle")
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        root = page.locator("#casus-huilen")
        for field in root.locator("fieldset.jgz-casus__vraag").all():
            field.locator("label.jgz-casus__optie").last.click()
            expect(field.locator(".jgz-casus__keuze")).to_have_count(1)
        assert requests == []
        assert page.evaluate("[document.cookie, localStorage.length, sessionStorage.length]") == ["", 0, 0]
        assert context.cookies() == []
        # Nothing is kept: after reloading every question is open again.
        page.reload()
        expect(root).to_have_class(re.compile("jgz-casus--actief"))
        expect(root.locator("input:checked")).to_have_count(0)
        expect(root.locator(".jgz-casus__keuze")).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [{"width": 1350, "height": 940}, {"width": 360, "height": 740}])
def test_the_case_does_not_move_when_its_buttons_appear(browser, site_url, viewport):
    """The print buttons hold their room until the script shows them: no layout shift."""
    score = layout_shift_on_load(browser, site_url + HUILEN, viewport, ".jgz-casus--actief [data-knoppen]")
    assert score < 0.001  # (the theme's header settles by 0.0002 on phones)


def test_phone_tap_targets_and_no_horizontal_scroll(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url + HUILEN)
    root = page.locator("#casus-huilen")
    root.locator("#casus-huilen-verwijzen label.jgz-casus__optie").first.click()
    targets = root.locator("label.jgz-casus__optie, button, details > summary")
    assert targets.count() >= 12
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, targets.nth(index).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_works_from_a_file_on_a_usb_stick(browser, site):
    context = browser.new_context()
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((site / HUILEN).as_uri())
        field = page.locator("#casus-huilen-verwijzen")
        field.locator("label.jgz-casus__optie").first.click()
        expect(field.locator("[role=status]")).to_contain_text("— Juist.")
        field.get_by_role("link", name="Open de beslisboom ‘Van zorg naar vervolgstap’").click()
        expect(page.locator("#beslisboom-vervolgstap").get_by_role("status")).to_contain_text(
            "Uitkomst: Verwijzen naar meer intensieve hulp buiten de JGZ kan")
        assert errors == []
    finally:
        context.close()
