"""The built site in a real Chromium: landing page, Dutch search, phones, recommendations."""

import re

import pytest
from playwright.sync_api import expect

from quality import RECORD_LAYOUT_SHIFTS, layout_shift_while_scripts_start

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def test_landing_page_renders_without_errors_or_foreign_requests(page, site_url):
    page.goto(site_url)
    assert page.title().startswith("JGZ-richtlijn Ouder-kindrelatie")
    assert page.locator("h1").inner_text() == "JGZ-richtlijn Ouder-kindrelatie"
    for card in ("Snel naslaan", "De richtlijn lezen", "Onderwijs en scholing"):
        assert page.get_by_text(card, exact=True).is_visible()
    navigation = page.locator(".sidebar-tree").inner_text()
    for part in ("Inleiding", "Leeswijzer", "Thema 1", "Thema 2", "Thema 3", "Thema 4",
                 "Totstandkoming", "Verantwoording", "Bijlagen"):
        assert part in navigation
    assert "25 januari 2021" in page.locator("footer").inner_text()


@pytest.mark.parametrize("word", ["sensitiviteit", "mentaliseren"])
def test_dutch_search_finds_pages_without_javascript_errors(page, site_url, word):
    page.goto(f"{site_url}search.html?q={word}")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for()
    assert results.count() >= 1
    summary = page.locator("#search-results .search-summary")
    # (No wait_for_function: it evaluates a string, which the Content-Security-Policy forbids.)
    expect(summary).to_have_text(re.compile(r"^(Eén pagina|\d+ pagina's) gevonden\.$"))


@pytest.mark.parametrize(
    "path",
    ["", "thema-2/aanbevelingen.html", "thema-2/signalen-en-factoren.html", "aanbevelingen.html",
     "totstandkoming/index.html"],
)
def test_phone_viewport_has_no_horizontal_scroll(page, site_url, path):
    page.set_viewport_size(PHONE)
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path or 'index'} scrolt {overflow}px horizontaal"


def test_copy_link_puts_a_citation_with_the_anchor_on_the_clipboard(context, page, site_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + "aanbevelingen.html")
    button = page.locator("#aanbeveling-2-7, .jgz-aanbeveling").filter(has_text="Aanbeveling 2.7")
    button = button.first.get_by_role("button", name="Kopieer link naar aanbeveling 2.7")
    button.click()
    expect(page.get_by_role("status").filter(has_text="Link gekopieerd")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Aanbeveling 2.7 (Thema 2: Signaleren): “")
    assert copied.endswith(site_url + "thema-2/aanbevelingen.html#aanbeveling-2-7")


def test_recommendation_anchor_lands_on_the_recommendation(page, site_url):
    page.goto(site_url + "thema-3/aanbevelingen.html#aanbeveling-3-3")
    heading = page.locator("#aanbeveling-3-3 .jgz-aanbeveling__titel")
    assert heading.inner_text().startswith("Aanbeveling 3.3")
    assert heading.is_visible()
    box = heading.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]


def test_missing_page_shows_the_dutch_404_with_working_links(page, site_url):
    response = page.goto(site_url + "thema-2/bestaat-niet.html")
    assert response.status == 404
    # Chromium reports the 404 status of the page itself as a console error; that one is expected.
    assert page.watch.console_errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    page.watch.console_errors.clear()
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    page.locator("article").get_by_role("link", name="alle aanbevelingen", exact=True).click()
    page.wait_for_url(site_url + "aanbevelingen.html")
    # The stylesheet loaded from the root, so the page is styled.
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"


def test_every_page_fits_a_phone_and_its_controls_are_large_enough_to_tap(context, site, site_url):
    """At 360x740 no page scrolls sideways (a table may scroll inside itself, and then can be
    reached with the keyboard), and every button and fold-out in the text is at least 44x44 px."""
    page = context.new_page()
    page.set_viewport_size(PHONE)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not p.name.startswith(".") and p.relative_to(site).parts[0] not in ("_static", "_sources"))
    problems = []
    for path in pages:
        page.goto(site_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{path}: scrolt {overflow}px horizontaal")
        small = page.evaluate(
            """() => [...document.querySelectorAll('article button, article summary, article select')]
                .filter((el) => el.offsetParent !== null)
                .map((el) => [el.textContent.trim().slice(0, 40), el.getBoundingClientRect()])
                .filter(([, box]) => box.width < 44 || box.height < 44)
                .map(([text, box]) => `${text} (${Math.round(box.width)}x${Math.round(box.height)})`)"""
        )
        problems += [f"{path}: te klein om aan te tikken: {control}" for control in small]
        unreachable = page.evaluate(
            """() => [...document.querySelectorAll('article *')]
                .filter((el) => el.scrollWidth > el.clientWidth + 1
                        && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
                        && el.tabIndex < 0 && !el.querySelector('a[href], button, input, [tabindex]'))
                .map((el) => el.className || el.tagName)"""
        )
        problems += [f"{path}: scrollt zijwaarts maar niet met het toetsenbord: {what}" for what in unreachable]
    page.close()
    assert len(pages) > 50
    assert problems == []


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1350, "height": 940}])
def test_no_page_moves_while_its_scripts_start(context, site, site_url, viewport):
    """What the scripts change when they start (a tree folds up, buttons appear, furo shows its
    colour-scheme button) already has its place at the first paint: no layout shift on any page,
    even when the page is painted before any script runs. The search page is left out: its
    results arrive after the page, one by one."""
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.add_init_script(RECORD_LAYOUT_SHIFTS)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if p.relative_to(site).parts[0] not in ("_static", "_sources") and p.name != "search.html")
    moved = []
    for path in pages:
        score = layout_shift_while_scripts_start(page, site_url + path)
        if score >= 0.001:
            moved.append(f"{path}: {score:.4f}")
    page.close()
    assert len(pages) > 50
    assert moved == []


def test_a_wide_table_on_a_phone_scrolls_with_the_keyboard_and_a_fitting_one_has_no_tab_stop(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "thema-2/signalen-en-factoren.html")
    region = page.get_by_role("region", name="Tabel 2.2 (zijwaarts te scrollen)")
    expect(region).to_have_attribute("tabindex", "0")
    for _ in range(200):  # Tab through the page until the table has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label') || ''").startswith("Tabel 2.2"):
            break
    else:
        pytest.fail("Tabel 2.2 is met Tab niet te bereiken")
    page.keyboard.press("ArrowRight")
    expect(region).not_to_have_js_property("scrollLeft", 0)
    page.set_viewport_size({"width": 1400, "height": 900})
    for table in ("#tabel-2-1", "#tabel-2-2"):  # both fit now
        wrapper = page.locator(table).locator("xpath=..")
        expect(wrapper).not_to_have_attribute("tabindex", "0")
        expect(wrapper).not_to_have_attribute("role", "region")


def test_search_words_are_not_stored_but_travel_in_the_result_links(page, site_url):
    page.goto(f"{site_url}search.html?q=mentaliseren")
    first = page.locator("#search-results ul.search li a").first
    expect(first).to_have_attribute("href", re.compile(r"[?&]highlight=mentaliseren"))
    stored = page.evaluate("[localStorage.length, sessionStorage.length]")
    assert stored == [0, 0]
    first.click()
    expect(page.locator("span.highlighted").first).to_have_text(re.compile("mentaliseren", re.I))


def test_the_layout_shift_check_sees_a_script_that_moves_the_text(page, site_url):
    """Counterproof: a script that puts a line above the text when it starts is a layout shift,
    also on a machine fast enough to run it before the first paint."""
    page.add_init_script(RECORD_LAYOUT_SHIFTS)
    text = "<p>Een alinea tekst die straks verschuift.</p>" * 20
    page.route(f"{site_url}verschuift.html", lambda route: route.fulfill(
        content_type="text/html", body=f'<!doctype html><html lang="nl"><title>T</title>{text}<script src="verschuift.js"></script></html>'))
    page.route(f"{site_url}verschuift.js", lambda route: route.fulfill(
        content_type="text/javascript", body="document.body.prepend(Object.assign(document.createElement('h1'), {textContent: 'Nieuw'}));"))
    assert layout_shift_while_scripts_start(page, f"{site_url}verschuift.html") > 0.01
