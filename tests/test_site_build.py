"""The real site: a strict build, every page of the guideline present, every link resolving."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import textcheck
from conftest import authored_recommendations

GUIDELINE_PAGES = [
    "index.html",
    "inleiding.html",
    "leeswijzer.html",
    "thema-1/index.html",
    "thema-2/index.html",
    "thema-2/aanbevelingen.html",
    "thema-3/index.html",
    "thema-3/aanbevelingen.html",
    "thema-4/index.html",
    "thema-4/aanbevelingen.html",
    "totstandkoming/index.html",
    "verantwoording/index.html",
    "bijlagen/index.html",
    "aanbevelingen.html",
    "begrippenlijst.html",
    "over/index.html",
    "404.html",
    "search.html",
]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for name in ("href", "src"):
            if attributes.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(attributes[name])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_part_of_the_guideline_is_a_page(site):
    missing = [page for page in GUIDELINE_PAGES if not (site / page).is_file()]
    assert missing == []


def test_every_internal_link_and_anchor_resolves(site):
    pages = {path: _parse(path) for path in site.rglob("*.html")}
    broken = []
    for path, parsed in pages.items():
        if path.name == "404.html":
            continue  # its links are absolute from the site root; tested in the browser
        for link in parsed.links:
            url = urlparse(link)
            if url.scheme or link.startswith("//") or link.startswith("mailto:"):
                continue
            target = (path.parent / unquote(url.path)).resolve() if url.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {link} (bestand ontbreekt)")
                continue
            if url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {link} (anker ontbreekt)")
    assert broken == []


def test_overview_has_every_recommendation_linking_to_its_anchor(site):
    html = (site / "aanbevelingen.html").read_text(encoding="utf-8")
    links = re.findall(r'class="jgz-aanbeveling__titel"><a class="reference internal" href="([^"]+)">', html)
    numbers = [re.search(r"aanbeveling-(\d+)-(\d+)$", link).expand(r"\1.\2") for link in links]
    assert numbers == authored_recommendations()
    for link in links:
        page, anchor = link.split("#")
        target = (site / page).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in target, link
        theme = anchor.split("-")[1]
        assert page == f"thema-{theme}/aanbevelingen.html"


def test_export_lists_every_recommendation(site):
    export = json.loads((site / "aanbevelingen.json").read_text(encoding="utf-8"))
    assert export["autorisatie"] == "25-01-2021"
    numbers = [item["nummer"] for item in export["aanbevelingen"]]
    assert numbers == authored_recommendations()
    assert all(item["tekst"] and item["url"].endswith("#aanbeveling-" + item["nummer"].replace(".", "-"))
               for item in export["aanbevelingen"])


def test_site_text_contains_the_source_text(site, capsys):
    status = textcheck.main(["--build", str(site), "--minimum", "99"])
    report = capsys.readouterr().out
    assert status == 0, report


def test_pages_are_dutch_with_description_and_status(site):
    for page in GUIDELINE_PAGES:
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<html[^>]* lang="nl"', html), page
        meta = re.search(r'<meta (?=[^>]*name="description")[^>]*content="([^"]*)"', html)
        assert meta and len(meta.group(1)) >= 40, page
        assert "geautoriseerd door de Richtlijn Advies Commissie (RAC) op 25 januari 2021" in html, page
        assert "herzieningstermijn vijf jaar" in html, page
        for english in ("Toggle", "Skip to content", "Back to top", "Link to this", "On this page"):
            assert english not in html, f"{page}: '{english}'"


def test_theme_pages_name_their_theme_in_the_tab_and_the_search_results(site):
    """Three pages are called "Overwegingen": their titles say which theme; headings stay as written."""
    titles = {}
    for theme in ("2", "3", "4"):
        html = (site / f"thema-{theme}" / "overwegingen.html").read_text(encoding="utf-8")
        titles[theme] = re.search(r"<title>([^<]*)</title>", html).group(1)
        assert titles[theme].startswith(f"Overwegingen (Thema {theme}) - "), titles[theme]
        assert re.search(r"<h1>Overwegingen<a ", html)
    index = (site / "thema-1" / "index.html").read_text(encoding="utf-8")
    assert "<title>Thema 1: Introductie ouder-kindrelatie - " in index  # no "(Thema 1)" twice
    search_index = (site / "zoekindex.js").read_text(encoding="utf-8")
    assert all(f'"Overwegingen (Thema {theme})"' in search_index for theme in ("2", "3", "4"))


def test_no_asset_comes_from_another_host(site):
    for path in site.rglob("*.html"):
        for link in _parse(path).links:
            if link.startswith(("http://", "https://", "//")):
                # Links that readers follow are fine; loading anything from elsewhere is not.
                assert not re.search(r"\.(css|js|woff2?|ttf|png|svg|jpg)(\?|$)", link), (path, link)
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html), path
