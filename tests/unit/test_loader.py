"""Routine files: what loads, and what every mistake is told back as."""

from __future__ import annotations

import json
import re
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import pytest

from coach.files import FileProblem
from coach.routine import loader
from coach.routine.durations import StepTime
from coach.routine.loader import Problem, RoutineError, load_routine, parse_routine
from coach.routine.model import Group, Step
from coach.routine.schema import routine_schema

REPO = Path(__file__).resolve().parents[2]
SOURCE = Path("/routines/calves.toml")

GOOD = """
name = "Dynamic warm-up"
kind = "warm-up"
summary = "Wakes up joints and muscles before an easy run."

[defaults]
countdown = 4
switch = "3s"

[[steps]]
name = "Brisk walk"
kind = "walk"
time = "2m"
cue = "Tall posture, arms bent, swing them from the shoulders."

[[steps]]
name = "Calf stretch"
kind = "stretch"
time = "30s"
sides = true
sound = "switch"
countdown = 0
cue = "Back heel down, lean into the wall."

[[steps]]
name = "Strides"
repeat = 4
  [[steps.steps]]
  name = "Stride"
  time = "20s"
  [[steps.steps]]
  name = "Walk back"
  kind = "walk"
  time = "40s"

[[steps]]
name = "Cool-down walk"
kind = "walk"
time = "5m..10m"

[[steps]]
name = "Ready to stretch?"
time = "open"
"""


def parse(text: str) -> Any:
    return parse_routine(textwrap.dedent(text), source=SOURCE, routine_id="calves")


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse(text)
    assert str(caught.value) == "\n".join(str(p) for p in caught.value.problems)
    return [str(problem) for problem in caught.value.problems]


def only_problem(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def routine_with_step(body: str) -> str:
    """A valid routine whose only step is ``body`` (the lines below ``[[steps]]``)."""
    return 'name = "Test"\n[[steps]]\n' + textwrap.dedent(body)


# -- a good file -------------------------------------------------------------------------


def test_good_file_builds_the_model() -> None:
    routine = parse(GOOD)
    assert routine.id == "calves"
    assert routine.name == "Dynamic warm-up"
    assert routine.kind == "warm-up"
    assert routine.summary.startswith("Wakes up")
    assert routine.countdown == 4
    assert routine.switch == 3
    assert routine.source == SOURCE
    assert routine.builtin is False
    assert len(routine.steps) == 5


def test_good_file_steps() -> None:
    walk, calf, strides, cool, ready = parse(GOOD).steps
    assert walk == Step(
        "Brisk walk", "walk", StepTime(120, 120),
        cue="Tall posture, arms bent, swing them from the shoulders.",
    )
    assert calf.sides is True and calf.sound == "switch" and calf.countdown == 0
    assert isinstance(strides, Group)
    assert strides.repeat == 4
    assert [s.name for s in strides.steps if isinstance(s, Step)] == ["Stride", "Walk back"]
    assert cool.time == StepTime(300, 600)
    assert ready.time.is_open


def test_defaults_when_left_out() -> None:
    routine = parse(routine_with_step('name = "Walk"\ntime = "1m"\n'))
    assert routine.kind == "mixed"
    assert routine.summary == ""
    assert routine.countdown == 3
    assert routine.switch == 5
    step = routine.steps[0]
    assert isinstance(step, Step)
    assert (step.kind, step.cue, step.sides, step.sound, step.countdown) == (
        "move", "", False, None, None,
    )


def test_switch_of_zero_seconds_is_allowed() -> None:
    text = 'name = "T"\n[defaults]\nswitch = "0s"\n[[steps]]\nname = "A"\ntime = "1m"\n'
    assert parse(text).switch == 0


def test_builtin_flag_is_kept() -> None:
    routine = parse_routine(GOOD, source=SOURCE, routine_id="x", builtin=True)
    assert routine.builtin is True


def test_multi_line_cue_is_joined_into_one_line() -> None:
    routine = parse(routine_with_step('name = "A"\ntime = "1m"\ncue = """Slow.\n  Breathe."""\n'))
    step = routine.steps[0]
    assert isinstance(step, Step)
    assert step.cue == "Slow. Breathe."


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + routine_with_step('name = "A"\ntime = "1m"\n').encode())
    assert load_routine(path).name == "Test"


def test_load_routine_takes_id_from_file_name(tmp_path: Path) -> None:
    path = tmp_path / "hill-warm-up.toml"
    path.write_text(GOOD, encoding="utf-8")
    routine = load_routine(path, builtin=True)
    assert routine.id == "hill-warm-up"
    assert routine.source == path
    assert routine.builtin is True


def test_nesting_three_levels_is_allowed() -> None:
    text = """
    name = "Deep"
    [[steps]]
    name = "Outer"
    repeat = 2
      [[steps.steps]]
      name = "Inner"
      repeat = 2
        [[steps.steps.steps]]
        name = "Hop"
        time = "5s"
    """
    outer = parse(text).steps[0]
    assert isinstance(outer, Group)
    inner = outer.steps[0]
    assert isinstance(inner, Group)
    assert inner.steps[0] == Step("Hop", "move", StepTime(5, 5))


# -- problem format ----------------------------------------------------------------------


def test_problem_line_names_file_step_field_and_example() -> None:
    line = only_problem(routine_with_step('name = "Calf stretch"\ntime = 30\n'))
    assert line == (
        f'{SOURCE}: step 1 "Calf stretch": time: must be text with a unit, not a number, '
        'e.g. time = "30s"'
    )


def test_every_problem_line_starts_with_the_path() -> None:
    found = problems('name = 1\nkind = "x"\n[[steps]]\ntime = 3\n')
    assert len(found) >= 4
    assert all(line.startswith(f"{SOURCE}: ") for line in found)


def test_all_problems_are_reported_at_once() -> None:
    text = """
    name = "Many"
    [[steps]]
    name = "One"
    time = "30"
    [[steps]]
    name = "Two"
    time = "1m"
    sides = "yes"
    [[steps]]
    name = "Three"
    kind = "jog"
    """
    found = problems(text)
    assert any('step 1 "One": time:' in line for line in found)
    assert any('step 2 "Two": sides:' in line for line in found)
    assert any('step 3 "Three": kind:' in line for line in found)
    assert any('step 3 "Three": time: missing' in line for line in found)


def test_nested_step_is_named_with_its_group() -> None:
    text = """
    name = "Strides"
    [[steps]]
    name = "Walk"
    time = "1m"
    [[steps]]
    name = "Strides"
    repeat = 4
      [[steps.steps]]
      name = "Stride"
      time = "20s"
      [[steps.steps]]
      name = "Walk back"
      time = "forty"
    """
    line = only_problem(text)
    assert f'{SOURCE}: step 2 "Strides" › step 2 "Walk back": time: ' in line
    assert '"forty" is not a duration' in line


def test_problem_str_without_step_or_field() -> None:
    problem = Problem(Path("a.toml"), "is empty")
    assert str(problem) == "a.toml: is empty"


def test_problem_str_with_line_and_column() -> None:
    problem = Problem(Path("a.toml"), "bad", line=3, column=7, example='x = "y"')
    assert str(problem) == 'a.toml: line 3, column 7: bad, e.g. x = "y"'


def test_routine_error_keeps_path_and_problems() -> None:
    with pytest.raises(RoutineError) as caught:
        parse('name = "x"\n')
    assert caught.value.path == SOURCE
    assert caught.value.problems[0].field == "steps"


# -- TOML syntax -------------------------------------------------------------------------


def test_syntax_error_keeps_line_and_column() -> None:
    line = only_problem('name = "x"\n[[steps]]\nname = "a"\ntime = "1m\n')
    assert line.startswith(f"{SOURCE}: line 4, column 11: is not valid TOML")
    assert "closing quote" in line


def test_unquoted_duration_gets_a_quoted_example() -> None:
    line = only_problem('name = "x"\n[[steps]]\nname = "a"\ntime = 30s\n')
    assert "line 4" in line
    assert 'text needs quotes, e.g. time = "30s"' in line


def test_duplicate_key_is_explained() -> None:
    line = only_problem('name = "x"\nname = "y"\n[[steps]]\nname = "a"\ntime = "1m"\n')
    assert "line 2" in line
    assert "appears twice" in line


# -- top level ---------------------------------------------------------------------------


def test_missing_name() -> None:
    line = only_problem('[[steps]]\nname = "a"\ntime = "1m"\n')
    assert line == f'{SOURCE}: name: missing, e.g. name = "Dynamic warm-up"'


def test_name_of_wrong_type() -> None:
    line = only_problem('name = 5\n[[steps]]\nname = "a"\ntime = "1m"\n')
    assert "name: must be text in quotes, not a number" in line


def test_blank_name() -> None:
    assert "name: is empty" in only_problem('name = "  "\n[[steps]]\nname = "a"\ntime = "1m"\n')


def test_routine_name_too_long() -> None:
    long = "x" * 61
    line = only_problem(f'name = "{long}"\n[[steps]]\nname = "a"\ntime = "1m"\n')
    assert "name: is 61 characters, more than the 60 allowed" in line


def test_unknown_routine_kind_suggests_the_right_one() -> None:
    line = only_problem('name = "x"\nkind = "warmup"\n[[steps]]\nname = "a"\ntime = "1m"\n')
    assert 'kind: "warmup" is not a routine kind' in line
    assert "warm-up, stretch, cool-down, mixed" in line
    assert line.endswith('e.g. kind = "warm-up"')


def test_unknown_top_level_key_did_you_mean() -> None:
    line = only_problem('name = "x"\nsumary = "y"\n[[steps]]\nname = "a"\ntime = "1m"\n')
    assert 'sumary: unknown key; did you mean "summary"?' in line


def test_unknown_key_without_a_close_match_lists_the_keys() -> None:
    line = only_problem('name = "x"\nzzz = 1\n[[steps]]\nname = "a"\ntime = "1m"\n')
    assert "zzz: unknown key; the keys here are name, kind, summary, defaults, steps" in line


def test_countdown_at_top_level_belongs_under_defaults() -> None:
    line = only_problem('name = "x"\ncountdown = 3\n[[steps]]\nname = "a"\ntime = "1m"\n')
    assert "countdown: countdown belongs under [defaults]" in line


def test_step_key_at_top_level() -> None:
    line = only_problem('name = "x"\ntime = "1m"\n[[steps]]\nname = "a"\ntime = "1m"\n')
    assert "time: time belongs to a step" in line


def test_top_level_key_written_after_defaults() -> None:
    text = 'name = "x"\n[defaults]\ncountdown = 3\nsummary = "late"\n[[steps]]\nname = "a"\n' \
        'time = "1m"\n'
    line = only_problem(text)
    assert "defaults.summary: summary belongs at the top of the file" in line
    assert "TOML puts every key below" in line


def test_top_level_key_written_after_a_step() -> None:
    line = only_problem(routine_with_step('name = "a"\ntime = "1m"\nsummary = "late"\n'))
    assert 'step 1 "a": summary: summary belongs at the top of the file' in line


def test_missing_steps() -> None:
    line = only_problem('name = "x"\n')
    assert "steps: missing; a routine needs at least one step" in line
    assert "[[steps]]" in line


def test_empty_steps_list() -> None:
    line = only_problem('name = "x"\nsteps = []\n')
    assert "steps: is empty; add at least one step" in line


def test_steps_as_a_single_table() -> None:
    line = only_problem('name = "x"\n[steps]\nname = "a"\ntime = "1m"\n')
    assert "steps: must be a list of steps, each starting with [[steps]] (double brackets)" in line


def test_steps_of_wrong_type() -> None:
    assert "steps: must be a list of steps, not text" in only_problem('name = "x"\nsteps = "a"\n')


def test_step_that_is_not_a_table() -> None:
    line = only_problem('name = "x"\nsteps = [1]\n')
    assert "step 1: must be a table, not a number" in line


def test_long_summary() -> None:
    text = f'name = "x"\nsummary = "{"y" * 501}"\n[[steps]]\nname = "a"\ntime = "1m"\n'
    assert "summary: is 501 characters, more than the 500 allowed" in only_problem(text)


def test_control_character_in_name() -> None:
    line = only_problem('name = "x\\u001b[2J"\n[[steps]]\nname = "a"\ntime = "1m"\n')
    assert "name: contains a control character" in line


@pytest.mark.parametrize(
    ("value", "what"),
    [("\\u202e", "an invisible bidi control (U+202E) that reorders text on screen"),
     ("\\u2066", "an invisible bidi control (U+2066) that reorders text on screen"),
     ("\\u009b", "a control character (U+009B)"),
     ("\\u007f", "a control character (U+007F)"), ("\\u0007", "a control character (U+0007)")],
)
def test_unsafe_characters_in_a_cue_are_named_by_code_point(value: str, what: str) -> None:
    line = only_problem(routine_with_step(f'name = "A"\ntime = "1m"\ncue = "x{value}y"\n'))
    assert line == f'{SOURCE}: step 1 "A": cue: contains {what}; use plain text, e.g. ' \
        'cue = "Back heel down, lean into the wall."'


@pytest.mark.parametrize("value", ["\\u200b", "\\u200d\\u2060 ", "\\ufeff", "\\u00ad\\u3164"])
def test_a_name_of_invisible_characters_is_empty(value: str) -> None:
    line = only_problem(routine_with_step(f'name = "{value}"\ntime = "1m"\n'))
    assert line == f"{SOURCE}: step 1: name: has nothing visible in it: only spaces or " \
        'invisible characters, e.g. name = "Calf stretch"'


def test_brackets_and_markup_in_names_and_cues_are_plain_text() -> None:
    routine = parse('name = "Hold [30 s]"\n[[steps]]\nname = "[b]Calf[/b] [left]"\n'
                    'time = "30s"\ncue = "[red]Heel down[/red] [link=x]y[/link]"\n')
    step = routine.steps[0]
    assert (routine.name, step.name, step.cue) == (
        "Hold [30 s]", "[b]Calf[/b] [left]", "[red]Heel down[/red] [link=x]y[/link]")


def test_a_value_repeated_in_a_problem_is_cleaned_and_cut() -> None:
    line = only_problem(routine_with_step(f'name = "A"\ntime = "1m"\nkind = "\\u001b{"w" * 80}"\n'))
    assert f'kind: "\ufffd{"w" * 38}…" is not a step kind' in line


def test_a_huge_duration_is_a_problem_not_a_crash() -> None:
    line = only_problem(routine_with_step(f'name = "A"\ntime = "{"9" * 5000}s"\n'))
    assert 'time: "9999' in line and "is far too long for a step" in line


# -- defaults ----------------------------------------------------------------------------


def test_defaults_not_a_table() -> None:
    line = only_problem('name = "x"\ndefaults = 3\n[[steps]]\nname = "a"\ntime = "1m"\n')
    assert "defaults: must be a table, not a number" in line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11", "defaults.countdown: 11 is out of range"),
        ("-1", "defaults.countdown: -1 is out of range"),
        ("true", "defaults.countdown: must be a whole number from 0 to 10 without quotes, "
                 "not true/false"),
        ('"3"', "not text, e.g. countdown = 3"),
        ("2.5", "not a number"),
    ],
)
def test_bad_default_countdown(value: str, expected: str) -> None:
    text = f'name = "x"\n[defaults]\ncountdown = {value}\n[[steps]]\nname = "a"\ntime = "1m"\n'
    assert expected in only_problem(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", 'defaults.switch: must be text with a unit, not a number, e.g. switch = "5s"'),
        ('"5"', 'defaults.switch: "5" is not a duration'),
        ('"2m"', 'defaults.switch: "2m" is longer than the 1m a change of sides may take'),
        ('"5s..10s"', "is not a duration"),
        ('"open"', "is not a duration"),
    ],
)
def test_bad_switch(value: str, expected: str) -> None:
    text = f'name = "x"\n[defaults]\nswitch = {value}\n[[steps]]\nname = "a"\ntime = "1m"\n'
    assert expected in only_problem(text)


def test_unknown_defaults_key() -> None:
    text = 'name = "x"\n[defaults]\ncountdwn = 3\n[[steps]]\nname = "a"\ntime = "1m"\n'
    assert 'defaults.countdwn: unknown key; did you mean "countdown"?' in only_problem(text)


def test_step_key_under_defaults() -> None:
    text = 'name = "x"\n[defaults]\nkind = "walk"\n[[steps]]\nname = "a"\ntime = "1m"\n'
    assert "defaults.kind: kind belongs at the top of the file" in only_problem(text)


def test_cue_under_defaults() -> None:
    text = 'name = "x"\n[defaults]\ncue = "hi"\n[[steps]]\nname = "a"\ntime = "1m"\n'
    assert "defaults.cue: cue is set per step" in only_problem(text)


# -- steps -------------------------------------------------------------------------------


def test_step_missing_name() -> None:
    line = only_problem(routine_with_step('time = "1m"\n'))
    assert line == f'{SOURCE}: step 1: name: missing, e.g. name = "Calf stretch"'


def test_step_missing_time() -> None:
    line = only_problem(routine_with_step('name = "Calf stretch"\n'))
    assert 'step 1 "Calf stretch": time: missing; every step needs a time' in line
    assert '"5m..10m" or "open"' in line


@pytest.mark.parametrize(
    ("value", "example"),
    [("30", 'time = "30s"'), ("90", 'time = "1m30s"'), ("1.5", 'time = "1s"'),
     ("true", 'time = "30s"'), ("[1]", 'time = "30s"')],
)
def test_time_of_wrong_type_gets_a_text_example(value: str, example: str) -> None:
    line = only_problem(routine_with_step(f'name = "A"\ntime = {value}\n'))
    assert 'step 1 "A": time: must be text with a unit' in line
    assert line.endswith(f"e.g. {example}")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"30"', '"30" is not a duration; write a number with a unit'),
        ('"3h"', "longer than the 2h a step may last"),
        ('"0s"', "is zero"),
        ('"10m..5m"', "must end after it starts"),
        ('"1m1m"', 'names "m" twice'),
        ('"soon"', '"soon" is not a duration'),
    ],
)
def test_bad_time_text(value: str, expected: str) -> None:
    line = only_problem(routine_with_step(f'name = "A"\ntime = {value}\n'))
    assert 'step 1 "A": time: ' in line
    assert expected in line


def test_unknown_step_kind() -> None:
    line = only_problem(routine_with_step('name = "A"\ntime = "1m"\nkind = "wlak"\n'))
    assert 'step 1 "A": kind: "wlak" is not a step kind (one of walk, move, stretch, massage, ' \
           'rest), e.g. kind = "walk"' in line


def test_unknown_step_key_did_you_mean() -> None:
    line = only_problem(routine_with_step('name = "A"\ntime = "1m"\ncues = "x"\n'))
    assert 'step 1 "A": cues: unknown key; did you mean "cue"?' in line


def test_step_key_synonym_is_recognised() -> None:
    line = only_problem(routine_with_step('name = "A"\ntime = "1m"\nduration = "1m"\n'))
    assert 'duration: unknown key; did you mean "time"? e.g. time = "30s"' in line


def test_switch_inside_a_step() -> None:
    line = only_problem(routine_with_step('name = "A"\ntime = "1m"\nswitch = "5s"\n'))
    assert "switch: switch is set once for the whole routine" in line


def test_step_name_too_long() -> None:
    name = "A" * 61
    line = only_problem(routine_with_step(f'name = "{name}"\ntime = "1m"\n'))
    assert "name: is 61 characters, more than the 60 allowed" in line
    assert "…" in line


def test_cue_too_long_says_why() -> None:
    cue = "word " * 41
    line = only_problem(routine_with_step(f'name = "A"\ntime = "1m"\ncue = "{cue}"\n'))
    assert 'step 1 "A": cue: is 204 characters, more than the 200 allowed' in line
    assert "read at a glance" in line


def test_cue_of_wrong_type() -> None:
    line = only_problem(routine_with_step('name = "A"\ntime = "1m"\ncue = 3\n'))
    assert "cue: must be text in quotes, not a number" in line


@pytest.mark.parametrize(
    ("value", "example"),
    [('"yes"', "sides = true"), ('"no"', "sides = false"), ("1", "sides = true")],
)
def test_sides_must_be_a_boolean(value: str, example: str) -> None:
    line = only_problem(routine_with_step(f'name = "A"\ntime = "1m"\nsides = {value}\n'))
    assert "sides: must be true or false without quotes" in line
    assert line.endswith(f"e.g. {example}")


@pytest.mark.parametrize("value", ["11", "-1"])
def test_step_countdown_out_of_range(value: str) -> None:
    line = only_problem(routine_with_step(f'name = "A"\ntime = "1m"\ncountdown = {value}\n'))
    assert f'step 1 "A": countdown: {value} is out of range' in line


def test_step_countdown_boolean_is_not_a_number() -> None:
    line = only_problem(routine_with_step('name = "A"\ntime = "1m"\ncountdown = false\n'))
    assert "countdown: must be a whole number from 0 to 10" in line
    assert "not true/false" in line


@pytest.mark.parametrize("value", ["start", "tick", "halfway", "switch", "end", "done"])
def test_known_sound_names(value: str) -> None:
    step = parse(routine_with_step(f'name = "A"\ntime = "1m"\nsound = "{value}"\n')).steps[0]
    assert isinstance(step, Step)
    assert step.sound == value


@pytest.mark.parametrize(
    "value", ["../x.wav", "/etc/passwd", "C:\\\\beep.wav", "beep.wav", "sounds/start", "x:y"]
)
def test_sound_never_names_a_file(value: str) -> None:
    line = only_problem(routine_with_step(f'name = "A"\ntime = "1m"\nsound = "{value}"\n'))
    assert 'step 1 "A": sound: ' in line
    assert "looks like a file" in line
    assert "never a file" in line
    assert "start, tick, halfway, switch, end, done" in line
    assert line.endswith('e.g. sound = "halfway"')


def test_unknown_sound_name_suggests_the_closest() -> None:
    line = only_problem(routine_with_step('name = "A"\ntime = "1m"\nsound = "hafway"\n'))
    assert '"hafway" is not a cue name' in line
    assert line.endswith('e.g. sound = "halfway"')


def test_sound_of_wrong_type() -> None:
    line = only_problem(routine_with_step('name = "A"\ntime = "1m"\nsound = 1\n'))
    assert "sound: must be a cue name in quotes" in line


# -- groups ------------------------------------------------------------------------------

GROUP = """
name = "Strides"
[[steps]]
name = "Strides"
{extra}
  [[steps.steps]]
  name = "Stride"
  time = "20s"
"""


def group(extra: str) -> str:
    return GROUP.format(extra=extra)


def test_group_with_a_time() -> None:
    line = only_problem(group('repeat = 4\ntime = "2m"'))
    assert 'step 1 "Strides": time: a group (a step with repeat and steps) has no time' in line


def test_group_with_step_keys() -> None:
    line = only_problem(group('repeat = 4\ncue = "Fast"'))
    assert 'step 1 "Strides": cue: a group takes only name, repeat and steps' in line


@pytest.mark.parametrize(("value", "expected"), [("0", "0 is out of range"),
                                                 ("101", "101 is out of range"),
                                                 ("-3", "-3 is out of range")])
def test_repeat_out_of_range(value: str, expected: str) -> None:
    line = only_problem(group(f"repeat = {value}"))
    assert f'step 1 "Strides": repeat: {expected}: a group repeats from 1 to 100 times' in line


@pytest.mark.parametrize(("value", "example"), [('"4"', "repeat = 4"), ("true", "repeat = 4"),
                                                ("2.0", "repeat = 4")])
def test_repeat_of_wrong_type(value: str, example: str) -> None:
    line = only_problem(group(f"repeat = {value}"))
    assert "repeat: must be a whole number without quotes" in line
    assert line.endswith(f"e.g. {example}")


def test_group_without_repeat() -> None:
    line = only_problem(group(""))
    assert 'step 1 "Strides": repeat: missing' in line


def test_repeat_without_steps() -> None:
    line = only_problem('name = "x"\n[[steps]]\nname = "Strides"\nrepeat = 4\n')
    assert 'step 1 "Strides": steps: missing; a group repeats the steps below it' in line
    assert "[[steps.steps]]" in line


def test_group_without_name() -> None:
    line = only_problem('name = "x"\n[[steps]]\nrepeat = 2\n[[steps.steps]]\nname = "a"\n'
                        'time = "1m"\n')
    assert "step 1: name: missing" in line


def test_empty_group() -> None:
    line = only_problem('name = "x"\n[[steps]]\nname = "G"\nrepeat = 2\nsteps = []\n')
    assert 'step 1 "G": steps: is empty' in line


def test_nesting_deeper_than_three() -> None:
    text = """
    name = "Deep"
    [[steps]]
    name = "L1"
    repeat = 2
      [[steps.steps]]
      name = "L2"
      repeat = 2
        [[steps.steps.steps]]
        name = "L3"
        repeat = 2
          [[steps.steps.steps.steps]]
          name = "L4"
          time = "5s"
    """
    line = only_problem(text)
    assert 'step 1 "L1" › step 1 "L2" › step 1 "L3": steps: groups nest at most 3 levels' in line


def test_more_than_500_expanded_steps() -> None:
    inner = "".join(f'[[steps.steps]]\nname = "S{i}"\ntime = "1s"\n' for i in range(6))
    line = only_problem(f'name = "x"\n[[steps]]\nname = "G"\nrepeat = 100\n{inner}')
    assert "steps: expands to 600 steps, more than the 500 a routine may have" in line


def test_expanded_count_includes_switch_steps() -> None:
    inner = '[[steps.steps]]\nname = "S"\ntime = "1s"\nsides = true\n'
    text = f'name = "x"\n[[steps]]\nname = "G"\nrepeat = 100\n{inner}' \
        '[[steps]]\nname = "H"\nrepeat = 100\n' + inner.replace("steps.steps", "steps.steps")
    assert "expands to 600 steps" in only_problem(text)


def test_expansion_limit_is_checked_without_expanding(monkeypatch: pytest.MonkeyPatch) -> None:
    import coach.routine.timeline

    def explode(routine: Any) -> None:
        raise AssertionError("expand() must not run during validation")

    monkeypatch.setattr(coach.routine.timeline, "expand", explode)
    inner = "".join(f'[[steps.steps.steps]]\nname = "S{i}"\ntime = "1s"\n' for i in range(5))
    text = (f'name = "x"\n[[steps]]\nname = "G"\nrepeat = 100\n[[steps.steps]]\nname = "H"\n'
            f"repeat = 100\n{inner}")
    assert "expands to 50000 steps" in only_problem(text)


# -- files -------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert str(caught.value) == f"{path}: no such file; `coach routines list` shows the " \
                                "routines there are"


def test_directory_instead_of_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    with pytest.raises(RoutineError) as caught:
        load_routine(folder)
    assert str(caught.value) == f"{folder}: is a folder, not a routine file; name a .toml " \
                                "file inside it"


def test_file_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_bytes(b"#" * (1024 * 1024))
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert str(caught.value) == (
        f"{path}: too big for a routine file (1.0 MB, the limit is 512 KB); a routine file "
        "is a few KB, so this is probably not a routine"
    )


def test_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "padded.toml"
    text = routine_with_step('name = "A"\ntime = "1m"\n')
    path.write_bytes(text.encode() + b"#" * (loader.MAX_FILE_BYTES - len(text)))
    assert load_routine(path).name == "Test"


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "x"\n[[steps]]\nname = "Caf\xe9"\ntime = "1m"\n'.encode("latin-1"))
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert str(caught.value) == (
        f"{path}: line 3, column 12: is not UTF-8 text (byte 0xe9); save it as UTF-8 in your "
        "editor"
    )


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.toml"
    path.write_text(GOOD, encoding="utf-8")

    def denied(path: Path, *args: Any) -> bytes:
        raise FileProblem(f"{path}: cannot read it (Permission denied)")

    monkeypatch.setattr(loader, "read_bytes", denied)
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert str(caught.value) == f"{path}: cannot be read: permission denied"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    lines = str(caught.value).splitlines()
    assert lines[0] == f'{path}: name: missing, e.g. name = "Dynamic warm-up"'
    assert lines[1].startswith(f"{path}: steps: missing")


# -- the JSON schema ---------------------------------------------------------------------


def test_shipped_schema_matches_the_model() -> None:
    shipped = json.loads((REPO / "routines" / "schema.json").read_text(encoding="utf-8"))
    assert shipped == routine_schema(), (
        "routines/schema.json is out of date; regenerate it with: "
        "coach routines schema > routines/schema.json"
    )


def test_schema_is_draft_2020_12() -> None:
    assert routine_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_keys_are_the_loaders_keys() -> None:
    schema = routine_schema()
    assert tuple(schema["properties"]) == loader.TOP_KEYS
    assert tuple(schema["properties"]["defaults"]["properties"]) == loader.DEFAULTS_KEYS
    assert tuple(schema["$defs"]["step"]["properties"]) == loader.STEP_KEYS
    assert tuple(schema["$defs"]["group1"]["properties"]) == loader.GROUP_KEYS


def test_schema_documents_every_key() -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert "description" in prop or "$ref" in prop, name
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(routine_schema())


def test_schema_enums_and_limits_come_from_the_model() -> None:
    schema = routine_schema()
    step = schema["$defs"]["step"]["properties"]
    assert schema["properties"]["kind"]["enum"] == ["warm-up", "stretch", "cool-down", "mixed"]
    assert step["kind"]["enum"] == ["walk", "move", "stretch", "massage", "rest"]
    assert step["sound"]["enum"] == ["start", "tick", "halfway", "switch", "end", "done"]
    assert step["name"]["maxLength"] == 60
    assert step["cue"]["maxLength"] == 200
    assert schema["$defs"]["group1"]["properties"]["repeat"]["maximum"] == 100


@pytest.mark.parametrize("text", ["45s", "2m", "1m30s", "1h", "5m..10m", "open", "OPEN", " 2M "])
def test_duration_pattern_accepts_what_the_parser_accepts(text: str) -> None:
    from coach.routine.durations import parse_step_time

    parse_step_time(text)
    assert re.match(loader.DURATION_PATTERN, text)


@pytest.mark.parametrize("text", ["30", "soon", "5m..", "..5m", "1.5m", "open..", ""])
def test_duration_pattern_rejects_what_the_parser_rejects(text: str) -> None:
    from coach.routine.durations import DurationError, parse_step_time

    with pytest.raises(DurationError):
        parse_step_time(text)
    assert not re.match(loader.DURATION_PATTERN, text)


def _schema_errors(schema: dict[str, Any], data: Any, node: dict[str, Any] | None = None,
                   at: str = "") -> list[str]:
    """A small validator for the keywords the routine schema uses, to test it without deps."""
    node = schema if node is None else node
    if "$ref" in node:
        target: Any = schema
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return _schema_errors(schema, data, target, at)
    errors: list[str] = []
    kinds = {"object": dict, "array": list, "string": str, "boolean": bool}
    expected = node.get("type")
    if expected == "integer":
        if isinstance(data, bool) or not isinstance(data, int):
            return [f"{at}: not an integer"]
    elif expected and not isinstance(data, kinds[expected]):
        return [f"{at}: not {expected}"]
    if "enum" in node and data not in node["enum"]:
        errors.append(f"{at}: not in enum")
    if "pattern" in node and not re.search(node["pattern"], data):
        errors.append(f"{at}: pattern")
    if "minLength" in node and len(data) < node["minLength"]:
        errors.append(f"{at}: too short")
    if "maxLength" in node and len(data) > node["maxLength"]:
        errors.append(f"{at}: too long")
    if "minimum" in node and data < node["minimum"]:
        errors.append(f"{at}: below minimum")
    if "maximum" in node and data > node["maximum"]:
        errors.append(f"{at}: above maximum")
    if "minItems" in node and len(data) < node["minItems"]:
        errors.append(f"{at}: too few items")
    for key in node.get("required", []):
        if key not in data:
            errors.append(f"{at}: {key} required")
    if isinstance(data, dict):
        props = node.get("properties", {})
        for key, value in data.items():
            if key in props:
                errors += _schema_errors(schema, value, props[key], f"{at}.{key}")
            elif node.get("additionalProperties") is False:
                errors.append(f"{at}: {key} not allowed")
    if isinstance(data, list) and "items" in node:
        for index, value in enumerate(data):
            errors += _schema_errors(schema, value, node["items"], f"{at}[{index}]")
    if "oneOf" in node:
        matches = [not _schema_errors(schema, data, option, at) for option in node["oneOf"]]
        if matches.count(True) != 1:
            errors.append(f"{at}: matches {matches.count(True)} of oneOf")
    return errors


def test_schema_accepts_a_good_routine() -> None:
    assert _schema_errors(routine_schema(), tomllib.loads(GOOD)) == []


@pytest.mark.parametrize(
    "path", sorted((REPO / "routines").glob("*.toml")), ids=lambda path: path.name
)
def test_schema_accepts_every_builtin(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert _schema_errors(routine_schema(), data) == []


@pytest.mark.parametrize(
    "text",
    [
        routine_with_step('name = "A"\ntime = 30\n'),
        routine_with_step('name = "A"\ntime = "30"\n'),
        routine_with_step('name = "A"\ntime = "1m"\nsound = "beep.wav"\n'),
        routine_with_step('name = "A"\ntime = "1m"\ntme = "1m"\n'),
        routine_with_step('name = "A"\ntime = "1m"\ncountdown = 11\n'),
        routine_with_step('name = "A"\nrepeat = 2\ntime = "1m"\n[[steps.steps]]\nname = "B"\n'
                          'time = "1s"\n'),
        group("repeat = 0"),
        'name = "x"\nsteps = []\n',
        'name = "x"\nkind = "warmup"\n[[steps]]\nname = "a"\ntime = "1m"\n',
        'name = "x"\n[defaults]\nswitch = "5"\n[[steps]]\nname = "a"\ntime = "1m"\n',
    ],
)
def test_schema_rejects_what_the_loader_rejects(text: str) -> None:
    with pytest.raises(RoutineError):
        parse(text)
    assert _schema_errors(routine_schema(), tomllib.loads(text)) != []


def test_starter_template_is_valid(tmp_path: Path) -> None:
    starter = REPO / "coach" / "routine" / "starter.toml"
    routine = load_routine(starter)
    assert routine.name == "New routine"
    assert _schema_errors(routine_schema(), tomllib.loads(starter.read_text("utf-8"))) == []


@pytest.mark.parametrize(
    ("where", "key", "guess"),
    [("top", "description", "summary"), ("step", "description", "cue"),
     ("step", "rounds", "repeat"), ("top", "Name", "name"), ("step", "Sides", "sides")],
)
def test_synonyms_fit_the_table(where: str, key: str, guess: str) -> None:
    if where == "top":
        text = f'name = "x"\n{key} = "y"\n[[steps]]\nname = "a"\ntime = "1m"\n'
    else:
        text = routine_with_step(f'name = "A"\ntime = "1m"\n{key} = "y"\n')
    assert f'{key}: unknown key; did you mean "{guess}"?' in "\n".join(problems(text))


def test_a_file_of_thousands_of_problems_reports_the_first_hundred() -> None:
    found = problems('name = "x"\n' + '[[steps]]\nname = "\\u202e"\ntime = "x"\n' * 300)
    assert len(found) == 101
    assert found[-1] == f"{SOURCE}: and 500 more problems; fix the ones above first, then " \
                        "check the file again"
