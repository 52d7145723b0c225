"""Incremental builds that equal a clean build.

Sphinx 9.0 loses the index entries (the glossary terms in the search index, ``indexentries``) of
every page it does not write again (sphinx-doc/sphinx#12599): it keeps them in the environment,
but collects them while writing, after the environment has been saved.  After one edited page,
the search index lacked all 41 glossary terms, and the offline version differed from a clean
build's.  Here the entries are saved beside the doctrees after every build and given back, before
writing, for the pages that are not written again; a page that is written again gets fresh ones.
"""

import pickle
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

ENTRIES_FILE = "jgz-indexentries.pickle"


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


def setup(app: Sphinx) -> None:
    app.connect("env-updated", _restore_index_entries)
    app.connect("build-finished", _save_index_entries)
