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
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .assets import heading_level, needs_stylesheet, script_here
from .datadirective import YamlDataDirective, warn, warn_ids_used_twice
from .links import tree_anchor, trees
from .rendering import PlainOutputTransform, render
from .schema import Entry, Field, Group, Problems, Schema, Source, about, message, validate
from .veiligheid import claims_silence, modality_problems, quote_in_source
from .yamldata import YamlText, load

EXPORT_DIR = "beslisbomen"

SOURCES = ("de aanbeveling(en), tabel(len) of pagina's waarop het rust, bijvoorbeeld "
           "'aanbeveling-2-7' of 'Tabel 2.3 <tabel-2-3>'")
EXPLANATION = "uitleg als tekst (MyST-opmaak mag) of een lijst met alinea's"

ANSWER = Group("antwoord", "antwoorden", "een groep met id, tekst en naar", (
    Field("id", "id", "een id, uniek binnen de vraag", required=True),
    Field("tekst", "text", "het antwoord als gewone tekst (de tekst van de knop)", required=True),
    Field("naar", "id", "het id van de vraag of uitkomst waar dit antwoord heen leidt", required=True),
    Field("toelichting", "blocks", EXPLANATION),
    Field("bronnen", "sources", SOURCES),
))
QUESTION = Group("vraag", "vragen", "een groep met id, vraag en antwoorden", (
    Field("id", "id", "een id, uniek in de boom (vragen en uitkomsten samen)", required=True),
    Field("vraag", "text", "de vraag als gewone tekst", required=True),
    Field("antwoorden", "list", "minstens twee antwoorden", required=True, group=ANSWER, min_items=2,
          unique_ids=True),
    Field("toelichting", "blocks", EXPLANATION),
    Field("bronnen", "sources", SOURCES),
))
OUTCOME = Group("uitkomst", "uitkomsten", "een groep met id, titel, advies, modaliteit, onderbouwing en bronnen", (
    Field("id", "id", "een id, uniek in de boom (vragen en uitkomsten samen)", required=True),
    Field("titel", "text", "de titel van de uitkomst", required=True),
    Field("advies", "blocks", "wat de richtlijn in deze situatie zegt (MyST-opmaak mag)", required=True),
    Field("modaliteit", "words", "hoe sterk de richtlijn het zegt, één woord of een lijst, bijvoorbeeld "
          "'kan' of 'is aangewezen'", required=True),
    Field("onderbouwing", "blocks", "de zin of zinnen van de richtlijn letterlijk, als tekst of lijst",
          required=True),
    Field("bronnen", "sources", "de aanbeveling(en) of tabel(len) waarop het advies rust, bijvoorbeeld "
          "'aanbeveling-2-7'", required=True, min_items=1),
    Field("dossier", "blocks", "wat de professional in het dossier vastlegt (MyST-opmaak mag)"),
    Field("zwijgt", "text", "waarover de richtlijn precies niets zegt"),
))
TREE = Group("beslisboom", "beslisbomen", "een groep sleutels: id, titel, start, vragen en uitkomsten", (
    Field("id", "id", "een id, uniek op de site", required=True),
    Field("titel", "text", "de naam van de boom die de lezer ziet", required=True),
    Field("start", "id", "het id van de eerste vraag", required=True),
    Field("vragen", "list", "minstens één vraag", required=True, group=QUESTION, min_items=1),
    Field("uitkomsten", "list", "minstens één uitkomst", required=True, group=OUTCOME, min_items=1),
))
SCHEMA = Schema("beslisboom", TREE, "_data/beslisboom-x.yaml")


def load_yaml(text: str):
    """A tree's YAML with line numbers; scalars stay the text the author wrote."""
    return load(text, empty=SCHEMA.empty_message())


# --------------------------------------------------------------------------------------------
# The tree and its validation

@dataclass(kw_only=True)
class Step:
    """What a question and an answer both have: a text at a line, with an optional explanation
    and its sources."""

    id: str
    text: str
    line: int
    explanation: list[YamlText] | None = None
    sources: list[Source] = field(default_factory=list)


@dataclass(kw_only=True)
class Answer(Step):
    to: str
    to_line: int


@dataclass(kw_only=True)
class Question(Step):
    answers: list[Answer]


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


def parse_tree(data) -> tuple[Tree | None, Problems]:
    """Read and check a tree; returns the tree (None if unusable) and every problem found."""
    problems = Problems()
    entry = validate(data, TREE, problems)
    tree = None if entry is None else tree_of(entry, problems)
    return (None if problems else tree), problems


def tree_of(entry: Entry, problems: Problems) -> Tree | None:
    """The tree of a validated entry, after the checks across fields (modality, silence, graph);
    None after a problem.  The outcomes without mistakes are checked also when other parts have them."""
    outcomes = [_outcome(item, problems) for item in entry.get("uitkomsten", []) if item is not None and item.valid]
    if not entry.valid or problems:
        return None
    questions = [
        Question(
            id=item["id"], text=str(item["vraag"]), line=item.line,
            answers=[Answer(id=a["id"], text=str(a["tekst"]), to=str(a["naar"]), line=a.line, to_line=a["naar"].line,
                            explanation=a.get("toelichting"), sources=a.get("bronnen", []))
                     for a in item["antwoorden"]],
            explanation=item.get("toelichting"), sources=item.get("bronnen", []),
        )
        for item in entry["vragen"]
    ]
    tree = Tree(entry["id"], str(entry["titel"]), str(entry["start"]), entry["start"].line, questions, outcomes)
    _check_graph(tree, problems)
    return None if problems else tree


def _outcome(item: Entry, problems: Problems) -> Outcome:
    title, advice, record = item["titel"], item["advies"], item.get("dossier")
    modality, quotes, silence = item["modaliteit"], item["onderbouwing"], item.get("zwijgt")
    for text in modality_problems(title, modality, quotes):
        problems.add(item.line_of("titel"), about(item.what, text))
    if silence is None:
        said = next((text for text in (title, *advice, *(record or [])) if claims_silence(text)), None)
        if said is not None:
            problems.add(
                getattr(said, "line", item.line),
                about(item.what, "zegt dat de richtlijn zwijgt; verwacht: onder 'zwijgt' waarover precies, "
                      "nadat u de hele brontekst hebt doorzocht (docs/veiligheid.md)."),
            )
    return Outcome(item["id"], str(title), advice, item.line, item["bronnen"], modality, quotes, record, silence)


def _check_graph(tree: Tree, problems: Problems) -> None:
    seen: dict[str, int] = {}
    for item in (*tree.questions, *tree.outcomes):
        if item.id in seen:
            problems.add(
                item.line,
                message("duplicate", value=item.id, line=seen[item.id], name="vraag en uitkomst"),
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


class BeslisboomDirective(YamlDataDirective):
    """``:::{beslisboom} pad/naar/beslisboom-x.yaml`` or the YAML in the body."""

    schema = SCHEMA
    failed = "Deze beslisboom bevat fouten; zie de meldingen van de build."

    def check(self, entry: Entry, problems: Problems) -> Tree | None:
        tree = tree_of(entry, problems)
        if tree is not None:
            problems.extend(self._unquoted(tree))
        return None if problems else tree

    def build(self, tree: Tree) -> list[nodes.Node]:
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
            problems.add(1, f"de brontekst '{source_text}' bestaat niet; verwacht: 'jgz_brontekst' in conf.py "
                            "met het tekstbestand van de richtlijn.")
            return problems
        for outcome in tree.outcomes:
            for quote in outcome.quotes:
                if not quote_in_source(quote, source_text):
                    problems.add(
                        quote.line,
                        f"uitkomst '{outcome.id}': dit citaat staat niet in de brontekst "
                        f"({source_text}): \"{' '.join(quote.split())[:80]}\"; verwacht: een letterlijk "
                        "citaat (laat een stuk weg met [...]).",
                    )
        return problems

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
        node["ids"].append(tree_anchor(tree.id))
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
            item = beslisboom_vraag("", node_id=question.id, ids=[tree_anchor(tree.id, question.id)])
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
                    nodes.reference(where, where, refid=tree_anchor(tree.id, answer.to), internal=True),
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
            item = beslisboom_uitkomst("", node_id=outcome.id, ids=[tree_anchor(tree.id, outcome.id)])
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
    level = heading_level(node)
    self.body.append(self.starttag(
        node, "div", **{"data-beslisboom": node["tree_id"], "data-start": node["start"], "data-kopniveau": level}
    ))
    self.body.append(render("beslisboom_app.html", title=node["title"], level=level))


def depart_beslisboom_html(self, node: beslisboom) -> None:
    # Right after the tree: it becomes one question at a time before the text below it is shown.
    self.body.append("</div>\n" + script_here(self, "jgz-beslisboom.js"))


def visit_lijst_html(self, node: beslisboom_lijst) -> None:
    self.body.append(self.starttag(node, "details", CLASS="jgz-beslisboom__lijst", open=""))
    self.body.append(render("samenvatting.html", text=node["summary"]))


def depart_lijst_html(self, node: beslisboom_lijst) -> None:
    self.body.append("</details>\n")


def _item_visitor(kind: str):
    def visit(self, node: nodes.list_item) -> None:
        data = {f"data-{kind}": node.get("node_id") or node.get("answer_id")}
        if node.get("target"):
            data["data-naar"] = node["target"]
        self.body.append(self.starttag(node, "li", suffix="", CLASS=f"jgz-beslisboom__{kind}", **data))

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
    warn_ids_used_twice(env, trees, "beslisboom")


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
                    warn(
                        "beslisboom",
                        f"het anker '#{anchor_id}' van beslisboom '{widget['tree_id']}' staat al op deze "
                        "pagina (een label of kop); verwacht: een ander label, of een ander id voor de boom.",
                        others[anchor_id],
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
        "pagina": app.builder.get_target_uri(record["docname"]) + "#" + tree_anchor(record["id"]),
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
