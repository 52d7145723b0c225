"""Bad input to the recommendation and conclusion directives fails the build with file, line
and a plain Dutch message."""

import pytest

from conftest import build_small_project as build


@pytest.mark.parametrize(
    ("page", "line", "message"),
    [
        (":::{aanbeveling}\nTekst.\n:::\n", 1,
         "aanbeveling: het nummer ontbreekt; zet het achter de naam van de directive, bijvoorbeeld "
         "':::{aanbeveling} 2.7'."),
        (":::{aanbeveling} 7\nTekst.\n:::\n", 1,
         "aanbeveling: nummer '7' heeft niet de vorm thema.volgnummer (bijvoorbeeld 2.7)."),
        (":::{aanbeveling} 5.1\nTekst.\n:::\n", 1,
         "aanbeveling 5.1: thema 5 bestaat niet (bekend: 2, 3)."),
        ("# Kop\n\n:::{aanbeveling} 2.1\n:::\n", 3,
         "aanbeveling 2.1: de tekst van de aanbeveling ontbreekt."),
        (":::{conclusie} ⊕⊕ HOOG\nTekst.\n:::\n", 1,
         "conclusie: bewijsniveau '⊕⊕ HOOG' heeft niet de vorm 'vier tekens ⊕/⊝, dan het niveau'"),
        (":::{conclusie} ⊕⊕⊝⊝ GEMIDDELD\nTekst.\n:::\n", 1,
         "conclusie: bewijsniveau 'GEMIDDELD' is onbekend; verwacht: HOOG, GROOT, REDELIJK, MATIG, LAAG, ZEER LAAG."),
        (":::{alle-aanbevelingen} 9\n:::\n", 1,
         "alle-aanbevelingen: thema '9' bestaat niet (bekend: 2, 3)."),
    ],
)
def test_directive_errors_name_file_line_and_problem(tmp_path, page, line, message):
    warnings = build(tmp_path, {"pagina": page})
    assert f"pagina.md:{line}: ERROR: {message}" in warnings


def test_duplicate_number_is_reported_at_the_second_place(tmp_path):
    warnings = build(tmp_path, {
        "a": ":::{aanbeveling} 2.1\nEen.\n:::\n",
        "b": "# B\n\n:::{aanbeveling} 2.1\nTwee.\n:::\n",
    })
    assert "b.md:3: WARNING: aanbeveling 2.1 staat twee keer in de tekst (ook in a, regel 1)." in warnings


def test_a_number_twice_on_one_page_gives_one_message(tmp_path):
    """Not also Docutils' duplicate id (with a dump of the node), duplicate target or undefined
    labels: the first keeps the anchor, links and the overview keep working."""
    warnings = build(tmp_path, {
        "a": "# A\n\n:::{aanbeveling} 2.1\nEen.\n:::\n\n:::{aanbeveling} 2.1\nTwee.\n:::\n\n"
             "Zie {ref}`aanbeveling 2.1 <aanbeveling-2-1>`.\n",
        "overzicht": "# Overzicht\n\n:::{alle-aanbevelingen} 2\n:::\n",
    })
    assert warnings.splitlines() == [
        f"{tmp_path}/a.md:7: WARNING: aanbeveling 2.1 staat twee keer in de tekst (ook in a, regel 3). [jgz.aanbeveling]"
    ]


def test_gap_in_numbering_is_reported(tmp_path):
    warnings = build(tmp_path, {"a": ":::{aanbeveling} 2.1\nEen.\n:::\n\n:::{aanbeveling} 2.3\nDrie.\n:::\n"})
    assert "a.md:1: WARNING: aanbevelingen van thema 2 zijn niet doorlopend genummerd vanaf 1 (ontbrekend: 2.2)." in warnings


def test_overview_must_cover_every_theme_with_recommendations(tmp_path):
    warnings = build(tmp_path, {
        "a": ":::{aanbeveling} 2.1\nEen.\n:::\n\n:::{aanbeveling} 3.1\nDrie.\n:::\n",
        "overzicht": ":::{alle-aanbevelingen} 2\n:::\n",
    })
    assert ("a.md:5: WARNING: thema 3 heeft aanbevelingen maar staat niet op de overzichtspagina "
            "(voeg ':::{alle-aanbevelingen} 3' toe).") in warnings


def test_unknown_conclusion_reference_is_reported(tmp_path):
    warnings = build(tmp_path, {"a": ":::{aanbeveling} 2.1\n:conclusie: bestaat-niet\n\nEen.\n:::\n"})
    assert ("a.md:1: WARNING: aanbeveling 2.1 verwijst naar conclusie 'bestaat-niet', maar geen "
            "conclusie heeft die :name:.") in warnings


def test_renumbered_recommendation_breaks_references(tmp_path):
    warnings = build(tmp_path, {"a": ":::{aanbeveling} 2.1\nEen.\n:::\n\nZie {ref}`aanbeveling 2 <aanbeveling-2-2>`.\n"})
    assert "a.md:5: WARNING: undefined label: 'aanbeveling-2-2'" in warnings
