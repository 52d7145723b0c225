"""Site-wide settings for Dutch professionals: Dutch labels, meta description, status footer,
the script of the search page and the 404 page."""

import re
from pathlib import Path

from docutils import nodes
from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.text import TextTranslator

from .assets import needs_script

THEME_DIR = Path(__file__).parent / "theme"

# Screen-reader and button labels that furo writes in English, with their Dutch text.
DUTCH_LABELS = {
    "Toggle site navigation sidebar": "Navigatiemenu openen of sluiten",
    "Toggle table of contents sidebar": "Inhoudsopgave van deze pagina openen of sluiten",
    "Toggle Light / Dark / Auto color theme": "Kleurenschema wisselen: licht, donker of automatisch",
    'aria-label="Toggle navigation of ': 'aria-label="Onderdelen tonen of verbergen van ',
    "Skip to content": "Naar de inhoud",
    "Back to top": "Naar boven",
    "On this page": "Op deze pagina",
    "Made with": "Gemaakt met",
    "<span>Next</span>": "<span>Volgende</span>",
    "<span>Previous</span>": "<span>Vorige</span>",
    '<div class="title">Home</div>': '<div class="title">Start</div>',
    "<title>Contents</title>": "<title>Inhoud</title>",
    "<title>Expand</title>": "<title>Uitklappen</title>",
    "<title>Light mode</title>": "<title>Lichte weergave</title>",
    "<title>Dark mode</title>": "<title>Donkere weergave</title>",
    "<title>Auto light/dark, in light mode</title>": "<title>Automatisch, nu licht</title>",
    "<title>Auto light/dark, in dark mode</title>": "<title>Automatisch, nu donker</title>",
    'title="Link to this heading"': 'title="Link naar deze kop"',
    'title="Link to this table"': 'title="Link naar deze tabel"',
    'title="Link to this definition"': 'title="Link naar deze definitie"',
    'title="Link to this term"': 'title="Link naar dit begrip"',
    'title="Link to this image"': 'title="Link naar deze afbeelding"',
}


def dutch_labels(html: str) -> Markup:
    """Replace furo's English labels; the input is template output, so it stays markup."""
    for english, dutch in DUTCH_LABELS.items():
        html = html.replace(english, dutch)
    return Markup(html)


def _configure_templates(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    environment = app.builder.templates.environment
    environment.filters["jgz_nl"] = dutch_labels
    # The compiled templates (furo's and ours), beside the doctrees: a rebuild that writes one
    # page spent a tenth of a second compiling them.  Jinja compiles again when a template changes.
    cache = Path(app.doctreedir) / "jgz-templates"
    cache.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(cache))


def _add_theme_templates(app: Sphinx, config) -> None:
    config.templates_path = [str(THEME_DIR), *config.templates_path]  # a new list: see assets.py


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["jgz_richtlijn"] = app.config.jgz_richtlijn
    metatags = context.get("metatags", "")
    if 'name="description"' not in metatags:
        description = Markup('<meta name="description" content="{}">\n').format(app.config.jgz_beschrijving)
        context["metatags"] = Markup(metatags) + description
    if pagename == "search":
        app.add_js_file("jgz-zoeken.js", priority=501, defer="defer")  # the readers' search: zoeken.py


def output_file_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{uitvoer}`aanbevelingen.json``: a link to a file that the build writes into the output."""
    env = inliner.document.settings.env
    depth = env.docname.count("/")
    uri = "../" * depth + text
    return [nodes.reference(rawtext, text, refuri=uri, classes=["jgz-uitvoer"])], []


def _root_relative_404(app: Sphinx, exception) -> None:
    """Make the 404 page's links start at the site root.

    A web server shows 404.html for any missing address, at any depth, so the page's relative
    links would point to the wrong place.  ``jgz_basispad`` is the path where the site is served.
    """
    if exception or app.builder.format != "html":
        return
    page = Path(app.outdir) / "404.html"
    if not page.is_file():
        return
    written = page.read_text(encoding="utf-8")
    html = as_published(app, "404", written)
    if html != written:  # an incremental build that did not write the page again leaves it be
        page.write_text(html, encoding="utf-8")


def as_published(app: Sphinx, pagename: str, html: str) -> str:
    """A page as this module leaves it after the build: the 404 page with links from the root."""
    if pagename != "404":
        return html
    base = "/" + app.config.jgz_basispad.strip("/") + "/" if app.config.jgz_basispad.strip("/") else "/"
    html = re.sub(r'(\s(?:href|src|action)=")(?![a-z][a-z0-9+.-]*:|/|#)', r"\1" + base, html)
    return html.replace('data-content_root="./"', f'data-content_root="{base}"')


class IntegerListStart(SphinxTransform):
    """MyST's ``{style=lower-alpha start=3}`` leaves ``start`` a string; writers need a number."""

    default_priority = 100

    def apply(self, **kwargs) -> None:
        for node in self.document.findall(nodes.enumerated_list):
            if isinstance(node.get("start"), str):
                node["start"] = int(node["start"])


class LetteredListsTextTranslator(TextTranslator):
    """Sphinx's text writer numbers every enumerated list 1, 2, 3; the guideline's lists
    a, b, c keep their letters (``{style=lower-alpha}``), as HTML and LaTeX already show them."""

    def depart_list_item(self, node: nodes.Element) -> None:
        enumtype = node.parent.get("enumtype") if isinstance(node.parent, nodes.enumerated_list) else None
        if enumtype in ("loweralpha", "upperalpha"):
            letter = chr(ord("a") + self.list_counter[-1] - 1)
            self.end_state(first=f"{letter.upper() if enumtype == 'upperalpha' else letter}. ")
        else:
            super().depart_list_item(node)


THEME_PAGE = re.compile(r"^thema-(\d+)/")


def _theme_in_long_title(app: Sphinx, doctree: nodes.document) -> None:
    """"Overwegingen" stands in each theme: the browser's tab and history, and the search results,
    show "Overwegingen (Thema 2)".  The page's own heading stays as the guideline has it."""
    env = app.env
    docname = env.current_document.docname
    match = THEME_PAGE.match(docname)
    title = env.longtitles.get(docname)
    if match and title is not None and "thema" not in title.astext().lower():
        env.longtitles[docname] = nodes.title("", f"{title.astext()} (Thema {match.group(1)})")


def _table_script(app: Sphinx, doctree: nodes.document) -> None:
    if any(doctree.findall(nodes.table)):
        needs_script(app.env, "jgz-tabellen.js")


class NoDuplicateTableIds(SphinxPostTransform):
    """Furo wraps each table in a container and copies the table's ids onto it, so every
    labelled table's id stood twice in the page.  The table keeps them; the wrapper drops them."""

    default_priority = 501  # just after furo's wrapping (500)
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for wrapper in self.document.findall(nodes.container):
            if {"table-wrapper", "math-wrapper"} & set(wrapper["classes"]):
                wrapper["ids"] = []


def setup(app: Sphinx) -> None:
    app.add_post_transform(NoDuplicateTableIds)
    app.add_transform(IntegerListStart)
    app.set_translator("text", LetteredListsTextTranslator)
    app.add_config_value("jgz_basispad", "/", "html", types=[str])
    app.connect("build-finished", _root_relative_404)
    app.add_config_value("jgz_beschrijving", "", "html", types=[str])
    app.connect("config-inited", _add_theme_templates)
    app.connect("builder-inited", _configure_templates)
    app.connect("html-page-context", _page_context)
    app.connect("doctree-read", _theme_in_long_title, priority=600)  # after Sphinx's title collector
    app.connect("doctree-read", _table_script)
    app.add_role("uitvoer", output_file_role)

