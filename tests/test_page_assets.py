"""Every page loads only the stylesheets and scripts it uses (the page-weight budget)."""

import re
from pathlib import Path

import pytest
import sphinx_design

from jgz.design_subset import subset

FULL_DESIGN_STYLESHEET = Path(sphinx_design.__file__).parent / "static" / "sphinx-design.min.css"
LINKED = re.compile(r'<(?:link[^>]*href|script[^>]*src)="([^"?]+)')


def _assets(page: Path) -> set[str]:
    return {Path(url).name for url in LINKED.findall(page.read_text(encoding="utf-8"))}


def test_subset_keeps_only_selectors_whose_design_classes_are_used():
    stylesheet = (
        ":root{--sd-x:1}.sd-card,.sd-btn{a:1}.sd-card .sd-card-body{b:2}.sd-tab-set>label{c:3}"
        "@media (min-width:576px){.sd-col-sm-1{d:4}.sd-card{e:5}}"
        ".sd-card:is(.sd-btn,.sd-card){f:6}@keyframes sd-spin{from{g:7}}"
    )
    kept = subset(stylesheet, {"sd-card", "sd-card-body"})
    assert ":root{--sd-x:1}" in kept
    assert ".sd-card{a:1}" in kept
    assert ".sd-card .sd-card-body{b:2}" in kept
    assert "label" not in kept and "sd-col-sm-1" not in kept and "sd-btn" not in kept
    assert "@media (min-width:576px){.sd-card{e:5}}" in kept
    assert "@keyframes sd-spin" in kept
    assert subset(stylesheet, set()).count("{") == 3  # :root, @keyframes and its one step


def test_no_page_loads_the_full_design_stylesheet_and_only_users_load_the_subset(site):
    assert not (site / "_static" / "sphinx-design.min.css").exists()
    users = set()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assets = _assets(page)
        assert "sphinx-design.min.css" not in assets, page
        uses_design = re.search(r'class="[^"]*\bsd-', html) is not None
        assert ("jgz-design.css" in assets) == uses_design, page
        if uses_design:
            users.add(page.relative_to(site).as_posix())
    assert {"index.html", "kaarten/index.html", "over/beslisboom.html"} <= users


def test_code_styles_and_tab_script_load_only_where_used(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assets = _assets(page)
        assert ("pygments.css" in assets) == ('class="highlight' in html), page
        assert ("design-tabs.js" in assets) == ("sd-tab-set" in html), page
    assert "pygments.css" in _assets(site / "over" / "revisie.html")
    assert "pygments.css" not in _assets(site / "inleiding.html")


STYLE_SNAPSHOT = """() => Array.from(document.querySelectorAll('[class*="sd-"], [class*="sd-"] *')).map(
  (element) => {
    const style = getComputedStyle(element);
    return [element.className, style.display, style.margin, style.padding, style.border, style.boxShadow,
            style.width, style.height, style.color, style.backgroundColor, style.flex, style.fontWeight,
            style.gap].join("|");
  })"""


@pytest.mark.parametrize("page_path", ["index.html", "kaarten/index.html", "over/beslisboom.html"])
@pytest.mark.parametrize("width", [360, 1200])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_subset_looks_exactly_like_the_full_stylesheet(browser, site_url, page_path, width, scheme):
    """Every element of a design component has the same computed style with either stylesheet."""
    snapshots = []
    for full in (False, True):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, service_workers="block"
        )
        page = context.new_page()
        if full:
            page.route("**/_static/jgz-design.css*", lambda route: route.fulfill(
                body=FULL_DESIGN_STYLESHEET.read_bytes(), content_type="text/css"))
        page.goto(site_url + page_path)
        page.evaluate("() => document.querySelectorAll('details').forEach((details) => { details.open = true; })")
        snapshots.append(page.evaluate(STYLE_SNAPSHOT))
        context.close()
    subset_styles, full_styles = snapshots
    assert subset_styles, "geen onderdeel van sphinx-design op de pagina"
    assert subset_styles == full_styles
