"""Per-document data that components keep in the build environment.

Each store maps ``docname -> list of records`` so that purging a changed document and merging the
results of parallel readers are the same few lines for every component.
"""

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


class DocumentStore:
    """A named ``docname -> [record, ...]`` mapping kept on the environment."""

    def __init__(self, key: str) -> None:
        self.key = key

    def _data(self, env: BuildEnvironment) -> dict[str, list]:
        if not hasattr(env, self.key):
            setattr(env, self.key, {})
        return getattr(env, self.key)

    def add(self, env: BuildEnvironment, record) -> None:
        self._data(env).setdefault(env.docname, []).append(record)

    def records(self, env: BuildEnvironment) -> list:
        """Every record, documents in sorted order, records in document order."""
        data = self._data(env)
        return [record for docname in sorted(data) for record in data[docname]]

    def connect(self, app: Sphinx) -> None:
        app.connect("env-purge-doc", self._purge)
        app.connect("env-merge-info", self._merge)

    def _purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self._data(env).pop(docname, None)

    def _merge(self, app: Sphinx, env: BuildEnvironment, docnames, other) -> None:
        mine, theirs = self._data(env), self._data(other)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]
