"""Reading a form's YAML: loading it, the checks of names and texts for the schema (``model``),
and what reading one form collects (``Checker``).

Texts with references and links are MyST: the directive parses them with MyST into nodes, and
the checks here read the same text with MyST's own inline parser (markdown-it), so a form's text
has no syntax of its own.
"""

from functools import cache

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.util.nodes import split_explicit_title

from ..schema import ID_PATTERN, SHAPES, Problems, about, message
from ..yamldata import DataError, YamlList, YamlText, load

RULES = ("som", "aantal")
IDENTIFIER = ID_PATTERN  # the one id rule of the site's YAML (schema.py)


def load_yaml(text: str):
    """A form's YAML with line numbers; numbers stay numbers (points, band limits)."""
    return load(text, empty="het formulier is leeg.", typed=True)


# --- Collecting mistakes and texts ----------------------------------------------------------


class Checker:
    """What reading one form collects: every mistake with its line (so an editor sees them all in
    one build) and each text with references, by a key the model refers to."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []
        self.fragments: list[tuple[str, str, int]] = []  # (key, MyST text, line) of each rich text

    def rich(self, value) -> str | None:
        """Register a text with references and links (checked by ``rich_field``); its key."""
        if value is None:
            return None
        key = f"t{len(self.fragments)}"
        self.fragments.append((key, " ".join(str(value).split()), value.line))
        return key

    def rich_list(self, values) -> list[str]:
        return [self.rich(value) for value in values or []]


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


# --- Field checks for the schema (``model``) ----------------------------------------------------


def _text(value, line: int, key: str, description: str, what: str, problems: Problems) -> YamlText | None:
    """One non-empty text (a number is read as its text), as the schema's kind ``text``."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = YamlText(str(value))
        value.line = line
    if not isinstance(value, YamlText):
        problems.add(line, about(what, message("shape", key=key, shape=SHAPES["text"], description=description)))
        return None
    if not value.strip():
        problems.add(line, about(what, message("empty", key=key, description=description)))
        return None
    return value


def name_field(key: str, description: str):
    """A name: one line of plain text, without references or links."""

    def check(value, line: int, what: str, problems: Problems):
        value = _text(value, line, key, description, what, problems)
        if value is not None and ("{ref}" in value or has_markup(str(value))):
            problems.add(line, about(what, f"'{key}' is een naam; daarin kan geen verwijzing of link staan; "
                                           "verwacht: gewone tekst."))
            return None
        return value

    return check


def rich_field(key: str, description: str, many: bool = False):
    """A text with references and links (MyST), or with ``many`` a list of such texts."""

    def one(value, line: int, what: str, problems: Problems):
        value = _text(value, line, key, description, what, problems)
        if value is not None and (problem := markup_problem(" ".join(value.split()))):
            problems.add(line, about(what, f"'{key}': {problem}"))
            return None
        return value

    def check(value, line: int, what: str, problems: Problems):
        if not many:
            return one(value, line, what, problems)
        if not isinstance(value, YamlList):
            problems.add(line, about(what, message("shape", key=key, shape=SHAPES["list"], description=description)))
            return None
        texts = [one(item, item_line, what, problems) for item, item_line in zip(value, value.item_lines)]
        return [text for text in texts if text is not None]

    return check
