"""Reading a form's YAML: field readers that collect every mistake with its line (``Checker``)."""

import re

from ..yamldata import DataError, YamlList, YamlMap, load

RULES = ("som", "aantal")
IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Rich text: plain text with {ref}`Zichtbare woorden <label>`, <https://...> and
# [zichtbare woorden](https://...) links.
RICH_TOKEN = re.compile(
    r"\{ref\}`(?P<title>[^`<]+?)\s*<(?P<label>[^`<>]+)>`"
    r"|<(?P<url>https?://[^\s<>]+)>"
    r"|\[(?P<link_text>[^\]]+)\]\((?P<link_url>https?://[^\s()]+)\)"
    r"|(?P<role>\{[a-z:-]+\}`[^`]*`)"
)


def load_yaml(text: str):
    """A form's YAML with line numbers; numbers stay numbers (points, band limits)."""
    return load(text, empty="het formulier is leeg.", typed=True)


# --- Validation ------------------------------------------------------------------------------


class Checker:
    """Collects every mistake with its line, so an editor sees them all in one build."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []
        self.fragments: list[tuple[str, list, int]] = []  # (key, parts, line) of each rich text

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
        if "{ref}" in text or RICH_TOKEN.search(text):
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
        try:
            parts = parse_rich(" ".join(str(value).split()))
        except ValueError as error:
            self.error(line, f"{what}: {error}")
            return None
        key = f"t{len(self.fragments)}"
        self.fragments.append((key, parts, line))
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


def parse_rich(text: str) -> list[tuple]:
    """Split text into ("text", s), ("ref", title, label) and ("url", address, words) parts."""
    parts: list[tuple] = []
    position = 0
    for match in RICH_TOKEN.finditer(text):
        if match["role"]:
            if match["role"].startswith("{ref}"):
                raise ValueError(f"'{match['role']}': een verwijzing moet de vorm {REF_FORM} hebben.")
            raise ValueError(
                f"'{match['role']}' wordt niet ondersteund; verwijs met {REF_FORM} of een link als "
                "<https://...>."
            )
        if match.start() > position:
            parts.append(("text", text[position : match.start()]))
        if match["url"]:
            parts.append(("url", match["url"], match["url"]))
        elif match["link_url"]:
            parts.append(("url", match["link_url"], match["link_text"].strip()))
        else:
            parts.append(("ref", match["title"].strip(), match["label"].strip()))
        position = match.end()
    rest = text[position:]
    if "{ref}" in rest:
        raise ValueError(f"een verwijzing moet de vorm {REF_FORM} hebben.")
    if rest:
        parts.append(("text", rest))
    return parts


def plain_text(parts: list[tuple]) -> str:
    """The words of a text as a reader sees them; a link with its own words keeps its address."""
    words = []
    for part in parts:
        if part[0] == "url" and part[2] != part[1]:
            words.append(f"{part[2]} ({part[1]})")
        else:
            words.append(part[1])
    return "".join(words)

