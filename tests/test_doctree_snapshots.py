"""Doctree snapshots of the test roots, as sphinx-design's ``test_snippets``.

Each widget builds one doctree (its model) that every builder renders.  The tree each directive
leaves, before the builder-specific post-transforms, is compared with the file in
``tests/test_doctree_snapshots/``.  A change to what a directive builds shows here as a readable
diff, in a second, without a browser.  After an intended change: run this file with
``--force-regen``, read the diff of the snapshot files and commit them (docs/bouwen-en-testen.md).
"""

import shutil

import pytest

from conftest import ROOT, warnings_of

# The roots that build without warnings (the "-fouten" roots are the error corpus).
ROOTS = ("aanbeveling", "beslisboom", "casus", "leeftijd", "scoreformulier")


@pytest.fixture(scope="module")
def snapshots(rootdir, tmp_path_factory) -> dict[tuple[str, str], str]:
    """Each root built once (one app at a time: Sphinx registers node classes per process); the
    doctree of each of its pages as pseudo-XML, with the build folder left out of every path."""
    from sphinx.testing.util import SphinxTestApp

    found = {}
    for root in ROOTS:
        srcdir = tmp_path_factory.mktemp(root) / "src"
        shutil.copytree(rootdir / f"test-{root}", srcdir)
        app = SphinxTestApp("html", srcdir=srcdir)
        try:
            app.build()
            assert warnings_of(app) == "", f"test-{root} bouwt niet zonder meldingen"
            for docname in app.env.found_docs:
                text = app.env.get_doctree(docname).pformat()
                found[root, docname] = text.replace(str(app.srcdir), "<srcdir>")
        finally:
            app.cleanup()
    return found


def _pages():
    for root in ROOTS:
        folder = ROOT / "tests" / "roots" / f"test-{root}"
        for page in sorted(folder.rglob("*.md")):
            if "_data" not in page.parts:
                docname = page.relative_to(folder).with_suffix("").as_posix()
                yield pytest.param(root, docname, id=f"{root}/{docname}")


@pytest.mark.parametrize(("root", "docname"), list(_pages()))
def test_doctree_matches_its_snapshot(snapshots, root, docname, file_regression):
    file_regression.check(
        snapshots[root, docname],
        basename=f"{root}__{docname.replace('/', '__')}",
        extension=".xml",
        encoding="utf-8",
    )
