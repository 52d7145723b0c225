"""Static assets shipped inside the package, registered for HTML builders only.

Widgets declare which script and stylesheet they need; these are added only to pages that use
the widget (``needs_script``, ``needs_stylesheet``), so a page without a widget loads none of them.
The same holds for the assets that sphinx-design, Pygments and Sphinx's search add to every page:
a page without a design component or a code block does not load them (``_drop_unused_assets``).
"""

import hashlib
import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .store import DocumentStore

STATIC_DIR = Path(__file__).parent / "static"
_page_assets = DocumentStore("jgz_page_assets")


def needs_script(env, script: str) -> None:
    """Record that the document being read needs ``script`` (a file in ``static/``)."""
    _page_assets.add(env, script)


def needs_stylesheet(env, stylesheet: str) -> None:
    """Record that the document being read needs ``stylesheet`` (a file in ``static/``)."""
    _page_assets.add(env, stylesheet)


def script_here(translator, script: str) -> str:
    """A ``<script>`` for ``script`` (a file in ``static/``) at this point of the page.

    The browser runs it before it shows what follows, so a widget can take its final form before
    the first paint instead of moving the text below it (layout shift).  The ``?v=`` version lets
    web servers cache it for good, as Sphinx's own asset links do.
    """
    builder = translator.builder
    uri = relative_uri(builder.get_target_uri(builder.current_docname), f"_static/{script}")
    version = hashlib.sha256((STATIC_DIR / script).read_bytes()).hexdigest()[:8]
    return translator.starttag(nodes.Element(), "script", "", src=f"{uri}?v={version}") + "</script>\n"


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


# Assets other extensions add to every page, and the nodes that need them.
_DESIGN_STYLESHEET = "sphinx-design.min.css"
_DESIGN_TABS_SCRIPT = "design-tabs.js"
_PYGMENTS_STYLESHEET = "pygments.css"
_HIGHLIGHT_SCRIPT = "sphinx_highlight.js"


def _has_class(doctree: nodes.document, prefix: str) -> bool:
    return any(
        cls.startswith(prefix) for node in doctree.findall(nodes.Element) for cls in node.get("classes", ())
    )


def _uses_design(doctree: nodes.document) -> bool:
    # Some components (the dropdown) are nodes of their own that get their classes when written.
    return _has_class(doctree, "sd-") or any(
        type(node).__module__.startswith("sphinx_design") for node in doctree.findall(nodes.Element)
    )


def _drop_unused_assets(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    # Together these are some 80 KB per page, more than half of what a page of text weighs.
    unused = set()
    if doctree is None or not _uses_design(doctree):
        unused.add(_DESIGN_STYLESHEET)
    if doctree is None or not _has_class(doctree, "sd-tab-set"):
        unused.add(_DESIGN_TABS_SCRIPT)
    if doctree is None or not any(doctree.findall(nodes.literal_block)):
        unused.add(_PYGMENTS_STYLESHEET)
    if pagename == "search":
        # It marks the search words on the page a result leads to; on the result list itself it
        # would only store the words, which jgz-zoeken.js prevents (see there).
        unused.add(_HIGHLIGHT_SCRIPT)
    # In place: these are the builder's lists, which Sphinx restores before the next page, and
    # which later ``add_js_file`` calls for this page (offline.py) still extend.
    for key in ("css_files", "script_files"):
        context[key][:] = [asset for asset in context[key] if posixpath.basename(asset.filename) not in unused]


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
    app.connect("html-page-context", _drop_unused_assets, priority=800)  # after all additions
