"""Print the single-page build of the site to one PDF with headless Chromium (``make pdf``).

    python tools/pdf.py _build/singlehtml/index.html _build/pdf/jgz-richtlijn-ouder-kindrelatie.pdf

The page is printed as a reader without JavaScript sees it (a copy without scripts), so decision
trees print as nested lists and forms as paper forms; ``jgz-print.css`` does the rest.  Chromium
cannot number the table of contents itself, so the page is printed twice: the first PDF's named
destinations tell on which page each part begins, and the second print has those numbers.
See docs/offline-en-afdrukken.md.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

import chromium

CHROMIUM_FLAGS = [
    "--headless",
    *chromium.FLAGS,
    "--no-pdf-header-footer",  # no file:// address and date; jgz-print.css numbers the pages
    "--generate-pdf-document-outline",  # bookmarks from the headings
]
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.DOTALL | re.IGNORECASE)
# The page-number slots of the table of contents (templates/offline_pdf_inhoud.html).
PAGE_SLOT = re.compile(r'(<span class="jgz-pdf-inhoud__pagina" data-doel="(?P<anchor>[^"]+)">)[^<]*(</span>)')
# Sphinx 9's single-page build writes cross-page links as "#document-<page>#<anchor>", which
# points nowhere; in one page the anchor alone is the target.
DOUBLE_ANCHOR = re.compile(r'href="#document-[^"#]*#([^"]+)"')
# Printing again moves nothing (the number slot has a fixed width); this many tries is plenty.
MAX_PRINTS = 3


class PdfError(Exception):
    """Something the maintainer must fix; the message says what, in Dutch."""


def chromium_executable() -> str:
    path = chromium.executable()
    if not path:
        raise PdfError(
            "Chromium ontbreekt: installeer het Debian-pakket 'chromium' "
            "(make pdf doet dat waar het mag) of wijs het aan met CHROMIUM=/pad/naar/chromium."
        )
    return path


def print_to_pdf(html: Path, pdf: Path) -> None:
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="jgz-pdf-profiel-") as profile:
        result = subprocess.run(
            [chromium_executable(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
             html.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=600,
        )
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise PdfError(f"Chromium maakte geen PDF van {html}:\n{result.stdout}\n{result.stderr}")


def page_numbers(pdf: Path, anchors: list[str]) -> dict[str, int]:
    """The page (from 1) on which each anchor of the table of contents landed."""
    reader = PdfReader(pdf)
    destinations = reader.named_destinations  # Chromium names them after the anchors, as /anchor
    numbers = {}
    for anchor in anchors:
        destination = destinations.get("/" + anchor)
        if destination is None:
            raise PdfError(
                f"De PDF heeft geen bestemming voor '{anchor}' uit de inhoudsopgave "
                "(Chromium maakt er geen voor een kop die links buiten de pagina begint: jgz-print.css)."
            )
        numbers[anchor] = reader.get_destination_page_number(destination) + 1
    return numbers


def with_page_numbers(html: str, numbers: dict[str, int]) -> str:
    return PAGE_SLOT.sub(lambda match: f"{match[1]}{numbers.get(match['anchor'], '')}{match[3]}", html)


def printable(html: str) -> str:
    """The page as a reader without JavaScript sees it, with links that work inside one page."""
    return DOUBLE_ANCHOR.sub(r'href="#\1"', SCRIPT.sub("", html))


def make_pdf(page: Path, output: Path) -> int:
    """Print ``page`` (index.html of the single-page build) to ``output``; the number of pages."""
    html = printable(page.read_text(encoding="utf-8"))
    anchors = [match["anchor"] for match in PAGE_SLOT.finditer(html)]
    if not anchors:
        raise PdfError(f"{page} heeft geen inhoudsopgave: is het de build van 'sphinx-build -b singlehtml'?")
    output.parent.mkdir(parents=True, exist_ok=True)
    # The copy sits beside the page, so that its relative links to _static/ still work.
    copy = page.with_name(".jgz-pdf-" + page.name)
    try:
        numbers: dict[str, int] = {}
        for _ in range(MAX_PRINTS):
            copy.write_text(with_page_numbers(html, numbers), encoding="utf-8")
            print_to_pdf(copy, output)
            printed = page_numbers(output, anchors)
            if printed == numbers:
                return len(PdfReader(output).pages)
            numbers = printed
        raise PdfError("De paginanummers van de inhoudsopgave blijven verschuiven.")
    finally:
        copy.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Druk de site (singlehtml-build) af als één PDF.")
    parser.add_argument("pagina", type=Path, help="index.html van 'sphinx-build -b singlehtml'")
    parser.add_argument("pdf", type=Path, help="waar de PDF komt")
    arguments = parser.parse_args(argv)
    try:
        pages = make_pdf(arguments.pagina, arguments.pdf)
    except PdfError as error:
        print(f"pdf.py: {error}", file=sys.stderr)
        return 1
    print(f"{arguments.pdf}: {pages} pagina's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
