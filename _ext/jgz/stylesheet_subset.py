"""Only the part of the stylesheets of sphinx-design, Pygments and furo's extensions that the
site uses.

sphinx-design ships one 54 KB stylesheet for all its components, Sphinx writes a 20 KB Pygments
stylesheet for every token type in light and dark, and furo styles a dozen extensions the site does
not have; the site uses a few cards, dropdowns and token types, and every page would load all of
it.  Once all pages are written, the rules whose selectors need a class that no page has are left
out, the rest is written as ``_static/jgz-….css``, and the pages link those instead.
The full files stay in ``_static/`` (a reference when a style looks wrong); the offline copy
leaves them out.  The classes are read from the written HTML, not the doctrees, because sphinx-design's HTML writer
and Pygments add classes of their own.

Runs after furo has rewritten ``pygments.css`` with its dark styles (at the default priority),
and before ``offline`` lists the site's files, so that the offline copy has the new files.

An incremental build reads only the pages it wrote: the classes of the others, and the subsets,
are kept beside the doctrees (``jgz-stylesheets.json``).  When neither the classes nor a full
stylesheet changed, the subset is not computed again; when no subset changed, only the pages
written in this build get their links.
"""

import functools
import hashlib
import json
import re
from pathlib import Path

from sphinx.application import Sphinx

# The full stylesheet in _static/, and the name of its subset.  (Not furo.css: furo.js gives
# elements classes that no written page has.)
SUBSETS = {
    "sphinx-design.min.css": "jgz-design.css",
    "pygments.css": "jgz-pygments.css",
    "styles/furo-extensions.css": "jgz-furo-extensions.css",
}
CACHE_FILE = "jgz-stylesheets.json"
CACHE_VERSION = 1
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
# A class in :not() need not be on the page for the selector to match; one in :is(), :where()
# or :has() may be one of several alternatives: such selectors are kept as they are.
NEGATION = re.compile(r":not\([^()]*\)")
ALTERNATIVES = re.compile(r":(?:is|where|has)\(")


def used_classes(pages: dict[Path, str]) -> set[str]:
    return {name for html in pages.values() for value in CLASS_ATTRIBUTE.findall(html) for name in value.split()}


def subset(stylesheet: str, classes: set[str]) -> str:
    """``stylesheet`` without the selectors that need a class not in ``classes``."""
    return "\n".join(filter(None, (_rule(rule, classes) for rule in _rules(stylesheet)))) + "\n"


@functools.lru_cache(maxsize=32)
def _rules(stylesheet: str) -> tuple:
    # Parsing is most of the work and the stylesheets rarely change: builds in one process (the
    # tests' small projects, one after another) parse each one once.
    import tinycss2  # here: a rebuild that changes no class does not need it (30 ms to import)

    return tuple(tinycss2.parse_stylesheet(stylesheet, skip_whitespace=True, skip_comments=True))


def _rule(rule, classes: set[str]) -> str:
    import tinycss2

    if rule.type == "qualified-rule":
        selectors = [
            selector.strip() for selector in _split_selectors(tinycss2.serialize(rule.prelude))
            if _can_match(selector, classes)
        ]
        return f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}" if selectors else ""
    if rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
        inner = subset(tinycss2.serialize(rule.content), classes).strip()
        return f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}" if inner else ""
    return rule.serialize()  # @keyframes and the like: small, and needed by kept rules


def _can_match(selector: str, classes: set[str]) -> bool:
    plain = NEGATION.sub("", QUOTED.sub("", selector))
    return bool(ALTERNATIVES.search(plain)) or set(SELECTOR_CLASS.findall(plain)) <= classes


def _split_selectors(prelude: str) -> list[str]:
    """The selectors of a comma-separated list, leaving commas inside brackets alone."""
    selectors, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            selectors.append(prelude[start:index])
            start = index + 1
    return [*selectors, prelude[start:]]


def _link(full_name: str, subset_name: str, checksum: str) -> tuple[re.Pattern, str]:
    """A link to either file with Sphinx's checksum, and the link to the subset that replaces it.
    (Pages an incremental build did not rewrite already link the subset, whose checksum may have
    changed since.)"""
    names = "|".join(re.escape(name) for name in (full_name, subset_name))
    return re.compile(rf'(href="[^"]*_static/)(?:{names})\?v=[0-9a-f]+"'), rf'\g<1>{subset_name}?v={checksum}"'


def with_subset_links(app: Sphinx, html: str) -> str:
    """``html`` linking the subsets as they were after the previous build: a page written again
    compares with its file as that build left it."""
    subsets = _load_cache(Path(app.doctreedir) / CACHE_FILE)["subsets"]
    for full_name, subset_name in SUBSETS.items():
        if subset_name in subsets:
            pattern, replacement = _link(full_name, subset_name, subsets[subset_name][2])
            html = pattern.sub(replacement, html)
    return html


def _write_subsets(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    cache_path = Path(app.doctreedir) / CACHE_FILE
    cache = _load_cache(cache_path)
    known_pages, known_subsets = cache["pagina's"], cache["subsets"]
    pages: dict[Path, str] = {}  # the pages written since the cache was: read again
    page_classes: dict[str, list[str]] = {}
    for page in outdir.rglob("*.html"):
        name, stat = page.relative_to(outdir).as_posix(), page.stat()
        known = known_pages.get(name)
        if known and known[0] == stat.st_mtime_ns and known[1] == stat.st_size:
            page_classes[name] = known[2]
        else:
            pages[page] = page.read_text(encoding="utf-8")
            page_classes[name] = sorted(used_classes({page: pages[page]}))
    classes = {name for names in page_classes.values() for name in names}
    classes_digest = hashlib.sha256(" ".join(sorted(classes)).encode()).hexdigest()
    links, subsets, relink_all = [], {}, False
    for full_name, subset_name in SUBSETS.items():
        source = static / full_name
        if not source.is_file():
            continue
        full = source.read_bytes()
        key = [hashlib.sha256(full).hexdigest(), classes_digest]
        target = static / subset_name
        known = known_subsets.get(subset_name)
        if known and known[:2] == key and target.is_file():
            checksum = known[2]
        else:
            text = subset(full.decode("utf-8"), classes)
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
            checksum = hashlib.sha256(text.encode()).hexdigest()[:8]
        relink_all |= not known or known[2] != checksum
        subsets[subset_name] = [*key, checksum]
        links.append(_link(full_name, subset_name, checksum))
    if relink_all:  # a subset changed: every page must link its new checksum
        pages = {page: pages.get(page) or page.read_text(encoding="utf-8") for page in outdir.rglob("*.html")}
    for page, html in pages.items():
        linked = html
        for pattern, replacement in links:
            linked = pattern.sub(replacement, linked)
        if linked != html:
            page.write_text(linked, encoding="utf-8")
    known_pages = {}
    for page in outdir.rglob("*.html"):
        name, stat = page.relative_to(outdir).as_posix(), page.stat()
        known_pages[name] = [stat.st_mtime_ns, stat.st_size, page_classes[name]]
    cache_path.write_text(json.dumps({"versie": CACHE_VERSION, "pagina's": known_pages, "subsets": subsets}),
                          encoding="utf-8")


def _load_cache(path: Path) -> dict:
    try:
        cache = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    if cache.get("versie") != CACHE_VERSION:
        cache = {}
    return {"pagina's": cache.get("pagina's", {}), "subsets": cache.get("subsets", {})}


def setup(app: Sphinx) -> None:
    app.connect("build-finished", _write_subsets, priority=600)
