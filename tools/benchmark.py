#!/usr/bin/env python3
"""Speed and size of the website, measured against the budgets (docs/kwaliteit.md).

Builds the site from a copy of content/ and prints:

1. the time of a full build, next to a plain furo + sphinx-design build of the same text in the
   same run, and of the rebuilds after one page changes (an empty line, then a sentence), with
   the pages each writes and the pages whose bytes changed;
2. per page: the bytes of HTML, CSS and JavaScript and the number of requests of a first visit in
   Chromium (served by nginx with deploy/nginx.conf when nginx is installed, else by Python);
3. per widget type: the JavaScript it adds to a page, and on which pages it loads;
4. the offline copy: the files in offline-bestanden.json and their size;
   the query set of tools/zoekvragen.yaml: the share with a right place in the top 3;
5. Lighthouse (npm, pinned in package.json; Debian's Chromium) in mobile and desktop mode on one
   page of every type: the four category scores, FCP and LCP.

With ``--only-tests``, only this: ``make test`` in a clean clone of the last commit, after its
set-up, on the clock and in processor time of the whole machine (Chromium included).

Exits with status 1 when a budget is missed.  Not a test: timings depend on the machine.

Build times are the processor time (user + system) of the sphinx-build process, the median of
``--runs``: on a machine that other work shares, the wall-clock time says more about the other
work than about the build.  The wall-clock time is shown beside it.

    .venv/bin/python tools/benchmark.py [--runs 5] [--skip-lighthouse] [--write-docs]
    .venv/bin/python tools/benchmark.py --only-tests
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import hashlib
import http.server
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import chromium  # noqa: E402
import zoekvragen  # noqa: E402
from nginx_site import NginxMissing, nginx_site  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_ATTEMPTS = 3
DOCS = ROOT / "docs" / "kwaliteit.md"
DOCS_BEGIN, DOCS_END = "<!-- metingen:begin -->", "<!-- metingen:end -->"
CHANGED_PAGE = Path("thema-2") / "overwegingen.md"  # a long page, linked from many others

# Budgets (docs/kwaliteit.md).
LIGHTHOUSE_MINIMUM = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 0.95}
WIDGET_JS_BUDGET = 15 * 1024
PAGE_OVERHEAD_BUDGET = 150 * 1024  # HTML + CSS + JS beyond the page's own text
REBUILD_BUDGET = 1.0  # seconds of processor time
FULL_BUILD_FACTOR = 2.5  # at most this many times the plain build of the same text
OFFLINE_BUDGET = 3 * 1024 * 1024  # bytes: what a phone downloads and keeps for offline use
TEST_SUITE_BUDGET = 5 * 60  # seconds on the clock for make test, from a clean clone after set-up
SEARCH_TOP3_MINIMUM = 0.95  # share of tools/zoekvragen.yaml with a right place in the top 3

# Audits that fail on purpose, per page type, with the reason; the budget is judged without them.
EXCUSED_AUDITS = {
    "zoeken": {"is-crawlable": "zoekresultaten horen niet in een zoekmachine (noindex van furo)"},
}

# Each widget type: how its pages are recognised, and the scripts that only it needs.
WIDGETS = {
    "beslisboom": (r"data-beslisboom=", ["jgz-beslisboom.js"]),
    "formulier": (r"data-jgz-score", ["jgz-scoreformulier.js", "jgz-score.js"]),
    "leeftijdswijzer": (r"data-jgz-leeftijdswijzer", ["jgz-leeftijd.js"]),
    "casus": (r"data-jgz-casus", ["jgz-casus.js"]),
}
ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)
# Scripts that are the page's content rather than code: the search page's index of all text.
DATA_SCRIPTS = {"zoekindex.js"}


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def print(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)

    def table(self, header: list[str], rows: list[list]) -> None:
        self.print("| " + " | ".join(header) + " |")
        self.print("|" + "|".join(" --- " for _ in header) + "|")
        for row in rows:
            self.print("| " + " | ".join(str(cell) for cell in row) + " |")
        self.print()

    def budget(self, ok: bool, text: str) -> str:
        if not ok:
            self.missed.append(text)
        return "ja" if ok else "**nee**"


# --------------------------------------------------------------------------------------------
# Building


# The comparison: the same text with only myst-parser, sphinx-design and furo (the project's own
# directives stay unknown and are left out, with warnings that -Q silences).
PLAIN_CONF = """\
extensions = ["myst_parser", "sphinx_design"]
language = "nl"
html_theme = "furo"
exclude_patterns = ["**/_data/**", "**/README.md"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline", "attrs_block"]
"""


@dataclass
class BuildTime:
    wall: float
    cpu: float


def sphinx_build(source: Path, out: Path, conf: Path = ROOT, quiet: str = "-q") -> BuildTime:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", quiet, "-c", str(conf),
         "-d", str(out.with_name(out.name + "-doctrees")), str(source), str(out)],
        check=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return BuildTime(wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def pages_state(site: Path) -> dict[str, tuple[int, str]]:
    return {path.relative_to(site).as_posix(): (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
            for path in site.rglob("*.html")}


def median(times: list[BuildTime]) -> BuildTime:
    return BuildTime(statistics.median(t.wall for t in times), statistics.median(t.cpu for t in times))


def changed_sentence(text: str) -> str:
    """``text`` with one sentence changed: the first long paragraph line ends differently."""
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if len(line) > 80 and line[0].isalpha() and line.endswith("."))
    lines[index] = lines[index][:-1] + " (gewijzigd)."
    return "\n".join(lines)


@dataclass
class Rebuild:
    """One kind of edit to CHANGED_PAGE, and what the rebuilds after it did."""
    label: str
    edit: Callable[[str], str]
    times: list[BuildTime] = field(default_factory=list)
    written: int = 0
    changed: int = 0
    pages: int = 0

    def run(self, source: Path, out: Path) -> None:
        before = pages_state(out)
        page = source / CHANGED_PAGE
        page.write_text(self.edit(page.read_text(encoding="utf-8")), encoding="utf-8")
        self.times.append(sphinx_build(source, out))
        after = pages_state(out)
        self.written = sum(after[name][0] != before.get(name, (None,))[0] for name in after)
        self.changed = sum(after[name][1] != before.get(name, (None, None))[1] for name in after)
        self.pages = len(after)


def measure_builds(work: Path, runs: int, report: Report) -> Path:
    """Full build, the plain comparison build, and the rebuilds after an edit of one page (an
    empty line, then a changed sentence), from a copy of content/."""
    source = work / "content"
    shutil.copytree(ROOT / "content", source, symlinks=False)
    plain_conf = work / "vergelijking"
    plain_conf.mkdir()
    (plain_conf / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
    original = (source / CHANGED_PAGE).read_text(encoding="utf-8")
    full, plain = [], []
    newline = Rebuild("een lege regel", lambda text: text + "\n")
    sentence = Rebuild("een gewijzigde zin", changed_sentence)
    for run in range(runs):
        plain.append(sphinx_build(source, work / f"plain-{run}", plain_conf, quiet="-Q"))
        out = work / f"html-{run}"
        full.append(sphinx_build(source, out))
        newline.run(source, out)
        sentence.run(source, out)
        (source / CHANGED_PAGE).write_text(original, encoding="utf-8")
        sphinx_build(source, out)  # the site as the text is: the pages measured below
    full, plain = median(full), median(plain)
    factor = full.cpu / plain.cpu
    report.print("### Bouwen\n")
    report.print(f"Processortijd van `sphinx-build` (mediaan van {runs}); tussen haakjes de tijd op de "
                 "klok, die op een gedeelde machine vooral de andere processen meet. Opnieuw bouwen: "
                 f"na een lege regel aan het eind van `{CHANGED_PAGE.as_posix()}`, daarna na een "
                 "gewijzigde zin op die pagina.\n")
    rows = [
        ["Gewone build met furo en sphinx-design, dezelfde tekst", f"{plain.cpu:.1f} s ({plain.wall:.1f} s)", "-", "-"],
        ["Volledige build", f"{full.cpu:.1f} s ({full.wall:.1f} s), {factor:.1f} ×",
         f"≤ {FULL_BUILD_FACTOR} × de gewone", report.budget(factor <= FULL_BUILD_FACTOR, "volledige build")],
    ]
    for rebuild, budget in ((newline, REBUILD_BUDGET), (sentence, None)):
        time_taken = median(rebuild.times)
        rows.append([
            f"Opnieuw bouwen na {rebuild.label}", f"{time_taken.cpu:.2f} s ({time_taken.wall:.2f} s)",
            f"< {budget:.0f} s" if budget else "-",
            report.budget(time_taken.cpu < budget, f"herbouw na {rebuild.label}") if budget else "-",
        ])
        rows.append([
            "Pagina's die die herbouw schrijft / waarvan de inhoud verandert",
            f"{rebuild.written} / {rebuild.changed} van {rebuild.pages}", "alleen veranderde",
            report.budget(rebuild.written == rebuild.changed,
                          f"herbouw na {rebuild.label} schrijft ongewijzigde pagina's"),
        ])
    report.table(["Meting", "Tijd", "Budget", "Gehaald"], rows)
    return work / "html-0"


# --------------------------------------------------------------------------------------------
# Serving


@contextlib.contextmanager
def serve(site: Path):
    """nginx with the deployment recipe when installed (compression and cache headers as in
    production); otherwise Python's http.server, which compresses nothing."""
    try:
        with nginx_site(site) as served:
            yield served.url, "nginx met deploy/nginx.conf"
            return
    except NginxMissing:
        pass
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", "Python http.server (zonder compressie)"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        pass


# --------------------------------------------------------------------------------------------
# Page weight


def site_pages(site: Path) -> list[str]:
    """Every page of a build, relative to its root ("thema-2/index.html"); not _static/ etc."""
    return sorted(
        path.relative_to(site).as_posix() for path in site.rglob("*.html")
        if not path.relative_to(site).parts[0].startswith("_")
    )


def measure_pages(site: Path, url: str, report: Report) -> dict[str, dict]:
    """Bytes per kind and requests of a first visit (no cache, no service worker yet).

    Chromium tells which files a page requests and as what; the bytes are those of the files in
    the build, uncompressed, so that the figures do not depend on the server.
    """
    from playwright.sync_api import sync_playwright

    origin = urlparse(url).netloc
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium.executable(),
            args=chromium.FLAGS,
        )
        for name in site_pages(site):
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            requests: list[tuple[str, str]] = []
            page.on("request", lambda request, requests=requests: requests.append(
                (request.url, request.resource_type)))
            page.goto(url + name, wait_until="networkidle")
            context.close()
            results[name] = weigh(site, name, requests, origin)
        browser.close()

    report.print("### Gewicht per pagina (eerste bezoek, zonder cache)\n")
    report.print("KB zonder compressie. ‘Eigen’ is de tekst van de pagina zelf (het "
                 "`<article>`-element; op de zoekpagina ook de zoekindex); ‘Rest’ is HTML + CSS + JS "
                 f"min de eigen tekst, met als budget {PAGE_OVERHEAD_BUDGET // 1024} KB. "
                 "‘Verz.’ is het aantal verzoeken.\n")
    rows = []
    for name, result in results.items():
        overhead = result["html"] + result["css"] + result["js"] - result["own_text"]
        ok = overhead <= PAGE_OVERHEAD_BUDGET and not result["foreign"]
        rows.append([
            name, kb(result["html"]), kb(result["css"]), kb(result["js"]),
            result["requests"], kb(result["own_text"]), kb(overhead),
            report.budget(ok, f"gewicht of externe verzoeken van {name}"),
        ])
    report.table(["Pagina", "HTML", "CSS", "JS", "Verz.", "Eigen", "Rest", "Budget"], rows)
    return results


def weigh(site: Path, name: str, requests: list[tuple[str, str]], origin: str) -> dict:
    kinds = {"document": "html", "stylesheet": "css", "script": "js"}
    result = {"html": 0, "css": 0, "js": 0, "requests": len(requests), "foreign": [],
              "scripts": [], "own_text": 0}
    for address, resource_type in requests:
        parsed = urlparse(address)
        if parsed.scheme == "data":
            continue
        if parsed.netloc != origin:
            result["foreign"].append(address)
            continue
        path = site / parsed.path.lstrip("/")
        kind = kinds.get(resource_type)
        if kind and path.is_file():
            size = path.stat().st_size
            result[kind] += size
            if kind == "js":
                result["scripts"].append(path.name)
                if path.name in DATA_SCRIPTS:
                    result["own_text"] += size
    article = ARTICLE.search((site / name).read_text(encoding="utf-8"))
    result["own_text"] += len(article.group(0).encode("utf-8")) if article else 0
    return result


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def check_widget_scripts(site: Path, pages: dict[str, dict], report: Report) -> None:
    """Widget JavaScript per type within budget, and loaded only on pages with the widget."""
    static = site / "_static"
    html = {name: (site / name).read_text(encoding="utf-8") for name in pages}
    # The site's own scripts (theme, glossary, tables, offline use) also load on pages without
    # any widget.
    general = {script for name, result in pages.items()
               if not any(re.search(marker, html[name]) for marker, _ in WIDGETS.values())
               for script in result["scripts"]}
    rows = []
    for kind, (marker, own) in WIDGETS.items():
        with_widget = [name for name in pages if re.search(marker, html[name])]
        if not with_widget:
            report.print(f"(geen pagina met een {kind})")
            continue
        # What the widget adds to a page: what all its pages load, minus the site's own scripts.
        added = set.intersection(*(set(pages[name]["scripts"]) for name in with_widget)) - general
        size = sum((static / script).stat().st_size for script in added if (static / script).is_file())
        elsewhere = sorted(name for name, result in pages.items()
                           if name not in with_widget and set(own) & set(result["scripts"]))
        rows.append([
            kind, ", ".join(sorted(added)), kb(size) + " KB",
            len(with_widget), ", ".join(elsewhere) or "nergens",
            report.budget(size <= WIDGET_JS_BUDGET and not elsewhere,
                          f"JavaScript van widget {kind}"),
        ])
    report.print("### JavaScript per widget\n")
    report.table(["Widget", "Scripts die de widget toevoegt", "Grootte", "Pagina's",
                  "Ook geladen op", "Budget (≤ 15 KB)"], rows)


def measure_offline_copy(site: Path, report: Report) -> None:
    listed = json.loads((site / "offline-bestanden.json").read_text(encoding="utf-8"))["bestanden"]
    files = {address.split("?v=")[0] for address in listed}
    size = sum((site / name).stat().st_size for name in files)
    report.print("### Offline kopie\n")
    report.table(
        ["Bestanden", "Grootte zonder compressie", "Budget", "Gehaald"],
        [[len(files), f"{size / 1024 / 1024:.2f} MiB ({size:,} bytes)".replace(",", "."),
          f"≤ {OFFLINE_BUDGET // 1024 // 1024} MiB", report.budget(size <= OFFLINE_BUDGET, "grootte offline kopie")]],
    )


# --------------------------------------------------------------------------------------------
# Lighthouse


def lighthouse_pages(site: Path, pages: dict[str, dict]) -> dict[str, str]:
    """One page of every type."""
    def first_with(pattern: str) -> str | None:
        return next((name for name in pages
                     if re.search(pattern, (site / name).read_text(encoding="utf-8"))), None)

    themes = [name for name in pages if name.startswith("thema-")]
    chosen = {
        "start": "index.html",
        "lange themapagina": max(themes, key=lambda name: pages[name]["html"]),
        "beslisboom": first_with(WIDGETS["beslisboom"][0]),
        "formulier": first_with(WIDGETS["formulier"][0]),
        "leeftijdswijzer": first_with(WIDGETS["leeftijdswijzer"][0]),
        "oefencasus": first_with(WIDGETS["casus"][0]),
        "zoeken": "search.html?q=ouder",
    }
    return {kind: name for kind, name in chosen.items() if name}


def category_score(category: dict, audits: dict, excused: set[str]) -> float | None:
    """A category's score as Lighthouse computes it (weighted mean), without ``excused`` audits."""
    refs = [ref for ref in category["auditRefs"] if ref["weight"] > 0 and ref["id"] not in excused
            and audits[ref["id"]]["score"] is not None]
    total = sum(ref["weight"] for ref in refs)
    if not total:
        return None
    return sum(ref["weight"] * audits[ref["id"]]["score"] for ref in refs) / total


def run_lighthouse(url: str, desktop: bool, out: Path, excused: set[str] = frozenset()) -> dict:
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        "--chrome-flags=" + " ".join(["--headless=new", *chromium.FLAGS]),
    ]
    if desktop:
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chromium.executable() or ""}
    for _ in range(LIGHTHOUSE_ATTEMPTS):
        # Lighthouse now and then loses the trace of a load (NO_NAVSTART): measure again.
        if subprocess.run(command, env=env, stdout=subprocess.DEVNULL).returncode == 0:
            break
    else:
        raise RuntimeError(f"Lighthouse faalde {LIGHTHOUSE_ATTEMPTS} keer op {url}")
    result = json.loads(out.read_text(encoding="utf-8"))
    audits = result["audits"]
    scores = {key: category["score"] for key, category in result["categories"].items()}
    judged = {key: category_score(category, audits, excused) if excused else category["score"]
              for key, category in result["categories"].items()}
    failed = sorted(
        audit_id for category in result["categories"].values() for ref in category["auditRefs"]
        if ref["weight"] > 0 and (audit_id := ref["id"]) in audits
        and audits[audit_id]["score"] is not None and audits[audit_id]["score"] < 1
    )
    return {
        "scores": scores,
        "judged": judged,
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "failed": failed,
    }


def measure_lighthouse(site: Path, url: str, pages: dict[str, dict], work: Path,
                       report: Report) -> None:
    if not LIGHTHOUSE.is_file():
        report.print("Lighthouse ontbreekt: `npm ci` in de hoofdmap (make benchmark doet dat).")
        report.missed.append("Lighthouse niet uitgevoerd")
        return
    rows, notes = [], []
    for kind, name in lighthouse_pages(site, pages).items():
        excused = EXCUSED_AUDITS.get(kind, {})
        for mode in ("mobiel", "desktop"):
            result = run_lighthouse(url + name, mode == "desktop", work / f"lh-{kind}-{mode}.json",
                                    set(excused))
            scores, judged = result["scores"], result["judged"]
            ok = all(judged[key] is not None and judged[key] >= minimum
                     for key, minimum in LIGHTHOUSE_MINIMUM.items())
            rows.append([
                kind, mode, *(f"{scores[key]:.2f}" for key in LIGHTHOUSE_MINIMUM),
                f"{result['fcp']:.1f} s", f"{result['lcp']:.1f} s",
                report.budget(ok, f"Lighthouse {mode} {name}"),
            ])
            if result["failed"]:
                notes.append(f"- {kind}, {mode}: " + ", ".join(
                    audit + (" (bedoeld)" if audit in excused else "") for audit in result["failed"]))
    report.print("### Lighthouse 12.2.3\n")
    report.print("Pagina's: " + "; ".join(f"{kind}: `{name}`" for kind, name in
                                         lighthouse_pages(site, pages).items()) + ".\n")
    report.print("Budget: performance ≥ 0.95, accessibility (Toeg.) 1.0, best practices 1.0, SEO ≥ 0.95. "
                 "Mobiel met de gesimuleerde trage verbinding en processor van Lighthouse. "
                 "Een audit met ‘(bedoeld)’ faalt met opzet en telt niet mee voor het budget: "
                 + "; ".join(f"{kind}: {audit}, {why}" for kind, audits in EXCUSED_AUDITS.items()
                             for audit, why in audits.items()) + ".\n")
    report.table(["Soort", "Modus", "Perf.", "Toeg.", "Best pr.", "SEO", "FCP", "LCP", "Budget"],
                 rows)
    if notes:
        report.print("Audits met een score onder 1:\n")
        for note in notes:
            report.print(note)
        report.print()


# --------------------------------------------------------------------------------------------
# Search


def measure_search(site: Path, url: str, report: Report) -> None:
    """The query set of tools/zoekvragen.yaml through the search page, and the index's bytes."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium.executable(), args=chromium.FLAGS)
        outcomes = zoekvragen.run(browser.new_page(), url + "search.html")
        browser.close()
    share = zoekvragen.share_found(outcomes)
    index = (site / "zoekindex.js").read_bytes()
    report.print("### Zoeken\n")
    report.print(f"{len(outcomes)} zoekvragen uit `tools/zoekvragen.yaml`; gevonden is een goede plek bij de "
                 f"eerste {zoekvragen.TOP} resultaten. `zoekindex.js`: {kb(len(index))} KB, "
                 f"{kb(len(gzip.compress(index)))} KB met gzip.\n")
    rows = []
    for kind in dict.fromkeys(outcome.soort for outcome in outcomes):
        group = [outcome for outcome in outcomes if outcome.soort == kind]
        rows.append([kind, len(group), sum(o.rank is not None for o in group), f"{zoekvragen.share_found(group):.0%}"])
    ok = share >= SEARCH_TOP3_MINIMUM
    rows.append(["**alle**", len(outcomes), sum(o.rank is not None for o in outcomes),
                 f"{share:.0%} ({report.budget(ok, f'zoeken: {share:.0%} bij de eerste 3')})"])
    report.table(["Soort", "Vragen", "Gevonden", "Aandeel (budget ≥ 95%)"], rows)
    missed = [f"‘{o.vraag}’: {', '.join(o.gevonden[:zoekvragen.TOP]) or 'niets'}" for o in outcomes if o.rank is None]
    if missed:
        report.print("Niet gevonden:\n\n" + "\n".join(f"- {line}" for line in missed) + "\n")


# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# The test suite


def busy_and_idle_seconds() -> tuple[float, float]:
    """Processor time of the whole machine so far (/proc/stat): busy, idle.  Chromium's processes
    count too, which the rusage of ``make test`` misses."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    ticks = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / ticks, idle / ticks


def measure_test_suite(work: Path, report: Report) -> None:
    """``make test`` in a clean clone of the committed repository (no folder beside it), after its
    set-up (the virtual environment and the Debian packages), as the budget in docs/kwaliteit.md
    counts it."""
    clone = work / "kloon"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    for setup in (["make", ".venv/.test"], ["sh", "tools/ensure-test-tools.sh"]):
        done = subprocess.run(setup, cwd=clone, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"De set-up faalt ({' '.join(setup)}):\n{done.stdout}\n{done.stderr}")
    load_before = os.getloadavg()[0]
    busy, idle = busy_and_idle_seconds()
    start = time.perf_counter()
    result = subprocess.run(["make", "test"], cwd=clone, capture_output=True, text=True)
    wall = time.perf_counter() - start
    busy, idle = (after - before for after, before in zip(busy_and_idle_seconds(), (busy, idle)))
    summary = (re.findall(r"^=+ (.+) in [\d.]+s", result.stdout, flags=re.M) or ["geen samenvatting"])[-1]
    report.print("### `make test`\n")
    report.print(f"Een schone kloon van de laatste commit, na de set-up; load average vooraf {load_before:.1f}. "
                 "Processortijd: de hele machine tijdens de run (ook Chromium), bezig en stil.\n")
    ok = result.returncode == 0 and wall <= TEST_SUITE_BUDGET
    report.table(
        ["Tests", "Op de klok", "Processortijd bezig / stil", "Budget", "Gehaald"],
        [[summary, "{}:{:02} min".format(*divmod(round(wall), 60)), f"{busy:.0f} s / {idle:.0f} s",
          f"≤ {TEST_SUITE_BUDGET // 60} min en groen", report.budget(ok, "make test")]],
    )


def write_docs(report: Report) -> None:
    text = DOCS.read_text(encoding="utf-8")
    start, end = text.index(DOCS_BEGIN) + len(DOCS_BEGIN), text.index(DOCS_END)
    DOCS.write_text(text[:start] + "\n" + "\n".join(report.lines) + "\n" + text[end:],
                    encoding="utf-8")


def measure_served(site: Path, work: Path, skip_lighthouse: bool, report: Report) -> None:
    with serve(site) as (url, server):
        report.print(f"Geserveerd door: {server}.\n")
        pages = measure_pages(site, url, report)
        check_widget_scripts(site, pages, report)
        measure_offline_copy(site, report)
        measure_search(site, url, report)
        if not skip_lighthouse:
            measure_lighthouse(site, url, pages, work, report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement (the median counts)")
    parser.add_argument("--only-builds", action="store_true",
                        help="only the build times and the offline copy, no pages in Chromium")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--only-tests", action="store_true",
                        help="only the duration of make test, in a clean clone of the last commit")
    parser.add_argument("--write-docs", action="store_true",
                        help=f"write the tables into {DOCS.relative_to(ROOT)}")
    args = parser.parse_args()
    if args.only_tests and args.write_docs:
        parser.error("--write-docs schrijft de tabellen van de site; de duur van make test staat met de hand "
                     "in 'De duur van make test'")

    report = Report()
    with tempfile.TemporaryDirectory(prefix="jgz-benchmark-") as tmp:
        work = Path(tmp)
        if args.only_tests:
            measure_test_suite(work, report)
            return finish(report, write=False)
        site = measure_builds(work, args.runs, report)
        if args.only_builds:
            measure_offline_copy(site, report)
        else:
            measure_served(site, work, args.skip_lighthouse, report)
    return finish(report, write=args.write_docs)


def finish(report: Report, write: bool) -> int:
    if write:
        write_docs(report)
    if report.missed:
        print("\nBudget niet gehaald:\n- " + "\n- ".join(report.missed), file=sys.stderr)
        return 1
    print("\nAlle budgetten gehaald.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
