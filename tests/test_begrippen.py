"""Glossary terms link to the Begrippenlijst and show their definition on hover, focus or tap."""

import json
import re

import pytest

PAGE = "thema-2/overwegingen.html"


def _linked_terms(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<a class="reference internal" href="([^"]*#term-[^"]+)"><span class="xref std std-term jgz-begrip">([^<]+)</span>',
        html,
    )


def test_first_use_of_a_term_links_to_its_glossary_entry(site):
    html = (site / PAGE).read_text(encoding="utf-8")
    links = _linked_terms(html)
    assert links, "geen enkel begrip gekoppeld"
    targets = [href for href, _ in links]
    assert len(targets) == len(set(targets)), "een begrip is vaker dan één keer gekoppeld"
    glossary = (site / "begrippenlijst.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="jgz-begrippen-data">(.*?)</script>', html).group(1))
    for href, text in links:
        assert href.startswith("../begrippenlijst.html#term-")
        anchor = href.split("#")[1]
        assert f'id="{anchor}"' in glossary
        assert data[anchor]["definitie"], text


def test_headings_and_excluded_terms_are_not_linked(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for heading in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, re.S):
            assert "jgz-begrip" not in heading, page
        for _, text in _linked_terms(html):
            assert text.lower() not in ("ouder", "kind/jeugdige"), page
    assert "std-term jgz-begrip" not in (site / "begrippenlijst.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_hover_and_keyboard_focus_show_the_definition(page, site_url, site):
    html = (site / PAGE).read_text(encoding="utf-8")
    href, text = _linked_terms(html)[0]
    anchor = href.split("#")[1]
    definition = json.loads(re.search(r'id="jgz-begrippen-data">(.*?)</script>', html).group(1))[anchor]["definitie"]
    page.goto(site_url + PAGE)
    link = page.locator(f'article a[href="{href}"]')
    tip = page.get_by_role("tooltip")
    assert tip.is_hidden()
    link.hover()
    assert tip.is_visible()
    assert definition[:60] in tip.inner_text()
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    link.focus()
    assert tip.is_visible()
    assert link.get_attribute("aria-describedby") == "jgz-begrip-uitleg"


@pytest.mark.browser
def test_first_tap_shows_the_definition_second_tap_follows_the_link(full_browser, site_url, site):
    html = (site / PAGE).read_text(encoding="utf-8")
    href, _ = _linked_terms(html)[0]
    context = full_browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(site_url + PAGE)
        link = page.locator(f'article a[href="{href}"]')
        link.tap()
        assert page.get_by_role("tooltip").is_visible()
        assert page.url == site_url + PAGE
        box = page.get_by_role("tooltip").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        link.tap()
        page.wait_for_url("**/begrippenlijst.html#term-*")
    finally:
        context.close()
