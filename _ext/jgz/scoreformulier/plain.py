"""Text, LaTeX and other builders: the paper form as ordinary docutils nodes."""

from docutils import nodes

from ..rendering import PlainOutputTransform
from .checks import outcome_rows
from .nodes import COMBINATIONS_TITLE, scoreformulier


class PlainForms(PlainOutputTransform):
    """For builders other than HTML: the paper form as ordinary paragraphs, lists and a table."""

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(scoreformulier)):
            node.replace_self(PaperForm(node).build())


class PaperForm:
    """A form as docutils nodes: ``[ ]`` for every answer, and the interpretation table."""

    def __init__(self, node: scoreformulier) -> None:
        self.node = node
        self.model = node["form"]
        self.fragments = {child["jgz_fragment"]: child for child in node.children}
        self.number = 0

    def rich(self, key) -> list[nodes.Node]:
        return [child.deepcopy() for child in self.fragments[key].children] if key else []

    @staticmethod
    def para(*content, strong: str | None = None) -> nodes.paragraph:
        paragraph = nodes.paragraph()
        if strong:
            paragraph += nodes.strong(strong, strong)
            if content:
                paragraph += nodes.Text(" ")
        paragraph.extend(content)
        return paragraph

    def bullets(self, keys) -> nodes.bullet_list:
        return self.bullet_list(self.para(*self.rich(key)) for key in keys)

    @staticmethod
    def bullet_list(paragraphs) -> nodes.bullet_list:
        return nodes.bullet_list("", *(nodes.list_item("", p) for p in paragraphs), bullet="-")

    def build(self) -> nodes.container:
        model, para = self.model, self.para
        out = nodes.container("", classes=["jgz-score"])
        out += nodes.target("", "", ids=self.node["ids"])  # the label formulier-<id>, also in LaTeX
        out += para(strong=model["titel"])
        out += para(*self.rich(model["doel"]))
        for title, key in (("Wanneer gebruiken:", "gebruiken"), ("Wanneer niet:", "niet_gebruiken"),
                           ("Let op:", "let_op")):
            if model[key]:
                out += [para(strong=title), self.bullets(model[key])]
        out += para(strong="Invullen")
        for domain in model["domeinen"] or [None]:
            if domain:
                out += para(strong=domain["titel"])
                out += [para(*self.rich(domain["toelichting"]))] if domain["toelichting"] else []
            for group in model["groepen"]:
                if not domain or group["domein"] == domain["id"]:
                    out += self.group(group)
        out += self.outcome()
        out += para(*self.rich(model["bron"]), strong="Bron:")
        out += para(*self.rich(model["copyright"]))
        return out

    def group(self, group: dict) -> list[nodes.Node]:
        result = [self.para(strong=group["titel"])]
        result += [self.para(*self.rich(key)) for key in (group["toelichting"], group["bron"]) if key]
        entries = nodes.bullet_list(bullet="-")
        for element in group["onderdelen"]:
            if "items" in element:
                ticks = self.bullet_list(
                    self.para(nodes.Text(f"[ ] {item['tekst']}")) for item in element["items"]
                )
                entries += nodes.list_item("", self.para(nodes.Text(element["deel"])), ticks)
            elif element["opties"]:
                self.number += 1
                answers = "   ".join(f"[ ] {option['tekst']}" for option in element["opties"])
                question = self.para(nodes.Text(f"{self.number}. {element['tekst']}"))
                entries += nodes.list_item("", question, self.para(nodes.Text(answers)))
            else:
                entries += nodes.list_item("", self.para(nodes.Text(f"[ ] {element['tekst']}")))
        return result + [entries]

    def outcome(self) -> list[nodes.Node]:
        model, para = self.model, self.para
        result = []
        rows = outcome_rows(model)
        if rows:
            result += [para(nodes.Text(f"{model['totaal_label']}: ______")), para(strong="Uitkomst")]
            table_rows = []
            for row in rows:
                meaning = [para(strong=row["titel"])] if row["titel"] else []
                meaning.append(para(*self.rich(row["tekst"])))
                meaning += [self.bullets(row["lijst"])] if row["lijst"] else []
                source = [para(*self.rich(row["bron"]))]
                table_rows.append([[para(nodes.Text(row["bereik"]))], meaning, source])
            result.append(_table([model["totaal_label"], "Uitkomst", "Bron"], table_rows))
            clamp = model["begrenzen"] or {}
            result += [para(*self.rich(clamp[key])) for key in ("onder", "boven") if clamp.get(key)]
        if model["geen_banden"]:
            result += [para(strong="Uitkomst"), para(*self.rich(model["geen_banden"]))]
        if model["combinaties"]:
            table_rows = [
                [[self.bullet_list(para(nodes.Text(name)) for name in combination["namen"])],
                 [para(strong=combination["titel"] + "."), para(*self.rich(combination["tekst"]))],
                 [para(*self.rich(combination["bron"]))]]
                for combination in model["combinaties"]
            ]
            result += [para(strong=COMBINATIONS_TITLE),
                       _table(["Samen aangevinkt", "Uitkomst", "Bron"], table_rows)]
        if model["bij_uitslag"]:
            result.append(self.bullets(model["bij_uitslag"]))
        return result


def _table(header: list[str], rows: list[list[list[nodes.Node]]]) -> nodes.table:
    table = nodes.table(classes=["jgz-score__tabel"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in (15, 60, 25)[: len(header)]:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=title)) for title in header))
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *(nodes.entry("", *cell) for cell in cells))
    group += body
    return table

