"""Glossary terms in the running text link to the Begrippenlijst.

The first occurrence of each glossary term on a page becomes a cross-reference to its entry, so
authors write no roles.  In HTML the page also carries the definitions as JSON, and
``jgz-begrippen.js`` shows a term's definition on hover, keyboard focus or a first tap.
"""

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .aanbeveling import aanbeveling_titel
from .doctree import SKIPPED_OUTSIDE_HTML
from .rendering import render
from .store import DocumentStore

entries = DocumentStore("jgz_begrippen")

# Text inside these is never linked: headings, existing links, code, the glossary itself.
SKIPPED_PARENTS = (
    nodes.title, nodes.subtitle, nodes.rubric, nodes.caption, nodes.reference, nodes.literal,
    nodes.literal_block, nodes.raw, nodes.term, nodes.target, nodes.field_name, nodes.comment,
    nodes.substitution_definition, addnodes.pending_xref, addnodes.glossary, addnodes.toctree,
    aanbeveling_titel,
)


class begrippen_data(nodes.General, nodes.Element):
    """The definitions of the terms linked on a page, for the tooltip script."""


def _collect(app: Sphinx, doctree: nodes.document) -> None:
    """Remember each glossary entry's terms, anchor and definition text."""
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            terms = [term for term in item.findall(nodes.term)]
            definitions = [definition for definition in item.findall(nodes.definition)]
            if not terms or not definitions or not all(term["ids"] for term in terms):
                continue
            entries.add(
                app.env,
                {
                    "terms": [term.astext() for term in terms],
                    "anchors": [term["ids"][0] for term in terms],
                    "definition": " ".join(definitions[0].astext().split()),
                },
            )


def _pattern(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE)


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SKIPPED_PARENTS):
            return True
        parent = parent.parent
    return False


class LinkTerms(SphinxPostTransform):
    """Link each glossary term's first occurrence on a page (before references resolve)."""

    default_priority = 6  # after the recommendation overview is filled, before the resolver

    def run(self, **kwargs) -> None:
        glossary_pages = set(getattr(self.env, entries.key, {}))
        docname = self.env.docname
        if docname in glossary_pages or any(
            docname.startswith(prefix) for prefix in self.config.jgz_begrippen_niet_op
        ):
            return
        excluded = {term.lower() for term in self.config.jgz_begrippen_niet_koppelen}
        by_term: dict[str, dict] = {}
        for entry in entries.records(self.env):
            for term in entry["terms"]:
                if term.lower() not in excluded:
                    by_term[term.lower()] = entry
        pattern = _pattern(list(by_term))
        if pattern is None:
            return

        linked: dict[str, dict] = {}
        for text in list(self.document.findall(nodes.Text)):
            if _skipped(text):
                continue
            replacement, remaining, position = [], str(text), 0
            for match in pattern.finditer(remaining):
                entry = by_term[match.group(1).lower()]
                if entry["anchors"][0] in linked:
                    continue  # one link per entry and page, whichever of its terms comes first
                linked[entry["anchors"][0]] = entry
                replacement.append(nodes.Text(remaining[position : match.start()]))
                replacement.append(self._reference(match.group(1), docname))
                position = match.end()
            if replacement:
                replacement.append(nodes.Text(remaining[position:]))
                text.parent.replace(text, [part for part in replacement if part.astext() or
                                           not isinstance(part, nodes.Text)])
        if linked:
            # Keyed by every anchor of the entry: a link lands on the term that the text used.
            definitions = {
                anchor: {"begrip": entry["terms"][0], "definitie": entry["definition"]}
                for entry in linked.values()
                for anchor in entry["anchors"]
            }
            self.document += begrippen_data("", definitions=definitions)

    @staticmethod
    def _reference(text: str, docname: str) -> addnodes.pending_xref:
        reference = addnodes.pending_xref(
            "", refdomain="std", reftype="term", reftarget=text.lower(), refexplicit=True,
            refwarn=True, refdoc=docname,
        )
        reference += nodes.inline(text, text, classes=["xref", "std", "std-term", "jgz-begrip"])
        return reference


def visit_data_html(self, node: begrippen_data) -> None:
    self.body.append(render("begrippen_data.html", definitions=node["definitions"]))
    raise nodes.SkipNode


def _add_script(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    # Only pages with linked terms carry definitions; the script does nothing elsewhere.
    if doctree is not None and any(doctree.findall(begrippen_data)):
        app.add_js_file("jgz-begrippen.js", loading_method="defer")


def setup(app: Sphinx) -> None:
    app.add_config_value("jgz_begrippen_niet_koppelen", [], "env", types=[list])
    app.add_config_value("jgz_begrippen_niet_op", [], "env", types=[list])
    app.add_node(begrippen_data, html=(visit_data_html, None), **SKIPPED_OUTSIDE_HTML)
    app.add_post_transform(LinkTerms)
    entries.connect(app)
    app.connect("doctree-read", _collect)
    app.connect("html-page-context", _add_script)
