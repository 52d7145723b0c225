"""A strict Content-Security-Policy, as a ``<meta>`` tag in every HTML page.

The policy allows scripts, styles, images, fonts, fetches, the web-app manifest and the service
worker from the site itself only: no eval, no inline event handlers, no ``javascript:`` links.
What must stay inline is allowed by its SHA-256 hash, taken from the finished page itself: the
``<script>`` and ``<style>`` blocks that the theme writes (furo's colour-scheme line and its CSS
variables) and the exact style attributes on the page (column widths of tables; ``'unsafe-hashes'``
in ``style-src-attr`` allows those exact declarations and nothing else).  furo's own style
attributes are rewritten by the theme templates so that older browsers without
``style-src-attr`` lose nothing but table column widths.

Inline scripts that the text of a page brings (raw HTML in MyST) are not hashed into an exception:
the build warns about them with file and line, as it does about event-handler attributes.

Every page is rendered through ``csp_page.html``, which passes the finished HTML through
:func:`add_policy`: the tag is part of the page as Sphinx writes it, so incremental builds leave
unchanged pages alone and parallel writing needs nothing more.  Markup that no policy may allow
(an ``on...`` attribute, a ``javascript:`` link) is a build warning with the page's name, so the
strict build fails before a browser ever reports a violation.
"""

import base64
import functools
import hashlib
import re
from html import escape
from html.parser import HTMLParser

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from . import live

logger = logging.getLogger(__name__)

WRAPPER_TEMPLATE = "csp_page.html"
CONTEXT_KEY = "jgz_csp_template"

# Every fetch directive, spelled out: default-src 'none' blocks whatever is not named here.
BASE_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # furo's icons are data: URIs in its stylesheet
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],  # the search form
}

# Types of <script> that the browser executes; a JSON data block is not executed.
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
META_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle=\"([^\"]*)\"")


def source_hash(text: str) -> str:
    """The CSP hash source of an inline script or style, as the browser computes it."""
    digest = hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class InlineCode(HTMLParser):
    """Finds inline scripts and styles, and the attributes the policy blocks, in one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attributes: list[str] = []
        self.blocked: list[str] = []
        self._capture: list[str] | None = None
        self._target: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name == "style":
                self.style_attributes.append(value or "")
            elif name.startswith("on"):
                self.blocked.append(f"<{tag} {name}=\"{value}\">")
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.blocked.append(f"<{tag} {name}=\"{value}\">")
        if tag == "script" and "src" not in attributes:
            if (attributes.get("type") or "").lower() in EXECUTABLE_SCRIPT_TYPES:
                self._capture, self._target = [], self.scripts
        elif tag == "style":
            self._capture, self._target = [], self.styles

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._capture is not None:
            self._target.append("".join(self._capture))
            self._capture = self._target = None


def inline_code(html: str) -> InlineCode:
    found = InlineCode()
    found.feed(html)
    found.close()
    return found


def policy_for(html: str, extra_sources: dict[str, list[str]] | None = None) -> tuple[str, list[str]]:
    """The policy for a finished page, and the markup on it that the policy would block.
    ``extra_sources`` are allowed too (the live preview's reload script, see live.py)."""
    found = inline_code(html)
    policy = {name: list(sources) for name, sources in BASE_POLICY.items()}
    for name, sources in (extra_sources or {}).items():
        policy[name] += sources
    policy["script-src"] += dict.fromkeys(source_hash(script) for script in found.scripts)
    policy["style-src"] += dict.fromkeys(source_hash(style) for style in found.styles)
    if found.style_attributes:
        policy["style-src-attr"] = ["'unsafe-hashes'"] + list(
            dict.fromkeys(source_hash(style) for style in found.style_attributes)
        )
    text = "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())
    return text, found.blocked


def add_policy(html: str, pagename: str = "", extra_sources: dict[str, list[str]] | None = None) -> str:
    """Insert the policy right after ``<meta charset>``: it covers only what follows it."""
    policy, blocked = policy_for(html, extra_sources)
    for markup in dict.fromkeys(blocked):
        logger.warning(
            "de Content-Security-Policy blokkeert %s: zet de code in een script in _static/ en "
            "koppel het met addEventListener.",
            markup, location=pagename or None, type="jgz", subtype="csp",
        )
    tag = f'<meta http-equiv="Content-Security-Policy" content="{escape(policy, quote=False)}">'
    match = META_CHARSET.search(html)
    if match is None:
        logger.warning("pagina zonder <meta charset>: geen Content-Security-Policy.",
                       location=pagename or None, type="jgz", subtype="csp")
        return html
    return html[: match.end()] + "\n    " + tag + html[match.end():]


def svg_presentation_attributes(html: str) -> str:
    """``style="opacity: 50%"`` on SVG elements becomes ``opacity="50%"``: same look, no style."""

    def attributes(match: re.Match) -> str:
        declarations = (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
        return "".join(f' {name.strip()}="{value.strip()}"' for name, value in declarations)

    return STYLE_ATTRIBUTE.sub(attributes, html)


def without_style_attributes(html: str) -> str:
    """Drop style attributes whose effect a class in ``jgz.css`` gives instead."""
    return STYLE_ATTRIBUTE.sub("", html)


def check_raw_html(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Raw HTML in a page may not bring scripts or event handlers: the policy's hashes are for
    the theme, and a script in the text would be allowed by its hash without anyone noticing."""
    for raw in doctree.findall(nodes.raw):
        if "html" not in raw.get("format", "").split():
            continue
        found = inline_code(raw.astext())
        problems = [f"<script>{script[:60]}" for script in found.scripts] + found.blocked
        for problem in problems:
            logger.warning(
                "HTML in de tekst met een script (%s): dat mag niet, de Content-Security-Policy "
                "staat alleen scripts uit _static/ toe.",
                problem, location=raw, type="jgz", subtype="csp",
            )


def _configure_templates(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    filters = app.builder.templates.environment.filters
    filters["jgz_csp"] = functools.partial(_page_policy, app)
    filters["jgz_svg_presentation"] = svg_presentation_attributes
    filters["jgz_without_style"] = without_style_attributes
    # The theme and Sphinx's Dutch catalogue: see the script for why.
    app.add_js_file("jgz-vertalingen.js", priority=300)


def _page_policy(app: Sphinx, html: str, pagename: str) -> str:
    return add_policy(html, pagename, live.policy_sources(app))


def _wrap_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree):
    """Render every page through the wrapper that adds the policy to the finished HTML."""
    if not templatename.endswith(".html"):
        return None
    context[CONTEXT_KEY] = templatename
    return WRAPPER_TEMPLATE


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _configure_templates)
    app.connect("doctree-resolved", check_raw_html)
    # Late, so that the other handlers have filled in the page's context first.
    app.connect("html-page-context", _wrap_page, priority=900)
