"""Interactive decision trees (``beslisboom``) read from YAML, with forms for every builder.

``:::{beslisboom} _data/beslisboom-welk-instrument.yaml`` reads a tree from a YAML file beside the
page (or, without an argument, from the directive's body): questions with answers, each answer
leading to another question or to an outcome, and outcomes with advice, what to record in the
dossier and the sources they rest on.  Sources are real cross-references (``aanbeveling-2-7``,
``Tabel 2.3 <tabel-2-3>``, ``Verwijscriteria </hulpmiddelen/verwijscriteria>``), so a renumbering
breaks the build, not the site.

The page gets the whole tree as nested lists (readable without JavaScript, in print, in text and
LaTeX); ``jgz-beslisboom.js`` turns those lists into one question at a time.  The build checks the
tree (unknown or duplicate ids, answers leading nowhere, unreachable parts, cycles, outcomes without
a source, empty texts) and reports every problem with file, line and a plain Dutch explanation.  It
also writes each tree as ``beslisbomen/<id>.json`` and as a decision table ``beslisbomen/<id>.csv``.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .assets import heading_level, needs_stylesheet, script_here
from .datadirective import YamlDataDirective, unknown_option
from .rendering import PlainOutputTransform, render
from .store import DocumentStore
from .veiligheid import claims_silence, modality_problems, quote_in_source
from .yamldata import DataError, YamlList, YamlMap, YamlText, load

logger = logging.getLogger(__name__)

trees = DocumentStore("jgz_beslisbomen")

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE = re.compile(r"^(?P<text>.+?)\s*<(?P<target>[^<>\s]+)>$")
RECOMMENDATION = re.compile(r"^aanbeveling-(\d+)-(\d+)$")
EXPORT_DIR = "beslisbomen"
ID_RULE = "kleine letters, cijfers en streepjes, bijvoorbeeld 'meer-onveilig'"


def load_yaml(text: str):
    """A tree's YAML with line numbers; scalars stay the text the author wrote."""
    return load(text, empty="de beslisboom is leeg; verwacht: id, titel, start, vragen en uitkomsten.")


# --------------------------------------------------------------------------------------------
# The tree and its validation

@dataclass
class Source:
    text: str
    target: str
    line: int

    @property
    def is_document(self) -> bool:
        return self.target.startswith("/")


@dataclass
class Answer:
    id: str
    text: str
    to: str
    line: int
    to_line: int
    explanation: list[YamlText] | None = None
    sources: list[Source] = field(default_factory=list)


@dataclass
class Question:
    id: str
    text: str
    line: int
    answers: list[Answer]
    explanation: list[YamlText] | None = None
    sources: list[Source] = field(default_factory=list)


@dataclass
class Outcome:
    id: str
    title: str
    advice: list[YamlText]
    line: int
    sources: list[Source]
    modality: list[str]
    quotes: list[YamlText]
    record: list[YamlText] | None = None
    silence: YamlText | None = None  # what the guideline does not say, for outcomes that say so


@dataclass
class Tree:
    id: str
    title: str
    start: str
    start_line: int
    questions: list[Question]
    outcomes: list[Outcome]
    by_id: dict[str, Question | Outcome] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {}
        for item in (*self.questions, *self.outcomes):
            self.by_id.setdefault(item.id, item)  # a duplicate id is reported by the graph check

    def node(self, node_id: str) -> Question | Outcome | None:
        return self.by_id.get(node_id)


class Problems(list):
    def add(self, line: int, message: str) -> None:
        self.append((line, message))


def _about(what: str, text: str) -> str:
    """``"vraag 'x': text"``, or just ``text`` for the tree itself (``what`` empty)."""
    return f"{what}: {text}" if what else text


TOP_KEYS = {"id", "titel", "start", "vragen", "uitkomsten"}
QUESTION_KEYS = ({"id", "vraag", "antwoorden"}, {"toelichting", "bronnen"})
# 'naar' and an outcome's 'bronnen' are required too, with their own message (see below).
ANSWER_KEYS = ({"id", "tekst"}, {"naar", "toelichting", "bronnen"})
OUTCOME_KEYS = ({"id", "titel", "advies", "modaliteit", "onderbouwing"}, {"bronnen", "dossier", "zwijgt"})


def _check_keys(mapping: YamlMap, required: set, optional: set, what: str, problems: Problems) -> None:
    allowed = sorted(required | optional)
    for key in mapping:
        if key not in allowed:
            problems.add(
                mapping.key_lines[key],
                _about(what, f"onbekende sleutel '{key}'; verwacht: {', '.join(allowed)}."),
            )
    for key in sorted(required - set(mapping)):
        problems.add(mapping.line, _about(what, f"de sleutel '{key}' ontbreekt."))


def _text(mapping: YamlMap, key: str, what: str, problems: Problems) -> YamlText | None:
    """A non-empty text under ``key``; missing keys are reported by ``_check_keys``."""
    if key not in mapping:
        return None
    value = mapping[key]
    if not isinstance(value, YamlText):
        problems.add(mapping.key_lines[key], _about(what, f"'{key}' moet tekst zijn, geen lijst of groep."))
        return None
    if not value.strip():
        problems.add(mapping.key_lines[key], _about(what, f"'{key}' is leeg; verwacht: een tekst."))
        return None
    return value


def _blocks(mapping: YamlMap, key: str, what: str, problems: Problems) -> list[YamlText] | None:
    """A text with markup, or a list of such texts (blocks that YAML anchors can reuse)."""
    if key not in mapping:
        return None
    value = mapping[key]
    if isinstance(value, YamlText):
        return [value] if _text(mapping, key, what, problems) else None
    if not isinstance(value, YamlList) or not value:
        problems.add(mapping.key_lines[key], _about(what, f"'{key}' moet een tekst zijn of een lijst met teksten."))
        return None
    blocks = []
    for block, line in zip(value, value.item_lines):
        if not isinstance(block, YamlText) or not block.strip():
            problems.add(line, _about(what, f"een blok van '{key}' is leeg of geen tekst; verwacht: een tekst."))
            return None
        blocks.append(block)
    return blocks


def _id(mapping: YamlMap, what: str, problems: Problems) -> str | None:
    value = _text(mapping, "id", what, problems)
    if value is None:
        return None
    if not ID.match(value):
        problems.add(value.line, _about(what, f"id '{value}' is ongeldig; verwacht: {ID_RULE}."))
        return None
    return str(value)


def _list(mapping: YamlMap, key: str, what: str, problems: Problems) -> YamlList | None:
    if key not in mapping:
        return None
    value = mapping[key]
    if not isinstance(value, YamlList):
        problems.add(mapping.key_lines[key], _about(what, f"'{key}' moet een lijst zijn (regels die met '- ' beginnen)."))
        return None
    return value


def _sources(mapping: YamlMap, what: str, problems: Problems, required: bool) -> list[Source]:
    items = _list(mapping, "bronnen", what, problems)
    if items is None:
        return []
    if required and not items:
        problems.add(
            mapping.key_lines["bronnen"],
            _about(what, "'bronnen' is leeg; verwacht: minstens één bron, bijvoorbeeld 'aanbeveling-2-7'."),
        )
    sources = []
    for item, line in zip(items, items.item_lines):
        if not isinstance(item, YamlText) or not item.strip():
            problems.add(line, _about(what, "een bron moet een tekst zijn, bijvoorbeeld 'Tabel 2.3 <tabel-2-3>'."))
            continue
        source = parse_source(item.strip(), line)
        if source is None:
            problems.add(
                line,
                _about(what, f"bron '{item.strip()}' heeft geen zichtbare tekst; verwacht: "
                       f"'Tekst <{item.strip()}>' (alleen 'aanbeveling-2-7' mag zonder tekst)."),
            )
            continue
        sources.append(source)
    return sources


def parse_source(text: str, line: int) -> Source | None:
    """``Tabel 2.3 <tabel-2-3>``, ``Titel </map/pagina>`` or a bare ``aanbeveling-2-7``."""
    match = SOURCE.match(text)
    if match:
        target = match["target"]
        return Source(match["text"], target if target.startswith("/") else target.lower(), line)
    bare = RECOMMENDATION.match(text.lower())
    if bare:
        return Source(f"Aanbeveling {bare[1]}.{bare[2]}", text.lower(), line)
    return None


def parse_tree(data) -> tuple[Tree | None, Problems]:
    """Read and check a tree; returns the tree (None if unusable) and every problem found."""
    problems = Problems()
    if not isinstance(data, YamlMap):
        problems.add(getattr(data, "line", 1), "de beslisboom moet een groep sleutels zijn: id, titel, start, vragen en uitkomsten.")
        return None, problems
    _check_keys(data, TOP_KEYS, set(), "", problems)
    tree_id = _id(data, "", problems)
    title = _text(data, "titel", "", problems)
    start = _text(data, "start", "", problems)
    questions = [q for q in _questions(data, problems) if q]
    outcomes = [o for o in _outcomes(data, problems) if o]
    if problems or tree_id is None or title is None or start is None:
        return None, problems
    tree = Tree(tree_id, str(title), str(start), start.line, questions, outcomes)
    _check_graph(tree, problems)
    return (None if problems else tree), problems


def _entries(data: YamlMap, key: str, kind: str, shape: str, keys: tuple[set, set], problems: Problems):
    """Each entry of the list ``key`` (the questions, the outcomes) that is a group: the group,
    its id (None when wrong) and how messages name it ("vraag 'x'", or "vraag 3" without an id)."""
    items = _list(data, key, "", problems)
    if items is not None and not items:
        problems.add(data.key_lines[key], f"'{key}' is leeg; verwacht: minstens één {kind}.")
    for number, (item, line) in enumerate(zip(items or [], getattr(items, "item_lines", [])), 1):
        what = f"{kind} {number}"
        if not isinstance(item, YamlMap):
            problems.add(line, _about(what, f"verwacht een groep met {shape}."))
            continue
        item_id = _id(item, what, problems)
        what = f"{kind} '{item_id}'" if item_id else what
        _check_keys(item, *keys, what, problems)  # keys: (required, optional)
        yield item, item_id, what


def _questions(data: YamlMap, problems: Problems):
    entries = _entries(data, "vragen", "vraag", "id, vraag en antwoorden", QUESTION_KEYS, problems)
    for item, question_id, what in entries:
        text = _text(item, "vraag", what, problems)
        explanation = _blocks(item, "toelichting", what, problems)
        sources = _sources(item, what, problems, required=False)
        answers = list(_answers(item, what, problems))
        if question_id and text and None not in answers:
            yield Question(question_id, str(text), item.line, answers, explanation, sources)


def _answers(question: YamlMap, what: str, problems: Problems):
    items = _list(question, "antwoorden", what, problems)
    if items is None:
        return
    if len(items) < 2:
        problems.add(
            question.key_lines["antwoorden"],
            _about(what, f"heeft {len(items)} antwoord(en); verwacht: minstens twee antwoorden."),
        )
    seen: dict[str, int] = {}
    for number, (item, line) in enumerate(zip(items, items.item_lines), 1):
        label = f"antwoord {number} van {what}"
        if not isinstance(item, YamlMap):
            problems.add(line, _about(label, "verwacht een groep met id, tekst en naar."))
            yield None
            continue
        answer_id = _id(item, label, problems)
        label = f"antwoord '{answer_id}' van {what}" if answer_id else label
        if answer_id in seen:
            problems.add(
                item.key_lines["id"],
                _about(label, f"het id staat twee keer bij deze vraag (eerder op regel {seen[answer_id]}); "
                       "verwacht: elk antwoord van een vraag een eigen id."),
            )
        elif answer_id:
            seen[answer_id] = item.key_lines["id"]
        _check_keys(item, *ANSWER_KEYS, label, problems)
        text = _text(item, "tekst", label, problems)
        target = _text(item, "naar", label, problems)
        if "naar" not in item:
            problems.add(
                item.line,
                _about(label, "leidt nergens heen; verwacht: 'naar' met het id van een vraag of uitkomst."),
            )
        explanation = _blocks(item, "toelichting", label, problems)
        sources = _sources(item, label, problems, required=False)
        if answer_id and text and target:
            yield Answer(answer_id, str(text), str(target), item.line, target.line, explanation, sources)
        else:
            yield None


def _outcomes(data: YamlMap, problems: Problems):
    entries = _entries(data, "uitkomsten", "uitkomst", "id, titel, advies en bronnen", OUTCOME_KEYS, problems)
    for item, outcome_id, what in entries:
        if "bronnen" not in item:
            problems.add(
                item.line,
                _about(what, "heeft geen bron; verwacht: 'bronnen' met de aanbeveling(en) of "
                       "tabel(len) waarop het advies rust."),
            )
        title = _text(item, "titel", what, problems)
        advice = _blocks(item, "advies", what, problems)
        record = _blocks(item, "dossier", what, problems)
        sources = _sources(item, what, problems, required=True)
        modality = _words(item, "modaliteit", what, problems)
        quotes = _blocks(item, "onderbouwing", what, problems)
        silence = _text(item, "zwijgt", what, problems)
        if title and modality and quotes:
            for message in modality_problems(title, modality, quotes):
                problems.add(item.key_lines["titel"], _about(what, message))
        if title and advice and silence is None:
            said = next((text for text in (title, *advice, *(record or [])) if claims_silence(text)), None)
            if said is not None:
                problems.add(
                    getattr(said, "line", item.line),
                    _about(what, "zegt dat de richtlijn zwijgt; zet onder 'zwijgt' waarover precies, "
                           "nadat u de hele brontekst hebt doorzocht (docs/veiligheid.md)."),
                )
        if outcome_id and title and advice and sources and modality and quotes:
            yield Outcome(outcome_id, str(title), advice, item.line, sources, modality, quotes, record, silence)


def _words(mapping: YamlMap, key: str, what: str, problems: Problems) -> list[str] | None:
    """One word or a list of words (``modaliteit: kan`` or ``modaliteit: [kan, is aangewezen]``)."""
    if key not in mapping:
        return None
    value = mapping[key]
    words = [value] if isinstance(value, YamlText) else value
    if not isinstance(words, YamlList | list) or not words or not all(
        isinstance(word, YamlText) and word.strip() for word in words
    ):
        problems.add(mapping.key_lines[key], _about(what, f"'{key}' moet een woord zijn of een lijst met woorden."))
        return None
    return [" ".join(word.split()) for word in words]


def _check_graph(tree: Tree, problems: Problems) -> None:
    seen: dict[str, int] = {}
    for item in (*tree.questions, *tree.outcomes):
        if item.id in seen:
            problems.add(
                item.line,
                f"id '{item.id}' komt twee keer voor (eerder op regel {seen[item.id]}); "
                "verwacht: elke vraag en uitkomst een eigen id.",
            )
        else:
            seen[item.id] = item.line
    known = ", ".join(seen)
    start = tree.node(tree.start)
    if start is None:
        questions = ", ".join(question.id for question in tree.questions)
        problems.add(tree.start_line, f"start '{tree.start}' bestaat niet; verwacht: het id van een vraag ({questions}).")
    elif not isinstance(start, Question):
        problems.add(tree.start_line, f"start '{tree.start}' is een uitkomst; verwacht: het id van een vraag.")
    for question in tree.questions:
        for answer in question.answers:
            if tree.node(answer.to) is None:
                problems.add(
                    answer.to_line,
                    f"antwoord '{answer.id}' van vraag '{question.id}' leidt nergens heen: "
                    f"'{answer.to}' bestaat niet; verwacht: één van {known}.",
                )
    if problems:
        return
    _check_cycles(tree, problems)
    if problems:
        return
    reachable, todo = {tree.start}, [tree.start]
    while todo:
        node = tree.node(todo.pop())
        for answer in getattr(node, "answers", []):
            if answer.to not in reachable:
                reachable.add(answer.to)
                todo.append(answer.to)
    for item in (*tree.questions, *tree.outcomes):
        if item.id not in reachable:
            kind = "vraag" if isinstance(item, Question) else "uitkomst"
            problems.add(
                item.line,
                f"{kind} '{item.id}' is onbereikbaar: geen antwoord leidt erheen vanaf start "
                f"'{tree.start}'; verwacht: een antwoord met 'naar: {item.id}', of verwijder de {kind}.",
            )


def _check_cycles(tree: Tree, problems: Problems) -> None:
    done: set[str] = set()

    def visit(question: Question, trail: list[str]) -> None:
        for answer in question.answers:
            if answer.to in trail:
                loop = " → ".join([*trail[trail.index(answer.to):], answer.to])
                problems.add(
                    answer.to_line,
                    f"antwoord '{answer.id}' van vraag '{question.id}' gaat terug naar '{answer.to}': "
                    f"de beslisboom draait dan rond ({loop}); verwacht: elke route eindigt in een uitkomst.",
                )
                continue
            target = tree.node(answer.to)
            if isinstance(target, Question) and target.id not in done:
                visit(target, [*trail, target.id])
        done.add(question.id)

    for question in tree.questions:
        if question.id not in done:
            visit(question, [question.id])


def complete_paths(tree: Tree) -> list[tuple[list[tuple[Question, Answer]], Outcome]]:
    """Every route from the start to an outcome, answers in their authored order (no cycles)."""
    paths = []

    def walk(node, steps):
        if isinstance(node, Outcome):
            paths.append((steps, node))
            return
        for answer in node.answers:
            walk(tree.node(answer.to), [*steps, (node, answer)])

    walk(tree.node(tree.start), [])
    return paths


# --------------------------------------------------------------------------------------------
# Doctree nodes

class beslisboom(nodes.General, nodes.Element):
    """The widget; its children are the whole tree as lists (the form without JavaScript)."""


class beslisboom_lijst(nodes.General, nodes.Element):
    """The whole tree as lists; folds away in the browser once the script runs."""


class beslisboom_vraag(nodes.list_item):
    """A question with its answers (attribute ``node_id``)."""


class beslisboom_antwoord(nodes.list_item):
    """An answer (attributes ``answer_id`` and ``target``)."""


class beslisboom_uitkomst(nodes.list_item):
    """An outcome with advice, dossier and sources (attribute ``node_id``)."""


class beslisboom_downloads(nodes.General, nodes.Element):
    """Links to the tree's JSON and decision table (HTML only)."""


def anchor(tree_id: str, node_id: str | None = None) -> str:
    return f"beslisboom-{tree_id}" + (f"-{node_id}" if node_id else "")


class BeslisboomDirective(YamlDataDirective):
    """``:::{beslisboom} pad/naar/beslisboom-x.yaml`` or the YAML in the body."""

    optional_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        if (instead := unknown_option(self, "beslisboom")) is not None:
            return instead
        page_source = self.get_source_info()[0]
        if self.arguments:
            if "".join(self.content).strip():
                raise self.error(
                    "beslisboom: geef de boom óf als bestand (argument) óf in de tekst van de "
                    "directive, niet allebei."
                )
            relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
            path = Path(absolute)
            self.env.note_dependency(relative)
            if not path.is_file():
                raise self.error(
                    f"beslisboom: het bestand '{self.arguments[0]}' bestaat niet (gezocht: {path}); "
                    "verwacht: een YAML-bestand naast de pagina, bijvoorbeeld _data/beslisboom-x.yaml."
                )
            text = path.read_text(encoding="utf-8")
            source, first_line = str(path), 1
        else:
            if not "".join(self.content).strip():
                raise self.error(
                    "beslisboom: geen boom gevonden; verwacht: een YAML-bestand als argument of de "
                    "YAML in de tekst van de directive."
                )
            text = "\n".join(self.content)
            source, first_line = page_source, self._body_first_line()
        self.yaml_source, self.yaml_first_line = source, first_line

        try:
            tree, problems = parse_tree(load_yaml(text))
        except DataError as error:
            tree, problems = None, [(error.line, error.message)]
        if tree is not None:
            problems = self._unquoted(tree)
            tree = None if problems else tree
        if tree is None:
            for line, message in problems:
                logger.warning(
                    "beslisboom: %s", message,
                    location=f"{source}:{first_line + line - 1}", type="jgz", subtype="beslisboom",
                )
            return [nodes.paragraph("", "Deze beslisboom bevat fouten; zie de meldingen van de build.")]

        needs_stylesheet(self.env, "jgz-beslisboom.css")
        node = self._build(tree)
        trees.add(self.env, self._record(tree, node))
        return [node]

    def _unquoted(self, tree: Tree) -> Problems:
        """Quotes under 'onderbouwing' that the guideline's source text does not contain."""
        problems = Problems()
        source_text = self.config.jgz_brontekst
        if not source_text:
            return problems
        if not Path(source_text).is_file():
            problems.add(1, f"de brontekst '{source_text}' bestaat niet; zet 'jgz_brontekst' in conf.py op "
                            "het tekstbestand van de richtlijn.")
            return problems
        for outcome in tree.outcomes:
            for quote in outcome.quotes:
                if not quote_in_source(quote, source_text):
                    problems.add(
                        quote.line,
                        f"uitkomst '{outcome.id}': dit citaat staat niet in de brontekst "
                        f"({source_text}): \"{' '.join(quote.split())[:80]}\"; citeer letterlijk, "
                        "en laat een stuk weg met [...].",
                    )
        return problems

    def _body_first_line(self) -> int:
        """The page line of the body's first line (MyST counts ``content_offset`` from the fence)."""
        if type(self.state).__module__.startswith("myst_parser"):
            return self.lineno + 1 + self.content_offset
        return self.content_offset + 1

    def _xref(self, source: Source) -> addnodes.pending_xref:
        reftype = "doc" if source.is_document else "ref"
        xref = addnodes.pending_xref(
            "",
            nodes.inline(source.text, source.text, classes=["xref", "std", f"std-{reftype}"]),
            refdomain="std", reftype=reftype, reftarget=source.target,
            refexplicit=True, refwarn=True, refdoc=self.env.docname,
        )
        self._locate(xref, source.line)
        return xref

    def _sources(self, sources: list[Source], label: str) -> nodes.container:
        paragraph = nodes.paragraph("", "", nodes.strong("", label + ":"), nodes.Text(" "))
        for index, source in enumerate(sources):
            if index:
                paragraph += nodes.Text(", ")
            paragraph += self._xref(source)
        return nodes.container("", paragraph, classes=["jgz-beslisboom__bronnen"])

    def _explanation(self, text: list[YamlText] | None) -> list[nodes.Node]:
        if text is None:
            return []
        return [nodes.container("", *self._markup(text), classes=["jgz-beslisboom__toelichting"])]

    def _build(self, tree: Tree) -> beslisboom:
        node = beslisboom("", tree_id=tree.id, start=tree.start, title=tree.title, classes=["jgz-beslisboom"])
        node["ids"].append(anchor(tree.id))
        self.set_source_info(node)
        numbers = {question.id: number for number, question in enumerate(tree.questions, 1)}
        outcomes = {outcome.id: outcome for outcome in tree.outcomes}

        summary = f"De hele beslisboom als lijst ({len(tree.questions)} vragen, {len(tree.outcomes)} uitkomsten)"
        whole = beslisboom_lijst("", summary=summary)
        whole += nodes.paragraph(
            "", f"Begin bij vraag {numbers[tree.start]}. Bij elk antwoord staat waar u verdergaat."
        )
        whole += nodes.paragraph("", "", nodes.strong("", "Vragen"))
        questions = nodes.bullet_list("", classes=["jgz-beslisboom__vragen", "open"])
        for question in tree.questions:
            item = beslisboom_vraag("", node_id=question.id, ids=[anchor(tree.id, question.id)])
            item += nodes.paragraph(
                "", "", nodes.strong("", f"Vraag {numbers[question.id]}."), nodes.Text(" "),
                nodes.inline(question.text, question.text, classes=["jgz-beslisboom__tekst"]),
            )
            item += self._explanation(question.explanation)
            if question.sources:
                item += self._sources(question.sources, "Bron")
            answers = nodes.bullet_list("", classes=["jgz-beslisboom__antwoorden", "open"])
            for answer in question.answers:
                if answer.to in outcomes:
                    words, where = "–", f"uitkomst: {outcomes[answer.to].title}"
                else:
                    words, where = "– verder bij", f"vraag {numbers[answer.to]}"
                answer_item = beslisboom_antwoord("", answer_id=answer.id, target=answer.to)
                answer_item += nodes.paragraph(
                    "", "",
                    nodes.inline(answer.text, answer.text, classes=["jgz-beslisboom__tekst"]),
                    nodes.Text(f" {words} "),
                    nodes.reference(where, where, refid=anchor(tree.id, answer.to), internal=True),
                )
                answer_item += self._explanation(answer.explanation)
                if answer.sources:
                    answer_item += self._sources(answer.sources, "Bron")
                answers += answer_item
            item += answers
            questions += item
        whole += questions

        whole += nodes.paragraph("", "", nodes.strong("", "Uitkomsten"))
        results = nodes.bullet_list("", classes=["jgz-beslisboom__uitkomsten", "open"])
        for outcome in tree.outcomes:
            item = beslisboom_uitkomst("", node_id=outcome.id, ids=[anchor(tree.id, outcome.id)])
            item += nodes.paragraph(
                "", "", nodes.strong("", "Uitkomst:"), nodes.Text(" "),
                nodes.inline(outcome.title, outcome.title, classes=["jgz-beslisboom__tekst"]),
                classes=["jgz-beslisboom__titel"],
            )
            item += nodes.container("", *self._markup(outcome.advice), classes=["jgz-beslisboom__advies"])
            if outcome.record:
                item += nodes.container(
                    "", nodes.paragraph("", "", nodes.strong("", "In het dossier")),
                    *self._markup(outcome.record), classes=["jgz-beslisboom__dossier"],
                )
            if outcome.silence:
                item += nodes.container(
                    "", nodes.paragraph("", "", nodes.strong("", "Waar de richtlijn zwijgt:"),
                                        nodes.Text(" " + " ".join(outcome.silence.split()))),
                    classes=["jgz-beslisboom__zwijgt"],
                )
            item += nodes.container(
                "", nodes.paragraph("", "", nodes.strong("", "Letterlijk in de richtlijn")),
                *(nodes.paragraph("", f"“{' '.join(quote.split())}”") for quote in outcome.quotes),
                classes=["jgz-beslisboom__onderbouwing"],
            )
            item += self._sources(outcome.sources, "Gebaseerd op")
            results += item
        whole += results
        node += whole
        node += beslisboom_downloads("", tree_id=tree.id)
        return node

    def _record(self, tree: Tree, node: beslisboom) -> dict:
        """Plain data for the JSON and CSV export, with the texts as the reader sees them."""

        def part(item: nodes.Element, name: str, skip: int = 0) -> str | None:
            for child in item.children:
                if isinstance(child, nodes.container) and f"jgz-beslisboom__{name}" in child["classes"]:
                    return " ".join(" ".join(c.astext().split()) for c in child.children[skip:])
            return None

        def sources(items: list[Source]) -> list[dict]:
            return [{"tekst": source.text, "doel": source.target} for source in items]

        question_items = {item["node_id"]: item for item in node.findall(beslisboom_vraag)}
        outcome_items = {item["node_id"]: item for item in node.findall(beslisboom_uitkomst)}
        vragen = []
        for question in tree.questions:
            item = question_items[question.id]
            answer_items = list(item.findall(beslisboom_antwoord))
            vragen.append({
                "id": question.id,
                "vraag": question.text,
                "toelichting": part(item, "toelichting"),
                "bronnen": sources(question.sources),
                "antwoorden": [
                    {"id": answer.id, "tekst": answer.text, "naar": answer.to,
                     "toelichting": part(answer_item, "toelichting"), "bronnen": sources(answer.sources)}
                    for answer, answer_item in zip(question.answers, answer_items)
                ],
            })
        uitkomsten = [
            {
                "id": outcome.id,
                "titel": outcome.title,
                "advies": part(outcome_items[outcome.id], "advies"),
                "dossier": part(outcome_items[outcome.id], "dossier", skip=1),
                "modaliteit": outcome.modality,
                "onderbouwing": [" ".join(quote.split()) for quote in outcome.quotes],
                "zwijgt": " ".join(outcome.silence.split()) if outcome.silence else None,
                "bronnen": sources(outcome.sources),
            }
            for outcome in tree.outcomes
        ]
        paden = [
            {"antwoorden": [{"vraag": q.id, "antwoord": a.id} for q, a in steps], "uitkomst": outcome.id}
            for steps, outcome in complete_paths(tree)
        ]
        return {
            "id": tree.id, "titel": tree.title, "start": tree.start, "docname": self.env.docname,
            "lineno": self.lineno, "vragen": vragen, "uitkomsten": uitkomsten, "paden": paden,
        }


# --------------------------------------------------------------------------------------------
# Output: HTML, other builders, export

def visit_beslisboom_html(self, node: beslisboom) -> None:
    self.body.append(
        render(
            "beslisboom_open.html",
            anchor=node["ids"][0], tree_id=node["tree_id"], start=node["start"], title=node["title"],
            level=heading_level(node),
        )
    )


def depart_beslisboom_html(self, node: beslisboom) -> None:
    # Right after the tree: it becomes one question at a time before the text below it is shown.
    self.body.append("</div>\n" + script_here(self, "jgz-beslisboom.js"))


def visit_lijst_html(self, node: beslisboom_lijst) -> None:
    self.body.append(render("beslisboom_lijst_open.html", summary=node["summary"]))


def depart_lijst_html(self, node: beslisboom_lijst) -> None:
    self.body.append("</details>\n")


def _item_visitor(kind: str):
    def visit(self, node: nodes.list_item) -> None:
        self.body.append(
            render(
                "beslisboom_item_open.html",
                kind=kind, anchor=node["ids"][0] if node["ids"] else "",
                node_id=node.get("node_id") or node.get("answer_id"), target=node.get("target", ""),
            )
        )

    return visit


def depart_item_html(self, node: nodes.list_item) -> None:
    self.body.append("</li>\n")


def visit_downloads_html(self, node: beslisboom_downloads) -> None:
    page_dir = posixpath.dirname(self.builder.get_target_uri(self.builder.current_docname))
    base = posixpath.relpath(f"{EXPORT_DIR}/{node['tree_id']}", page_dir or ".")
    self.body.append(render("beslisboom_downloads.html", json=base + ".json", csv=base + ".csv"))
    raise nodes.SkipNode


def depart_downloads_html(self, node: beslisboom_downloads) -> None:
    pass  # SkipNode: never called


class PlainTrees(PlainOutputTransform):
    """For builders other than HTML: the tree as a titled container of plain nested lists."""

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(beslisboom_downloads)):
            node.parent.remove(node)
        for node in list(self.document.findall(beslisboom_lijst)):
            node.replace_self(node.children)
        for kind in (beslisboom_vraag, beslisboom_antwoord, beslisboom_uitkomst):
            for node in list(self.document.findall(kind)):
                item = nodes.list_item("", *node.children)
                if node["ids"]:
                    # A target keeps the "verder bij vraag 4" links working in LaTeX/PDF.
                    item.insert(0, nodes.target("", "", ids=node["ids"]))
                node.replace_self(item)
        for node in list(self.document.findall(beslisboom)):
            title = nodes.paragraph("", "", nodes.strong("", f"Beslisboom: {node['title']}"))
            node.replace_self(nodes.container("", title, *node.children, ids=node["ids"]))


def check_consistency(app: Sphinx, env) -> None:
    seen: dict[str, dict] = {}
    for record in trees.records(env):
        first = seen.setdefault(record["id"], record)
        if first is not record:
            logger.warning(
                "beslisboom: id '%s' wordt al gebruikt door de beslisboom in %s (regel %s); "
                "verwacht: elke beslisboom op de site een eigen id.",
                record["id"], env.doc2path(first["docname"], False), first["lineno"],
                location=(record["docname"], record["lineno"]), type="jgz", subtype="beslisboom",
            )


def check_unique_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The widget's anchors must not clash with other ids on the page (labels, headings)."""
    widgets = list(doctree.findall(beslisboom))
    if not widgets:
        return
    mine = {id(node) for widget in widgets for node in widget.findall(nodes.Element)}
    others = {
        anchor_id: node
        for node in doctree.findall(nodes.Element) if id(node) not in mine
        for anchor_id in node["ids"]
    }
    for widget in widgets:
        for node in widget.findall(nodes.Element):
            for anchor_id in node["ids"]:
                if anchor_id in others and anchor_id.startswith("beslisboom-"):
                    logger.warning(
                        "beslisboom: het anker '#%s' van beslisboom '%s' staat al op deze pagina (een "
                        "label of kop); verwacht: een ander label, of een ander id voor de boom.",
                        anchor_id, widget["tree_id"], location=others[anchor_id],
                        type="jgz", subtype="beslisboom",
                    )


def _url(app: Sphinx, target: str) -> str | None:
    std = app.env.domains.standard_domain
    if target.startswith("/"):
        docname = target.lstrip("/")
        return app.builder.get_target_uri(docname) if docname in app.env.all_docs else None
    if target in std.anonlabels:
        docname, label_id = std.anonlabels[target]
        return app.builder.get_target_uri(docname) + (f"#{label_id}" if label_id else "")
    return None


def export_tree(app: Sphinx, record: dict) -> dict:
    """The tree as published in ``beslisbomen/<id>.json``: sources with the page they point to."""
    def with_urls(sources: list[dict]) -> list[dict]:
        return [{**source, "url": _url(app, source["doel"])} for source in sources]

    guideline = app.config.jgz_richtlijn
    return {
        "id": record["id"],
        "titel": record["titel"],
        "richtlijn": guideline.get("titel", ""),
        "pagina": app.builder.get_target_uri(record["docname"]) + "#" + anchor(record["id"]),
        "start": record["start"],
        "vragen": [
            {**q, "bronnen": with_urls(q["bronnen"]),
             "antwoorden": [{**a, "bronnen": with_urls(a["bronnen"])} for a in q["antwoorden"]]}
            for q in record["vragen"]
        ],
        "uitkomsten": [{**o, "bronnen": with_urls(o["bronnen"])} for o in record["uitkomsten"]],
        "paden": record["paden"],
    }


def decision_table(app: Sphinx, record: dict) -> str:
    """One row per complete path: the answers, the outcome and its sources (CSV, ';' for Excel)."""
    questions = {q["id"]: q for q in record["vragen"]}
    outcomes = {o["id"]: o for o in record["uitkomsten"]}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["pad", "antwoorden", "uitkomst", "modaliteit", "letterlijk in de richtlijn", "bronnen",
         "links naar de bronnen"]
    )
    for number, path in enumerate(record["paden"], 1):
        steps = []
        for step in path["antwoorden"]:
            question = questions[step["vraag"]]
            answer = next(a for a in question["antwoorden"] if a["id"] == step["antwoord"])
            steps.append(f"{question['vraag']} → {answer['tekst']}")
        outcome = outcomes[path["uitkomst"]]
        writer.writerow([
            number,
            " | ".join(steps),
            outcome["titel"],
            ", ".join(outcome["modaliteit"]),
            " | ".join(f"“{quote}”" for quote in outcome["onderbouwing"]),
            "; ".join(source["tekst"] for source in outcome["bronnen"]),
            " ".join(_url(app, source["doel"]) or "" for source in outcome["bronnen"]),
        ])
    return out.getvalue()


def write_exports(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    folder = Path(app.outdir) / EXPORT_DIR
    records = trees.records(app.env)
    if records:
        folder.mkdir(exist_ok=True)
    for record in records:
        export = export_tree(app, record)
        (folder / f"{record['id']}.json").write_text(
            json.dumps(export, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        # utf-8-sig: spreadsheet programs then read the accents correctly.
        (folder / f"{record['id']}.csv").write_text(decision_table(app, record), encoding="utf-8-sig")


def _resolve_source_text(app: Sphinx, config) -> None:
    if config.jgz_brontekst:
        config.jgz_brontekst = str(Path(app.confdir, config.jgz_brontekst))


def setup(app: Sphinx) -> None:
    app.add_node(beslisboom, html=(visit_beslisboom_html, depart_beslisboom_html))
    app.add_node(beslisboom_lijst, html=(visit_lijst_html, depart_lijst_html))
    app.add_node(beslisboom_vraag, html=(_item_visitor("vraag"), depart_item_html))
    app.add_node(beslisboom_antwoord, html=(_item_visitor("antwoord"), depart_item_html))
    app.add_node(beslisboom_uitkomst, html=(_item_visitor("uitkomst"), depart_item_html))
    app.add_node(beslisboom_downloads, html=(visit_downloads_html, depart_downloads_html))
    app.add_directive("beslisboom", BeslisboomDirective)
    # The guideline's text, relative to conf.py: every quote under 'onderbouwing' must occur in it.
    app.add_config_value("jgz_brontekst", None, "env", types=[str, type(None)])
    app.connect("config-inited", _resolve_source_text)
    app.add_post_transform(PlainTrees)
    trees.connect(app)
    app.connect("env-check-consistency", check_consistency)
    app.connect("doctree-resolved", check_unique_ids)
    app.connect("build-finished", write_exports)
