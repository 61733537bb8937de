"""Reading routine files: TOML in, a validated :class:`~coach.routine.model.Routine` out.

Routine files are written by hand, often by people who have never seen TOML, and shared
between runners. So the loader never stops at the first mistake: it reports every problem in
one go, each naming the file, the step, the key, what is wrong and what right looks like.
Nothing in a file can run code, name a command or point at a path: values are plain text,
numbers and booleans, and ``sound`` only picks one of the known cue names.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from coach.record import Record
from coach.routine.durations import (
    DurationError,
    StepTime,
    format_seconds,
    parse_seconds,
    parse_step_time,
)
from coach.routine.model import (
    DEFAULT_COUNTDOWN,
    DEFAULT_SWITCH_SECONDS,
    ROUTINE_KINDS,
    STEP_KINDS,
    Entry,
    Group,
    Routine,
    RoutineKind,
    Step,
    StepKind,
)
from coach.timeline import count_expanded

MAX_FILE_BYTES = 1024 * 1024
"""A routine is a few kilobytes; anything near a megabyte is the wrong file."""
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

_EXAMPLES = {
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

_TOML_POSITION = r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$"
_BARE_VALUE = r"^\s*([A-Za-z0-9_-]+)\s*=\s*([^\"'\[{\s][^#]*?)\s*(?:#.*)?$"
_LINE_BREAKS = "\n\r\t"
"""Controls a multi-line TOML string may hold; they are folded into spaces."""


def _is_control(char: str) -> bool:
    """Unicode's control characters (category Cc): printed, they can restyle or clear a
    terminal, so no name or cue may carry one."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


def cue_names() -> tuple[str, ...]:
    """The sounds a step may ask for. Names, never files: the sound folders decide the files.

    Imported on first use: only files that set ``sound`` pay for loading the settings module.
    """
    from coach.config import CUE_EVENTS

    return CUE_EVENTS


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


def load_routine(path: Path, *, builtin: bool = False) -> Routine:
    """Read and validate one routine file; its id is the file name without ``.toml``."""
    data = _read(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RoutineError(
            path,
            [
                Problem(
                    path,
                    f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                    "save it as UTF-8 in your editor",
                    line=line,
                    column=column,
                )
            ],
        ) from None
    return parse_routine(text, source=path, routine_id=path.stem, builtin=builtin)


def _read(path: Path) -> bytes:
    def fail(message: str, example: str = "") -> RoutineError:
        return RoutineError(path, [Problem(path, message, example=example)])

    try:
        if path.is_dir():
            raise fail("is a folder, not a routine file; name a .toml file inside it")
        size = path.stat().st_size
    except FileNotFoundError:
        raise fail(
            "no such file; `coach routines list` shows the routines there are"
        ) from None
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise fail(
            f"is {size // 1024:,} KB; a routine file is a few KB (the limit is 1 MB), so "
            "this is probably not a routine"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except IsADirectoryError:
        raise fail("is a folder, not a routine file; name a .toml file inside it") from None
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise fail("is over 1 MB; a routine file is a few KB, so this is probably not a routine")
    return data


def parse_routine(
    text: str, *, source: Path, routine_id: str, builtin: bool = False
) -> Routine:
    """Validate a routine file's text; ``source`` is only used to name it in problems."""
    text = text.removeprefix("\ufeff")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoutineError(source, [_syntax_problem(source, text, str(exc))]) from None
    return _Checker(source).routine(raw, routine_id, builtin)


def _syntax_problem(path: Path, text: str, message: str) -> Problem:
    line = column = None
    match = re.search(_TOML_POSITION, message)
    if match:
        message = message[: match.start()]
        if match.group(1):
            line, column = int(match.group(1)), int(match.group(2))
    message = "is not valid TOML: " + message[:1].lower() + message[1:]
    example = ""
    lines = text.splitlines()
    source_line = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    bare = re.match(_BARE_VALUE, source_line)
    if bare and not _is_toml_literal(bare.group(2)):
        message += "; text needs quotes"
        example = f'{bare.group(1)} = "{bare.group(2).strip()}"'
    elif "illegal character '\\n'" in message or "unterminated string" in message.lower():
        message += "; a text value is missing its closing quote"
        example = 'name = "Brisk walk"'
    elif "overwrite" in message or "twice" in message:
        message += "; a key or table appears twice"
        example = "each key once per table, and every step starts with its own [[steps]] line"
    elif "expected '='" in message.lower():
        example = 'name = "Brisk walk"'
    return Problem(path, message, example=example, line=line, column=column)


def _is_toml_literal(value: str) -> bool:
    value = value.strip()
    if value in ("true", "false", "inf", "nan", "+inf", "-inf"):
        return True
    return re.fullmatch(r"[+-]?[\d_]+(\.[\d_]+)?([eE][+-]?\d+)?", value) is not None


def _type_name(value: object) -> str:
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


def _display_name(value: object) -> str:
    """A step's name as shown in problem locations: short and harmless to print."""
    if not isinstance(value, str) or not value.strip():
        return ""
    cleaned = "".join("?" if _is_control(c) else c for c in value.strip())
    return cleaned if len(cleaned) <= 40 else cleaned[:39] + "…"


def _suggest(key: str, known: Sequence[str]) -> str:
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


class _Checker:
    """Collects problems while building the model, so one pass reports them all."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, message: str, *, step: str = "", field: str = "", example: str = "") -> None:
        self.problems.append(Problem(self.path, message, step, field, example))

    # -- the whole file ------------------------------------------------------------------

    def routine(self, raw: dict[str, Any], routine_id: str, builtin: bool) -> Routine:
        for key in raw:
            if key not in TOP_KEYS:
                self.unknown_key(key, TOP_KEYS, step="", field=key, where="top")
        name = self.text(raw, "name", step="", required=True, limit=MAX_NAME_LENGTH,
                         example='name = "Dynamic warm-up"', single_line=True)
        kind = self.choice(raw, "kind", ROUTINE_KINDS, step="", default=DEFAULT_ROUTINE_KIND,
                           example='kind = "warm-up"')
        summary = self.text(raw, "summary", step="", limit=MAX_SUMMARY_LENGTH,
                            example=_EXAMPLES["summary"])
        countdown, switch = self.defaults(raw.get("defaults"))
        entries = self.steps(raw, "steps", trail=(), depth=1, step="", field="steps")
        if entries:
            count = count_expanded(entries, switch)
            if count > MAX_EXPANDED_STEPS:
                self.add(
                    f"expands to {count} steps, more than the {MAX_EXPANDED_STEPS} a routine "
                    "may have; lower a repeat or split the routine",
                    field="steps",
                    example="repeat = 4",
                )
        if self.problems:
            raise RoutineError(self.path, self.problems)
        return Routine(
            id=routine_id,
            name=name or "",
            kind=cast(RoutineKind, kind),
            summary=summary or "",
            steps=entries,
            countdown=countdown,
            switch=switch,
            source=self.path,
            builtin=builtin,
        )

    def defaults(self, raw: object) -> tuple[int, int]:
        countdown, switch = DEFAULT_COUNTDOWN, DEFAULT_SWITCH_SECONDS
        if raw is None:
            return countdown, switch
        if not isinstance(raw, dict):
            self.add(
                f"must be a table, not {_type_name(raw)}",
                field="defaults",
                example=_EXAMPLES["defaults"],
            )
            return countdown, switch
        for key in raw:
            if key not in DEFAULTS_KEYS:
                self.unknown_key(key, DEFAULTS_KEYS, step="", field=f"defaults.{key}",
                                 where="defaults")
        value = self.countdown(raw, "countdown", step="", field="defaults.countdown")
        if value is not None:
            countdown = value
        if "switch" in raw:
            seconds = self.switch(raw["switch"])
            if seconds is not None:
                switch = seconds
        return countdown, switch

    def switch(self, value: object) -> int | None:
        field = "defaults.switch"
        if isinstance(value, bool) or not isinstance(value, str):
            example = (
                f'switch = "{int(value)}s"'
                if isinstance(value, int | float) and not isinstance(value, bool)
                else _EXAMPLES["switch"]
            )
            self.add(f"must be text with a unit, not {_type_name(value)}", field=field,
                     example=example)
            return None
        try:
            seconds = parse_seconds(value.strip().lower())
        except DurationError as exc:
            self.add(f"{exc} (\"0s\" means no pause)", field=field)
            return None
        if seconds > MAX_SWITCH_SECONDS:
            self.add(
                f'"{value}" is longer than the {format_seconds(MAX_SWITCH_SECONDS)} '
                "a change of sides may take",
                field=field,
                example=_EXAMPLES["switch"],
            )
            return None
        return seconds

    # -- steps and groups ----------------------------------------------------------------

    def steps(self, raw: dict[str, Any], key: str, *, trail: tuple[str, ...], depth: int,
              step: str, field: str) -> tuple[Entry, ...]:
        prefix = "[[" + ".".join(["steps"] * depth) + "]]"
        example = f'{prefix} then name = "Brisk walk" and time = "2m" on the lines below it'
        if key not in raw:
            what = "a routine" if depth == 1 else "a group"
            self.add(f"missing; {what} needs at least one step", step=step, field=field,
                     example=example)
            return ()
        value = raw[key]
        if isinstance(value, dict):
            self.add(f"must be a list of steps, each starting with {prefix} (double brackets)",
                     step=step, field=field, example=example)
            return ()
        if not isinstance(value, list):
            self.add(f"must be a list of steps, not {_type_name(value)}", step=step,
                     field=field, example=example)
            return ()
        if not value:
            self.add("is empty; add at least one step", step=step, field=field, example=example)
            return ()
        entries: list[Entry] = []
        for number, item in enumerate(value, start=1):
            entry = self.entry(item, number, trail, depth)
            if entry is not None:
                entries.append(entry)
        return tuple(entries)

    def entry(self, raw: object, number: int, trail: tuple[str, ...],
              depth: int) -> Entry | None:
        name = _display_name(raw.get("name")) if isinstance(raw, dict) else ""
        label = f'step {number} "{name}"' if name else f"step {number}"
        here = (*trail, label)
        where = " › ".join(here)
        if not isinstance(raw, dict):
            prefix = "[[" + ".".join(["steps"] * depth) + "]]"
            self.add(f"must be a table, not {_type_name(raw)}", step=where,
                     example=f'{prefix} then name = "Brisk walk" and time = "2m" below it')
            return None
        if "repeat" in raw or "steps" in raw:
            return self.group(raw, here, depth)
        return self.step(raw, where)

    def step(self, raw: dict[str, Any], where: str) -> Step | None:
        before = len(self.problems)
        for key in raw:
            if key not in STEP_KEYS:
                self.unknown_key(key, (*STEP_KEYS, "repeat"), step=where, field=key,
                                 where="step")
        name = self.text(raw, "name", step=where, required=True, limit=MAX_NAME_LENGTH,
                         example=_EXAMPLES["name"], single_line=True)
        kind = self.choice(raw, "kind", STEP_KINDS, step=where, default=DEFAULT_STEP_KIND,
                           example=_EXAMPLES["kind"])
        time = self.time(raw, where)
        cue = self.text(raw, "cue", step=where, limit=MAX_CUE_LENGTH, example=_EXAMPLES["cue"],
                        limit_reason="a cue is read at a glance mid-movement, so keep it short")
        sides = self.boolean(raw, "sides", step=where)
        sound = self.sound(raw, where)
        countdown = self.countdown(raw, "countdown", step=where, field="countdown")
        if len(self.problems) > before or name is None or time is None:
            return None
        return Step(
            name=name,
            kind=cast(StepKind, kind),
            time=time,
            cue=cue or "",
            sides=bool(sides),
            sound=sound,
            countdown=countdown,
        )

    def group(self, raw: dict[str, Any], here: tuple[str, ...], depth: int) -> Group | None:
        where = " › ".join(here)
        before = len(self.problems)
        for key in raw:
            if key in GROUP_KEYS:
                continue
            if key == "time":
                self.add(
                    "a group (a step with repeat and steps) has no time of its own: each "
                    "step inside it has one; remove time here, or remove repeat and steps "
                    "to make this a single step",
                    step=where, field="time",
                    example='repeat = 4 with [[steps.steps]] name = "Stride" time = "20s"',
                )
            elif key in STEP_KEYS:
                self.add(
                    f"a group takes only name, repeat and steps; put {key} on each step "
                    "inside it",
                    step=where, field=key,
                    example=f"[[steps.steps]] then {_EXAMPLES[key]} on a line below it",
                )
            else:
                self.unknown_key(key, GROUP_KEYS, step=where, field=key, where="group")
        name = self.text(raw, "name", step=where, required=True, limit=MAX_NAME_LENGTH,
                         example='name = "Strides"', single_line=True)
        repeat = self.repeat(raw, where)
        entries: tuple[Entry, ...] = ()
        inner = "[[" + ".".join(["steps"] * (depth + 1)) + "]]"
        if "steps" not in raw:
            self.add(
                f"missing; a group repeats the steps below it, each starting with {inner}",
                step=where, field="steps",
                example=f'{inner} then name = "Stride" and time = "20s" below it',
            )
        elif depth >= MAX_DEPTH:
            self.add(
                f"groups nest at most {MAX_DEPTH} levels deep; move these steps into the "
                "group around this one",
                step=where, field="steps",
            )
        else:
            entries = self.steps(raw, "steps", trail=here, depth=depth + 1, step=where,
                                 field="steps")
        if len(self.problems) > before or name is None or repeat is None or not entries:
            return None
        return Group(name=name, repeat=repeat, steps=entries)

    # -- single values -------------------------------------------------------------------

    def unknown_key(self, key: str, known: Sequence[str], *, step: str, field: str,
                    where: str) -> None:
        moved = self.misplaced(key, where)
        if moved:
            self.add(moved, step=step, field=field)
            return
        guess = _suggest(key, known)
        if guess:
            example = _EXAMPLES.get(guess, "")
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
                f"{_EXAMPLES[key]} below it"
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
            self.add(f"must be text in quotes, not {_type_name(value)}", step=step, field=key,
                     example=example)
            return None
        allowed = "" if single_line else _LINE_BREAKS
        bad = next((c for c in value if _is_control(c) and c not in allowed), None)
        if bad is not None:
            self.add(f"contains a control character ({bad!r}); use plain text",
                     step=step, field=key, example=example)
            return None
        cleaned = " ".join(value.split())
        if required and not cleaned:
            self.add("is empty", step=step, field=key, example=example)
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
                     f"{_type_name(value)}", step=step, field=key, example=example)
            return default
        if value in options:
            return value
        label = "routine kind" if options is ROUTINE_KINDS else "step kind"
        guess = _suggest(value, options) or options[0]
        self.add(f'"{value}" is not a {label} (one of {", ".join(options)})', step=step,
                 field=key, example=f'{key} = "{guess}"')
        return default

    def time(self, raw: dict[str, Any], where: str) -> StepTime | None:
        if "time" not in raw:
            self.add("missing; every step needs a time", step=where, field="time",
                     example='time = "30s", "2m", "5m..10m" or "open"')
            return None
        value = raw["time"]
        if isinstance(value, bool) or not isinstance(value, str):
            if isinstance(value, int | float) and not isinstance(value, bool):
                example = f'time = "{format_seconds(max(1, int(value)))}"'
            else:
                example = _EXAMPLES["time"]
            self.add(f"must be text with a unit, not {_type_name(value)}", step=where,
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
            self.add(f"must be true or false without quotes, not {_type_name(value)}",
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
            if isinstance(value, str) and value.strip().isdigit():
                example = f"{key} = {int(value.strip())}"
            self.add(f"must be a whole number from 0 to {MAX_COUNTDOWN} without quotes, "
                     f"not {_type_name(value)}", step=step, field=field, example=example)
            return None
        if not 0 <= value <= MAX_COUNTDOWN:
            self.add(f"{value} is out of range: beeps in the last seconds of a step, from 0 "
                     f"(none) to {MAX_COUNTDOWN}", step=step, field=field, example=example)
            return None
        return value

    def repeat(self, raw: dict[str, Any], where: str) -> int | None:
        example = _EXAMPLES["repeat"]
        if "repeat" not in raw:
            self.add("missing; a group (a step with its own steps) says how many times "
                     "to do them", step=where, field="repeat", example=example)
            return None
        value = raw["repeat"]
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and value.strip().isdigit():
                example = f"repeat = {int(value.strip())}"
            self.add(f"must be a whole number without quotes, not {_type_name(value)}",
                     step=where, field="repeat", example=example)
            return None
        if not 1 <= value <= MAX_REPEAT:
            self.add(f"{value} is out of range: a group repeats from 1 to {MAX_REPEAT} times",
                     step=where, field="repeat", example=example)
            return None
        return value

    def sound(self, raw: dict[str, Any], where: str) -> str | None:
        if "sound" not in raw:
            return None
        value = raw["sound"]
        known = cue_names()
        names = ", ".join(known)
        if not isinstance(value, str):
            self.add(f"must be a cue name in quotes, one of {names}; not {_type_name(value)}",
                     step=where, field="sound", example=_EXAMPLES["sound"])
            return None
        if value in known:
            return value
        if any(c in value for c in "/\\.:"):
            self.add(
                f'"{value}" looks like a file, but a routine names a cue, never a file: one '
                f"of {names} (to change how a cue sounds, put your own WAV of that name, "
                "e.g. start.wav, in coach's user sounds folder)",
                step=where, field="sound", example=_EXAMPLES["sound"],
            )
            return None
        guess = _suggest(value, known) or "halfway"
        self.add(f'"{value}" is not a cue name (one of {names})', step=where, field="sound",
                 example=f'sound = "{guess}"')
        return None
