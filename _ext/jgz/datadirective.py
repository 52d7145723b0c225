"""A directive whose content is YAML (from a file beside the page or from its body).

Trees and cases both turn YAML text blocks into MyST nodes and point every node at the YAML line
it came from, so that Sphinx's warnings about them (an unknown label, say) name that line.
"""

import re

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes

from .yamldata import YamlText

logger = logging.getLogger(__name__)

OPTION_LINE = re.compile(r"^:([A-Za-z][\w-]*):(?:\s|$)")


def unknown_option(directive: SphinxDirective, name: str) -> list[nodes.Node] | None:
    """The YAML directives have no options. An option line at the top of the body (``:titel: X``)
    is reported as what it is, not as a body beside a file or as a YAML key; then the nodes to
    show instead of the widget, else None."""
    first = next((line.strip() for line in directive.content if line.strip()), "")
    option = OPTION_LINE.match(first)
    if option is None:
        return None
    logger.warning(
        "%s: onbekende optie ':%s:'; toegestane opties: geen. Zet wat u wilt instellen als sleutel "
        "in de YAML (zonder dubbele punt ervoor), bijvoorbeeld 'titel: ...'.",
        name, option.group(1), location=directive.get_location(), type="jgz", subtype=name,
    )
    return [nodes.paragraph("", f"{name.capitalize()} niet getoond: zie de meldingen van de build.")]


class YamlDataDirective(SphinxDirective):
    """Set ``yaml_source`` (the file) and ``yaml_first_line`` (its line of the YAML's first line)
    before calling the helpers."""

    yaml_source: str
    yaml_first_line: int

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
