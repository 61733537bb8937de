"""Whatever a routine or config file holds: it is valid, or clear lines — never an exception.

Hypothesis feeds the routine loader arbitrary text, arbitrary bytes and TOML built from
random keys and values (the routine's own keys among them, so the checks behind the parser
are reached too), and the settings reader arbitrary bytes. Every outcome must be a routine
or a :class:`RoutineError` (settings and a list of problems), each problem one line naming
the file, with nothing in it that could drive a terminal.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

import pytest

from coach.config import load_settings
from coach.routine.fields import GROUP_KEYS, STEP_KEYS, TOP_KEYS
from coach.routine.loader import RoutineError, parse_bytes, parse_routine
from coach.routine.model import Routine
from coach.text import first_unsafe

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "coach-hypothesis")
"""Hypothesis keeps caches beside the tests otherwise; they don't belong in the checkout."""

SOURCE = Path("/routines/fuzz.toml")


def check(outcome: Routine | RoutineError) -> None:
    if isinstance(outcome, Routine):
        assert outcome.steps and outcome.name.strip()
        return
    lines = str(outcome).splitlines()
    assert lines and len(lines) == len(outcome.problems)
    for line in lines:
        assert line.startswith(f"{SOURCE}: "), line
        assert first_unsafe(line) is None, repr(line)


def from_text(text: str) -> Routine | RoutineError:
    try:
        return parse_routine(text, source=SOURCE, routine_id="fuzz")
    except RoutineError as error:
        return error


def from_bytes(data: bytes) -> Routine | RoutineError:
    try:
        return parse_bytes(data, source=SOURCE, routine_id="fuzz")
    except RoutineError as error:
        return error


# -- TOML made of the routine's own keys and hostile values ------------------------------

KEYS = st.sampled_from([*TOP_KEYS, *STEP_KEYS, *GROUP_KEYS, "switch", "stepz", "Name", ""])
TEXT = st.one_of(
    st.sampled_from(["30s", "2m", "5m..10m", "open", "1m30s", "0s", "warm-up", "walk",
                     "start", "Hold [30 s]", "\u202eevil", "\u200b", " ", "9" * 40 + "s"]),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=30),  # TOML has no surrogates
)
SCALARS = st.one_of(
    TEXT,
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, 1, 3, 4, 10, 100, 101, 10**400]),
    st.floats(allow_nan=True, allow_infinity=True),
)


def toml_value(value: Any) -> str:
    """``value`` written as TOML (inline tables and arrays; text as JSON strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return "{" + ", ".join(f"{toml_string(key)} = {toml_value(item)}"
                           for key, item in value.items()) + "}"


def toml_string(text: str) -> str:
    """A TOML basic string holding ``text`` exactly: controls, quotes and DEL escaped."""
    out = []
    for char in text:
        if char in '"\\' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25,
)
NEAR_STEP = st.fixed_dictionaries(
    {"name": TEXT, "time": TEXT},
    optional={"kind": TEXT, "cue": TEXT, "sides": SCALARS, "sound": TEXT, "countdown": SCALARS},
)
"""A step that is often valid, so the checks after the first ones are reached too."""
GROUP = st.fixed_dictionaries({"name": TEXT, "repeat": SCALARS,
                               "steps": st.lists(NEAR_STEP, max_size=3)})
STEP = st.one_of(NEAR_STEP, GROUP, st.dictionaries(KEYS, VALUES, max_size=6))
ROUTINE = st.fixed_dictionaries(
    {"name": TEXT, "steps": st.lists(STEP, max_size=5)},
    optional={"kind": TEXT, "summary": TEXT, "defaults": VALUES, "other": VALUES},
)


@given(ROUTINE)
def test_any_routine_shaped_toml_is_valid_or_clear_problems(raw: dict[str, Any]) -> None:
    text = "\n".join(f"{toml_string(key)} = {toml_value(value)}" for key, value in raw.items())
    check(from_text(text))


@given(st.text(max_size=400))
def test_any_text_is_valid_or_clear_problems(text: str) -> None:
    check(from_text(text))


@given(st.binary(max_size=400))
def test_any_bytes_are_valid_or_clear_problems(data: bytes) -> None:
    check(from_bytes(data))


@given(st.lists(st.sampled_from(['name = "x"\n', "[[steps]]\n", 'time = "1m"\n', "[",
                                 "]", "{", "}", "a.", '"', "'''", "\\u202e", "\r\n", "\x00",
                                 "repeat = 2\n", "[[steps.steps]]\n", "= ", "1" * 50]),
                max_size=60))
def test_toml_fragments_are_valid_or_clear_problems(parts: list[str]) -> None:
    check(from_text("".join(parts)))


# -- the settings reader -----------------------------------------------------------------


@given(st.one_of(st.binary(max_size=300),
                 st.builds(lambda raw: ("[sound]\n" + "\n".join(
                     f"{toml_string(key)} = {toml_value(value)}"
                     for key, value in raw.items())).encode("utf-8", "surrogatepass"),
                     st.dictionaries(st.sampled_from(["volume", "mute", "events",
                                                      "speech_command", "speech_timeout",
                                                      "morning_until", "volme", ""]),
                                     VALUES, max_size=5))))
def test_any_config_gives_settings_and_clear_problems(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_bytes(data)
        settings_read, problems = load_settings(path)
    assert 0 <= settings_read.sound.volume <= 100
    for line in problems:
        assert line.startswith(f"{path}: ") and "\n" not in line, line
        assert first_unsafe(line) is None, repr(line)
