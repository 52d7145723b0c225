"""YAML data beside a page, loaded with line numbers so that every problem can name its line.

Trees, cases and forms keep their content in YAML.  Mappings, sequences and scalars remember the line
where they stand (1-based), and a key that appears twice is an error instead of a silent
overwrite.
"""

import yaml


class DataError(Exception):
    """A problem in a YAML text at ``line`` (1-based, counted in that text)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class YamlMap(dict):
    """A YAML mapping that remembers its line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class YamlList(list):
    """A YAML sequence that remembers its line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class YamlText(str):
    """A YAML scalar kept as text, with its line."""

    line: int = 0


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def load(text: str, *, empty: str, typed: bool = False):
    """Compose ``text`` into YamlMap / YamlList / scalars.

    With ``typed`` scalars become Python values (numbers, booleans); text is always a YamlText.
    ``empty`` is the message for a text without data.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "onbekende fout"
        raise DataError(
            mark.line + 1 if mark else 1,
            f"de YAML is niet geldig ({problem}); controleer inspringing, dubbele punten en "
            "aanhalingstekens op deze regel of de regel erboven.",
        ) from None
    if root is None:
        raise DataError(1, empty)
    constructor = yaml.constructor.SafeConstructor() if typed else None
    return _convert(root, constructor)


def _convert(node: yaml.Node, constructor):
    if isinstance(node, yaml.MappingNode):
        result = YamlMap()
        result.line, result.key_lines = _line(node), {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise DataError(_line(key_node), "een sleutel moet een woord zijn, geen lijst of groep.")
            key = key_node.value
            if key in result:
                raise DataError(
                    _line(key_node),
                    f"de sleutel '{key}' staat twee keer in dezelfde groep (eerder op regel "
                    f"{result.key_lines[key]}); verwacht: elke sleutel één keer.",
                )
            result[key] = _convert(value_node, constructor)
            result.key_lines[key] = _line(key_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = YamlList(_convert(item, constructor) for item in node.value)
        result.line, result.item_lines = _line(node), [_line(item) for item in node.value]
        return result
    value = constructor.construct_object(node) if constructor else node.value
    if node.tag == "tag:yaml.org,2002:null":
        value = None if constructor else ""
    if isinstance(value, str):
        value = YamlText(value)
        value.line = _line(node)
    return value
