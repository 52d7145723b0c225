"""Consultation cards: copies of the guideline's own text, made by the build, that fit a phone
and print on one A4."""

import json
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import authored_recommendations, warnings_of

CARDS = ["kaarten/gespreksleidraad.html", "kaarten/woorden.html", "kaarten/aanbevelingen.html"]
PHONE = {"width": 360, "height": 740}


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def squash(words: str) -> str:
    """Text without any white space: inline links and list markup add or drop spaces."""
    return re.sub(r"\s+", "", words)


# --- The test project ----------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="leeftijd")
def test_steps_form_splits_at_the_rubrics_with_a_step_list(app):
    app.build()
    assert warnings_of(app) == ""
    page = soup(app.outdir / "kaarten.html")
    card = page.select_one(".jgz-kaart--stappen")
    assert [text(a) for a in card.select(".jgz-kaart__stappen a")] == ["Stap 1", "Stap 2"]
    assert [a["href"] for a in card.select(".jgz-kaart__stappen a")] == ["#stap-1", "#stap-2"]
    steps = card.select(".jgz-kaart__stap")
    assert [step["id"] for step in steps] == ["stap-1", "stap-2"]
    assert [text(step.select_one("h3.rubric")) for step in steps] == ["Stap 1. Kijk", "Stap 2: Vraag"]
    assert text(steps[1]) == "Stap 2: Vraag Vraag naar de band, zie stap 1 ."
    # The source: a link to the original, and its footnote as a line (the mark itself is gone).
    assert text(card.select_one(".jgz-kaart__bron")) == "Uit de richtlijn: Tabel 9.3: Leidraad."
    assert card.select_one(".jgz-kaart__bron a")["href"] == "#tabel-9-3"
    assert text(card.select_one(".jgz-kaart__noot")) == "Noot 1: De volgorde ligt niet vast."
    assert card.select(".footnote-reference") == []


@pytest.mark.sphinx("html", testroot="leeftijd")
def test_copies_repeat_no_anchor(app):
    app.build()
    page = soup(app.outdir / "kaarten.html")
    ids = Counter(element["id"] for element in page.select("[id]"))
    assert [identifier for identifier, count in ids.items() if count > 1] == []


@pytest.mark.sphinx("html", testroot="leeftijd")
def test_columns_form_and_recommendation_copies(app):
    app.build()
    page = soup(app.outdir / "kaarten.html")
    columns = page.select(".jgz-kaart--kolommen .jgz-kaart__kolom")
    assert [text(column) for column in columns] == ["Niet: Bagatelliseren", "Wel: Luisteren"]
    copy = page.select_one(".jgz-kaart .jgz-aanbeveling--kopie")
    assert copy.select_one(".jgz-aanbeveling__titel a")["href"] == "#aanbeveling-2-1"
    assert copy.select_one("button.jgz-kopieer")["data-citaat"].startswith("Aanbeveling 2.1 (Thema 2: Signaleren)")
    lines = page.select(".jgz-kaart--aanbevelingen .jgz-kaart__regels > li")
    # The second sentence is left out, and the line says so.
    assert [text(line) for line in lines] == [
        "Aanbeveling 2.1 Gebruik liever woorden zoals ‘band’. […] ingekort: de rest staat in de aanbeveling"]


@pytest.mark.sphinx("html", testroot="leeftijd")
def test_a_label_above_a_heading_copies_that_part_without_its_heading(app):
    app.build()
    assert warnings_of(app) == ""
    card = next(card for card in soup(app.outdir / "kaarten.html").select(".jgz-kaart--geheel")
                if "Prenataal" in text(card.select_one(".jgz-kaart__bron")))
    assert text(card.select_one(".jgz-kaart__bron")) == "Uit de richtlijn: Prenataal"
    assert card.select_one(".jgz-kaart__bron a")["href"] == "ontwikkeling.html#fase-prenataal"
    assert "Een zwangerschap verandert veel (Auteur, 2001)." in text(card)
    assert card.select("h1, h2, section") == []  # the part's heading is the source line


@pytest.mark.sphinx("text", testroot="leeftijd")
def test_cards_read_as_plain_text(app):
    app.build()
    assert warnings_of(app) == ""
    card = (app.outdir / "kaarten.txt").read_text(encoding="utf-8")
    assert "Uit de richtlijn: Tabel 9.3: Leidraad." in card
    assert "Noot 1: De volgorde ligt niet vast." in card
    assert "Stap 2: Vraag" in card and "Niet:" in card and "* Bagatelliseren" in card


# --- The real site ------------------------------------------------------------------------------


def test_the_conversation_guide_card_is_table_2_3_in_four_steps(site):
    card = soup(site / "kaarten/gespreksleidraad.html").select_one(".jgz-kaart--stappen")
    table = soup(site / "thema-2/bespreken.html").select_one("#tabel-2-3")
    source_steps = [text(rubric) for rubric in table.select(".rubric")]
    steps = card.select(".jgz-kaart__stap")
    assert len(steps) == 4
    assert [text(step.select_one(".rubric")) for step in steps] == source_steps
    assert [text(a) for a in card.select(".jgz-kaart__stappen a")] == ["Stap 1", "Stap 2", "Stap 3", "Stap 4"]
    # Word for word the table's text (title and footnote mark aside), in the same order.
    source = squash(text(table)).replace(squash(text(table.select_one(".admonition-title"))), "", 1)
    assert squash(" ".join(text(step) for step in steps)) == source
    assert text(card.select_one(".jgz-kaart__noot")) == (
        "Noot 2: De volgorde van de ‘stappen’ ligt niet vast; stappen kunnen ook achterwege gelaten worden."
    )
    assert card.select_one(".jgz-kaart__bron a")["href"] == "../thema-2/bespreken.html#tabel-2-3"
    # A reference inside the table still reaches its place in the guideline.
    hrefs = [a["href"] for a in steps[2].select("a.reference.internal")]
    assert "../thema-2/bespreken.html#tabel-2-3-stap-2" in hrefs


def test_the_words_card_quotes_recommendation_2_10_and_the_niet_wel_table(site):
    page = soup(site / "kaarten/woorden.html")
    export = json.loads((site / "aanbevelingen.json").read_text(encoding="utf-8"))
    recommendation = next(item for item in export["aanbevelingen"] if item["nummer"] == "2.10")
    copy = page.select_one(".jgz-aanbeveling--kopie")
    assert squash(text(copy.select_one(".jgz-aanbeveling__tekst"))) == squash(recommendation["tekst"])
    assert copy.select_one(".jgz-aanbeveling__titel a")["href"] == "../" + recommendation["url"]
    source = soup(site / "thema-2/bespreken.html").select_one("#tabel-niet-wel")
    header = [text(cell) for cell in source.select("thead th")]
    cells = source.select("tbody td")
    columns = page.select(".jgz-kaart__kolom")
    assert [text(column.select_one(".rubric")) for column in columns] == header == ["Niet:", "Wel:"]
    for column, cell in zip(columns, cells):
        assert [text(li) for li in column.select("li")] == [text(li) for li in cell.select("li")]


def test_the_recommendations_card_has_every_recommendation_in_one_line(site):
    page = soup(site / "kaarten/aanbevelingen.html")
    export = json.loads((site / "aanbevelingen.json").read_text(encoding="utf-8"))["aanbevelingen"]
    lines = page.select(".jgz-kaart__regels > li")
    assert [item["nummer"] for item in export] == authored_recommendations()
    assert len(lines) == len(export)
    for line, item in zip(lines, export):
        link = line.select_one("a")
        assert text(link) == f"Aanbeveling {item['nummer']}"
        assert link["href"] == "../" + item["url"]
        # A line that shows less than the whole recommendation says so (docs/veiligheid.md, R10).
        cut = line.select_one("em")
        sentence = text(line)[len(text(link)):].strip().removesuffix(text(cut) if cut else "").strip()
        assert squash(item["tekst"]).startswith(squash(sentence.removesuffix(" …"))), item["nummer"]
        assert (squash(sentence) != squash(item["tekst"])) == (cut is not None), item["nummer"]
        assert len(sentence) <= 202


# --- In Chromium --------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("path", CARDS)
def test_each_card_prints_on_one_a4(page, site_url, path):
    page.goto(site_url + path)
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"{path} print op {pages} A4-pagina's"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["kaarten/index.html", *CARDS])
def test_cards_fit_a_phone(page, site_url, path):
    page.set_viewport_size(PHONE)
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolt {overflow}px horizontaal"


@pytest.mark.browser
def test_step_links_are_large_enough_to_tap_and_reach_their_step(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "kaarten/gespreksleidraad.html")
    links = page.locator(".jgz-kaart__stappen a")
    assert links.count() == 4
    for index in range(4):
        box = links.nth(index).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
    step = page.locator("#stap-3")
    expect(step).not_to_be_in_viewport()
    links.nth(2).click()
    page.wait_for_url("**#stap-3")
    expect(step).to_be_in_viewport()
