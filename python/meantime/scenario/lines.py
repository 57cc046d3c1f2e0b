"""Where things are in a scenario file: key paths to line numbers, and cheap safety checks.

The standard parsers (tomllib, json, PyYAML) give the line of a syntax error but not the line of
a key, so an error about ``business.price_per_session`` could not say where it was written.
These small scanners read the text once more and map every key path, as a tuple such as
``("funding", "grants", 0, "amount")``, to the line it starts on. They only run on text the
parser has already accepted, so they can be forgiving.

The safety checks run before any parser: how deeply brackets nest (the JSON and TOML parsers
recurse, so a file of ten thousand ``[`` would otherwise end in a ``RecursionError``), and, for
YAML, the depth and the size of the document once its aliases are expanded (the "billion laughs":
a few hundred bytes of anchors and aliases that expand to billions of nodes).
"""

from __future__ import annotations

from typing import Any, Iterable

__all__ = ["bracket_depth", "yaml_event_check", "toml_lines", "json_lines", "yaml_lines", "line_of"]

Path = tuple


# -- safety checks ----------------------------------------------------------------------------


def bracket_depth(text: str, comments: bool) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings (and ``#`` comments if ``comments``)."""
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c == "#" and comments:
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return deepest


def _skip_string(text: str, i: int) -> int:
    """The index just past the string starting at ``text[i]`` (TOML's triple quotes too)."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        return len(text) if end < 0 else end + 3
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\\" and quote == '"':
            j += 2
            continue
        if c == quote or c == "\n":  # a quote in YAML plain text ("don't") ends at the line's end
            return j + 1
        j += 1
    return j


def yaml_event_check(text: str, max_depth: int, max_nodes: int) -> str:
    """Walk YAML's event stream (iteratively: no recursion, nothing built) and return a
    problem in words, or ``""``: nesting deeper than ``max_depth``, more than ``max_nodes``
    nodes once aliases are expanded (a "billion laughs" document), or an alias to a node that
    contains it (a cycle)."""
    import yaml  # PyYAML loads slowly: only when a YAML file is read or written

    depth = 0
    sizes: dict[str, int] = {}  # anchor -> expanded size of its node
    open_anchors: set[str] = set()
    stack: list[list[Any]] = [[None, 0]]  # [anchor of the open collection, expanded size so far]
    total = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                return f"the alias *{event.anchor} refers to a node that contains it"
            size = sizes.get(event.anchor, 1)
            stack[-1][1] += size
            total += size
        elif isinstance(event, yaml.ScalarEvent):
            stack[-1][1] += 1
            total += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > max_depth:
                return f"nested more than {max_depth} levels deep"
            if event.anchor:
                open_anchors.add(event.anchor)
            stack.append([event.anchor, 1])
            total += 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
            anchor, size = stack.pop()
            if anchor:
                open_anchors.discard(anchor)
                sizes[anchor] = size
            stack[-1][1] += size
        if total > max_nodes:
            return f"more than {max_nodes:,} values once its aliases (*name) are expanded"
    return ""


# -- key paths to lines -------------------------------------------------------------------------


def _key_parts(key: str) -> list[str]:
    """A key as path parts: "business.price_per_session" is the same as the nested keys."""
    return key.split(".") if isinstance(key, str) else [key]


class _FlowScanner:
    """Scans JSON text, or TOML inline values, recording the line of every key and element."""

    def __init__(self, text: str, lines: dict, separator: str, comments: bool) -> None:
        self.text, self.lines, self.separator, self.comments = text, lines, separator, comments
        self.line = 1

    def skip_space(self, i: int) -> int:
        text = self.text
        while i < len(text):
            c = text[i]
            if c == "\n":
                self.line += 1
            elif c == "#" and self.comments:
                end = text.find("\n", i)
                i = len(text) if end < 0 else end
                continue
            elif c not in " \t\r,":
                break
            i += 1
        return i

    def string(self, i: int) -> tuple[str, int]:
        end = _skip_string(self.text, i)
        raw = self.text[i:end]
        self.line += raw.count("\n")
        quote = raw[:3] if raw[:3] in ('"""', "'''") else raw[:1]
        inner = raw[len(quote) : -len(quote)] if len(raw) >= 2 * len(quote) else raw
        if quote.startswith('"'):
            inner = inner.replace('\\"', '"').replace("\\\\", "\\")
        return inner, end

    def key(self, i: int) -> tuple[list[str], int]:
        """A (possibly dotted, possibly quoted) key up to the separator."""
        parts: list[str] = []
        text = self.text
        while i < len(text):
            i = self.skip_space(i)
            if text[i] in "\"'":
                name, i = self.string(i)
                parts.extend(_key_parts(name))  # "business.price_per_session" reads as a path
            else:
                start = i
                while i < len(text) and (text[i].isalnum() or text[i] in "_-"):
                    i += 1
                parts.append(text[start:i])
                if i == start:
                    i += 1  # not a key character: step over it rather than loop
            while i < len(text) and text[i] in " \t":
                i += 1
            if i < len(text) and text[i] == ".":
                i += 1
                continue
            break
        i = self.skip_space(i)
        if i < len(text) and text[i] == self.separator:
            i += 1
        return parts, i

    def value(self, i: int, path: Path) -> int:
        """Scan one value at ``path`` starting at ``text[i]``; return the index after it."""
        text = self.text
        i = self.skip_space(i)
        if i >= len(text):
            return i
        c = text[i]
        if c == "{":
            i += 1
            while True:
                i = self.skip_space(i)
                if i >= len(text) or text[i] == "}":
                    return i + 1
                line = self.line
                parts, i = self.key(i)
                key = path + tuple(parts)
                self.lines.setdefault(key, line)
                i = self.value(i, key)
        if c == "[":
            i += 1
            index = 0
            while True:
                i = self.skip_space(i)
                if i >= len(text) or text[i] == "]":
                    return i + 1
                self.lines.setdefault(path + (index,), self.line)
                i = self.value(i, path + (index,))
                index += 1
        if c in "\"'":
            return self.string(i)[1]
        while i < len(text) and text[i] not in ",]}\n#":
            i += 1
        return i


def json_lines(text: str) -> dict[Path, int]:
    """Line of every key path in JSON text (already parsed successfully)."""
    lines: dict[Path, int] = {}
    _FlowScanner(text, lines, ":", comments=False).value(0, ())
    return lines


def toml_lines(text: str) -> dict[Path, int]:
    """Line of every key path in TOML text (already parsed successfully): tables, arrays of
    tables, dotted keys, inline tables and arrays."""
    lines: dict[Path, int] = {}
    scanner = _FlowScanner(text, lines, "=", comments=True)
    table: Path = ()
    array_tables: dict[Path, int] = {}
    i = 0
    while True:
        i = scanner.skip_space(i)
        if i >= len(text):
            return lines
        line = scanner.line
        if text[i] == "[":
            double = text.startswith("[[", i)
            parts, j = scanner.key(i + (2 if double else 1))
            # Inside an array of tables, [providers.business] is a table of its last record:
            # ("providers", 2, "business").
            header: Path = ()
            for k, part in enumerate(parts):
                header += (part,)
                if header in array_tables and (k < len(parts) - 1 or not double):
                    header += (array_tables[header] - 1,)
            end = text.find("\n", j)
            i = len(text) if end < 0 else end
            if double:
                index = array_tables.get(header, 0)
                array_tables[header] = index + 1
                lines.setdefault(header, line)
                table = header + (index,)
            else:
                table = header
            lines.setdefault(table, line)
            continue
        parts, i = scanner.key(i)
        key = table + tuple(parts)
        lines.setdefault(key, line)
        i = scanner.value(i, key)


def yaml_lines(node: Any, path: Path = (), lines: dict | None = None) -> dict[Path, int]:
    """Line of every key path in a composed YAML node (``yaml.compose``). The node has passed
    :func:`yaml_event_check`, so it is shallow and acyclic."""
    import yaml  # PyYAML loads slowly: only when a YAML file is read or written

    lines = {} if lines is None else lines
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = path + tuple(_key_parts(key_node.value))
            lines.setdefault(key, key_node.start_mark.line + 1)
            yaml_lines(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.setdefault(path + (index,), item.start_mark.line + 1)
            yaml_lines(item, path + (index,), lines)
    return lines


def field_parts(field: str) -> list[Any]:
    """A field path as written in errors, as key parts: "funding.grants[0].amount" ->
    ["funding", "grants", 0, "amount"]; "[]" (any record of the list) becomes "[]"."""
    parts: list[Any] = []
    for piece in field.split("."):
        name, bracket, rest = piece.partition("[")
        parts.append(name)
        while bracket:
            index, _, rest = rest.partition("]")
            parts.append(int(index) if index.isdigit() else "[]")
            _, bracket, rest = rest.partition("[")
    return parts


def line_of(lines: dict[Path, int], field: str) -> tuple[int | None, str]:
    """The line of ``field`` (or of the nearest enclosing key written in the file), and the
    field with any "[]" (some record of a list) replaced by the index found in the file."""
    parts = field_parts(field)
    while parts:
        matches = sorted((line, key) for key, line in lines.items() if _matches(key, parts))
        if matches:
            line, key = matches[0]
            if len(key) == len(field_parts(field)):
                field = _field_of(key)
            return line, field
        parts = parts[:-1]
    return None, field


def _field_of(key: Path) -> str:
    text = ""
    for part in key:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _matches(key: Iterable[Any], parts: list[Any]) -> bool:
    key = tuple(key)
    return len(key) == len(parts) and all(p == "[]" and isinstance(k, int) or p == k for k, p in zip(key, parts))
