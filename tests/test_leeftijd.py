"""Age tags and the age guide: ranges, where a tag lands, the checks, every builder, and the
real site's guide against the ages the guideline gives."""

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from conftest import build_small_project, warnings_of
from jgz.leeftijd import BANDS, bands_of, parse_range

BAND_KEYS = [band.key for band in BANDS]

# The real site's guide, written from the ages in the guideline's text (not from the tags):
# per band, per kind, the titles in the order of the text.
EXPECTED_GUIDE = {
    "zwangerschap": {
        "fase": ["Prenataal"],
        "interventie": [
            "Stevig Ouderschap Prenataal", "VoorZorg", "Zwanger, bevallen, een kind",
            "Een kindje krijgen", "CenteringPregnancy™", "Prenatale huisbezoeken",
        ],
    },
    "0-1-jaar": {
        "fase": ["Eerste uren na de geboorte", "Eerste levensjaar"],
        "tips": ["0-2 jaar"],
        "aandachtspunten": ["0-4 jaar"],
        "van-wiechen-bespreken": [
            "Kenmerk 29. Reageert op toespreken door ouder (vier weken)",
            "Kenmerk 30: Lacht terug (8 weken)",
            "Kenmerk 31: Maakt geluiden terug (3 maanden)",
        ],
        "interventie": [
            "Kortdurende video-hometraining (K-VHT)", "Stevig Ouderschap", "Stevig Ouderschap Prenataal",
            "VoorZorg", "Shantala Babymassage", "Het gebruik van een draagdoek", "Het eengespreksmodel",
            "Theraplay",
        ],
    },
    "1-2-jaar": {
        "fase": ["Tweede levensjaar"],
        "tips": ["0-2 jaar"],
        "aandachtspunten": ["0-4 jaar"],
        "van-wiechen-observeren": [
            "Kenmerk 11. Doet blokje in/uit doos (15 maanden)",
            "Kenmerk 12. Speelt “geven en nemen” (15 maanden)",
            "Kenmerk 14. Gaat op onderzoek uit (18 maanden)",
        ],
        "instrument": ["LSVG"],
        "interventie": [
            "VIPP-SD", "Kortdurende video-hometraining (K-VHT)", "Stevig Ouderschap", "VoorZorg",
            "Het gebruik van een draagdoek", "Theraplay",
        ],
    },
    "2-4-jaar": {
        "fase": ["Twee tot vier jaar"],
        "tips": ["2-4 jaar"],
        "aandachtspunten": ["0-4 jaar"],
        "instrument": ["ARI-CP 2-5", "AISI", "LSVG"],
        "interventie": [
            "VIPP-SD", "Kortdurende video-hometraining (K-VHT)", "Triple P",
            "Het gebruik van een draagdoek", "Theraplay",
        ],
    },
    "4-12-jaar": {
        "fase": ["Basisschoolleeftijd"],
        "tips": ["4-12 jaar"],
        "aandachtspunten": ["4+ jaar"],
        "instrument": ["ARI-CP 2-5", "AISI", "LSVG"],
        "interventie": ["VIPP-SD", "Triple P", "Het gebruik van een draagdoek", "Theraplay"],
    },
    "12-18-jaar": {
        "fase": ["Adolescentie"],
        "tips": ["Vanaf 12 jaar"],
        "aandachtspunten": ["4+ jaar"],
        "interventie": ["Triple P", "Het gebruik van een draagdoek"],
    },
}


def guide_of(html: str) -> dict[str, dict[str, list[list[str]]]]:
    """The guide as the HTML has it: band -> kind -> [[title, href, words]]."""
    guide = {}
    for section in BeautifulSoup(html, "html.parser").select("section[data-leeftijd]"):
        kinds = guide.setdefault(section["data-leeftijd"], {})
        for entries in section.select("ul[data-soort]"):
            kinds[entries["data-soort"]] = [
                [
                    item.select_one(".jgz-leeftijd__link").get_text(),
                    item.select_one(".jgz-leeftijd__link")["href"],
                    words.get_text() if (words := item.select_one(".jgz-leeftijd__bron")) else "",
                ]
                for item in entries.select(":scope > li")
            ]
    return guide


def titles(guide: dict) -> dict:
    return {band: {kind: [entry[0] for entry in entries] for kind, entries in kinds.items()}
            for band, kinds in guide.items()}


# --- Ranges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bands"),
    [
        ("zwangerschap", ["zwangerschap"]),
        ("geboorte", ["0-1-jaar"]),
        ("4 weken", ["0-1-jaar"]),
        ("1,5-6 maanden", ["0-1-jaar"]),
        ("6 weken - 9 maanden", ["0-1-jaar"]),
        ("0-2 jaar", ["0-1-jaar", "1-2-jaar"]),
        ("1-6 jaar", ["1-2-jaar", "2-4-jaar", "4-12-jaar"]),
        ("-9 maanden – 2 jaar", ["zwangerschap", "0-1-jaar", "1-2-jaar"]),
        ("20 weken zwangerschap - geboorte", ["zwangerschap"]),
        ("vanaf 4 jaar", ["4-12-jaar", "12-18-jaar"]),
        ("vanaf 12 jaar", ["12-18-jaar"]),
        ("12-18 jaar", ["12-18-jaar"]),
        ("18 jaar", ["12-18-jaar"]),
    ],
)
def test_an_age_range_falls_in_the_bands_it_overlaps(text, bands):
    assert [band.key for band in bands_of(*parse_range(text))] == bands


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1-6", "'1-6' niet begrepen; schrijf bijvoorbeeld '1-6 jaar'"),
        ("een jaar", "'een jaar' niet begrepen"),
        ("5 maanden zwangerschap", "'5 maanden zwangerschap' niet begrepen"),
        ("6-1 jaar", "'6-1 jaar': het begin ligt na het einde."),
        ("0-20 jaar", "'0-20 jaar' valt buiten de zwangerschap tot en met 18 jaar."),
    ],
)
def test_a_range_that_is_not_understood_says_so_in_dutch(text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_range(text)


# --- The test project ----------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="leeftijd")
def test_the_guide_lists_each_tagged_item_in_the_bands_of_its_ages(app):
    app.build()
    assert warnings_of(app) == ""
    guide = guide_of((app.outdir / "wijzer.html").read_text(encoding="utf-8"))
    assert titles(guide) == {
        "zwangerschap": {"fase": ["Prenataal"], "interventie": ["Gamma"]},
        "0-1-jaar": {
            "fase": ["Het eerste jaar"], "tips": ["0-2 jaar"],
            "van-wiechen-bespreken": ["Kenmerk 29. Reageert op toespreken (vier weken)"],
            "interventie": ["Beta Babymassage"],
        },
        "1-2-jaar": {"tips": ["0-2 jaar"], "interventie": ["Alpha"]},
        "2-4-jaar": {"interventie": ["Alpha"]},
        "4-12-jaar": {"fase": ["Later"], "interventie": ["Alpha"]},
        "12-18-jaar": {"fase": ["Later"], "tips": ["Vanaf 12 jaar"]},
    }
    beta = guide["0-1-jaar"]["interventie"][0]
    # Two tags, two ages in the source's own words; a title that says its age is not repeated.
    assert beta[2].endswith("1,5 – 6 maand · zes weken tot negen maanden")
    assert guide["0-1-jaar"]["fase"][0][2] == ""


@pytest.mark.sphinx("html", testroot="leeftijd")
def test_links_land_on_labels_or_on_new_stable_ids(app):
    app.build()
    guide = guide_of((app.outdir / "wijzer.html").read_text(encoding="utf-8"))
    hrefs = {entry[0]: entry[1] for kinds in guide.values() for entries in kinds.values() for entry in entries}
    assert hrefs["Prenataal"] == "ontwikkeling.html#fase-prenataal"  # the section's label
    assert hrefs["Alpha"] == "interventies.html#int-alpha"  # a paragraph's label
    assert hrefs["Beta Babymassage"] == "interventies.html#int-beta"  # label inside the list item
    assert hrefs["Gamma"] == "interventies.html#leeftijd-gamma"  # no label: a new id
    assert hrefs["0-2 jaar"] == "tips.html#leeftijd-0-2-jaar"  # a rubric
    assert hrefs["Het eerste jaar"] == "ontwikkeling.html#leeftijd-het-eerste-jaar"  # no label
    page = (app.outdir / "interventies.html").read_text(encoding="utf-8")
    # The tags show nothing and do not take the labels away from what they name.
    assert '<p id="int-alpha">De Alpha (1-6 jaar) is een interventie.</p>' in page
    assert '<li id="leeftijd-gamma"><p>Gamma is een cursus' in page
    assert "soort" not in page and "interventie</" not in page
    tips = (app.outdir / "tips.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="rubric" id="leeftijd-0-2-jaar">0-2 jaar</p>', tips)


@pytest.mark.sphinx("html", testroot="leeftijd")
def test_the_guide_shows_the_guidelines_first_sentences_and_tips(app):
    app.build()
    html = (app.outdir / "wijzer.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    band = page.select_one('section[data-leeftijd="zwangerschap"]')
    assert band.select_one("p.jgz-leeftijd__zin").get_text() == "Een zwangerschap verandert veel (Auteur, 2001)."
    band = page.select_one('section[data-leeftijd="12-18-jaar"]')
    tip = band.select_one("ol.jgz-leeftijd__tips > li")
    assert (tip["value"], tip.get_text()) == ("3", "Geef positieve aandacht.")
    # Without JavaScript every band is a section the band list jumps to; the chooser's "all" is
    # for the script only.
    guide = page.select_one("div.jgz-leeftijd[data-jgz-leeftijdswijzer]#leeftijden")
    for key in BAND_KEYS:
        assert guide.select_one(f'nav a[href="#leeftijd-{key}"]')["data-leeftijd"] == key
        assert guide.select_one(f"section.jgz-leeftijd__band#leeftijd-{key}")["data-leeftijd"] == key
    assert guide.select_one("nav li[data-leeftijd-alle]").has_attr("hidden")
    assert 'src="_static/jgz-leeftijd.js' in html and 'href="_static/jgz-leeftijd.css' in html
    # Pages without the guide do not load its script.
    assert "jgz-leeftijd.js" not in (app.outdir / "interventies.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="leeftijd")
def test_an_example_tag_shows_what_the_build_made_of_it_and_stays_out_of_the_guide(app):
    app.build()
    page = (app.outdir / "voorbeeld.html").read_text(encoding="utf-8")
    preview = re.search(r'<div class="jgz-leeftijd-voorbeeld docutils container">.*?</div>', page, re.S).group(0)
    text = " ".join(re.sub(r"<[^>]+>", " ", preview).split())
    assert "Leeftijdstag 1-6 jaar (voorbeeld)" in text
    assert "Titel: Voorbeeldinterventie" in text
    assert "Staat in de leeftijdswijzer bij: 1-2 jaar, 2-4 jaar, 4-12 jaar" in text
    assert "Voorbeeldinterventie" not in (app.outdir / "wijzer.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="leeftijd")
def test_the_guide_quotes_other_pages_so_the_search_finds_them_there(app):
    """The guide is in the page's doctree, but the site's search index of that page holds none
    of the text it quotes: a search leads to the place in the guideline, not to the list."""
    from jgz.leeftijdswijzer import leeftijd_link
    from jgz.zoeken import page_units

    app.build()
    doctree = app.env.get_and_resolve_doctree("wijzer", app.builder, tags=app.tags)
    assert "Gamma" in [link.astext() for link in doctree.findall(leeftijd_link)]
    indexed = " ".join(unit["tekst"] for unit in page_units(doctree))
    assert "Gamma" not in indexed and "Een zwangerschap verandert veel" not in indexed


@pytest.mark.sphinx("text", testroot="leeftijd")
def test_text_builder_lists_the_bands_and_hides_the_tags(app):
    app.build()
    assert warnings_of(app) == ""
    guide = (app.outdir / "wijzer.txt").read_text(encoding="utf-8")
    assert "**0-1 jaar**" in guide
    assert "Beta Babymassage (1,5 – 6 maand · zes weken tot negen maanden)" in guide
    assert "3. Geef positieve aandacht." in guide
    page = (app.outdir / "interventies.txt").read_text(encoding="utf-8")
    assert "soort" not in page and "De Alpha (1-6 jaar) is een interventie." in page


def test_a_changed_tag_reaches_the_guide_in_an_incremental_build(tmp_path, rootdir):
    source = tmp_path / "bron"
    shutil.copytree(rootdir / "test-leeftijd", source)
    first = SphinxTestApp("html", srcdir=source)
    try:
        first.build()
    finally:
        first.cleanup()
    page = source / "interventies.md"
    page.write_text(page.read_text(encoding="utf-8").replace(":::{leeftijd} 1-6 jaar", ":::{leeftijd} 5-6 jaar"),
                    encoding="utf-8")
    second = SphinxTestApp("html", srcdir=source)
    try:
        second.build()
        guide = titles(guide_of((second.outdir / "wijzer.html").read_text(encoding="utf-8")))
    finally:
        second.cleanup()
    assert "interventie" not in guide["1-2-jaar"] and "interventie" not in guide["2-4-jaar"]
    assert guide["4-12-jaar"]["interventie"] == ["Alpha"]


# --- Mistakes -------------------------------------------------------------------------------------

def build(tmp_path, page: str) -> str:
    """Build a one-page project and return its warnings."""
    return build_small_project(tmp_path, {"pagina": page})


KINDS_LIST = "fase, tips, aandachtspunten, van-wiechen-bespreken, van-wiechen-observeren, instrument, interventie"
LONG = "Een lange eerste alinea " + "met heel veel woorden " * 6 + "(1-6 jaar)."


@pytest.mark.parametrize(
    ("page", "line", "message"),
    [
        ("# P\n\n:::{leeftijd} 1-6\n:soort: fase\n:bron: x\n:::\nx\n", 3,
         "ERROR: leeftijd '1-6' niet begrepen; schrijf bijvoorbeeld '1-6 jaar', '6 weken - 9 maanden', "
         "'4 weken', 'zwangerschap', '20 weken zwangerschap - geboorte' of 'vanaf 4 jaar'."),
        ("# P\n\n:::{leeftijd} 1-6 jaar\n:bron: 1-6 jaar\n:::\nA (1-6 jaar).\n", 3,
         f"ERROR: leeftijd 1-6 jaar: :soort: ontbreekt; kies uit {KINDS_LIST}."),
        ("# P\n\n:::{leeftijd} 1-6 jaar\n:soort: cursus\n:bron: 1-6 jaar\n:::\nA (1-6 jaar).\n", 3,
         f"ERROR: leeftijd 1-6 jaar: :soort: 'cursus' is onbekend; kies uit {KINDS_LIST}."),
        ("# P\n\n:::{leeftijd} 1-6 jaar\n:soort: interventie\n:::\nA (1-6 jaar).\n", 3,
         "ERROR: leeftijd 1-6 jaar: :bron: ontbreekt; geef de woorden waarmee de richtlijn deze "
         "leeftijd noemt, precies zoals ze in de tekst staan."),
        ("# P\n\n:::{leeftijd} 1-6 jaar\n:soort: interventie\n:titel: A\n:bron: 1 - 6 jaar\n:::\nA (1-6 jaar).\n", 3,
         "WARNING: leeftijd 1-6 jaar: :bron: '1 - 6 jaar' staat niet in de getagde tekst; geef de "
         "woorden precies zoals de richtlijn ze schrijft."),
        ("# P\n\n:::{leeftijd} 1-6 jaar\n:soort: interventie\n:titel: Beta\n:bron: 1-6 jaar\n:::\nA (1-6 jaar).\n", 3,
         "WARNING: leeftijd 1-6 jaar: :titel: 'Beta' staat niet in de getagde tekst; gebruik de woorden "
         "van de richtlijn."),
        (f"# P\n\n:::{{leeftijd}} 1-6 jaar\n:soort: interventie\n:bron: 1-6 jaar\n:::\n{LONG}\n", 3,
         "WARNING: leeftijd 1-6 jaar: geef een :titel: (de eerste alinea is te lang om als titel te dienen)."),
        ("# P\n\nA (1-6 jaar).\n\n:::{leeftijd} 1-6 jaar\n:soort: interventie\n:bron: 1-6 jaar\n:::\n", 5,
         "WARNING: leeftijd 1-6 jaar: er staat niets onder de tag; zet hem direct boven de kop, alinea "
         "of rubric die hij tagt, of in het lijstpunt."),
        ("# P\n\n:::{leeftijd} 1-6 jaar\n:soort: interventie\n:bron: 1-6 jaar\n:::\n"
         ":::{leeftijd} 1-6 jaar\n:soort: instrument\n:bron: 1-6 jaar\n:::\nA (1-6 jaar).\n", 3,
         "WARNING: leeftijd: de tags boven één tekstdeel verschillen in :soort: of :titel: (instrument; interventie)."),
        ("# P\n\n:::{kaart-uittreksel} tabel-9-9\n:::\n", 3,
         "WARNING: kaart-uittreksel: label 'tabel-9-9' bestaat niet."),
        ("# P\n\n(alinea)=\nEen alinea.\n\n:::{kaart-uittreksel} alinea\n:vorm: stappen\n:::\n", 6,
         "WARNING: kaart-uittreksel: :vorm: stappen vraagt om rubrics (stappen) in het deel."),
        ("# P\n\n(alinea)=\nEen alinea.\n\n:::{kaart-uittreksel} alinea\n:vorm: kolommen\n:::\n", 6,
         "WARNING: kaart-uittreksel: :vorm: kolommen vraagt om een tabel met een kopregel."),
        ("# P\n\n:::{kaart-uittreksel} x\n:vorm: tabel\n:::\n", 4,  # MyST words the start
         "WARNING: 'kaart-uittreksel': Invalid option value for 'vorm': tabel: 'tabel' is onbekend; "
         "kies uit geheel, stappen, kolommen"),
    ],
)
def test_mistakes_name_file_line_and_problem(tmp_path, page, line, message):
    warnings = build(tmp_path, page)
    assert f"pagina.md:{line}: {message}" in warnings, warnings


# --- The real site ----------------------------------------------------------------------------------


def test_the_sites_guide_shows_what_the_guideline_gives_for_each_age(site):
    guide = guide_of((site / "leeftijdswijzer.html").read_text(encoding="utf-8"))
    assert titles(guide) == EXPECTED_GUIDE


def test_the_sites_guide_quotes_the_ages_as_the_guideline_writes_them(site):
    guide = guide_of((site / "leeftijdswijzer.html").read_text(encoding="utf-8"))
    words = {entry[0]: entry[2].split(": ", 1)[-1] for kinds in guide.values()
             for entries in kinds.values() for entry in entries}
    text = {
        name: (site / name).read_text(encoding="utf-8")
        for name in ("thema-2/instrumenten.html", "thema-3/overwegingen.html")
    }
    # Shantala: the guideline gives two ranges; both are shown, in its words.
    assert words["Shantala Babymassage"] == "1,5 – 6 maand · zes weken tot negen maanden"
    assert words["Kortdurende video-hometraining (K-VHT)"] == "nul tot vier jaar oud"
    assert words["LSVG"] == "één jaar tot circa vijf jaar"
    for phrase in ("1,5 – 6 maand", "zes weken tot negen maanden", "nul tot vier jaar oud"):
        assert phrase in text["thema-3/overwegingen.html"]
    assert "één jaar tot circa vijf jaar" in text["thema-2/instrumenten.html"]
    # The phases carry the guideline's own first sentence.
    html = (site / "leeftijdswijzer.html").read_text(encoding="utf-8")
    assert ('<p class="jgz-leeftijd__zin">Omdat geboorte stressvol is, is huid-op-huidcontact tijdens de '
            "eerste uren daarna belangrijk om de baby te helpen om zich te reguleren.</p>") in html


def test_a_programme_that_continues_after_birth_is_listed_after_birth_too(site):
    """Stevig Ouderschap Prenataal starts "tijdens de zwangerschap (vanaf 16 weken)" and goes on:
    "Na de bevalling zijn zes tot tien huisbezoeken". A tag that ends at birth hid it at 0-1 year."""
    guide = guide_of((site / "leeftijdswijzer.html").read_text(encoding="utf-8"))
    entries = {band: {entry[0]: entry[2] for entry in kinds["interventie"]} for band, kinds in guide.items()}
    # Each age group shows the guideline's words for the part that falls in it.
    assert entries["zwangerschap"]["Stevig Ouderschap Prenataal"].endswith(": tijdens de zwangerschap (vanaf 16 weken)")
    assert entries["0-1-jaar"]["Stevig Ouderschap Prenataal"].endswith(": Na de bevalling")
    assert "Stevig Ouderschap Prenataal" not in entries["1-2-jaar"]  # the text gives no end after birth


def test_an_item_without_age_limits_shows_no_limit_from_a_heading_above_it(site):
    """The carrying sling has "geen vooropgestelde leeftijdsgrenzen" and "geen maximum leeftijd";
    "voor kinderen tot 12 jaar" is the heading of the section it stands in, not its age."""
    guide = guide_of((site / "leeftijdswijzer.html").read_text(encoding="utf-8"))
    sling = {band: entry[2] for band, kinds in guide.items() for entry in kinds.get("interventie", [])
             if entry[0] == "Het gebruik van een draagdoek"}
    assert list(sling) == ["0-1-jaar", "1-2-jaar", "2-4-jaar", "4-12-jaar", "12-18-jaar"]
    assert all("tot 12 jaar" not in words and "geen vooropgestelde leeftijdsgrenzen" in words
               for words in sling.values()), sling


def test_the_tags_leave_the_guideline_pages_as_they_were(site):
    for name in ("thema-1/normale-ontwikkeling.html", "thema-2/aanbevelingen.html", "thema-2/overwegingen.html",
                 "thema-2/instrumenten.html", "thema-2/bespreken.html", "thema-3/overwegingen.html"):
        page = (site / name).read_text(encoding="utf-8")
        visible = re.sub(r"<[^>]+>", " ", page[page.index("<article"):page.index("</article>")])
        assert ":soort:" not in visible and "{leeftijd}" not in visible and "jgz-leeftijd" not in page, name
    box = (site / "thema-2/aanbevelingen.html").read_text(encoding="utf-8")
    assert '<p class="rubric" id="leeftijd-vanaf-12-jaar">Vanaf 12 jaar</p>' in box
