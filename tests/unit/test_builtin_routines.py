"""The built-in routines keep the promises runners rely on.

These are facts about running, not about file syntax: a cool-down walk is 5–10 flexible
minutes, stretches are held long enough to do something, a warm-up jogs easily before the
drills, the morning warm-up is the longer one, cues can be read at a glance mid-stretch and
say which leg works, and there is a routine for each situation a runner meets.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from coach.routine.durations import StepTime, parse_seconds, parse_step_time
from coach.routine.model import (
    DEFAULT_COUNTDOWN,
    DEFAULT_SWITCH_SECONDS,
    ROUTINE_KINDS,
    STEP_KINDS,
    Entry,
    Group,
    Routine,
    Step,
)
from coach.routine.timeline import TotalTime, expand

ROUTINES_DIR = Path(__file__).resolve().parents[2] / "routines"
REQUIRED = (
    "warm-up",
    "morning-warm-up",
    "cool-down-walk",
    "post-run-stretch",
    "full-cool-down",
    "foot-care",
    "quick-warm-up",
    "quick-cool-down",
    "race-warm-up",
    "form-drills",
    "rest-day-mobility",
    "runner-strength",
    "shin-achilles-care",
    "after-long-run",
)
MAX_CUE = 80
SIDE_WORDS = ("named",)
"""Per-side cues say which leg works: "the named leg" is the one the player shows."""
MAX_NAME = 60
MIN_HOLD_SECONDS = 30


def _paths() -> list[Path]:
    return sorted(ROUTINES_DIR.glob("*.toml"))


def _raw(routine_id: str) -> dict[str, Any]:
    return tomllib.loads((ROUTINES_DIR / f"{routine_id}.toml").read_text(encoding="utf-8"))


def _build_entry(data: dict[str, Any]) -> Entry:
    if "steps" in data:
        return Group(
            name=data["name"],
            repeat=int(data["repeat"]),
            steps=tuple(_build_entry(item) for item in data["steps"]),
        )
    return Step(
        name=data["name"],
        kind=data["kind"],
        time=parse_step_time(data["time"]),
        cue=data.get("cue", ""),
        sides=bool(data.get("sides", False)),
    )


def _build(path: Path) -> Routine:
    """A plain reading of the file, used when the real loader is not available."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    defaults = data.get("defaults", {})
    switch = defaults.get("switch", DEFAULT_SWITCH_SECONDS)
    return Routine(
        id=path.stem,
        name=data["name"],
        kind=data["kind"],
        summary=data["summary"],
        steps=tuple(_build_entry(item) for item in data["steps"]),
        countdown=int(defaults.get("countdown", DEFAULT_COUNTDOWN)),
        switch=parse_seconds(switch) if isinstance(switch, str) else int(switch),
        source=path,
        builtin=True,
    )


def _load(routine_id: str) -> Routine:
    path = ROUTINES_DIR / f"{routine_id}.toml"
    try:
        from coach.routine.loader import load_routine
    except ImportError:
        return _build(path)
    return load_routine(path)


def _total(routine_id: str) -> TotalTime:
    return expand(_load(routine_id)).total


def _leaves(entries: tuple[Entry, ...]) -> list[Step]:
    steps: list[Step] = []
    for entry in entries:
        if isinstance(entry, Group):
            steps.extend(_leaves(entry.steps))
        else:
            steps.append(entry)
    return steps


def _all_steps() -> list[tuple[str, Step]]:
    return [(path.stem, step) for path in _paths() for step in _leaves(_load(path.stem).steps)]


def _names(routine_id: str) -> list[str]:
    return [step.name.lower() for step in _leaves(_load(routine_id).steps)]


def _minutes(seconds: int) -> float:
    return seconds / 60


# --- every file ---------------------------------------------------------------------------


@pytest.mark.parametrize("routine_id", REQUIRED)
def test_required_routine_is_shipped(routine_id: str) -> None:
    assert (ROUTINES_DIR / f"{routine_id}.toml").is_file()


@pytest.mark.parametrize("path", _paths(), ids=lambda p: p.stem)
def test_file_has_the_core_keys(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["name"].strip()
    assert data["kind"] in ROUTINE_KINDS
    assert data["summary"].strip()
    assert data["steps"]
    defaults = data["defaults"]
    assert 0 <= defaults["countdown"] <= 10
    assert parse_seconds(defaults["switch"]) > 0


@pytest.mark.parametrize("path", _paths(), ids=lambda p: p.stem)
def test_every_step_has_a_kind_a_time_and_a_cue(path: Path) -> None:
    def check(steps: list[dict[str, Any]]) -> None:
        for step in steps:
            if "steps" in step:
                assert step["repeat"] >= 1
                check(step["steps"])
                continue
            assert step["kind"] in STEP_KINDS, step["name"]
            parse_step_time(step["time"])
            assert step["cue"].strip(), f"{step['name']} has no cue"

    check(tomllib.loads(path.read_text(encoding="utf-8"))["steps"])


@pytest.mark.parametrize(
    ("routine_id", "step"), _all_steps(), ids=[f"{r}:{s.name}" for r, s in _all_steps()]
)
def test_cues_and_names_are_short_enough_to_read_mid_stretch(routine_id: str, step: Step) -> None:
    assert len(step.name) <= MAX_NAME
    assert len(step.cue) <= MAX_CUE, f"{routine_id}: {step.name}"


def test_at_least_twelve_builtins() -> None:
    assert len(_paths()) >= 12


@pytest.mark.parametrize(
    ("routine_id", "step"),
    [(r, s) for r, s in _all_steps() if s.sides],
    ids=[f"{r}:{s.name}" for r, s in _all_steps() if s.sides],
)
def test_per_side_cues_say_which_leg_works(routine_id: str, step: Step) -> None:
    assert any(word in step.cue.lower() for word in SIDE_WORDS), f"{routine_id}: {step.cue}"


def test_no_knee_circles_and_no_heel_to_toe_rule() -> None:
    for routine_id, step in _all_steps():
        assert "knee circle" not in step.name.lower(), routine_id
        assert "heel to toe " not in step.cue.lower(), routine_id


def test_per_side_holds_are_one_entry_not_left_and_right() -> None:
    for routine_id, step in _all_steps():
        words = step.name.lower().replace(",", " ").split()
        assert "left" not in words and "right" not in words, f"{routine_id}: {step.name}"


def test_every_per_side_stretch_is_held_at_least_30_seconds() -> None:
    holds = [(rid, s) for rid, s in _all_steps() if s.kind == "stretch" and s.sides]
    assert holds
    for routine_id, step in holds:
        assert step.time.minimum >= MIN_HOLD_SECONDS, f"{routine_id}: {step.name}"


def test_stretches_are_held_on_both_sides_in_the_timeline() -> None:
    timeline = expand(_load("post-run-stretch"))
    sides = [step.side for step in timeline if not step.switch]
    assert sides.count("left") == sides.count("right") > 0


def test_loader_accepts_every_builtin_when_present() -> None:
    loader = pytest.importorskip("coach.routine.loader")
    for path in _paths():
        routine = loader.load_routine(path)
        assert routine.id == path.stem


# --- warm-ups ----------------------------------------------------------------------------


def test_dynamic_warm_up_takes_10_to_14_minutes() -> None:
    total = _total("warm-up")
    assert total.open_steps == 0
    assert 10 <= _minutes(total.minimum) <= _minutes(total.maximum) <= 14


def test_morning_warm_up_is_the_longer_one() -> None:
    morning = _total("morning-warm-up")
    assert morning.open_steps == 0
    assert 13 <= _minutes(morning.minimum) <= 18
    assert morning.minimum > _total("warm-up").minimum


@pytest.mark.parametrize("routine_id", ["warm-up", "morning-warm-up", "form-drills"])
def test_an_easy_jog_of_3_to_5_minutes_comes_before_the_drills(routine_id: str) -> None:
    steps = _leaves(_load(routine_id).steps)
    names = [step.name.lower() for step in steps]
    jog = names.index("easy jog")
    assert steps[jog].time == StepTime(3 * 60, 5 * 60)
    drills = [i for i, name in enumerate(names)
              if any(d in name for d in ("swing", "lunge", "high knees", "skip", "march"))]
    assert drills and jog < min(drills)


@pytest.mark.parametrize("routine_id", ["warm-up", "morning-warm-up"])
def test_strides_are_optional_before_an_easy_run(routine_id: str) -> None:
    last = _load(routine_id).steps[-1]
    assert isinstance(last, Group) and "optional" in last.name.lower()
    first = _leaves(last.steps)[0]
    assert "optional" in first.cue.lower() and "→" in first.cue


def test_morning_warm_up_does_more_joint_work_before_the_fast_part() -> None:
    def joint_seconds(routine_id: str) -> int:
        seconds = 0
        for step in _leaves(_load(routine_id).steps):
            if "circle" in step.name.lower() or "roll" in step.name.lower():
                seconds += step.time.minimum * (2 if step.sides else 1)
        return seconds

    assert joint_seconds("morning-warm-up") > joint_seconds("warm-up")


@pytest.mark.parametrize("routine_id", ["warm-up", "morning-warm-up"])
def test_warm_up_starts_with_walking_and_works_joints_from_ankles_up(routine_id: str) -> None:
    routine = _load(routine_id)
    steps = _leaves(routine.steps)
    assert routine.kind == "warm-up"
    assert steps[0].kind == "walk"
    names = _names(routine_id)
    order = [
        next(i for i, name in enumerate(names) if joint in name and "circle" in name)
        for joint in ("ankle", "hip", "arm")
    ]
    # The regular one goes from the ground up; the morning one may start from the top.
    assert sorted(order) in (order, list(reversed(order)))
    swings = [s for s in steps if "leg swing" in s.name.lower()]
    assert len(swings) >= 2 and all(s.sides for s in swings)
    dynamic = {"lunge", "high knees", "butt kicks", "skip"}
    assert sum(any(d in name for d in dynamic) for name in names) >= 3


@pytest.mark.parametrize("routine_id", ["warm-up", "morning-warm-up"])
def test_warm_up_ends_with_repeated_strides_and_walk_backs(routine_id: str) -> None:
    last = _load(routine_id).steps[-1]
    assert isinstance(last, Group)
    assert "stride" in last.name.lower()
    assert last.repeat >= 3
    kinds = [step.kind for step in _leaves(last.steps)]
    assert kinds == ["move", "walk"]


# --- cool-downs --------------------------------------------------------------------------


def test_cool_down_walk_is_one_flexible_5_to_10_minute_walk() -> None:
    routine = _load("cool-down-walk")
    assert routine.kind == "cool-down"
    assert len(routine.steps) == 1
    step = routine.steps[0]
    assert isinstance(step, Step)
    assert step.kind == "walk"
    assert step.time == StepTime(5 * 60, 10 * 60)
    assert step.time.is_flexible


def test_post_run_stretch_covers_the_running_muscles() -> None:
    names = " | ".join(_names("post-run-stretch"))
    for muscle in ("calf", "hamstring", "quad", "hip flexor", "glute", "sole"):
        assert muscle in names, muscle
    assert "straight knee" in names and "bent knee" in names
    steps = _leaves(_load("post-run-stretch").steps)
    assert all(step.kind == "stretch" and step.sides for step in steps)


def test_full_cool_down_walks_then_stretches_then_massages() -> None:
    routine = _load("full-cool-down")
    assert routine.kind in ("mixed", "cool-down")
    steps = _leaves(routine.steps)
    assert steps[0].kind == "walk"
    assert steps[0].time == StepTime(5 * 60, 10 * 60)
    kinds = [step.kind for step in steps if step.kind != "rest"]
    first_massage = kinds.index("massage")
    assert "stretch" in kinds[:first_massage]
    assert all(kind == "massage" for kind in kinds[first_massage:])
    assert any(step.time.is_open for step in steps), "a pause before stretching"
    massages = [step for step in steps if step.kind == "massage"]
    names = " ".join(step.name.lower() for step in massages)
    assert "calf" in names and "foot" in names
    assert all(step.sides for step in massages)
    assert any("warm" in step.cue.lower() for step in massages)


def test_full_cool_down_is_the_walk_plus_the_stretches_plus_massage() -> None:
    total = _total("full-cool-down")
    walk = _total("cool-down-walk")
    stretch = _total("post-run-stretch")
    assert total.open_steps == 1
    assert total.minimum > walk.minimum + stretch.minimum
    assert total.maximum - total.minimum == walk.maximum - walk.minimum


# --- foot care ---------------------------------------------------------------------------


def test_foot_care_covers_strength_rolling_and_massage() -> None:
    names = " | ".join(_names("foot-care"))
    for exercise in ("toe", "towel", "arch", "ball", "calf raise", "massage"):
        assert exercise in names, exercise


def test_foot_care_summary_points_to_insoles_and_cushioned_shoes() -> None:
    summary = _raw("foot-care")["summary"].lower()
    assert "arch support" in summary
    assert "cushioned" in summary and "shoes" in summary


# --- routines for real needs -------------------------------------------------------------


def test_quick_warm_up_takes_3_to_4_minutes_and_jogs() -> None:
    total = _total("quick-warm-up")
    assert _load("quick-warm-up").kind == "warm-up"
    assert 3 <= _minutes(total.minimum) <= _minutes(total.maximum) <= 4
    assert "easy jog" in _names("quick-warm-up")


def test_quick_cool_down_walks_at_least_5_minutes_and_stays_short() -> None:
    routine = _load("quick-cool-down")
    total = _total("quick-cool-down")
    walk = _leaves(routine.steps)[0]
    assert routine.kind == "cool-down"
    assert walk.kind == "walk" and walk.time.minimum >= 5 * 60
    assert _minutes(total.maximum) <= 9


def test_per_side_cues_read_left_and_right_in_the_player() -> None:
    steps = expand(_load("post-run-stretch")).steps
    calf = [step for step in steps
            if step.name == "Calf stretch, straight knee" and not step.switch]
    assert [step.side for step in calf] == ["left", "right"]
    assert calf[0].cue.startswith("Hands on a wall, left leg back")
    assert "right leg back" in calf[1].cue
    assert not any("named" in step.cue.lower() for step in steps)


def test_the_glute_stretch_says_which_thigh_to_pull() -> None:
    glute = next(step for step in _leaves(_load("post-run-stretch").steps)
                 if "glute" in step.name.lower())
    assert "other thigh" in glute.cue


def test_foot_care_and_achilles_care_caution_about_bone_and_heel_pain() -> None:
    assert "bone" in _raw("foot-care")["summary"].lower()
    achilles = _raw("shin-achilles-care")["summary"].lower()
    assert "step level" in achilles and "worse" in achilles


def test_race_warm_up_jogs_long_then_strides_and_pick_ups() -> None:
    routine = _load("race-warm-up")
    steps = _leaves(routine.steps)
    assert routine.kind == "warm-up"
    assert steps[0].name.lower() == "easy jog" and steps[0].time.minimum >= 8 * 60
    groups = [entry.name.lower() for entry in routine.steps if isinstance(entry, Group)]
    assert any("stride" in name for name in groups) and any("pick" in name for name in groups)
    assert steps[-1].time.is_open


def test_form_drills_cover_cadence_feet_under_the_body_and_arms() -> None:
    steps = _leaves(_load("form-drills").steps)
    text = " ".join(f"{step.name} {step.cue}".lower() for step in steps)
    for part in ("quicker steps", "under your hip", "arm"):
        assert part in text, part


def test_rest_day_mobility_works_hips_and_lower_back() -> None:
    text = " ".join(f"{s.name} {s.cue}".lower() for s in _leaves(_load("rest-day-mobility").steps))
    for part in ("hip", "back"):
        assert part in text, part
    assert _raw("rest-day-mobility")["summary"]


def test_runner_strength_has_the_runner_exercises_twice_a_week() -> None:
    names = " | ".join(_names("runner-strength"))
    for exercise in ("calf raises, straight knee", "calf raises, bent knee", "bridge",
                     "split squat", "side plank", "balance"):
        assert exercise in names, exercise
    calf = [s for s in _leaves(_load("runner-strength").steps) if "calf" in s.name.lower()]
    assert all(step.sides for step in calf), "single-leg"
    assert "twice a week" in _raw("runner-strength")["summary"].lower()


def test_shin_and_achilles_care_has_tibialis_heel_walks_and_slow_raises() -> None:
    names = " | ".join(_names("shin-achilles-care"))
    for exercise in ("tibialis raise", "heel walk", "slow calf raise"):
        assert exercise in names, exercise


def test_after_a_long_run_walks_stretches_and_rubs_warm() -> None:
    routine = _load("after-long-run")
    steps = _leaves(routine.steps)
    assert routine.kind == "cool-down"
    assert steps[0].kind == "walk" and steps[0].time == StepTime(5 * 60, 10 * 60)
    kinds = {step.kind for step in steps}
    assert {"stretch", "massage"} <= kinds


def test_routines_the_tips_point_to_exist() -> None:
    from coach.soreness.tips import TIPS

    text = " ".join(tip.text for tip in TIPS).lower()
    named = {_load(path.stem).name.lower() for path in _paths()}
    for phrase in ("shin and achilles care", "rest-day mobility", "runner strength",
                   "quick warm-up"):
        assert phrase in text, phrase
        assert phrase in named, phrase


def test_cool_down_and_stretch_summaries_claim_no_more_than_the_evidence() -> None:
    for path in _paths():
        summary = _raw(path.stem)["summary"].lower()
        for claim in ("less sore", "prevents soreness", "lactic", "injuries come easier"):
            assert claim not in summary, (path.stem, claim)
