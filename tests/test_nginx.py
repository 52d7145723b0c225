"""The deployment recipe (deploy/nginx.conf) in real nginx: security and cache headers, the 404
page, compression, and a page with a widget in Chromium without errors or policy violations."""

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import PageWatch
from nginx_site import RECIPE, NginxMissing, nginx_site
from quality import WIDGET, CspWatch, site_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "publiceren-nginx.md"
SITE_BLOCK = """    location / {
        try_files $uri $uri/ =404;
    }
    error_page 404 /404.html;
"""
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def nginx_url(site):
    try:
        with nginx_site(site) as url:
            yield url
    except NginxMissing as error:
        pytest.fail(str(error), pytrace=False)


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_security_headers_on_pages_and_files(site, nginx_url):
    for path in ("index.html", "thema-2/aanbevelingen.html", "_static/jgz.css", "aanbevelingen.json"):
        status, headers, _ = fetch(nginx_url + path)
        assert status == 200, path
        for name, value in SECURITY_HEADERS.items():
            assert headers.get(name) == value, (path, name)
        policy = headers["Content-Security-Policy"]
        for directive in ("frame-ancestors 'none'", "object-src 'none'", "connect-src 'self'",
                          "base-uri 'none'", "form-action 'self'"):
            assert directive in policy, (path, directive)
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert "camera=()" in headers["Permissions-Policy"]
        assert "microphone=()" in headers["Permissions-Policy"]
        assert "geolocation=()" in headers["Permissions-Policy"]


def test_cache_headers(site, nginx_url):
    index = (site / "index.html").read_text(encoding="utf-8")
    versioned = re.search(r'src="(_static/[^"?]+\.js\?v=[0-9a-f]+)"', index).group(1)
    cases = {
        "index.html": "no-cache",
        "thema-1/": "no-cache",
        "zoekindex.js": "no-cache",
        versioned: IMMUTABLE,
        "_static/searchtools.js": "public, max-age=3600",
    }
    # Files at the root (the service worker, the manifest, the exports) change with each release.
    cases.update({path.name: "no-cache" for path in site.iterdir() if path.is_file()})
    for path, expected in cases.items():
        status, headers, _ = fetch(nginx_url + path)
        assert (status, headers.get("Cache-Control")) == (200, expected), path


def test_missing_page_gives_the_404_page_and_text_is_compressed(nginx_url):
    status, headers, body = fetch(nginx_url + "bestaat/niet.html")
    assert status == 404
    assert "Content-Security-Policy" in body.decode("utf-8")
    assert headers["Cache-Control"] == "no-cache"
    status, headers, _ = fetch(nginx_url + "index.html", **{"Accept-Encoding": "gzip"})
    assert headers.get("Content-Encoding") == "gzip"
    assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_a_widget_page_works_in_chromium_behind_nginx(site, nginx_url, browser):
    tree = WIDGET["beslisboom"]
    name = next(name for name in site_pages(site) if name.startswith("hulpmiddelen/")
                and re.search(tree.marker, (site / name).read_text(encoding="utf-8")))
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    watch, csp = PageWatch(page, nginx_url.rstrip("/")), CspWatch(page)
    response = page.goto(nginx_url + name)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    root = page.locator(tree.selector).first
    tree.finish(root)
    tree.is_finished(root)
    watch.assert_clean()
    csp.assert_none()
    context.close()


def test_the_sub_path_variant_in_the_docs_works(site, browser, tmp_path):
    """The location block that docs/publiceren-nginx.md gives for a sub-path, in the recipe."""
    block = re.search(r"```nginx\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL).group(1)
    prefix = re.search(r"location (/\S+/) \{", block).group(1)
    block = re.sub(r"alias [^;]+;", f"alias {site}/;", block)
    recipe = RECIPE.read_text(encoding="utf-8")
    assert SITE_BLOCK in recipe
    variant = tmp_path / "nginx.conf"
    variant.write_text(recipe.replace(SITE_BLOCK, "".join("    " + line + "\n"
                                                          for line in block.splitlines())))
    try:
        with nginx_site(site, variant) as url:
            base = url + prefix.lstrip("/")
            assert fetch(base + "index.html")[0] == 200
            status, headers, _ = fetch(base + "manifest.webmanifest")
            assert (status, headers["Content-Type"]) == (200, "application/manifest+json")
            assert fetch(base + "bestaat-niet.html")[0] == 404
            context = browser.new_context(locale="nl-NL")
            page = context.new_page()
            watch, csp = PageWatch(page, url.rstrip("/")), CspWatch(page)
            page.goto(base + "leeftijdswijzer.html")
            WIDGET["leeftijdswijzer"].partly(page.locator(WIDGET["leeftijdswijzer"].selector))
            watch.assert_clean()
            csp.assert_none()
            context.close()
    except NginxMissing as error:
        pytest.fail(str(error), pytrace=False)
