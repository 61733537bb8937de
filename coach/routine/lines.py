"""Where things are in a routine file's text: the line of a problem, the place for a new step.

The loader checks the parsed TOML, so its problems name a step ("step 4 › step 2") and a key,
not a line; only syntax errors carry one. An editor needs the line, to show it and jump to
it. :func:`scan` reads the text once, line by line, for what matters here (table headers,
keys and where each table ends) without parsing values, so it works on a file that is not
valid TOML as well as on one that is, and costs a few milliseconds at the 500-step limit.
"""

from __future__ import annotations

import re
from typing import Final

from coach.routine.problems import Problem

_BARE: Final = r"[A-Za-z0-9_-]+"
_QUOTED: Final = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_PART: Final = rf"\s*(?:{_BARE}|{_QUOTED})\s*"
_HEADER: Final = re.compile(rf"^\s*(\[\[?)((?:{_PART}\.)*{_PART})(\]\]?)")
_KEY: Final = re.compile(rf"^\s*((?:{_PART}\.)*{_PART})=")
_PARTS: Final = re.compile(rf"{_BARE}|{_QUOTED}")
_SEGMENT: Final = re.compile(r'step (\d+)(?: "(.*?)")?(?= › step \d|$)')


class Table:
    """One table of the file: the top level (line 0), ``[defaults]`` or a ``[[steps]]``."""

    __slots__ = ("array", "end", "keys", "line", "path")

    def __init__(self, line: int, path: tuple[str, ...], array: bool) -> None:
        self.line = line
        """Its header's line, from 1; 0 for the top level, which has none."""
        self.path = path
        """The dotted header, e.g. ``("steps", "steps")``."""
        self.array = array
        self.end = line
        """Its last line before the next header."""
        self.keys: dict[str, int] = {}
        """First part of each key written in it, and the line it is on (the first)."""

    @property
    def depth(self) -> int:
        """1 for ``[[steps]]``, 2 for ``[[steps.steps]]``…; 0 for any other table."""
        if self.array and self.path and all(part == "steps" for part in self.path):
            return len(self.path)
        return 0


def _parts(text: str) -> tuple[str, ...]:
    return tuple(part[1:-1] if part[:1] in "\"'" else part for part in _PARTS.findall(text))


def scan(text: str) -> list[Table]:
    """The file's tables in order, the top level first; multi-line strings are skipped."""
    tables = [Table(0, (), False)]
    closing = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if closing:
            if _closes(line, closing):
                closing = ""
            tables[-1].end = number
            continue
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            tables[-1].end = number
            continue
        header = _HEADER.match(line) if stripped.startswith("[") else None
        if header is not None and len(header.group(1)) == len(header.group(3)):
            tables.append(Table(number, _parts(header.group(2)), len(header.group(1)) == 2))
            continue
        tables[-1].end = number
        key = _KEY.match(line)
        if key is None:
            continue
        parts = _parts(key.group(1))
        if parts:
            tables[-1].keys.setdefault(parts[0], number)
            if len(parts) > 1:
                tables[-1].keys.setdefault(".".join(parts[:2]), number)
        closing = _opens_multiline(line[key.end():])
    return tables


def _opens_multiline(value: str) -> str:
    """The delimiter of a multi-line string that starts in ``value`` and doesn't end there."""
    value = value.lstrip()
    for quote in ('"""', "'''"):
        if value.startswith(quote):
            return "" if _closes(value[3:], quote) else quote
    return ""


def _closes(text: str, quote: str) -> bool:
    if quote == "'''":
        return quote in text
    return re.search(r'(?<!\\)(?:\\\\)*"""', text) is not None


def step_numbers(step: str) -> list[int]:
    """``step 4 "Strides" › step 2 "Walk back"`` → ``[4, 2]``; a name may hold anything."""
    return [int(match.group(1)) for match in _SEGMENT.finditer(step)]


def _children(tables: list[Table], start: int, depth: int) -> list[int]:
    """Indexes of the tables of ``depth`` inside the one at ``start`` (or at the top)."""
    found = []
    for index in range(start + 1, len(tables)):
        table_depth = tables[index].depth
        if 0 < table_depth < depth:
            break
        if table_depth == depth:
            found.append(index)
    return found


def step_table(tables: list[Table], numbers: list[int]) -> Table | None:
    """The table of a step named by its numbers (``[4, 2]``), or None if it has none."""
    index = 0
    for depth, number in enumerate(numbers, start=1):
        children = _children(tables, index, depth)
        if not 0 < number <= len(children):
            return None
        index = children[number - 1]
    return tables[index] if numbers else None


def problem_line(tables: list[Table], problem: Problem) -> int | None:
    """The line a problem is on (from 1), or None when the file as a whole is meant."""
    if problem.line is not None:
        return problem.line
    field = problem.field
    if problem.step:
        table = step_table(tables, step_numbers(problem.step))
        if table is None:
            return _key_line(tables[0], "steps")
        return _key_line(table, field) or table.line
    if field.startswith("defaults."):
        key = field.removeprefix("defaults.")
        for table in tables:
            if table.path == ("defaults",):
                return _key_line(table, key) or table.line
        return _key_line(tables[0], field) or _key_line(tables[0], "defaults")
    if field == "steps":
        first = next((table for table in tables if table.depth == 1), None)
        return first.line if first is not None else _key_line(tables[0], "steps")
    if field:
        line = _key_line(tables[0], field)
        if line is not None:
            return line
        return next((table.line for table in tables[1:] if table.path[:1] == (field,)), None)
    return None


def _key_line(table: Table, key: str) -> int | None:
    return table.keys.get(key) if key else None


def insertion_point(text: str, row: int) -> tuple[int, int]:
    """Where a new step goes for a cursor on ``row`` (from 0): the row to insert before and
    the depth of the new step (1 for ``[[steps]]``).

    On a step's header line, the new step goes just before it. Anywhere else, it goes after
    the step the cursor is in, with all that step's own steps, at the same depth; from the
    top of the file or ``[defaults]``, before the first step that follows. Comments written
    just above the header it lands before stay with that header.
    """
    tables = scan(text)
    lines = text.splitlines()
    line = row + 1
    current = 0
    for index, table in enumerate(tables):
        if table.line and table.line <= line:
            current = index
    table = tables[current]
    if table.line == line and table.depth:
        return _above_comments(lines, table.line - 1), table.depth
    depth = table.depth or 1
    for later in tables[current + 1:]:
        if 0 < later.depth <= depth or (later.depth == 0 and table.depth):
            return _above_comments(lines, later.line - 1), depth
    return len(lines), depth


def _above_comments(lines: list[str], row: int) -> int:
    """``row`` moved up over the comment lines right above it, then over blank lines."""
    while row > 0 and lines[row - 1].lstrip().startswith("#"):
        row -= 1
    while row > 0 and not lines[row - 1].strip():
        row -= 1
    return row
