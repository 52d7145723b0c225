"""Shared pieces of the quality gates (test_a11y, test_security, test_nginx, test_html_valid).

Not a test module: the pages of a build, a Chromium page that reports Content-Security-Policy
violations, and the widgets of the site driven into their empty, partly answered and finished
states.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from benchmark import WIDGETS as WIDGET_MARKERS
from benchmark import site_pages  # noqa: F401 - the pages of a build, as the benchmark counts them
from playwright.sync_api import Locator, Page, expect

# Generous: a tree has a handful of questions, a form a few dozen items.
MAX_STEPS = 200

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# Layout shifts as the Layout Instability API reports them, kept by the page for the test.
RECORD_LAYOUT_SHIFTS = """window.jgzShifts = [];
window.jgzShiftObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.jgzShifts.push(entry.value);
});
window.jgzShiftObserver.observe({ type: "layout-shift", buffered: true });"""

# Resolves once ``selector`` is in the document (or the document is read to its end) and a frame
# with it has been painted: the second animation frame after that starts only once the first
# one was drawn.
PAINTED_WITH = """(selector) => new Promise((resolve) => {
  let waiting = true;
  const check = () => {
    if (waiting && (document.querySelector(selector) || document.readyState !== "loading")) {
      waiting = false;
      requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener("readystatechange", check);
  check();
})"""

# The shifts recorded so far, including those of the last frame not yet handed to the observer.
SHIFTS_SO_FAR = """() => {
  for (const entry of window.jgzShiftObserver.takeRecords()) window.jgzShifts.push(entry.value);
  return window.jgzShifts.reduce((sum, value) => sum + value, 0);
}"""


def layout_shift_while_scripts_start(page: Page, url: str, ready: str = "body") -> float:
    """The layout shift score of ``url`` from its first paint without scripts until its scripts
    have run, ``ready`` shows and that state is painted.

    The worst case, made certain on any machine: every script file waits until the page, read up
    to its first script file, has been painted. Shifts before that paint are not counted: they come
    from the browser painting a half-read page on a busy machine (on a short page furo's footer,
    pinned to the bottom of the window, then grows upwards), not from what a script does.
    ``page`` must have ``RECORD_LAYOUT_SHIFTS`` as an init script.
    """
    held: list | None = []

    def is_script(request_url: str) -> bool:
        return urlparse(request_url).path.endswith(".js")

    def hold(route) -> None:
        if held is None:
            route.fallback()
        else:
            held.append(route)

    page.route(is_script, hold)
    try:
        page.goto(url, wait_until="commit")
        page.evaluate(PAINTED_WITH, "script[src]")
        before = page.evaluate(SHIFTS_SO_FAR)
    finally:
        waiting, held = held, None
        for route in waiting:
            route.fallback()
    page.unroute(is_script, hold)
    page.wait_for_load_state("load")
    expect(page.locator(ready).first).to_be_visible()
    page.evaluate(PAINTED_WITH, ready)
    return page.evaluate(SHIFTS_SO_FAR) - before


def layout_shift_on_load(browser, url: str, viewport: dict, ready: str) -> float:
    """``layout_shift_while_scripts_start`` in a fresh context with ``viewport``."""
    context = browser.new_context(viewport=viewport, service_workers="block")
    page = context.new_page()
    page.add_init_script(RECORD_LAYOUT_SHIFTS)
    score = layout_shift_while_scripts_start(page, url, ready)
    context.close()
    return score


class CspWatch:
    """Collects every ``securitypolicyviolation`` event of a page, across navigations.

    The browser also writes each violation to the console, but an event is the report the
    issue asks for, and it carries the directive and the blocked source.
    """

    SCRIPT = """
    window.jgzViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = event.violatedDirective + " blokkeerde " + (event.blockedURI || "inline") +
        " in " + event.documentURI + (event.sample ? " (" + event.sample + ")" : "");
      window.jgzViolations.push(report);  // for page.wait_for_function
      window.jgzReportViolation(report);
    });
    """

    def __init__(self, page: Page) -> None:
        self.violations: list[str] = []
        page.expose_function("jgzReportViolation", lambda report: self.violations.append(report))
        page.add_init_script(self.SCRIPT)

    def assert_none(self) -> None:
        assert self.violations == [], "Content-Security-Policy-schendingen:\n" + "\n".join(
            self.violations
        )


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a build on 127.0.0.1 (for builds other than the site fixture's); yield its URL."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the standard library's name
            pass

    class QuietServer(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # the browser closed a connection it no longer needed

    handler = functools.partial(QuietHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------------------------
# Widgets and their states


@dataclass(frozen=True)
class Widget:
    """How to find a kind of widget on a page and bring it into its states with mouse or keys."""

    kind: str
    selector: str  # the root element of one widget, once its script has set it up
    partly: Callable[[Locator], None]
    finish: Callable[[Locator], None]
    is_finished: Callable[[Locator], None]  # an expect() that the finished state shows
    by_keyboard: Callable[[Page, Locator], None]  # from the empty to the finished state
    # States after the finished one that bring other styles: (name, how to get there).
    more_states: tuple[tuple[str, Callable[[Locator], None]], ...] = ()

    @property
    def marker(self) -> str:
        """A regular expression that finds the widget in a page's HTML (tools/benchmark.py)."""
        return WIDGET_MARKERS[self.kind][0]


def reveal(root: Locator) -> None:
    """Open the folded sections (<details>, such as a dropdown) around a widget, as a reader does."""
    root.evaluate("""(element) => {
      for (let d = element.closest("details"); d; d = d.parentElement.closest("details"))
        d.open = true;
    }""")
    expect(root).to_be_visible()


def _tree_answers(tree: Locator) -> Locator:
    return tree.locator(".jgz-beslisboom__huidig button.jgz-beslisboom__keuze")


def _tree_outcome(tree: Locator) -> Locator:
    return tree.locator(".jgz-beslisboom__resultaat .jgz-beslisboom__uitkomstkop")


def tree_partly(tree: Locator) -> None:
    question = tree.get_attribute("data-huidig")
    _tree_answers(tree).first.click()
    expect(tree).not_to_have_attribute("data-huidig", question)


def tree_finish(tree: Locator) -> None:
    """Take the first answer until an outcome shows."""
    for _ in range(MAX_STEPS):
        if _tree_outcome(tree).count():
            return
        tree_partly(tree)
    raise AssertionError("de beslisboom komt niet bij een uitkomst")


def tree_is_finished(tree: Locator) -> None:
    expect(_tree_outcome(tree)).to_be_visible()


def tree_by_keyboard(page: Page, tree: Locator) -> None:
    """Tab to the first answer and press Enter, until an outcome shows; then start again."""
    answers = _tree_answers(tree)
    # Start where a reader who tabbed to the widget is: on the current question.
    tree.locator(".jgz-beslisboom__huidig fieldset").focus()
    for _ in range(MAX_STEPS):
        if _tree_outcome(tree).count():
            break
        question = tree.get_attribute("data-huidig")
        tab_to(page, answers.first)
        page.keyboard.press("Enter")
        expect(tree).not_to_have_attribute("data-huidig", question)
    tree_is_finished(tree)
    # The script moves focus to the outcome, so that a screen reader reads it.
    expect(_tree_outcome(tree)).to_be_focused()
    restart = tree.get_by_role("button", name="Opnieuw beginnen")
    tab_to(page, restart)
    page.keyboard.press("Enter")
    expect(answers.first).to_be_visible()


def _form_inputs(form: Locator) -> Locator:
    return form.locator("form input")


def form_partly(form: Locator) -> None:
    _form_inputs(form).first.check()
    expect(form).not_to_have_class(_has_class("jgz-score--leeg"))


# Clicks in the page itself: one round trip for a form of dozens of items.  The keyboard tests
# answer every question the slow way, one key at a time.
FIRST_OPTIONS = """(root, questions) => {
  for (const question of root.querySelectorAll(questions))
    question.querySelector("input[type=radio]").click();
  for (const box of root.querySelectorAll("input[type=checkbox]")) if (!box.checked) box.click();
}"""


# The other end: the last option of every question (the most points of a form).
LAST_OPTIONS = """(root, questions) => {
  for (const question of root.querySelectorAll(questions))
    [...question.querySelectorAll("input[type=radio]")].pop().click();
}"""


def form_finish(form: Locator) -> None:
    """The first answer of every question, and every box of a checklist."""
    form.evaluate(FIRST_OPTIONS, "fieldset[data-item]")
    form_is_finished(form)


def form_last_answers(form: Locator) -> None:
    form.evaluate(LAST_OPTIONS, "fieldset[data-item]")
    form_is_finished(form)


def form_is_finished(form: Locator) -> None:
    expect(form).not_to_have_class(_has_class("jgz-score--leeg"))
    expect(form.locator(".jgz-score__item--open")).to_have_count(0)


FORM_FOCUS = """(root) => {
  const element = document.activeElement;
  if (!root.contains(element) || element.type === "reset") return "uit";
  if (element.type === "checkbox") return element.checked ? "klaar" : "vink";
  if (element.type === "radio") {
    const chosen = root.querySelector('input[name="' + CSS.escape(element.name) + '"]:checked');
    return chosen ? "klaar" : "kies";
  }
  return "anders";
}"""


def answer_by_keyboard(page: Page, root: Locator) -> None:
    """Tab through the widget's form; Space answers each unanswered question, ticks each box."""
    root.locator("form input").first.focus()  # where a reader who tabbed to the form is
    for _ in range(MAX_STEPS):
        focused = root.evaluate(FORM_FOCUS)
        if focused == "uit":
            return
        if focused in ("vink", "kies"):
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
        assert_focus_visible(page)
    raise AssertionError("met Tab niet door het formulier gekomen")


def form_by_keyboard(page: Page, form: Locator) -> None:
    answer_by_keyboard(page, form)
    form_is_finished(form)


def _case_questions(case: Locator) -> Locator:
    return case.locator("fieldset.jgz-casus__vraag")


def _case_unanswered(case: Locator) -> Locator:
    """Questions without feedback under them."""
    return case.locator("fieldset.jgz-casus__vraag:has([data-feedback]:empty)")


def case_partly(case: Locator) -> None:
    """The first question answered: its feedback shows."""
    questions = _case_questions(case).count()
    _case_questions(case).first.locator("input[type=radio]").first.check()
    expect(_case_unanswered(case)).to_have_count(questions - 1)


def case_finish(case: Locator) -> None:
    """The first option of every question."""
    case.evaluate(FIRST_OPTIONS, "fieldset.jgz-casus__vraag")
    case_is_finished(case)


def case_is_finished(case: Locator) -> None:
    expect(_case_unanswered(case)).to_have_count(0)


def case_last_answers(case: Locator) -> None:
    """The last option of every question: other feedback than the first (right or wrong)."""
    case.evaluate(LAST_OPTIONS, "fieldset.jgz-casus__vraag")
    case_is_finished(case)


def case_answer_key(case: Locator) -> None:
    """The answer key under the questions opened."""
    key = case.locator("details.jgz-casus__antwoordblad")
    key.locator("> summary").click()
    expect(key).to_have_attribute("open", "")


def case_by_keyboard(page: Page, case: Locator) -> None:
    answer_by_keyboard(page, case)
    case_is_finished(case)


def _age_links(guide: Locator) -> Locator:
    return guide.locator("a[data-leeftijd]:not([data-leeftijd=''])")


def age_partly(guide: Locator) -> None:
    """One age band chosen."""
    _age_links(guide).first.click()
    expect(_age_links(guide).first).to_have_attribute("aria-current", "true")


def age_finish(guide: Locator) -> None:
    """The last band chosen: the reader has moved on and found what an age brings."""
    _age_links(guide).last.click()
    age_is_finished(guide)


def age_is_finished(guide: Locator) -> None:
    last = _age_links(guide).last
    expect(last).to_have_attribute("aria-current", "true")
    expect(guide.locator("section[data-leeftijd]:not([hidden])")).to_have_count(1)


def age_by_keyboard(page: Page, guide: Locator) -> None:
    """Enter on the first band, Tab to the last and Enter, then Tab to "Alle leeftijden"."""
    links = _age_links(guide)
    links.first.focus()  # where a reader who tabbed to the chooser is
    page.keyboard.press("Enter")
    expect(links.first).to_have_attribute("aria-current", "true")
    tab_to(page, links.last)
    page.keyboard.press("Enter")
    age_is_finished(guide)
    tab_to(page, guide.get_by_role("link", name="Alle leeftijden"))
    page.keyboard.press("Enter")
    expect(guide.locator("section[data-leeftijd][hidden]")).to_have_count(0)


def _has_class(name: str) -> re.Pattern:
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")


WIDGETS = (
    Widget("beslisboom", ".jgz-beslisboom[data-huidig]", tree_partly, tree_finish,
           tree_is_finished, tree_by_keyboard),
    Widget("formulier", "[data-jgz-score].jgz-score--actief", form_partly, form_finish,
           form_is_finished, form_by_keyboard, (("met de laatste opties", form_last_answers),)),
    Widget("leeftijdswijzer", "[data-jgz-leeftijdswijzer]:has([data-leeftijd-alle]:not([hidden]))",
           age_partly, age_finish, age_is_finished, age_by_keyboard),
    Widget("casus", "[data-jgz-casus].jgz-casus--actief", case_partly, case_finish,
           case_is_finished, case_by_keyboard,
           (("met de laatste opties", case_last_answers), ("antwoordblad open", case_answer_key))),
)
WIDGET = {widget.kind: widget for widget in WIDGETS}


def tab_to(page: Page, target: Locator, limit: int = MAX_STEPS) -> None:
    """Press Tab until ``target`` has focus; every element on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        if target.evaluate("(element) => element === document.activeElement"):
            return
    raise AssertionError(f"met Tab niet bij {target} gekomen")


FOCUS_STYLE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  return {
    visible: outline || shadow,
    element: element.outerHTML.slice(0, 160),
  };
}"""


def assert_focus_visible(page: Page) -> None:
    """The element with keyboard focus has an outline or a focus ring (WCAG 2.4.7)."""
    focus = page.evaluate(FOCUS_STYLE)
    if focus is not None:
        assert focus["visible"], f"focus niet zichtbaar op {focus['element']}"
