"""Scoring and checklist forms (``scoreformulier``) that add up and interpret answers in the browser.

``:::{scoreformulier} _data/formulier-lsvg.yaml`` (or the YAML in the directive's body) describes
one form: items with answer options and points, the rule (``som`` or ``aantal``), interpretation
bands, and the MDCalc-style sections around it (what it is for, when to use it and when not,
cautions, source, copyright).  The build validates the data and fails with file, line and a
Dutch message, and builds one doctree of the form: in HTML the form with its inputs and the
interpretation table (readable without JavaScript and in print), for text and LaTeX the same
tree as ordinary nodes.  ``jgz-score.js`` (pure scoring, shared by all forms) and
``jgz-scoreformulier.js`` (the page) compute the result in the browser.  Nothing is stored or sent.

Modules: ``reader`` (loading, texts read by MyST's parser), ``model`` (the fields, declared once
for ``schema.py``), ``checks`` (cross-field rules, totals and outcomes), ``directive``, ``tree``
(the doctree), ``nodes`` (the nodes and their HTML), ``plain`` (other builders), ``client`` (data
for the scripts), ``presets`` (links that open a form pre-set).

The form gets the Sphinx label ``formulier-<id>``, so guideline pages can link to it with
``{ref}`LSVG invullen <formulier-lsvg>```.  A link may open the form pre-set:
``#formulier-<id>:<item>/<item>=<answer>`` (see ``preset_fragment``); the training cases check
such presets against the items recorded in ``forms``.  The editors' manual is
``docs/scoreformulier.md``.
"""

from sphinx.application import Sphinx

from ..doctree import add_html_nodes
from ..yamldata import DataError
from .checks import item_values, outcome_for, outcome_rows, possible_range, possible_totals, raw_totals
from .client import client_data
from .directive import ScoreformulierDirective
from .model import group_items, validate
from .nodes import HTML, FlatLinks, scoreformulier
from .plain import PlainForms
from .presets import form_record, forms, preset_fragment
from .reader import IDENTIFIER, Checker, load_yaml

__all__ = [
    "IDENTIFIER", "Checker", "DataError", "client_data", "form_record", "forms", "group_items",
    "item_values", "load_yaml", "outcome_for", "outcome_rows", "possible_range", "possible_totals",
    "preset_fragment", "raw_totals", "scoreformulier", "validate",
]


def setup(app: Sphinx) -> None:
    add_html_nodes(app, HTML)
    app.add_directive("scoreformulier", ScoreformulierDirective)
    app.add_post_transform(FlatLinks)
    app.add_post_transform(PlainForms)
    forms.connect(app)
