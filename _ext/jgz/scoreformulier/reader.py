"""Reading a form's YAML: field readers that collect every mistake with its line (``Checker``).

Texts with references and links are MyST: the directive parses them with MyST into nodes, and
the checks here read the same text with MyST's own inline parser (markdown-it), so a form's text
has no syntax of its own.
"""

import re
from functools import cache

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.util.nodes import split_explicit_title

from ..yamldata import DataError, YamlList, YamlMap, load

RULES = ("som", "aantal")
IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]*$")

def load_yaml(text: str):
    """A form's YAML with line numbers; numbers stay numbers (points, band limits)."""
    return load(text, empty="het formulier is leeg.", typed=True)


# --- Validation ------------------------------------------------------------------------------


class Checker:
    """Collects every mistake with its line, so an editor sees them all in one build."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []
        self.fragments: list[tuple[str, str, int]] = []  # (key, MyST text, line) of each rich text

    def error(self, line: int, message: str) -> None:
        self.errors.append(DataError(line, message))

    def mapping(self, value, line: int, what: str) -> YamlMap | None:
        if isinstance(value, YamlMap):
            return value
        self.error(line, f"{what} moet een blok met sleutels zijn (sleutel: waarde).")
        return None

    def sequence(self, mapping: YamlMap, key: str, what: str, required=False) -> YamlList:
        if key not in mapping:
            if required:
                self.error(mapping.line, f"{what}: '{key}' ontbreekt.")
            return YamlList()
        value = mapping[key]
        if not isinstance(value, YamlList) or (required and not value):
            self.error(
                mapping.key_lines[key],
                f"{what}: '{key}' moet een lijst zijn met minstens één onderdeel "
                "(regels die met '- ' beginnen).",
            )
            return YamlList()
        return value

    def keys(self, mapping: YamlMap, allowed, required, what: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.error(
                    mapping.key_lines[key],
                    f"{what}: onbekende sleutel '{key}'. Toegestaan: {', '.join(allowed)}.",
                )
        for key in required:
            if key not in mapping:
                self.error(mapping.line, f"{what}: '{key}' ontbreekt.")

    def plain(self, mapping: YamlMap, key: str, what: str, default=None) -> str | None:
        """A name or label: one line of plain text, without references."""
        if key not in mapping:
            return default
        value, line = mapping[key], mapping.key_lines[key]
        if not _is_text(value):
            self.error(line, f"{what}: '{key}' moet een tekst zijn en mag niet leeg zijn.")
            return default
        text = " ".join(str(value).split())
        if "{ref}" in text or has_markup(text):
            self.error(line, f"{what}: '{key}' is een naam; daarin kan geen verwijzing of link staan.")
        return text

    def integer(self, mapping: YamlMap, key: str, what: str) -> int | None:
        if key not in mapping:
            return None
        value = mapping[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                mapping.key_lines[key], f"{what}: '{key}' moet een geheel getal zijn (nu: {value!r})."
            )
            return None
        return value

    def identifier(self, mapping: YamlMap, what: str, seen: dict, default: str = "") -> str:
        if "id" not in mapping:
            return default
        value, line = mapping["id"], mapping.key_lines["id"]
        if not isinstance(value, str) or not IDENTIFIER.match(value):
            self.error(
                line, f"{what}: id '{value}' mag alleen kleine letters, cijfers en streepjes bevatten."
            )
            return default
        if value in seen:
            self.error(
                line, f"{what}: id '{value}' komt twee keer voor (eerder op regel {seen[value]})."
            )
        seen[value] = line
        return value

    def rich(self, value, line: int, what: str) -> str | None:
        """Register a text with references and links; returns the key of its fragment."""
        if not _is_text(value):
            self.error(line, f"{what} moet een tekst zijn en mag niet leeg zijn.")
            return None
        text = " ".join(str(value).split())
        if problem := markup_problem(text):
            self.error(line, f"{what}: {problem}")
            return None
        key = f"t{len(self.fragments)}"
        self.fragments.append((key, text, line))
        return key

    def rich_key(self, mapping: YamlMap, key: str, what: str) -> str | None:
        if key not in mapping:
            return None
        return self.rich(mapping[key], mapping.key_lines[key], f"{what}: '{key}'")

    def rich_list(self, mapping: YamlMap, key: str, what: str) -> list[str]:
        entries = self.sequence(mapping, key, what)
        keys = [
            self.rich(value, entries.item_lines[index], f"{what}: '{key}', punt {index + 1}")
            for index, value in enumerate(entries)
        ]
        return [fragment for fragment in keys if fragment]


def _is_text(value) -> bool:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return False
    return bool(str(value).strip())


REF_FORM = "{ref}`Zichtbare woorden <label>`"


@cache
def _inline_parser():
    return create_md_parser(MdParserConfig(), RendererHTML)


def _tokens(text: str):
    """The inline tokens of ``text`` as MyST reads it."""
    return _inline_parser().parseInline(text)[0].children or []


def has_markup(text: str) -> bool:
    """Whether ``text`` holds a role or a link."""
    return any(token.type in ("myst_role", "link_open") for token in _tokens(text))


def markup_problem(text: str) -> str | None:
    """What is wrong with the references in ``text``: only ``{ref}`` with visible words."""
    for token in _tokens(text):
        if token.type == "myst_role":
            role = "{%s}`%s`" % (token.meta["name"], token.content)
            if token.meta["name"] != "ref":
                return f"'{role}' wordt niet ondersteund; verwijs met {REF_FORM} of een link als <https://...>."
            if not split_explicit_title(token.content)[0]:
                return f"'{role}': een verwijzing moet de vorm {REF_FORM} hebben."
        elif token.type == "text" and "{ref}" in token.content:
            return f"een verwijzing moet de vorm {REF_FORM} hebben."
    return None


def plain_text(text: str) -> str:
    """The words of a text as a reader sees them (for the scripts); a link with its own words
    keeps its address."""
    words, link = [], None
    for token in _tokens(text):
        if token.type == "myst_role":
            words.append(split_explicit_title(token.content)[1])
        elif token.type == "link_open":
            link = (token, len(words))
        elif token.type == "link_close" and link:
            opening, first = link
            shown, address = "".join(words[first:]), opening.attrGet("href")
            if opening.markup != "autolink" and shown != address:
                words.append(f" ({address})")
            link = None
        elif token.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif token.type in ("text", "code_inline"):
            words.append(token.content)
    return "".join(words)
