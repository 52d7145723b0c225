"""The nodes of a form."""

from docutils import nodes

# The heading of the table of combinations, on paper as in HTML.
COMBINATIONS_TITLE = "Combinaties van items"


class scoreformulier(nodes.General, nodes.Element):
    """A form; ``node["form"]`` is the validated model, the children are its rich-text fragments."""

