"""A directive whose content is YAML (from a file beside the page or from its body).

Trees and cases both turn YAML text blocks into MyST nodes and point every node at the YAML line
it came from, so that Sphinx's warnings about them (an unknown label, say) name that line.
"""

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes

from .yamldata import YamlText


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
