"""Paper and PDF: every page prints as a document (print stylesheet, in Chromium), and
``make pdf``'s steps (the single-page build, then tools/pdf.py) give one PDF with a numbered table
of contents, every recommendation, the tables, the evidence levels, the decision trees as lists and
the forms on paper.  The PDF's text is read back with pypdf."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import ROOT, authored_recommendations


def squeezed(text: str) -> str:
    """Text without any whitespace: line breaks in the PDF fall anywhere, also after a hyphen."""
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------------------------
# Printing a page from the browser

@pytest.mark.browser
def test_a_printed_page_has_no_navigation_and_light_colours_in_dark_mode(page, site_url):
    page.goto(site_url + "thema-2/aanbevelingen.html")
    page.emulate_media(media="print", color_scheme="dark")
    for chrome in (".sidebar-drawer", ".toc-drawer", ".mobile-header", ".related-pages", "button.jgz-kopieer"):
        expect(page.locator(chrome).first).to_be_hidden()
    recommendation = page.locator("#aanbeveling-2-7")
    expect(recommendation).to_be_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert recommendation.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(227, 241, 243)"
    # The article uses the width of the paper, not the width beside a sidebar.
    article = page.locator("article").bounding_box()
    assert article["width"] > 0.9 * page.viewport_size["width"]


@pytest.mark.browser
def test_printed_external_links_show_their_address_unless_the_text_is_the_address(page, site_url):
    page.goto(site_url + "thema-2/bespreken.html")
    page.emulate_media(media="print")
    links = page.evaluate(
        """() => Array.from(document.querySelectorAll("article a.reference.external"), (link) => ({
            href: link.getAttribute("href"),
            text: link.textContent.trim(),
            after: getComputedStyle(link, "::after").content,
        }))"""
    )
    with_words = [link for link in links if "." not in link["text"] and "/" not in link["text"]]
    address_as_text = [link for link in links if link["text"] == link["href"]]
    assert with_words and address_as_text
    for link in with_words:  # "JGZ richtlijn Opvoedondersteuning (https://www.ncj.nl/...)"
        assert link["after"] == f'" ({link["href"]})"', link
    for link in address_as_text:  # printed once, not twice
        assert link["after"] == "none", link


@pytest.mark.browser
def test_collapsed_parts_print_open(page, site_url):
    page.goto(site_url + "hulpmiddelen/welk-instrument.html")
    tree_list = page.locator("details.jgz-beslisboom__lijst").first
    first_question = tree_list.locator("li[data-vraag]").first
    tree_list.evaluate("details => { details.open = false; }")  # as a reader who folded it away
    expect(first_question).to_be_hidden()
    page.emulate_media(media="print")
    expect(first_question).to_be_visible()


@pytest.mark.browser
def test_printing_a_page_gives_its_text_without_the_site_around_it_or_blank_sheets(page, site_url, tmp_path):
    page.goto(site_url + "thema-2/conclusies.html")
    pdf = tmp_path / "conclusies.pdf"
    page.pdf(path=pdf, format="A4")
    sheets = [sheet.extract_text() for sheet in PdfReader(pdf).pages]
    assert all(sheet.strip() for sheet in sheets), "een afgedrukte pagina eindigt niet met een leeg vel"
    text = squeezed(" ".join(sheets))
    assert squeezed("Bewijsniveau ⊕⊝⊝⊝ ZEER LAAG") in text
    assert squeezed("Verstoord hechtingsgedrag kan globaal te maken hebben met") in text
    for screen_only in ("Naar de inhoud", "Leeswijzer", "Op deze pagina", "Vorige", "Volgende"):
        assert squeezed(screen_only) not in text, screen_only


# --------------------------------------------------------------------------------------------
# make pdf

@pytest.fixture(scope="module")
def guideline_pdf(tmp_path_factory):
    """The steps of ``make pdf``: the single-page build, strict, then tools/pdf.py."""
    out = tmp_path_factory.mktemp("pdf")
    single = out / "singlehtml"
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "singlehtml", "-W", "--keep-going", "-n", "-q",
         "-c", str(ROOT), str(ROOT / "content"), str(single)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, f"de singlehtml-build faalt:\n{build.stdout}\n{build.stderr}"
    pdf = out / "richtlijn.pdf"
    printed = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "pdf.py"), str(single / "index.html"), str(pdf)],
        capture_output=True,
        text=True,
    )
    assert printed.returncode == 0, f"tools/pdf.py faalt:\n{printed.stdout}\n{printed.stderr}"
    reader = PdfReader(pdf)
    return {
        "html": BeautifulSoup((single / "index.html").read_text(encoding="utf-8"), "html.parser"),
        "export": json.loads((single / "aanbevelingen.json").read_text(encoding="utf-8")),
        "reader": reader,
        "pages": [squeezed(sheet.extract_text()) for sheet in reader.pages],
        "text": squeezed(" ".join(sheet.extract_text() for sheet in reader.pages)),
    }


def test_pdf_has_a_table_of_contents_whose_page_numbers_are_right(guideline_pdf):
    reader, pages = guideline_pdf["reader"], guideline_pdf["pages"]
    entries = guideline_pdf["html"].select(".jgz-pdf-inhoud li > .jgz-pdf-inhoud__regel > a")
    assert len(entries) > 30, "de inhoudsopgave hoort de delen en hun pagina's te noemen"
    assert pages[1].startswith("2" + squeezed("Inhoud")), "de inhoud begint op pagina 2, na de titel"
    contents = "".join(pages[1:6])
    destinations = reader.named_destinations  # named by the anchors of the page, with a "/"
    for entry in entries:
        title, anchor = squeezed(entry.get_text()), entry["href"].replace("#", "/", 1)
        number = reader.get_destination_page_number(destinations[anchor]) + 1
        assert title + str(number) in contents, f"'{entry.get_text()}' staat niet met pagina {number} in de inhoud"
        assert title in pages[number - 1], f"'{entry.get_text()}' staat niet op pagina {number}"
    assert [item.title for item in reader.outline if not isinstance(item, list)] == ["JGZ-richtlijn Ouder-kindrelatie"]


def test_pdf_has_every_recommendation(guideline_pdf):
    recommendations = guideline_pdf["export"]["aanbevelingen"]
    assert [item["nummer"] for item in recommendations] == authored_recommendations()
    for recommendation in recommendations:
        assert squeezed(f"Aanbeveling {recommendation['nummer']}") in guideline_pdf["text"]
        first_sentence = recommendation["tekst"].split(". ")[0]
        assert squeezed(first_sentence) in guideline_pdf["text"], recommendation["nummer"]


def test_pdf_has_the_tables_and_the_evidence_levels(guideline_pdf):
    html, text = guideline_pdf["html"], guideline_pdf["text"]
    tables = html.select("article table.docutils")
    assert len(tables) >= 10
    for table in tables:
        caption = table.select_one("caption .caption-text")
        if caption:
            assert squeezed(caption.get_text()) in text, caption.get_text()
        for cell in table.select("tbody tr:first-child > td"):
            first_block = cell.find(["p", "li"]) or cell  # bullets between blocks print as glyphs
            assert squeezed(first_block.get_text()) in text, first_block.get_text()
    levels = html.select("article .jgz-bewijs")
    assert levels
    for level in levels:
        symbols = level.select_one(".jgz-bewijs__symbolen")
        word = level.select_one(".jgz-bewijs__niveau")
        if symbols and word:
            assert squeezed(f"Bewijsniveau {symbols.get_text()} {word.get_text().upper()}") in text
        else:
            assert squeezed(level.get_text()) in text


def test_pdf_has_the_trees_as_lists_and_the_forms_on_paper(guideline_pdf):
    html, text = guideline_pdf["html"], guideline_pdf["text"]
    steps = html.select("article .jgz-beslisboom li[data-vraag], article .jgz-beslisboom li[data-uitkomst]")
    assert len(steps) > 20
    for step in steps:
        own_text = step.select_one(".jgz-beslisboom__tekst")
        assert squeezed(own_text.get_text()) in text, own_text.get_text()
    forms = html.select("article .jgz-score")
    assert forms
    for form in forms:
        for legend in form.select("fieldset legend"):
            assert squeezed(legend.get_text()) in text, legend.get_text()
        for answer in form.select("label.jgz-score__keuze > span"):
            assert squeezed(answer.get_text()) in text, answer.get_text()
        for blank in form.select(".jgz-score__papier"):
            assert squeezed(blank.get_text()) in text, blank.get_text()


def test_pdf_is_the_guideline_on_a4_without_the_site_around_it(guideline_pdf):
    reader, text = guideline_pdf["reader"], guideline_pdf["text"]
    assert reader.metadata.title == "JGZ-richtlijn Ouder-kindrelatie"
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    # The maintainers' pages are left out; no navigation, buttons or local file addresses.
    for absent in ("Architectuur", "Conventies voor de inhoud", "Kopieer link", "Naar de inhoud", "file://"):
        assert squeezed(absent) not in text, absent
    # Every page carries its number.
    for number, page in enumerate(guideline_pdf["pages"], start=1):
        assert page.startswith(str(number)) or page.endswith(str(number)), f"pagina {number} heeft geen nummer"


def test_pdf_says_whether_the_revision_term_had_passed_when_it_was_made(guideline_pdf):
    """The PDF is printed without scripts: the day it is made decides (tests/test_status.py)."""
    first_page = guideline_pdf["pages"][0]
    assert squeezed("Herzieningstermijn verstreken op 25 januari 2026.") in first_page
    assert squeezed("Kijk op jgzrichtlijnen.nl") in first_page


def test_links_between_pages_point_inside_the_single_page():
    import pdf

    html = '<a href="#document-begrippenlijst#term-mentaliseren">x</a><script>1</script><a href="#s">y</a>'
    assert pdf.printable(html) == '<a href="#term-mentaliseren">x</a><a href="#s">y</a>'
