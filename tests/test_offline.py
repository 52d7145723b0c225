"""Offline use: after one visit the whole site works without a network (served under a sub-path,
with the server gone); online, pages come from the server first, so a new version is read at once
and reaches the offline copy with a polite notice; a new version that fails to load is announced,
also offline; and opened from disk nothing is registered.  The build side (worker, manifest, file list, version) is checked on a small project
that is built more than once."""

import functools
import http.server
import json
import posixpath
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import PageWatch, _SiteHandler, warnings_of
from jgz.offline import VERSIONED_REFERENCE, content_version, precached_files

SUB_PATH = "/richtlijnen/ouder-kindrelatie/"
STATIC = Path(__file__).resolve().parent.parent / "_ext" / "jgz" / "static"


class _SubPathHandler(_SiteHandler):
    """The site under a sub-path, as on a server that hosts more than this one site; the paths in
    the server's ``failing`` give a server error.  Like the nginx recipe for pages, every answer
    says ``no-cache``: without it, Chromium keeps a file fresh for a while on its own guess."""

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self):
        if urlsplit(self.path).path in self.server.failing:
            self.send_error(500)
        else:
            super().do_GET()

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "buiten-de-site")
        return super().translate_path("/" + path[len(SUB_PATH):])


class _Server:
    """Serves ``directory`` at ``url`` until ``stop()``: a test can take the network away."""

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_SubPathHandler, directory=str(directory))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        # A browser that goes away while its worker is still caching breaks a pipe: not an error.
        self._server.handle_error = lambda request, address: None
        self._server.failing = set()
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.url = self.origin + SUB_PATH
        self._running = True

    def fail(self, path: str) -> None:
        """From now on, ``path`` (relative to the site) gives "500 Internal Server Error"."""
        self._server.failing.add(SUB_PATH + path)

    def stop(self) -> None:
        if self._running:
            self._server.shutdown()
            self._server.server_close()
            self._running = False


@pytest.fixture
def serve():
    servers = []

    def start(directory: Path) -> _Server:
        servers.append(_Server(directory))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def context(browser):
    """Unlike the other browser tests' context (conftest.py), this one lets service workers run."""
    context = browser.new_context(locale="nl-NL", service_workers="allow")
    yield context
    context.close()


def watched_page(context, origin: str):
    page = context.new_page()
    page.watch = PageWatch(page, origin)
    return page


def wait_until_offline_ready(page) -> None:
    """The worker has cached the site and controls the page: the footer says so."""
    expect(page.get_by_role("status").filter(has_text="werkt ook zonder internet")).to_be_visible(timeout=20_000)


def cached_urls(page) -> dict:
    """The names of the caches of the origin, and every URL in them, once the active worker has
    finished activating (it removes older caches then)."""
    return page.evaluate(
        """async () => {
            const worker = (await navigator.serviceWorker.getRegistration()).active;
            if (worker.state !== "activated") {
                await new Promise((done) => worker.addEventListener("statechange", () => worker.state === "activated" && done()));
            }
            const names = await caches.keys();
            const urls = [];
            for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
            return {names, urls};
        }"""
    )


# --------------------------------------------------------------------------------------------
# In the browser

@pytest.mark.browser
def test_after_one_visit_every_page_tree_and_form_works_without_a_network(context, site, serve):
    server = serve(site)
    page = watched_page(context, server.origin)
    page.goto(server.url + "index.html")
    wait_until_offline_ready(page)

    scope = page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).scope")
    assert scope == server.url, "de service worker hoort de hele site onder het subpad te beheren"
    listed = json.loads((site / "offline-bestanden.json").read_text(encoding="utf-8"))
    cache = cached_urls(page)
    assert cache["names"] == [f"jgz-offline {server.url} {listed['versie']}"]
    assert sorted(cache["urls"]) == sorted(server.url + path for path in listed["bestanden"])

    server.stop()
    context.set_offline(True)

    page.goto(server.url + "thema-2/aanbevelingen.html")
    expect(page.locator("#aanbeveling-2-7")).to_contain_text("Aanbeveling 2.7")
    page.goto(server.url + "thema-3/")  # a folder: its index.html
    expect(page.locator("h1")).to_contain_text("Thema 3")
    page.goto(server.url + "search.html?q=sensitiviteit")
    expect(page.locator("#search-results li").first).to_be_visible()

    # A decision tree: answer until an outcome.
    page.goto(server.url + "hulpmiddelen/welk-instrument.html")
    tree = page.locator(".jgz-beslisboom").first
    outcome = tree.get_by_role("status")
    for _ in range(20):
        if "Uitkomst" in outcome.inner_text():
            break
        tree.get_by_role("group").get_by_role("button").first.click()
    expect(outcome).to_contain_text("Uitkomst")

    # A form: 3 on each of the LSVG's eight behaviours.
    page.goto(server.url + "hulpmiddelen/lsvg.html")
    form = page.get_by_role("form")
    behaviours = form.get_by_role("group").filter(has=page.get_by_role("radio", name="3", exact=True))
    expect(behaviours).to_have_count(8)
    for behaviour in behaviours.all():
        behaviour.get_by_role("radio", name="3", exact=True).check()
    expect(form.get_by_role("status").first).to_contain_text("Totaal: 24")

    page.watch.assert_clean()

    # An address the site does not have: its own 404 page, from the cache.  (Its stylesheets fail
    # here: the page links from jgz_basispad, "/", and this site lives under a sub-path.)
    missing = context.new_page()
    response = missing.goto(server.url + "bestaat-niet.html")
    assert response.status == 404
    expect(missing.locator("h1")).to_contain_text("niet gevonden")


def publish_new_version(published: Path) -> tuple[str, str]:
    """Change the introduction's heading, as a new build would, with the list's new version."""
    introduction = published / "inleiding.html"
    introduction.write_text(
        introduction.read_text(encoding="utf-8").replace("<h1>Inleiding", "<h1>Inleiding (herzien)", 1),
        encoding="utf-8",
    )
    listed = json.loads((published / "offline-bestanden.json").read_text(encoding="utf-8"))
    files = [path.split("?")[0] for path in listed["bestanden"] if path != "offline-bestanden.json"]
    new_version = content_version(published, files)
    assert new_version != listed["versie"], "de versie moet veranderen met de inhoud"
    (published / "offline-bestanden.json").write_text(
        json.dumps({**listed, "versie": new_version}), encoding="utf-8"
    )
    return listed["versie"], new_version


def visited_once(context, site: Path, serve, tmp_path: Path):
    """A copy of the site, served, and a page that has the whole copy on the device."""
    published = tmp_path / "site"
    shutil.copytree(site, published)
    server = serve(published)
    page = watched_page(context, server.origin)
    page.goto(server.url + "inleiding.html")
    wait_until_offline_ready(page)
    return published, server, page


@pytest.mark.browser
def test_a_new_version_is_read_at_once_and_reaches_the_offline_copy_with_a_polite_notice(
    context, site, serve, tmp_path
):
    published, server, page = visited_once(context, site, serve, tmp_path)
    _, new_version = publish_new_version(published)

    page.goto(server.url + "inleiding.html")
    # Online, the page comes from the server: the new text at once ...
    expect(page.locator("h1")).to_contain_text("Inleiding (herzien)")
    # ... and the new version loads into the offline copy, then says so without taking focus.
    notice = page.get_by_role("status").filter(has_text="nieuwe versie")
    expect(notice).to_contain_text("Er is een nieuwe versie van de richtlijn geladen", timeout=20_000)
    assert page.evaluate("document.activeElement === document.body")
    reload = notice.get_by_role("button", name="Pagina vernieuwen")
    box = reload.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    cache = cached_urls(page)
    assert cache["names"] == [f"jgz-offline {server.url} {new_version}"], "de oude versie hoort weg te zijn"
    page.watch.assert_clean()

    server.stop()
    context.set_offline(True)
    page.goto(server.url + "inleiding.html")
    expect(page.locator("h1")).to_contain_text("Inleiding (herzien)")
    page.watch.assert_clean()


@pytest.mark.browser
def test_a_new_version_that_fails_to_load_is_announced_online_and_offline(context, site, serve, tmp_path):
    published, server, page = visited_once(context, site, serve, tmp_path)
    old_version, _ = publish_new_version(published)
    server.fail("_static/jgz-print.css")  # one file of the new version cannot be loaded

    page.goto(server.url + "inleiding.html")
    expect(page.locator("h1")).to_contain_text("Inleiding (herzien)")  # online: the server's text
    notice = page.get_by_role("status").filter(has_text="nieuwere versie")
    expect(notice).to_contain_text("Er is een nieuwere versie van de richtlijn, die nog niet geladen kon worden",
                                   timeout=20_000)
    expect(notice.get_by_role("button", name="Nieuwe versie opnieuw proberen te laden")).to_be_visible()
    assert page.evaluate("document.activeElement === document.body")
    assert cached_urls(page)["names"] == [f"jgz-offline {server.url} {old_version}"]
    page.watch.assert_clean()

    # Offline, the device has only the previous version, and says that a newer one exists.
    server.stop()
    context.set_offline(True)
    page.goto(server.url + "leeswijzer.html")
    expect(page.locator("h1")).to_contain_text("Leeswijzer")
    expect(page.get_by_role("status").filter(has_text="nieuwere versie")).to_be_visible(timeout=20_000)
    page.goto(server.url + "inleiding.html")
    expect(page.locator("h1")).not_to_contain_text("herzien")
    page.watch.assert_clean()


@pytest.mark.browser
def test_a_site_without_the_file_list_removes_its_offline_copy(context, site, serve, tmp_path):
    published, server, page = visited_once(context, site, serve, tmp_path)

    (published / "offline-bestanden.json").unlink()  # e.g. a later build without offline use
    page.goto(server.url + "leeswijzer.html")
    expect(page.locator("h1")).to_contain_text("Leeswijzer")
    # The page removes the worker and its cache after loading.  (Playwright's wait_for_function
    # evaluates a string, which the site's Content-Security-Policy forbids: poll in the page.)
    removed = page.evaluate(
        """async () => {
            for (let tries = 0; tries < 300; tries++) {  // up to 30 s on a busy machine
                const names = (await caches.keys()).filter((name) => name.startsWith("jgz-offline "));
                if (!names.length && !(await navigator.serviceWorker.getRegistration())) return true;
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            return false;
        }"""
    )
    assert removed, "de service worker en zijn cache horen weg te zijn"
    # The browser reports the missing list itself; nothing else may go wrong.
    assert page.watch.console_errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    page.watch.console_errors = []
    page.watch.assert_clean()


@pytest.mark.browser
def test_opened_from_disk_the_site_works_and_registers_nothing(context, site):
    page = watched_page(context, "file://")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((site / "thema-2" / "aanbevelingen.html").as_uri())
    expect(page.locator("#aanbeveling-2-7")).to_be_visible()
    assert page.locator("link[rel=manifest]").count() == 0
    assert page.locator(".jgz-offline-melding").count() == 0
    assert not [url for url in requests if "offline-bestanden" in url or url.endswith("sw.js")]
    page.watch.assert_clean()


# --------------------------------------------------------------------------------------------
# The build

def test_the_site_lists_every_page_and_file_it_needs_offline_at_the_address_pages_use(site):
    listed = json.loads((site / "offline-bestanden.json").read_text(encoding="utf-8"))
    addresses = set(listed["bestanden"])
    files = {address.split("?v=")[0] for address in addresses}
    pages = {path.relative_to(site).as_posix() for path in site.rglob("*.html")}
    maintainers = {page for page in pages if page.startswith("over/")}
    assert maintainers and not maintainers & files, "de documentatie voor beheerders blijft online"
    assert pages - maintainers <= files
    assert {"zoekindex.js", "manifest.webmanifest", "_static/jgz-offline.css", "offline-bestanden.json"} <= files
    assert not {"_static/basic.css", "_static/searchtools.js"} & files, "het thema, maar geen pagina laadt ze"
    assert all((site / path).is_file() for path in files)
    assert not [path for path in files if path.startswith(".") or path.endswith(".map") or path == "sw.js"]
    assert (site / "sw.js").read_bytes() == (STATIC / "jgz-sw.js").read_bytes()
    # Each script and stylesheet is listed at the address (?v=<checksum>) that the pages load.
    # (The 404 page links from jgz_basispad, "/": those addresses are the same files.)
    for page in pages - maintainers:
        for path, version in VERSIONED_REFERENCE.findall((site / page).read_text(encoding="utf-8")):
            path = path.removeprefix("/") if page == "404.html" else path
            address = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            assert f"{address}?v={version}" in addresses, (page, path)


SMALL_PROJECT = {
    "conf.py": (
        'extensions = ["myst_parser", "jgz"]\n'
        'language = "nl"\n'
        'project = "Testrichtlijn"\n'
        'html_title = "Testrichtlijn Ouder-kindrelatie"\n'
        'html_short_title = "Testrichtlijn"\n'
        'jgz_richtlijn = {"titel": "Testrichtlijn", "autorisatie": "01-02-2003",\n'
        '    "autorisatie_tekst": "geautoriseerd op 1 februari 2003", "herziening": "vijf jaar"}\n'
        'jgz_themas = {"2": "Signaleren"}\n'
    ),
    "index.md": "# Start\n\nEerste tekst.\n\n```{toctree}\nthema\n```\n",
    "thema.md": "# Thema\n\nZie <https://www.ncj.nl/richtlijnen> en [de NCJ](https://www.ncj.nl/).\n",
}


@pytest.fixture
def small_project(tmp_path) -> Path:
    source = tmp_path / "bron"
    source.mkdir()
    for name, text in SMALL_PROJECT.items():
        (source / name).write_text(text, encoding="utf-8")
    return source


def _build(make_app, source: Path) -> Path:
    """Build (again) into the same folder, as make html does."""
    app = make_app("html", srcdir=source)
    try:
        app.build()
        assert warnings_of(app) == ""
        return Path(app.outdir)
    finally:
        app.cleanup()  # unregister its nodes and directives, so that the next build starts clean


def _version(outdir: Path) -> str:
    return json.loads((outdir / "offline-bestanden.json").read_text(encoding="utf-8"))["versie"]


def test_build_writes_worker_manifest_and_icons_for_pages_that_load_the_script(make_app, small_project):
    outdir = _build(make_app, small_project)
    manifest = json.loads((outdir / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Testrichtlijn Ouder-kindrelatie"
    assert manifest["short_name"] == "Testrichtlijn"
    assert (manifest["lang"], manifest["start_url"], manifest["scope"]) == ("nl", "index.html", "./")
    for icon in manifest["icons"]:
        assert (outdir / icon["src"]).is_file(), icon
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    assert (outdir / "sw.js").is_file()
    page = (outdir / "thema.html").read_text(encoding="utf-8")
    assert '<script defer="defer" src="_static/jgz-offline.js' in page
    assert '<link rel="apple-touch-icon" href="_static/jgz-icoon-apple-180.png">' in page
    assert 'media="print"' in page and "jgz-print.css" in page
    # In print the address follows a link, unless the link's text is the address.
    assert 'class="jgz-adres-in-tekst reference external" href="https://www.ncj.nl/richtlijnen"' in page
    assert 'class="reference external" href="https://www.ncj.nl/"' in page
    assert precached_files(outdir) == sorted(precached_files(outdir))


def test_version_changes_with_the_content_and_only_then(make_app, small_project):
    outdir = _build(make_app, small_project)
    first = _version(outdir)
    assert _version(_build(make_app, small_project)) == first, "zonder wijziging dezelfde versie"
    page = small_project / "thema.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    assert _version(_build(make_app, small_project)) != first, "andere inhoud, andere versie"
