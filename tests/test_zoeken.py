"""The readers' search (_ext/jgz/zoeken.py, jgz-zoeken.js): the query set, what stays out of the
index, context lines, suggestions, file:// and incremental builds."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

import zoekvragen

pytestmark = pytest.mark.browser


def index_of(site: Path) -> dict:
    text = (site / "zoekindex.js").read_text(encoding="utf-8")
    literal = re.search(r"window\.JGZ_ZOEKINDEX=JSON\.parse\('(.*)'\);\s*$", text, re.S).group(1)
    return json.loads(re.sub(r"\\(['\\])", r"\1", literal))


def test_every_query_of_the_query_set_finds_a_right_place_in_the_top_3(page, site_url):
    """The same queries as `make benchmark` (tools/zoekvragen.yaml): a query that is lost fails."""
    outcomes = zoekvragen.run(page, site_url + "search.html")
    assert len(outcomes) >= 40
    missed = [f"{o.vraag!r}: verwacht {o.plaatsen}, kreeg {o.gevonden[:zoekvragen.TOP]}"
              for o in outcomes if o.rank is None]
    assert missed == []


def test_the_maintainers_documentation_is_not_in_the_readers_index(site, page, site_url):
    pages = [url for url, _title, _weight in index_of(site)["paginas"]]
    assert pages and not [url for url in pages if url.startswith("over/")]
    # Words that only the documentation uses find nothing.
    assert "Playwright" in (site / "over" / "bouwen-en-testen.html").read_text(encoding="utf-8")
    page.goto(site_url + "search.html?q=playwright")
    expect(page.locator("#search-results .search-summary")).to_have_text("Niets gevonden.")


def test_training_cases_come_after_the_guideline(page, site_url):
    """The case "een baby die veel huilt" has both words in its title; the guideline comes first."""
    page.goto(site_url + "search.html")
    urls = page.evaluate("JGZ_ZOEKEN.search('huilbaby').results.map(r => r.url)")
    assert "oefenen/huilen.html" in urls
    assert not urls[0].startswith("oefenen/")


def test_results_have_a_context_line_and_fetch_nothing(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "search.html?q=huilbaby")
    first = page.locator("#search-results ul.search > li").first
    expect(first.locator("a")).to_have_attribute("href", re.compile(r"\?highlight=huilbaby"))
    expect(first.locator("p.context")).not_to_be_empty()
    expect(page.locator("#search-results .search-summary")).to_have_text(re.compile(r"^\d+ pagina's gevonden\.$"))
    loaded = len(requests)
    page.wait_for_load_state("networkidle")
    assert len(requests) == loaded
    assert not [url for url in requests if url.endswith(".html") and "search.html" not in url]
    assert page.locator('input[name="q"]').first.input_value() == "huilbaby"


def test_nothing_found_offers_the_nearest_titles_and_glossary_terms(page, site_url):
    page.goto(site_url + "search.html?q=gehechtheidsbrief")
    expect(page.locator("#search-results .search-summary")).to_have_text("Niets gevonden.")
    offered = page.locator("#search-results .jgz-zoeken-suggesties a")
    expect(offered.first).to_be_visible()
    hrefs = [offered.nth(i).get_attribute("href") for i in range(offered.count())]
    assert "begrippenlijst.html#term-gehechtheidsrelatie" in hrefs
    # The suggestions lead somewhere that exists.
    page.goto(site_url + hrefs[0])
    expect(page.locator(":target")).to_be_visible()


def test_search_works_from_a_usb_stick(browser, site):
    """file://: no fetch, no module, no WebAssembly; the index is a classic script."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / "search.html").as_uri() + "?q=sensitivitijt")
    expect(page.locator("#search-results ul.search > li a").first).to_have_text("Begrippenlijst › sensitiviteit")
    assert errors == []
    page.close()


@pytest.mark.sphinx("html", testroot="aanbeveling", confoverrides={"html_theme": "furo"})
def test_an_incremental_build_keeps_the_sections_of_pages_it_does_not_rewrite(app):
    app.build()
    before = index_of(Path(app.outdir))
    page = Path(app.srcdir) / "thema" / "aanbevelingen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEen nieuwe zin over kangoeroezorg.\n", encoding="utf-8")
    app.build()
    after = index_of(Path(app.outdir))
    assert [p[0] for p in after["paginas"]] == [p[0] for p in before["paginas"]]
    assert len(after["paginas"]) >= 3
    assert any(stem.startswith("kangoeroezorg") for stem in after["woorden"])
