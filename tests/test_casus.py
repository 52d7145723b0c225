"""The ``casus`` directive: validation messages, the page in HTML and text, and the site's cases
(every age group, every quote really in the guideline, every option citing its sources)."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from sphinx.testing.util import SphinxTestApp

from conftest import ROOT, warnings_of
from jgz import scoreformulier as sf

CASES_DIR = ROOT / "content" / "oefenen"
SITE_CASES = sorted(CASES_DIR.glob("_data/casus-*.yaml"))
# The age groups of the issue; each must have at least one case (matched in 'leeftijd').
AGE_GROUPS = ("zwangerschap", "baby", "dreumes", "peuter", "basisschoolkind", "adolescent")
FORMS_DIR = ROOT / "content" / "hulpmiddelen" / "_data"
# Every link from a case to a form, (case, question, option) -> (form, the texts of the items it
# opens ticked).  Only what the case itself says, read there by a person: each tick quotes the
# case in a comment beside it in the YAML.  Written out as text so that an item that gets another
# (generated) id, and would silently tick something else, fails the test.
SITE_FORM_PRESETS = {
    ("adoptie", "troost", "A"): ("signalen-tabel-2-1", [
        # "geen troost bij hen zoekt als hij zich bezeerd heeft"
        "het kind zoekt bij stress geen toenadering bij de ouder of het zoekt wel toenadering bij de ouder, "
        "maar kalmeert niet",
    ]),
    ("huilen", "verwijzen", "B"): ("verwijscriteria", [
        # "huilt de baby nog steeds veel"; "De moeder is uitgeput en onzeker en blijft zich zorgen maken"
        "er is sprake van één of meerdere aanhoudende problemen op het gebied van gedragsregulatie zoals "
        "huilen, eten, slapen",
        "er is bij de ouders sprake is van aanhoudende ongerustheid en/of overbelasting (bijvoorbeeld: "
        "uitputting, onzekerheid, gevoel van falen, prikkelbaarheid of ontkenning van de problemen)",
    ]),
    ("lvb", "factoren", "A"): ("factoren-tabel-2-2", [
        "Licht verstandelijke beperking (LVB) of leerstoornis",  # "Een vader met een licht verstandelijke beperking"
        "Sociale steun vanuit sociaal netwerk en familie",  # "De grootouders ... helpen het gezin veel"
    ]),
    ("prematuur", "factoren", "A"): ("factoren-tabel-2-2", [
        # "ze een postpartum depressie heeft"
        "Psychische/psychiatrische klachten , zoals (postpartum) depressie, angst, of eetstoornissen",
        "Te vroeg geboren",  # "is te vroeg geboren"
    ]),
    ("scheiding", "scheiding", "A"): ("factoren-tabel-2-2", [
        "Conflicten in het gezin, problematische scheiding",  # "gescheiden, met veel conflicten"
    ]),
    ("zwangerschap", "factoren", "A"): ("factoren-tabel-2-2", [
        "Ongewenste of ongeplande zwangerschap",  # "De zwangerschap was niet gepland"
        "Tienermoeder",  # "De vrouw is een tienermoeder"
        "Weinig sociale steun",  # "weinig steun heeft van familie of vrienden"
    ]),
    # The case describes none of the four criteria: the form opens empty.
    ("zwangerschap", "vervolgstap", "C"): ("verwijscriteria", []),
}


def build(tmp_path_factory, root: str, builder: str = "html") -> tuple[Path, Path, str]:
    """Build a copy of a test root: (source folder, output folder, warnings without colour)."""
    source = tmp_path_factory.mktemp(root) / "src"
    shutil.copytree(ROOT / "tests" / "roots" / f"test-{root}", source)
    app = SphinxTestApp(builder, srcdir=source)
    try:
        app.build()
        return source, Path(app.outdir), warnings_of(app)
    finally:
        app.cleanup()  # before other tests build: Sphinx registers directives globally


# --------------------------------------------------------------------------------------------
# Validation: one build of a root with one mistake per page

PREFIX = "WARNING: casus: "
# (file in the root, line, message): every problem the build must report, and nothing else.
EXPECTED_PROBLEMS = [
    ("fouten/_data/yaml-syntax.yaml", 3,
     PREFIX + "de YAML is niet geldig (mapping values are not allowed here); controleer inspringing, "
     "dubbele punten en aanhalingstekens op deze regel of de regel erboven."),
    ("fouten/_data/dubbele-sleutel.yaml", 13,
     PREFIX + "de sleutel 'juist' staat twee keer in dezelfde groep (eerder op regel 12); verwacht: elke "
     "sleutel één keer."),
    ("fouten/_data/onbekende-sleutel.yaml", 18,
     PREFIX + "optie B van vraag 'vraag': onbekende sleutel 'feedbak'; verwacht: bronnen, feedback, "
     "hulpmiddel, juist, tekst."),
    ("fouten/_data/onbekende-sleutel.yaml", 16, PREFIX + "optie B van vraag 'vraag': de sleutel 'feedback' ontbreekt; verwacht: de "
     "toelichting als tekst (MyST-opmaak mag) of een lijst met alinea's."),
    ("fouten/_data/zonder-bronnen.yaml", 1, PREFIX + "de sleutel 'bronnen' ontbreekt; verwacht: waar de "
     "richtlijn deze situatie beschrijft: minstens één bron: 'aanbeveling-2-7', 'Tekst <label>' of 'Tekst </map/pagina>'."),
    ("fouten/_data/ongeldig-id.yaml", 1,
     PREFIX + "id 'Mijn Casus' is ongeldig; verwacht: kleine letters, cijfers en streepjes (een streepje alleen "
     "tussen letters of cijfers), bijvoorbeeld 'meer-onveilig'."),
    ("fouten/_data/een-optie.yaml", 10, PREFIX + "vraag 'vraag': heeft 1 optie onder 'opties'; verwacht: minstens 2."),
    ("fouten/_data/dubbele-vraag.yaml", 21,
     PREFIX + "id 'vraag' komt twee keer voor (eerder op regel 8); verwacht: per vraag een eigen id."),
    ("fouten/_data/geen-juiste.yaml", 8,
     PREFIX + "vraag 'vraag': geen enkele optie heeft 'juist: ja'; verwacht: minstens één juiste optie."),
    ("fouten/_data/juist-misschien.yaml", 17,
     PREFIX + "optie B van vraag 'vraag': juist 'misschien' is ongeldig; verwacht: één van ja, nee."),
    ("fouten/_data/optie-zonder-bron.yaml", 16, PREFIX + "optie B van vraag 'vraag': de sleutel 'bronnen' ontbreekt; "
     "verwacht: minstens één bron: 'aanbeveling-2-7', 'Tekst <label>' of 'Tekst </map/pagina>'."),
    ("fouten/_data/bron-zonder-tekst.yaml", 20,
     PREFIX + "optie B van vraag 'vraag': bron 'tabel-1' heeft geen zichtbare tekst; verwacht: "
     "'Tekst <tabel-1>' (alleen 'aanbeveling-2-7' mag zonder tekst; een pagina als 'Tekst </map/pagina>')."),
    ("fouten/_data/zonder-aanbeveling.yaml", 8,
     PREFIX + "vraag 'vraag': geen enkele bron bij de opties is een aanbeveling; verwacht: minstens één "
     "bron als 'aanbeveling-2-7'."),
    ("fouten/_data/boom-en-formulier.yaml", 21,
     PREFIX + "optie B van vraag 'vraag': hulpmiddel: geef óf 'beslisboom' (met 'pad') óf 'formulier'; "
     "verwacht: één van beide."),
    ("fouten/_data/formulier-met-pad.yaml", 23,
     PREFIX + "optie B van vraag 'vraag': hulpmiddel: een formulier heeft geen 'pad'; verwacht: de antwoorden "
     "waarmee het opent onder 'antwoorden'."),
    # A form's preset: its shape is checked while reading, its items once every page is read.
    ("fouten/_data/antwoorden-bij-boom.yaml", 23,
     PREFIX + "optie B van vraag 'vraag': hulpmiddel: 'antwoorden' hoort bij een formulier; verwacht: bij "
     "een beslisboom de antwoorden onder 'pad'."),
    ("fouten/_data/antwoorden-geen-lijst.yaml", 23,
     PREFIX + "optie B van vraag 'vraag': hulpmiddel: 'antwoorden' moet een lijst (regels die met '- ' beginnen) zijn; verwacht: onder elkaar "
     "'- <id>' voor elk item dat aangevinkt is en '- <id>: <antwoord>' voor elke vraag met een gekozen antwoord."),
    ("fouten/_data/ongeldig-antwoord.yaml", 24,
     PREFIX + "optie B van vraag 'vraag': hulpmiddel: antwoord 'Het Eerste' is ongeldig; verwacht: onder elkaar "
     "'- <id>' voor elk item dat aangevinkt is en '- <id>: <antwoord>' voor elke vraag met een gekozen antwoord."),
    ("fouten/_data/dubbel-antwoord.yaml", 25,
     PREFIX + "optie B van vraag 'vraag': hulpmiddel: item 'g-1' staat twee keer onder 'antwoorden' (eerder op "
     "regel 24); verwacht: elk item één keer."),
    ("fouten/_data/leeg.yaml", 1,
     PREFIX + "de casus is leeg; verwacht: id, titel, leeftijd, situatie, bronnen en vragen."),
    # A case in the page's own text: the line counts in the page.
    ("fouten/in-de-tekst.md", 22, PREFIX + "optie B van vraag 'vraag': juist 'nooit' is ongeldig; verwacht: één van ja, nee."),
    ("fouten/dubbel-2.md", 3,
     PREFIX + "id 'dubbel' wordt al gebruikt door de casus in fouten/dubbel-1.md (regel 3); verwacht: elke "
     "casus op de site een eigen id."),
    # Links to the tools, checked once every page is read.
    ("fouten/_data/onbekende-boom.yaml", 21,
     "WARNING: casus: optie B van vraag 'vraag' (casus 'onbekende-boom'): beslisboom 'bestaat-niet' bestaat niet; "
     "verwacht: één van boom."),
    ("fouten/_data/pad-past-niet.yaml", 21,
     "WARNING: casus: optie B van vraag 'vraag' (casus 'pad-past-niet'): beslisboom 'boom': vraag 'eerste' heeft geen "
     "antwoord 'misschien'; verwacht: één van ja, nee."),
    ("fouten/_data/pad-na-uitkomst.yaml", 21,
     "WARNING: casus: optie B van vraag 'vraag' (casus 'pad-na-uitkomst'): beslisboom 'boom': het pad gaat verder na "
     "de uitkomst 'klaar'; verwacht: een pad dat daar stopt."),
    ("fouten/_data/onbekend-formulier.yaml", 21,
     "WARNING: casus: optie B van vraag 'vraag' (casus 'onbekend-formulier'): formulier 'bestaat-niet' bestaat niet; "
     "verwacht: één van lijst, punten."),
    # Each answer of a preset is reported at its own line.
    ("fouten/_data/onbekend-item.yaml", 25,
     "WARNING: casus: optie B van vraag 'vraag' (casus 'onbekend-item'): formulier 'lijst' heeft geen item 'g-9'; "
     "verwacht: één van g-1, g-2."),
    ("fouten/_data/verkeerd-antwoord.yaml", 24,
     "WARNING: casus: optie B van vraag 'vraag' (casus 'verkeerd-antwoord'): formulier 'punten': item 'eerste' heeft geen "
     "antwoord 'Misschien'; verwacht: één van Nee, Ja."),
    ("fouten/_data/vraag-zonder-antwoord.yaml", 24,
     "WARNING: casus: optie B van vraag 'vraag' (casus 'vraag-zonder-antwoord'): formulier 'punten': item 'eerste' is een "
     "vraag zonder gekozen antwoord; verwacht: 'eerste: <antwoord>', met als antwoord één van Nee, Ja."),
    ("fouten/_data/vinkje-met-antwoord.yaml", 24,
     "WARNING: casus: optie B van vraag 'vraag' (casus 'vinkje-met-antwoord'): formulier 'lijst': item 'g-1' is een item om "
     "aan te vinken en heeft geen antwoord; verwacht: alleen '- g-1' onder 'antwoorden'."),
    # A reference in a feedback text is a real one: a missing label fails at the line of the YAML.
    ("fouten/_data/onbekend-label.yaml", 18, "WARNING: undefined label: 'tabel-9'"),
    ("fouten/beide.md", 3,
     "ERROR: casus: geef de casus óf als bestand (argument) óf in de tekst van de directive, niet allebei."),
    ("fouten/zonder.md", 3,
     "ERROR: casus: geen casus gevonden; verwacht: een YAML-bestand als argument of de YAML in de tekst "
     "van de directive."),
    ("fouten/ontbreekt.md", 3,
     "ERROR: casus: het bestand '_data/bestaat-niet.yaml' bestaat niet; verwacht: een YAML-bestand naast "
     "de pagina, bijvoorbeeld _data/casus-x.yaml."),
]


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    source, out, warnings = build(tmp_path_factory, "casus-fouten")
    # Without the warning type (" [jgz.casus]") at the end of each line.
    return source, out, re.sub(r" \[[a-z.]+\]$", "", warnings, flags=re.M)


@pytest.mark.parametrize(
    ("path", "line", "message"), EXPECTED_PROBLEMS,
    ids=[f"{p.split('/')[-1]}:{n}" for p, n, _ in EXPECTED_PROBLEMS],
)
def test_each_mistake_is_reported_with_file_line_and_explanation(mistakes, path, line, message):
    source, _, warnings = mistakes
    assert f"{source / path}:{line}: {message}" in warnings.splitlines()


def test_no_other_problem_is_reported(mistakes):
    _, _, warnings = mistakes
    assert len(warnings.splitlines()) == len(EXPECTED_PROBLEMS), warnings


def test_a_broken_case_is_not_rendered_but_says_so(mistakes):
    _, out, _ = mistakes
    page = (out / "fouten" / "geen-juiste.html").read_text(encoding="utf-8")
    assert "data-jgz-casus" not in page
    assert "Deze casus bevat fouten; zie de meldingen van de build." in page


# --------------------------------------------------------------------------------------------
# A valid root in HTML and text


@pytest.fixture(scope="module")
def case_html(tmp_path_factory):
    _, out, warnings = build(tmp_path_factory, "casus")
    assert warnings == ""
    return out


def test_html_has_the_training_box_the_situation_and_its_sources(case_html):
    page = (case_html / "oefenen" / "casus.html").read_text(encoding="utf-8")
    assert '<div class="jgz-casus" data-jgz-casus="" id="casus-test">' in page
    assert ('<p class="jgz-casus__oefenen" role="note"><strong>Oefenmateriaal:</strong> deze casus is geen '
            "onderdeel van de richtlijn.") in page
    assert '<p class="jgz-casus__leeftijd"><strong>Leeftijd:</strong> baby van zes weken</p>' in page
    assert "<p>De baby huilt <strong>veel</strong>.</p>" in page
    assert ('<strong>Waar de richtlijn dit beschrijft:</strong> <a class="reference internal" '
            'href="../aanbevelingen.html#aanbeveling-2-1"><span class="std std-ref">Aanbeveling 2.1</span></a>') in page
    # The buttons need the script: hidden until it runs.
    assert page.count("data-knoppen hidden>") == 2


def test_each_question_is_a_fieldset_with_radio_buttons_and_a_status_region(case_html):
    page = (case_html / "oefenen" / "casus.html").read_text(encoding="utf-8")
    assert '<form autocomplete="off" class="jgz-casus__vragen">' in page
    assert ('<fieldset class="jgz-casus__vraag" id="casus-test-eerste">\n<legend><span class="jgz-casus__nummer">'
            "Vraag 1.</span> Wat doet u eerst?</legend>") in page
    assert ('<label class="jgz-casus__optie"><input type="radio" name="casus-test:eerste" value="B" '
            'data-toelichting="casus-test-eerste-b"><span><span class="jgz-casus__letter">B.</span> Iets anders'
            "</span></label>") in page
    assert page.count('role="status" data-feedback>') == 2
    # Every option points at its feedback in the answer key.
    for target in re.findall(r'data-toelichting="([^"]+)"', page):
        assert f'id="{target}"' in page


def test_the_answer_key_has_the_verdict_feedback_sources_and_tool_links(case_html):
    page = (case_html / "oefenen" / "casus.html").read_text(encoding="utf-8")
    key = page[page.index('<details class="jgz-casus__antwoordblad">'):page.index("</details>")]
    assert "<summary>Antwoordblad: de toelichting bij elk antwoord</summary>" in key
    assert '<h2 class="jgz-casus__antwoordblad-kop">Antwoordblad: Een testcasus</h2>' in key
    assert "<h3>Vraag 2. En dan?</h3>" in key
    assert ('<li class="jgz-casus__antwoord jgz-casus__antwoord--niet-juist" data-juist="nee" '
            'id="casus-test-eerste-b">\n<p class="jgz-casus__oordeel"><span class="jgz-casus__letter">B.</span> Iets '
            "anders — <strong>Niet juist.</strong></p><p>Niet goed.</p>") in key
    # Feedback and sources are real cross-references, also to a whole page.
    assert '<a class="reference internal" href="../aanbevelingen.html#tabel-1"><span class="std std-ref">Tabel 1</span></a>' in key
    assert '<a class="reference internal" href="../aanbevelingen.html"><span class="doc">De aanbevelingen</span></a>' in key
    # A tree opens pre-set to the case's answers; a tree without a path at its start.
    # (the path follows the anchor once the script runs; without it the link lands on the tree)
    assert ('<a class="reference internal" href="../hulpmiddelen/boom.html#beslisboom-boom" data-ingevuld="ja/nee">'
            "Open de beslisboom ‘De boom’</a> met deze antwoorden: Ja, zeker → Nee, niet") in key
    assert '<a class="reference internal" href="../hulpmiddelen/boom.html#beslisboom-boom">Open de beslisboom ‘De boom’</a></p>' in key
    # A form opens with the case's answers: the ids of ticked items (a generated id here).
    assert ('<a class="reference internal" href="../hulpmiddelen/formulier.html#formulier-telling" '
            'data-ingevuld="g-2">Open het formulier ‘Telling’</a> met deze antwoorden: Twee</p>') in key


def test_a_form_link_names_its_answers_or_says_the_form_opens_empty(case_html):
    page = (case_html / "oefenen" / "kort.html").read_text(encoding="utf-8")
    # A question's answer is its number from 1 ("Soms" is the second); a box is its id alone.
    assert ('<a class="reference internal" href="../hulpmiddelen/formulier.html#formulier-punten" '
            'data-ingevuld="eerste=2/extra-1">Open het formulier ‘Punten’</a> met deze antwoorden: '
            "De eerste vraag: Soms; Een vinkje</p>") in page
    # Both forms stand on one page: each link names its own form, not the page.
    assert ('<a class="reference internal" href="../hulpmiddelen/formulier.html#formulier-telling">Open het '
            "formulier ‘Telling’</a> (het formulier opent leeg; de casus vult het niet in)</p>") in page


def test_script_and_stylesheet_only_on_pages_with_a_case(case_html):
    page = (case_html / "oefenen" / "kort.html").read_text(encoding="utf-8")
    assert "_static/jgz-casus.js" in page and "_static/jgz-casus.css" in page
    other = (case_html / "aanbevelingen.html").read_text(encoding="utf-8")
    assert "jgz-casus" not in other


def test_text_builder_prints_the_case_then_the_answer_key(tmp_path_factory):
    _, out, warnings = build(tmp_path_factory, "casus", builder="text")
    assert warnings == ""
    text = (out / "oefenen" / "casus.txt").read_text(encoding="utf-8")
    expected_order = [
        "**Oefencasus: Een testcasus** (baby van zes weken). Oefenmateriaal:",
        "**Situatie**", "De baby huilt **veel**.", "**Waar de richtlijn dit beschrijft:** Aanbeveling 2.1, Tabel 1",
        "**Vragen**", "**Vraag 1.** Wat doet u eerst?", "Kies één antwoord.", "* [ ] A. Iets goeds",
        "* [ ] B. Iets anders", "**Antwoordblad: Een testcasus**", "* **A. Iets goeds — Juist.**",
        "Op de website: de beslisboom ‘De boom’ met deze antwoorden: Ja,", "* **B. Iets anders — Niet juist.**",
        "Op de website: het formulier ‘Telling’ met deze antwoorden:",
    ]
    positions = [text.index(part) for part in expected_order]
    assert positions == sorted(positions)
    assert "met deze antwoorden: Twee." in " ".join(text.split())
    short = " ".join((out / "oefenen" / "kort.txt").read_text(encoding="utf-8").split())
    assert "Op de website: het formulier ‘Punten’ met deze antwoorden: De eerste vraag: Soms; Een vinkje." in short
    assert "Op de website: het formulier ‘Telling’ (het formulier opent leeg; de casus vult het niet in)." in short


# --------------------------------------------------------------------------------------------
# The cases of the site


def load_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def case_texts(case: dict) -> list[str]:
    """Every text of a case that may quote the guideline, as one line each."""
    texts = list(_as_list(case["situatie"]))
    for question in case["vragen"]:
        texts += _as_list(question.get("toelichting", []))
        for option in question["opties"]:
            texts += _as_list(option["feedback"])
    return [" ".join(text.split()) for text in texts]


def _as_list(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def guideline_text(site: Path) -> str:
    """The visible text of the guideline's own pages (not the cases, not the maintainers' pages)."""
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.depth = 0

        def handle_starttag(self, tag, attrs):
            if tag == "article" or self.depth:
                self.depth += 1

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth:
                self.parts.append(data)

    parts = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        if relative.startswith(("oefenen/", "over/", "_static/", "search", "genindex", "404")):
            continue
        parser = Text()
        parser.feed(page.read_text(encoding="utf-8"))
        parts.append("".join(parser.parts))
    return " ".join(" ".join(parts).split())


def test_there_are_cases_for_every_age_group():
    ages = [load_case(path)["leeftijd"] for path in SITE_CASES]
    assert len(SITE_CASES) >= 6
    for group in AGE_GROUPS:
        assert any(group in age for age in ages), f"geen casus voor de leeftijd '{group}'"


def test_every_case_is_a_page_listed_on_the_overview(site):
    overview = (site / "oefenen" / "index.html").read_text(encoding="utf-8")
    for path in SITE_CASES:
        case = load_case(path)
        pages = [page for page in CASES_DIR.glob("*.md") if f"_data/{path.name}" in page.read_text(encoding="utf-8")]
        assert len(pages) == 1, path.name
        assert f'href="{pages[0].stem}.html"' in overview
        built = (site / "oefenen" / f"{pages[0].stem}.html").read_text(encoding="utf-8")
        assert f'id="casus-{case["id"]}"' in built
        assert "<strong>Oefenmateriaal:</strong> deze casus is geen onderdeel van de richtlijn." in built


def test_every_quote_in_a_case_is_the_guidelines_own_words(site):
    """Text between “ and ” is a quotation: each part (… marks an omission) is in the guideline."""
    source = guideline_text(site)
    missing = []
    count = 0
    for path in SITE_CASES:
        for text in case_texts(load_case(path)):
            for quote in re.findall(r"“(.+?)”", text):
                for part in (part.strip(" .,;:") for part in quote.split("…")):
                    count += 1
                    if part and part not in source:
                        missing.append(f"{path.name}: “{part}”")
    assert count >= 100
    assert missing == [], "\n".join(missing)


def test_every_option_cites_sources_and_every_question_a_recommendation(site):
    for path in SITE_CASES:
        case = load_case(path)
        page = next(p for p in CASES_DIR.glob("*.md") if f"_data/{path.name}" in p.read_text(encoding="utf-8"))
        built = (site / "oefenen" / f"{page.stem}.html").read_text(encoding="utf-8")
        assert len(case["vragen"]) >= 3, path.name
        for question in case["vragen"]:
            assert any(option["juist"] == "ja" for option in question["opties"])
            for letter, option in zip("abcdefghij", question["opties"]):
                anchor = f'id="casus-{case["id"]}-{question["id"]}-{letter}"'
                item = built[built.index(anchor):]
                item = item[: item.index("</li>")]
                sources = item[item.index("<strong>Bron:</strong>"):]
                sources = sources[: sources.index("</p>")]
                links = re.findall(r'<a class="reference internal" href="([^"]+)"', sources)
                assert len(links) == len(option["bronnen"]) >= 1, (path.name, question["id"], letter)
            key = built[built.index(f'id="casus-{case["id"]}-{question["id"]}-a"'):]
            key = key[: key.index("</section>")]
            assert re.search(r'href="\.\./thema-\d/aanbevelingen\.html#aanbeveling-\d-\d+"', key), question["id"]


def site_form_items(form_id: str) -> dict[str, dict]:
    """The items of a form of the site by id, as the build makes them (generated ids included)."""
    text = (FORMS_DIR / f"formulier-{form_id}.yaml").read_text(encoding="utf-8")
    return {item["id"]: item for item in sf.validate(sf.load_yaml(text), sf.Checker())["items"]}


def site_form_links() -> dict[tuple[str, str, str], tuple[str, list]]:
    """(case, question, option letter) -> (form, its 'antwoorden') for every link to a form."""
    links = {}
    for path in SITE_CASES:
        case = load_case(path)
        for question in case["vragen"]:
            for letter, option in zip("ABCDEFGHIJ", question["opties"]):
                tool = option.get("hulpmiddel", {})
                if "formulier" in tool:
                    links[(case["id"], question["id"], letter)] = (tool["formulier"], tool.get("antwoorden", []))
    return links


def test_every_form_link_of_a_case_ticks_only_what_the_case_says():
    links = site_form_links()
    assert set(links) == set(SITE_FORM_PRESETS)
    for key, (form_id, answers) in links.items():
        expected_form, expected_texts = SITE_FORM_PRESETS[key]
        items = site_form_items(form_id)
        # The site's cases link to checklists only: each answer is the id of an item to tick.
        assert all(isinstance(answer, str) and items[answer]["opties"] == [] for answer in answers), key
        assert (form_id, [items[answer]["tekst"] for answer in answers]) == (expected_form, expected_texts), key


def test_every_tool_link_lands_on_the_tree_or_form_it_names(site):
    found = 0
    for page in sorted((site / "oefenen").glob("*.html")):
        built = page.read_text(encoding="utf-8")
        for href in re.findall(r'<p class="jgz-casus__hulpmiddel"><a class="reference internal" href="([^"]+)"', built):
            found += 1
            target, _, anchor = href.partition("#")
            assert f'id="{anchor}"' in (page.parent / target).resolve().read_text(encoding="utf-8"), href
    assert found >= 10
