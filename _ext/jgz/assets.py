"""Static assets shipped inside the package, registered for HTML builders only.

Widgets declare which script they need; the script is added only to pages that use the widget
(``needs_script``), so a page without a widget loads no widget JavaScript.
"""

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .store import DocumentStore

STATIC_DIR = Path(__file__).parent / "static"
_page_scripts = DocumentStore("jgz_page_scripts")


def needs_script(env, script: str) -> None:
    """Record that the document being read needs ``script`` (a file in ``static/``)."""
    _page_scripts.add(env, script)


def _register_static(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file("jgz.css", priority=600)


def _add_page_scripts(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    scripts = getattr(app.env, _page_scripts.key, {}).get(pagename, [])
    for script in sorted(set(scripts)):
        app.add_js_file(script, loading_method="defer")


def heading_level(node: nodes.Node) -> int:
    """The HTML heading level that fits below the sections that contain ``node``."""
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(depth + 1, 6)


def setup(app: Sphinx) -> None:
    _page_scripts.connect(app)
    app.connect("builder-inited", _register_static)
    app.connect("html-page-context", _add_page_scripts)
