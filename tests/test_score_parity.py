"""jgz-score.js and the build's rules in scoreformulier.py give the same totals and outcomes.

Table-driven and without a build or a browser: every form of the site and of the test root goes
through the Python rules (ranges, limits, the outcome per total) and, with the same answers,
through the script itself in Node.js. Answers: none, one complete set for every total the form
can reach, each item on its own, and every combination where there are few, else a fixed random sample, complete and
partly answered.
"""

import itertools
import json
import random
import shutil
import subprocess

import pytest

from conftest import ROOT, site_forms
from jgz import scoreformulier as sf

SCRIPT = ROOT / "_ext" / "jgz" / "static" / "jgz-score.js"
TEST_FORMS = sorted((ROOT / "tests" / "roots" / "test-scoreformulier" / "_data").glob("formulier-*.yaml"))
ALL_COMBINATIONS_UP_TO = 5000
SAMPLES = 400

# Node runs the script as a page would (a global ``window``) on {forms, cases} from stdin and
# prints what ``evaluate`` gives for each case.
RUNNER = """
globalThis.window = globalThis;
require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { forms, cases } = JSON.parse(input);
  const results = cases.map(([id, answers]) => {
    const result = window.JGZ.score.evaluate(forms[id], answers);
    return [result.total, result.value, result.clampSide, result.complete,
            result.outcome && [result.outcome.kind, result.outcome.index], result.open.map((item) => item.id)];
  });
  process.stdout.write(JSON.stringify(results));
});
"""


def models() -> dict[str, dict]:
    paths = [form.data for form in site_forms().values()] + TEST_FORMS
    found = {}
    for path in paths:
        checker = sf.Checker()
        model = sf.validate(sf.load_yaml(path.read_text(encoding="utf-8")), checker)
        assert checker.errors == [], path
        found[model["id"]] = model
    return found


def choices(model: dict, item: dict) -> list:
    """What one item can be given: None (open) or an option's index, or ticked (True) or not."""
    if item["opties"]:
        return [None, *range(len(item["opties"]))]
    return [False, True]


def value_range(model: dict, item: dict) -> tuple[int, int]:
    values = sf.item_values(model, item)
    return min(values), max(values)


def points(model: dict, item: dict, choice) -> int:
    """What ``choice`` adds to the total, by the build's rules."""
    if item["opties"]:
        return item["opties"][choice]["punten"]
    low, high = value_range(model, item)
    return (high if low == 0 else low) if choice else 0


def reaching(model: dict, total: int) -> dict | None:
    """Complete answers whose total is ``total``: from the lowest total, each item in turn takes
    the choice that adds most without passing it; None if that does not end on ``total``."""
    answers, rest = {}, total - min(sf.raw_totals(model))
    for item in model["items"]:
        options = [choice for choice in choices(model, item) if choice is not None]
        low = min(points(model, item, choice) for choice in options)
        fitting = [choice for choice in options if points(model, item, choice) - low <= rest]
        choice = max(fitting, key=lambda choice: points(model, item, choice))
        answers[item["id"]] = choice
        rest -= points(model, item, choice) - low
    return answers if rest == 0 else None


def answer_sets(model: dict) -> list[dict]:
    items = model["items"]
    options = [choices(model, item) for item in items]
    sets = [{}]
    # One answer set per total the answers can give (before the limits), so every band edge.
    sets += [answers for total in sorted(sf.raw_totals(model)) if (answers := reaching(model, total))]
    sets += [{item["id"]: choice} for item, item_choices in zip(items, options) for choice in item_choices]
    count = 1
    for item_choices in options:
        count *= len(item_choices)
    if count <= ALL_COMBINATIONS_UP_TO:
        combinations = itertools.product(*options)
    else:
        rng = random.Random(model["id"])
        complete = [[choice for choice in item_choices if choice is not None] for item_choices in options]
        combinations = [tuple(rng.choice(c) for c in complete) for _ in range(SAMPLES)]
        combinations += [tuple(rng.choice(c) for c in options) for _ in range(SAMPLES)]
    for combination in combinations:
        sets.append({item["id"]: choice for item, choice in zip(items, combination)})
    # The script's answers: an option's index for a question, true for a ticked item.
    return [{key: value for key, value in answers.items() if value is not None and value is not False}
            for answers in sets]


def limited(model: dict, total: int) -> tuple[int, str | None]:
    low, high = sf.possible_range(model)
    clamp = model["begrenzen"]
    if clamp and total < low:
        return low, "below"
    if clamp and total > high:
        return high, "above"
    return total, None


def expected(model: dict, answers: dict) -> list:
    """What the Python rules say the script must give: [total, value, clampSide, complete,
    outcome, open items]."""
    total, low, high, open_items = 0, 0, 0, []
    for item in model["items"]:
        answer = answers.get(item["id"])
        if item["opties"] and answer is None:
            open_items.append(item["id"])
            item_low, item_high = value_range(model, item)
            low, high = low + item_low, high + item_high
            continue
        if item["opties"]:
            value = item["opties"][answer]["punten"]
        else:
            value = (1 if model["regel"] == "aantal" else item["punten"]) if answer else 0
        total, low, high = total + value, low + value, high + value
    complete = not open_items
    value, side = limited(model, total)
    outcome = None
    if model["banden"]:
        # Known when every total the open questions can still give has one and the same outcome.
        totals = range(limited(model, low)[0], limited(model, high)[0] + 1)
        outcomes = {sf.outcome_for(model, t) for t in totals}
        if len(outcomes) == 1 and None not in outcomes:
            kind, index = outcomes.pop()
            outcome = ["band" if kind == "band" else "gap", index]
    return [total, value, side if complete else None, complete, outcome, open_items]


MODELS = models()


def run_script(forms: dict, cases: list) -> list:
    node = shutil.which("node")
    if not node:
        pytest.fail("Node.js ontbreekt: deze test draait jgz-score.js met 'node' (Debian-pakket nodejs).",
                    pytrace=False)
    result = subprocess.run([node, "-e", RUNNER, str(SCRIPT)], input=json.dumps({"forms": forms, "cases": cases}),
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_table_has_every_kind_of_form():
    """The cases cover the rules: a sum, a count, limits, gaps, forms without bands."""
    assert {model["regel"] for model in MODELS.values()} == {"som", "aantal"}
    assert any(model["begrenzen"] for model in MODELS.values())
    assert any(model["gaten"] for model in MODELS.values())
    assert any(not model["banden"] for model in MODELS.values())


@pytest.mark.parametrize("form_id", MODELS)
def test_the_script_and_the_build_agree_on_every_answer_set(form_id):
    model = MODELS[form_id]
    answers = answer_sets(model)
    results = run_script({form_id: sf.client_data(model)}, [[form_id, a] for a in answers])
    complete_totals = {expected(model, a)[0] for a in answers if expected(model, a)[3]}
    edges = {edge for band in model["banden"] + model["gaten"] for edge in (band["van"], band["tot"])}
    totals = sf.raw_totals(model)
    assert {edge for edge in edges if edge in totals} <= complete_totals, "niet elke bandgrens getest"
    mismatches = [(a, got, expected(model, a)) for a, got in zip(answers, results) if got != expected(model, a)]
    assert mismatches[:5] == [], f"{len(mismatches)} van {len(answers)} verschillen"


def test_the_parity_check_sees_a_script_that_counts_differently():
    """Counterproof: a band that the script reads one point higher than the build is caught."""
    model = MODELS["lsvg"]
    data = sf.client_data(model)
    data["bands"][0]["max"] += 1
    answers = answer_sets(model)
    results = run_script({"lsvg": data}, [["lsvg", a] for a in answers])
    assert any(got != expected(model, a) for a, got in zip(answers, results))
