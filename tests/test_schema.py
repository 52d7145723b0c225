"""The declared field validators of ``jgz.schema``, tested directly: no Sphinx build."""

import pytest

from jgz.schema import (
    ID_PATTERN, MESSAGES, Field, Group, Problems, Schema, about, is_id, message, parse_source, validate,
)
from jgz.yamldata import load

CHILD = Group("antwoord", "antwoorden", "een groep met id en tekst", (
    Field("id", "id", "een id", required=True),
    Field("tekst", "text", "het antwoord als gewone tekst", required=True),
))
LETTERED = Group("optie", "opties", "een groep met tekst", (
    Field("tekst", "text", "een tekst", required=True),
), lettered=True)
TOP = Group("ding", "dingen", "een groep sleutels", (
    Field("id", "id", "een id, uniek op de site", required=True),
    Field("titel", "text", "de titel", required=True),
    Field("uitleg", "blocks", "uitleg als tekst of lijst"),
    Field("woorden", "words", "een woord of een lijst met woorden"),
    Field("juist", "choice", "ja of nee", allowed=("ja", "nee")),
    Field("aantal", "integer", "een geheel getal"),
    Field("bronnen", "sources", "minstens één bron", min_items=1),
    Field("antwoorden", "list", "minstens twee antwoorden", group=CHILD, min_items=2, max_items=3, unique_ids=True),
    Field("opties", "list", "opties", group=LETTERED),
    Field("sub", "group", "een groep met id", group=Group("sub", "subs", "een groep met id", (
        Field("id", "id", "een id"),
    ))),
    Field("eigen", "custom", "iets eigens", check=lambda value, line, what, problems: str(value).upper()),
))


def check(text: str, typed: bool = False):
    problems = Problems()
    entry = validate(load(text, empty="leeg", typed=typed), TOP, problems)
    return entry, problems


def test_the_one_id_rule():
    for good in ("a", "meer-onveilig", "lsvg", "a1-b2-3"):
        assert is_id(good) and ID_PATTERN.match(good)
    for bad in ("lsvg-", "-a", "a--b", "A", "a b", "a_b", "", None, 3):
        assert not is_id(bad), bad


def test_a_valid_group_keeps_its_values_and_lines():
    entry, problems = check(
        "id: ding\ntitel: Titel\nuitleg: Een tekst\nwoorden: [kan, mag]\njuist: ja\n"
        "bronnen:\n  - aanbeveling-2-7\n  - Tabel 2.3 <Tabel-2-3>\nantwoorden:\n"
        "  - {id: a, tekst: A}\n  - {id: b, tekst: B}\nopties:\n  - tekst: x\nsub:\n  id: s\neigen: x\n"
    )
    assert problems == []
    assert entry.valid and entry["id"] == "ding" and entry.line_of("titel") == 2
    assert entry["uitleg"] == ["Een tekst"] and entry["uitleg"][0].line == 3
    assert entry["woorden"] == ["kan", "mag"]
    assert [(s.text, s.target, s.line) for s in entry["bronnen"]] == [
        ("Aanbeveling 2.7", "aanbeveling-2-7", 7), ("Tabel 2.3", "tabel-2-3", 8)]
    assert [a.what for a in entry["antwoorden"]] == ["antwoord 'a'", "antwoord 'b'"]
    assert [o.what for o in entry["opties"]] == ["optie A"] and entry["opties"][0].label == "A"
    assert entry["sub"]["id"] == "s" and entry["sub"].line == 14
    assert entry["eigen"] == "X"


@pytest.mark.parametrize(("text", "expected"), [
    ("titel: T\n", [(1, "de sleutel 'id' ontbreekt; verwacht: een id, uniek op de site.")]),
    ("id: x\ntitel: T\nkleur: rood\n", [(3, "onbekende sleutel 'kleur'; verwacht: aantal, antwoorden, "
                                           "bronnen, eigen, id, juist, opties, sub, titel, uitleg, woorden.")]),
    ("id: x\ntitel: [a]\n", [(2, "'titel' moet een tekst zijn; verwacht: de titel.")]),
    ("id: x\ntitel: ''\n", [(2, "'titel' is leeg; verwacht: de titel.")]),
    ("id: lsvg-\ntitel: T\n", [(1, "id 'lsvg-' is ongeldig; verwacht: kleine letters, cijfers en streepjes "
                                   "(een streepje alleen tussen letters of cijfers), bijvoorbeeld 'meer-onveilig'.")]),
    ("id: x\ntitel: T\njuist: misschien\n", [(3, "juist 'misschien' is ongeldig; verwacht: één van ja, nee.")]),
    ("id: x\ntitel: T\nuitleg: ['a', '']\n",
     [(3, "onderdeel 2 van 'uitleg' is leeg of geen tekst; verwacht: uitleg als tekst of lijst.")]),
    ("id: x\ntitel: T\nwoorden: {a: b}\n",
     [(3, "'woorden' moet een woord of een lijst met woorden zijn; verwacht: een woord of een lijst met woorden.")]),
    ("id: x\ntitel: T\nbronnen: []\n", [(3, "'bronnen' is leeg; verwacht: minstens één bron.")]),
    ("id: x\ntitel: T\nbronnen: [tabel-2-1]\n",
     [(3, "bron 'tabel-2-1' heeft geen zichtbare tekst; verwacht: 'Tekst <tabel-2-1>' (alleen "
          "'aanbeveling-2-7' mag zonder tekst; een pagina als 'Tekst </map/pagina>').")]),
    ("id: x\ntitel: T\nantwoorden:\n  - {id: a, tekst: A}\n",
     [(3, "heeft 1 antwoord onder 'antwoorden'; verwacht: minstens 2.")]),
    ("id: x\ntitel: T\nantwoorden:\n  - {id: a, tekst: A}\n  - {id: b, tekst: B}\n  - {id: c, tekst: C}\n"
     "  - {id: d, tekst: D}\n", [(3, "heeft 4 antwoorden onder 'antwoorden'; verwacht: hoogstens 3.")]),
    ("id: x\ntitel: T\nantwoorden:\n  - {id: a, tekst: A}\n  - {id: a, tekst: B}\n",
     [(5, "id 'a' komt twee keer voor (eerder op regel 4); verwacht: per antwoord een eigen id.")]),
    ("id: x\ntitel: T\nantwoorden:\n  - {id: a}\n  - tekst\n",
     [(4, "antwoord 'a': de sleutel 'tekst' ontbreekt; verwacht: het antwoord als gewone tekst."),
      (5, "antwoord 2: moet een groep sleutels (sleutel: waarde) zijn; verwacht: een groep met id en tekst.")]),
    ("id: x\ntitel: T\nopties:\n  - tekst: ''\n", [(4, "optie A: 'tekst' is leeg; verwacht: een tekst.")]),
    ("id: x\ntitel: T\nsub:\n  id: S\n", [(4, "sub: id 'S' is ongeldig; verwacht: kleine letters, cijfers en "
                                            "streepjes (een streepje alleen tussen letters of cijfers), "
                                            "bijvoorbeeld 'meer-onveilig'.")]),
])
def test_each_kind_of_mistake_has_one_wording_and_its_line(text, expected):
    entry, problems = check(text)
    assert sorted(problems) == expected
    assert entry is not None and not entry.valid


def test_a_typed_load_reads_numbers_as_integers_and_as_text():
    entry, problems = check("id: x\ntitel: 2024\naantal: 3\n", typed=True)
    assert problems == [] and entry["titel"] == "2024" and entry["aantal"] == 3
    _, problems = check("id: x\ntitel: T\naantal: drie\n", typed=True)
    assert problems == [(3, "'aantal' moet een geheel getal zijn; verwacht: een geheel getal.")]


def test_not_a_group_at_all():
    problems = Problems()
    assert validate(load("- a\n", empty="leeg"), TOP, problems) is None
    assert problems == [(1, "moet een groep sleutels (sleutel: waarde) zijn; verwacht: een groep sleutels.")]


def test_every_message_says_what_is_expected():
    assert all("; verwacht: " in text for text in MESSAGES.values())
    assert about("", "x") == "x" and about("vraag 'a'", "x") == "vraag 'a': x"
    assert message("missing", key="k", description="d") == "de sleutel 'k' ontbreekt; verwacht: d."


def test_sources_and_the_empty_message():
    assert parse_source("Verwijscriteria </hulpmiddelen/verwijscriteria>", 1).is_document
    assert parse_source("tabel-2-1", 1) is None
    assert Schema("ding", TOP, "_data/ding-x.yaml").empty_message() == "de ding is leeg; verwacht: id en titel."


def test_a_project_can_filter_the_warnings_of_one_directive_or_of_all():
    from sphinx.util.logging import is_suppressed_warning

    assert is_suppressed_warning("jgz", "casus", ["jgz.casus"])
    assert is_suppressed_warning("jgz", "beslisboom", ["jgz.*"])
    assert not is_suppressed_warning("jgz", "beslisboom", ["jgz.casus"])


def test_a_list_of_values_counts_in_the_right_number():
    values = Group("combinatie", "combinaties", "een groep", (
        Field("items", "list", "twee tot drie id's", item="id", min_items=2, max_items=3),
    ))
    for text, expected in (
        ("items: [a]\n", "heeft 1 onderdeel onder 'items'; verwacht: minstens 2."),
        ("items: [a, b, c, d]\n", "heeft 4 onderdelen onder 'items'; verwacht: hoogstens 3."),
    ):
        problems = Problems()
        validate(load(text, empty="leeg"), values, problems)
        assert [text for _, text in problems] == [expected]
