"""The age guide (``leeftijdswijzer``): every tagged item of the guideline per age band.

``:::{leeftijdswijzer}`` shows every tagged item per age band, grouped by kind, each with a link
to its place, the age in the guideline's own words and, for some kinds, the guideline's own first
sentence.  Without JavaScript every band is a section; ``jgz-leeftijd.js`` turns the band list
into a chooser that filters and keeps the choice in the URL (``#leeftijd-2-4-jaar``).

One model for every builder: ``FillGuide`` builds the guide as a doctree from the records of
all pages (``leeftijd.py``).  HTML writes each of its nodes as one element, with the chooser
that only a browser can use; for other builders ``PlainGuide`` turns the same tree into plain
paragraphs and lists.
"""

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .assets import heading_level, needs_script, needs_stylesheet
from .doctree import add_html_nodes, html_element, html_heading
from .leeftijd import BANDS, KINDS, consumers, items, overlaps
from .rendering import PlainOutputTransform, render

NO_ITEMS = "De richtlijn noemt bij deze leeftijd geen onderdelen die hier getagd zijn."
SOURCE_LABEL = "Leeftijd in de richtlijn: "

# ---------------------------------------------------------------------------------------------
# The doctree of the guide


class leeftijdswijzer(nodes.General, nodes.Element):
    """The age guide.  The directive leaves it empty; ``FillGuide`` gives it its bands.

    Its text is the guideline's, quoted from other pages, so it has none of its own: the site's
    search (``zoeken.py``) finds those pages, not this list of them."""

    def astext(self) -> str:
        return ""


class leeftijd_kiezer(nodes.General, nodes.Element):
    """The chooser above the bands, with a link to each band; HTML only (the script uses it)."""


class leeftijd_band(nodes.General, nodes.Element):
    """One age band (attribute ``key``): its heading and its items per kind."""


class leeftijd_kop(nodes.General, nodes.TextElement):
    """A heading of the guide, at HTML heading ``level``."""


class leeftijd_bandkop(leeftijd_kop):
    """The heading of a band."""


class leeftijd_soortkop(leeftijd_kop):
    """The heading of a kind within a band."""


class leeftijd_lijst(nodes.General, nodes.Element):
    """The items of one kind (attribute ``kind``) in one band."""


class leeftijd_item(nodes.General, nodes.Element):
    """One tagged item: its link, the age in the source's words, its first sentence or tips."""


class leeftijd_link(nodes.Inline, nodes.TextElement):
    """The link to the item's place in the guideline: attributes ``docname`` and ``anchor``."""


class leeftijd_bron(nodes.Inline, nodes.TextElement):
    """The age in the guideline's words, after a label for screen readers."""


class leeftijd_tips(nodes.General, nodes.Element):
    """The numbered tips of an item."""


class leeftijd_tip(nodes.General, nodes.TextElement):
    """One tip, with its number in the guideline (attribute ``number``)."""


class LeeftijdswijzerDirective(SphinxDirective):
    """``:::{leeftijdswijzer}``: every tagged item, per age band."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        needs_stylesheet(self.env, "jgz-leeftijd.css")
        needs_script(self.env, "jgz-leeftijd.js")
        consumers.add(self.env, self.env.docname)
        node = leeftijdswijzer("")
        self.set_source_info(node)
        return [node]


def guide(env) -> list[dict]:
    """Per band, per kind (in ``KINDS`` order), the entries whose ages overlap the band."""
    records = items.records(env)
    bands = []
    for band in BANDS:
        kinds = []
        for key, kind in KINDS.items():
            entries = []
            for record in records:
                if record["kind"] != key:
                    continue
                ages = [age for age in record["ages"] if overlaps(age["start"], age["end"], band)]
                if not ages:
                    continue
                # The age in the source's words, unless the title already says it.
                phrases = [
                    phrase for age in ages for phrase in age["phrases"]
                    if phrase.lower() not in record["title"].lower()
                ]
                entries.append({**record, "phrases": list(dict.fromkeys(phrases))})
            if entries:
                kinds.append({"key": key, "heading": kind.heading, "entries": entries})
        bands.append({"band": band, "kinds": kinds})
    return bands


def guide_tree(bands: list[dict], level: int) -> list[nodes.Node]:
    """The guide's contents: the chooser, then each band with its items per kind."""
    parts: list[nodes.Node] = [leeftijd_kiezer("")]
    for item in bands:
        band = item["band"]
        section = leeftijd_band("", key=band.key, ids=[band.anchor], classes=["jgz-leeftijd__band"])
        section += leeftijd_bandkop(
            "", band.label, level=level, ids=[band.anchor + "-titel"], classes=["jgz-leeftijd__bandtitel"]
        )
        for kind in item["kinds"]:
            section += leeftijd_soortkop("", kind["heading"], level=level + 1, classes=["jgz-leeftijd__soort"])
            entries = leeftijd_lijst("", kind=kind["key"], classes=["jgz-leeftijd__lijst"])
            for entry in kind["entries"]:
                entries += _entry(entry)
            section += entries
        if not item["kinds"]:
            section += nodes.paragraph("", NO_ITEMS)
        parts.append(section)
    return parts


def _entry(entry: dict) -> leeftijd_item:
    node = leeftijd_item("", classes=["jgz-leeftijd__item"])
    node += leeftijd_link(
        "", entry["title"], docname=entry["docname"], anchor=entry["anchor"], classes=["jgz-leeftijd__link"]
    )
    if entry["phrases"]:
        node += leeftijd_bron(
            "", "", nodes.inline("", SOURCE_LABEL, classes=["jgz-visueel-verborgen"]),
            nodes.Text(" · ".join(entry["phrases"])), classes=["jgz-leeftijd__bron"],
        )
    if entry["excerpt"]:
        node += nodes.paragraph("", entry["excerpt"], classes=["jgz-leeftijd__zin"])
    if entry["tips"]:
        node += leeftijd_tips(
            "", *(leeftijd_tip("", tip["text"], number=tip["number"]) for tip in entry["tips"]),
            classes=["jgz-leeftijd__tips"],
        )
    return node


class FillGuide(SphinxPostTransform):
    """Give each guide its bands, from the records of all pages.

    After the glossary links (6) and the references (10): the guide quotes the guideline's
    words without linking them; it links only to each item's place."""

    default_priority = 100

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(leeftijdswijzer)):
            node["ids"] = ["leeftijden"]
            node["classes"] = ["jgz-leeftijd"]
            node.extend(guide_tree(guide(self.env), heading_level(node)))


class PlainGuide(PlainOutputTransform):
    """For builders other than HTML: each band as a bold line, each kind as an italic line with
    a list of its items ("title (age in the source's words)", then first sentence or tips)."""

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(leeftijd_kiezer)):
            node.parent.remove(node)
        for node in list(self.document.findall(leeftijd_kop)):
            mark = nodes.strong if isinstance(node, leeftijd_bandkop) else nodes.emphasis
            node.replace_self(nodes.paragraph("", "", mark("", node.astext())))
        for node in list(self.document.findall(leeftijd_item)):
            line = node.next_node(leeftijd_link).astext()
            source = next(node.findall(leeftijd_bron), None)
            if source is not None:
                line += f" ({source[-1].astext()})"
            rest = [child for child in node.children if not isinstance(child, (leeftijd_link, leeftijd_bron))]
            node.replace_self(nodes.list_item("", nodes.paragraph("", line), *rest))
        for node in list(self.document.findall(leeftijd_tips)):
            node.replace_self([nodes.paragraph("", f"{tip['number']}. {tip.astext()}") for tip in node.children])
        for node in list(self.document.findall(leeftijd_lijst)):
            node.replace_self(nodes.bullet_list("", *node.children))
        for kind in (leeftijd_band, leeftijdswijzer):
            for node in list(self.document.findall(kind)):
                node.replace_self(node.children)


# ---------------------------------------------------------------------------------------------
# HTML: one element per node


def visit_kiezer_html(self, node: leeftijd_kiezer) -> None:
    self.body.append(render("leeftijd_kiezer.html", bands=BANDS))
    raise nodes.SkipNode


def visit_link_html(self, node: leeftijd_link) -> None:
    page = self.builder.get_relative_uri(self.builder.current_docname, node["docname"])
    # singlehtml answers "#document-..."; there the anchor alone is the address.
    self.body.append(self.starttag(node, "a", "", href=page.split("#", 1)[0] + "#" + node["anchor"]))


def depart_link_html(self, node: leeftijd_link) -> None:
    self.body.append("</a>\n")


HTML = {
    # A value of "" writes a boolean attribute: the script finds the guide by it.
    leeftijdswijzer: html_element("div", **{"data-jgz-leeftijdswijzer": lambda node: ""}),
    leeftijd_kiezer: (visit_kiezer_html, None),
    leeftijd_band: html_element(
        "section",
        **{"data-leeftijd": lambda node: node["key"], "aria-labelledby": lambda node: node["ids"][0] + "-titel"},
    ),
    leeftijd_bandkop: html_heading(lambda node: node["level"]),
    leeftijd_soortkop: html_heading(lambda node: node["level"]),
    leeftijd_lijst: html_element("ul", **{"data-soort": lambda node: node["kind"]}),
    leeftijd_item: html_element("li"),
    leeftijd_link: (visit_link_html, depart_link_html),
    leeftijd_bron: html_element("span", ""),
    leeftijd_tips: html_element("ol"),
    leeftijd_tip: html_element("li", "", value=lambda node: node["number"]),
}


def setup(app: Sphinx) -> None:
    add_html_nodes(app, HTML)
    app.add_directive("leeftijdswijzer", LeeftijdswijzerDirective)
    app.add_post_transform(FillGuide)
    app.add_post_transform(PlainGuide)
