"""The readers' search: an index per section of the guideline, and the page that searches it.

Sphinx's own search indexes whole pages without word counts, finds no compounds or typos, and
fetches every page it finds to show a line of text.  This index keeps, per section (and per entry
of the Begrippenlijst): its page, anchor, title, a short context line, and the Dutch stems of its
words with their counts.  ``jgz-zoeken.js`` ranks sections with it, finds parts of compounds and
near misses, and shows the context line without fetching anything, also offline and from
``file://`` (the index is a classic script, ``zoekindex.js``).  docs/zoeken.md has the why.

Pages whose name starts with one of ``jgz_zoeken_niet_op`` (the maintainers' documentation) are
left out; ``jgz_zoeken_gewicht`` lowers pages that are not the guideline itself (the training
cases), so that the guideline comes first; ``jgz_zoeken_trefwoorden`` is a small register of words
that readers type but the text does not use ("peuter"), with the sections they mean.
"""

import functools
import hashlib
import json
import re
from pathlib import Path

from docutils import nodes
import sphinx.search
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.search.nl import SearchDutch
from sphinx.util import logging

from . import incremental

logger = logging.getLogger(__name__)
INDEX_FILE = "zoekindex.js"
STEMMER_DIR = Path(sphinx.search.__file__).parent / "minified-js"
CONTEXT_LENGTH = 140
WORD = re.compile(r"[^\W_]{2,}")
HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
# Pages that are no text to find: Sphinx's generated pages and the 404 page.
NOT_PAGES = {"404", "genindex", "search"}
JS_SINGLE_QUOTED = str.maketrans({"\\": "\\\\", "'": "\\'", "\u2028": "\\u2028", "\u2029": "\\u2029"})
CACHE_FILE = "jgz-zoeken.json"  # in the doctree folder: the sections of pages not rewritten
MODULE_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
_dutch = SearchDutch({})
# The index stems every word of every page at every build: most words come back often.
_stem = functools.lru_cache(maxsize=None)(_dutch.stem)


def words(text: str) -> list[str]:
    """The stems of the words in ``text``, without Dutch stop words (Sphinx's list and stemmer;
    ``zoekindex.js`` brings the same stemmer to the search page)."""
    text = text.lower()
    # "ouder-kindrelatie" is also found as "ouderkindrelatie", as readers type it.
    joined = [match.replace("-", "") for match in HYPHENATED.findall(text)]
    return [_stem(word) for word in WORD.findall(text) + joined if word not in _dutch.stopwords]


def context_line(text: str) -> str:
    """The first words of a section, cut at a word, at most ``CONTEXT_LENGTH`` characters."""
    text = " ".join(text.split())
    if len(text) <= CONTEXT_LENGTH:
        return text
    return text[:CONTEXT_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _is_box(node: nodes.Node) -> bool:
    """A box with a title and an anchor of its own (Box 2.1, Kernpunten): a result of its own."""
    return isinstance(node, nodes.admonition) and bool(node["ids"]) and isinstance(node[0], nodes.title)


def _own_text(node: nodes.Element) -> str:
    """The text of a section or box without its title, its subsections and its boxes."""
    return " ".join(
        child.astext() for child in node.children
        if not isinstance(child, (nodes.title, nodes.section)) and not _is_box(child)
    )


def page_units(doctree: nodes.document) -> list[dict]:
    """The sections of a written page (with what post-transforms filled in, such as the consult
    cards' extracts), its boxes, and the entries of a glossary."""
    units = []
    for number, section in enumerate(doctree.findall(nodes.section)):
        title = section[0].astext() if isinstance(section[0], nodes.title) else ""
        # The page's first section is the page itself: its link needs no anchor.
        units.append({"anker": "" if number == 0 else section["ids"][0], "titel": title, "tekst": _own_text(section)})
    for box in doctree.findall(_is_box):
        units.append({"anker": box["ids"][0], "titel": box[0].astext(), "tekst": _own_text(box)})
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            terms = [term for term in item.findall(nodes.term) if term["ids"]]
            if terms:
                units.append({"anker": terms[0]["ids"][0], "titel": " / ".join(t.astext() for t in terms),
                              "tekst": " ".join(part.astext() for part in item.findall(nodes.definition))})
    return units


def _searched(app: Sphinx, docname: str) -> bool:
    return docname not in NOT_PAGES and not docname.startswith(tuple(app.config.jgz_zoeken_niet_op))


def _load_cache(app: Sphinx) -> None:
    """The sections of the pages of earlier builds: an incremental build writes only some pages.
    The cache is kept only for the same version of this module."""
    if app.builder.name != "html":
        return
    app.builder.search = False  # Sphinx's own index of whole pages is not written: see above
    cache = Path(app.doctreedir) / CACHE_FILE
    saved = json.loads(cache.read_text(encoding="utf-8")) if cache.is_file() else {}
    app.builder.jgz_zoeken = saved.get("pagina's", {}) if saved.get("versie") == MODULE_VERSION else None


def _write_every_page_without_cache(app: Sphinx, env, added, changed, removed) -> list[str]:
    if getattr(app.builder, "jgz_zoeken", {}) is None:
        app.builder.jgz_zoeken = {}
        return sorted(env.found_docs)
    return []


def _collect(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name == "html" and _searched(app, docname):
        app.builder.jgz_zoeken[docname] = page_units(doctree)


def _keywords_by_place(app: Sphinx) -> dict[tuple[str, str], list[str]]:
    """``jgz_zoeken_trefwoorden`` (word: labels), as (page, anchor): words.  A label of a
    section or box is that part; any other label (a table) is the page it is on."""
    labels = app.env.domaindata["std"]["labels"]
    anchors = {(docname, unit["anker"]) for docname, units in app.builder.jgz_zoeken.items() for unit in units}
    places: dict[tuple[str, str], list[str]] = {}
    for word, targets in app.config.jgz_zoeken_trefwoorden.items():
        for label in targets:
            if label not in labels:
                logger.warning("jgz_zoeken_trefwoorden: %r wijst naar %r, maar dat label bestaat niet.",
                               word, label, type="jgz", subtype="zoeken")
                continue
            docname, anchor, _title = labels[label]
            place = (docname, anchor) if (docname, anchor) in anchors else (docname, "")
            places.setdefault(place, []).append(word)
    return places


@functools.lru_cache(maxsize=None)
def _base36(number: int, width: int) -> str:
    digits = ""
    while number:
        number, digit = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
    return digits.rjust(width, "0")


def build_index(app: Sphinx) -> dict:
    """The index as ``jgz-zoeken.js`` reads it.

    Compact, as it is most of what the search page loads: per stem one string of fixed-width
    base-36 numbers, for the text ``section * 4 + count - 1`` (count up to 4), for titles the
    section.
    """
    env, builder = app.env, app.builder
    weights = app.config.jgz_zoeken_gewicht
    data = {docname: units for docname, units in builder.jgz_zoeken.items()
            if docname in env.found_docs and _searched(app, docname)}
    keywords = _keywords_by_place(app)
    pages, units, body, titles = [], [], {}, {}
    for docname in sorted(data):
        weight = next((w for prefix, w in weights.items() if docname.startswith(prefix)), 1)
        title = env.longtitles[docname].astext() if docname in env.longtitles else docname
        pages.append([builder.get_target_uri(docname), title, weight])
        for unit in data[docname]:
            number = len(units)
            units.append([len(pages) - 1, unit["anker"], unit["titel"], context_line(unit["tekst"])])
            counts: dict[str, int] = {}
            for stem in words(unit["tekst"]):
                counts[stem] = counts.get(stem, 0) + 1
            for stem, count in counts.items():
                body.setdefault(stem, []).append(number * 4 + min(count, 4) - 1)
            listed = keywords.get((docname, unit["anker"]), [])
            for stem in dict.fromkeys(words(" ".join([unit["titel"], *listed]))):
                titles.setdefault(stem, []).append(number)
    width = len(_base36(len(units) * 4, 1))
    return {
        "paginas": pages,
        "delen": units,
        "breedte": width,
        "woorden": {stem: "".join(_base36(n, width) for n in numbers) for stem, numbers in body.items()},
        "titelwoorden": {stem: "".join(_base36(n, width) for n in numbers) for stem, numbers in titles.items()},
        "stopwoorden": sorted(_dutch.stopwords),
    }


def _write_index(app: Sphinx, exception) -> None:
    if exception or app.builder.name != "html":
        return
    if incremental.nothing_changed(app) and (Path(app.outdir) / INDEX_FILE).is_file():
        return  # no page was written again: the index would come out the same
    cache = Path(app.doctreedir) / CACHE_FILE
    saved = {"versie": MODULE_VERSION, "pagina's": app.builder.jgz_zoeken}
    cache.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    # Sphinx's Dutch stemmer, the one that stemmed the index, for the words a reader types.
    stemmer = "\n".join((STEMMER_DIR / name).read_text(encoding="utf-8")
                        for name in ("base-stemmer.js", SearchDutch.js_stemmer_rawcode))
    # JSON.parse of a string is parsed much faster than the same object as a JavaScript literal;
    # in single quotes, the JSON's many double quotes need no backslash.
    text = json.dumps(build_index(app), ensure_ascii=False, separators=(",", ":"))
    data = "'" + text.translate(JS_SINGLE_QUOTED) + "'"
    (Path(app.outdir) / INDEX_FILE).write_text(
        f"{stemmer}\nwindow.JGZ_STAM=new DutchStemmer();\nwindow.JGZ_ZOEKINDEX=JSON.parse({data});\n",
        encoding="utf-8")


def _search_page(app: Sphinx):
    if app.builder.name == "html":
        yield "search", {}, "search.html"


def setup(app: Sphinx) -> None:
    app.add_config_value("jgz_zoeken_niet_op", [], "env", types=[list])
    app.add_config_value("jgz_zoeken_gewicht", {}, "html", types=[dict])
    app.add_config_value("jgz_zoeken_trefwoorden", {}, "html", types=[dict])
    app.connect("builder-inited", _load_cache)
    app.connect("env-get-outdated", _write_every_page_without_cache)
    app.connect("doctree-resolved", _collect)
    app.connect("html-collect-pages", _search_page)
    # Before offline.py lists the site's files for the offline copy.
    app.connect("build-finished", _write_index, priority=400)
