"""Training cases (``casus``): a situation from the guideline, questions with answer options, and
feedback that cites the recommendations.

``:::{casus} _data/casus-huilen.yaml`` reads one case from a YAML file beside the page (or, without
an argument, from the directive's body): the situation, where the guideline describes it, and
questions whose options each carry feedback, sources (real cross-references, so a renumbered
recommendation breaks the build) and optionally a link that opens a decision tree or a form pre-set
to the case's answers.  The build checks everything and reports each problem with file, line and a
plain Dutch explanation.

The page shows a box saying that the case is training material, the situation, the questions as
fieldsets with native radio buttons, and an answer key (``<details>``) with the feedback on every
option: readable without JavaScript and printed as an answer key on its own page.
``jgz-casus.js`` shows the feedback on the chosen option in a status region and adds "Antwoorden wissen",
"Handout afdrukken (zonder antwoorden)" and "Antwoordblad afdrukken".  Nothing is stored or sent.
The editors' manual is ``docs/casus.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .assets import heading_level, needs_script, needs_stylesheet
from .datadirective import YamlDataDirective, unknown_option
# The YAML checks of the decision trees, shared so that both report mistakes in the same words.
from .beslisboom import (
    ID,
    RECOMMENDATION,
    Problems,
    Source,
    _about,
    _blocks,
    _check_keys,
    _id,
    _text,
    parse_source,
)
from .beslisboom import anchor as tree_anchor
from .beslisboom import trees
from .rendering import PlainOutputTransform, render
from .scoreformulier import IDENTIFIER as ITEM_ID
from .scoreformulier import forms, preset_fragment
from .store import DocumentStore
from .yamldata import DataError, YamlList, YamlMap, YamlText, load

logger = logging.getLogger(__name__)

cases = DocumentStore("jgz_casussen")

LETTERS = "ABCDEFGHIJ"
VERDICT = {True: "Juist", False: "Niet juist"}
CASE_KEYS = ({"id", "titel", "leeftijd", "situatie", "bronnen", "vragen"}, set())
QUESTION_KEYS = ({"id", "vraag", "opties"}, {"toelichting"})
OPTION_KEYS = ({"tekst", "juist", "feedback", "bronnen"}, {"hulpmiddel"})
TOOL_KEYS = {"beslisboom", "pad", "formulier", "antwoorden"}
FORM_LABEL = "formulier-"
TRAINING_LABEL = "Oefenmateriaal:"
TRAINING_NOTE = (
    "deze casus is geen onderdeel van de richtlijn. De situatie is bedacht voor "
    "onderwijs en beschrijft alleen wat de richtlijn zelf beschrijft; de toelichting bij de antwoorden "
    "citeert de richtlijn en verwijst naar de aanbevelingen."
)


def load_yaml(text: str):
    return load(text, empty="de casus is leeg; verwacht: id, titel, leeftijd, situatie, bronnen en vragen.")


# --------------------------------------------------------------------------------------------
# The case and its validation


@dataclass
class Tool:
    """A decision tree pre-set to ``path`` (answer ids), or a form pre-set to ``answers``."""

    kind: str  # "beslisboom" or "formulier"
    target: str
    path: list[str]
    line: int
    # A form's preset: (item id, answer text for a question or None for an item to tick, line).
    answers: list[tuple[str, str | None, int]] = field(default_factory=list)


@dataclass
class Option:
    letter: str
    text: str
    correct: bool
    feedback: list[YamlText]
    sources: list[Source]
    tool: Tool | None
    line: int


@dataclass
class Question:
    id: str
    text: str
    explanation: list[YamlText] | None
    options: list[Option]
    line: int


@dataclass
class Case:
    id: str
    title: str
    age: str
    story: list[YamlText]
    sources: list[Source]
    questions: list[Question] = field(default_factory=list)


def _list(mapping: YamlMap, key: str, what: str, problems: Problems) -> YamlList | None:
    if key not in mapping:
        return None
    value = mapping[key]
    if not isinstance(value, YamlList) or not value:
        problems.add(
            mapping.key_lines[key],
            _about(what, f"'{key}' moet een lijst zijn met minstens één onderdeel (regels die met '- ' beginnen)."),
        )
        return None
    return value


def _sources(mapping: YamlMap, what: str, problems: Problems) -> list[Source]:
    """``bronnen``: required, at least one, in the notation of the decision trees."""
    if "bronnen" not in mapping:
        return []  # reported as a missing key
    items = _list(mapping, "bronnen", what, problems)
    sources = []
    for item, line in zip(items or [], getattr(items, "item_lines", [])):
        source = parse_source(item.strip(), line) if isinstance(item, YamlText) and item.strip() else None
        if source is None:
            problems.add(
                line,
                _about(what, f"bron '{item}' heeft geen zichtbare tekst; verwacht: 'Tekst <label>', "
                       "'Tekst </map/pagina>' of 'aanbeveling-2-7'."),
            )
            continue
        sources.append(source)
    return sources


def parse_case(data) -> tuple[Case | None, Problems]:
    """Read and check a case; returns the case (None if unusable) and every problem found."""
    problems = Problems()
    if not isinstance(data, YamlMap):
        problems.add(getattr(data, "line", 1),
                     "de casus moet een groep sleutels zijn: id, titel, leeftijd, situatie, bronnen en vragen.")
        return None, problems
    _check_keys(data, *CASE_KEYS, "", problems)
    case_id = _id(data, "", problems)
    title = _text(data, "titel", "", problems)
    age = _text(data, "leeftijd", "", problems)
    story = _blocks(data, "situatie", "", problems)
    sources = _sources(data, "situatie", problems)
    questions = []
    seen: dict[str, int] = {}
    items = _list(data, "vragen", "", problems)
    for number, (item, line) in enumerate(zip(items or [], getattr(items, "item_lines", [])), 1):
        question = _question(item, line, number, seen, problems)
        if question:
            questions.append(question)
    if problems or None in (case_id, title, age, story):
        return None, problems
    return Case(case_id, str(title), str(age), story, sources, questions), problems


def _question(item, line: int, number: int, seen: dict, problems: Problems) -> Question | None:
    what = f"vraag {number}"
    if not isinstance(item, YamlMap):
        problems.add(line, _about(what, "verwacht een groep met id, vraag en opties."))
        return None
    question_id = _id(item, what, problems)
    if question_id in seen:
        problems.add(
            item.key_lines["id"],
            f"id '{question_id}' komt twee keer voor (eerder op regel {seen[question_id]}); "
            "verwacht: elke vraag een eigen id.",
        )
    elif question_id:
        seen[question_id] = item.key_lines["id"]
    what = f"vraag '{question_id}'" if question_id else what
    _check_keys(item, *QUESTION_KEYS, what, problems)
    text = _text(item, "vraag", what, problems)
    explanation = _blocks(item, "toelichting", what, problems)
    options = []
    entries = _list(item, "opties", what, problems)
    if entries is not None:
        if len(entries) < 2:
            problems.add(
                item.key_lines["opties"],
                _about(what, f"heeft {len(entries)} optie; verwacht: minstens twee opties."),
            )
        if len(entries) > len(LETTERS):
            problems.add(item.key_lines["opties"], _about(what, f"heeft meer dan {len(LETTERS)} opties."))
        for letter, entry, entry_line in zip(LETTERS, entries, entries.item_lines):
            options.append(_option(entry, entry_line, f"optie {letter} van {what}", letter, problems))
        valid = [option for option in options if option]
        if valid and len(valid) == len(options):
            if not any(option.correct for option in valid):
                problems.add(
                    item.line,
                    _about(what, "geen enkele optie heeft 'juist: ja'; verwacht: minstens één juiste optie."),
                )
            cited = [source for option in valid for source in option.sources]
            if not any(RECOMMENDATION.match(source.target) for source in cited):
                problems.add(
                    item.line,
                    _about(what, "geen enkele bron bij de opties is een aanbeveling; verwacht: minstens "
                           "één bron als 'aanbeveling-2-7'."),
                )
    if question_id and text and entries and None not in options:
        return Question(question_id, str(text), explanation, options, item.line)
    return None


def _option(entry, line: int, what: str, letter: str, problems: Problems) -> Option | None:
    if not isinstance(entry, YamlMap):
        problems.add(line, _about(what, "verwacht een groep met tekst, juist, feedback en bronnen."))
        return None
    _check_keys(entry, *OPTION_KEYS, what, problems)
    text = _text(entry, "tekst", what, problems)
    verdict = _text(entry, "juist", what, problems)
    if verdict is not None and verdict not in ("ja", "nee"):
        problems.add(verdict.line, _about(what, f"'juist' moet 'ja' of 'nee' zijn (nu: '{verdict}')."))
        verdict = None
    feedback = _blocks(entry, "feedback", what, problems)
    sources = _sources(entry, what, problems)
    tool = _tool(entry, what, problems)
    if text and verdict and feedback and sources and tool is not False:
        return Option(letter, str(text), verdict == "ja", feedback, sources, tool or None, line)
    return None


# A tree opens with its 'pad', a form with its 'antwoorden': the other key is a mistake.
MISPLACED_TOOL_KEY = {
    "pad": "hulpmiddel: een formulier heeft geen 'pad'; zet de antwoorden waarmee het opent onder "
           "'antwoorden'.",
    "antwoorden": "hulpmiddel: 'antwoorden' hoort bij een formulier; een beslisboom opent met de antwoorden "
                  "onder 'pad'.",
}


def _tool(entry: YamlMap, what: str, problems: Problems) -> Tool | None | bool:
    """``hulpmiddel``: None when absent, False when wrong (reported), else the tool."""
    if "hulpmiddel" not in entry:
        return None
    value, line = entry["hulpmiddel"], entry.key_lines["hulpmiddel"]
    if not isinstance(value, YamlMap):
        problems.add(
            line, _about(what, "'hulpmiddel' moet een groep zijn: 'beslisboom' met 'pad', of 'formulier' met 'antwoorden'.")
        )
        return False
    unknown = sorted(set(value) - TOOL_KEYS)
    if unknown:
        problems.add(
            line,
            _about(what, f"hulpmiddel: onbekende sleutel '{unknown[0]}'; verwacht: beslisboom, pad, formulier of antwoorden."),
        )
        return False
    if ("beslisboom" in value) == ("formulier" in value):
        problems.add(line, _about(what, "hulpmiddel: geef óf 'beslisboom' (met 'pad') óf 'formulier'."))
        return False
    misplaced = "pad" if "formulier" in value else "antwoorden"
    if misplaced in value:
        problems.add(value.key_lines[misplaced], _about(what, MISPLACED_TOOL_KEY[misplaced]))
        return False
    if "formulier" in value:
        target = value["formulier"]
        if not isinstance(target, YamlText) or not ID.match(target):
            problems.add(
                line,
                _about(what, f"hulpmiddel: formulier '{target}' is ongeldig; verwacht: het id van een formulier."),
            )
            return False
        answers = _answers(value, what, problems)
        return False if answers is None else Tool("formulier", str(target), [], line, answers)
    tree, path = value["beslisboom"], value.get("pad", YamlText("-"))
    valid_tree = isinstance(tree, YamlText) and ID.match(tree)
    if not valid_tree or not isinstance(path, YamlText) or not path.strip():
        problems.add(
            line,
            _about(what, "hulpmiddel: verwacht 'beslisboom: <id>' en eventueel 'pad: <antwoord>/<antwoord>' "
                   "met de id's van de antwoorden waarmee de beslisboom opent."),
        )
        return False
    steps = [step.strip() for step in path.split("/")] if "pad" in value else []
    return Tool("beslisboom", str(tree), steps, line)


ANSWERS_FORM = ("verwacht: onder elkaar '- <id>' voor elk item dat aangevinkt is en '- <id>: <antwoord>' "
                "voor elke vraag met een gekozen antwoord.")


def _answers(value: YamlMap, what: str, problems: Problems) -> list[tuple[str, str | None, int]] | None:
    """A form's ``antwoorden``: ``- <item>`` ticks an item, ``- <item>: <antwoord>`` answers a
    question.  Whether the items and answers exist is checked once every page is read."""
    if "antwoorden" not in value:
        return []
    entries, line = value["antwoorden"], value.key_lines["antwoorden"]
    if not isinstance(entries, YamlList) or not entries:
        problems.add(line, _about(what, f"hulpmiddel: 'antwoorden' moet een lijst zijn; {ANSWERS_FORM}"))
        return None
    answers, seen, valid = [], {}, True
    for number, (entry, entry_line) in enumerate(zip(entries, entries.item_lines), 1):
        if isinstance(entry, YamlText):
            item, answer = entry.strip(), None
        elif isinstance(entry, YamlMap) and len(entry) == 1 and isinstance(next(iter(entry.values())), YamlText):
            item, answer = next(iter(entry.items()))
            answer = " ".join(answer.split())
        else:
            item, answer = None, None
        if not item or not ITEM_ID.match(item):
            shown = f"'{entry}'" if isinstance(entry, YamlText) else str(number)
            problems.add(entry_line, _about(what, f"hulpmiddel: antwoord {shown} is ongeldig; {ANSWERS_FORM}"))
            valid = False
        elif item in seen:
            problems.add(
                entry_line,
                _about(what, f"hulpmiddel: item '{item}' staat twee keer onder 'antwoorden' (eerder op regel "
                       f"{seen[item]}); verwacht: elk item één keer."),
            )
            valid = False
        else:
            seen[item] = entry_line
            answers.append((str(item), answer, entry_line))
    return answers if valid else None


# --------------------------------------------------------------------------------------------
# Doctree nodes


class casus(nodes.General, nodes.Element):
    """The widget: ``casus_situatie``, ``casus_vragen`` and ``casus_antwoordblad``."""


class casus_situatie(nodes.General, nodes.Element):
    """The situation and where the guideline describes it."""


class casus_vragen(nodes.General, nodes.Element):
    """The questions (a form in HTML)."""


class casus_vraag(nodes.General, nodes.Element):
    """One question; its options are attributes, its children the explanation."""


class casus_antwoordblad(nodes.General, nodes.Element):
    """The answer key: the feedback on every option, folded away in HTML."""


class casus_sleutel(nodes.General, nodes.Element):
    """The answer key of one question."""


class casus_toelichting(nodes.General, nodes.Element):
    """The feedback on one option: verdict, text, sources and the link to a tool."""


class casus_hulpmiddel(nodes.General, nodes.Element):
    """Placeholder for the link to a decision tree (pre-set) or form; resolved after reading."""


def case_anchor(case_id: str, *parts: str) -> str:
    return "-".join(("casus", case_id, *(part.lower() for part in parts)))


class CasusDirective(YamlDataDirective):
    """``:::{casus} _data/casus-x.yaml`` or the YAML in the body."""

    optional_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        if (instead := unknown_option(self, "casus")) is not None:
            return instead
        text, source, first_line = self._read()
        self.yaml_source, self.yaml_first_line = source, first_line
        try:
            case, problems = parse_case(load_yaml(text))
        except DataError as error:
            case, problems = None, [(error.line, error.message)]
        if case is None:
            for line, message in problems:
                logger.warning(
                    "casus: %s", message, location=f"{source}:{first_line + line - 1}",
                    type="jgz", subtype="casus",
                )
            return [nodes.paragraph("", "Deze casus bevat fouten; zie de meldingen van de build.")]
        needs_script(self.env, "jgz-casus.js")
        needs_stylesheet(self.env, "jgz-casus.css")
        node = self._build(case)
        cases.add(self.env, self._record(case))
        return [node]

    def _read(self) -> tuple[str, str, int]:
        """The YAML, its file (the page for a body) and the file's line of the YAML's first line."""
        body = "\n".join(self.content)
        if not self.arguments:
            if not body.strip():
                raise self.error(
                    "casus: geen casus gevonden; verwacht: een YAML-bestand als argument of de YAML in "
                    "de tekst van de directive."
                )
            # MyST counts the content offset from the directive's own line.
            return body, self.get_source_info()[0], self.lineno + 1 + self.content_offset
        if body.strip():
            raise self.error(
                "casus: geef de casus óf als bestand (argument) óf in de tekst van de directive, niet allebei."
            )
        relative, absolute = self.env.relfn2path(self.arguments[0].strip(), self.env.docname)
        self.env.note_dependency(relative)
        path = Path(absolute)
        if not path.is_file():
            raise self.error(
                f"casus: het bestand '{self.arguments[0].strip()}' bestaat niet; verwacht: een YAML-bestand "
                "naast de pagina, bijvoorbeeld _data/casus-x.yaml."
            )
        return path.read_text(encoding="utf-8"), str(path), 1

    def _sources(self, label: str, sources: list[Source], classes: str) -> nodes.paragraph:
        paragraph = nodes.paragraph("", "", nodes.strong("", label), nodes.Text(" "), classes=[classes])
        for index, source in enumerate(sources):
            if index:
                paragraph += nodes.Text(", ")
            reftype = "doc" if source.is_document else "ref"
            xref = addnodes.pending_xref(
                "", nodes.inline(source.text, source.text, classes=["xref", "std", f"std-{reftype}"]),
                refdomain="std", reftype=reftype, reftarget=source.target,
                refexplicit=True, refwarn=True, refdoc=self.env.docname,
            )
            self._locate(xref, source.line)
            paragraph += xref
        return paragraph

    def _build(self, case: Case) -> casus:
        node = casus("", case_id=case.id, title=case.title, age=case.age, classes=["jgz-casus"])
        node["ids"].append(case_anchor(case.id))
        node["names"].append(case_anchor(case.id))
        self.state.document.note_explicit_target(node)
        self.set_source_info(node)

        situation = casus_situatie("", *self._markup(case.story))
        situation += self._sources("Waar de richtlijn dit beschrijft:", case.sources, "jgz-casus__bronnen")
        questions = casus_vragen("", case_id=case.id)
        key = casus_antwoordblad("", title=case.title)
        for number, question in enumerate(case.questions, 1):
            options = [{"letter": option.letter, "text": option.text} for option in question.options]
            asked = casus_vraag(
                "", question_id=question.id, number=number, text=question.text, options=options,
                ids=[case_anchor(case.id, question.id)],
            )
            if question.explanation:
                explanation = self._markup(question.explanation)
                asked += nodes.container("", *explanation, classes=["jgz-casus__toelichting"])
            questions += asked
            answers = casus_sleutel("", number=number, text=question.text)
            for option in question.options:
                feedback = casus_toelichting(
                    "", letter=option.letter, text=option.text, correct=option.correct,
                    ids=[case_anchor(case.id, question.id, option.letter)],
                )
                feedback += self._markup(option.feedback)
                feedback += self._sources("Bron:", option.sources, "jgz-casus__bronnen")
                if option.tool:
                    tool = casus_hulpmiddel(
                        "", kind=option.tool.kind, target=option.tool.target, path=option.tool.path,
                        answers=[(item, answer) for item, answer, _ in option.tool.answers],
                    )
                    self._locate(tool, option.tool.line)
                    feedback += tool
                answers += feedback
            key += answers
        node += [situation, questions, key]
        return node

    def _record(self, case: Case) -> dict:
        tools = [
            {
                "kind": option.tool.kind, "target": option.tool.target, "path": option.tool.path,
                "answers": [
                    (item, answer, f"{self.yaml_source}:{self._line(line)}")
                    for item, answer, line in option.tool.answers
                ],
                "location": f"{self.yaml_source}:{self._line(option.tool.line)}",
                "what": f"vraag '{question.id}', optie {option.letter}",
            }
            for question in case.questions for option in question.options if option.tool
        ]
        return {"id": case.id, "docname": self.env.docname, "lineno": self.lineno, "tools": tools}


# --------------------------------------------------------------------------------------------
# Links to the tools: checked once every page is read, resolved per builder


def _tree(env, tree_id: str) -> dict | None:
    return next((tree for tree in trees.records(env) if tree["id"] == tree_id), None)


def walk_tree(tree: dict, path: list[str]) -> tuple[list[tuple[dict, dict]], str | None]:
    """The (question, answer) steps of ``path``, and the problem where it stops fitting (or None)."""
    questions = {question["id"]: question for question in tree["vragen"]}
    steps, current = [], tree["start"]
    for answer_id in path:
        question = questions.get(current)
        if question is None:
            return steps, f"het pad gaat verder na de uitkomst '{current}'; verwacht: een pad dat daar stopt."
        answer = next((a for a in question["antwoorden"] if a["id"] == answer_id), None)
        if answer is None:
            known = ", ".join(a["id"] for a in question["antwoorden"])
            return steps, (f"vraag '{current}' heeft geen antwoord '{answer_id}'; verwacht: één van {known}.")
        steps.append((question, answer))
        current = answer["naar"]
    return steps, None


def _form(env, form_id: str) -> tuple[str, str] | None:
    """(docname, anchor) of the form with ``form_id``."""
    return env.domains.standard_domain.anonlabels.get(FORM_LABEL + form_id)


def _form_record(env, form_id: str) -> dict | None:
    """The record of the form that the label ``formulier-<id>`` points at."""
    found = _form(env, form_id)
    return found and next(
        (form for form in forms.records(env) if form["id"] == form_id and form["docname"] == found[0]), None
    )


def _form_items(env, form_id: str) -> dict[str, dict] | None:
    """The items of the form with ``form_id``, by id."""
    record = _form_record(env, form_id)
    return {item["id"]: item for item in record["items"]} if record else None


def form_preset(form_id: str, items: dict[str, dict], answers) -> tuple[list, list[tuple[str, str]]]:
    """The preset of ``answers`` ((item, answer text or None, location)) as (item id, answer
    number from 1 or None), and (location, problem) for every answer that does not fit."""
    preset, problems = [], []
    form = f"formulier '{form_id}'"
    for item_id, answer, location in answers:
        item = items.get(item_id)
        options = item and item["opties"]
        if item is None:
            problem = f"{form} heeft geen item '{item_id}'; verwacht: één van {', '.join(items)}."
        elif options and answer is None:
            problem = (f"{form}: item '{item_id}' is een vraag; geef het gekozen antwoord als "
                       f"'{item_id}: <antwoord>', met als antwoord één van {', '.join(options)}.")
        elif options and answer not in options:
            problem = (f"{form}: item '{item_id}' heeft geen antwoord '{answer}'; verwacht: één van "
                       f"{', '.join(options)}.")
        elif not options and answer is not None:
            problem = (f"{form}: item '{item_id}' is een item om aan te vinken en heeft geen antwoord; zet "
                       f"alleen '- {item_id}' onder 'antwoorden'.")
        else:
            preset.append((item_id, options.index(answer) + 1 if options else None))
            continue
        problems.append((location, problem))
    return preset, problems


def check_consistency(app: Sphinx, env) -> None:
    seen: dict[str, dict] = {}
    for record in cases.records(env):
        first = seen.setdefault(record["id"], record)
        if first is not record:
            logger.warning(
                "casus: id '%s' wordt al gebruikt door de casus in %s (regel %s); verwacht: elke casus "
                "op de site een eigen id.",
                record["id"], env.doc2path(first["docname"], False), first["lineno"],
                location=(record["docname"], record["lineno"]), type="jgz", subtype="casus",
            )
        for tool in record["tools"]:
            for location, problem in _tool_problems(env, tool):
                logger.warning(
                    "casus '%s', %s: %s", record["id"], tool["what"], problem,
                    location=location, type="jgz", subtype="casus",
                )


def _tool_problems(env, tool: dict) -> list[tuple[str, str]]:
    """(location, problem) for everything in a tool link that does not fit its tree or form."""
    if tool["kind"] == "formulier":
        items = _form_items(env, tool["target"])
        if items is not None:
            return form_preset(tool["target"], items, tool["answers"])[1]
        known = sorted(label[len(FORM_LABEL):] for label in env.domains.standard_domain.anonlabels
                       if label.startswith(FORM_LABEL))
        problem = f"formulier '{tool['target']}' bestaat niet; verwacht: één van {', '.join(known) or '(geen)'}."
        return [(tool["location"], problem)]
    problem = _tree_problem(env, tool)
    return [(tool["location"], problem)] if problem else []


def _tree_problem(env, tool: dict) -> str | None:
    tree = _tree(env, tool["target"])
    if tree is None:
        known = ", ".join(sorted(record["id"] for record in trees.records(env))) or "(geen)"
        return f"beslisboom '{tool['target']}' bestaat niet; verwacht: één van {known}."
    problem = walk_tree(tree, tool["path"])[1]
    return f"beslisboom '{tool['target']}': {problem}" if problem else None


def tool_target(env, node: casus_hulpmiddel) -> dict | None:
    """What a tool link shows: the tool's name, its page and anchor, and what follows the link."""
    if node["kind"] == "formulier":
        found, record = _form(env, node["target"]), _form_record(env, node["target"])
        if not found or not record:
            return None  # reported by check_consistency
        docname, label_id = found
        items = {item["id"]: item for item in record["items"]}
        # Answers that do not fit are reported by check_consistency; the link keeps those that do.
        answers = [(item, answer, "") for item, answer in node.get("answers", [])]
        preset = form_preset(node["target"], items, answers)[0]
        shown = "; ".join(
            items[item]["kort"] + (f": {items[item]['opties'][number - 1]}" if number else "")
            for item, number in preset
        )
        return {
            # The form's own title: a page can hold more than one form.
            "name": f"het formulier ‘{record['titel']}’", "docname": docname,
            "fragment": label_id,
            # Like a tree's path: "#formulier-<id>:<item>/<item>=<n>" (jgz-scoreformulier.js),
            # added by jgz-casus.js, so that without JavaScript the link lands on the form.
            "path": preset_fragment(preset),
            "after": f" met deze antwoorden: {shown}" if preset
            else " (het formulier opent leeg; de casus vult het niet in)",
        }
    tree = _tree(env, node["target"])
    if not tree:
        return None
    steps, _ = walk_tree(tree, node["path"])
    answers = " → ".join(" ".join(answer["tekst"].split()) for _, answer in steps)
    return {
        "name": f"de beslisboom ‘{tree['titel']}’", "docname": tree["docname"],
        "fragment": tree_anchor(tree["id"]),
        # The tree reads a walked path from the URL fragment, "#beslisboom-<id>:<answer>/<answer>"
        # (jgz-beslisboom.js); jgz-casus.js adds it, so that without JavaScript the link lands on
        # the tree's list form, which is an anchor of the page.
        "path": "/".join(node["path"]) if steps else "",
        "after": f" met deze antwoorden: {answers}" if steps else "",
    }


# --------------------------------------------------------------------------------------------
# HTML


def visit_casus_html(self, node: casus) -> None:
    self.body.append(render("casus_open.html", anchor=node["ids"][0], age=node["age"], label=TRAINING_LABEL,
                            note=TRAINING_NOTE))


def depart_casus_html(self, node: casus) -> None:
    self.body.append("</div>\n")


def visit_situatie_html(self, node: casus_situatie) -> None:
    level = heading_level(node)
    self.body.append(f'<section class="jgz-casus__situatie">\n<h{level}>Situatie</h{level}>\n')


def visit_vragen_html(self, node: casus_vragen) -> None:
    level = heading_level(node)
    # autocomplete="off": the browser does not keep the chosen answers (nothing is stored).
    self.body.append(f'<form class="jgz-casus__vragen" autocomplete="off">\n<h{level}>Vragen</h{level}>\n')


def depart_vragen_html(self, node: casus_vragen) -> None:
    self.body.append(render("casus_vragen_close.html"))


def depart_section_html(self, node: nodes.Element) -> None:
    self.body.append("</section>\n")


def visit_vraag_html(self, node: casus_vraag) -> None:
    self.body.append(render("casus_vraag_open.html", anchor=node["ids"][0], number=node["number"],
                            text=node["text"]))


def depart_vraag_html(self, node: casus_vraag) -> None:
    name = f"{case_anchor(node.parent['case_id'])}:{node['question_id']}"
    self.body.append(
        render("casus_vraag_close.html", anchor=node["ids"][0], name=name, options=node["options"])
    )


def visit_antwoordblad_html(self, node: casus_antwoordblad) -> None:
    self.body.append(render("casus_antwoordblad_open.html", title=node["title"], level=heading_level(node)))


def depart_antwoordblad_html(self, node: casus_antwoordblad) -> None:
    self.body.append("</details>\n")


def visit_sleutel_html(self, node: casus_sleutel) -> None:
    level = min(heading_level(node) + 1, 6)
    self.body.append(render("casus_sleutel_open.html", number=node["number"], text=node["text"], level=level))


def depart_sleutel_html(self, node: casus_sleutel) -> None:
    self.body.append("</ul>\n</section>\n")


def visit_hulpmiddel_html(self, node: casus_hulpmiddel) -> None:
    target = tool_target(self.builder.env, node)
    if target:
        # The single-page builder answers "#document-x": there the anchor alone is right.
        page = self.builder.get_relative_uri(self.builder.current_docname, target["docname"]).split("#")[0]
        self.body.append(render("casus_hulpmiddel.html", href=f"{page}#{target['fragment']}", **target))
    raise nodes.SkipNode


def depart_skipped(self, node: nodes.Element) -> None:
    """Never called: the visitor skips the node."""


def visit_toelichting_html(self, node: casus_toelichting) -> None:
    self.body.append(render("casus_toelichting_open.html", anchor=node["ids"][0], letter=node["letter"],
                            text=node["text"], correct=node["correct"], verdict=VERDICT[node["correct"]]))


def depart_toelichting_html(self, node: casus_toelichting) -> None:
    self.body.append("</li>\n")


# --------------------------------------------------------------------------------------------
# Text, LaTeX and other builders


def _question_title(node: casus_vraag | casus_sleutel) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.strong("", f"Vraag {node['number']}."), nodes.Text(" " + node["text"]))


class PlainCases(PlainOutputTransform):
    """For builders other than HTML: the case as paper, with the answer key after the questions."""

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(casus_hulpmiddel)):
            target = tool_target(self.env, node)
            text = f"Op de website: {target['name']}{target['after']}" if target else ""
            text += "" if text.endswith(".") or not text else "."  # an answer may end with its own
            node.replace_self(nodes.paragraph("", text, classes=["jgz-casus__hulpmiddel"]))
        for node in list(self.document.findall(casus_vraag)):
            options = nodes.bullet_list("", bullet="-")
            for option in node["options"]:
                options += nodes.list_item("", nodes.paragraph("", f"[ ] {option['letter']}. {option['text']}"))
            node.replace_self(nodes.container("", _question_title(node), *node.children, options, ids=node["ids"]))
        for node in list(self.document.findall(casus_toelichting)):
            verdict = f"{node['letter']}. {node['text']} — {VERDICT[node['correct']]}."
            verdict = nodes.paragraph("", "", nodes.strong("", verdict))
            node.replace_self(nodes.list_item("", verdict, *node.children, ids=node["ids"]))
        for node in list(self.document.findall(casus_sleutel)):
            node.replace_self([_question_title(node), nodes.bullet_list("", *node.children, bullet="-")])
        for kind, heading in ((casus_situatie, "Situatie"), (casus_vragen, "Vragen")):
            for node in list(self.document.findall(kind)):
                node.replace_self([nodes.paragraph("", "", nodes.strong("", heading)), *node.children])
        for node in list(self.document.findall(casus_antwoordblad)):
            title = nodes.paragraph("", "", nodes.strong("", f"Antwoordblad: {node['title']}"))
            node.replace_self(nodes.container("", title, *node.children, classes=["jgz-casus__antwoordblad"]))
        for node in list(self.document.findall(casus)):
            box = nodes.paragraph("", "", nodes.strong("", f"Oefencasus: {node['title']}"),
                                  nodes.Text(f" ({node['age']}). {TRAINING_LABEL} {TRAINING_NOTE}"))
            node.replace_self(nodes.container("", box, *node.children, ids=node["ids"]))




def setup(app: Sphinx) -> None:
    app.add_node(casus, html=(visit_casus_html, depart_casus_html))
    app.add_node(casus_situatie, html=(visit_situatie_html, depart_section_html))
    app.add_node(casus_vragen, html=(visit_vragen_html, depart_vragen_html))
    app.add_node(casus_vraag, html=(visit_vraag_html, depart_vraag_html))
    app.add_node(casus_antwoordblad, html=(visit_antwoordblad_html, depart_antwoordblad_html))
    app.add_node(casus_sleutel, html=(visit_sleutel_html, depart_sleutel_html))
    app.add_node(casus_toelichting, html=(visit_toelichting_html, depart_toelichting_html))
    app.add_node(casus_hulpmiddel, html=(visit_hulpmiddel_html, depart_skipped))
    app.add_directive("casus", CasusDirective)
    app.add_post_transform(PlainCases)
    cases.connect(app)
    app.connect("env-check-consistency", check_consistency)
