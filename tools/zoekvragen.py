#!/usr/bin/env python3
"""The query set of ``tools/zoekvragen.yaml``, run against the search page of a built site.

Each query goes through the search page's own code (``JGZ_ZOEKEN.search`` in jgz-zoeken.js) in
Chromium, so this measures what a reader gets.  Used by tools/benchmark.py (the share found in the
top 3) and tests/test_zoeken.py (every query found that was found before).

    .venv/bin/python tools/zoekvragen.py [_build/html]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERY_FILE = ROOT / "tools" / "zoekvragen.yaml"
TOP = 3


@dataclass
class Outcome:
    soort: str
    vraag: str
    plaatsen: list[str]
    gevonden: list[str]  # the first results' addresses

    @property
    def rank(self) -> int | None:
        """Where the first right place stands (1-based), or None when not in the top."""
        for number, url in enumerate(self.gevonden[:TOP], start=1):
            if any(url == place or ("#" not in place and url.split("#")[0] == place) for place in self.plaatsen):
                return number
        return None


def queries() -> list[tuple[str, str, list[str]]]:
    data = yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8"))
    return [(kind, item["vraag"], item["plaatsen"]) for kind, items in data.items() for item in items]


def run(page, search_page_url: str) -> list[Outcome]:
    """Open the search page once and ask it every query."""
    page.goto(search_page_url)
    outcomes = []
    for kind, query, places in queries():
        urls = page.evaluate("query => JGZ_ZOEKEN.search(query).results.slice(0, 10).map(r => r.url)", query)
        outcomes.append(Outcome(kind, query, places, urls))
    return outcomes


def share_found(outcomes: list[Outcome]) -> float:
    return sum(outcome.rank is not None for outcome in outcomes) / len(outcomes)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "tools"))
    import chromium
    from playwright.sync_api import sync_playwright

    site = Path(argv[0] if argv else ROOT / "_build" / "html").resolve()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium.executable(), args=chromium.FLAGS)
        outcomes = run(browser.new_page(), (site / "search.html").as_uri())
        browser.close()
    for outcome in outcomes:
        mark = f"{outcome.rank}" if outcome.rank else "-"
        print(f"{mark:>2}  {outcome.soort:<26} {outcome.vraag:<38} {', '.join(outcome.gevonden[:TOP])}")
    print(f"{share_found(outcomes):.0%} van {len(outcomes)} zoekvragen met een goede plek bij de eerste {TOP}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
