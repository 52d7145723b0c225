"""Numbered, linkable recommendations (``aanbeveling``) and the generated overview.

``:::{aanbeveling} 2.7`` gives the recommendation its number, the anchor ``#aanbeveling-2-7``
(also a Sphinx label, so ``{ref}`` can point at it), a visible permalink and a "Kopieer link"
button.  ``:::{alle-aanbevelingen} 2`` lists every recommendation of Thema 2 in full, copied from
the directives themselves.  The build also writes ``aanbevelingen.json``.
"""

import json
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .assets import heading_level, needs_script
from .conclusie import conclusions_by_label
from .doctree import copy_for_page, html_element, html_heading, label_reference, plain_text, short_text
from .rendering import PlainOutputTransform, render
from .store import DocumentStore

logger = logging.getLogger(__name__)

NUMBER = re.compile(r"^(\d+)\.(\d+)$")

recommendations = DocumentStore("jgz_aanbevelingen")
overviews = DocumentStore("jgz_aanbevelingen_overzichten")


class aanbeveling(nodes.General, nodes.Element):
    """One recommendation: an ``aanbeveling_titel``, a ``kopieer_knop`` and its text."""


class aanbeveling_titel(nodes.General, nodes.TextElement):
    """The heading "Aanbeveling 2.7", a link to the recommendation's anchor."""


class kopieer_knop(nodes.General, nodes.Element):
    """The "Kopieer link" button of a recommendation (attributes ``citaat`` and ``number``)."""


class aanbevelingen_overzicht(nodes.General, nodes.Element):
    """Placeholder, replaced by copies of one theme's recommendations."""


def anchor_for(number: str) -> str:
    return "aanbeveling-" + number.replace(".", "-")


def citation(env, number: str, theme: str, text: str) -> str:
    """The citation a reader copies; the script appends the page URL."""
    guideline = env.config.jgz_richtlijn
    theme_title = env.config.jgz_themas.get(theme, "")
    return (
        f"Aanbeveling {number} (Thema {theme}: {theme_title}): “{short_text(text)}” "
        f"{guideline['titel']}, {guideline['autorisatie_tekst']}."
    )


def _title_node(number: str, target: nodes.Element) -> aanbeveling_titel:
    title = aanbeveling_titel("", classes=["jgz-aanbeveling__titel"])
    target += nodes.inline("", f"Aanbeveling {number}")
    title += target
    return title


def needs_copy_button(env) -> None:
    """The page shows a "Kopieer link" button: it loads the button's scripts."""
    needs_script(env, "jgz-gedeeld.js")
    needs_script(env, "jgz-kopieer.js")


class AanbevelingDirective(SphinxDirective):
    """``:::{aanbeveling} 2.7`` with the recommendation's text as content."""

    # The number is checked here, so that a missing one gets a Dutch message with an example.
    optional_arguments = 1
    has_content = True
    option_spec = {"conclusie": directives.unchanged_required, "voorbeeld": directives.flag}

    def run(self) -> list[nodes.Node]:
        if not self.arguments:
            raise self.error(
                "aanbeveling: het nummer ontbreekt; zet het achter de naam van de directive, "
                "bijvoorbeeld ':::{aanbeveling} 2.7'."
            )
        number = self.arguments[0].strip()
        match = NUMBER.match(number)
        if not match:
            raise self.error(
                f"aanbeveling: nummer '{number}' heeft niet de vorm thema.volgnummer (bijvoorbeeld 2.7)."
            )
        theme = match.group(1)
        if theme not in self.config.jgz_themas:
            known = ", ".join(sorted(self.config.jgz_themas))
            raise self.error(f"aanbeveling {number}: thema {theme} bestaat niet (bekend: {known}).")
        if not "".join(self.content).strip():
            raise self.error(f"aanbeveling {number}: de tekst van de aanbeveling ontbreekt.")

        # An example (in the editors' documentation) looks the same but is not part of the
        # guideline: its own anchor, and not in the overview, the export or the numbering checks.
        example = "voorbeeld" in self.options
        anchor = ("voorbeeld-" if example else "") + anchor_for(number)
        node = aanbeveling("", number=number, theme=theme, classes=["jgz-aanbeveling"])
        # A number used twice on one page keeps its anchor at the first; the second is reported
        # once, by the numbering check, not also by Docutils as a duplicate id and target.
        if anchor not in self.state.document.ids:
            node["ids"].append(anchor)
            node["names"].append(anchor)
            self.state.document.note_explicit_target(node)
        self.set_source_info(node)

        node += _title_node(number, nodes.reference("", "", refid=anchor, internal=True))
        body = nodes.container("", classes=["jgz-aanbeveling__tekst"])
        self.state.nested_parse(self.content, self.content_offset, body)
        text = plain_text(body)
        node += kopieer_knop("", citaat=citation(self.env, number, theme, text), number=number)
        node += body
        needs_copy_button(self.env)
        if example:
            return [node]
        recommendations.add(
            self.env,
            {
                "number": number,
                "theme": theme,
                "anchor": anchor,
                "docname": self.env.docname,
                "lineno": self.lineno,
                "text": text,
                "conclusie": self.options.get("conclusie"),
                "body": body.deepcopy(),
            },
        )
        return [node]


class AlleAanbevelingenDirective(SphinxDirective):
    """``:::{alle-aanbevelingen} 2``: every recommendation of one theme, in full."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        theme = self.arguments[0].strip()
        if theme not in self.config.jgz_themas:
            known = ", ".join(sorted(self.config.jgz_themas))
            raise self.error(f"alle-aanbevelingen: thema '{theme}' bestaat niet (bekend: {known}).")
        overviews.add(self.env, {"theme": theme, "docname": self.env.docname, "lineno": self.lineno})
        needs_copy_button(self.env)
        node = aanbevelingen_overzicht("", theme=theme)
        self.set_source_info(node)
        return [node]


def sort_key(record: dict) -> tuple[int, int]:
    theme, index = record["number"].split(".")
    return int(theme), int(index)


def all_recommendations(env) -> list[dict]:
    return sorted(recommendations.records(env), key=sort_key)


class FillOverviews(SphinxPostTransform):
    """Replace each overview placeholder by copies of its theme's recommendations.

    Runs before the reference resolver (priority 10) so that the copies' links, including
    glossary links inside the text, resolve relative to the overview page.
    """

    default_priority = 5

    def run(self, **kwargs) -> None:
        docname = self.env.docname
        for placeholder in list(self.document.findall(aanbevelingen_overzicht)):
            copies = [
                recommendation_copy(self.env, record, docname)
                for record in all_recommendations(self.env)
                if record["theme"] == placeholder["theme"]
            ]
            placeholder.replace_self(copies)


def recommendation_copy(env, record: dict, docname: str) -> aanbeveling:
    """A recommendation as shown elsewhere (overview, card): its title links to the original."""
    node = aanbeveling(
        "",
        number=record["number"],
        theme=record["theme"],
        classes=["jgz-aanbeveling", "jgz-aanbeveling--kopie"],
    )
    node += _title_node(record["number"], label_reference(record["anchor"], docname))
    citaat = citation(env, record["number"], record["theme"], record["text"])
    node += kopieer_knop("", citaat=citaat, number=record["number"])
    node += copy_for_page(record["body"], docname)
    return node


class PlainRecommendations(PlainOutputTransform):
    """For builders other than HTML: a bold title and the text, as plain document nodes."""

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(kopieer_knop)):
            node.parent.remove(node)
        for node in list(self.document.findall(aanbeveling)):
            title = nodes.paragraph("", "", nodes.strong("", "", *node[0].children))
            container = nodes.container("", title, *node[1:], ids=node["ids"])
            node.replace_self(container)


def visit_knop_html(self, node: kopieer_knop) -> None:
    self.body.append(render("kopieer_knop.html", citaat=node["citaat"], number=node["number"]))
    raise nodes.SkipNode


def check_consistency(app: Sphinx, env) -> None:
    """Numbers unique and without gaps per theme; every theme covered by the overview."""
    records = all_recommendations(env)
    seen: dict[str, dict] = {}
    for record in records:
        first = seen.setdefault(record["number"], record)
        if first is not record:
            logger.warning(
                "aanbeveling %s staat twee keer in de tekst (ook in %s, regel %s).",
                record["number"], first["docname"], first["lineno"],
                location=(record["docname"], record["lineno"]), type="jgz", subtype="aanbeveling",
            )
    by_theme: dict[str, list[dict]] = {}
    for record in seen.values():
        by_theme.setdefault(record["theme"], []).append(record)
    for theme, items in by_theme.items():
        numbers = sorted(int(item["number"].split(".")[1]) for item in items)
        expected = list(range(1, len(numbers) + 1))
        if numbers != expected:
            missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
            logger.warning(
                "aanbevelingen van thema %s zijn niet doorlopend genummerd vanaf 1 "
                "(ontbrekend: %s).",
                theme, ", ".join(f"{theme}.{n}" for n in missing) or "-",
                location=(items[0]["docname"], items[0]["lineno"]), type="jgz", subtype="aanbeveling",
            )
    labels = conclusions_by_label(env)
    for record in records:
        if record["conclusie"] and record["conclusie"] not in labels:
            logger.warning(
                "aanbeveling %s verwijst naar conclusie '%s', maar geen conclusie heeft die :name:.",
                record["number"], record["conclusie"],
                location=(record["docname"], record["lineno"]), type="jgz", subtype="aanbeveling",
            )
    covered = {o["theme"]: o for o in overviews.records(env)}
    if covered:
        for theme, items in by_theme.items():
            if theme not in covered:
                logger.warning(
                    "thema %s heeft aanbevelingen maar staat niet op de overzichtspagina "
                    "(voeg ':::{alle-aanbevelingen} %s' toe).",
                    theme, theme, location=(items[0]["docname"], items[0]["lineno"]), type="jgz", subtype="aanbeveling",
                )
        for theme, overview in covered.items():
            if theme not in by_theme:
                logger.warning(
                    "alle-aanbevelingen %s: thema %s heeft geen aanbevelingen.",
                    theme, theme, location=(overview["docname"], overview["lineno"]), type="jgz", subtype="aanbeveling",
                )


def overviews_follow_changes(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Re-read the overview pages whenever any page changed: a recommendation may have."""
    if not (added or changed or removed):
        return []
    return sorted({overview["docname"] for overview in overviews.records(env)})


def write_export(app: Sphinx, exception) -> None:
    """Write ``aanbevelingen.json`` for reuse by others (HTML builders only)."""
    if exception or app.builder.format != "html":
        return
    levels = conclusions_by_label(app.env)
    guideline = app.config.jgz_richtlijn
    items = []
    for record in all_recommendations(app.env):
        conclusion = levels.get(record["conclusie"] or "")
        items.append(
            {
                "nummer": record["number"],
                "thema": int(record["theme"]),
                "thema_titel": app.config.jgz_themas[record["theme"]],
                "tekst": record["text"],
                "bewijsniveau": conclusion["level"] if conclusion else None,
                "url": app.builder.get_target_uri(record["docname"]) + "#" + record["anchor"],
            }
        )
    export = {
        "richtlijn": guideline["titel"],
        "autorisatie": guideline["autorisatie"],
        "herziening": guideline["herziening"],
        "herziening_tot": guideline.get("herziening_tot"),
        "aanbevelingen": items,
    }
    path = Path(app.outdir) / "aanbevelingen.json"
    path.write_text(json.dumps(export, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_config_value("jgz_richtlijn", {}, "env", types=[dict])
    app.add_config_value("jgz_themas", {}, "env", types=[dict])
    app.add_node(aanbeveling, html=html_element("div", **{"data-nummer": lambda node: node["number"]}))
    # The title's level fits where the recommendation stands: a copy may stand deeper.
    app.add_node(aanbeveling_titel, html=html_heading(lambda node: heading_level(node.parent)))
    app.add_node(kopieer_knop, html=(visit_knop_html, None))
    app.add_node(aanbevelingen_overzicht)
    app.add_directive("aanbeveling", AanbevelingDirective)
    app.add_directive("alle-aanbevelingen", AlleAanbevelingenDirective)
    app.add_post_transform(FillOverviews)
    app.add_post_transform(PlainRecommendations)
    recommendations.connect(app)
    overviews.connect(app)
    app.connect("env-check-consistency", check_consistency)
    app.connect("env-get-outdated", overviews_follow_changes)
    app.connect("build-finished", write_export)
