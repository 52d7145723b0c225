"""Accessibility gate: axe-core finds no WCAG 2.2 A/AA violation on any page, in light and dark
mode, nor on any widget in its empty, partly answered and finished state (and the states with other
styles: the last options of a form or case, a case's answer key); every widget works with
the keyboard alone; focus is always visible; every page is Dutch and its headings are in order."""

import re

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from conftest import PageWatch
from playwright.sync_api import Page
from quality import (
    WCAG_TAGS, WIDGET_MARKERS, WIDGETS, CspWatch, Widget, assert_focus_visible, reveal, site_pages, tab_to,
)

pytestmark = pytest.mark.browser

# The rules whose outcome depends on the colours: the only ones worth repeating in dark mode.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
THEMES = ("light", "dark")
# Wide enough for furo's three columns (navigation, text, "Op deze pagina"), so that every part of
# the page is on screen; the phone layout is checked on one page of each type.
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 360, "height": 740}

HEADINGS = """() => [...document.querySelectorAll(
    "article :is(h1,h2,h3,h4,h5,h6), article [role=heading][aria-level]")]
  .filter((heading) => heading.checkVisibility())
  .map((heading) => [Number(heading.getAttribute("aria-level") || heading.tagName.slice(1)),
                     heading.textContent.trim().slice(0, 60)])"""


# Colour contrast is by far the slowest check, and it depends on the styles alone: text with the
# same colour, size and weight inside the same chain of elements and classes looks the same on every
# page.  So each such combination is checked once per colour scheme, on the first page where it
# occurs; pages and widget states that bring new styles get those checked.
COLOUR_CHECK = """async ([seen, within, options]) => {
  const known = new Set(seen);
  const texts = document.createTreeWalker(within || document.body, NodeFilter.SHOW_TEXT);
  const parents = new Set();
  while (texts.nextNode()) {
    if (texts.currentNode.textContent.trim()) parents.add(texts.currentNode.parentElement);
  }
  const picked = [], keys = [];
  for (const element of parents) {
    if (!element.checkVisibility()) continue;
    const style = getComputedStyle(element);
    let key = [style.color, style.fontSize, style.fontWeight].join(" ");
    for (let e = element; e; e = e.parentElement) {
      key += " < " + e.tagName + [...e.classList].sort().map((name) => "." + name).join("");
    }
    if (!known.has(key)) { known.add(key); keys.push(key); picked.push(element); }
  }
  if (!picked.length) return { keys, violations: [] };
  const result = await axe.run({ include: picked }, options);
  return { keys, violations: result.violations };
}"""


class Axe:
    """axe-core in a page: WCAG 2.2 A/AA, colour rules in light and dark mode."""

    def __init__(self) -> None:
        self.seen: dict[str, set[str]] = {theme: set() for theme in THEMES}

    @staticmethod
    def _lines(violations: list[dict]) -> list[str]:
        return [
            f"{violation['id']} ({violation['impact']}): {node['target']} {node['failureSummary']}"
            for violation in violations
            for node in violation["nodes"]
        ]

    @staticmethod
    def inject(page: Page) -> None:
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(AXE_SCRIPT)

    def check(self, page: Page, within=None) -> list[str]:
        """Violations in the page (or in the element ``within``), in both colour schemes."""
        self.inject(page)
        found = []
        for theme in THEMES:
            set_theme(page, theme)
            if theme == THEMES[0]:
                options = {"runOnly": {"type": "tag", "values": WCAG_TAGS},
                           "rules": {rule: {"enabled": False} for rule in COLOUR_RULES},
                           "resultTypes": ["violations"]}
                result = page.evaluate("([within, options]) => axe.run(within || document, options)",
                                       [within, options])
                found += [f"[{theme}] {line}" for line in self._lines(result["violations"])]
            options = {"runOnly": {"type": "rule", "values": COLOUR_RULES},
                       "resultTypes": ["violations"]}
            result = page.evaluate(COLOUR_CHECK, [sorted(self.seen[theme]), within, options])
            self.seen[theme].update(result["keys"])
            found += [f"[{theme}] {line}" for line in self._lines(result["violations"])]
        set_theme(page, THEMES[0])
        return found


def set_theme(page: Page, theme: str) -> None:
    """furo's colour scheme, as its toggle sets it (without storing it)."""
    page.evaluate("(theme) => { document.body.dataset.theme = theme; }", theme)


def headings_out_of_order(levels: list[list]) -> list[str]:
    """One h1 first; each heading at most one level deeper than the one before it."""
    problems = []
    if not levels or levels[0][0] != 1:
        problems.append(f"de eerste kop is geen h1: {levels[:1]}")
    if sum(1 for level, _ in levels if level == 1) > 1:
        problems.append("meer dan één h1")
    for (before, _), (level, text) in zip(levels, levels[1:], strict=False):
        if level > before + 1:
            problems.append(f"h{before} gevolgd door h{level} ('{text}')")
    return problems


@pytest.fixture(scope="module")
def shared_page(browser, site_url):
    """One page for all pages of the site (faster than a page per page)."""
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP)
    page = context.new_page()
    watch, csp = PageWatch(page, site_url.rstrip("/")), CspWatch(page)
    yield page
    context.close()
    watch.assert_clean()
    csp.assert_none()


def test_every_page_has_no_wcag_violations_in_light_and_dark_mode(site, site_url, shared_page):
    page = shared_page
    axe = Axe()
    problems = []
    for name in site_pages(site):
        page.goto(site_url + name)
        problems += [f"{name} {line}" for line in axe.check(page)]
        if page.evaluate("() => document.documentElement.lang") != "nl":
            problems.append(f"{name}: de taal van de pagina is niet 'nl'")
        problems += [f"{name}: {problem}"
                     for problem in headings_out_of_order(page.evaluate(HEADINGS))]
    assert problems == [], "\n".join(problems)


def test_axe_reports_what_it_should(page):
    """The gate is real: light grey text on white and a heading level skipped are reported."""
    page.set_content('<html lang="nl"><title>Proef</title><body><main><h1>Kop</h1><h3>Sprong</h3>'
                     '<p style="color: #bbb; background: #fff">Lichtgrijs</p></main></body></html>')
    found = Axe().check(page)
    assert [line.split()[:2] for line in found] == [["[light]", "color-contrast"],
                                                    ["[dark]", "color-contrast"]]
    assert headings_out_of_order([[1, "Kop"], [3, "Sprong"]]) == ["h1 gevolgd door h3 ('Sprong')"]


def widget_pages(site, widget: Widget) -> list[str]:
    marker = re.compile(widget.marker)
    pages = [name for name in site_pages(site)
             if marker.search((site / name).read_text(encoding="utf-8"))]
    assert pages, f"geen pagina met een {widget.kind}"
    return pages


def test_every_widget_type_of_the_benchmark_has_states_and_a_keyboard_route():
    assert {widget.kind for widget in WIDGETS} == set(WIDGET_MARKERS)


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda widget: widget.kind)
def test_every_widget_in_every_state_has_no_wcag_violations(site, site_url, page, widget):
    page.set_viewport_size(DESKTOP)
    csp = CspWatch(page)
    axe = Axe()
    problems = []
    for name in widget_pages(site, widget):
        page.goto(site_url + name)
        for index, root in enumerate(page.locator(widget.selector).all()):
            reveal(root)
            handle = root.element_handle()
            label = f"{name} {widget.kind} {index + 1}"
            problems += [f"{label} leeg {line}" for line in axe.check(page, handle)]
            widget.partly(root)
            problems += [f"{label} deels {line}" for line in axe.check(page, handle)]
            widget.finish(root)
            widget.is_finished(root)
            problems += [f"{label} klaar {line}" for line in axe.check(page, handle)]
            for state, action in widget.more_states:
                action(root)
                problems += [f"{label} {state} {line}" for line in axe.check(page, handle)]
    assert problems == [], "\n".join(problems)
    csp.assert_none()


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda widget: widget.kind)
def test_every_widget_works_with_the_keyboard_alone(site, site_url, page, widget):
    for name in widget_pages(site, widget):
        page.goto(site_url + name)
        for root in page.locator(widget.selector).all():
            reveal(root)
            widget.by_keyboard(page, root)


def test_the_phone_layout_of_every_page_type_has_no_wcag_violations(site, site_url, page):
    page.set_viewport_size(PHONE)
    names = ["index.html", "thema-2/aanbevelingen.html", "search.html?q=ouder"]
    names += [widget_pages(site, widget)[0] for widget in WIDGETS]
    axe = Axe()
    problems = []
    for name in names:
        page.goto(site_url + name)
        problems += [f"{name} {line}" for line in axe.check(page)]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("name", ["index.html", "thema-2/aanbevelingen.html", "search.html"])
def test_focus_is_visible_on_everything_reached_with_tab(site_url, page, name):
    page.goto(site_url + name)
    last = page.locator("footer a").last
    tab_to(page, last, limit=400)
    assert_focus_visible(page)
