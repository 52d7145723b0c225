"""The deployment recipe (deploy/nginx.conf) in real nginx: https with a redirect from http and
HSTS (with a throw-away certificate), security and cache headers, the 404 page for missing files,
folders without an index and dotfiles, compression, and a page with a widget in Chromium without
errors or policy violations."""

import re
import ssl
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
    # Een map zonder index.html gaf nginx' eigen 403-pagina: ook dat is "bestaat niet".
    error_page 403 404 =404 /404.html;
"""
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def served(site):
    try:
        with nginx_site(site) as served:
            yield served
    except NginxMissing as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def nginx_url(served):
    return served.url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is what the test looks at


def fetch(url: str, context: ssl.SSLContext | None = None, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=context))
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def is_the_sites_404_page(status: int, body: bytes, site) -> bool:
    return status == 404 and body == (site / "404.html").read_bytes()


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


def test_http_redirects_to_https_which_sends_hsts(served):
    recipe = RECIPE.read_text(encoding="utf-8")
    host = re.search(r"^\s*server_name\s+(\S+);", recipe, re.MULTILINE).group(1)
    path = "thema-2/aanbevelingen.html?q=slaap"
    status, headers, _ = fetch(served.redirect_url + path)
    assert (status, headers["Location"]) == (301, f"https://{host}/{path}")
    assert "Strict-Transport-Security" not in headers  # browsers ignore it over http
    status, headers, _ = fetch(served.https_url + path, served.tls_context())
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):
        fetch(served.https_url, ssl.create_default_context())  # the certificate is really checked


def test_search_words_stay_out_of_the_access_log(served):
    words = "zoekwoordvanprofessional"
    for path in (f"search.html?q={words}", f"thema-2/aanbevelingen.html?highlight={words}"):
        assert fetch(served.url + path)[0] == 200
    assert fetch(served.redirect_url + f"search.html?q={words}")[0] == 301
    log = served.access_log.read_text(encoding="utf-8")
    assert '"GET /search.html HTTP/1.1" 200' in log
    assert '"GET /thema-2/aanbevelingen.html HTTP/1.1" 200' in log
    assert words not in log


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
    cases.update({path.name: "no-cache" for path in site.iterdir()
                  if path.is_file() and not path.name.startswith(".")})
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


def test_dotfiles_and_folders_without_an_index_give_the_sites_404_page(site, tmp_path):
    """Build bookkeeping (.buildinfo, .doctrees) or a .git folder copied along is never served,
    and a folder without index.html is "not found", not nginx's own 403 page."""
    copy = tmp_path / "html"
    copy.mkdir()
    (copy / "404.html").write_bytes((site / "404.html").read_bytes())
    (copy / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    for hidden in (".buildinfo", ".doctrees/environment.pickle", ".git/config", "thema-1/.verborgen",
                   ".well-known/acme-challenge/token", "zonder-index/pagina.html"):
        (copy / hidden).parent.mkdir(parents=True, exist_ok=True)
        (copy / hidden).write_text("x", encoding="utf-8")
    try:
        with nginx_site(copy) as served:
            for path in (".buildinfo", ".doctrees/environment.pickle", ".git/config", ".git/",
                         "thema-1/.verborgen", "zonder-index/", "bestaat-niet/"):
                assert is_the_sites_404_page(*fetch(served.url + path)[::2], copy), path
            # Certificates (ACME, certbot) still work.
            assert fetch(served.url + ".well-known/acme-challenge/token")[::2] == (200, b"x")
            assert fetch(served.url + "zonder-index/pagina.html")[0] == 200
    except NginxMissing as error:
        pytest.fail(str(error), pytrace=False)


def test_folders_of_the_real_site_without_an_index_give_the_404_page(site, nginx_url):
    folders = [path.relative_to(site).as_posix() + "/" for path in site.rglob("*")
               if path.is_dir() and not (path / "index.html").exists()
               and not any(part.startswith(".") for part in path.relative_to(site).parts)]
    assert "_static/" in folders
    for folder in folders:
        assert is_the_sites_404_page(*fetch(nginx_url + folder)[::2], site), folder


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
        with nginx_site(site, variant) as served:
            url = served.url
            base = url + prefix.lstrip("/")
            assert fetch(base + "index.html")[0] == 200
            status, headers, _ = fetch(base + "manifest.webmanifest")
            assert (status, headers["Content-Type"]) == (200, "application/manifest+json")
            assert is_the_sites_404_page(*fetch(base + "bestaat-niet.html")[::2], site)
            assert is_the_sites_404_page(*fetch(base + "_static/")[::2], site)
            assert is_the_sites_404_page(*fetch(base + ".buildinfo")[::2], site)
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
