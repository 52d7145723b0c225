"""``make live``: sphinx-autobuild serves a small project with the site's configuration; the page
in Chromium reloads itself after a change, and a widget that does not build says why on the page.
The published build keeps its strict policy."""

import os
import re
import socket
import subprocess
import sys
import threading
import time

import pytest
from playwright.sync_api import expect

from conftest import ROOT, SMALL_FORM, PageWatch, site_configuration

pytestmark = pytest.mark.browser

HIGH_BAND = "  - {van: 2, tot: 2, titel: Hoog, tekst: Hoog.}\n"
# A rebuild of the small project takes seconds; on a busy machine many more.
REBUILD = 120_000


def page_text(title: str, band: str = HIGH_BAND) -> str:
    return f"# {title}\n\n:::{{scoreformulier}}\n" + SMALL_FORM.replace(HIGH_BAND, band) + ":::\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(address: str, server: subprocess.Popen, output: list[str]) -> None:
    """Read sphinx-autobuild's output until it has built and starts its server, then until the
    server answers (it starts listening a moment after its last line)."""
    for line in server.stdout:
        output.append(line)
        if "Waiting to detect changes" in line:
            break
    else:
        pytest.fail("sphinx-autobuild stopte:\n" + "".join(output))
    threading.Thread(target=lambda: output.extend(server.stdout), daemon=True).start()
    for _ in range(100):
        try:
            with socket.create_connection(tuple(address.split(":")), timeout=5):
                return
        except ConnectionRefusedError:
            time.sleep(0.1)
    pytest.fail("sphinx-autobuild luistert niet:\n" + "".join(output))


@pytest.fixture
def live_project(tmp_path):
    """A project served by sphinx-autobuild as ``make live`` starts it; (source folder, address)."""
    source = tmp_path / "bron"
    source.mkdir()
    # The site's own favicon too: without one, Chromium asks for /favicon.ico and logs its 404.
    favicon = ROOT / "_ext" / "jgz" / "static" / "favicon.svg"
    conf = site_configuration() + f"html_favicon = {str(favicon)!r}\n"
    (source / "conf.py").write_text(conf, encoding="utf-8")
    (source / "index.md").write_text("# Start\n\n:::{toctree}\npagina\n:::\n", encoding="utf-8")
    (source / "pagina.md").write_text(page_text("Versie 1"), encoding="utf-8")
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        [sys.executable, "-m", "sphinx_autobuild", "-D", f"jgz_live={address}", str(source),
         str(tmp_path / "html"), "--host", "127.0.0.1", "--port", address.split(":")[1]],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "_ext")},  # the site's conf.py puts it there
    )
    output: list[str] = []
    try:
        wait_until_serving(address, server, output)
        yield source, address
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_live_page_reloads_after_a_change_and_shows_what_the_build_reports(browser, live_project):
    source, address = live_project
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    watch = PageWatch(page, f"http://{address}")
    try:
        page.goto(f"http://{address}/pagina.html")
        expect(page.locator("h1")).to_have_text(re.compile("^Versie 1"))
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert f"connect-src 'self' ws://{address}" in policy
        expect(page.locator("#formulier-x")).to_be_visible()
        expect(page.locator(".jgz-live-meldingen")).to_have_count(0)
        expect(page.locator('script[src*="jgz-offline.js"]')).to_have_count(0)  # no cache in between

        # An edit: the open page reloads by itself (the reload script ran, the policy let it).
        (source / "pagina.md").write_text(page_text("Versie 2"), encoding="utf-8")
        expect(page.locator("h1")).to_have_text(re.compile("^Versie 2"), timeout=REBUILD)

        # A mistake in the form: the page says what the terminal says.
        (source / "pagina.md").write_text(page_text("Versie 3", band=""), encoding="utf-8")
        expect(page.locator("h1")).to_have_text(re.compile("^Versie 3"), timeout=REBUILD)
        report = page.get_by_role("alert").filter(has_text="Meldingen van de build")
        expect(report).to_contain_text("pagina.md:")
        expect(report).to_contain_text("er is geen band voor het totaal 2, maar het hoogst mogelijke totaal is 2.")
        watch.assert_clean()  # among others: no script blocked by the policy
    finally:
        context.close()


def test_the_published_build_has_no_reload_script_or_build_messages(site):
    page = (site / "hulpmiddelen" / "lsvg.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "ws://" not in policy and "connect-src 'self';" in policy
    assert "jgz-live-meldingen" not in page
    assert "jgz-offline.js" in page  # the offline copy, which the live preview leaves out
