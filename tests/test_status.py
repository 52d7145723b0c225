"""The guideline's status on every page: whether the revision term has passed, on the day of reading.

conf.py: authorised 25-01-2021, revision term five years, so the term ends on 25 January 2026.
"""

import re
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT

SPHINX_CONF = {}
exec((ROOT / "conf.py").read_text(encoding="utf-8"), {"__file__": str(ROOT / "conf.py")}, SPHINX_CONF)
END = "25 januari 2026"
RUNNING = f"Herzieningstermijn vijf jaar, tot {END}. Kijk voor de nieuwste versie op jgzrichtlijnen.nl."
PASSED = f"Herzieningstermijn verstreken op {END}. Kijk op jgzrichtlijnen.nl of er een nieuwere versie is."
LOCAL_DAY_BEFORE = datetime(2026, 1, 24, 23, 59)
LOCAL_DAY_OF = datetime(2026, 1, 25, 0, 1)
PAGES = ["index.html", "thema-2/aanbevelingen.html", "hulpmiddelen/lsvg.html", "search.html?q=ouder", "404.html"]


def test_the_end_of_the_term_comes_from_the_dates_in_conf_py():
    guideline = SPHINX_CONF["jgz_richtlijn"]
    assert (guideline["autorisatie"], guideline["herzieningstermijn_jaren"]) == ("25-01-2021", 5)


def test_every_page_has_one_status_line_at_the_top_of_its_content(site):
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "furo-main-content" not in html:
            continue  # a redirect or a fragment, not a page
        main = html[html.index('id="furo-main-content"'):]
        assert len(re.findall(r'<p class="jgz-herziening[ "]', main)) == 1, path
        assert re.match(r'id="furo-main-content">\s*<p class="jgz-herziening', main), path


@pytest.mark.browser
@pytest.mark.parametrize(("moment", "expected", "absent"),
                         [(LOCAL_DAY_BEFORE, RUNNING, PASSED), (LOCAL_DAY_OF, PASSED, RUNNING)],
                         ids=["dag-ervoor", "einddatum"])
def test_the_page_uses_the_date_on_which_it_is_read(page, site_url, moment, expected, absent):
    page.set_viewport_size({"width": 390, "height": 844})
    page.clock.set_fixed_time(moment)
    for path in PAGES:
        page.goto(site_url + path)
        status = page.locator("#furo-main-content > .jgz-herziening")
        expect(status).to_have_text(expected, use_inner_text=True)
        assert status.bounding_box()["y"] < 844, f"{path}: de status staat niet op het eerste scherm"
        link = status.get_by_role("link", name="jgzrichtlijnen.nl")
        expect(link).to_have_attribute("href", "https://www.jgzrichtlijnen.nl/")
        assert absent not in page.locator("body").inner_text(), path


@pytest.mark.browser
def test_without_javascript_the_build_date_decides(browser, site_url):
    """The real site is built after 25 January 2026: without JavaScript it says the term has passed."""
    context = browser.new_context(java_script_enabled=False, service_workers="block")
    page = context.new_page()
    page.goto(site_url + "thema-2/aanbevelingen.html")
    expect(page.locator(".jgz-herziening")).to_have_text(PASSED, use_inner_text=True)
    context.close()


@pytest.mark.sphinx("html", testroot="aanbeveling", confoverrides={"html_theme": "furo", "jgz_richtlijn": {
    "titel": "Testrichtlijn", "autorisatie": "01-02-2003", "autorisatie_door": "de commissie",
    "herzieningstermijn_jaren": 5, "vindplaats": "https://www.jgzrichtlijnen.nl/"}})
def test_a_copy_without_javascript_says_only_what_stays_true(app, monkeypatch, browser):
    """Built before the end, a page read without JavaScript names the end date and does not claim
    the term is running; built again on the last day, every page says the term has passed."""
    index = Path(app.outdir) / "index.html"
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for build_day, expected in (("2008-01-31", "Herzieningstermijn vijf jaar, tot 1 februari 2008."),
                                ("2008-02-01", "Herzieningstermijn verstreken op 1 februari 2008.")):
        epoch = int(datetime.fromisoformat(build_day + "T12:00:00+00:00").timestamp())
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        app.build()  # the second build is incremental: no page changed, only the date
        for written in (index, Path(app.outdir) / "thema" / "aanbevelingen.html"):
            page.goto(written.as_uri())
            expect(page.locator(".jgz-herziening")).to_contain_text(expected, use_inner_text=True)
    # The texts that name the dates come from the dates: footer and citation.
    html = index.read_text(encoding="utf-8")
    assert "Testrichtlijn, geautoriseerd door de commissie op 1 februari 2003; herzieningstermijn vijf jaar." in html
    context.close()
