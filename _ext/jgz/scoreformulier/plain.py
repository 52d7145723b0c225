"""Text, LaTeX and other builders: the form's tree as ordinary docutils nodes.

The same tree as in HTML, in the same order; what only works in a browser (the status line, the
buttons, the data for the scripts) is left out, each answer gets ``[ ]`` and each question its
number, so the form can be filled in on paper.
"""

from docutils import nodes

from ..rendering import PlainOutputTransform
from .nodes import (
    score_box, score_choice, score_data, score_input, score_link, score_options, score_question,
    score_table, score_table_part, score_text, score_words, scoreformulier,
)

COLUMN_WIDTHS = (15, 60, 25)


def _paragraphs(children: list[nodes.Node]) -> list[nodes.Node]:
    """Runs of words and links become a paragraph; lists and paragraphs stay as they are."""
    result: list[nodes.Node] = []
    run: list[nodes.Node] = []
    for child in children:
        if isinstance(child, (nodes.Text, nodes.Inline)):
            run.append(child)
            continue
        if run:
            result.append(nodes.paragraph("", "", *run))
            run = []
        result.append(child)
    if run:
        result.append(nodes.paragraph("", "", *run))
    return result


def _words(node: nodes.Element) -> str:
    return "".join(words["text"] for words in node.findall(score_words))


def _box_for(node: score_box, children: list[nodes.Node]) -> nodes.Element:
    if node.html_tag() == "ul":
        return nodes.bullet_list("", *children, bullet="-")
    return nodes.container("", *children)


def _text_for(node: score_text, children: list[nodes.Node]) -> list[nodes.Node]:
    tag = node["tag"]
    if tag == "h" or (tag == "legend" and node.get("heading")):
        return [nodes.paragraph("", "", nodes.strong("", "", *children))]
    if tag == "strong":
        return [nodes.strong("", "", *children)]
    if tag in ("p", "legend"):
        return [nodes.paragraph("", "", *children)]
    if tag == "li":
        return [nodes.list_item("", *_paragraphs(children))]
    if tag in ("td", "th"):
        return [nodes.entry("", *_paragraphs(children))]
    if tag == "caption":
        return [nodes.title("", "", *children)]
    return children


class PlainForms(PlainOutputTransform):
    """For builders other than HTML: every node of the form becomes an ordinary node."""

    def run(self, **kwargs) -> None:
        for form in list(self.document.findall(scoreformulier)):
            self.numbers = {id(question): number
                            for number, question in enumerate(form.findall(score_question), 1)}
            form.replace_self(self.convert(form))

    def convert(self, node: nodes.Node) -> list[nodes.Node]:
        if not isinstance(node, nodes.Element):
            return [node]
        if node.get("interactive") or isinstance(node, (score_data, score_input)):
            return []
        if isinstance(node, score_words):
            return [nodes.Text(node["text"])]
        if isinstance(node, score_choice):
            return [nodes.Text("[ ] " + _words(node))]
        if isinstance(node, score_options):
            return [nodes.paragraph("", "   ".join("[ ] " + _words(choice)
                                                   for choice in node.findall(score_choice)))]
        if not isinstance(node, (scoreformulier, score_box, score_question, score_table, score_table_part,
                                 score_text, score_link)):
            return [node]  # a text with references: already ordinary nodes
        children = [converted for child in list(node.children) for converted in self.convert(child)]
        if isinstance(node, score_question):
            legend = children.pop(0)
            legend.insert(0, nodes.Text(f"{self.numbers[id(node)]}. "))
            result = [nodes.container("", legend, *children)]
        elif isinstance(node, score_text):
            result = _text_for(node, children)
        elif isinstance(node, score_link):
            result = [nodes.reference("", "", *children, refid=node["href"].lstrip("#"), internal=True)]
        elif isinstance(node, score_table):
            head = next(part for part in node.children if isinstance(part, score_table_part))
            group = nodes.tgroup(cols=len(head[0]))
            group += [nodes.colspec(colwidth=width) for width in COLUMN_WIDTHS[: group["cols"]]]
            group += [child for child in children if not isinstance(child, nodes.title)]
            titles = [child for child in children if isinstance(child, nodes.title)]
            result = [nodes.table("", *titles, group, classes=["jgz-score__tabel"])]
        elif isinstance(node, score_table_part):
            result = [{"thead": nodes.thead, "tbody": nodes.tbody, "tr": nodes.row}[node["tag"]]("", *children)]
        elif isinstance(node, scoreformulier):
            result = [nodes.container("", *children, classes=["jgz-score"])]
        else:
            result = [_box_for(node, children)]
        if node["ids"]:
            # A target keeps the label formulier-<id> and the links within the form, also in LaTeX.
            result.insert(0, nodes.target("", "", ids=node["ids"]))
        return result
