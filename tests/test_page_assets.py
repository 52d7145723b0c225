"""Every page loads only the stylesheets and scripts it uses (the page-weight budget)."""

import json
import re
from pathlib import Path

import pytest

from jgz.stylesheet_subset import SUBSETS, subset

LINKED = re.compile(r'<(?:link[^>]*href|script[^>]*src)="([^"?]+)')


def _assets(page: Path) -> set[str]:
    return {Path(url).name for url in LINKED.findall(page.read_text(encoding="utf-8"))}


def test_subset_keeps_only_selectors_whose_classes_are_used():
    stylesheet = (
        ":root{--sd-x:1}.sd-card,.sd-btn{a:1}.sd-card .sd-card-body{b:2}.sd-tab-set>label{c:3}"
        "@media (min-width:576px){.sd-col-sm-1{d:4}.sd-card{e:5}}"
        ".sd-card:not(.sd-btn){f:6}.sd-btn:is(.sd-card,.x){h:8}@keyframes sd-spin{from{g:7}}"
        'body[data-theme="a.b"] .highlight .k{i:9}'
    )
    kept = subset(stylesheet, {"sd-card", "sd-card-body", "highlight", "k"})
    assert ":root{--sd-x:1}" in kept
    assert ".sd-card{a:1}" in kept
    assert ".sd-card .sd-card-body{b:2}" in kept
    assert "label" not in kept and "sd-col-sm-1" not in kept
    assert "@media (min-width:576px){.sd-card{e:5}}" in kept
    assert ".sd-card:not(.sd-btn){f:6}" in kept  # matches although .sd-btn is nowhere
    assert ".sd-btn:is(.sd-card,.x){h:8}" in kept  # alternatives: kept to be safe
    assert 'body[data-theme="a.b"] .highlight .k{i:9}' in kept  # "a.b" is no class
    assert "@keyframes sd-spin" in kept
    assert ".sd-card,.sd-btn" not in kept


def test_no_page_loads_the_full_design_stylesheet_and_only_users_load_the_subset(site):
    listed = json.loads((site / "offline-bestanden.json").read_text(encoding="utf-8"))["bestanden"]
    offline_files = {address.split("?v=")[0] for address in listed}  # scripts at their ?v= address
    assert "_static/jgz-design.css" in offline_files
    # A subset is in the offline copy when one of its pages loads it (code stands only on the
    # maintainers' pages, which stay online).
    offline_pages = [site / name for name in offline_files if name.endswith(".html")]
    code_offline = any("jgz-pygments.css" in _assets(page) for page in offline_pages)
    assert ("_static/jgz-pygments.css" in offline_files) == code_offline
    assert "_static/sphinx-design.min.css" not in offline_files and "_static/pygments.css" not in offline_files
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
        assert ("jgz-pygments.css" in assets) == ('class="highlight' in html), page
        assert "pygments.css" not in assets, page
        assert ("design-tabs.js" in assets) == ("sd-tab-set" in html), page
    assert "jgz-pygments.css" in _assets(site / "over" / "revisie.html")
    assert "jgz-pygments.css" not in _assets(site / "inleiding.html")


# After the transitions that a change of width or colour scheme starts have run to their end.
STYLE_SNAPSHOT = """async () => {
  const transitions = document.getAnimations().filter((animation) => animation.effect.getTiming().iterations !== Infinity);
  await Promise.all(transitions.map((animation) => animation.finished));
  return Array.from(document.querySelectorAll("body *")).map((element) => {
    const style = getComputedStyle(element);
    return [element.className, style.display, style.margin, style.padding, style.border, style.boxShadow,
            style.width, style.height, style.color, style.backgroundColor, style.flex, style.fontWeight,
            style.gap, style.fontStyle].join("|");
  });
}"""


def _serve(stylesheet: Path):
    return lambda route: route.fulfill(body=stylesheet.read_bytes(), content_type="text/css")


@pytest.mark.parametrize(
    "page_path",
    ["index.html", "kaarten/index.html", "over/beslisboom.html", "over/publiceren-nginx.html", "search.html",
     "hulpmiddelen/grade.html", "thema-2/signalen-en-factoren.html"],
)
def test_subset_looks_exactly_like_the_full_stylesheet(browser, site, site_url, page_path):
    """Every element of the page has the same computed style with the used part of the stylesheets
    as with the full ones (which stay in _static/ unlinked), on a phone and a desktop, in light and
    dark mode.  One load per stylesheet set; the width and the colour scheme change in the page."""
    views = [(width, scheme) for width in (360, 1200) for scheme in ("light", "dark")]
    snapshots = {}
    for with_full_stylesheets in (False, True):
        context = browser.new_context(viewport={"width": views[0][0], "height": 900}, service_workers="block")
        page = context.new_page()
        if with_full_stylesheets:
            for full_name, subset_name in SUBSETS.items():
                page.route(f"**/_static/{subset_name}*", _serve(site / "_static" / full_name))
        page.goto(site_url + page_path)
        page.evaluate("() => document.querySelectorAll('details').forEach((details) => { details.open = true; })")
        for width, scheme in views:
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=scheme)
            snapshots[with_full_stylesheets, width, scheme] = page.evaluate(STYLE_SNAPSHOT)
        context.close()
    for width, scheme in views:
        assert snapshots[False, width, scheme] == snapshots[True, width, scheme], f"{width}px, {scheme}"
