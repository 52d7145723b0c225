"""The tools on a phone, in a real Chromium: the first question on the first screen, the
conditions of use one line above it and the full text one tap away, furo's "Naar boven" button
clear of a new question or outcome, and a wide table that shows that it scrolls (issue 14)."""

import re

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
FIRST_SCREEN = 600  # px from the top of the page, at 390 x 844
CONTENT = ROOT / "content"
TOOL = re.compile(r"^:::+\{(beslisboom|scoreformulier)\}", re.M)


def tool_pages() -> list[str]:
    """Every page of the site with a tree or a form, from the content itself ("Over deze website"
    is a link to the editors' docs, whose examples are no tools)."""
    pages = [
        path.relative_to(CONTENT).with_suffix(".html").as_posix()
        for path in sorted(CONTENT.rglob("*.md"))
        if not (CONTENT / path.relative_to(CONTENT).parts[0]).is_symlink()
        and TOOL.search(path.read_text(encoding="utf-8"))
    ]
    assert len(pages) >= 8, pages  # three trees and five forms at least
    return pages


TOOL_PAGES = tool_pages()
FIRST_CONTROL = ".jgz-beslisboom__keuze, .jgz-score__formulier input"


@pytest.mark.parametrize("path", TOOL_PAGES)
def test_the_first_control_is_on_the_first_screen_with_the_conditions_one_line_above(page, site_url, path):
    page.set_viewport_size(PHONE)
    page.goto(site_url + path)
    first = page.locator(FIRST_CONTROL).first
    first.wait_for()
    top = first.evaluate("element => element.getBoundingClientRect().top + window.scrollY")
    assert top <= FIRST_SCREEN, f"{path}: de eerste vraag staat op {top:.0f} px"
    # Above the tool only the title and one short line with what must be read before use, with
    # a link to the full text; that text follows the tool on the same page, visible, not folded.
    line = page.locator("article p", has_text=re.compile(r"^Vooraf:")).first
    assert line.evaluate("(line, first) => !!(line.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING)",
                         first.element_handle())
    assert len(line.inner_text()) <= 200, line.inner_text()
    link = line.locator("a[href^='#']")
    target = page.locator(link.get_attribute("href"))
    assert target.evaluate("(target, first) => !!(first.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING)",
                           first.element_handle())
    assert target.is_visible() and target.locator("xpath=ancestor::details").count() == 0
    assert re.search(r"Wanneer|Let op", target.inner_text())
    link.click()
    page.wait_for_function("target => target.getBoundingClientRect().top < innerHeight / 2", arg=target.element_handle())


@pytest.mark.parametrize("path", TOOL_PAGES)
def test_without_javascript_the_conditions_and_the_full_text_are_on_the_page(browser, site_url, path):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site_url + path)
        line = page.locator("article p", has_text=re.compile(r"^Vooraf:")).first
        target = page.locator(line.locator("a[href^='#']").get_attribute("href"))
        assert line.is_visible() and target.is_visible()
        assert "Let op" in target.inner_text()
    finally:
        context.close()


def overlaps(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] \
        and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def test_naar_boven_leaves_the_new_question_and_the_outcome_uncovered(page, site_url):
    """furo shows "Naar boven" under its header as soon as the page scrolls up, as it does when
    an earlier answer is changed; whatever the tree scrolled into view stays clear of it."""
    page.set_viewport_size(PHONE)
    page.goto(site_url + "hulpmiddelen/van-zorg-naar-vervolgstap.html")
    widget = page.locator("#beslisboom-vervolgstap")
    button = page.locator(".back-to-top")

    def check(target) -> None:
        page.evaluate("document.documentElement.classList.add('show-back-to-top')")
        shown, covered = button.bounding_box(), target.bounding_box()
        assert shown is not None and shown["y"] > 0  # the button is really there
        assert not overlaps(shown, covered), (shown, covered)
        page.evaluate("document.documentElement.classList.remove('show-back-to-top')")

    widget.locator("button.jgz-beslisboom__keuze").nth(1).click()
    check(widget.locator("fieldset legend"))
    while widget.locator("button.jgz-beslisboom__keuze").count():
        widget.locator("button.jgz-beslisboom__keuze").first.click()
    check(widget.locator(".jgz-beslisboom__uitkomstkop"))
    widget.locator(".jgz-beslisboom__wijzig").first.click()  # back up the page
    check(widget.locator("fieldset legend"))


def edge_strips(page, box: dict) -> tuple[bytes, bytes]:
    """Screenshots of the left and right edge of a table's scroll area (``box``), with the table
    itself made invisible: what is left is the background, and the shadow that says there is more."""
    strip = 10
    return tuple(
        page.screenshot(clip={"x": x, "y": round(box["y"]) + 5, "width": strip, "height": 40})
        for x in (round(box["x"]), round(box["x"] + box["width"]) - strip)
    )


def test_a_table_cut_off_on_a_phone_shows_where_more_of_it_is(page, site_url):
    page.set_viewport_size({"width": 360, "height": 740})
    cut_off = 0
    for path in TOOL_PAGES:
        page.goto(site_url + path)
        for wrapper in page.locator(".table-wrapper").all():
            if wrapper.evaluate("w => w.scrollWidth <= w.clientWidth"):
                continue
            cut_off += 1
            wrapper.evaluate("""w => {
              w.querySelector('table').style.visibility = 'hidden';
              w.scrollLeft = 0;
              const top = w.getBoundingClientRect().top + window.scrollY - 200;
              window.scrollTo({top, behavior: 'instant'}); // its top in view
            }""")
            box = wrapper.bounding_box()
            left, right = edge_strips(page, box)
            assert left != right, f"{path}: geen teken dat de tabel naar rechts doorloopt"
            wrapper.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
            left_at_end, right_at_end = edge_strips(page, box)
            assert right_at_end == left, f"{path}: aan het eind staat er nog een teken rechts"
            assert left_at_end != left, f"{path}: geen teken dat de tabel naar links doorloopt"
    assert cut_off >= 1  # the LSVG's outcome table at least


def test_a_sub_heading_of_tabel_2_2_stands_apart_from_its_first_item(page, site_url):
    page.goto(site_url + "hulpmiddelen/factoren-tabel-2-2.html#formulier-factoren-tabel-2-2:lvb/tienermoeder")
    overview = page.locator("#formulier-factoren-tabel-2-2 [data-overzicht]")
    overview.locator("li").first.wait_for()
    assert overview.locator("li").all_inner_texts() == [
        "Voorgeschiedenis en functioneren ouder: Licht verstandelijke beperking (LVB) of leerstoornis",
        "Tienermoeder",
    ]
