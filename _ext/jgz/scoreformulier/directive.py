"""The ``scoreformulier`` directive: the YAML pipeline of ``datadirective`` with the form's
schema (``model``), its cross-field checks and the one tree of the form (``tree``)."""

from docutils import nodes

from ..assets import needs_script, needs_stylesheet
from ..datadirective import YamlDataDirective
from ..links import FORM_LABEL
from ..schema import Entry, Problems
from ..yamldata import YamlText
from .client import client_data
from .model import SCHEMA, build
from .presets import form_record, forms
from .reader import Checker
from .tree import FormTree


class ScoreformulierDirective(YamlDataDirective):
    """``:::{scoreformulier} _data/formulier-x.yaml``, or the YAML as the directive's body."""

    schema = SCHEMA
    failed = "Scoreformulier niet getoond: {count} fout(en) in de invoer; zie de meldingen van de build."

    def failed_nodes(self, problems: Problems) -> list[nodes.Node]:
        return [nodes.paragraph("", self.failed.format(count=len(problems)), classes=["jgz-score-fout"])]

    def check(self, entry: Entry, problems: Problems) -> dict | None:
        """The cross-field rules, also on the valid parts of a form with mistakes; the model."""
        self.checker = Checker()
        model = build(entry, self.checker, problems)
        if not problems and FORM_LABEL + model["id"] in self.state.document.ids:
            problems.add(entry.line_of("id"), f"id '{model['id']}' wordt al gebruikt door een ander formulier "
                                              "op de pagina; verwacht: een eigen id per formulier.")
        return None if problems else model

    def build(self, model: dict) -> list[nodes.Node]:
        anchor = FORM_LABEL + model["id"]
        texts = {key: self._inline(text, line) for key, text, line in self.checker.fragments}
        node = FormTree(model, anchor, lambda key: texts[key] if key else [], client_data(model)).build()
        node["names"].append(anchor)
        self.state.document.note_explicit_target(node)
        self.set_source_info(node)
        for script in ("jgz-gedeeld.js", "jgz-score.js", "jgz-scoreformulier.js"):
            needs_script(self.env, script)
        needs_stylesheet(self.env, "jgz-scoreformulier.css")
        needs_script(self.env, "jgz-tabellen.js")  # the outcome table scrolls sideways on a phone
        forms.add(self.env, form_record(model, self.env.docname))
        return [node]

    def _inline(self, text: str, line: int) -> list[nodes.Node]:
        """A text with references and links, parsed as MyST: the contents of its paragraph.
        Each node points at the YAML line, so an unknown label is reported there."""
        block = YamlText(text)
        block.line = line
        parsed = self._markup([block])
        if len(parsed) == 1 and isinstance(parsed[0], nodes.paragraph):
            return parsed[0].children
        return parsed
