"""What a routine file's problems look like, and the hints that make them fixable.

Most people who write a routine have never seen TOML, so a problem is only useful if it
says where it is, what is wrong and what right looks like. This module holds that wording,
shared by every check: the :class:`Problem` and :class:`RoutineError` the loader raises,
the example for each key, and the "did you mean" guesses for a misspelt key or value.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from coach.frozen import Record
from coach.text import REPLACEMENT, is_blank, is_unsafe, one_line

SHOWN_LENGTH = 40
"""Characters of a user's value a problem repeats; a longer one is cut with "…"."""

_ALIASES: dict[str, str | tuple[str, ...]] = {
    "duration": "time",
    "length": "time",
    "seconds": "time",
    "secs": "time",
    "minutes": "time",
    "hold": "time",
    "description": ("cue", "summary"),
    "desc": ("cue", "summary"),
    "about": "summary",
    "text": "cue",
    "note": "cue",
    "notes": "cue",
    "instructions": "cue",
    "hint": "cue",
    "title": "name",
    "label": "name",
    "type": "kind",
    "side": "sides",
    "both_sides": "sides",
    "each_side": "sides",
    "per_side": "sides",
    "repeats": "repeat",
    "rounds": "repeat",
    "times": "repeat",
    "reps": "repeat",
    "beeps": "countdown",
    "sound_file": "sound",
    "cue_sound": "sound",
    "step": "steps",
    "exercises": "steps",
    "default": "defaults",
    "settings": "defaults",
    "switch_time": "switch",
}
"""Words people reach for instead of the real key; where one has two meanings, the first
that fits the table wins."""

EXAMPLES = {
    "name": 'name = "Calf stretch"',
    "kind": 'kind = "stretch"',
    "time": 'time = "30s"',
    "cue": 'cue = "Back heel down, lean into the wall."',
    "sides": "sides = true",
    "sound": 'sound = "halfway"',
    "countdown": "countdown = 3",
    "repeat": "repeat = 4",
    "steps": '[[steps]] then name = "Brisk walk" and time = "2m" on the lines below it',
    "summary": 'summary = "Wakes up joints and muscles before an easy run."',
    "switch": 'switch = "5s"',
    "defaults": "[defaults] then countdown = 3 on the line below it",
}
"""What right looks like for each key, shown after the problem it fixes."""


class Problem(Record):
    """One mistake in a routine file, phrased so the user can fix it without help."""

    path: Path
    message: str
    """What is wrong."""
    step: str = ""
    """Which step, e.g. ``step 4 "Strides" › step 2 "Walk back"``; empty for the file itself."""
    field: str = ""
    """The key, e.g. ``time`` or ``defaults.switch``."""
    example: str = ""
    """What right looks like, e.g. ``time = "30s"``."""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return self.text()

    def text(self, label: str = "") -> str:
        """One clean line, naming the file by ``label`` (e.g. ``built-in warm-up``) or else
        by its path: file names, keys and echoed values may hold control characters."""
        parts = [visible(label or self.path)]
        if self.line is not None:
            parts.append(
                f"line {self.line}, column {self.column}"
                if self.column is not None
                else f"line {self.line}"
            )
        if self.step:
            parts.append(self.step)
        if self.field:
            parts.append(shown(self.field))
        text = ": ".join(parts) + ": " + self.message
        if self.example:
            text += f"{'' if text.endswith('?') else ','} e.g. {self.example}"
        return one_line(text)


class RoutineError(Exception):
    """A routine file that cannot be used, with every problem found in it."""

    def __init__(self, path: Path, problems: Sequence[Problem], label: str = "") -> None:
        super().__init__(path, list(problems))
        self.path = path
        self.problems = list(problems)
        self.label = label
        """How the file is named, e.g. ``built-in warm-up``; empty names it by its path."""

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def lines(self) -> list[str]:
        """One line per problem, each naming the file."""
        return [problem.text(self.label) for problem in self.problems]


def visible(value: object) -> str:
    """A file name or value as one clean line, each unsafe character shown as U+FFFD.

    Unlike removing them, this keeps a name made of undecodable bytes from printing as
    nothing at all.
    """
    text = str(value)
    if not text.isprintable():
        text = "".join(REPLACEMENT if is_unsafe(char) else char for char in text)
    return one_line(text)


def shown(value: object) -> str:
    """A user's value as a problem repeats it: one clean line, cut to a readable length."""
    text = visible(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def describe_char(char: str) -> str:
    """What an unsafe character is, in words, with its code point: ``U+202E``."""
    code = ord(char)
    point = f"U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate ({point}), which is not a character"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"a control character ({point})"
    return f"an invisible bidi control ({point}) that reorders text on screen"


def type_name(value: object) -> str:
    """A TOML value's type in the words a problem uses: "text", "a number", "a table"."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def display_name(value: object) -> str:
    """A step's name as shown in problem locations: short and harmless to print."""
    if not isinstance(value, str):
        return ""
    cleaned = " ".join("".join("?" if is_unsafe(c) else c for c in value).split())
    if is_blank(cleaned):
        return ""
    return cleaned if len(cleaned) <= SHOWN_LENGTH else cleaned[: SHOWN_LENGTH - 1] + "…"


def suggest(key: str, known: Sequence[str]) -> str:
    """The one of ``known`` that ``key`` most likely meant, or "" when none is close.

    ``difflib`` is imported only here: a file without typos never pays for it.
    """
    lowered = key.lower().replace("-", "_").replace(" ", "_")
    if lowered in known:
        return lowered
    aliases = _ALIASES.get(lowered, ())
    for alias in (aliases,) if isinstance(aliases, str) else aliases:
        if alias in known:
            return alias
    import difflib

    close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.6)
    return close[0] if close else ""
