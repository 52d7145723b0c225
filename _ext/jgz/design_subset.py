"""Only the part of sphinx-design's stylesheet that the site uses.

sphinx-design ships one 54 KB stylesheet for all its components; the site uses a few cards and
dropdowns, and every page that has one would load all of it.  Once all pages are written, the
rules whose selectors need a ``sd-`` class that no page has are left out, the rest is written as
``_static/jgz-design.css``, and the pages link that file instead; the full file is removed from the
output, so that the offline copy does not download it.  The classes are read from the
written HTML, not the doctrees, because sphinx-design's HTML writer adds classes of its own.

Runs before ``offline`` lists the site's files, so that the offline copy has the new file.
"""

import hashlib
import re
from pathlib import Path

import tinycss2
from sphinx.application import Sphinx

SOURCE_NAME = "sphinx-design.min.css"
SUBSET_NAME = "jgz-design.css"
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
DESIGN_CLASS = re.compile(r"\.(sd-[A-Za-z0-9_-]+)")
# A link to either file with Sphinx's checksum; pages an incremental build did not rewrite
# already link the subset, whose checksum may have changed since.
LINK = re.compile(r'(href="[^"]*_static/)(?:sphinx-design\.min|jgz-design)\.css\?v=[0-9a-f]+"')


def used_classes(outdir: Path) -> set[str]:
    classes: set[str] = set()
    for page in outdir.rglob("*.html"):
        for value in CLASS_ATTRIBUTE.findall(page.read_text(encoding="utf-8")):
            classes.update(value.split())
    return classes


def subset(stylesheet: str, classes: set[str]) -> str:
    """``stylesheet`` without the selectors that need a ``sd-`` class not in ``classes``."""
    rules = tinycss2.parse_stylesheet(stylesheet, skip_whitespace=True, skip_comments=True)
    return "\n".join(filter(None, (_rule(rule, classes) for rule in rules))) + "\n"


def _rule(rule, classes: set[str]) -> str:
    if rule.type == "qualified-rule":
        selectors = [
            selector.strip() for selector in _split_selectors(tinycss2.serialize(rule.prelude))
            if set(DESIGN_CLASS.findall(selector)) <= classes
        ]
        return f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}" if selectors else ""
    if rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
        inner = subset(tinycss2.serialize(rule.content), classes).strip()
        return f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}" if inner else ""
    return rule.serialize()  # @keyframes and the like: small, and needed by kept rules


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


def _write_subset(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    source = outdir / "_static" / SOURCE_NAME
    if not source.is_file():
        return
    text = subset(source.read_text(encoding="utf-8"), used_classes(outdir))
    target = outdir / "_static" / SUBSET_NAME
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    checksum = hashlib.sha256(text.encode()).hexdigest()[:8]
    for page in outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        linked = LINK.sub(rf'\g<1>{SUBSET_NAME}?v={checksum}"', html)
        if linked != html:
            page.write_text(linked, encoding="utf-8")
    source.unlink()


def setup(app: Sphinx) -> None:
    app.connect("build-finished", _write_subset, priority=400)
