"""What each key of a routine file may hold, and the checks of single values.

The limits and key lists here are the routine format's rules: the structure checks in
:mod:`coach.routine.checks` apply them, and :mod:`coach.routine.schema` publishes the same
numbers to editors, so the two cannot drift apart. :class:`FieldChecker` checks one value at
a time (a name, a time, a countdown...) and records what is wrong instead of stopping, so a
file's every problem is reported in one go.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coach.routine.durations import (
    DurationError,
    StepTime,
    format_seconds,
    parse_seconds,
    parse_step_time,
)
from coach.routine.model import DEFAULT_COUNTDOWN, ROUTINE_KINDS, RoutineKind, StepKind
from coach.routine.problems import EXAMPLES, Problem, describe_char, shown, suggest, type_name
from coach.text import first_unsafe, is_blank

MAX_EXPANDED_STEPS = 500
"""More steps than anyone can follow in one session: surely a repeat typo."""
MAX_REPEAT = 100
MAX_DEPTH = 3
"""Levels of steps: ``[[steps]]``, ``[[steps.steps]]`` and ``[[steps.steps.steps]]``."""
MAX_NAME_LENGTH = 60
"""Names are shown large in the player and must fit on one line."""
MAX_CUE_LENGTH = 200
"""A cue is read at a glance mid-movement, not studied."""
MAX_SUMMARY_LENGTH = 500
MAX_COUNTDOWN = 10
MAX_SWITCH_SECONDS = 60
"""Changing sides takes seconds; a longer switch is a typo for a step of its own."""
DEFAULT_STEP_KIND: StepKind = "move"
DEFAULT_ROUTINE_KIND: RoutineKind = "mixed"

TOP_KEYS = ("name", "kind", "summary", "defaults", "steps")
DEFAULTS_KEYS = ("countdown", "switch")
STEP_KEYS = ("name", "kind", "time", "cue", "sides", "sound", "countdown")
GROUP_KEYS = ("name", "repeat", "steps")

DURATION_PATTERN = (
    r"^\s*(?:[Oo][Pp][Ee][Nn]|(?:\d+\s*[HhMmSs]\s*)+(?:\.\.\s*(?:\d+\s*[HhMmSs]\s*)+)?)\s*$"
)
"""What :func:`~coach.routine.durations.parse_step_time` accepts, for the JSON schema."""
AMOUNT_PATTERN = r"^\s*(?:\d+\s*[HhMmSs]\s*)+$"
"""A single amount such as ``5s`` or ``0s``, for ``[defaults] switch``."""

_LINE_BREAKS = "\n\r\t"
"""Controls a multi-line TOML string may hold; they are folded into spaces."""
_BREAK_NAMES = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}
_LARGEST_EXAMPLE = 10**6
"""Numbers beyond this are not turned into an example: ``1e400`` has no seconds to show."""


def cue_names() -> tuple[str, ...]:
    """The sounds a step may ask for. Names, never files: the sound folders decide the files."""
    from coach.routine.model import CUE_EVENTS

    return CUE_EVENTS


class FieldChecker:
    """Collects problems while checking single values, so one pass reports them all."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, message: str, *, step: str = "", field: str = "", example: str = "") -> None:
        self.problems.append(Problem(self.path, message, step, field, example))

    def unknown_key(self, key: str, known: Sequence[str], *, step: str, field: str,
                    where: str) -> None:
        moved = self.misplaced(key, where)
        if moved:
            self.add(moved, step=step, field=field)
            return
        guess = suggest(key, known)
        if guess:
            example = EXAMPLES.get(guess, "")
            self.add(f'unknown key; did you mean "{guess}"?', step=step, field=field,
                     example=example)
        else:
            self.add(f"unknown key; the keys here are {', '.join(known)}", step=step,
                     field=field)

    @staticmethod
    def misplaced(key: str, where: str) -> str:
        """Explain a key that is right but sits in the wrong table, a common TOML surprise."""
        header = "; TOML puts every key below a [table] or [[steps]] line into that table"
        if where != "top" and key in ("summary", "defaults"):
            return f"{key} belongs at the top of the file, above [defaults] and the first " \
                f"[[steps]]{header}"
        if where == "defaults" and key in ("name", "kind"):
            return f"{key} belongs at the top of the file, above [defaults]{header}"
        if where == "defaults" and key in (*STEP_KEYS, *GROUP_KEYS):
            return f"{key} is set per step, inside a [[steps]] table; [defaults] holds " \
                "countdown and switch"
        if where in ("step", "group") and key == "switch":
            return 'switch is set once for the whole routine: [defaults] then switch = "5s"'
        if where == "top" and key in DEFAULTS_KEYS:
            return f"{key} belongs under [defaults]: a [defaults] line, then " \
                f"{EXAMPLES[key]} below it"
        if where == "top" and key in (*STEP_KEYS, *GROUP_KEYS):
            return f"{key} belongs to a step: put it below a [[steps]] line"
        return ""

    def text(self, raw: dict[str, Any], key: str, *, step: str, example: str,
             limit: int, required: bool = False, single_line: bool = False,
             limit_reason: str = "") -> str | None:
        if key not in raw:
            if required:
                self.add("missing", step=step, field=key, example=example)
            return None
        value = raw[key]
        if not isinstance(value, str):
            self.add(f"must be text in quotes, not {type_name(value)}", step=step, field=key,
                     example=example)
            return None
        problem = _unsafe_text(value, single_line)
        if problem:
            self.add(problem, step=step, field=key, example=example)
            return None
        cleaned = " ".join(value.split())
        if required and is_blank(cleaned):
            what = "is empty" if not cleaned else \
                "has nothing visible in it: only spaces or invisible characters"
            self.add(what, step=step, field=key, example=example)
            return None
        if len(cleaned) > limit:
            reason = f"; {limit_reason}" if limit_reason else ""
            self.add(f"is {len(cleaned)} characters, more than the {limit} allowed{reason}",
                     step=step, field=key, example=example)
            return None
        return cleaned

    def choice(self, raw: dict[str, Any], key: str, options: Sequence[str], *, step: str,
               default: str, example: str) -> str:
        if key not in raw:
            return default
        value = raw[key]
        if not isinstance(value, str):
            self.add(f"must be text in quotes, one of {', '.join(options)}; not "
                     f"{type_name(value)}", step=step, field=key, example=example)
            return default
        if value in options:
            return value
        label = "routine kind" if options is ROUTINE_KINDS else "step kind"
        guess = suggest(value, options) or options[0]
        self.add(f'"{shown(value)}" is not a {label} (one of {", ".join(options)})', step=step,
                 field=key, example=f'{key} = "{guess}"')
        return default

    def time(self, raw: dict[str, Any], where: str) -> StepTime | None:
        if "time" not in raw:
            self.add("missing; every step needs a time", step=where, field="time",
                     example='time = "30s", "2m", "5m..10m" or "open"')
            return None
        value = raw["time"]
        if isinstance(value, bool) or not isinstance(value, str):
            if isinstance(value, int | float) and not isinstance(value, bool) \
                    and 0 < value < _LARGEST_EXAMPLE:
                example = f'time = "{format_seconds(max(1, int(value)))}"'
            else:
                example = EXAMPLES["time"]
            self.add(f"must be text with a unit, not {type_name(value)}", step=where,
                     field="time", example=example)
            return None
        try:
            return parse_step_time(value)
        except DurationError as exc:
            self.add(str(exc), step=where, field="time")
            return None

    def boolean(self, raw: dict[str, Any], key: str, *, step: str) -> bool | None:
        if key not in raw:
            return None
        value = raw[key]
        if not isinstance(value, bool):
            example = f"{key} = true"
            if isinstance(value, str) and value.strip().lower() in ("false", "no", "0"):
                example = f"{key} = false"
            self.add(f"must be true or false without quotes, not {type_name(value)}",
                     step=step, field=key, example=example)
            return None
        return value

    def countdown(self, raw: dict[str, Any], key: str, *, step: str,
                  field: str) -> int | None:
        if key not in raw:
            return None
        value = raw[key]
        example = f"{key} = {DEFAULT_COUNTDOWN}"
        if isinstance(value, bool) or not isinstance(value, int):
            number = _quoted_number(value)
            if number is not None:
                example = f"{key} = {number}"
            self.add(f"must be a whole number from 0 to {MAX_COUNTDOWN} without quotes, "
                     f"not {type_name(value)}", step=step, field=field, example=example)
            return None
        if not 0 <= value <= MAX_COUNTDOWN:
            self.add(f"{shown(value)} is out of range: beeps in the last seconds of a step, from 0 "
                     f"(none) to {MAX_COUNTDOWN}", step=step, field=field, example=example)
            return None
        return value

    def repeat(self, raw: dict[str, Any], where: str) -> int | None:
        example = EXAMPLES["repeat"]
        if "repeat" not in raw:
            self.add("missing; a group (a step with its own steps) says how many times "
                     "to do them", step=where, field="repeat", example=example)
            return None
        value = raw["repeat"]
        if isinstance(value, bool) or not isinstance(value, int):
            number = _quoted_number(value)
            if number is not None:
                example = f"repeat = {number}"
            self.add(f"must be a whole number without quotes, not {type_name(value)}",
                     step=where, field="repeat", example=example)
            return None
        if not 1 <= value <= MAX_REPEAT:
            self.add(f"{shown(value)} is out of range: a group repeats from 1 to "
                     f"{MAX_REPEAT} times", step=where, field="repeat", example=example)
            return None
        return value

    def sound(self, raw: dict[str, Any], where: str) -> str | None:
        if "sound" not in raw:
            return None
        value = raw["sound"]
        known = cue_names()
        names = ", ".join(known)
        if not isinstance(value, str):
            self.add(f"must be a cue name in quotes, one of {names}; not {type_name(value)}",
                     step=where, field="sound", example=EXAMPLES["sound"])
            return None
        if value in known:
            return value
        if any(c in value for c in "/\\.:"):
            self.add(
                f'"{shown(value)}" looks like a file, but a routine names a cue, never a file: one '
                f"of {names} (to change how a cue sounds, put your own WAV of that name, "
                "e.g. start.wav, in coach's user sounds folder)",
                step=where, field="sound", example=EXAMPLES["sound"],
            )
            return None
        guess = suggest(value, known) or "halfway"
        self.add(f'"{shown(value)}" is not a cue name (one of {names})', step=where,
                 field="sound", example=f'sound = "{guess}"')
        return None

    def switch(self, value: object) -> int | None:
        field = "defaults.switch"
        if isinstance(value, bool) or not isinstance(value, str):
            example = (
                f'switch = "{int(value)}s"'
                if isinstance(value, int | float) and not isinstance(value, bool)
                and 0 <= value < _LARGEST_EXAMPLE
                else EXAMPLES["switch"]
            )
            self.add(f"must be text with a unit, not {type_name(value)}", field=field,
                     example=example)
            return None
        try:
            seconds = parse_seconds(value.strip().lower())
        except DurationError as exc:
            self.add(f"{exc} (\"0s\" means no pause)", field=field)
            return None
        if seconds > MAX_SWITCH_SECONDS:
            self.add(
                f'"{shown(value)}" is longer than the {format_seconds(MAX_SWITCH_SECONDS)} '
                "a change of sides may take",
                field=field,
                example=EXAMPLES["switch"],
            )
            return None
        return seconds


def _unsafe_text(value: str, single_line: bool) -> str:
    """Why ``value`` may not be shown as it is, or "" when it may.

    Control characters can restyle or clear a terminal and bidi controls reorder what is
    drawn; a name must also fit on one line, while a cue or summary may break lines.
    """
    if single_line:
        brk = next((c for c in value if c in _LINE_BREAKS), None)
        if brk is not None:
            return f"must be one line, but it contains {_BREAK_NAMES[brk]}; use plain text " \
                "on one line"
    bad = first_unsafe(value.replace("\r", "") if not single_line else value)
    if bad is None:
        return ""
    return f"contains {describe_char(bad)}; use plain text"


def _quoted_number(value: object) -> int | None:
    """The number in quoted digits such as ``"4"``, for an example without the quotes."""
    if isinstance(value, str):
        digits = value.strip()
        if digits.isascii() and digits.isdigit() and len(digits) <= 6:
            return int(digits)
    return None
