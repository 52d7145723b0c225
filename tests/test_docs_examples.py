"""The editors' documentation in docs/ as tests, so that it cannot drift from the code.

1. Every example (a code block with MyST, a line starting with "wordt", then the same text as a
   live directive) shows exactly what is rendered, and builds with the real extension in a small
   project without a single warning; so does every other directive of the extension on a docs page.
2. Every documented build error (a table whose second column is "Melding", or a paragraph with
   "geeft `…`" or "Foutmeldingen: `…`") is really produced by its wrong input.  The wrong input
   comes from the docs page itself (a code block under a MyST comment "% fout: <first cell>") or,
   for pages that do not have it yet, from FALLBACK_INPUTS below.  The wrong inputs are built
   together in a few projects (see ``projects``), not one project each.

The conventions are described for editors in docs/casus.md ("Voorbeelden en foutmeldingen zijn
tests").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from conftest import ROOT, SMALL_FORM as FORM_X, site_configuration

DOCS = ROOT / "docs"
DOC_PAGES = sorted(DOCS.glob("*.md"))
DIRECTIVES = sorted({
    name
    for module in (ROOT / "_ext" / "jgz").rglob("*.py")
    for name in re.findall(r'add_directive\(\s*"([a-z-]+)"', module.read_text(encoding="utf-8"))
})
FENCE = re.compile(r"^(`{3,})(.*)$")
LIVE = re.compile(r"^(:{3,})\{(" + "|".join(map(re.escape, DIRECTIVES)) + r")\}")
WRONG_INPUT = re.compile(r"^% fout: (?P<key>.+?)(?: \| bestand: (?P<file>\S+))?\s*$")
CODE_SPAN = re.compile(r"(`+)\s?(.+?)\s?\1")
ELLIPSIS = re.compile(r"…|\.\.\.")
DEFAULT_PAGE = "pagina.md"


# --------------------------------------------------------------------------------------------
# Reading a docs page


@dataclass
class Fence:
    text: str
    line: int  # of the opening fence
    end: int  # of the closing fence
    comment: str | None  # the "% ..." line right above it


@dataclass
class Live:
    name: str
    text: str
    line: int
    end: int


@dataclass
class Doc:
    name: str
    lines: list[str]
    fences: list[Fence] = field(default_factory=list)
    live: list[Live] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (key, message)


def split_row(row: str) -> list[str]:
    """The cells of a Markdown table row; a | inside a code span or escaped stays in its cell."""
    cells, current, index = [], "", 0
    row = row.strip().strip("|")
    while index < len(row):
        span = CODE_SPAN.match(row, index)
        if span:
            current += span.group(0)
            index = span.end()
        elif row.startswith("\\|", index):
            current += "|"
            index += 2
        elif row[index] == "|":
            cells.append(current.strip())
            current, index = "", index + 1
        else:
            current += row[index]
            index += 1
    return [*cells, current.strip()]


def parse(path: Path) -> Doc:
    doc = Doc(path.name, path.read_text(encoding="utf-8").splitlines())
    lines, index, paragraph = doc.lines, 0, []

    def close_paragraph() -> None:
        text = " ".join(paragraph)
        marker = re.search(r"Foutmeldingen: `|geeft\s+`", text)
        if marker:
            for span in CODE_SPAN.finditer(text, marker.end() - 1):
                doc.errors.append((span.group(2), span.group(2)))
        paragraph.clear()

    while index < len(lines):
        line = lines[index]
        fence, live = FENCE.match(line), LIVE.match(line)
        if fence:
            close_paragraph()
            end = next(n for n in range(index + 1, len(lines))
                       if re.fullmatch(fence.group(1) + "`*\\s*", lines[n]))
            comment = lines[index - 1] if index and lines[index - 1].startswith("% ") else None
            doc.fences.append(Fence("\n".join(lines[index + 1:end]), index + 1, end + 1, comment))
            index = end + 1
        elif live:
            close_paragraph()
            end = next(n for n in range(index + 1, len(lines)) if lines[n].rstrip() == live.group(1))
            doc.live.append(Live(live.group(2), "\n".join(lines[index:end + 1]), index + 1, end + 1))
            index = end + 1
        elif line.startswith("|"):
            close_paragraph()
            table = []
            while index < len(lines) and lines[index].startswith("|"):
                table.append(split_row(lines[index]))
                index += 1
            if len(table[0]) >= 2 and table[0][1].startswith("Melding"):
                for cells in table[2:]:
                    span = CODE_SPAN.search(cells[1])
                    doc.errors.append((cells[0], span.group(2)))
        else:
            if line.strip():
                paragraph.append(line.strip())
            else:
                close_paragraph()
            index += 1
    close_paragraph()
    return doc


DOCS_PARSED = {path.name: parse(path) for path in DOC_PAGES}


def examples(doc: Doc) -> list[tuple[Fence | None, Live | None, str]]:
    """(code block, live twin, source to build) for each example of a page.

    A code block followed by a line starting with "wordt" must be followed by the same text (or,
    for a YAML block, a live directive with that YAML as its body).  Live directives without a
    code block before them are examples too.
    """
    found, paired = [], set()
    for fence in doc.fences:
        after = [n for n in range(fence.end, len(doc.lines)) if doc.lines[n].strip()]
        if not after or not doc.lines[after[0]].startswith("wordt"):
            continue
        start = next(n for n in after[1:])
        rest = "\n".join(doc.lines[start:])
        twin = next((live for live in doc.live if live.line == start + 1), None)
        if twin:
            paired.add(twin.line)
        body = "\n".join(twin.text.splitlines()[1:-1]) if twin else None
        found.append((fence, twin, fence.text if rest.startswith(fence.text) or body != fence.text else twin.text))
    found += [(None, live, live.text) for live in doc.live if live.line not in paired]
    return found


# --------------------------------------------------------------------------------------------
# Small projects with the site's configuration


def site_labels() -> list[str]:
    """Every label of the site and the docs, so that examples may point at them."""
    labels = set()
    for path in [*(ROOT / "content").rglob("*.md"), *DOC_PAGES]:
        if "over" in path.relative_to(ROOT).parts[:2]:
            continue  # content/over is docs/
        text = path.read_text(encoding="utf-8")
        labels.update(re.findall(r"^\s*(?:- )?\(([\w-]+)\)=\s*$", text, flags=re.M))
        labels.update(re.findall(r"^\s*:name: ([\w-]+)\s*$", text, flags=re.M))
        labels.update(f"aanbeveling-{a}-{b}" for a, b in re.findall(r"^:::\{aanbeveling\} (\d+)\.(\d+)", text, flags=re.M))
    return sorted(labels)


CONF = site_configuration()
STUBS = "# Labels\n\n" + "".join(f"({label})=\n## {label}\n\n" for label in site_labels())
INDEX = "# Project\n\n:::{toctree}\n:glob:\n\n**\n:::\n"


def build(folder: Path, files: dict[str, str], builder: str) -> list[str]:
    """Build a project of ``files`` (path -> text) with the stub labels; the warnings, one a line."""
    source = folder / "src"
    for name, text in {"conf.py": CONF, "index.md": INDEX, "labels.md": STUBS, **files}.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    app = SphinxTestApp(builder, srcdir=source)
    try:
        app.build()
        return strip_colors(app._warning.getvalue()).splitlines()
    finally:
        app.cleanup()


# --------------------------------------------------------------------------------------------
# 1. Examples


ALL_EXAMPLES = [(doc, *example) for doc in DOCS_PARSED.values() for example in examples(doc)]


def test_every_directive_page_has_live_examples():
    built = {live.name for _, _, live, _ in ALL_EXAMPLES if live}
    for name in ("aanbeveling", "conclusie", "leeftijd", "beslisboom", "scoreformulier", "casus"):
        assert name in built, f"geen live voorbeeld van '{name}' in docs/"


@pytest.mark.parametrize(
    ("doc", "fence", "live"),
    [(doc, fence, live) for doc, fence, live, _ in ALL_EXAMPLES if fence],
    ids=[f"{doc.name}:{fence.line}" for doc, fence, _, _ in ALL_EXAMPLES if fence],
)
def test_the_code_shown_is_the_code_rendered(doc, fence, live):
    assert live is not None, f"{doc.name}:{fence.line}: na 'wordt' staat geen directive van de extensie"
    body = "\n".join(live.text.splitlines()[1:-1])
    rest = "\n".join(doc.lines[live.line - 1:])
    assert rest.startswith(fence.text) or body == fence.text, (
        f"{doc.name}:{fence.line}: het codeblok verschilt van de weergave op regel {live.line}"
    )


def test_every_example_builds_without_warnings(tmp_path):
    pages = {
        f"voorbeeld-{doc.name.removesuffix('.md')}-{(fence or live).line}.md": f"# Voorbeeld\n\n{source}\n"
        for doc, fence, live, source in ALL_EXAMPLES
    }
    warnings = build(tmp_path, pages, "html")
    assert warnings == []
    for name in pages:
        html = (tmp_path / "src" / "_build" / "html" / name.replace(".md", ".html")).read_text(encoding="utf-8")
        assert 'class="jgz-' in html, f"{name}: de extensie tekende niets"


# --------------------------------------------------------------------------------------------
# 2. Documented build errors


def tree(name: str) -> str:
    """A page with the decision tree of a file of the decision-tree test root, in the page."""
    text = (ROOT / "tests" / "roots" / "test-beslisboom-fouten" / "fouten" / "_data" / name).read_text(encoding="utf-8")
    return f":::{{beslisboom}}\n{text}:::\n"


TREE_X = """:::{beslisboom}
id: x
titel: X
start: vraag
vragen:
  - id: vraag
    vraag: Vraag?
    antwoorden:
      - {id: ja, tekst: Ja, naar: klaar}
      - {id: nee, tekst: Nee, naar: klaar}
uitkomsten:
  - {id: klaar, titel: Klaar, modaliteit: feit, advies: Klaar., bronnen: [aanbeveling-2-1],
     onderbouwing: Plan zo nodig een extra contact in.}
:::
"""



def form_x(old: str = "", new: str = "", *more: tuple[str, str]) -> dict[str, str]:
    """The files of a page with the form _data/formulier-x.yaml, with ``old`` replaced by ``new``
    and then each further (old, new) pair."""
    text = FORM_X
    for before, after in ((old, new), *more):
        assert before in text
        text = text.replace(before, after, 1)
    return {DEFAULT_PAGE: "# Formulier\n\n:::{scoreformulier} _data/formulier-x.yaml\n:::\n",
            "_data/formulier-x.yaml": text}


def age(argument: str, options: str, text: str = "De Voorbeeldinterventie (1-6 jaar) is een voorbeeld.") -> str:
    return f":::{{leeftijd}} {argument}\n{options}\n:::\n{text}\n"


def recommendations(*numbers: str, filler: int = 0) -> str:
    return "# Aanbevelingen\n\n" + "\n" * filler + "".join(f":::{{aanbeveling}} {n}\nTekst.\n:::\n\n" for n in numbers)


# Wrong inputs for documented errors of pages that do not show them yet: (page, first cell or,
# outside a table, the message) -> files.  A page's own "% fout:" blocks take precedence.
FALLBACK_INPUTS: dict[tuple[str, str], dict[str, str]] = {
    ("directives.md", "nummer ontbreekt"): {DEFAULT_PAGE: ":::{aanbeveling}\nTekst.\n:::\n"},
    ("directives.md", "nummer zonder thema"): {DEFAULT_PAGE: ":::{aanbeveling} 7\nTekst.\n:::\n"},
    ("directives.md", "onbekend thema"): {DEFAULT_PAGE: ":::{aanbeveling} 5.1\nTekst.\n:::\n"},
    ("directives.md", "lege aanbeveling"): {DEFAULT_PAGE: ":::{aanbeveling} 2.1\n:::\n"},
    # The first 2.1 on line 12 of thema-2/aanbevelingen; the second one is reported.
    ("directives.md", "nummer dubbel"): {"thema-2/aanbevelingen.md": recommendations("2.1", "2.1", filler=9)},
    ("directives.md", "nummer overgeslagen"): {DEFAULT_PAGE: recommendations("2.1", "2.3")},
    ("directives.md", "thema niet in het overzicht"): {
        DEFAULT_PAGE: recommendations("2.1", "3.1"), "overzicht.md": "# Overzicht\n\n:::{alle-aanbevelingen} 2\n:::\n",
    },
    ("directives.md", "onbekende conclusie"): {DEFAULT_PAGE: ":::{aanbeveling} 2.1\n:conclusie: x\n\nTekst.\n:::\n"},
    ("directives.md", "verwijzing naar een vernummerde aanbeveling"): {
        DEFAULT_PAGE: "# Pagina\n\nZie {ref}`aanbeveling 11 <aanbeveling-2-11>`.\n",
    },
    ("directives.md", "alle-aanbevelingen: thema '9' bestaat niet (bekend: ...)"): {
        DEFAULT_PAGE: ":::{alle-aanbevelingen} 9\n:::\n",
    },
    ("directives.md", "conclusie: bewijsniveau '⊕⊕ HOOG' heeft niet de vorm 'vier tekens ⊕/⊝, dan het niveau' "
                      "(bijvoorbeeld ⊕⊝⊝⊝ ZEER LAAG)."): {DEFAULT_PAGE: ":::{conclusie} ⊕⊕ HOOG\nTekst.\n:::\n"},
    ("directives.md", "conclusie: bewijsniveau 'GEMIDDELD' is onbekend; verwacht: HOOG, GROOT, REDELIJK, MATIG, "
                      "LAAG, ZEER LAAG."): {DEFAULT_PAGE: ":::{conclusie} ⊕⊕⊝⊝ GEMIDDELD\nTekst.\n:::\n"},
    # docs/beslisboom.md: the trees of the decision-tree test root, which its own tests check too.
    ("beslisboom.md", "Een antwoord wijst naar een `id` dat niet bestaat"): {DEFAULT_PAGE: tree("onbekend-doel.yaml")},
    ("beslisboom.md", "`naar` vergeten"): {DEFAULT_PAGE: tree("nergens-heen.yaml")},
    ("beslisboom.md", "Twee vragen of uitkomsten met hetzelfde `id`"): {DEFAULT_PAGE: tree("dubbel-id.yaml")},
    ("beslisboom.md", "Twee antwoorden van één vraag met hetzelfde `id`"): {DEFAULT_PAGE: tree("dubbel-antwoord.yaml")},
    ("beslisboom.md", "Een uitkomst waar geen antwoord heen leidt"): {DEFAULT_PAGE: tree("onbereikbaar.yaml")},
    ("beslisboom.md", "Een antwoord dat terugwijst naar een eerdere vraag"): {DEFAULT_PAGE: tree("kringloop.yaml")},
    ("beslisboom.md", "Een uitkomst zonder `bronnen`"): {DEFAULT_PAGE: tree("zonder-bron.yaml")},
    ("beslisboom.md", "Een bron zonder zichtbare woorden"): {DEFAULT_PAGE: tree("bron-zonder-tekst.yaml")},
    ("beslisboom.md", "Een label dat niet bestaat"): {DEFAULT_PAGE: tree("onbekend-label.yaml")},
    ("beslisboom.md", "Een lege tekst"): {DEFAULT_PAGE: tree("lege-tekst.yaml")},
    ("beslisboom.md", "Een tikfout in een sleutel"): {DEFAULT_PAGE: tree("onbekende-sleutel.yaml")},
    ("beslisboom.md", "Dezelfde sleutel twee keer"): {DEFAULT_PAGE: tree("dubbele-sleutel.yaml")},
    ("beslisboom.md", "Een vraag met één antwoord"): {DEFAULT_PAGE: tree("een-antwoord.yaml")},
    ("beslisboom.md", "`start` wijst naar iets dat niet bestaat"): {DEFAULT_PAGE: tree("start-onbekend.yaml")},
    ("beslisboom.md", "Een `id` met hoofdletters of spaties"): {DEFAULT_PAGE: tree("ongeldig-id.yaml")},
    ("beslisboom.md", "Inspringing of dubbele punt fout"): {DEFAULT_PAGE: tree("yaml-syntax.yaml")},
    ("beslisboom.md", "Het anker van de boom (`#beslisboom-<id>`) bestaat al als label of kop op de pagina"): {
        DEFAULT_PAGE: "# Pagina\n\n(beslisboom-x)=\n## Kop\n\n" + TREE_X,
    },
    ("beslisboom.md", "Twee bomen met hetzelfde `id`"): {"een.md": "# Een\n\n" + TREE_X, "twee.md": "# Twee\n\n" + TREE_X},
    ("beslisboom.md", "Een optie op de directive, zoals `:titel:` (de directive heeft geen opties)"): {
        DEFAULT_PAGE: "# Pagina\n\n:::{beslisboom} _data/x.yaml\n:titel: Mijn boom\n:::\n",
    },
    ("beslisboom.md", "Het bestand bestaat niet (ERROR)"): {DEFAULT_PAGE: "# Pagina\n\n:::{beslisboom} _data/x.yaml\n:::\n"},
    # docs/scoreformulier.md: the messages name _data/formulier-x.yaml and its lines.
    ("scoreformulier.md", "Optie zonder punten"): form_x("{tekst: Ja, punten: 2}", "{tekst: Ja}"),
    ("scoreformulier.md", "Punten geen getal"): form_x("punten: 2}", "punten: twee}"),
    ("scoreformulier.md", "Twee keer hetzelfde `id`"): form_x(
        "banden:", "      - {id: eerste, tekst: Nog een, opties: [{tekst: a, punten: 0}, {tekst: b, punten: 0}]}\nbanden:"),
    ("scoreformulier.md", "Banden overlappen"): form_x("{van: 2, tot: 2,", "{van: 1, tot: 2,"),
    # An answer worth 1 makes the total 1 possible; then it needs a band.
    ("scoreformulier.md", "Gat tussen banden"): form_x(
        "{van: 0, tot: 1,", "{van: 0, tot: 0,",
        ("{tekst: Ja, punten: 2}", "{tekst: Ja, punten: 2}\n          - {tekst: Soms, punten: 1}")),
    ("scoreformulier.md", "Band met alleen onmogelijke totalen"): form_x(
        "{van: 0, tot: 1,", "{van: 0, tot: 0,", ("banden:\n", "banden:\n  - {van: 1, tot: 1, titel: Een, tekst: Een.}\n")),
    ("scoreformulier.md", "Combinatie met een onbekend item"): form_x(
        "bron: Test.", "combinaties:\n  - {items: [eerste, tweede], titel: T, tekst: T., bron: T.}\nbron: Test."),
    ("scoreformulier.md", "Combinatie met een vraag"): form_x(
        "bron: Test.", "combinaties:\n  - {items: [eerste, tweede], titel: T, tekst: T., bron: T.}\nbron: Test."),
    ("scoreformulier.md", "Band te ruim"): form_x("{van: 2, tot: 2,", "{van: 2, tot: 3,"),
    ("scoreformulier.md", "Totaal zonder band"): form_x("  - {van: 2, tot: 2, titel: Hoog, tekst: Hoog.}\n"),
    ("scoreformulier.md", "Geen banden en geen uitleg"): form_x(
        "banden:\n  - {van: 0, tot: 1, titel: Laag, tekst: Laag.}\n  - {van: 2, tot: 2, titel: Hoog, tekst: Hoog.}\n"),
    ("scoreformulier.md", "Tikfout in een sleutel"): form_x("titel: Test\n", "titel: Test\nkleur: rood\n"),
    ("scoreformulier.md", "Sleutel twee keer"): form_x("titel: Test\n", "titel: Test\ntitel: Nog eens\n"),
    ("scoreformulier.md", "Opties bij `regel: aantal`"): form_x("regel: som", "regel: aantal"),
    ("scoreformulier.md", "Verwijzing zonder label"): form_x("doel: Testen.", "doel: Zie {ref}`label`."),
    ("scoreformulier.md", "Label bestaat niet"): form_x(
        "bron: Test.", "gebruiken:\n" + "  - Een.\n" * 6 + "bron: Zie {ref}`de bron <bestaat-niet>`."),
    ("scoreformulier.md", "Bestand bestaat niet"): {
        DEFAULT_PAGE: "# Pagina\n\n:::{scoreformulier} _data/bestaat-niet.yaml\n:::\n",
    },
    ("scoreformulier.md", "Kapotte YAML"): form_x("titel: Test\n", "titel: [Test\n"),
    # docs/leeftijd.md
    ("leeftijd.md", "leeftijd niet te lezen"): {DEFAULT_PAGE: age("1-6", ":soort: interventie\n:bron: 1-6 jaar")},
    ("leeftijd.md", "begin na einde"): {DEFAULT_PAGE: age("6-1 jaar", ":soort: interventie\n:bron: 1-6 jaar")},
    ("leeftijd.md", "buiten het bereik"): {DEFAULT_PAGE: age("0-20 jaar", ":soort: interventie\n:bron: 1-6 jaar")},
    ("leeftijd.md", "geen soort"): {DEFAULT_PAGE: age("1-6 jaar", ":bron: 1-6 jaar")},
    ("leeftijd.md", "onbekende soort"): {DEFAULT_PAGE: age("1-6 jaar", ":soort: cursus\n:bron: 1-6 jaar")},
    ("leeftijd.md", "geen bron"): {DEFAULT_PAGE: age("1-6 jaar", ":soort: interventie")},
    ("leeftijd.md", "bron niet in de tekst"): {DEFAULT_PAGE: age("1-6 jaar", ":soort: interventie\n:bron: 1 - 6 jaar")},
    ("leeftijd.md", "titel niet in de tekst"): {
        DEFAULT_PAGE: age("1-6 jaar", ":soort: interventie\n:titel: Beta\n:bron: 1-6 jaar"),
    },
    ("leeftijd.md", "geen titel te vinden"): {
        DEFAULT_PAGE: age("1-6 jaar", ":soort: interventie\n:bron: 1-6 jaar",
                          "Een lange alinea over een interventie voor kinderen van 1-6 jaar, " * 3),
    },
    ("leeftijd.md", "niets onder de tag"): {DEFAULT_PAGE: "# Pagina\n\nTekst.\n\n" + age("1-6 jaar", ":soort: interventie\n:bron: 1-6 jaar", "")},
    ("leeftijd.md", "tags op één deel spreken elkaar tegen"): {
        DEFAULT_PAGE: age("1-6 jaar", ":soort: instrument\n:bron: 1-6 jaar", "")
        + age("1-6 jaar", ":soort: interventie\n:bron: 1-6 jaar"),
    },
    ("leeftijd.md", "onbekend label op een kaart"): {DEFAULT_PAGE: ":::{kaart-uittreksel} tabel-9-9\n:::\n"},
    ("leeftijd.md", "`stappen` zonder rubrics"): {
        DEFAULT_PAGE: "# Pagina\n\n(alinea)=\nEen alinea.\n\n:::{kaart-uittreksel} alinea\n:vorm: stappen\n:::\n",
    },
    ("leeftijd.md", "`kolommen` zonder tabel"): {
        DEFAULT_PAGE: "# Pagina\n\n(alinea)=\nEen alinea.\n\n:::{kaart-uittreksel} alinea\n:vorm: kolommen\n:::\n",
    },
    ("leeftijd.md", "onbekende vorm"): {
        DEFAULT_PAGE: "# Pagina\n\n(alinea)=\nEen alinea.\n\n:::{kaart-uittreksel} alinea\n:vorm: tabel\n:::\n",
    },
}

# Messages in the docs that the code no longer gives; the test fails (XPASS) once a docs page is
# corrected, and then the entry goes.  The correct message is in the reason.
KNOWN_DRIFT: dict[tuple[str, str], str] = {}


def wrong_inputs(doc: Doc) -> dict[str, dict[str, str]]:
    """The wrong inputs that a docs page gives itself: key -> files."""
    inputs: dict[str, dict[str, str]] = {}
    for fence in doc.fences:
        marker = WRONG_INPUT.match(fence.comment or "")
        if marker:
            inputs.setdefault(marker["key"], {})[marker["file"] or DEFAULT_PAGE] = fence.text + "\n"
    return inputs


def documented_errors() -> list:
    cases = []
    for doc in DOCS_PARSED.values():
        own = wrong_inputs(doc)
        for key, message in doc.errors:
            files = own.get(key) or FALLBACK_INPUTS.get((doc.name, key))
            marks = []
            if (doc.name, key) in KNOWN_DRIFT:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_DRIFT[(doc.name, key)]))
            cases.append(pytest.param(doc.name, key, message, files, marks=marks, id=f"{doc.name}::{key}"))
    return cases


def produced(message: str, warnings: list[str]) -> bool:
    """The message, with … for skipped parts, is one of the warnings (with or without its level)."""
    parts = [part.strip() for part in ELLIPSIS.split(message) if part.strip()]
    for line in warnings:
        for variant in (line, re.sub(r" (WARNING|ERROR): ", " ", line)):
            position = 0
            for part in parts:
                position = variant.find(part, position)
                if position < 0:
                    break
                position += len(part)
            else:
                return True
    return False


ERRORS = documented_errors()


def test_the_docs_document_the_errors_of_every_directive():
    documented = {doc for doc, *_ in (case.values for case in ERRORS)}
    assert {"directives.md", "beslisboom.md", "scoreformulier.md", "leeftijd.md", "casus.md"} <= documented
    assert len(ERRORS) >= 70


def test_every_wrong_input_belongs_to_a_documented_error():
    keys = {(case.values[0], case.values[1]) for case in ERRORS}
    stale = [(doc.name, key) for doc in DOCS_PARSED.values() for key in wrong_inputs(doc) if (doc.name, key) not in keys]
    stale += [key for key in FALLBACK_INPUTS if key not in keys]
    assert stale == [], "foute invoer zonder gedocumenteerde melding"


# The wrong inputs are built together, few projects instead of one per message: each input in a
# folder of its own, its warnings are those with that folder in their location (read without the
# folder, as if the input stood alone). Two inputs share a project only when they declare no
# name in common that the extension checks or looks up across the whole project.
SHARED_NAMES = (
    re.compile(r"^id:\s*(\S+)", flags=re.M),  # a tree, form or case: its id and its label
    re.compile(r"^\s*(?:- )?\(([\w-]+)\)=\s*$", flags=re.M),  # a label
    re.compile(r"^\s*:name:\s*(\S+)", flags=re.M),
)
# Numbers, themes and the overview of recommendations are checked over the whole project.
RECOMMENDATIONS = re.compile(r"\{(?:aanbeveling|alle-aanbevelingen|conclusie)\}")


def shared_names(files: dict[str, str]) -> set[str]:
    names = {name for text in files.values() for pattern in SHARED_NAMES for name in pattern.findall(text)}
    if any(RECOMMENDATIONS.search(text) for text in files.values()):
        names.add("{aanbeveling}")
    return names


def projects(cases: list[tuple[str, dict[str, str]]]) -> list[dict[str, dict[str, str]]]:
    """The cases (id, files) in as few projects as the rule above allows: folder -> files."""
    found: list[tuple[set[str], dict[str, dict[str, str]]]] = []
    for case_id, files in cases:
        names = shared_names(files)
        names_and_folders = next(((taken, folders) for taken, folders in found if not taken & names), None)
        if names_and_folders is None:
            names_and_folders = (set(), {})
            found.append(names_and_folders)
        taken, folders = names_and_folders
        taken |= names
        folders[case_id] = files
    return [folders for _, folders in found]


@pytest.fixture(scope="module")
def warnings_per_wrong_input(tmp_path_factory) -> dict[str, list[str]]:
    """Build every documented wrong input; the warnings of each, by the id of its case."""
    cases = [(f"fout-{number:03d}", case.values[3]) for number, case in enumerate(ERRORS) if case.values[3]]
    warnings = {}
    for project in projects(cases):
        files = {f"{folder}/{name}": text for folder, inputs in project.items() for name, text in inputs.items()}
        lines = build(tmp_path_factory.mktemp("fouten"), files, "html")
        for folder in project:
            warnings[folder] = [line.replace(f"/{folder}/", "/").replace(f"{folder}/", "")
                                for line in lines if f"/{folder}/" in line or f" {folder}/" in line]
    return warnings


def test_wrong_inputs_that_share_a_project_declare_no_name_in_common():
    """The rule by which inputs share a project, on two cases that must not and two that may."""
    tree = {DEFAULT_PAGE: TREE_X}
    form = form_x()
    assert shared_names(tree) == shared_names(form) == {"x"}
    assert shared_names({DEFAULT_PAGE: recommendations("2.1")}) == {"{aanbeveling}"}
    assert len(projects([("a", tree), ("b", form)])) == 2
    assert len(projects([("a", tree), ("b", {DEFAULT_PAGE: recommendations("2.1")})])) == 1


@pytest.mark.parametrize(("doc", "key", "message", "files"), ERRORS)
def test_each_documented_error_is_what_its_wrong_input_gives(warnings_per_wrong_input, doc, key, message, files):
    assert files, f"{doc}: geen foute invoer voor '{key}' (zet hem onder '% fout: {key}' in de pagina)"
    number = next(n for n, case in enumerate(ERRORS) if case.values[:2] == (doc, key))
    warnings = warnings_per_wrong_input[f"fout-{number:03d}"]
    assert produced(message, warnings), f"{doc}: '{key}' gaf niet\n  {message}\nmaar:\n  " + "\n  ".join(warnings)
