#!/usr/bin/env python3
"""Compare the built site's visible text with the guideline's source text.

Prints the share of the source's sentences that occur in the built site and every sentence that
does not.  Comparison ignores case, white space, punctuation and list markers, so that repaired
line breaks, real lists and tables count as the same words; the words and numbers themselves must
match.

    python tools/textcheck.py --build _build/html [--lines 1199-1930] [--minimum 99]
"""

import argparse
import re
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "tools" / "bron" / "jgz-richtlijn-ouder-kindrelatie.txt"
# Pages that are not the guideline (maintainers' documentation, generated overviews, search).
SKIPPED_PAGES = ("over/", "oefenen/", "search.html", "genindex.html", "aanbevelingen.html",
                 "begrippenlijst.html")
MINIMUM_LENGTH = 12  # shorter "sentences" (a lone "7." or "a)") say nothing about the text
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘“(−●▪])")
FOOTNOTE_START = re.compile(r"^\d{1,2} \S")
LIST_ITEM = re.compile(r"^(?:(?:[−●▪•o-]|\d{1,2}[.)]|[a-h][.)]|[a-h]\.\))\s+)+")  # "2. a.) ..." too
SHORT_LINE = 60
PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")  # a page number on a line of its own


def normalise(text: str) -> str:
    """Lower case letters and digits only."""
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


class _ArticleText(HTMLParser):
    """Collects the text inside the page's main article, without scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # depth inside <article role="main">, 0 when outside
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in VOID
        elif tag == "article" and ("role", "main") in attrs:
            self.depth = 1
        if tag in ("script", "style", "template"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skip -= 1
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def site_text(build: Path) -> str:
    texts = []
    for page in sorted(build.rglob("*.html")):
        relative = page.relative_to(build).as_posix()
        if relative.startswith(SKIPPED_PAGES) or relative.startswith("_"):
            continue
        parser = _ArticleText()
        parser.feed(page.read_text(encoding="utf-8"))
        texts.append(normalise(" ".join(parser.parts)))
    return "\n".join(texts)


def source_sentences(lines: list[str], first: int) -> list[tuple[int, str]]:
    """Sentences with the source line they start on.

    Page numbers, and footnotes that the PDF dropped between paragraphs (runs of lines without
    blank lines between them, starting with the footnote's number or a URL), are taken out of the
    running text first, so that a sentence that a page break interrupts is still one sentence.
    """
    body: list[tuple[int, str]] = []
    notes: list[tuple[int, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if PAGE_NUMBER.match(line):
            index += 1
            continue
        if (FOOTNOTE_START.match(line.strip()) or line.startswith("http")) and following.strip():
            start = index
            index += 1
            # A footnote ends at a blank line or where the next PDF page starts (leading space).
            while index < len(lines) and lines[index].strip() and not lines[index].startswith(" "):
                index += 1
            notes.append((first + start, " ".join(l.strip() for l in lines[start:index])))
            continue
        if line.strip():
            body.append((first + index, line.strip()))
        index += 1

    sentences = []
    for block in _blocks(body) + [[note] for note in notes]:
        text, starts = "", []
        for number, chunk in block:
            starts.append((len(text), number))
            text += chunk + " "
        position = 0
        for sentence in SENTENCE_END.split(text):
            line = max((n for offset, n in starts if offset <= position), default=first)
            position = text.find(sentence, position) + len(sentence)
            sentences.append((line, sentence.strip()))
    return sentences


def _blocks(chunks: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Split running lines into blocks at list items and after short lines.

    PDF body lines run to about 90 characters; a shorter line ends a paragraph, a heading or a
    table cell, so no sentence continues past it.
    """
    blocks: list[list[tuple[int, str]]] = []
    previous = ""
    for number, chunk in chunks:
        item = LIST_ITEM.match(chunk)
        if item:
            chunk = chunk[item.end():]
        if not blocks or item or len(previous) < SHORT_LINE:
            blocks.append([])
        blocks[-1].append((number, chunk))
        previous = chunk
    return blocks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--lines", default="", help="source line range, e.g. 1199-1930")
    parser.add_argument("--minimum", type=float, default=0.0, help="exit 1 below this percentage")
    args = parser.parse_args(argv)

    lines = args.source.read_text(encoding="utf-8").splitlines()
    first, last = 1, len(lines)
    if args.lines:
        first, last = (int(n) for n in args.lines.split("-"))
    built = site_text(args.build)

    checked, missing = 0, []
    for line, sentence in source_sentences(lines[first - 1 : last], first):
        key = normalise(sentence)
        if len(key) < MINIMUM_LENGTH:
            continue
        checked += 1
        if key not in built:
            missing.append((line, sentence))

    share = 100.0 * (checked - len(missing)) / checked if checked else 100.0
    print(f"Zinnen van de bron gevonden: {share:.2f}% ({checked - len(missing)} van {checked}), "
          f"bronregels {first}-{last}")
    for line, sentence in missing:
        print(f"  ontbreekt (regel {line}): {sentence}")
    return 1 if share < args.minimum else 0


if __name__ == "__main__":
    sys.exit(main())
