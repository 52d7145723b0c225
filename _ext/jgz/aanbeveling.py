"""Numbered, linkable recommendations (``aanbeveling``) and the generated overview.

``:::{aanbeveling} 2.7`` gives the recommendation its number, the anchor ``#aanbeveling-2-7``
(also a Sphinx label, so ``{ref}`` can point at it), a visible permalink and a "Kopieer link"
button.  ``:::{alle-aanbevelingen} 2`` lists every recommendation of Thema 2 in full, copied from
the directives themselves.  The build also writes ``aanbevelingen.json``.
"""

import copy
import json
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .assets import heading_level, needs_script
from .rendering import PlainOutputTransform, render
from .store import DocumentStore

logger = logging.getLogger(__name__)

NUMBER = re.compile(r"^(\d+)\.(\d+)$")
SHORT_TEXT_LENGTH = 200

recommendations = DocumentStore("jgz_aanbevelingen")
overviews = DocumentStore("jgz_aanbevelingen_overzichten")


class aanbeveling(nodes.General, nodes.Element):
    """One recommendation: an ``aanbeveling_titel`` followed by its text."""


class aanbeveling_titel(nodes.General, nodes.TextElement):
    """The heading "Aanbeveling 2.7", a link to the recommendation's anchor."""


class aanbevelingen_overzicht(nodes.General, nodes.Element):
    """Placeholder, replaced by copies of one theme's recommendations."""


def anchor_for(number: str) -> str:
    return "aanbeveling-" + number.replace(".", "-")


def short_text(text: str) -> str:
    """The first sentence of ``text``, cut to a citation-friendly length."""
    text = " ".join(text.split())
    # A sentence ends at . ! ? before a capital, but not after a list letter ("a. De ...").
    match = re.search(r"(?<=[A-Za-z0-9)’”])(?<!\s[a-z])[.!?](?=\s+[A-Z(‘“])", text)
    sentence = text[: match.end()] if match else text
    if len(sentence) > SHORT_TEXT_LENGTH:
        sentence = sentence[: SHORT_TEXT_LENGTH].rsplit(" ", 1)[0] + " …"
    return sentence


def plain_text(node: nodes.Element) -> str:
    """The text of ``node`` with list markers kept ("a. ...", "1. ...", "- ..."), on one line."""
    parts: list[str] = []

    def walk(element: nodes.Node) -> None:
        if isinstance(element, nodes.Text):
            parts.append(str(element))
            return
        if isinstance(element, nodes.enumerated_list):
            start = element.get("start", 1)
            for offset, item in enumerate(element.children):
                parts.append(" " + _marker(element.get("enumtype", "arabic"), start + offset) + " ")
                walk(item)
            return
        if isinstance(element, nodes.bullet_list):
            for item in element.children:
                parts.append(" - ")
                walk(item)
            return
        for child in element.children:
            walk(child)
        if isinstance(element, nodes.paragraph):
            parts.append(" ")

    walk(node)
    return " ".join("".join(parts).split())


def _marker(enumtype: str, number: int) -> str:
    if enumtype == "loweralpha":
        return chr(ord("a") + number - 1) + "."
    if enumtype == "upperalpha":
        return chr(ord("A") + number - 1) + "."
    return f"{number}."


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


def _needs_copy_button(env) -> None:
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
        node += body

        text = plain_text(body)
        node["citaat"] = citation(self.env, number, theme, text)
        _needs_copy_button(self.env)
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
        _needs_copy_button(self.env)
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
                self._copy(record, docname)
                for record in all_recommendations(self.env)
                if record["theme"] == placeholder["theme"]
            ]
            placeholder.replace_self(copies)

    @staticmethod
    def _copy(record: dict, docname: str) -> aanbeveling:
        node = aanbeveling(
            "",
            number=record["number"],
            theme=record["theme"],
            classes=["jgz-aanbeveling", "jgz-aanbeveling--kopie"],
        )
        link = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="ref",
            reftarget=record["anchor"],
            refexplicit=True,
            refwarn=True,
            refdoc=docname,
        )
        node += _title_node(record["number"], link)
        body = copy.deepcopy(record["body"])
        for element in body.findall(nodes.Element):
            element["ids"] = []  # the original keeps the anchors; copies must not repeat them
            if isinstance(element, addnodes.pending_xref):
                element["refdoc"] = docname
        node += body
        node["citaat"] = None
        node["source_anchor"] = record["anchor"]
        return node


class PlainRecommendations(PlainOutputTransform):
    """For builders other than HTML: a bold title and the text, as plain document nodes."""

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(aanbeveling)):
            title = nodes.paragraph("", "", nodes.strong("", "", *node[0].children))
            container = nodes.container("", title, *node[1:], ids=node["ids"])
            node.replace_self(container)


def visit_aanbeveling_html(self, node: aanbeveling) -> None:
    self.body.append(
        render(
            "aanbeveling_open.html",
            anchor=node["ids"][0] if node["ids"] else "",
            classes=" ".join(node["classes"]),
            number=node["number"],
        )
    )


def depart_aanbeveling_html(self, node: aanbeveling) -> None:
    self.body.append("</div>\n")


def visit_titel_html(self, node: aanbeveling_titel) -> None:
    self.body.append(f'<h{heading_level(node.parent)} class="jgz-aanbeveling__titel">')


def depart_titel_html(self, node: aanbeveling_titel) -> None:
    parent = node.parent
    self.body.append(f"</h{heading_level(parent)}>\n")
    citaat = parent.get("citaat") or _citation_of_copy(self, parent)
    self.body.append(render("kopieer_knop.html", citaat=citaat, number=parent["number"]))


def _citation_of_copy(translator, node: aanbeveling) -> str:
    for record in recommendations.records(translator.builder.env):
        if record["anchor"] == node.get("source_anchor"):
            return citation(translator.builder.env, record["number"], record["theme"], record["text"])
    return ""


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
    from .conclusie import conclusions_by_label

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
    from .conclusie import conclusions_by_label

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
    from . import incremental

    app.add_config_value("jgz_richtlijn", {}, "env", types=[dict])
    app.add_config_value("jgz_themas", {}, "env", types=[dict])
    app.add_node(aanbeveling, html=(visit_aanbeveling_html, depart_aanbeveling_html))
    app.add_node(aanbeveling_titel, html=(visit_titel_html, depart_titel_html))
    app.add_node(aanbevelingen_overzicht)
    app.add_directive("aanbeveling", AanbevelingDirective)
    app.add_directive("alle-aanbevelingen", AlleAanbevelingenDirective)
    app.add_post_transform(FillOverviews)
    app.add_post_transform(PlainRecommendations)
    recommendations.connect(app)
    overviews.connect(app)
    app.connect("env-check-consistency", check_consistency)
    incremental.draws_from(app, overviews, recommendations)  # instead of reading them again
    app.connect("build-finished", write_export)
