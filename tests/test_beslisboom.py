"""The ``beslisboom`` directive: validation messages, the list form in every builder, the exports."""

import csv
import json
import re
import shutil

import pytest
import yaml
from sphinx.testing.util import SphinxTestApp

from conftest import ROOT, build_small_project, site_widgets, warnings_of

SITE_TREES = {tree_id: tree.data for tree_id, tree in site_widgets("beslisboom").items()}
SCRIPT = ROOT / "_ext" / "jgz" / "static" / "jgz-beslisboom.js"


def paths_of(data: dict) -> list[tuple[list[tuple[str, str]], str]]:
    """Every complete path of a tree, straight from its YAML (independent of the extension)."""
    questions = {question["id"]: question for question in data["vragen"]}
    found = []

    def walk(node_id, steps):
        if node_id not in questions:
            found.append((steps, node_id))
            return
        for answer in questions[node_id]["antwoorden"]:
            walk(answer["naar"], [*steps, (node_id, answer["id"])])

    walk(data["start"], [])
    return found


# --------------------------------------------------------------------------------------------
# Validation: one build of a root with one mistake per page

# (file in the root, line, message): every problem the build must report, and nothing else.
EXPECTED_PROBLEMS = [
    ("fouten/_data/yaml-syntax.yaml", 9,
     "WARNING: beslisboom: de YAML is niet geldig (mapping values are not allowed here); controleer "
     "inspringing, dubbele punten en aanhalingstekens op deze regel of de regel erboven."),
    ("fouten/_data/dubbele-sleutel.yaml", 10,
     "WARNING: beslisboom: de sleutel 'tekst' staat twee keer in dezelfde groep (eerder op regel 9); "
     "verwacht: elke sleutel één keer."),
    ("fouten/_data/onbekend-doel.yaml", 13,
     "WARNING: beslisboom: antwoord 'nee' van vraag 'vraag' leidt nergens heen: 'elders' bestaat niet; "
     "verwacht: één van vraag, klaar."),
    ("fouten/_data/dubbel-id.yaml", 22,
     "WARNING: beslisboom: id 'klaar' komt twee keer voor (eerder op regel 15); verwacht: per vraag en "
     "uitkomst een eigen id."),
    ("fouten/_data/dubbel-antwoord.yaml", 11,
     "WARNING: beslisboom: vraag 'vraag': id 'ja' komt twee keer voor (eerder op regel 8); verwacht: "
     "per antwoord een eigen id."),
    ("fouten/_data/nergens-heen.yaml", 11,
     "WARNING: beslisboom: antwoord 'nee' van vraag 'vraag': de sleutel 'naar' ontbreekt; verwacht: het "
     "id van de vraag of uitkomst waar dit antwoord heen leidt."),
    ("fouten/_data/onbereikbaar.yaml", 22,
     "WARNING: beslisboom: uitkomst 'vergeten' is onbereikbaar: geen antwoord leidt erheen vanaf start "
     "'vraag'; verwacht: een antwoord met 'naar: vergeten', of verwijder de uitkomst."),
    ("fouten/_data/kringloop.yaml", 19,
     "WARNING: beslisboom: antwoord 'terug' van vraag 'tweede' gaat terug naar 'vraag': de beslisboom "
     "draait dan rond (vraag → tweede → vraag); verwacht: elke route eindigt in een uitkomst."),
    ("fouten/_data/zonder-bron.yaml", 15,
     "WARNING: beslisboom: uitkomst 'klaar': de sleutel 'bronnen' ontbreekt; verwacht: de aanbeveling(en) "
     "of tabel(len) waarop het advies rust, bijvoorbeeld 'aanbeveling-2-7'."),
    ("fouten/_data/lege-tekst.yaml", 6,
     "WARNING: beslisboom: vraag 'vraag': 'vraag' is leeg; verwacht: de vraag als gewone tekst."),
    ("fouten/_data/onbekende-sleutel.yaml", 9,
     "WARNING: beslisboom: antwoord 'ja' van vraag 'vraag': onbekende sleutel 'tekts'; verwacht: "
     "bronnen, id, naar, tekst, toelichting."),
    ("fouten/_data/onbekende-sleutel.yaml", 8,
     "WARNING: beslisboom: antwoord 'ja' van vraag 'vraag': de sleutel 'tekst' ontbreekt; verwacht: het "
     "antwoord als gewone tekst (de tekst van de knop)."),
    ("fouten/_data/ongeldig-id.yaml", 1,
     "WARNING: beslisboom: id 'Mijn Boom' is ongeldig; verwacht: kleine letters, cijfers en streepjes "
     "(een streepje alleen tussen letters of cijfers), bijvoorbeeld 'meer-onveilig'."),
    ("fouten/_data/start-onbekend.yaml", 3,
     "WARNING: beslisboom: start 'begin' bestaat niet; verwacht: het id van een vraag (vraag)."),
    ("fouten/_data/een-antwoord.yaml", 7,
     "WARNING: beslisboom: vraag 'vraag': heeft 1 antwoord onder 'antwoorden'; verwacht: minstens 2."),
    ("fouten/_data/bron-zonder-tekst.yaml", 21,
     "WARNING: beslisboom: uitkomst 'klaar': bron 'tabel-2-1' heeft geen zichtbare tekst; verwacht: "
     "'Tekst <tabel-2-1>' (alleen 'aanbeveling-2-7' mag zonder tekst; een pagina als 'Tekst </map/pagina>')."),
    # A tree in the page's own text: the line counts in the page.
    ("fouten/in-de-tekst.md", 15,
     "WARNING: beslisboom: antwoord 'ja' van vraag 'vraag' leidt nergens heen: 'nergens' bestaat niet; "
     "verwacht: één van vraag, klaar."),
    # The widget's anchor clashes with a label on the page (the line of the label's heading).
    ("fouten/botsend-anker.md", 4,
     "WARNING: beslisboom: het anker '#beslisboom-botsend-anker' van beslisboom 'botsend-anker' staat al "
     "op deze pagina (een label of kop); verwacht: een ander label, of een ander id voor de boom."),
    ("fouten/beide.md", 3,
     "ERROR: beslisboom: geef de beslisboom óf als bestand (argument) óf in de tekst van de directive, niet "
     "allebei."),
    ("fouten/onbekend-label.md", 3,
     "WARNING: beslisboom: id 'onbekend-label' wordt al gebruikt door de beslisboom in "
     "fouten/dubbele-boom.md (regel 3); verwacht: elke beslisboom op de site een eigen id."),
]


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory, rootdir):
    """One build of the root with mistakes: (source folder, warnings)."""
    source = tmp_path_factory.mktemp("beslisboom-fouten") / "src"
    shutil.copytree(rootdir / "test-beslisboom-fouten", source)
    app = SphinxTestApp("html", srcdir=source)
    try:
        app.build()
        warnings = warnings_of(app)
    finally:
        app.cleanup()  # before other tests build: Sphinx registers directives globally
    # Without the warning type (" [jgz.beslisboom]") at the end of each line.
    return source, re.sub(r" \[[a-z.]+\]$", "", warnings, flags=re.M)


@pytest.mark.parametrize(
    ("path", "line", "message"), EXPECTED_PROBLEMS, ids=[f"{p.split('/')[-1]}:{n}" for p, n, _ in EXPECTED_PROBLEMS]
)
def test_each_mistake_is_reported_with_file_line_and_explanation(mistakes, path, line, message):
    source, warnings = mistakes
    assert f"{source / path}:{line}: {message}" in warnings.splitlines()


def test_no_other_problem_is_reported_and_none_is_missing(mistakes):
    source, warnings = mistakes
    missing_file = [line for line in warnings.splitlines() if "bestaat-niet.yaml" in line]
    reported = [line for line in warnings.splitlines() if ": beslisboom: " in line and line not in missing_file]
    assert len(reported) == len(EXPECTED_PROBLEMS), "\n".join(reported)
    assert missing_file == [
        f"{source / 'fouten/ontbrekend-bestand.md'}:3: ERROR: beslisboom: het bestand "
        "'_data/bestaat-niet.yaml' bestaat niet; "
        "verwacht: een YAML-bestand naast de pagina, bijvoorbeeld _data/beslisboom-x.yaml."
    ]


def test_a_missing_label_breaks_the_build_at_the_line_of_the_source(mistakes):
    source, warnings = mistakes
    assert f"{source / 'fouten/_data/onbekend-label.yaml'}:21: WARNING: undefined label: 'bestaat-niet'" in warnings.splitlines()


def test_a_broken_tree_is_not_rendered_but_says_so(mistakes):
    source, _ = mistakes
    html = (source / "_build" / "html" / "fouten" / "kringloop.html").read_text(encoding="utf-8")
    assert "jgz-beslisboom" not in html
    assert "Deze beslisboom bevat fouten; zie de meldingen van de build." in html


# --------------------------------------------------------------------------------------------
# A valid root in HTML, text and LaTeX

@pytest.mark.sphinx("html", testroot="beslisboom")
def test_html_has_the_whole_tree_as_lists_with_data_for_the_script(app):
    app.build()
    assert warnings_of(app) == ""
    html = (app.outdir / "gids" / "boom.html").read_text(encoding="utf-8")
    assert '<div class="jgz-beslisboom" data-beslisboom="test" data-kopniveau="3" data-start="inschatting" id="beslisboom-test">' in html
    # The interactive part is hidden until the script shows it; the list form is open.
    assert '<div class="jgz-beslisboom__app" hidden>' in html
    assert '<details class="jgz-beslisboom__lijst" open="">' in html
    assert '<div class="jgz-beslisboom__resultaat" role="status"></div>' in html
    assert re.search(
        r'<li class="jgz-beslisboom__antwoord" data-antwoord="zorgen" data-naar="criteria"><p>'
        r'<span class="jgz-beslisboom__tekst">Er zijn zorgen</span> – verder bij '
        r'<a class="reference internal" href="#beslisboom-test-criteria">vraag 2</a></p>', html)
    assert 'data-vraag="criteria" id="beslisboom-test-criteria"' in html
    assert 'data-uitkomst="verwijzen" id="beslisboom-test-verwijzen"' in html
    # Sources are resolved cross-references, also to a whole page; MyST markup in texts works.
    assert '<a class="reference internal" href="../aanbevelingen.html#aanbeveling-2-2"><span class="std std-ref">Aanbeveling 2.2</span></a>' in html
    assert '<a class="reference internal" href="../aanbevelingen.html"><span class="doc">De pagina</span></a>' in html
    assert '<a class="reference internal" href="../aanbevelingen.html#tabel-test"><span class="std std-ref">de tabel</span></a> voor <em>handvatten</em>' in html
    # An outcome without 'dossier' claims nothing about the dossier (no invented silence); every
    # outcome shows the guideline's own words it rests on, and a marked silence says so.
    outcome = html[html.index('data-uitkomst="verwijzen"'):]
    outcome = outcome[: outcome.index("</li>")]
    assert "In het dossier" not in outcome and "geen advies" not in outcome
    assert ('<div class="jgz-beslisboom__onderbouwing docutils container">\n<p><strong>Letterlijk in de '
            'richtlijn</strong></p>\n<p>“Plan zo nodig een extra contact in.”</p>') in outcome
    silent = html[html.index('data-uitkomst="stil"'):]
    assert "<strong>Waar de richtlijn zwijgt:</strong> Over deze situatie zegt de richtlijn niets." in silent
    assert 'href="../beslisbomen/test.json"' in html and 'href="../beslisbomen/test.csv"' in html
    # The widget's script and stylesheet are on this page only.
    assert "_static/jgz-beslisboom.js" in html and "_static/jgz-beslisboom.css" in html
    other = (app.outdir / "aanbevelingen.html").read_text(encoding="utf-8")
    assert "jgz-beslisboom" not in other


@pytest.mark.sphinx("html", testroot="beslisboom")
def test_json_and_decision_table_are_written(app):
    app.build()
    export = json.loads((app.outdir / "beslisbomen" / "test.json").read_text(encoding="utf-8"))
    assert export["pagina"] == "gids/boom.html#beslisboom-test"
    assert [q["id"] for q in export["vragen"]] == ["inschatting", "criteria"]
    assert export["vragen"][0]["toelichting"] == "Zie de tabel voor handvatten."
    assert export["vragen"][0]["antwoorden"][1]["toelichting"] == "Bijvoorbeeld weinig gedeeld plezier."
    assert export["uitkomsten"][0]["advies"] == "Breng de band ter sprake. tip een tip twee"
    assert export["uitkomsten"][0]["dossier"] == "Noteer niets bijzonders."
    assert export["uitkomsten"][1]["bronnen"] == [
        {"tekst": "Aanbeveling 2.2", "doel": "aanbeveling-2-2", "url": "aanbevelingen.html#aanbeveling-2-2"},
        {"tekst": "De pagina", "doel": "/aanbevelingen", "url": "aanbevelingen.html"},
    ]
    assert export["paden"] == [
        {"antwoorden": [{"vraag": "inschatting", "antwoord": "goed"}], "uitkomst": "goed"},
        {"antwoorden": [{"vraag": "inschatting", "antwoord": "zorgen"}, {"vraag": "criteria", "antwoord": "ja"}], "uitkomst": "verwijzen"},
        {"antwoorden": [{"vraag": "inschatting", "antwoord": "zorgen"}, {"vraag": "criteria", "antwoord": "nee"}], "uitkomst": "stil"},
    ]
    table = (app.outdir / "beslisbomen" / "test.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(table.splitlines(), delimiter=";"))
    assert rows[0] == ["pad", "antwoorden", "uitkomst", "modaliteit", "letterlijk in de richtlijn",
                       "bronnen", "links naar de bronnen"]
    assert rows[2] == [
        "2", "Hoe is de relatie? → Er zijn zorgen | Gelden twee of meer criteria? → Ja", "Verwijzen",
        "feit", "“Plan zo nodig een extra contact in.”",
        "Aanbeveling 2.2; De pagina", "aanbevelingen.html#aanbeveling-2-2 aanbevelingen.html",
    ]
    assert export["uitkomsten"][2]["zwijgt"] == "Over deze situatie zegt de richtlijn niets."
    assert export["uitkomsten"][1]["zwijgt"] is None
    assert len(rows) == 1 + 3


@pytest.mark.sphinx("html", testroot="beslisboom")
def test_the_yaml_file_is_a_dependency_of_its_page(app):
    app.build()
    assert any(str(dep).endswith("_data/beslisboom-test.yaml") for dep in app.env.dependencies["gids/boom"])


@pytest.mark.sphinx("text", testroot="beslisboom")
def test_text_builder_shows_the_tree_as_nested_lists(app):
    app.build()
    assert warnings_of(app) == ""
    text = (app.outdir / "gids" / "boom.txt").read_text(encoding="utf-8")
    assert "**Beslisboom: Testboom**" in text
    assert "* **Vraag 1.** Hoe is de relatie?" in text
    assert "  * Er zijn zorgen – verder bij vraag 2" in text
    assert "    Bijvoorbeeld weinig gedeeld plezier." in text
    assert "* **Uitkomst:** Verwijzen" in text
    assert "  **Gebaseerd op:** Aanbeveling 2.2, De pagina" in text
    assert "JSON" not in text  # the download links are for the website only


@pytest.mark.sphinx("latex", testroot="beslisboom")
def test_latex_builder_links_answers_to_their_next_step(app):
    app.build()
    assert warnings_of(app) == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxstylestrong{Beslisboom: Testboom}" in tex
    assert r"\phantomsection\label{\detokenize{gids/boom:beslisboom-test-criteria}}" in tex
    assert r"verder bij {\hyperref[\detokenize{gids/boom:beslisboom-test-criteria}]{\sphinxcrossref{vraag 2}}}" in tex
    assert "→" not in tex


# --------------------------------------------------------------------------------------------
# The site's own trees

@pytest.mark.parametrize("tree_id", SITE_TREES)
def test_site_export_has_every_path_of_the_yaml(site, tree_id):
    data = yaml.safe_load((ROOT / SITE_TREES[tree_id]).read_text(encoding="utf-8"))
    export = json.loads((site / "beslisbomen" / f"{tree_id}.json").read_text(encoding="utf-8"))
    exported = [([(s["vraag"], s["antwoord"]) for s in p["antwoorden"]], p["uitkomst"]) for p in export["paden"]]
    assert exported == paths_of(data)
    # Every outcome is reached and every source of every outcome points at a page of the site.
    assert {outcome for _, outcome in exported} == {o["id"] for o in data["uitkomsten"]}
    for outcome in export["uitkomsten"]:
        assert outcome["bronnen"], outcome["id"]
        for source in outcome["bronnen"]:
            assert source["url"] and (site / source["url"].split("#")[0]).is_file(), source
    rows = (site / "beslisbomen" / f"{tree_id}.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1 + len(exported)


def test_script_is_small_and_keeps_everything_on_the_device():
    script = SCRIPT.read_text(encoding="utf-8")
    assert len(script.encode("utf-8")) <= 15 * 1024
    for forbidden in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "localStorage", "sessionStorage",
                      "indexedDB", "document.cookie", "innerHTML", "outerHTML", "insertAdjacentHTML",
                      "eval(", "new Function", "import ", "export "):
        assert forbidden not in script, forbidden


def test_complete_paths_of_the_extension_match_an_independent_walk():
    from jgz.beslisboom import complete_paths, load_yaml, parse_tree

    for path in SITE_TREES.values():
        text = (ROOT / path).read_text(encoding="utf-8")
        tree, problems = parse_tree(load_yaml(text))
        assert problems == []
        mine = [([(q.id, a.id) for q, a in steps], outcome.id) for steps, outcome in complete_paths(tree)]
        assert mine == paths_of(yaml.safe_load(text))


def test_yaml_anchors_reuse_blocks_without_copies():
    from jgz.beslisboom import load_yaml, parse_tree

    text = (ROOT / SITE_TREES["vervolgstap"]).read_text(encoding="utf-8")
    tree, _ = parse_tree(load_yaml(text))
    outcomes = {o.id: o for o in tree.outcomes}
    # The same block, read from one place in the file (its line), in both outcomes.
    first, second = outcomes["jgz-onveilig"].advice[0], outcomes["jgz-problematisch"].advice[1]
    assert first == second and first.line == second.line


@pytest.mark.parametrize("directive", ["beslisboom", "scoreformulier", "casus"])
def test_an_option_on_a_yaml_directive_is_called_unknown_and_nothing_else(tmp_path, directive):
    """Not "a file and a body both": the directives have no options, and the message says so."""
    warnings = build_small_project(tmp_path, {"pagina": f"# P\n\n:::{{{directive}}} _data/x.yaml\n:titel: Mijn titel\n:::\n"})
    assert warnings.splitlines() == [
        f"{tmp_path}/pagina.md:3: WARNING: {directive}: onbekende optie ':titel:'; verwacht: geen opties. "
        "Zet wat u wilt instellen als sleutel in de YAML (zonder dubbele punt ervoor), bijvoorbeeld "
        f"'titel: ...'. [jgz.{directive}]"
    ]


@pytest.mark.parametrize("directive", ["beslisboom", "casus"])
def test_a_file_that_is_not_yaml_is_refused_with_the_same_words_for_every_yaml_directive(tmp_path, directive):
    warnings = build_small_project(tmp_path, {"pagina": f"# P\n\n:::{{{directive}}} _data/x.json\n:::\n"})
    assert warnings.splitlines() == [
        f"{tmp_path}/pagina.md:3: ERROR: {directive}: '_data/x.json' is geen YAML-bestand; verwacht: een "
        f"bestand dat eindigt op .yaml, bijvoorbeeld _data/{directive}-x.yaml. [docutils]"
    ]


@pytest.mark.parametrize("directive", ["beslisboom", "casus"])
def test_the_yaml_file_is_a_dependency_of_its_page(tmp_path, directive):
    """A changed YAML file makes Sphinx read the page again (env.note_dependency)."""
    from sphinx.testing.util import SphinxTestApp

    from conftest import SMALL_PROJECT_CONF

    (tmp_path / "conf.py").write_text(SMALL_PROJECT_CONF, encoding="utf-8")
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "x.yaml").write_text("id: x\n", encoding="utf-8")
    (tmp_path / "index.md").write_text(f"# P\n\n:::{{{directive}}} _data/x.yaml\n:::\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path)
    try:
        app.build()
        assert {str(path) for path in app.env.dependencies["index"]} == {str(tmp_path / "_data" / "x.yaml")}
    finally:
        app.cleanup()
