"""What one widget needs to know about another: where the records of the trees are kept, and the
anchors that links between widgets point at.

A case links to a decision tree or a form with the reader's situation filled in; it looks the
tree or form up in the records of its store and points at its anchor.  Those names live here, so
that a widget module does not import another widget module for them.
"""

from .store import DocumentStore

# Per tree: its id, page and questions with their answers (beslisboom.py adds them).
trees = DocumentStore("jgz_beslisbomen")

# The label (and anchor) of a form is "formulier-<id>" (scoreformulier.py).
FORM_LABEL = "formulier-"


def tree_anchor(tree_id: str, node_id: str | None = None) -> str:
    """``beslisboom-<id>`` or, for a question or outcome, ``beslisboom-<id>-<node>``."""
    return f"beslisboom-{tree_id}" + (f"-{node_id}" if node_id else "")
