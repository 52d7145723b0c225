"""The fields of the YAML-backed directives, each declared once, and their validation.

Modelled on MyST-Parser's declared config validators: a directive describes its YAML as a
``Group`` of ``Field`` declarations (name, kind, required, allowed values, a Dutch description),
and ``validate`` checks a loaded YAML text against it.  Every kind of mistake has one wording
(``MESSAGES``), always "<what is wrong>; verwacht: <what is expected>.", and every problem keeps
the line of the YAML where it stands.  What is truly cross-field (the graph of a tree, the tool
link of a case, the bands of a form) stays with the directive, which receives the validated
``Entry`` objects.

Kinds of field (``Field.kind``):

``id``       an id by the one id rule (``ID_PATTERN``)
``text``     one non-empty text (a number is read as its text)
``blocks``   a text with MyST markup, or a list of such texts (YAML anchors can reuse blocks)
``words``    one word or a list of words
``choice``   a text out of ``allowed``
``integer``  a whole number (only with a typed YAML load)
``sources``  a list of sources: ``Tekst <label>``, ``Tekst </map/pagina>`` or ``aanbeveling-2-7``
``list``     a list; of groups (``group``) or of values of kind ``item``
``group``    a group of keys (a mapping), declared by ``group``
``custom``   any value, checked by ``check(value, line, what, problems)``, which returns the value
             to keep or None after adding its problems
``any``      any value, kept as it is (the directive checks it)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .yamldata import YamlList, YamlMap, YamlText

# The one id rule for every id in the YAML of trees, cases and forms: lower-case letters and
# digits, with single hyphens between them ("meer-onveilig"; not "lsvg-", "-a" or "a--b").
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_RULE = ("kleine letters, cijfers en streepjes (een streepje alleen tussen letters of cijfers), "
           "bijvoorbeeld 'meer-onveilig'")

SOURCE = re.compile(r"^(?P<text>.+?)\s*<(?P<target>[^<>\s]+)>$")
RECOMMENDATION = re.compile(r"^aanbeveling-(\d+)-(\d+)$")

# One wording per kind of mistake.  Each message is said about "what" (an entry such as
# "vraag 'x'"; nothing for the top of the file), see ``about``.
MESSAGES = {
    "unknown": "onbekende sleutel '{key}'; verwacht: {allowed}.",
    "missing": "de sleutel '{key}' ontbreekt; verwacht: {description}.",
    "shape": "'{key}' moet {shape} zijn; verwacht: {description}.",
    "entry-shape": "moet {shape} zijn; verwacht: {description}.",
    "empty": "'{key}' is leeg; verwacht: {description}.",
    "empty-item": "onderdeel {number} van '{key}' is leeg of geen tekst; verwacht: {description}.",
    "invalid": "{key} '{value}' is ongeldig; verwacht: {rule}.",
    "duplicate": "id '{value}' komt twee keer voor (eerder op regel {line}); verwacht: per {name} een eigen id.",
    "too-few": "heeft {count} {noun} onder '{key}'; verwacht: minstens {minimum}.",
    "too-many": "heeft {count} {noun} onder '{key}'; verwacht: hoogstens {maximum}.",
    "source": "bron '{value}' heeft geen zichtbare tekst; verwacht: 'Tekst <{value}>' (alleen "
              "'aanbeveling-2-7' mag zonder tekst; een pagina als 'Tekst </map/pagina>').",
}

SHAPES = {
    "id": "een id",
    "text": "een tekst",
    "blocks": "een tekst of een lijst met teksten",
    "words": "een woord of een lijst met woorden",
    "choice": "een tekst",
    "integer": "een geheel getal",
    "sources": "een lijst met bronnen (regels die met '- ' beginnen)",
    "list": "een lijst (regels die met '- ' beginnen)",
    "group": "een groep sleutels (sleutel: waarde)",
}


def message(kind: str, **values) -> str:
    """The one wording of a kind of mistake (``MESSAGES``), filled in."""
    return MESSAGES[kind].format(**values)


def about(what: str, text: str) -> str:
    """``"vraag 'x': text"``, or just ``text`` for the top of the file (``what`` empty)."""
    return f"{what}: {text}" if what else text


def is_id(value) -> bool:
    """Whether ``value`` follows the one id rule."""
    return isinstance(value, str) and ID_PATTERN.match(value) is not None


class Problems(list):
    """Every problem found, as (line, message); the line is counted in the YAML text."""

    def add(self, line: int, text: str) -> None:
        self.append((line, text))


@dataclass
class Source:
    text: str
    target: str
    line: int

    @property
    def is_document(self) -> bool:
        return self.target.startswith("/")


def parse_source(text: str, line: int) -> Source | None:
    """``Tabel 2.3 <tabel-2-3>``, ``Titel </map/pagina>`` or a bare ``aanbeveling-2-7``."""
    match = SOURCE.match(text)
    if match:
        target = match["target"]
        return Source(match["text"], target if target.startswith("/") else target.lower(), line)
    bare = RECOMMENDATION.match(text.lower())
    if bare:
        return Source(f"Aanbeveling {bare[1]}.{bare[2]}", text.lower(), line)
    return None


@dataclass(frozen=True)
class Field:
    """One key of a group: its kind, whether it is required, and what it holds (in Dutch, used in
    messages after "verwacht:")."""

    name: str
    kind: str
    description: str
    required: bool = False
    allowed: tuple[str, ...] = ()  # kind "choice"
    group: Group | None = None  # kind "group", or "list" of groups
    item: str = "text"  # kind "list" without a group: the kind of each value
    min_items: int = 0  # kinds "list" and "sources"
    max_items: int | None = None
    unique_ids: bool = False  # a list of groups: each entry's 'id' once in the list
    check: Callable[[Any, int, str, Problems], Any] | None = None  # kind "custom"


@dataclass(frozen=True)
class Group:
    """A group of keys.  ``name`` and ``plural`` name an entry in messages ("vraag 'x'", "2
    vragen"); ``lettered`` entries are named A, B, C (the options of a case)."""

    name: str
    plural: str
    description: str
    fields: tuple[Field, ...]
    lettered: bool = False

    def field(self, name: str) -> Field:
        return next(item for item in self.fields if item.name == name)

    @property
    def keys(self) -> list[str]:
        return sorted(item.name for item in self.fields)


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Entry(dict):
    """A validated group: the values of its valid fields by key (converted: ``blocks`` a list of
    texts, ``sources`` a list of ``Source``, a ``group`` an ``Entry``, a ``list`` of groups a list
    of ``Entry`` or None for an entry that is not a group).  ``valid`` is False when a problem
    was found in it or below it."""

    what: str = ""
    line: int = 0
    key_lines: dict[str, int]
    data: YamlMap
    valid: bool = True
    label: str = ""  # "A" for a lettered entry, else its number

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def validate(data, group: Group, problems: Problems, what: str = "", line: int = 1) -> Entry | None:
    """Check ``data`` (a loaded YAML value) against ``group``; every problem is added to
    ``problems``.  None when ``data`` is not a group of keys at all."""
    before = len(problems)
    if not isinstance(data, YamlMap):
        problems.add(getattr(data, "line", line) or line,
                     about(what, message("entry-shape", shape=SHAPES["group"], description=group.description)))
        return None
    entry = Entry()
    entry.what, entry.line, entry.key_lines, entry.data = what, data.line, data.key_lines, data
    known = {item.name for item in group.fields}
    for key in data:
        if key not in known:
            problems.add(data.key_lines[key], about(what, message("unknown", key=key, allowed=", ".join(group.keys))))
    for item in group.fields:
        if item.name not in data:
            if item.required:
                problems.add(data.line, about(what, message("missing", key=item.name, description=item.description)))
            continue
        value = _value(item, data[item.name], data.key_lines[item.name], what, problems)
        if value is not None:
            entry[item.name] = value
    entry.valid = len(problems) == before
    return entry


def entry_name(group: Group, number: int, entry_id, parent: str) -> str:
    """How messages name an entry of a list: "vraag 'x'", "vraag 3", "optie A van vraag 'x'"."""
    label = LETTERS[number - 1] if group.lettered and number <= len(LETTERS) else str(number)
    name = f"{group.name} '{entry_id}'" if is_id(entry_id) and not group.lettered else f"{group.name} {label}"
    return f"{name} van {parent}" if parent else name


def _value(item: Field, value, line: int, what: str, problems: Problems):
    """The checked (and converted) value of ``item``; None after adding its problem."""
    if item.kind == "any":
        return value
    if item.kind == "custom":
        return item.check(value, line, what, problems)
    if item.kind not in KINDS:
        raise ValueError(f"unknown kind of field: {item.kind}")
    return KINDS[item.kind](item, value, line, what, problems)


def _problem(problems: Problems, line: int, what: str, kind: str, item: Field, **values) -> None:
    """Add the one wording of ``kind`` about the field ``item``."""
    values.setdefault("description", item.description)
    problems.add(line, about(what, message(kind, key=item.name, **values)))


def _wrong_shape(item: Field, line: int, what: str, problems: Problems) -> None:
    _problem(problems, line, what, "shape", item, shape=SHAPES[item.kind])


def _scalar(item: Field, value, line: int, what: str, problems: Problems) -> YamlText | None:
    """Kinds ``text``, ``id`` and ``choice``: a non-empty text (a number counts as its text)."""
    if value is None:
        value = YamlText("")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = YamlText(str(value))
    if not isinstance(value, YamlText):
        _wrong_shape(item, line, what, problems)
        return None
    if not value.line:
        value.line = line
    if not value.strip():
        _problem(problems, line, what, "empty", item)
        return None
    if item.kind == "id" and not ID_PATTERN.match(value):
        _problem(problems, value.line, what, "invalid", item, value=value, rule=ID_RULE)
        return None
    if item.kind == "choice" and value not in item.allowed:
        rule = f"één van {', '.join(item.allowed)}"
        _problem(problems, value.line, what, "invalid", item, value=value, rule=rule)
        return None
    return value


def _integer(item: Field, value, line: int, what: str, problems: Problems) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        _wrong_shape(item, line, what, problems)
        return None
    return value


def _blocks(item: Field, value, line: int, what: str, problems: Problems) -> list[YamlText] | None:
    """A text, or a list of texts; each keeps its line."""
    if value is None or isinstance(value, YamlText):
        return [value] if _scalar(item, value, line, what, problems) is not None else None
    if not isinstance(value, YamlList):
        _wrong_shape(item, line, what, problems)
        return None
    if not value:
        _problem(problems, line, what, "empty", item)
        return None
    for number, (block, block_line) in enumerate(zip(value, value.item_lines), 1):
        if not isinstance(block, YamlText) or not block.strip():
            _problem(problems, block_line, what, "empty-item", item, number=number)
            return None
    return list(value)


def _words(item: Field, value, line: int, what: str, problems: Problems) -> list[str] | None:
    """One word or a list of words, each with its white space folded."""
    words = [value] if isinstance(value, YamlText) else value
    if not isinstance(words, list) or not words or not all(
        isinstance(word, YamlText) and word.strip() for word in words
    ):
        _wrong_shape(item, line, what, problems)
        return None
    return [" ".join(word.split()) for word in words]


def _group(item: Field, value, line: int, what: str, problems: Problems) -> Entry | None:
    entry = validate(value, item.group, problems, about(what, item.name) if what else item.name, line)
    if entry is not None:
        entry.line = line  # the line of the key: "hulpmiddel:"
    return entry


def _list(item: Field, value, line: int, what: str, problems: Problems) -> list | None:
    """Kinds ``list`` and ``sources``: the number of entries, then each entry."""
    if not isinstance(value, YamlList):
        _wrong_shape(item, line, what, problems)
        return None
    if not value and item.min_items:
        _problem(problems, line, what, "empty", item)
        return None
    count = len(value)
    singular, plural = (item.group.name, item.group.plural) if item.group else ("onderdeel", "onderdelen")
    noun = singular if count == 1 else plural
    if count < item.min_items:
        _problem(problems, line, what, "too-few", item, count=count, noun=noun, minimum=item.min_items)
    if item.max_items is not None and count > item.max_items:
        _problem(problems, line, what, "too-many", item, count=count, noun=noun, maximum=item.max_items)
    if item.kind == "sources":
        return _sources(value, what, problems)
    if item.group is None:
        element = Field(item.name, item.item, item.description)
        return [_value(element, element_value, element_line, what, problems)
                for element_value, element_line in zip(value, value.item_lines)]
    return _entries(item, value, what, problems)


def _sources(items: YamlList, what: str, problems: Problems) -> list[Source]:
    sources = []
    for value, line in zip(items, items.item_lines):
        text = value.strip() if isinstance(value, YamlText) else value
        source = parse_source(text, line) if isinstance(text, str) and text else None
        if source is None:
            problems.add(line, about(what, message("source", value=text if isinstance(text, str) else value)))
            continue
        sources.append(source)
    return sources


def _entries(item: Field, items: YamlList, parent: str, problems: Problems) -> list[Entry | None]:
    entries: list[Entry | None] = []
    seen: dict[str, int] = {}
    for number, (value, line) in enumerate(zip(items, items.item_lines), 1):
        entry_id = value.get("id") if isinstance(value, YamlMap) else None
        what = entry_name(item.group, number, entry_id, parent)
        entry = validate(value, item.group, problems, what, line)
        if entry is not None:
            entry.label = LETTERS[number - 1] if item.group.lettered else str(number)
            if item.unique_ids and "id" in entry:
                if entry["id"] in seen:
                    problems.add(entry.line_of("id"), about(parent, message(
                        "duplicate", value=entry["id"], line=seen[entry["id"]], name=item.group.name)))
                    entry.valid = False
                else:
                    seen[entry["id"]] = entry.line_of("id")
        entries.append(entry)
    return entries


KINDS = {
    "text": _scalar, "id": _scalar, "choice": _scalar, "integer": _integer, "blocks": _blocks,
    "words": _words, "group": _group, "list": _list, "sources": _list,
}


def required_keys(group: Group) -> str:
    """"id, titel en vragen": the required keys of ``group``, for a message."""
    names = [item.name for item in group.fields if item.required]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


@dataclass
class Schema:
    """What a directive reads: the top group, the directive's name (also the warning subtype),
    an example file name for messages, and whether numbers are read as numbers."""

    directive: str
    top: Group
    example: str
    typed: bool = False
    empty: str = field(default="")

    def empty_message(self) -> str:
        return self.empty or f"de {self.top.name} is leeg; verwacht: {required_keys(self.top)}."
