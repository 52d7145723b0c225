"""Static assets shipped inside the package, registered for HTML builders only.

Widgets declare which script and stylesheet they need; these are added only to pages that use
the widget (``needs_script``, ``needs_stylesheet``), so a page without a widget loads none of them.
"""

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .store import DocumentStore

STATIC_DIR = Path(__file__).parent / "static"
_page_assets = DocumentStore("jgz_page_assets")


def needs_script(env, script: str) -> None:
    """Record that the document being read needs ``script`` (a file in ``static/``)."""
    _page_assets.add(env, script)


def needs_stylesheet(env, stylesheet: str) -> None:
    """Record that the document being read needs ``stylesheet`` (a file in ``static/``)."""
    _page_assets.add(env, stylesheet)


def _add_static_path(app: Sphinx, config) -> None:
    # A new list, set before the environment compares configurations: mutating the (shared)
    # default list or changing it later would make every build look like a changed configuration.
    config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def _register_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("jgz.css", priority=600)


def _add_page_assets(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    assets = getattr(app.env, _page_assets.key, {}).get(pagename, [])
    for asset in dict.fromkeys(assets):  # first use first: a shared script precedes its users
        if asset.endswith(".css"):
            app.add_css_file(asset, priority=650)
        else:
            app.add_js_file(asset, loading_method="defer")


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
    _page_assets.connect(app)
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _register_stylesheet)
    app.connect("html-page-context", _add_page_assets)
