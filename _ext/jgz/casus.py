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

from docutils import nodes
from sphinx.application import Sphinx

from .assets import heading_level, needs_script, needs_stylesheet
from .datadirective import YamlDataDirective, warn, warn_ids_used_twice
from .links import FORM_LABEL, tree_anchor, trees
from .rendering import PlainOutputTransform, render
from .schema import (
    RECOMMENDATION, Entry, Field, Group, Problems, Schema, Source, about, is_id, message,
)
from .scoreformulier import forms, preset_fragment
from .store import DocumentStore
from .yamldata import YamlList, YamlMap, YamlText, load

cases = DocumentStore("jgz_casussen")

VERDICT = {True: "Juist", False: "Niet juist"}
TRAINING_LABEL = "Oefenmateriaal:"
TRAINING_NOTE = (
    "deze casus is geen onderdeel van de richtlijn. De situatie is bedacht voor "
    "onderwijs en beschrijft alleen wat de richtlijn zelf beschrijft; de toelichting bij de antwoorden "
    "citeert de richtlijn en verwijst naar de aanbevelingen."
)
SOURCES = "minstens één bron: 'aanbeveling-2-7', 'Tekst <label>' of 'Tekst </map/pagina>'"

TOOL = Group("hulpmiddel", "hulpmiddelen",
             "'beslisboom' met eventueel 'pad', of 'formulier' met eventueel 'antwoorden'", (
    Field("beslisboom", "id", "het id van een beslisboom"),
    Field("pad", "text", "de id's van de antwoorden waarmee de beslisboom opent, als '<antwoord>/<antwoord>'"),
    Field("formulier", "id", "het id van een formulier"),
    Field("antwoorden", "any", "de antwoorden waarmee het formulier opent"),
))
OPTION = Group("optie", "opties", "een groep met tekst, juist, feedback en bronnen", (
    Field("tekst", "text", "het antwoord als gewone tekst", required=True),
    Field("juist", "choice", "ja of nee", required=True, allowed=("ja", "nee")),
    Field("feedback", "blocks", "de toelichting als tekst (MyST-opmaak mag) of een lijst met alinea's",
          required=True),
    Field("bronnen", "sources", SOURCES, required=True, min_items=1),
    Field("hulpmiddel", "group", "een link naar een beslisboom of formulier", group=TOOL),
), lettered=True)
QUESTION = Group("vraag", "vragen", "een groep met id, vraag en opties", (
    Field("id", "id", "een id, uniek binnen de casus", required=True),
    Field("vraag", "text", "de vraag als gewone tekst", required=True),
    Field("opties", "list", "minstens twee opties", required=True, group=OPTION, min_items=2, max_items=10),
    Field("toelichting", "blocks", "tekst onder de vraag (MyST-opmaak mag)"),
))
CASE = Group("casus", "casussen", "een groep sleutels: id, titel, leeftijd, situatie, bronnen en vragen", (
    Field("id", "id", "een id, uniek op de site", required=True),
    Field("titel", "text", "de naam van de casus", required=True),
    Field("leeftijd", "text", "de leeftijd van het kind in gewone woorden, bijvoorbeeld 'baby van zes weken'",
          required=True),
    Field("situatie", "blocks", "de situatie als tekst (MyST-opmaak mag) of een lijst met alinea's",
          required=True),
    Field("bronnen", "sources", "waar de richtlijn deze situatie beschrijft: " + SOURCES, required=True,
          min_items=1),
    Field("vragen", "list", "minstens één vraag", required=True, group=QUESTION, min_items=1, unique_ids=True),
))
SCHEMA = Schema("casus", CASE, "_data/casus-x.yaml")


def load_yaml(text: str):
    return load(text, empty=SCHEMA.empty_message())


# --------------------------------------------------------------------------------------------
# The case and its checks across fields


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


def case_of(entry: Entry, problems: Problems) -> Case | None:
    """The case of a validated entry, after the checks across fields; None after a problem.  The
    questions without mistakes are checked also when other parts have them."""
    questions = [_question(item, problems) for item in entry.get("vragen", []) if item is not None and item.valid]
    if not entry.valid or problems:
        return None
    return Case(entry["id"], str(entry["titel"]), str(entry["leeftijd"]), entry["situatie"], entry["bronnen"],
                questions)


def _question(item: Entry, problems: Problems) -> Question:
    options = [
        Option(option.label, str(option["tekst"]), option["juist"] == "ja", option["feedback"], option["bronnen"],
               _tool(option["hulpmiddel"], problems) if "hulpmiddel" in option else None, option.line)
        for option in item["opties"]
    ]
    if not any(option.correct for option in options):
        problems.add(item.line, about(item.what, "geen enkele optie heeft 'juist: ja'; verwacht: minstens één "
                                      "juiste optie."))
    if not any(RECOMMENDATION.match(source.target) for option in options for source in option.sources):
        problems.add(item.line, about(item.what, "geen enkele bron bij de opties is een aanbeveling; verwacht: "
                                      "minstens één bron als 'aanbeveling-2-7'."))
    return Question(item["id"], str(item["vraag"]), item.get("toelichting"), options, item.line)


# A tree opens with its 'pad', a form with its 'antwoorden': the other key is a mistake.
MISPLACED_TOOL_KEY = {
    "pad": "een formulier heeft geen 'pad'; verwacht: de antwoorden waarmee het opent onder 'antwoorden'.",
    "antwoorden": "'antwoorden' hoort bij een formulier; verwacht: bij een beslisboom de antwoorden onder 'pad'.",
}


def _tool(tool: Entry, problems: Problems) -> Tool | None:
    """``hulpmiddel``: a tree with its path or a form with its answers; None after a problem."""
    line = tool.line
    if ("beslisboom" in tool.data) == ("formulier" in tool.data):
        problems.add(line, about(tool.what, "geef óf 'beslisboom' (met 'pad') óf 'formulier'; verwacht: één "
                                 "van beide."))
        return None
    misplaced = "pad" if "formulier" in tool.data else "antwoorden"
    if misplaced in tool.data:
        problems.add(tool.line_of(misplaced), about(tool.what, MISPLACED_TOOL_KEY[misplaced]))
        return None
    if "formulier" in tool:
        answers = _answers(tool, problems) if "antwoorden" in tool else []
        return None if answers is None else Tool("formulier", str(tool["formulier"]), [], line, answers)
    if "beslisboom" not in tool or ("pad" in tool.data and "pad" not in tool):
        return None  # reported by the schema
    steps = [step.strip() for step in tool["pad"].split("/")] if "pad" in tool else []
    return Tool("beslisboom", str(tool["beslisboom"]), steps, line)


ANSWERS_FORM = ("onder elkaar '- <id>' voor elk item dat aangevinkt is en '- <id>: <antwoord>' "
                "voor elke vraag met een gekozen antwoord")


def _answers(tool: Entry, problems: Problems) -> list[tuple[str, str | None, int]] | None:
    """A form's ``antwoorden``: ``- <item>`` ticks an item, ``- <item>: <antwoord>`` answers a
    question.  Whether the items and answers exist is checked once every page is read."""
    entries, line = tool["antwoorden"], tool.line_of("antwoorden")
    if not isinstance(entries, YamlList) or not entries:
        problems.add(line, about(tool.what, message(
            "shape", key="antwoorden", shape="een lijst (regels die met '- ' beginnen)", description=ANSWERS_FORM)))
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
        if not is_id(item):
            shown = f"'{entry}'" if isinstance(entry, YamlText) else str(number)
            problems.add(entry_line, about(tool.what, message("invalid", key="antwoord", value=shown.strip("'"),
                                                              rule=ANSWERS_FORM)))
            valid = False
        elif item in seen:
            problems.add(
                entry_line,
                about(tool.what, f"item '{item}' staat twee keer onder 'antwoorden' (eerder op regel "
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


class casus_antwoorden(nodes.General, nodes.Element):
    """The feedback on each option of one question (a list in HTML)."""


class casus_toelichting(nodes.General, nodes.Element):
    """The feedback on one option: verdict, text, sources and the link to a tool."""


class casus_hulpmiddel(nodes.General, nodes.Element):
    """Placeholder for the link to a decision tree (pre-set) or form; resolved after reading."""


def case_anchor(case_id: str, *parts: str) -> str:
    return "-".join(("casus", case_id, *(part.lower() for part in parts)))


class CasusDirective(YamlDataDirective):
    """``:::{casus} _data/casus-x.yaml`` or the YAML in the body."""

    schema = SCHEMA
    failed = "Deze casus bevat fouten; zie de meldingen van de build."

    def check(self, entry: Entry, problems: Problems) -> Case | None:
        return case_of(entry, problems)

    def build(self, case: Case) -> list[nodes.Node]:
        needs_script(self.env, "jgz-casus.js")
        needs_stylesheet(self.env, "jgz-casus.css")
        node = self._build(case)
        cases.add(self.env, self._record(case))
        return [node]

    def _sources(self, label: str, sources: list[Source], classes: str) -> nodes.paragraph:
        paragraph = nodes.paragraph("", "", nodes.strong("", label), nodes.Text(" "), classes=[classes])
        for index, source in enumerate(sources):
            if index:
                paragraph += nodes.Text(", ")
            paragraph += self._xref(source)
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
            answers = casus_antwoorden()
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
            key += casus_sleutel("", answers, number=number, text=question.text)
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
                "what": f"optie {option.letter} van vraag '{question.id}'",
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
            problem = (f"{form}: item '{item_id}' is een vraag zonder gekozen antwoord; verwacht: "
                       f"'{item_id}: <antwoord>', met als antwoord één van {', '.join(options)}.")
        elif options and answer not in options:
            problem = (f"{form}: item '{item_id}' heeft geen antwoord '{answer}'; verwacht: één van "
                       f"{', '.join(options)}.")
        elif not options and answer is not None:
            problem = (f"{form}: item '{item_id}' is een item om aan te vinken en heeft geen antwoord; "
                       f"verwacht: alleen '- {item_id}' onder 'antwoorden'.")
        else:
            preset.append((item_id, options.index(answer) + 1 if options else None))
            continue
        problems.append((location, problem))
    return preset, problems


def check_consistency(app: Sphinx, env) -> None:
    warn_ids_used_twice(env, cases, "casus")
    for record in cases.records(env):
        for tool in record["tools"]:
            for location, problem in _tool_problems(env, tool):
                warn("casus", f"{tool['what']} (casus '{record['id']}'): {problem}", location)


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
    self.body.append(self.starttag(node, "div", **{"data-jgz-casus": ""}))
    self.body.append(render("casus_kop.html", age=node["age"], label=TRAINING_LABEL, note=TRAINING_NOTE))


def visit_situatie_html(self, node: casus_situatie) -> None:
    self.body.append(self.starttag(node, "section", CLASS="jgz-casus__situatie"))
    self.body.append(render("kop.html", level=heading_level(node), text="Situatie", klasse="") + "\n")


def visit_vragen_html(self, node: casus_vragen) -> None:
    # autocomplete="off": the browser does not keep the chosen answers (nothing is stored).
    self.body.append(self.starttag(node, "form", CLASS="jgz-casus__vragen", autocomplete="off"))
    self.body.append(render("kop.html", level=heading_level(node), text="Vragen", klasse="") + "\n")


def depart_vragen_html(self, node: casus_vragen) -> None:
    self.body.append(render("casus_vragen_knoppen.html") + "\n</form>")


def visit_vraag_html(self, node: casus_vraag) -> None:
    self.body.append(self.starttag(node, "fieldset", CLASS="jgz-casus__vraag"))
    self.body.append(render("casus_vraag_legende.html", number=node["number"], text=node["text"]))


def depart_vraag_html(self, node: casus_vraag) -> None:
    name = f"{case_anchor(node.parent['case_id'])}:{node['question_id']}"
    self.body.append(
        render("casus_vraag_opties.html", anchor=node["ids"][0], name=name, options=node["options"])
        + "\n</fieldset>"
    )


def visit_antwoordblad_html(self, node: casus_antwoordblad) -> None:
    self.body.append(self.starttag(node, "details", CLASS="jgz-casus__antwoordblad"))
    self.body.append(render("casus_antwoordblad_kop.html", title=node["title"], level=heading_level(node)))


def visit_sleutel_html(self, node: casus_sleutel) -> None:
    level = min(heading_level(node) + 1, 6)
    self.body.append(self.starttag(node, "section", CLASS="jgz-casus__sleutel"))
    self.body.append(render("kop.html", level=level, text=f"Vraag {node['number']}. {node['text']}", klasse="")
                     + "\n")


def visit_antwoorden_html(self, node: casus_antwoorden) -> None:
    self.body.append(self.starttag(node, "ul", suffix="", CLASS="jgz-casus__antwoorden"))


def _closing(tag: str):
    """A departure that closes the one element the visitor opened."""

    def depart(self, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>\n")

    return depart


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
    verdict = "juist" if node["correct"] else "niet-juist"
    self.body.append(self.starttag(
        node, "li", CLASS=f"jgz-casus__antwoord jgz-casus__antwoord--{verdict}",
        **{"data-juist": "ja" if node["correct"] else "nee"},
    ))
    self.body.append(render("casus_oordeel.html", letter=node["letter"], text=node["text"],
                            verdict=VERDICT[node["correct"]]))


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
        for node in list(self.document.findall(casus_antwoorden)):
            node.replace_self(nodes.bullet_list("", *node.children, bullet="-"))
        for node in list(self.document.findall(casus_sleutel)):
            node.replace_self([_question_title(node), *node.children])
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
    app.add_node(casus, html=(visit_casus_html, _closing("div")))
    app.add_node(casus_situatie, html=(visit_situatie_html, _closing("section")))
    app.add_node(casus_vragen, html=(visit_vragen_html, depart_vragen_html))
    app.add_node(casus_vraag, html=(visit_vraag_html, depart_vraag_html))
    app.add_node(casus_antwoordblad, html=(visit_antwoordblad_html, _closing("details")))
    app.add_node(casus_sleutel, html=(visit_sleutel_html, _closing("section")))
    app.add_node(casus_antwoorden, html=(visit_antwoorden_html, _closing("ul")))
    app.add_node(casus_toelichting, html=(visit_toelichting_html, _closing("li")))
    app.add_node(casus_hulpmiddel, html=(visit_hulpmiddel_html, depart_skipped))
    app.add_directive("casus", CasusDirective)
    app.add_post_transform(PlainCases)
    cases.connect(app)
    app.connect("env-check-consistency", check_consistency)
