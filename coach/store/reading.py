"""An import file's bytes as a JSON document, or one line saying what the file is instead.

People give ``coach import`` all sorts: the CSV export, coach.db itself, a zipped export, a
file a Windows editor saved as UTF-16. Each is named for what it is. JSON that is not
plain data is refused while it is parsed: nesting deeper than Python's stack (``[[[[…``),
integers thousands of digits long, a key given twice in one object.
"""

from __future__ import annotations

import json
from typing import Any, Final

from coach.store.values import Duplicated, HugeNumber, Invalid, key_place


class NotAnExport(Invalid):
    """The file as a whole is not an export (not JSON, not UTF-8...); the message reads
    after the file's name: "history.csv looks like a CSV export"."""


MAX_INT_CHARACTERS: Final = 20
"""A 64-bit integer with its sign; no number coach writes is longer."""
_EXPECTED: Final = "import takes the JSON file made by `coach export`"
_MAGIC: Final = (
    (b"SQLite format 3\x00", f"is an SQLite database (coach.db itself?); {_EXPECTED}"),
    (b"\x1f\x8b", "is gzip-compressed; unpack it (gunzip) and import the JSON inside"),
    (b"PK\x03\x04", "is a zip archive; unpack it and import the JSON inside"),
    (b"\xff\xfe\x00\x00", "is UTF-32 text; save it as UTF-8 and import it again"),
    (b"\x00\x00\xfe\xff", "is UTF-32 text; save it as UTF-8 and import it again"),
    (b"\xff\xfe", "is UTF-16 text; save it as UTF-8 and import it again"),
    (b"\xfe\xff", "is UTF-16 text; save it as UTF-8 and import it again"),
)
"""Starts of files people mistake for an export, and what to say about each."""


def decode(data: bytes) -> str:
    """The file as text; a UTF-8 byte-order mark (Windows editors add one) is dropped."""
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise NotAnExport(message)
    if b"\x00" in data[:4096]:
        raise NotAnExport("holds NUL bytes, so it is not UTF-8 text (UTF-16 without a "
                      f"byte-order mark, or a binary file); {_EXPECTED}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotAnExport(f"is not UTF-8 text (byte {error.start:,}); {_EXPECTED}, or save "
                      "this one as UTF-8") from None
    return text[1:] if text.startswith("\ufeff") else text


def parse(text: str) -> Any:
    """The JSON document in ``text``; every problem is one :class:`Invalid` line."""
    if not text.strip():
        raise NotAnExport(f"is empty; {_EXPECTED}")
    duplicates = False

    def pairs(found: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicates
        data = dict(found)
        if len(data) == len(found):
            return data
        duplicates = True
        marked = Duplicated(data)
        seen: set[str] = set()
        for key, _ in found:
            if key in seen:
                marked.duplicate = key
                break
            seen.add(key)
        return marked

    try:
        document = json.loads(text, object_pairs_hook=pairs, parse_int=_whole_number)
    except json.JSONDecodeError as error:
        raise NotAnExport(_not_json(text, error)) from None
    except RecursionError:
        raise NotAnExport("nests lists or objects too deeply to be a coach export (an export "
                      f"nests 6 levels); {_EXPECTED}") from None
    if duplicates:
        _find_duplicate(document)
    return document


def _whole_number(digits: str) -> int | HugeNumber:
    if len(digits) > MAX_INT_CHARACTERS:
        return HugeNumber(len(digits.lstrip("-")))
    return int(digits)


def _not_json(text: str, error: json.JSONDecodeError) -> str:
    start = text.lstrip()
    first = start.split("\n", 1)[0]
    if start.startswith("date,time,routine"):
        return f"looks like a CSV export (`coach export --format csv`); {_EXPECTED}"
    if not start.startswith(("{", "[")) and first.count(",") >= 2:
        return f"looks like CSV text; {_EXPECTED}"
    if start.startswith(("name =", "name=", "[[steps]]", "kind =")):
        return ("looks like a routine file (TOML); put routines in the routines folder "
                f"(see `coach routines list`); {_EXPECTED}")
    if start.startswith(("<?xml", "<")):
        return f"looks like XML or HTML; {_EXPECTED}"
    return (f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            f"{_EXPECTED}")


def _find_duplicate(document: Any) -> None:
    """Raise naming the first object (in file order) in which a key appears twice."""
    stack: list[tuple[Any, str]] = [(document, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, Duplicated):
            place = key_place(where, value.duplicate)
            raise Invalid(f"{place}: given twice in one object; coach writes each key once")
        if isinstance(value, dict):
            stack.extend((item, key_place(where, key)) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{number}]")
                         for number, item in reversed(list(enumerate(value))))
