"""The ``scoreformulier`` directive: read the YAML, report every mistake, build the node."""

from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from ..assets import needs_script, needs_stylesheet
from ..datadirective import YamlDataDirective, unknown_option
from ..yamldata import DataError, YamlText
from .client import client_data
from .model import validate
from .presets import form_record, forms
from .reader import Checker, load_yaml
from .tree import FormTree

logger = logging.getLogger(__name__)


class ScoreformulierDirective(YamlDataDirective):
    """``:::{scoreformulier} _data/formulier-x.yaml``, or the YAML as the directive's body."""

    optional_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        if (instead := unknown_option(self, "scoreformulier")) is not None:
            return instead
        text, source, first_line = self._read()
        checker = Checker()
        model = None
        try:
            model = validate(load_yaml(text), checker)
        except DataError as error:
            checker.errors.insert(0, error)
        if model and not checker.errors and f"formulier-{model['id']}" in self.state.document.ids:
            checker.error(1, f"id '{model['id']}' wordt al gebruikt door een ander formulier op de pagina.")
        if checker.errors:
            for error in sorted(checker.errors, key=lambda error: error.line):
                logger.warning(
                    "scoreformulier: %s", error.message,
                    location="%s:%s" % self._position(source, first_line, error.line),
                    type="jgz", subtype="scoreformulier",
                )
            message = (f"Scoreformulier niet getoond: {len(checker.errors)} fout(en) in de invoer; "
                       "zie de meldingen van de build.")
            return [nodes.paragraph("", message, classes=["jgz-score-fout"])]

        anchor = f"formulier-{model['id']}"
        self.yaml_source, self.yaml_first_line = self._position(source, first_line, 1)
        texts = {key: self._inline(text, line) for key, text, line in checker.fragments}
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

    def _read(self) -> tuple[str, str | None, int]:
        """The YAML text, its file (None for the body) and the page's line of its first line."""
        body = "\n".join(self.content)
        if self.arguments and body.strip():
            raise self.error(
                "scoreformulier: geef het formulier óf als bestand (argument) óf in de tekst van de "
                "directive, niet allebei."
            )
        if not self.arguments:
            if not body.strip():
                raise self.error(
                    "scoreformulier: het formulier ontbreekt. Geef een YAML-bestand als argument "
                    "(bijvoorbeeld _data/formulier-lsvg.yaml) of zet de YAML in de directive."
                )
            # MyST counts the content offset from the directive's own line.
            return body, None, self.lineno + 1 + self.content_offset
        relative, absolute = self.env.relfn2path(self.arguments[0].strip(), self.env.docname)
        path = Path(absolute)
        if path.suffix not in (".yaml", ".yml"):
            raise self.error(f"scoreformulier: '{self.arguments[0]}' is geen YAML-bestand (.yaml).")
        self.env.note_dependency(absolute)
        if not path.is_file():
            raise self.error(f"scoreformulier: het bestand '{relative}' bestaat niet.")
        return path.read_text(encoding="utf-8"), str(path), 1

    def _position(self, source: str | None, first_line: int, line: int) -> tuple[str, int]:
        """File and line of a line of the YAML (a line of the page itself for the body)."""
        if source:
            return source, line
        return str(self.env.doc2path(self.env.docname)), first_line + line - 1

