"""The ``scoreformulier`` directive: read the YAML, report every mistake, build the node."""

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..assets import needs_script, needs_stylesheet
from ..datadirective import unknown_option
from ..yamldata import DataError
from .model import validate
from .nodes import scoreformulier
from .presets import form_record, forms
from .reader import Checker, load_yaml

logger = logging.getLogger(__name__)


def _fragment_nodes(parts: list[tuple], source: str, line: int) -> list[nodes.Node]:
    """Text, links and cross-references.  A reference that does not resolve is reported at
    ``source:line``: the line of the YAML where it is written."""
    result: list[nodes.Node] = []
    for part in parts:
        if part[0] == "text":
            result.append(nodes.Text(part[1]))
        elif part[0] == "url":
            result.append(nodes.reference(part[2], part[2], refuri=part[1]))
        else:
            _, title, label = part
            xref = addnodes.pending_xref(
                "", refdomain="std", reftype="ref", reftarget=label, refexplicit=True, refwarn=True
            )
            xref += nodes.inline(title, title)
            xref.source, xref.line = source, line
            result.append(xref)
    return result


class ScoreformulierDirective(SphinxDirective):
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
        node = scoreformulier("", form=model, classes=["jgz-score"])
        node["ids"].append(anchor)
        node["names"].append(anchor)
        self.state.document.note_explicit_target(node)
        self.set_source_info(node)
        for key, parts, line in checker.fragments:
            content = _fragment_nodes(parts, *self._position(source, first_line, line))
            node += nodes.inline("", "", *content, jgz_fragment=key)
        for script in ("jgz-gedeeld.js", "jgz-score.js", "jgz-scoreformulier.js"):
            needs_script(self.env, script)
        needs_stylesheet(self.env, "jgz-scoreformulier.css")
        needs_script(self.env, "jgz-tabellen.js")  # the outcome table scrolls sideways on a phone
        forms.add(self.env, form_record(model, self.env.docname))
        return [node]

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

