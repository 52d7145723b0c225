"""Security and privacy gate: the Content-Security-Policy in every page, enforced in Chromium on
every page without a single violation; no request to another origin and no cookie or storage on
any page; authored text that reaches a tree and a form arrives as text, never as markup."""

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import PageWatch
from playwright.sync_api import expect
from quality import WIDGET, CspWatch, serve, site_pages

from jgz.csp import inline_code, source_hash

pytestmark = pytest.mark.browser

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def test_policy_in_every_page_is_strict_and_allows_only_hashed_inline_code(site):
    problems = []
    inline_scripts = set()
    for name in site_pages(site):
        html = (site / name).read_text(encoding="utf-8")
        metas = CSP_META.findall(html)
        if len(metas) != 1:
            problems.append(f"{name}: {len(metas)} CSP-meta-tags")
            continue
        head = html[: html.index("<meta http-equiv")]
        if re.search(r"<(script|style|link)\b", head):
            problems.append(f"{name}: script, style of link vóór de CSP-tag (die geldt pas erna)")
        policy = directives(metas[0])
        for required, sources in {
            "default-src": ["'none'"],
            "connect-src": ["'self'"],
            "base-uri": ["'none'"],
            "form-action": ["'self'"],
        }.items():
            if policy.get(required) != sources:
                problems.append(f"{name}: {required} is {policy.get(required)}, verwacht {sources}")
        for directive in ("script-src", "style-src"):
            if policy[directive][0] != "'self'" or any(
                not source.startswith("'sha256-") for source in policy[directive][1:]
            ):
                problems.append(f"{name}: {directive} {' '.join(policy[directive])}")
        found = inline_code(html)
        inline_scripts.update(found.scripts)
        missing = [code for code in found.scripts if source_hash(code) not in policy["script-src"]]
        missing += [code for code in found.styles if source_hash(code) not in policy["style-src"]]
        missing += [code for code in found.style_attributes
                    if source_hash(code) not in policy.get("style-src-attr", [])]
        problems += [f"{name}: inline code zonder hash: {code[:80]!r}" for code in missing]
        problems += [f"{name}: {markup}" for markup in found.blocked]
    assert problems == []
    # The only inline scripts on the whole site: furo's line that applies the saved colour scheme,
    # and the classes that tell the stylesheets that JavaScript runs and whether the revision term
    # has passed today (theme/page.html).
    assert len(inline_scripts) == 2
    furo, ours = sorted(inline_scripts, key=lambda code: "localStorage" not in code)
    assert "localStorage" in furo
    assert 'classList.replace("no-js","jgz-js")' in ours and "jgz-herziening-verstreken" in ours


@pytest.fixture(scope="module")
def watched(browser, site_url):
    """One page for the whole site: errors, foreign requests and CSP violations recorded."""
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    watch, csp = PageWatch(page, site_url.rstrip("/")), CspWatch(page)
    yield context, page, watch, csp
    context.close()


def test_every_page_under_the_policy_without_violations_foreign_requests_or_cookies(
    site, site_url, watched
):
    context, page, watch, csp = watched
    names = site_pages(site)
    for name in names:
        page.goto(site_url + name)
    # The search page and its results, under the policy too.
    page.goto(site_url + "search.html?q=ouder")
    expect(page.locator("#search-results li").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    watch.assert_clean()
    csp.assert_none()
    assert context.cookies() == []
    assert page.evaluate("() => document.cookie") == ""
    assert len(names) > 40


def test_nothing_is_stored_in_the_browser(site, site_url, watched):
    """Nothing is kept unless the user asks for it: not even the words of a search."""
    context, page, watch, csp = watched
    for name in ("index.html", "hulpmiddelen/index.html", "search.html?q=ouder"):
        page.goto(site_url + name)
    expect(page.locator("#search-results li").first).to_be_visible()
    stored = page.evaluate("() => ({...localStorage, ...sessionStorage})")
    assert stored == {}


MALFORMED = "%E0%A4%A"  # a truncated UTF-8 escape: decodeURIComponent throws "URI malformed"


def test_every_script_survives_a_malformed_fragment_and_query(site, site_url, watched):
    """Each combination of scripts, on one page that loads it, with a broken escape in the query
    (?q=, ?highlight=) and in the fragment: bare, as a Leeftijdswijzer choice, and after the id
    of each tree and form.  The page raises no error and its widgets still come alive; a
    fragment changed later (hashchange) is survived too."""
    context, page, watch, csp = watched
    by_scripts = {}
    for name in site_pages(site):
        scripts = frozenset(re.findall(r'<script [^>]*src="([^"?]+)', (site / name).read_text(encoding="utf-8")))
        by_scripts.setdefault(scripts, name)
    query = f"?q={MALFORMED}&highlight={MALFORMED}"
    for name in by_scripts.values():
        page.goto(site_url + name)
        roots = page.eval_on_selector_all(".jgz-beslisboom[id], [data-jgz-score][id]",
                                          "roots => roots.map(root => root.id)")
        fragments = [MALFORMED, "leeftijd-" + MALFORMED, *(f"{root}:{MALFORMED}" for root in roots)]
        html = (site / name).read_text(encoding="utf-8")
        widgets = [widget for widget in WIDGET.values() if re.search(widget.marker, html)]
        for fragment in fragments:
            page.goto(f"{site_url}{name}{query}#{fragment}")
            for widget in widgets:
                expect(page.locator(widget.selector).first).to_be_attached()
            page.evaluate("""fragment => new Promise(done => {
                window.addEventListener("hashchange", done, {once: true});
                window.location.hash = "leeftijd-" + fragment;
            })""", fragment)
            watch.assert_clean()
    assert len(by_scripts) > 3
    csp.assert_none()


def test_the_one_thing_kept_is_the_colour_choice_of_furos_button(site_url, watched):
    """As docs/gebruik.md says: furo keeps the chosen light or dark mode as "theme"."""
    context, page, watch, csp = watched
    page.goto(site_url + "index.html")
    page.locator(".theme-toggle:visible").first.click()
    stored = page.evaluate("() => ({...localStorage, ...sessionStorage})")
    page.evaluate("() => localStorage.clear()")
    assert list(stored) == ["theme"] and stored["theme"] in ("light", "dark", "auto")
    watch.assert_clean()


def test_a_blocked_inline_script_is_reported(browser, site, site_url):
    """The watch is real: an inline script injected into a page is blocked and reported."""
    context = browser.new_context()
    page = context.new_page()
    csp = CspWatch(page)
    page.goto(site_url + "index.html")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
    }""")
    page.wait_for_function("() => window.jgzViolations.length > 0")
    assert page.evaluate("() => window.injected") is None
    assert any(violation.startswith("script-src") for violation in csp.violations), csp.violations
    context.close()


# --------------------------------------------------------------------------------------------
# Authored text reaches the widgets escaped

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)><b>vet</b>"

ROOT = Path(__file__).resolve().parent.parent
CONF = f"""\
extensions = ["myst_parser", "jgz"]
myst_enable_extensions = ["colon_fence"]
language = "nl"
exclude_patterns = ["**/_data/**"]
html_theme = "furo"
html_favicon = "{ROOT / '_ext/jgz/static/favicon.svg'}"
jgz_richtlijn = {{
    "titel": "Testrichtlijn",
    "autorisatie": "01-02-2003",
    "autorisatie_tekst": "geautoriseerd op 1 februari 2003",
    "herziening": "herzieningstermijn vijf jaar",
}}
jgz_themas = {{"2": "Signaleren"}}
"""


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_page() -> str:
    text = _quoted(HOSTILE)
    return textwrap.dedent(f"""\
        # Vijandige tekst

        :::{{aanbeveling}} 2.1
        Doe het rustig aan.
        :::

        ## Boom

        :::{{beslisboom}}
        id: vijandig
        titel: {text}
        start: eerste
        vragen:
          - id: eerste
            vraag: {text}
            antwoorden:
              - id: ja
                tekst: {text}
                naar: klaar
              - id: nee
                tekst: Nee
                naar: klaar
        uitkomsten:
          - id: klaar
            titel: {text}
            modaliteit: feit
            onderbouwing: Plan zo nodig een extra contact in.
            advies: Niets te doen.
            bronnen:
              - aanbeveling-2-1
        :::

        ## Formulier

        :::{{scoreformulier}}
        id: vijandig-formulier
        titel: {text}
        doel: Vink aan wat u ziet.
        regel: aantal
        groepen:
          - id: groep
            titel: {text}
            items:
              - tekst: {text}
              - tekst: Gewoon
        geen-banden: Geen afkappunt.
        bron: "{{ref}}`aanbeveling 2.1 <aanbeveling-2-1>`"
        copyright: Testtekst.
        voorbehoud: Geen diagnose.
        :::
        """)


def build(source: Path, out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", str(source), str(out)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "_ext")},
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("vijandig")
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    (source / "index.md").write_text(hostile_page(), encoding="utf-8")
    out = source / "_build"
    build(source, out)
    return out


def test_a_rebuild_keeps_one_policy_per_page(tmp_path):
    """The tag is written with the page: a changed page gets a new one, the others stay as they are."""
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.md").write_text("# Start\n\n:::{toctree}\ntweede\n:::\n", encoding="utf-8")
    other = tmp_path / "tweede.md"
    other.write_text("# Tweede\n\nTekst.\n", encoding="utf-8")
    out = tmp_path / "_build"
    build(tmp_path, out)
    index = (out / "index.html").read_bytes()
    other.write_text("# Tweede\n\nAndere tekst.\n", encoding="utf-8")
    build(tmp_path, out)
    assert "Andere tekst" in (out / "tweede.html").read_text(encoding="utf-8")
    assert (out / "index.html").read_bytes() == index, "een ongewijzigde pagina is herschreven"
    for page in ("index.html", "tweede.html", "search.html"):
        assert len(CSP_META.findall((out / page).read_text(encoding="utf-8"))) == 1, page


def test_labels_with_html_and_script_render_as_text(browser, hostile_site):
    html = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "<b>vet</b>" not in html and "<img src=x" not in html
    with serve(hostile_site) as url:
        context = browser.new_context(locale="nl-NL")
        page = context.new_page()
        watch, csp = PageWatch(page, url.rstrip("/")), CspWatch(page)
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + "index.html")
        tree_widget, form_widget = WIDGET["beslisboom"], WIDGET["formulier"]
        tree = page.locator(tree_widget.selector)
        form = page.locator(form_widget.selector)
        # The question, the answer and the outcome of the tree, each shown as the text itself.
        expect(tree.locator("legend")).to_contain_text(HOSTILE)
        expect(tree.get_by_role("button", name=HOSTILE)).to_be_visible()
        tree_widget.finish(tree)
        expect(tree.locator(".jgz-beslisboom__uitkomstkop")).to_contain_text(HOSTILE)
        # The form's title, group and item, and its summary once something is ticked.
        expect(form.get_by_role("heading", name=f"Invullen: {HOSTILE}")).to_be_visible()
        expect(form.get_by_text(HOSTILE, exact=True).first).to_be_visible()
        form_widget.finish(form)
        expect(form.locator("[data-overzicht]")).to_contain_text(HOSTILE)
        for widget in (tree, form):
            expect(widget.locator("b, img, script:not([type='application/json'])")).to_have_count(0)
        assert dialogs == []
        watch.assert_clean()
        csp.assert_none()
        context.close()
