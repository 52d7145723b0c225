"""The nodes of a form and their HTML: one element per node.

The directive builds one tree from the model (``tree.FormTree``).  In HTML each node writes
its own element with ``starttag``: its classes, id and the attributes in ``node["attrs"]``
(``data-*``, ``role``, ``aria-*``; an empty value for an attribute that only has to be there,
such as ``hidden``).  Builders other than HTML get ordinary docutils nodes from the same tree
(``plain.PlainForms``); nodes marked ``interactive`` (the status line, the buttons, the data for
the scripts) are left out there.

Names (titles, items, answers) are ``score_words`` with their text as an attribute, not text
nodes: they stay as written, without smart quotes or glossary links, as in the browser's data.
Texts with references are MyST, parsed by the directive, and keep their ordinary nodes.
"""

from docutils import nodes
from jinja2.utils import htmlsafe_json_dumps
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..assets import heading_level

# The heading of the table of combinations, on paper as in HTML.
COMBINATIONS_TITLE = "Combinaties van items"


class score_element(nodes.General, nodes.Element):
    """An element of the form; ``tag`` is its HTML element."""

    tag = "div"

    def html_tag(self) -> str:
        return self.tag


class scoreformulier(score_element):
    """A form: ``<div class="jgz-score" id="formulier-<id>" data-jgz-score>``."""


class score_box(score_element):
    """A block of the form: a ``div``, or the element in ``node["tag"]`` (``form``, ``section``,
    ``fieldset``, ``ul``)."""

    def html_tag(self) -> str:
        return self.get("tag", "div")


class score_question(score_element):
    """A question: a ``fieldset`` with its legend, its answers and its source."""

    tag = "fieldset"


class score_options(score_element):
    """The answers of a question, one ``score_choice`` each."""


class score_choice(score_element):
    """An answer or an item to tick: ``<label>`` around its input and its words."""

    tag = "label"


class score_input(score_element):
    """A radio button or checkbox (``node["attrs"]`` holds type, name and value)."""

    tag = "input"


class score_table(score_element):
    tag = "table"


class score_table_part(score_element):
    """``thead``, ``tbody`` or ``tr`` (``node["tag"]``)."""

    def html_tag(self) -> str:
        return self["tag"]


class score_text(nodes.Part, nodes.TextElement):
    """An element with words and links: ``p``, ``li``, ``td``, ``th``, ``legend``, ``caption``,
    ``span``, ``button``, ``strong`` or a heading (``node["tag"]``; a heading's ``node["offset"]``
    counts from the level of the form)."""

    def html_tag(self) -> str:
        if self["tag"] == "h":
            return "h%d" % min(heading_level(self) + self["offset"], 6)
        return self["tag"]


class score_link(nodes.Part, nodes.TextElement):
    """A link within the form, such as "Waarvoor, wanneer en let op" (``node["href"]``)."""


class score_words(nodes.Part, nodes.Inline, nodes.Element):
    """Words as written (``node["text"]``), escaped by the writer."""


class score_data(nodes.General, nodes.Element):
    """The form for the scripts, as JSON (``node["data"]``)."""


# --- HTML ------------------------------------------------------------------------------------


def _attributes(node: nodes.Element) -> dict:
    return dict(node.get("attrs", {}))


def visit_element_html(self, node: score_element | score_text) -> None:
    self.body.append(self.starttag(node, node.html_tag(), "", **_attributes(node)))


def depart_element_html(self, node: score_element) -> None:
    self.body.append("</%s>\n" % node.html_tag())


def depart_text_html(self, node: score_text) -> None:
    """Without a line break: the element may stand within a line of text."""
    self.body.append("</%s>" % node.html_tag())


def visit_input_html(self, node: score_input) -> None:
    self.body.append(self.starttag(node, "input", "", empty=True, **_attributes(node)))
    raise nodes.SkipNode


def visit_link_html(self, node: score_link) -> None:
    self.body.append(self.starttag(node, "a", "", href=node["href"]))


def depart_link_html(self, node: score_link) -> None:
    self.body.append("</a>")


def visit_words_html(self, node: score_words) -> None:
    self.body.append(self.encode(node["text"]))
    raise nodes.SkipNode


def visit_data_html(self, node: score_data) -> None:
    self.body.append(self.starttag(node, "script", "", type="application/json", CLASS="jgz-score__data"))
    # As Jinja's ``tojson``: <, >, & and ' are escaped, so the JSON cannot end the script.
    self.body.append(str(htmlsafe_json_dumps(node["data"], sort_keys=True)) + "</script>")
    raise nodes.SkipNode


def skipped(self, node: nodes.Element) -> None:
    """Never reached: the visitor writes the whole element and skips the children."""


BLOCKS = (scoreformulier, score_box, score_question, score_options, score_choice, score_table, score_table_part)
HTML = {
    **{node: (visit_element_html, depart_element_html) for node in BLOCKS},
    score_text: (visit_element_html, depart_text_html),
    score_input: (visit_input_html, skipped),
    score_link: (visit_link_html, depart_link_html),
    score_words: (visit_words_html, skipped),
    score_data: (visit_data_html, skipped),
}


class FlatLinks(SphinxPostTransform):
    """In HTML a link in a form's text is the words of the link, without the ``<span>`` that a
    cross-reference or a glossary link puts inside it, as the form has always shown them."""

    default_priority = 200  # after the references are resolved

    def is_supported(self) -> bool:
        return self.env._builder_cls.format == "html"

    def run(self, **kwargs) -> None:
        for form in self.document.findall(scoreformulier):
            for reference in list(form.findall(nodes.reference)):
                for inline in [child for child in reference.children if isinstance(child, nodes.inline)]:
                    reference.replace(inline, inline.children)
