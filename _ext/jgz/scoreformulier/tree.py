"""The one tree of a form, built from the model: the form with its inputs, the outcome tables,
what it is for and its source, in the reading order of the page (as on MDCalc: the tool first).

HTML writes it element by element (``nodes``); other builders get ordinary nodes from it
(``plain``).  ``rich`` gives the nodes of a text with references (parsed as MyST by the
directive) by its key in the model.
"""

from collections.abc import Callable

from docutils import nodes

from .checks import outcome_rows, possible_range
from .nodes import (
    COMBINATIONS_TITLE, score_box, score_choice, score_data, score_input, score_link, score_options,
    score_question, score_table, score_table_part, score_text, score_words, scoreformulier,
)


def words(text: str) -> score_words:
    return score_words(text=text)


def text(tag: str, *content: nodes.Node, classes=(), ids=(), **attrs) -> score_text:
    """An element with words: ``p``, ``li``, ``td``, ``legend``, ``strong`` ..."""
    node = score_text("", "", *content, tag=tag, classes=list(classes), ids=list(ids))
    if attrs:
        node["attrs"] = attrs
    return node


def box(*content: nodes.Node, tag: str = "div", classes=(), ids=(), **attrs) -> score_box:
    node = score_box("", *content, tag=tag, classes=list(classes), ids=list(ids))
    if attrs:
        node["attrs"] = attrs
    return node


def heading(offset: int, title: str, **options) -> score_text:
    """A heading ``offset`` levels below the form's own level."""
    node = text("h", words(title), **options)
    node["offset"] = offset
    return node


def interactive(node: nodes.Element) -> nodes.Element:
    """Only in the browser: left out on paper and by other builders."""
    node["interactive"] = True
    return node


class FormTree:
    def __init__(self, model: dict, anchor: str, rich: Callable[[str | None], list[nodes.Node]],
                 data: dict) -> None:
        self.model, self.anchor, self.rich, self.data = model, anchor, rich, data

    def build(self) -> scoreformulier:
        model, anchor = self.model, self.anchor
        form = scoreformulier("", classes=["jgz-score"], ids=[anchor], attrs={"data-jgz-score": ""})
        form += interactive(score_data("", data=self.data))
        # What must be read before use, in one line above the form; the full text follows the
        # form, one tap away and in the reading order.
        form += text(
            "p", text("strong", words("Vooraf:")), words(f" {model['vooraf']} "),
            interactive(score_link("", "", words("Waarvoor, wanneer en let op"), href=f"#{anchor}-over")),
            classes=["jgz-score__vooraf"],
        )
        form += self.questions()
        form += self.outcomes()
        form += self.about()
        form += box(
            heading(0, "Bron"),
            text("p", *self.rich(model["bron"])),
            text("p", *self.rich(model["copyright"]), classes=["jgz-score__copyright"]),
            classes=["jgz-score__bron"],
        )
        return form

    # --- The form ---------------------------------------------------------------------------

    def questions(self) -> score_box:
        model, anchor = self.model, self.anchor
        form = box(
            heading(0, f"Invullen: {model['titel']}", ids=[f"{anchor}-invullen"],
                    classes=["jgz-visueel-verborgen"]),
            tag="form", classes=["jgz-score__formulier"], method="dialog",
            **{"aria-labelledby": f"{anchor}-invullen"},
        )
        for domain in model["domeinen"] or [None]:
            groups = [self.group(group, 2 if domain else 1) for group in model["groepen"]
                      if not domain or group["domein"] == domain["id"]]
            if not domain:
                form += groups
                continue
            section = box(
                heading(1, domain["titel"], ids=[f"{anchor}-{domain['id']}"]),
                tag="section", classes=["jgz-score__domein"],
                **{"aria-labelledby": f"{anchor}-{domain['id']}"},
            )
            if domain["toelichting"]:
                section += self.explanation(domain["toelichting"])
            section += box(*groups, classes=["jgz-score__kolommen"])
            form += section
        form += self.status()
        return form

    def explanation(self, key: str) -> score_text:
        return text("p", *self.rich(key), classes=["jgz-score__toelichting"])

    def source(self, key: str) -> score_text:
        return text("p", words("Bron: "), *self.rich(key), classes=["jgz-score__item-bron"])

    def group(self, group: dict, offset: int) -> score_box:
        """Items to tick in a fieldset with a legend, or questions under a heading."""
        ticks = group["soort"] == "vink"
        if ticks:
            legend = text("legend", words(group["titel"]))
            legend["heading"] = True  # on paper the group's title is a heading, a part's is not
            result = box(legend, tag="fieldset",
                         classes=["jgz-score__groep"], **{"data-groep": group["id"]})
        else:
            result = box(heading(offset, group["titel"]),
                         classes=["jgz-score__groep", "jgz-score__groep--vragen"],
                         **{"data-groep": group["id"]})
        if group["toelichting"]:
            result += self.explanation(group["toelichting"])
        if group["bron"]:
            result += self.source(group["bron"])
        if not ticks:
            result += [self.question(item) for item in group["onderdelen"]]
            return result
        entries = box(tag="ul", classes=["jgz-score__vinken"])
        for element in group["onderdelen"]:
            if "items" not in element:
                entries += text("li", self.tick(element))
                continue
            part = box(text("legend", words(element["deel"])), tag="fieldset", classes=["jgz-score__deel"])
            part += box(*(text("li", self.tick(item)) for item in element["items"]),
                        tag="ul", classes=["jgz-score__vinken"])
            entries += text("li", part)
        result += entries
        return result

    def tick(self, item: dict) -> score_choice:
        choice = score_choice("", classes=["jgz-score__keuze", "jgz-score__keuze--vink"])
        choice += score_input("", attrs={"type": "checkbox", "name": f"{self.anchor}:{item['id']}",
                                         "value": "ja", "data-item": item["id"]})
        choice += text("span", words(item["tekst"]))
        return choice

    def question(self, item: dict) -> score_question:
        question = score_question("", classes=["jgz-score__item"], attrs={"data-item": item["id"]})
        question += text("legend", words(item["tekst"]))
        options = score_options("", classes=["jgz-score__opties"])
        for index, option in enumerate(item["opties"]):
            choice = score_choice("", classes=["jgz-score__keuze"])
            choice += score_input("", attrs={"type": "radio", "name": f"{self.anchor}:{item['id']}",
                                             "value": str(index)})
            choice += text("span", words(option["tekst"]))
            options += choice
        question += options
        if item["bron"]:
            question += self.source(item["bron"])
        question += interactive(text("p", words("Nog niet beantwoord"), classes=["jgz-score__open"],
                                     **{"data-open": "", "hidden": ""}))
        return question

    def status(self) -> list[nodes.Element]:
        """The status line (until the first answer: how to use the table), the overview, the
        answers for print and the buttons; on paper only the line for the total."""
        model = self.model
        lines = []
        if model["banden"]:
            counted = "de punten van de gekozen antwoorden" if model["regel"] == "som" else "het aantal aangevinkte items"
            lines.append(f"Tel {counted} op en zoek het {model['totaal_label'].lower()} op in de tabel "
                         "‘Uitkomst’ hieronder.")
        if model["combinaties"]:
            lines.append("Staan alle items van een combinatie aangevinkt, kijk dan ook in de tabel "
                         f"‘{COMBINATIONS_TITLE}’ hieronder.")
        if not model["banden"]:
            lines.append("Vink aan wat u ziet. Onder ‘Uitkomst’ staat wat de richtlijn erover zegt.")
        result = [
            interactive(box(*(text("p", words(line)) for line in lines), classes=["jgz-score__uitslag"],
                            role="status", **{"data-uitslag": ""})),
            interactive(box(classes=["jgz-score__overzicht"], **{"data-overzicht": "", "hidden": ""})),
            interactive(box(classes=["jgz-score__afdruk"], **{"data-afdruk": ""})),
        ]
        if model["banden"]:
            result.append(text("p", words(f"{model['totaal_label']}: ____________"),
                               classes=["jgz-score__papier"]))
        result.append(interactive(box(
            text("button", words("Wissen"), classes=["jgz-score__knop"], type="reset"),
            text("button", words("Kopieer samenvatting"), classes=["jgz-score__knop"], type="button",
                 **{"data-kopieer": ""}),
            text("span", classes=["jgz-score__kopieer-status"], role="status", **{"data-kopieer-status": ""}),
            classes=["jgz-score__knoppen"], **{"data-knoppen": "", "hidden": ""},
        )))
        return result

    # --- The outcomes -----------------------------------------------------------------------

    def outcomes(self) -> score_box:
        model = self.model
        result = box(heading(0, "Uitkomst"), classes=["jgz-score__uitkomsten"])
        rows = outcome_rows(model)
        if rows:
            low, high = possible_range(model)
            label = model["totaal_label"]
            caption = f"{model['titel']}: uitkomst per {label.lower()} (mogelijk {low} tot en met {high})"
            body = []
            for row in rows:
                meaning = [text("strong", words(row["titel"] + ".")), words(" ")] if row["titel"] else []
                meaning += self.rich(row["tekst"])
                if row["lijst"]:
                    meaning.append(self.bullets(row["lijst"]))
                kind = "band" if row["soort"] == "band" else "gat"
                body.append(self.row(
                    [text("td", words(row["bereik"])), text("td", *meaning),
                     text("td", *self.rich(row["bron"]), classes=["jgz-score__bron-cel"])],
                    classes=["jgz-score__rij", f"jgz-score__rij--{row['soort']}"], **{f"data-{kind}": str(row["index"])},
                ))
            result += self.table(caption, [label, "Uitkomst", "Bron"], body)
            for key in ("onder", "boven"):
                if model["begrenzen"] and model["begrenzen"][key]:
                    result += text("p", *self.rich(model["begrenzen"][key]), classes=["jgz-score__toelichting"],
                                   **{"data-grens": key})
        if model["geen_banden"]:
            result += text("p", *self.rich(model["geen_banden"]))
        if model["combinaties"]:
            body = [
                self.row(
                    [text("td", box(*(text("li", words(name)) for name in combination["namen"]), tag="ul")),
                     text("td", text("strong", words(combination["titel"] + ".")), words(" "),
                          *self.rich(combination["tekst"])),
                     text("td", *self.rich(combination["bron"]), classes=["jgz-score__bron-cel"])],
                    classes=["jgz-score__combinatie"], **{"data-combinatie": str(index)},
                )
                for index, combination in enumerate(model["combinaties"])
            ]
            caption = f"{COMBINATIONS_TITLE}: wat de bron zegt als deze items samen zijn aangevinkt"
            result += self.table(caption, ["Samen aangevinkt", "Uitkomst", "Bron"], body)
        if model["bij_uitslag"]:
            result += self.bullets(model["bij_uitslag"])
        return result

    @staticmethod
    def row(cells: list[score_text], classes=(), **attrs) -> score_table_part:
        return score_table_part("", *cells, tag="tr", classes=list(classes), attrs=attrs)

    @staticmethod
    def table(caption: str, header: list[str], rows: list[score_table_part]) -> score_box:
        head = score_table_part("", tag="tr")
        head += [text("th", words(title), scope="col") for title in header]
        table = score_table("", text("caption", words(caption)), classes=["docutils", "jgz-score__tabel"])
        table += score_table_part("", head, tag="thead")
        table += score_table_part("", *rows, tag="tbody")
        return box(table, classes=["table-wrapper"])

    def bullets(self, keys: list[str]) -> score_box:
        return box(*(text("li", *self.rich(key)) for key in keys), tag="ul")

    # --- What it is for ---------------------------------------------------------------------

    def about(self) -> score_box:
        model, anchor = self.model, self.anchor
        about = box(
            heading(0, "Waarvoor, wanneer en let op", ids=[f"{anchor}-over-kop"]),
            text("p", *self.rich(model["doel"]), classes=["jgz-score__doel"]),
            tag="section", ids=[f"{anchor}-over"], classes=["jgz-score__over"],
            **{"aria-labelledby": f"{anchor}-over-kop"},
        )
        when = [box(heading(1, title), self.bullets(model[key]))
                for title, key in (("Wanneer gebruiken", "gebruiken"), ("Wanneer niet", "niet_gebruiken"))
                if model[key]]
        if when:
            about += box(*when, classes=["jgz-score__wanneer"])
        if model["let_op"]:
            about += box(heading(1, "Let op"), self.bullets(model["let_op"]), classes=["jgz-score__let-op"])
        return about
