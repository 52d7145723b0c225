"""Sphinx extensions of the JGZ-richtlijn Ouder-kindrelatie website.

One small module per component, as in sphinx-design: each has its own ``setup(app)``.
"""

from sphinx.application import Sphinx

from . import (
    aanbeveling,
    assets,
    begrippen,
    beslisboom,
    casus,
    conclusie,
    csp,
    incremental,
    kaarten,
    leeftijd,
    leeftijdswijzer,
    live,
    offline,
    scoreformulier,
    site,
    status,
    stylesheet_subset,
    zoeken,
)

__version__ = "0.1.0"

COMPONENTS = (
    assets, site, status, aanbeveling, conclusie, begrippen, leeftijd, leeftijdswijzer, kaarten, beslisboom,
    scoreformulier, casus, stylesheet_subset, zoeken, offline, csp, live, incremental,
)


def setup(app: Sphinx) -> dict:
    for component in COMPONENTS:
        component.setup(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 6,
    }
