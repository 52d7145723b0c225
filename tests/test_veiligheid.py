"""Safety invariants of the decision trees, checked over every path (docs/veiligheid.md).

The build already refuses an outcome whose title speaks with another modality than its quotes, a
quote that is not in the guideline and an unmarked claim of silence (``_ext/jgz/veiligheid.py``).
These tests walk every path of every tree on the site and check what the hazard log demands of
the paths themselves: a suspected problematic relationship, or a parent who does not recognise the
concerns, always reaches the referral criteria and the Meldcode; options that the guideline lists
side by side stay side by side; "directe verwijzing is aangewezen" appears exactly where the
guideline says so.  Each rule is also shown failing once, on a tree broken on purpose.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import ROOT
from jgz.beslisboom import Answer, Outcome, Question, Tree, complete_paths, load_yaml, parse_tree
from jgz.veiligheid import claims_silence, modality_problems, quote_in_source

SOURCE_TEXT = str(ROOT / "tools" / "bron" / "jgz-richtlijn-ouder-kindrelatie.txt")
TREE_FILES = sorted((ROOT / "content").rglob("_data/beslisboom-*.yaml"))
HAZARD_LOG = ROOT / "docs" / "veiligheid.md"

Path_ = list[tuple[Question, Answer]]


def site_trees() -> dict[str, Tree]:
    trees = {}
    for path in TREE_FILES:
        tree, problems = parse_tree(load_yaml(path.read_text(encoding="utf-8")))
        assert tree is not None, f"{path}: {problems}"
        trees[tree.id] = tree
    return trees


TREES = site_trees()


def outcome_text(outcome: Outcome) -> str:
    return " ".join([outcome.title, *outcome.advice, *(outcome.record or [])])


def cites(outcome: Outcome, *targets: str) -> bool:
    return set(targets) <= {source.target for source in outcome.sources}


def answered(path: Path_, question_prefix: str, answer_id: str) -> bool:
    return any(q.id.startswith(question_prefix) and a.id == answer_id for q, a in path)


# --------------------------------------------------------------------------------------------
# The rules: when a path meets the condition, its outcome must meet the requirement.


@dataclass
class Rule:
    name: str
    applies: Callable[[Path_], bool]
    holds: Callable[[Outcome], bool]


NAMES_CRITERIA_AND_MELDCODE = lambda outcome: (  # noqa: E731 - a rule's requirement, read as data
    cites(outcome, "aanbeveling-3-3")
    and "afwegingskader" in outcome_text(outcome)
    and "Meldcode" in outcome_text(outcome)
)

VERVOLGSTAP_RULES = [
    Rule(
        "een vermoeden van een problematische relatie leidt naar de verwijscriteria en de Meldcode",
        lambda path: answered(path, "inschatting", "problematisch"),
        NAMES_CRITERIA_AND_MELDCODE,
    ),
    Rule(
        "herkent de ouder de zorgen niet, dan blijven de verwijscriteria en de Meldcode in beeld",
        lambda path: answered(path, "herkent", "nee"),
        NAMES_CRITERIA_AND_MELDCODE,
    ),
    Rule(
        "bij een vermoeden van een problematische relatie staat wat de richtlijn 'nodig' noemt erbij "
        "(specialistische jeugdzorg bij problemen in de gehechtheidsrelatie en/of trauma)",
        lambda path: answered(path, "inschatting", "problematisch"),
        lambda outcome: "specialistische jeugdzorg nodig" in " ".join(outcome_text(outcome).split()),
    ),
    Rule(
        "criteria 1, 2 en 3 samen: een directe verwijzing 'is aangewezen'",
        lambda path: answered(path, "criteria", "aangewezen"),
        lambda outcome: outcome.modality == ["is aangewezen"],
    ),
    Rule(
        "twee of meer criteria: verwijzen 'kan', niet sterker",
        lambda path: answered(path, "criteria", "twee-of-meer"),
        lambda outcome: outcome.modality == ["kan"] and "aangewezen" not in outcome.title,
    ),
    Rule(
        "na de verwijscriteria staan video-feedback (3.1), een geïndiceerde interventie (3.2) en "
        "verwijzen (3.3) naast elkaar",
        lambda path: answered(path, "criteria", "twee-of-meer") or answered(path, "criteria", "minder-dan-twee"),
        lambda outcome: cites(outcome, "aanbeveling-3-1", "aanbeveling-3-2")
        and re.search(r"\bkan\b[^.]*verwezen|verwezen[^.]*\bkan\b|\bkan worden verwezen", outcome_text(outcome)),
    ),
    Rule(
        "minder dan twee criteria: de richtlijn noemt verwijzen ook dan ('lichte' hulp onvoldoende)",
        lambda path: answered(path, "criteria", "minder-dan-twee"),
        lambda outcome: "onvoldoende heeft aan begeleiding door de JGZ kan verwezen worden"
        in " ".join(" ".join(quote.split()) for quote in outcome.quotes),
    ),
]


def violations(tree: Tree, rules: list[Rule]) -> list[str]:
    found = []
    for path, outcome in complete_paths(tree):
        for rule in rules:
            if rule.applies(path) and not rule.holds(outcome):
                route = "/".join(answer.id for _, answer in path)
                found.append(f"{tree.id}:{route} → {outcome.id}: {rule.name}")
    return found


def test_every_path_of_the_referral_tree_keeps_the_rules():
    assert violations(TREES["vervolgstap"], VERVOLGSTAP_RULES) == []


def test_the_rules_catch_the_defects_they_were_written_for():
    """The controls fail on purpose: each rule is broken once in a copy of the real tree."""
    tree, _ = parse_tree(load_yaml((ROOT / "content/hulpmiddelen/_data/beslisboom-van-zorg-naar-vervolgstap.yaml")
                                   .read_text(encoding="utf-8")))
    outcomes = {outcome.id: outcome for outcome in tree.outcomes}
    questions = {question.id: question for question in tree.questions}

    def answer(question_id: str, answer_id: str) -> Answer:
        return next(a for a in questions[question_id].answers if a.id == answer_id)

    # The old defect: a parent's denial of a problematic relationship ended in "come back later".
    later = Outcome("later", "Terugkomen in een volgend contactmoment kan", outcomes["veilig"].advice,
                    1, [outcomes["veilig"].sources[0]], ["kan"], outcomes["veilig"].quotes)
    tree.outcomes.append(later)
    tree.by_id["later"] = later
    answer("herkent-problematisch", "nee").to = "later"
    # The old defect: the combination that is "aangewezen" shown as a plain "kan".
    answer("criteria-onveilig", "aangewezen").to = "verwijzen-onveilig"
    # The old defect: three options made exclusive (an outcome that names only one of them).
    exclusive = outcomes["jgz-problematisch"]
    exclusive.sources = [source for source in exclusive.sources if source.target != "aanbeveling-3-2"]

    # The old defect: fewer than two criteria in a problematic relationship hid what is "nodig".
    outcomes["jgz-problematisch"].advice = outcomes["jgz-onveilig"].advice[:1]
    outcomes["jgz-problematisch"].title = outcomes["jgz-onveilig"].title

    found = violations(tree, VERVOLGSTAP_RULES)
    assert any("problematisch/nee → later: een vermoeden" in line for line in found)
    assert any("problematisch/nee → later: herkent de ouder" in line for line in found)
    assert any("meer-onveilig/ja/aangewezen → verwijzen-onveilig: criteria 1, 2 en 3" in line for line in found)
    assert any("problematisch/ja/minder-dan-twee → jgz-problematisch: na de verwijscriteria" in line for line in found)
    assert any("problematisch/ja/minder-dan-twee → jgz-problematisch: bij een vermoeden" in line for line in found)


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_outcome_speaks_with_the_modality_of_the_guideline_sentences_it_quotes(tree_id):
    tree = TREES[tree_id]
    reached = {outcome.id for _, outcome in complete_paths(tree)}
    assert reached == {outcome.id for outcome in tree.outcomes}
    for outcome in tree.outcomes:
        assert modality_problems(outcome.title, outcome.modality, outcome.quotes) == [], outcome.id
        for quote in outcome.quotes:
            assert quote_in_source(quote, SOURCE_TEXT), f"{tree_id}/{outcome.id}: {quote[:60]}"
        assert bool(outcome.silence) or not claims_silence(outcome_text(outcome)), outcome.id


def test_a_title_stronger_or_weaker_than_its_quote_is_refused():
    refer = "Bij aanhoudende, ernstige problematiek kan verwezen worden naar meer intensieve hulp buiten de JGZ."
    # The old defect: "Verwijs ..." (an order) on a sentence that says "kan".
    assert "gebiedende wijs" in modality_problems("Verwijs naar meer intensieve hulp", ["gebiedend"], [refer])[0]
    assert modality_problems("Verwijzen naar meer intensieve hulp", ["kan"], [refer])[0].startswith(
        "de titel zegt niet 'kan'")
    assert "'is aangewezen'" in modality_problems("Verwijzen is aangewezen", ["kan"], [refer])[0]
    assert "geen zin onder 'onderbouwing' zegt 'is aangewezen'" in modality_problems(
        "Verwijzen is aangewezen", ["is aangewezen"], [refer])[0]
    assert modality_problems("Verwijzen kan", ["kan"], [refer]) == []
    # The guideline's own imperative may stand as an imperative.
    assert modality_problems("Benut elk contactmoment", ["gebiedend"],
                             ["Benut in elk contactmoment de mogelijkheid om ..."]) == []


def test_a_quote_that_is_not_in_the_guideline_is_refused():
    assert quote_in_source("kan verwezen worden naar meer intensieve hulp buiten de JGZ", SOURCE_TEXT)
    assert quote_in_source("Als de ouder-kindrelatie problematisch verloopt [...] aangewezen", SOURCE_TEXT)
    assert not quote_in_source("Bij lichte problemen kan altijd verwezen worden.", SOURCE_TEXT)
    assert not quote_in_source("aangewezen [...] Als de ouder-kindrelatie problematisch verloopt", SOURCE_TEXT)


# --------------------------------------------------------------------------------------------
# Claims that the guideline is silent: every one is marked, and every one is in the hazard log.


def marked_silences() -> set[str]:
    """Tree outcomes marked 'zwijgt', and the places where a form says the guideline (or its
    source) is silent: a declared gap in the bands, or the explanation why there are none."""
    import yaml

    found = {f"{tree.id}/{outcome.id}" for tree in TREES.values() for outcome in tree.outcomes if outcome.silence}
    for path in sorted((ROOT / "content").rglob("_data/formulier-*.yaml")):
        form = yaml.safe_load(path.read_text(encoding="utf-8"))
        claims = {f"gat-{gap['van']}": gap["tekst"] for gap in form.get("gaten", [])}
        if "geen-banden" in form:
            claims["geen-banden"] = form["geen-banden"]
        found |= {f"formulier-{form['id']}/{key}" for key, text in claims.items() if claims_silence(text)}
    return found


def reviewed_silences() -> set[str]:
    """The places listed in the hazard log's review table (`boom/uitkomst` or `formulier-x/…`)."""
    text = HAZARD_LOG.read_text(encoding="utf-8")
    section = text[text.index("(zwijgt-lijst)="):]
    section = section[: section.index("\n## ", section.index("\n## ") + 1)]
    return set(re.findall(r"^\| `([a-z0-9-]+/[a-z0-9-]+)` \|", section, flags=re.M))


def test_every_claim_of_silence_is_marked_and_reviewed_in_the_hazard_log():
    assert marked_silences() == reviewed_silences()


def test_an_unmarked_claim_of_silence_is_refused():
    assert claims_silence("Voor deze situatie geeft de richtlijn geen advies.")
    assert claims_silence("De richtlijn noemt geen instrument voor deze leeftijd.")
    assert claims_silence("De richtlijn geeft bij Tabel 2.1 geen afkappunt in aantallen.")
    assert not claims_silence("De richtlijn noemt drie instrumenten.")


# --------------------------------------------------------------------------------------------
# The built site: what a reader sees


def test_the_recommendation_card_marks_what_it_leaves_out(site):
    """The one-line card of 3.3 cut away 'twee of meer van het volgende' without saying so."""
    html = (site / "kaarten" / "aanbevelingen.html").read_text(encoding="utf-8")
    line = html[html.index("#aanbeveling-3-3"):]
    line = line[: line.index("</li>")]
    assert "[…] ingekort: de rest staat in de aanbeveling" in line


def test_the_path_table_gives_each_path_its_modality_and_the_guideline_sentences(site):
    for tree_id, tree in TREES.items():
        text = (site / "beslisbomen" / f"{tree_id}.csv").read_text(encoding="utf-8-sig")
        table = list(csv.reader(text.splitlines(), delimiter=";"))
        assert len(table) == 1 + len(complete_paths(tree))
        for row in table[1:]:
            assert row[3] and row[4].startswith("“"), row


def test_the_huilen_case_agrees_with_the_referral_form_it_links():
    """The answer key once called 'one criterion is enough' wrong while the form and Thema 3 say
    referral can follow from one criterion (too little from JGZ guidance)."""
    import yaml

    case = yaml.safe_load((ROOT / "content/oefenen/_data/casus-huilen.yaml").read_text(encoding="utf-8"))
    question = next(q for q in case["vragen"] if q["id"] == "verwijzen")
    wrong = [option for option in question["opties"] if option["juist"] == "nee"]
    form = yaml.safe_load((ROOT / "content/hulpmiddelen/_data/formulier-verwijscriteria.yaml").read_text(encoding="utf-8"))
    under_two = next(band for band in form["banden"] if band["van"] == 0)
    # The form says referral is possible below two criteria; no wrong answer may deny that.
    assert "kan verwezen worden" in " ".join(under_two["lijst"])
    for option in wrong:
        assert not re.search(r"\b(één|een|1) criterium\b", option["tekst"], re.IGNORECASE), option["tekst"]


def test_sharing_without_consent_gives_all_five_questions_together_and_no_verdict_per_answer():
    """The five questions of Thema 4 once became a yes/no sequence with a conclusion after each
    answer; the guideline gives no order and no outcome per answer."""
    tree = TREES["informatie-delen"]
    assert [question.id for question in tree.questions] == ["toestemming"]
    weighing = next(outcome for outcome in tree.outcomes if outcome.id == "afweging")
    text = " ".join(" ".join(block.split()) for block in weighing.advice)
    for question in (
        "Welk doel moet bereikt worden met het geven van de informatie?",
        "Kan dit doel ook bereikt worden zonder de informatie te verstrekken?",
        "Is echt al het nodige geprobeerd om toch toestemming te verkrijgen van de gezinsleden?",
        "Weegt het gevaar of ernstig nadeel bij een van de gezinsleden (een of meer jeugdigen) wel op "
        "tegen het belang dat een ander gezinslid bij geheimhouding heeft?",
        "Wie heeft de informatie echt nodig om het gevaar of het ernstige nadeel voor het gezinslid af "
        "te wenden? Welke informatie heeft die professional echt nodig?",
    ):
        assert question in text
        assert quote_in_source(question, SOURCE_TEXT)
    assert "geheimhouding waar mogelijk, en zorgvuldige doorbreking van het geheim waar nodig" in text
    assert "Juridische Toolkit" in text and "Meldcode" in text


def test_every_control_in_the_hazard_log_names_tests_that_exist():
    """A control without a real test is no control: each `tests/x.py::name` must be a test."""
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", HAZARD_LOG.read_text(encoding="utf-8"))
    assert len(named) >= 10
    for module, function in named:
        source = (ROOT / module).read_text(encoding="utf-8")
        assert re.search(rf"^def {function}\(", source, flags=re.M), f"{module}::{function} bestaat niet"


def test_a_form_without_its_caution_that_it_is_no_diagnosis_is_refused():
    import yaml

    from jgz.scoreformulier import Checker, load_yaml as load_form, validate

    for path in sorted((ROOT / "content").rglob("_data/formulier-*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert "geen diagnose" in yaml.safe_load(text)["voorbehoud"].lower(), path.name
        checker = Checker()
        validate(load_form(re.sub(r"^voorbehoud:.*\n(?:  .*\n)*", "", text, flags=re.M)), checker)
        assert any("'voorbehoud' ontbreekt" in error.message for error in checker.errors), path.name


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_question_and_outcome_cites_a_source(tree_id):
    """Answers rest on their question's sources; a source that does not resolve breaks the build."""
    tree = TREES[tree_id]
    assert all(question.sources for question in tree.questions)
    assert all(outcome.sources for outcome in tree.outcomes)
