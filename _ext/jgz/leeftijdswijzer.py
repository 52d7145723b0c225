"""The age guide (``leeftijdswijzer``): every tagged item of the guideline per age band.

``:::{leeftijdswijzer}`` shows every tagged item per age band, grouped by kind, each with a link
to its place, the age in the guideline's own words and, for some kinds, the guideline's own first
sentence.  Without JavaScript every band is a section; ``jgz-leeftijd.js`` turns the band list
into a chooser that filters and keeps the choice in the URL (``#leeftijd-2-4-jaar``).
"""

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .assets import heading_level, needs_script, needs_stylesheet
from .leeftijd import BANDS, KINDS, consumers, items, overlaps
from .rendering import PlainOutputTransform, render

class leeftijdswijzer(nodes.General, nodes.Element):
    """Placeholder for the age guide, drawn from the records at write time."""


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


def visit_leeftijdswijzer_html(self, node: leeftijdswijzer) -> None:
    builder = self.builder
    bands = guide(builder.env)
    for band in bands:
        for kind in band["kinds"]:
            for entry in kind["entries"]:
                page = builder.get_relative_uri(builder.current_docname, entry["docname"])
                # singlehtml answers "#document-..."; there the anchor alone is the address.
                entry["href"] = page.split("#", 1)[0] + "#" + entry["anchor"]
    self.body.append(render("leeftijd_wijzer.html", bands=bands, level=heading_level(node)))
    raise nodes.SkipNode


class PlainGuide(PlainOutputTransform):
    """For builders other than HTML: each band as a bold line with a list of its entries."""

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(leeftijdswijzer)):
            parts: list[nodes.Node] = []
            for band in guide(self.env):
                parts.append(nodes.paragraph("", "", nodes.strong("", band["band"].label)))
                for kind in band["kinds"]:
                    parts.append(nodes.paragraph("", "", nodes.emphasis("", kind["heading"])))
                    entries = nodes.bullet_list()
                    for entry in kind["entries"]:
                        words = " · ".join(entry["phrases"])
                        line = entry["title"] + (f" ({words})" if words else "")
                        item = nodes.list_item("", nodes.paragraph("", line))
                        if entry["excerpt"]:
                            item += nodes.paragraph("", entry["excerpt"])
                        for tip in entry["tips"]:
                            item += nodes.paragraph("", f"{tip['number']}. {tip['text']}")
                        entries += item
                    parts.append(entries)
            node.replace_self(parts)


def setup(app: Sphinx) -> None:
    app.add_node(leeftijdswijzer, html=(visit_leeftijdswijzer_html, None))
    app.add_directive("leeftijdswijzer", LeeftijdswijzerDirective)
    app.add_post_transform(PlainGuide)
