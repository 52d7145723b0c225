"""Shared fixtures: sphinx.testing roots, one strict build of the real site, and Chromium."""

import fcntl
import functools
import http.server
import os
import re
import runpy
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlparse

import chromium
import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent


CONTENT = ROOT / "content"


def content_pages() -> list[Path]:
    """The MyST pages of the site's own content (content/over is docs/, with examples)."""
    return sorted(path for path in CONTENT.rglob("*.md") if path.relative_to(CONTENT).parts[0] != "over")


def authored_recommendations() -> list[str]:
    """The numbers of the recommendations in content/ ("2.1", …), by theme and number: what the
    site must show, so that a new recommendation needs no change in the tests."""
    numbers = [
        (int(theme), int(number))
        for path in content_pages()
        for theme, number in re.findall(r"^:{3,}\{aanbeveling\}\s+(\d+)\.(\d+)", path.read_text(encoding="utf-8"), flags=re.M)
    ]
    return [f"{theme}.{number}" for theme, number in sorted(numbers)]


class SiteWidget(NamedTuple):
    page: str  # in the build: hulpmiddelen/lsvg.html
    data: Path  # its YAML file


def site_widgets(directive: str) -> dict[str, SiteWidget]:
    """Each tree or form (``directive``) of content/ by its ``id``: its page and its YAML file, so
    that a new one is tested without a change in the tests."""
    found = {}
    for path in content_pages():
        pattern = r"^:{3,}\{" + directive + r"\}\s+(\S+)"
        for name in re.findall(pattern, path.read_text(encoding="utf-8"), flags=re.M):
            data = CONTENT / name.lstrip("/") if name.startswith("/") else path.parent / name
            widget_id = re.search(r"^id:\s*(\S+)", data.read_text(encoding="utf-8"), flags=re.M).group(1)
            found[widget_id] = SiteWidget(path.relative_to(CONTENT).with_suffix(".html").as_posix(), data)
    return found


def site_forms() -> dict[str, SiteWidget]:
    return site_widgets("scoreformulier")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the test roots (``tests/roots/test-*``)."""
    return ROOT / "tests" / "roots"


def warnings_of(app) -> str:
    """The warnings a sphinx.testing app logged, without colour codes."""
    from sphinx.util.console import strip_colors

    return strip_colors(app._warning.getvalue())


SMALL_PROJECT_CONF = """
extensions = ["myst_parser", "jgz"]
myst_enable_extensions = ["colon_fence"]
jgz_richtlijn = {"titel": "T", "autorisatie": "01-01-2021", "autorisatie_tekst": "x", "herziening": "y"}
jgz_themas = {"2": "Signaleren", "3": "Begeleiden"}
"""


# A small valid form (scoreformulier YAML) for tests of what a change to it does.
SMALL_FORM = """\
id: x
titel: Test
doel: Testen.
regel: som
groepen:
  - id: vragen
    titel: Vragen
    items:
      - id: eerste
        tekst: Eerste vraag
        opties:
          - {tekst: Nee, punten: 0}
          - {tekst: Ja, punten: 2}
banden:
  - {van: 0, tot: 1, titel: Laag, tekst: Laag.}
  - {van: 2, tot: 2, titel: Hoog, tekst: Hoog.}
bron: Test.
copyright: Test.
voorbehoud: Test.
"""


def build_small_project(tmp_path: Path, pages: dict[str, str]) -> str:
    """Build the MyST ``pages`` (name: text) below a start page with an HTML builder; return the
    warnings, for the tests of what a mistake in the text reports."""
    from sphinx.testing.util import SphinxTestApp

    (tmp_path / "conf.py").write_text(SMALL_PROJECT_CONF, encoding="utf-8")
    toctree = "\n".join(name for name in pages if name != "index")
    pages = {"index": f"# Start\n\n:::{{toctree}}\n{toctree}\n:::\n", **pages}
    for name, text in pages.items():
        (tmp_path / f"{name}.md").write_text(textwrap.dedent(text), encoding="utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path)
    try:
        app.build()
        return warnings_of(app)
    finally:
        app.cleanup()


def site_configuration() -> str:
    """conf.py of a test project: the site's own settings (not its favicon file)."""
    settings = runpy.run_path(str(ROOT / "conf.py"))
    kept = {
        key: value for key, value in settings.items()
        if not key.startswith("_") and key != "html_favicon"
        and isinstance(value, (str, int, float, bool, list, dict, tuple, type(None)))
    }
    return "\n".join(f"{key} = {value!r}" for key, value in sorted(kept.items())) + "\n"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built exactly as ``make html`` builds it, once per test run: the processes
    of ``pytest -n`` (pytest-xdist) share one build; the first to need it builds, the others wait
    on the lock."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder all workers' temporary folders stand in
    out, finished = shared / "site" / "html", shared / "site" / "gebouwd"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not finished.exists():
            result = subprocess.run(
                [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q",
                 "-c", str(ROOT), "-d", str(out.parent / "doctrees"), str(ROOT / "content"), str(out)],
                capture_output=True,
                text=True,
            )
            assert result.returncode == 0, f"de build van de site faalt:\n{result.stdout}\n{result.stderr}"
            assert result.stderr.strip() == "", f"de build gaf meldingen:\n{result.stderr}"
            finished.touch()
    return out


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the build like a web server configured as docs/ says: 404.html for misses."""

    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def site_url(site):
    """The built site served on 127.0.0.1 for the browser tests."""
    handler = functools.partial(_SiteHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.handle_error = lambda request, address: None  # a browser closing early is no failure
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def launch(playwright, path: str | None, package: str):
    """Chromium at ``path`` (from the Debian ``package``); a clear failure when it is missing."""
    if not path:
        pytest.fail(
            f"Chromium ontbreekt: de browsertests hebben het Debian-pakket '{package}' nodig "
            f"(make test installeert het waar dat mag; anders: sudo apt-get install {package}).",
            pytrace=False,
        )
    return playwright.chromium.launch(executable_path=path, args=chromium.FLAGS)


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright):
    """Chromium's headless shell: the browser of the browser tests."""
    browser = launch(playwright, chromium.headless_shell(), "chromium-headless-shell")
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def full_browser(playwright):
    """The full Chromium, for what the headless shell emulates otherwise than a real browser: after
    a tap it moves its mouse pointer back to where it was, as a phone without a pointer does not."""
    browser = launch(playwright, chromium.executable(), "chromium")
    yield browser
    browser.close()


class PageWatch:
    """What a page did that a test must see: errors, console errors, requests elsewhere."""

    def __init__(self, page, origin: str) -> None:
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )

        def on_request(request):
            url = urlparse(request.url)
            if url.scheme in ("data", "blob", "about"):
                return
            if f"{url.scheme}://{url.netloc}" != origin:
                self.foreign_requests.append(request.url)

        page.on("request", on_request)

    def assert_clean(self) -> None:
        assert self.page_errors == [], f"JavaScript-fouten: {self.page_errors}"
        assert self.console_errors == [], f"fouten in de console: {self.console_errors}"
        assert self.foreign_requests == [], f"verzoeken naar andere hosts: {self.foreign_requests}"


@pytest.fixture
def context(browser):
    # The offline service worker would copy the whole site in the background of every test;
    # tests/test_offline.py tests it in contexts of its own.
    context = browser.new_context(locale="nl-NL", service_workers="block")
    yield context
    context.close()


@pytest.fixture
def page(context, site_url):
    """A fresh page; after the test it must have had no errors and no foreign requests."""
    page = context.new_page()
    watch = PageWatch(page, site_url.rstrip("/"))
    page.watch = watch
    yield page
    watch.assert_clean()
