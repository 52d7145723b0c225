"""Incremental builds that equal a clean build, and write only the pages whose content changed.

**Index entries.**  Sphinx 9.0 loses the index entries (the glossary terms in the search index,
``indexentries``) of every page it does not write again (sphinx-doc/sphinx#12599): it keeps them
in the environment, but collects them while writing, after the environment has been saved.  After
one edited page, the search index lacked all 41 glossary terms, and the offline version differed
from a clean build's.  Here the entries are saved beside the doctrees after every build and given
back, before writing, for the pages that are not written again; a page that is written again gets
fresh ones.

**Which pages are written.**  Sphinx writes every page it read again, the pages with a toctree
that names one of them, and what extensions ask it to read again (overviews that show other pages'
text).  Most of those come out byte for byte the same.  Here a page is written only when what it is
made of changed since it was last written.  Its fingerprint is

- its own doctree (the pickle Sphinx keeps), its metadata and its long title;
- everything in the environment that any page can show of another: titles, tables of contents,
  labels, glossary terms, the components' stores; the configuration; and the files in
  ``_static/``, which every page links with a checksum.  When one of these changes, every page is
  written: furo's navigation on every page shows every title;
- the records of the stores that the page draws from, as its component declared with
  :func:`draws_from` (the overview of recommendations, the age guide, the consultation cards);
  those stores count for these pages only, not for all;
- the doctrees of the other pages that the page read while it was last written
  (``env.get_doctree``, the cards' excerpts);
- in the live preview (``make live``), the warnings that stand at the top of the page.

A page built again may still come out the same (an overview built for what it draws from may not
show what changed; an empty line mid-page moves the line numbers the doctree keeps): its file is
replaced only when the page differs, so that it keeps its time (an incremental upload, a server's
ETag).

Sphinx's own choice does not count, except that a full write (Sphinx asks for every page: a new
theme template, a changed ``.buildinfo``) and a first build without saved fingerprints write every
page; when Sphinx asks for no page (it read none again), the fingerprints are compared all the
same (an edited stylesheet).  The general index and the search page are written only when what
they are made of changed, in the same way.
"""

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html._build_info import BuildInfo
from sphinx.environment import BuildEnvironment

from . import live, site, stylesheet_subset
from .store import DocumentStore

ENTRIES_FILE = "jgz-indexentries.pickle"
FINGERPRINTS_FILE = "jgz-vingerafdrukken.pickle"
FINGERPRINTS_VERSION = 3

# Environment attributes that no page shows: Sphinx's bookkeeping, the configuration (hashed
# apart, below), what Sphinx fills while writing (``_search_index_…``), and file paths.
# (Sphinx's private attributes, starting with an underscore, are all of these kinds.)
NOT_SHOWN = {
    "all_docs", "config", "config_status", "config_status_extra", "current_document", "dependencies",
    "domains", "events", "included", "project", "ref_context", "reread_always", "settings",
    "version", "versioning_compare", "versioning_condition",
}
# Per page, and shown on that page only (myst's word count changes with every sentence).
OWN_PAGE = ("metadata", "longtitles")


# --------------------------------------------------------------------------------------------
# Index entries


def _entries(env: BuildEnvironment) -> dict | None:
    # Where Sphinx 9.0's search index keeps them (sphinx/search/__init__.py, IndexBuilder).
    return getattr(env, "_search_index_index_entries", None)


def _saved(app: Sphinx) -> Path:
    return Path(app.doctreedir) / ENTRIES_FILE


def _restore_index_entries(app: Sphinx, env: BuildEnvironment) -> None:
    entries = _entries(env)
    if entries is None or app.builder.format != "html":
        return
    try:
        saved = pickle.loads(_saved(app).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        saved = {}
    for docname in [name for name in entries if name not in env.all_docs]:
        del entries[docname]  # a removed page: the search index would fail on it
    for docname, page_entries in saved.items():
        if docname in env.all_docs:
            entries.setdefault(docname, page_entries)


def _save_index_entries(app: Sphinx, exception) -> None:
    entries = _entries(app.env)
    if exception is None and entries is not None and app.builder.format == "html":
        _saved(app).write_bytes(pickle.dumps(dict(entries), pickle.HIGHEST_PROTOCOL))


# --------------------------------------------------------------------------------------------
# Declared dependencies


DECLARATIONS = "_jgz_draws_from"


def draws_from(app: Sphinx, pages: DocumentStore, *sources: DocumentStore) -> None:
    """Declare that the pages with records in ``pages`` show the records of ``sources``.

    Such a page is written again when those records change; Sphinx need not read it again (its
    doctree holds a placeholder that a post-transform fills).  The records of ``sources`` then
    count only for these pages and for the page that holds them (whose own doctree changes with
    them), not for every page: a component declares only stores that no other page shows.
    """
    declarations = getattr(app, DECLARATIONS, None)
    if declarations is None:
        declarations = []
        setattr(app, DECLARATIONS, declarations)
    declarations.append((pages, sources))


def _declarations(app: Sphinx) -> list[tuple[DocumentStore, tuple[DocumentStore, ...]]]:
    return getattr(app, DECLARATIONS, [])


# --------------------------------------------------------------------------------------------
# Fingerprints


def stable(value) -> str:
    """``value`` as text that is the same for the same content, whatever the order in which
    dictionaries and sets were filled."""
    if isinstance(value, nodes.Node):
        return value.pformat() if isinstance(value, nodes.Element) else repr(value.astext())
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{stable(key)}:{stable(item)}" for key, item in value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(stable(item) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return type(value).__name__ + "(" + ",".join(stable(item) for item in value) + ")"
    if isinstance(value, (str, int, float, bool, type(None), Path)):
        return repr(value)
    if hasattr(value, "__dict__"):
        return type(value).__name__ + stable(vars(value))
    return repr(value)


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _static_files(outdir: Path) -> str:
    """A hash of ``_static/`` as it is when the pages are written: each page links its scripts and
    stylesheets with a checksum of their contents (``?v=…``), so an edited stylesheet changes every
    page.  (Not the stylesheet subsets: ``stylesheet_subset.py`` writes them after the pages and
    gives every page their new checksum itself.)"""
    subsets = {f"_static/{name}" for name in stylesheet_subset.SUBSETS.values()}
    digest = hashlib.sha256()
    for path in sorted((outdir / "_static").rglob("*")):
        name = path.relative_to(outdir).as_posix()
        if path.is_file() and name not in subsets:
            digest.update(name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Fingerprints:
    """What every page of this build is made of, and what each was made of when last written."""

    def __init__(self, app: Sphinx) -> None:
        env = app.env
        self.app = app
        self.path = Path(app.doctreedir) / FINGERPRINTS_FILE
        try:
            saved = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            saved = None
        if not isinstance(saved, dict) or saved.get("versie") != FINGERPRINTS_VERSION:
            saved = None
        self.known = saved is not None
        # page -> (own fingerprint, fingerprint of what it draws from, {page it read: doctree hash})
        self.pages: dict[str, tuple[str, str, dict[str, str]]] = saved["pagina's"] if saved else {}
        self.extra: dict[str, str] = saved["extra"] if saved else {}
        self.saved_everything = saved["alles"] if saved else None
        self.rendered: set[str] = set()  # the pages written in this build, extra pages too
        self._doctrees: dict[str, str] = {}

        drawn = {store.key for _pages, sources in _declarations(app) for store in sources}
        shown = {
            key: value for key, value in vars(env).items()
            if key not in NOT_SHOWN and key not in OWN_PAGE and key not in drawn
            and not key.startswith("_")
        }
        config = BuildInfo(app.config, app.builder.tags, frozenset({"env", "html"})).config_hash
        self.everything = _digest(config, _static_files(Path(app.outdir)), stable(shown))
        consumers: dict[str, list[str]] = {}
        for pages, sources in _declarations(app):
            records = stable([getattr(env, store.key, {}) for store in sources])
            for docname in getattr(env, pages.key, {}):
                consumers.setdefault(docname, []).append(records)
        self.own = {
            docname: _digest(self.everything, self.doctree(docname),
                             *(stable(getattr(env, key, {}).get(docname)) for key in OWN_PAGE),
                             stable(live.warnings_on(app, docname)))  # make live: they stand on the page
            for docname in env.found_docs
        }
        self.drawn = {docname: _digest(*records) for docname, records in consumers.items()}

    def doctree(self, docname: str) -> str:
        if docname not in self._doctrees:
            try:
                data = (Path(self.app.doctreedir) / f"{docname}.doctree").read_bytes()
            except OSError:
                data = b""
            self._doctrees[docname] = hashlib.sha256(data).hexdigest()
        return self._doctrees[docname]

    def unchanged(self, docname: str) -> bool:
        return self.own_unchanged(docname) and self.sources_unchanged(docname)

    def own_unchanged(self, docname: str) -> bool:
        """The page itself, and all that every page shows, as when it was last written."""
        return docname in self.pages and self.pages[docname][0] == self.own.get(docname)

    def sources_unchanged(self, docname: str) -> bool:
        """What the page draws from other pages, as when it was last written."""
        _own, drawn, reads = self.pages[docname]
        return drawn == self.drawn.get(docname, "") and all(
            self.doctree(other) == digest for other, digest in reads.items())

    def written(self, docname: str, reads: set[str]) -> None:
        self.rendered.add(docname)
        self.pages[docname] = (self.own[docname], self.drawn.get(docname, ""),
                               {other: self.doctree(other) for other in sorted(reads)})

    def save(self) -> None:
        found = self.app.env.found_docs
        pages = {docname: value for docname, value in self.pages.items() if docname in found}
        data = {"versie": FINGERPRINTS_VERSION, "pagina's": pages, "extra": self.extra,
                "alles": self.everything}
        self.path.write_bytes(pickle.dumps(data, pickle.HIGHEST_PROTOCOL))


def _fingerprints(app: Sphinx) -> Fingerprints:
    """Computed once per build, when writing starts (after reading and the consistency check)."""
    builder = app.builder
    if getattr(builder, "_jgz_fingerprints", None) is None:
        builder._jgz_fingerprints = Fingerprints(app)
    return builder._jgz_fingerprints


def nothing_changed(app: Sphinx) -> bool:
    """True when this build wrote no page and no page could show anything new: what the site
    makes of all pages (the search index) needs no update.  Asked at ``build-finished``."""
    if app.builder.name != "html":
        return False
    prints = app.builder._jgz_fingerprints
    if prints is None:  # nothing asked to be written, not even an extra page
        return True
    return prints.known and not prints.rendered and prints.everything == prints.saved_everything


def _only_changed_pages(app: Sphinx, write_documents: Callable) -> Callable:
    env = app.env

    def write_changed_documents(docnames) -> None:
        prints = _fingerprints(app)
        builder = app.builder
        builder._jgz_asked = True
        everything = not prints.known or set(docnames) >= env.found_docs
        builder._jgz_write_everything = everything
        if everything:
            chosen = set(env.found_docs)
        else:
            chosen = {docname for docname in env.found_docs
                      if not prints.unchanged(docname) or not builder.get_output_path(docname).is_file()}
        # What changed may not show: an overview built again for what it draws from, a page whose
        # lines moved.  Such a page replaces its file only when it differs.
        builder._jgz_compare = {docname for docname in chosen if builder.get_output_path(docname).is_file()}
        reads: dict[str, set[str]] = {}
        current: list[str] = []
        get_doctree, resolve = env.get_doctree, env.get_and_resolve_doctree

        def recording_get_doctree(docname: str):
            if current and docname != current[-1]:
                reads[current[-1]].add(docname)
            return get_doctree(docname)

        def recording_resolve(docname: str, *args, **kwargs):
            current.append(docname)
            reads.setdefault(docname, set())
            try:
                return resolve(docname, *args, **kwargs)
            finally:
                current.pop()

        env.get_doctree, env.get_and_resolve_doctree = recording_get_doctree, recording_resolve
        try:
            if chosen:
                write_documents(chosen)
        finally:
            del env.get_doctree, env.get_and_resolve_doctree
        for docname in chosen:
            prints.written(docname, reads.get(docname, set()))
        for docname in set(docnames) - chosen:
            _copy_source(builder, docname)  # as writing it would have (html_copy_source)

    return write_changed_documents


def _copy_source(builder, docname: str) -> None:
    """The source beside the site (``_sources/``), as Sphinx copies it when it writes a page."""
    if not (builder.copysource and builder.config.html_copy_source):
        return
    source = builder.env.doc2path(docname)
    suffix = str(builder.env.doc2path(docname, False))[len(docname):]
    name = docname + suffix
    if suffix != builder.config.html_sourcelink_suffix:
        name += builder.config.html_sourcelink_suffix
    target = builder._sources_dir / name
    data = source.read_bytes()
    if not target.is_file() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _only_changed_extra_pages(app: Sphinx, handle_page: Callable) -> Callable:
    """The general index and the search page: rendered only when what they show changed.  A page
    built again: its file replaced only when the page differs."""

    def handle_changed_page(pagename: str, addctx: dict, templatename: str = "page.html", **kwargs) -> None:
        if pagename in getattr(app.builder, "_jgz_compare", ()):
            return _write_if_different(app, handle_page, pagename, addctx, templatename, **kwargs)
        if pagename in app.env.found_docs:
            return handle_page(pagename, addctx, templatename, **kwargs)
        prints = _fingerprints(app)
        fingerprint = _digest(prints.everything, pagename, templatename, stable(addctx), stable(kwargs))
        output = kwargs.get("outfilename") or app.builder.get_output_path(pagename)
        if Path(output).is_file():
            if (prints.known and not getattr(app.builder, "_jgz_write_everything", False)
                    and prints.extra.get(pagename) == fingerprint):
                return None
            _write_if_different(app, handle_page, pagename, addctx, templatename, **kwargs)
        else:
            handle_page(pagename, addctx, templatename, **kwargs)
        prints.extra[pagename] = fingerprint
        prints.rendered.add(pagename)
        return None

    return handle_changed_page


def _also_when_sphinx_asks_nothing(app: Sphinx, write: Callable) -> Callable:
    """Sphinx asks for no page when it read none again; but an edited stylesheet, for one,
    changes every page: ask for them all and let the fingerprints choose."""

    def write_pages_that_changed(*args, **kwargs) -> None:
        app.builder._jgz_asked = False
        write(*args, **kwargs)
        if not app.builder._jgz_asked:
            app.builder.write_documents(set())

    return write_pages_that_changed


def _write_if_different(app: Sphinx, handle_page: Callable, pagename: str, *args, **kwargs) -> None:
    """Render the page beside its file, and replace the file only when the page differs (as the
    build leaves it: with the stylesheet links of ``stylesheet_subset.py``, the 404 page's links
    of ``site.py``)."""
    target = Path(kwargs.get("outfilename") or app.builder.get_output_path(pagename))
    rendered = target.with_name(target.name + ".jgz-nieuw")
    try:
        handle_page(pagename, *args, **{**kwargs, "outfilename": rendered})
        html = stylesheet_subset.with_subset_links(app, rendered.read_text(encoding="utf-8"))
        html = site.as_published(app, pagename, html)
        if target.read_text(encoding="utf-8") != html:
            target.write_text(html, encoding="utf-8")
    finally:
        rendered.unlink(missing_ok=True)


def _wrap_writing(app: Sphinx) -> None:
    builder = app.builder
    if builder.name != "html":
        return
    builder._jgz_fingerprints = None
    builder.write = _also_when_sphinx_asks_nothing(app, builder.write)
    builder.write_documents = _only_changed_pages(app, builder.write_documents)
    builder.handle_page = _only_changed_extra_pages(app, builder.handle_page)


def _forget_fingerprints(app: Sphinx, builder) -> None:
    """Each build computes them anew (the tests build twice with one application)."""
    builder._jgz_fingerprints = None
    builder._jgz_compare = set()


def _save_fingerprints(app: Sphinx, exception) -> None:
    prints = getattr(app.builder, "_jgz_fingerprints", None)
    if exception is None and prints is not None:  # None: nothing was written
        prints.save()


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _wrap_writing)
    app.connect("write-started", _forget_fingerprints)
    app.connect("env-updated", _restore_index_entries)
    app.connect("build-finished", _save_index_entries)
    app.connect("build-finished", _save_fingerprints)
