"""The age guide in Chromium: on a phone, with and without JavaScript, from a web server and
from disk (file://)."""

import pytest
from playwright.sync_api import expect

from conftest import PageWatch
from test_leeftijd import BAND_KEYS, EXPECTED_GUIDE

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
GUIDE = "leeftijdswijzer.html"


def chooser(page):
    return page.get_by_role("navigation", name="Leeftijd van het kind")


def visible_guide(page) -> dict:
    """What a reader sees: band -> kind -> titles, for the bands that are shown."""
    return page.evaluate(
        """() => Object.fromEntries(
          [...document.querySelectorAll("section[data-leeftijd]")]
            .filter((section) => section.checkVisibility())
            .map((section) => [section.dataset.leeftijd, Object.fromEntries(
              [...section.querySelectorAll("ul[data-soort]")].map((list) => [list.dataset.soort,
                [...list.querySelectorAll(":scope > li > .jgz-leeftijd__link")].map((a) => a.textContent)])
            )]))"""
    )


@pytest.mark.parametrize("key", BAND_KEYS)
def test_choosing_an_age_shows_what_the_tags_give_for_it(page, site_url, key):
    page.set_viewport_size(PHONE)
    page.goto(site_url + GUIDE)
    assert visible_guide(page) == EXPECTED_GUIDE  # every band until one is chosen
    link = chooser(page).locator(f'a[data-leeftijd="{key}"]')
    link.click()
    expect(page.locator(f"#leeftijd-{key}")).to_be_visible()
    assert visible_guide(page) == {key: EXPECTED_GUIDE[key]}
    expect(link).to_have_attribute("aria-current", "true")
    assert page.url == f"{site_url}{GUIDE}#leeftijd-{key}"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_the_choice_lives_in_the_address(page, site_url):
    page.goto(f"{site_url}{GUIDE}#leeftijd-2-4-jaar")
    expect(page.locator("#leeftijd-4-12-jaar")).to_be_hidden()
    assert list(visible_guide(page)) == ["2-4-jaar"]
    chooser(page).get_by_role("link", name="4-12 jaar", exact=True).click()
    expect(page.locator("#leeftijd-2-4-jaar")).to_be_hidden()
    page.go_back()
    expect(page.locator("#leeftijd-2-4-jaar")).to_be_visible()
    assert list(visible_guide(page)) == ["2-4-jaar"]
    chooser(page).get_by_role("link", name="Alle leeftijden", exact=True).click()
    expect(page.locator("#leeftijd-zwangerschap")).to_be_visible()
    assert visible_guide(page) == EXPECTED_GUIDE
    assert page.url == site_url + GUIDE
    expect(page.locator(".jgz-leeftijd").get_by_role("status")).to_have_text("Alle leeftijden getoond")


def test_the_chooser_works_with_the_keyboard(page, site_url):
    page.goto(site_url + GUIDE)
    link = chooser(page).get_by_role("link", name="Zwangerschap", exact=True)
    link.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page.locator("#leeftijd-0-1-jaar")).to_be_hidden()
    assert list(visible_guide(page)) == ["zwangerschap"]


def test_the_chooser_is_large_enough_to_tap(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url + GUIDE)
    links = page.locator(".jgz-leeftijd__kiezer a")
    assert links.count() == len(BAND_KEYS) + 1
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (links.nth(index).inner_text(), box)
    entry = page.locator(".jgz-leeftijd__link").first.bounding_box()
    assert entry["height"] >= 44


def test_without_javascript_every_age_is_a_section(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + GUIDE)
        assert visible_guide_without_script(page) == BAND_KEYS
        expect(chooser(page).locator("a[href='#leeftijden']")).to_be_hidden()
        chooser(page).get_by_role("link", name="12-18 jaar", exact=True).click()
        expect(page.locator("#leeftijd-12-18-jaar")).to_be_in_viewport()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    finally:
        context.close()


def visible_guide_without_script(page) -> list[str]:
    """The bands shown, asked through locators (the page itself runs no script)."""
    return [section.get_attribute("data-leeftijd") for section in page.locator("section[data-leeftijd]").all()
            if section.is_visible()]


def test_the_guide_works_opened_from_disk(context, site):
    page = context.new_page()
    watch = PageWatch(page, "file://")
    page.goto((site / GUIDE).as_uri())
    chooser(page).get_by_role("link", name="1-2 jaar", exact=True).click()
    expect(page.locator("#leeftijd-0-1-jaar")).to_be_hidden()
    assert page.url.endswith("#leeftijd-1-2-jaar")
    assert list(visible_guide(page)) == ["1-2-jaar"]
    watch.assert_clean()


def test_an_entry_leads_to_its_place_in_the_guideline(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}{GUIDE}#leeftijd-0-1-jaar")
    page.locator("#leeftijd-0-1-jaar").get_by_role("link", name="Shantala Babymassage").click()
    page.wait_for_url("**/thema-3/overwegingen.html#thema-3-shantala-babymassage")
    expect(page.locator("#thema-3-shantala-babymassage")).to_be_in_viewport()


@pytest.mark.parametrize("path", [GUIDE, "over/leeftijd.html"])
def test_the_guide_and_its_manual_fit_a_phone(page, site_url, path):
    page.set_viewport_size(PHONE)
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolt {overflow}px horizontaal"
