"""Offline use, paper and PDF: the site as an installable web app that works without a network
after one visit, a print stylesheet for every page, and the single-page build for ``make pdf``.

HTML builder (the website):

- every page loads ``jgz-offline.js``, which links the web-app manifest and registers the service
  worker, over http(s) only;
- after the build, ``sw.js`` (a copy of ``static/jgz-sw.js``) goes to the site root, where its
  scope is the whole site, also under a sub-path; ``manifest.webmanifest`` gets the Dutch name and
  the icons; ``offline-bestanden.json`` lists every file of the site that a reader needs offline
  (not the maintainers' pages, ``jgz_offline_weglaten``, nor the theme's files that no page
  loads) with a version that is a hash of their contents.  A file that pages load with Sphinx's ``?v=<checksum>`` is listed at that address,
  so that the worker can answer it by version.  A new version means a new worker URL
  (``sw.js?v=<versie>``) and a new cache.

Every HTML builder gets ``jgz-print.css`` (media print).  The single-page builder, which
``make pdf`` prints with Chromium, also gets a table of contents and leaves out the maintainers'
pages.  The maintainers' manual is ``docs/offline-en-afdrukken.md``.
"""

import hashlib
import itertools
import json
import posixpath
import re
from pathlib import Path

from docutils import nodes
from markupsafe import Markup
from sphinx import addnodes
from sphinx.application import Sphinx

from .assets import STATIC_DIR
from .live import is_live
from .rendering import render
from .stylesheet_subset import SUBSETS

SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
FILE_LIST = "offline-bestanden.json"
# Beside the doctrees: what each page refers to, for the pages an incremental build did not write.
REFERENCES_CACHE = "jgz-offline-verwijzingen.json"
# The accent colour of jgz.css (--jgz-accent): the manifest cannot read CSS variables.
THEME_COLOUR = "#0b5c6b"
ICONS = (
    {"src": "_static/favicon.svg", "sizes": "any", "type": "image/svg+xml"},
    {"src": "_static/jgz-icoon-192.png", "sizes": "192x192", "type": "image/png"},
    {"src": "_static/jgz-icoon-512.png", "sizes": "512x512", "type": "image/png"},
    {"src": "_static/jgz-icoon-maskable-512.png", "sizes": "512x512", "type": "image/png",
     "purpose": "maskable"},
)
APPLE_TOUCH_ICON = "_static/jgz-icoon-apple-180.png"

# Build output that is not part of the site a reader needs: Sphinx's own bookkeeping, source
# maps, and the worker script itself (the browser keeps that one).
NOT_PRECACHED_NAMES = {"objects.inv", SERVICE_WORKER}
NOT_PRECACHED_DIRS = {"_sources"}
NOT_PRECACHED_SUFFIXES = (".map", ".LICENSE.txt")
# The worker's source, and the full stylesheets whose used part pages link instead.
NOT_PRECACHED_PATHS = {"_static/jgz-sw.js", *(f"_static/{name}" for name in SUBSETS)}
# A script or stylesheet as a page loads it: Sphinx adds ?v=<checksum of the contents>.
VERSIONED_REFERENCE = re.compile(r'(?:src|href)="([^"#?]+)\?v=([^"#&]+)"')
# Any file a page refers to, relative to the page; and one that a stylesheet refers to.
REFERENCE = re.compile(r'(?:src|href)="([^":#?]+)[?#"]')
STYLESHEET_REFERENCE = re.compile(r"""url\(\s*["']?([^"')#?:]+)""")

# How deep the PDF's table of contents goes: parts (Thema 2) and their pages (Aanbevelingen).
PDF_TOC_DEPTH = 2
PDF_TOC_ID = "jgz-pdf-inhoud-{}"


# --------------------------------------------------------------------------------------------
# Website: manifest, worker and the list of files

def _is_website(app: Sphinx) -> bool:
    """The multi-page HTML site; the worker and manifest make no sense in other builds."""
    return app.builder.name == "html"


def _register_print_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("jgz-print.css", media="print", priority=700)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not _is_website(app) or pagename == "404" or is_live(app):
        # 404.html is shown at any depth; its links start at jgz_basispad, which the worker does
        # not need: it already serves the cached copy for addresses it does not know.  The live
        # preview has no worker: it must never show a page from a cache.
        return
    # The manifest link comes from jgz-offline.js, over http(s) only; the home-screen icon of
    # iOS is an ordinary link.
    head = render("offline_kop.html", apple_touch_icon=context["pathto"](APPLE_TOUCH_ICON, resource=True))
    context["metatags"] = Markup(context.get("metatags", "")) + Markup(head)
    app.add_js_file("jgz-offline.js", loading_method="defer")


def precached_files(outdir: Path, left_out: tuple[str, ...] = ()) -> list[str]:
    """Every file of the built site that a reader can need offline, as paths relative to the
    root; paths that start with one of ``left_out`` are not needed."""
    files = []
    for path in sorted(outdir.rglob("*")):
        relative = path.relative_to(outdir).as_posix()
        parts = relative.split("/")
        if (
            not path.is_file()
            or any(part.startswith(".") for part in parts)  # .doctrees, .buildinfo
            or parts[0] in NOT_PRECACHED_DIRS
            or relative in NOT_PRECACHED_PATHS
            or parts[-1] in NOT_PRECACHED_NAMES
            or relative.endswith(NOT_PRECACHED_SUFFIXES)
            or relative.startswith(left_out)
        ):
            continue
        files.append(relative)
    return files


def page_references(outdir: Path, files: list[str], cache: Path | None = None) -> dict[str, dict]:
    """Per page of ``files``: what it refers to (``src``, ``href``) and what it loads with a
    version (``?v=``).  With ``cache`` (beside the doctrees), a page that was not written again
    since the previous build is not read again."""
    try:
        known = json.loads(cache.read_text(encoding="utf-8")) if cache else {}
    except (OSError, ValueError):
        known = {}
    references = {}
    for page in (name for name in files if name.endswith(".html")):
        stat = (outdir / page).stat()
        entry = known.get(page)
        if not entry or entry["tijd"] != stat.st_mtime_ns or entry["grootte"] != stat.st_size:
            html = (outdir / page).read_text(encoding="utf-8")
            entry = {"tijd": stat.st_mtime_ns, "grootte": stat.st_size,
                     "verwijzingen": REFERENCE.findall(html), "versies": VERSIONED_REFERENCE.findall(html)}
        references[page] = entry
    if cache:
        cache.write_text(json.dumps(references, ensure_ascii=False), encoding="utf-8")
    return references


def unused_theme_files(outdir: Path, files: list[str], references: dict[str, dict]) -> set[str]:
    """The files of Sphinx, furo and sphinx-design in ``_static/`` that no page of ``files``
    loads, nor a stylesheet that one loads: ``basic.css``, ``searchtools.js`` (the site searches
    with its own script), the images of Sphinx's old layout.  A reader has no use for them
    offline.  The site's own files (``_ext/jgz/static``: scripts that others load, the icons
    of the manifest) stay listed."""
    own = {f"_static/{path.relative_to(STATIC_DIR).as_posix()}" for path in STATIC_DIR.rglob("*")}
    referenced: set[str] = set()
    for page, entry in references.items():
        folder = posixpath.dirname(page)
        for path in entry["verwijzingen"]:
            if not path.startswith("/"):  # 404.html: from the site's root, the same files
                referenced.add(posixpath.normpath(posixpath.join(folder, path)))
    for stylesheet in [name for name in referenced if name.endswith(".css") and (outdir / name).is_file()]:
        folder = posixpath.dirname(stylesheet)
        for path in STYLESHEET_REFERENCE.findall((outdir / stylesheet).read_text(encoding="utf-8")):
            referenced.add(posixpath.normpath(posixpath.join(folder, path.strip())))
    return {name for name in files
            if name.startswith("_static/") and name not in own and name not in referenced}


def versioned_addresses(files: list[str], references: dict[str, dict]) -> list[str]:
    """``files`` as the pages among them load them: with ``?v=<checksum>`` where they do.

    (After an incremental build, pages that were not rewritten may still load an older checksum
    of a changed file; then each address that a page uses is listed.)
    """
    versions: dict[str, set[str]] = {}
    for page in (name for name in files if name.endswith(".html")):
        folder = posixpath.dirname(page)
        for path, version in references[page]["versies"]:
            target = posixpath.normpath(posixpath.join(folder, path))
            versions.setdefault(target, set()).add(f"{target}?v={version}")
    return [address for name in files for address in sorted(versions.get(name, [name]))]


def content_version(outdir: Path, files: list[str]) -> str:
    """A hash of the names and contents of ``files``: it changes when, and only when, they do."""
    digest = hashlib.sha256()
    for relative in files:
        digest.update(relative.encode("utf-8") + b"\0")
        digest.update((outdir / relative).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _manifest(app: Sphinx) -> dict:
    config = app.config
    name = config.html_title or config.project
    return {
        "name": name,
        "short_name": config.html_short_title or name,
        "description": config.jgz_beschrijving,
        "lang": config.language or "nl",
        "dir": "ltr",
        "id": "./",
        "start_url": app.builder.get_target_uri(config.root_doc),
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": list(ICONS),
    }


def _write_offline_files(app: Sphinx, exception) -> None:
    if exception or not _is_website(app):
        return
    outdir = Path(app.outdir)
    _write_if_changed(outdir / SERVICE_WORKER, (STATIC_DIR / "jgz-sw.js").read_bytes())
    _write_json(outdir / MANIFEST, _manifest(app))
    files = precached_files(outdir, tuple(app.config.jgz_offline_weglaten))
    if FILE_LIST in files:  # from an earlier build: it is written below, with the new version
        files.remove(FILE_LIST)
    references = page_references(outdir, files, Path(app.doctreedir) / REFERENCES_CACHE)
    unused = unused_theme_files(outdir, files, references)
    files = [name for name in files if name not in unused]
    version = content_version(outdir, files)
    # The list itself is cached too, so that the page's check for a new version can fall back.
    _write_json(outdir / FILE_LIST,
                {"versie": version, "bestanden": [*versioned_addresses(files, references), FILE_LIST]})


def _write_json(path: Path, data: dict) -> None:
    _write_if_changed(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def _write_if_changed(path: Path, data: bytes) -> None:
    """An unchanged file keeps its time (an incremental build, a server's ETag)."""
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


# --------------------------------------------------------------------------------------------
# Paper: links whose address is not in their text show it in print

URL_LINK = re.compile(r"^(https?://|mailto:)")


def _normalised_address(text: str) -> str:
    return re.sub(r"^(https?://|mailto:)(www\.)?", "", text.strip()).rstrip("/").lower()


def _mark_links_with_visible_address(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print shows the address after an external link, unless its text already is the address."""
    if app.builder.format != "html":
        return
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        if URL_LINK.match(uri) and _normalised_address(reference.astext()) == _normalised_address(uri):
            reference["classes"].append("jgz-adres-in-tekst")


# --------------------------------------------------------------------------------------------
# PDF: the single-page build, without the maintainers' pages, with a table of contents

def _prepare_pdf_document(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name != "singlehtml" or docname != app.config.root_doc:
        return
    _leave_out(doctree, tuple(app.config.jgz_pdf_weglaten))
    root = next(iter(doctree.findall(nodes.section)), None)
    if root is None:
        return
    entries = _toc_entries(root, depth=1, counter=itertools.count(1))
    if not entries:
        return
    toc = nodes.raw("", render("offline_pdf_inhoud.html", entries=entries), format="html")
    # After the title and introduction, before the first part.  (The inlined pages' nodes keep
    # their old parents, so this looks down from the root rather than up from the part.)
    for index, child in enumerate(root.children):
        if isinstance(child, nodes.section) or next(_child_sections(child), None) is not None:
            root.insert(index, toc)
            break


def _leave_out(node: nodes.Element, docname_prefixes: tuple[str, ...]) -> None:
    """Remove the pages (inlined by the single-page builder) whose names start with a prefix."""
    for child in list(node.children):
        if isinstance(child, addnodes.start_of_file) and child["docname"].startswith(docname_prefixes):
            node.remove(child)
        elif isinstance(child, nodes.Element):
            _leave_out(child, docname_prefixes)


def _child_sections(node: nodes.Element):
    """The sections directly below ``node``, also when inlined pages wrap them."""
    if not isinstance(node, nodes.Element):
        return
    for child in node.children:
        if isinstance(child, nodes.section):
            yield child
        else:
            yield from _child_sections(child)


def _toc_entries(section: nodes.section, depth: int, counter) -> list[dict]:
    """Title, a new unique anchor and sub-entries for each section below ``section``.

    Pages inlined into one document can share anchors (two pages with a "Methode" heading), so
    every entry gets an anchor of its own.
    """
    entries = []
    for child in _child_sections(section):
        title = child.children[0] if child.children and isinstance(child.children[0], nodes.title) else None
        if title is None:
            continue
        anchor = PDF_TOC_ID.format(next(counter))
        # On the heading itself: an anchor before it can stay behind on the previous page.
        title["ids"].append(anchor)
        entries.append({
            "titel": title.astext(),
            "anker": anchor,
            "onderdelen": _toc_entries(child, depth + 1, counter) if depth < PDF_TOC_DEPTH else [],
        })
    return entries


def setup(app: Sphinx) -> None:
    # Pages (docname prefixes) that the PDF leaves out: the site's own documentation.
    app.add_config_value("jgz_pdf_weglaten", ["over/"], "html", types=[list])
    # Pages (docname prefixes) that the offline copy leaves out: the maintainers' documentation
    # (docs/offline-en-afdrukken.md says why).
    app.add_config_value("jgz_offline_weglaten", ["over/"], "", types=[list])
    app.connect("builder-inited", _register_print_stylesheet)
    app.connect("html-page-context", _page_context)
    app.connect("doctree-resolved", _mark_links_with_visible_address)
    app.connect("doctree-resolved", _prepare_pdf_document)
    # Last: the list and its version must see every file as the other handlers leave it (furo
    # rewrites pygments.css, stylesheet_subset.py writes the used parts of stylesheets).
    app.connect("build-finished", _write_offline_files, priority=700)
