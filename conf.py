"""Sphinx configuration of the JGZ-richtlijn Ouder-kindrelatie website.

The site's pages live in ``content/`` (the source directory); this file sits at the repository
root and is passed with ``-c .``.  ``content/over`` is a link to ``docs/`` so that the maintainers'
documentation is part of the site under "Over deze website".
"""

import sys
from pathlib import Path

ROOT = Path(__file__).parent.resolve()
sys.path.insert(0, str(ROOT / "_ext"))

project = "JGZ-richtlijn Ouder-kindrelatie"
# The guideline names its writers: "Een projectgroep van TNO schreef de richtlijn" (Inleiding).
author = "Projectgroep TNO"
language = "nl"
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinx_design",
    "jgz",
]

# Folders below content/ that are not pages.  (conf.py is outside the source folder, so
# tests/, tools/, _ext/, .venv/ and _build/ are never read.)
exclude_patterns = ["**/_data/**", "**/README.md", ".ipynb_checkpoints"]
templates_path: list[str] = []

myst_enable_extensions = [
    "colon_fence",
    "deflist",
    "fieldlist",
    "attrs_inline",
    "attrs_block",
]
myst_heading_anchors = 3
myst_footnote_transition = False

# The guideline's facts that the extensions show (citations, footer, status, export).  Each date is
# written here once: _ext/jgz/status.py derives the sentences that name it and the end of the
# revision term, and every page says whether that end has passed on the day it is read.
jgz_richtlijn = {
    "titel": "JGZ-richtlijn Ouder-kindrelatie",
    "autorisatie": "25-01-2021",
    "autorisatie_door": "de Richtlijn Advies Commissie (RAC)",
    # "Voor de JGZ richtlijn 'Ouder-kindrelatie' is de standaard herzieningstermijn van vijf jaar
    # van toepassing" (Inleiding).
    "herzieningstermijn_jaren": 5,
    # Where the JGZ guidelines are published (NCJ): a newer version would appear there.
    "vindplaats": "https://www.jgzrichtlijnen.nl/",
}
# The guideline's source text: every quote a tool cites as its support must occur in it
# (_ext/jgz/veiligheid.py, docs/veiligheid.md).
jgz_brontekst = str(ROOT / "tools" / "bron" / "jgz-richtlijn-ouder-kindrelatie.txt")
jgz_themas = {
    "1": "Introductie ouder-kindrelatie",
    "2": "Signaleren",
    "3": "Begeleiden en verwijzen",
    "4": "Samenwerken",
}

html_theme = "furo"
html_title = "JGZ-richtlijn Ouder-kindrelatie"
html_short_title = "Ouder-kindrelatie"
html_favicon = "_ext/jgz/static/favicon.svg"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_show_copyright = False  # the source text states no copyright holder for the guideline
html_permalinks_icon = "#"
# The readers' search (_ext/jgz/zoeken.py, docs/zoeken.md): the maintainers' documentation is not
# in it, and the training cases come after the guideline.
jgz_zoeken_niet_op = ["over/"]
jgz_zoeken_gewicht = {"oefenen/": 0.3}
# Words that readers type but the guideline does not use, with the labels of the sections they
# mean: a register, as at the back of a book.  The Dutch names of ages, and a synonym.
jgz_zoeken_trefwoorden = {
    "pasgeborene": ["thema-1-eerste-uren-na-de-geboorte"],
    "zuigeling": ["thema-1-eerste-levensjaar"],
    "dreumes": ["thema-1-tweede-levensjaar"],
    "peuter": ["thema-1-twee-tot-vier-jaar"],
    "kleuter": ["thema-1-basisschoolleeftijd"],
    "schoolkind": ["thema-1-basisschoolleeftijd"],
    "puber": ["thema-1-adolescentie"],
    "tiener": ["thema-1-adolescentie"],
    "postnataal": ["tabel-2-2"],  # Tabel 2.2 says "postpartum"
}
html_theme_options = {
    "navigation_with_keys": False,
    "top_of_page_buttons": [],
}
jgz_beschrijving = (
    "De JGZ-richtlijn Ouder-kindrelatie online: de volledige tekst met genummerde aanbevelingen, "
    "voor jeugdartsen, verpleegkundig specialisten, jeugdverpleegkundigen en doktersassistenten."
)

# Glossary terms link automatically on their first use in a page; these are too common to link.
jgz_begrippen_niet_koppelen = ["ouder", "kind/jeugdige"]
# Pages where terms are not linked (the maintainers' documentation).
jgz_begrippen_niet_op = ["over/"]
# Left out of `make pdf`: the maintainers' documentation and the training cases.
jgz_pdf_weglaten = ["over/", "oefenen/"]
