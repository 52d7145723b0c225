"""The editors' live preview (``make live``): the page reloads itself after every change, and
what the build reports shows on the page it concerns.

``make live`` sets ``jgz_live`` to the address of sphinx-autobuild's server (``127.0.0.1:8000``).
Only then:

- the Content-Security-Policy also allows sphinx-autobuild's reload script, by the hash of its
  exact text, and its WebSocket; the strict policy of the published build would block both;
- each warning of the build stands at the top of the page it concerns (a YAML file's warnings on
  the pages that use the file), so that an editor sees a widget that did not build;
- no service worker, so that the preview never shows a page from its cache.

With ``jgz_live`` empty, the default, the build is the published one and nothing here acts.
"""

import logging
from collections import defaultdict
from pathlib import Path

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging

from .rendering import render


def is_live(app: Sphinx) -> bool:
    return bool(app.config.jgz_live)


def policy_sources(app: Sphinx) -> dict[str, list[str]]:
    """What the policy must allow beside the site's own code, in live mode: the reload script
    that sphinx-autobuild appends to every page it serves, and the WebSocket it opens."""
    if not is_live(app):
        return {}
    from sphinx_autobuild.middleware import web_socket_script  # installed with make live

    from .csp import inline_code, source_hash

    script = inline_code(web_socket_script(app.config.jgz_live)).scripts[0]
    return {"script-src": [source_hash(script)], "connect-src": [f"ws://{app.config.jgz_live}"]}


class PageWarnings(logging.Handler):
    """Collects the build's warnings by the page they concern."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.by_page: dict[str | None, list[str]] = defaultdict(list)
        self.addFilter(sphinx_logging.WarningSuppressor(app))

    def emit(self, record: logging.LogRecord) -> None:
        location = getattr(record, "location", None)
        if isinstance(location, tuple):
            location = f"{self.app.env.doc2path(location[0])}:{location[1] or ''}" if location[0] else None
        elif isinstance(location, nodes.Node):
            location = sphinx_logging.get_node_location(location)
        message = record.msg % record.args if record.args else str(record.msg)
        text = f"{location}: {message}" if location else message
        for page in self._pages(location):
            self.by_page[page].append(text)

    def _pages(self, location: str | None) -> list[str | None]:
        """The pages a warning concerns: its own, or the pages that use its file; None if none."""
        env = self.app.env
        if not location:
            return [None]
        path = Path(location.rsplit(":", 1)[0] if ":" in location else location)
        if not path.is_absolute():
            return [location]  # a docname
        page = env.path2doc(path)
        if page:
            return [page]
        users = [name for name, files in env.dependencies.items() if path in {Path(f) for f in files}]
        return users or [None]


_handlers: dict[int, PageWarnings] = {}


def _collect(app: Sphinx) -> None:
    if is_live(app):
        handler = _handlers[id(app)] = PageWarnings(app)
        logging.getLogger(sphinx_logging.NAMESPACE).addHandler(handler)


def warnings_on(app: Sphinx, pagename: str) -> list[str]:
    """The warnings so far that stand on the page in the live preview (none in other builds)."""
    handler = _handlers.get(id(app))
    if handler is None:
        return []
    return handler.by_page.get(pagename, []) + handler.by_page.get(None, [])


def _show(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "body" not in context:
        return
    warnings = warnings_on(app, pagename)
    if warnings:
        context["body"] = Markup(render("live_meldingen.html", meldingen=warnings)) + Markup(context["body"])


def _stop(app: Sphinx, exception) -> None:
    handler = _handlers.pop(id(app), None)
    if handler is not None:
        logging.getLogger(sphinx_logging.NAMESPACE).removeHandler(handler)


def setup(app: Sphinx) -> None:
    app.add_config_value("jgz_live", "", "html", types=[str])
    app.connect("builder-inited", _collect)
    app.connect("html-page-context", _show)
    app.connect("build-finished", _stop)
