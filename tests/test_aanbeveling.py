"""The ``aanbeveling``, ``alle-aanbevelingen`` and ``conclusie`` directives in every builder."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import warnings_of


@pytest.mark.sphinx("html", testroot="aanbeveling")
def test_html_anchor_title_and_copy_button(app):
    app.build()
    assert warnings_of(app) == ""
    html = (app.outdir / "thema" / "aanbevelingen.html").read_text(encoding="utf-8")
    block = BeautifulSoup(html, "html.parser").select_one("div.jgz-aanbeveling#aanbeveling-2-2")
    assert block, "aanbeveling 2.2 heeft geen eigen anker"
    assert block["data-nummer"] == "2.2"
    # Under the page's h1 and the section's h2, the recommendation is an h3 that links to itself.
    title = block.select_one(":scope > h3.jgz-aanbeveling__titel > a.reference.internal")
    assert (title["href"], title.get_text()) == ("#aanbeveling-2-2", "Aanbeveling 2.2")
    citation = block.select_one(":scope > button.jgz-kopieer")["data-citaat"]
    assert citation.startswith("Aanbeveling 2.2 (Thema 2: Signaleren): “Maak signalen bespreekbaar, zie de conclusie:")
    assert citation.endswith("Testrichtlijn, geautoriseerd op 1 februari 2003.")
    # The sub-list of the source survives inside the recommendation.
    assert re.search(r'<ol class="loweralpha simple">\s*<li><p>eerste deel</p></li>', str(block))


@pytest.mark.sphinx("html", testroot="aanbeveling")
def test_overview_copies_every_recommendation_and_links_back(app):
    app.build()
    assert warnings_of(app) == ""
    html = (app.outdir / "overzicht.html").read_text(encoding="utf-8")
    links = re.findall(r'<h3 class="jgz-aanbeveling__titel"><a class="reference internal" href="([^"]+)">', html)
    assert links == [
        "thema/aanbevelingen.html#aanbeveling-2-1",
        "thema/aanbevelingen.html#aanbeveling-2-2",
        "thema/aanbevelingen.html#aanbeveling-3-1",
    ]
    # Copies repeat the text but not the anchors, and their own links resolve from this page.
    assert 'id="aanbeveling-2-1"' not in html
    assert "Investeer in het kennismaken met de ouders." in html
    assert 'href="thema/aanbevelingen.html#conclusie-factoren"' in html


@pytest.mark.sphinx("html", testroot="aanbeveling")
def test_json_export(app):
    app.build()
    export = json.loads((app.outdir / "aanbevelingen.json").read_text(encoding="utf-8"))
    assert export["richtlijn"] == "Testrichtlijn"
    assert export["autorisatie"] == "01-02-2003"
    items = export["aanbevelingen"]
    assert [item["nummer"] for item in items] == ["2.1", "2.2", "3.1"]
    assert items[1] == {
        "nummer": "2.2",
        "thema": 2,
        "thema_titel": "Signaleren",
        "tekst": "Maak signalen bespreekbaar, zie de conclusie: a. eerste deel b. tweede deel",
        "bewijsniveau": "zeer laag",
        "url": "thema/aanbevelingen.html#aanbeveling-2-2",
    }
    assert items[0]["bewijsniveau"] is None


@pytest.mark.sphinx("html", testroot="aanbeveling")
def test_conclusion_badge_reads_as_words(app):
    app.build()
    html = (app.outdir / "thema" / "aanbevelingen.html").read_text(encoding="utf-8")
    badge = re.search(r'<p class="jgz-bewijs jgz-bewijs--zeer-laag">.*?</p>', html, re.S).group(0)
    # The symbols are hidden from screen readers; what is read is "Bewijsniveau zeer laag".
    assert '<span class="jgz-bewijs__symbolen" aria-hidden="true">⊕⊝⊝⊝</span>' in badge
    spoken = re.sub(r'<span[^>]*aria-hidden="true">.*?</span>', "", badge)
    assert " ".join(re.sub(r"<[^>]+>", " ", spoken).split()) == "Bewijsniveau zeer laag"
    assert "niet vermeld in de richtlijn" in html  # the conclusion without a level says so


@pytest.mark.sphinx("text", testroot="aanbeveling")
def test_text_builder_renders_readable_text(app):
    app.build()
    assert warnings_of(app) == ""
    text = (app.outdir / "thema" / "aanbevelingen.txt").read_text(encoding="utf-8")
    assert "**Aanbeveling 2.1**" in text
    assert "Investeer in het kennismaken met de ouders." in text
    assert "**Bewijsniveau: ⊕⊝⊝⊝ ZEER LAAG**" in text
    overview = (app.outdir / "overzicht.txt").read_text(encoding="utf-8")
    assert overview.count("**Aanbeveling ") == 3
    index = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "a. eerste\n\nb. tweede" in index and "c. derde" in index  # lettered as in the guideline


@pytest.mark.sphinx("latex", testroot="aanbeveling")
def test_latex_builder_renders_readable_text(app):
    app.build()
    assert warnings_of(app) == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert re.search(r"\\sphinxstylestrong\{.*\{Aanbeveling 2\.1\}", tex)
    assert r"\sphinxstylestrong{Bewijsniveau: ZEER LAAG}" in tex
    assert "⊕" not in tex


@pytest.mark.sphinx("html", testroot="aanbeveling")
def test_incremental_build_refreshes_the_overview(app, make_app):
    app.build()
    page = app.srcdir / "thema" / "aanbevelingen.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("Neem daarvoor de tijd.", "Neem daarvoor ruim de tijd."),
        encoding="utf-8",
    )
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    overview = (again.outdir / "overzicht.html").read_text(encoding="utf-8")
    assert "Neem daarvoor ruim de tijd." in overview


def test_short_text_is_the_first_sentence_but_not_a_list_letter():
    from jgz.doctree import short_text

    assert short_text("Benut GIZ of SPARK. Speciale aandacht.") == "Benut GIZ of SPARK."
    assert short_text("Bespreek: a. De kaart b. De lijst").startswith("Bespreek: a. De kaart")
