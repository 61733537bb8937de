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
        parts = [str(self.path)]
        if self.line is not None:
            parts.append(
                f"line {self.line}, column {self.column}"
                if self.column is not None
                else f"line {self.line}"
            )
        if self.step:
            parts.append(self.step)
        if self.field:
            parts.append(self.field)
        text = ": ".join(parts) + ": " + self.message
        if self.example:
            text += f"{'' if text.endswith('?') else ','} e.g. {self.example}"
        return text


class RoutineError(Exception):
    """A routine file that cannot be used, with every problem found in it."""

    def __init__(self, path: Path, problems: Sequence[Problem]) -> None:
        super().__init__(path, list(problems))
        self.path = path
        self.problems = list(problems)

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def is_control(char: str) -> bool:
    """Unicode's control characters (category Cc): printed, they can restyle or clear a
    terminal, so no name or cue may carry one."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


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
    if not isinstance(value, str) or not value.strip():
        return ""
    cleaned = "".join("?" if is_control(c) else c for c in value.strip())
    return cleaned if len(cleaned) <= 40 else cleaned[:39] + "…"


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
