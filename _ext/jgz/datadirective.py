"""The one pipeline of the directives whose content is YAML (``beslisboom``, ``casus``).

Modelled on sphinx-design's ``SdDirective`` base: ``YamlDataDirective.run`` does what every such
directive does, in one place:

1. an option line at the top of the body is reported as an unknown option;
2. the YAML is read from the file named by the argument (``.yaml`` or ``.yml``, noted as a
   dependency of the page) or from the body, and the page's line of its first line is known;
3. the text is loaded with line numbers (``yamldata.load``) and validated against the fields
   the directive declares (``schema``);
4. the subclass checks what is truly cross-field (``check``) and builds the nodes (``build``).

Every problem is one warning with the file and line of the YAML, ``type="jgz"`` and
``subtype=<directive>`` (so a project can filter ``jgz.*`` in ``suppress_warnings``).  Mistakes in
using the directive itself (no YAML, a file that does not exist) are errors.  Texts from the YAML
become MyST nodes that point at the YAML line they came from, so Sphinx's own warnings about them
(an unknown label, say) name that line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar, final

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes

from .schema import Entry, Problems, Schema, Source, validate
from .yamldata import DataError, YamlText, load

logger = logging.getLogger(__name__)

OPTION_LINE = re.compile(r"^:([A-Za-z][\w-]*):(?:\s|$)")
YAML_SUFFIXES = (".yaml", ".yml")


def warn(name: str, text: str, location) -> None:
    """The one warning path of the widgets: ``type="jgz"``, ``subtype=<directive>``."""
    logger.warning("%s: %s", name, text, location=location, type="jgz", subtype=name)


def warn_ids_used_twice(env, store, name: str) -> None:
    """Every widget of the directive ``name`` (records of ``store`` with "id", "docname" and
    "lineno") whose id an earlier one on the site already has; once every page is read."""
    seen: dict[str, dict] = {}
    for record in store.records(env):
        first = seen.setdefault(record["id"], record)
        if first is not record:
            warn(
                name,
                f"id '{record['id']}' wordt al gebruikt door de {name} in "
                f"{env.doc2path(first['docname'], False)} (regel {first['lineno']}); "
                f"verwacht: elke {name} op de site een eigen id.",
                (record["docname"], record["lineno"]),
            )


def unknown_option(directive: SphinxDirective, name: str) -> list[nodes.Node] | None:
    """The YAML directives have no options. An option line at the top of the body (``:titel: X``)
    is reported as what it is, not as a body beside a file or as a YAML key; then the nodes to
    show instead of the widget, else None."""
    first = next((line.strip() for line in directive.content if line.strip()), "")
    option = OPTION_LINE.match(first)
    if option is None:
        return None
    warn(
        name,
        f"onbekende optie ':{option.group(1)}:'; verwacht: geen opties. Zet wat u wilt instellen als "
        "sleutel in de YAML (zonder dubbele punt ervoor), bijvoorbeeld 'titel: ...'.",
        directive.get_location(),
    )
    return [nodes.paragraph("", f"{name.capitalize()} niet getoond: zie de meldingen van de build.")]


class YamlDataDirective(SphinxDirective):
    """Base of a directive with YAML.  A subclass sets ``schema`` and ``failed`` (the sentence
    shown instead of the widget when the YAML has mistakes) and implements ``check`` and
    ``build``; it does not override ``run`` (as sphinx-design's ``SdDirective``)."""

    optional_arguments = 1
    has_content = True

    schema: ClassVar[Schema]
    failed: ClassVar[str]

    yaml_source: str
    yaml_first_line: int

    @final
    def run(self) -> list[nodes.Node]:
        if (instead := unknown_option(self, self.schema.directive)) is not None:
            return instead
        text = self.read_yaml()
        problems = Problems()
        model = None
        try:
            data = load(text, empty=self.schema.empty_message(), typed=self.schema.typed)
        except DataError as error:
            problems.add(error.line, error.message)
        else:
            entry = validate(data, self.schema.top, problems)
            if entry is not None:
                model = self.check(entry, problems)
        if model is None and not problems:
            raise RuntimeError(f"{type(self).__name__}.check returned no model and no problem")
        if problems:
            self.report(problems)
            return self.failed_nodes(problems)
        return self.build(model)

    # -- to implement ------------------------------------------------------------------------

    def check(self, entry: Entry, problems: Problems) -> Any:
        """The cross-field checks of the validated YAML; the model to build, or None (after
        adding every problem to ``problems``).  Called also when some fields had mistakes
        (``entry.valid`` is False): check the parts that are valid (``Entry.valid``), so that one
        build reports as much as it can, and return None."""
        raise NotImplementedError

    def build(self, model: Any) -> list[nodes.Node]:
        raise NotImplementedError

    def failed_nodes(self, problems: Problems) -> list[nodes.Node]:
        """What the page shows instead of a widget with mistakes (``failed``)."""
        return [nodes.paragraph("", self.failed)]

    # -- reading and reporting ---------------------------------------------------------------

    def read_yaml(self) -> str:
        """The YAML text; sets ``yaml_source`` (its file) and ``yaml_first_line`` (the file's line
        of the YAML's first line)."""
        name = self.schema.directive
        body = "\n".join(self.content)
        if not self.arguments:
            if not body.strip():
                raise self.error(
                    f"{name}: geen {self.schema.top.name} gevonden; verwacht: een YAML-bestand als argument "
                    "of de YAML in de tekst van de directive."
                )
            self.yaml_source, self.yaml_first_line = self.get_source_info()[0], self.body_first_line()
            return body
        argument = self.arguments[0].strip()
        if body.strip():
            raise self.error(
                f"{name}: geef de {self.schema.top.name} óf als bestand (argument) óf in de tekst van de "
                "directive, niet allebei."
            )
        if not argument.endswith(YAML_SUFFIXES):
            raise self.error(
                f"{name}: '{argument}' is geen YAML-bestand; verwacht: een bestand dat eindigt op .yaml, "
                f"bijvoorbeeld {self.schema.example}."
            )
        relative, absolute = self.env.relfn2path(argument, self.env.docname)
        self.env.note_dependency(relative)
        path = Path(absolute)
        if not path.is_file():
            raise self.error(
                f"{name}: het bestand '{argument}' bestaat niet; verwacht: een YAML-bestand naast de "
                f"pagina, bijvoorbeeld {self.schema.example}."
            )
        self.yaml_source, self.yaml_first_line = str(path), 1
        return path.read_text(encoding="utf-8")

    def body_first_line(self) -> int:
        """The page line of the body's first line (MyST counts ``content_offset`` from the fence;
        docutils from the top of the page, 0-based)."""
        if type(self.state).__module__.startswith("myst_parser"):
            return self.lineno + 1 + self.content_offset
        return self.content_offset + 1

    def location(self, yaml_line: int) -> str:
        """``file:line`` of a line of the YAML."""
        return f"{self.yaml_source}:{self._line(yaml_line)}"

    def report(self, problems: Problems) -> None:
        """One warning per problem, in the order of the lines."""
        for line, text in sorted(problems, key=lambda problem: problem[0]):
            warn(self.schema.directive, text, self.location(line))

    # -- nodes -------------------------------------------------------------------------------

    def _line(self, yaml_line: int) -> int:
        return self.yaml_first_line + yaml_line - 1

    def _locate(self, node: nodes.Node, yaml_line: int) -> None:
        """Point ``node`` and its descendants at the YAML line, for warnings about them."""
        for item in node.findall(nodes.Element):
            item.source, item.line = self.yaml_source, self._line(yaml_line)

    def _markup(self, blocks: list[YamlText]) -> list[nodes.Node]:
        """Parse text blocks as MyST (paragraphs, lists, links, {ref}); each keeps its YAML line."""
        parsed = []
        for block in blocks:
            block_nodes = nested_parse_to_nodes(
                self.state, str(block), source=self.yaml_source, allow_section_headings=False
            )
            for node in block_nodes:
                self._locate(node, block.line)
            parsed.extend(block_nodes)
        return parsed

    def _xref(self, source: Source) -> addnodes.pending_xref:
        """A source as a real cross-reference: a renumbered recommendation breaks the build."""
        reftype = "doc" if source.is_document else "ref"
        xref = addnodes.pending_xref(
            "",
            nodes.inline(source.text, source.text, classes=["xref", "std", f"std-{reftype}"]),
            refdomain="std", reftype=reftype, reftarget=source.target,
            refexplicit=True, refwarn=True, refdoc=self.env.docname,
        )
        self._locate(xref, source.line)
        return xref
