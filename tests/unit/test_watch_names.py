"""Step names cut to a watch's line: whole words where they fit, the side label always kept.

A watch shows about fifteen characters of a step's name, read at a glance mid-stretch;
"Hamstring stret" reads worse than "Hamstring". These check the cut on its own, on a
per-side step, and on the names every built-in routine exports.
"""

from __future__ import annotations

import io
from pathlib import Path

import fitdecode
import pytest

from coach.routine.catalog import resolve
from coach.watch.fit_workout import fit_workout, workout_steps
from coach.watch.icu import icu_workout
from coach.watch.plan import (
    WATCH_NAME_CHARS,
    WatchItem,
    WatchRepeat,
    WatchStep,
    watch_name,
    watch_plan,
)

REPO = Path(__file__).resolve().parents[2]
BUILTIN_IDS = sorted(path.stem for path in (REPO / "routines").glob("*.toml"))
SIDES = (" L", " R")


def test_a_name_that_fits_is_unchanged() -> None:
    assert watch_name("Calf stretch") == "Calf stretch"
    assert watch_name("Tibialis raises") == "Tibialis raises"  # exactly the limit
    assert watch_name("Calf stretch", " L") == "Calf stretch L"


def test_a_long_name_is_cut_at_a_word_not_inside_one() -> None:
    assert watch_name("Hamstring stretch") == "Hamstring"
    assert watch_name("Neck and shoulder rolls") == "Neck and"
    # A space just past the limit: every word before it is whole.
    assert watch_name("Walking lunges forward") == "Walking lunges"


def test_a_cut_name_never_ends_in_punctuation_or_an_open_bracket() -> None:
    assert watch_name("Leg swings, front to back") == "Leg swings"
    assert watch_name("Strides (optional)") == "Strides"
    assert watch_name("Arch lifts (short foot)", " L") == "Arch lifts L"


def test_one_long_word_is_cut_hard_at_the_limit() -> None:
    assert watch_name("Supercalifragilistic") == "Supercalifragil"
    assert watch_name("Supercalifragilistic", " R") == "Supercalifrag R"
    # A space only near the start keeps too little: the rest of the room is used instead.
    assert watch_name("Ab supercalifragilistic") == "Ab supercalifra"


def test_a_per_side_step_keeps_its_side_label() -> None:
    step = WatchStep("Hamstring stretch", 30, "cooldown", side="left")
    assert step.short == "Hamstring L"
    assert WatchStep("Hip flexor stretch", 30, "cooldown", side="right").short == "Hip flexor R"
    with fitdecode.FitReader(io.BytesIO(fit_workout(resolve("post-run-stretch")))) as reader:
        names = [frame.get_value("wkt_step_name") for frame in reader
                 if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "workout_step"]
    assert names.count("Hamstring L") == names.count("Hamstring R") == 1


def test_the_intervals_icu_text_keeps_names_whole() -> None:
    """intervals.icu shows a name in full, so its text is not cut to a watch's line."""
    text = icu_workout(resolve("post-run-stretch"))
    assert "Hamstring stretch, left" in text and "Hamstring stretch, right" in text


def _pairs(items: tuple[WatchItem, ...]) -> list[tuple[str, str]]:
    """(the name in full, the suffix the watch adds) for every step and repeat."""
    out: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, WatchRepeat):
            out.extend(_pairs(item.steps))
            out.append((item.name, ""))
        else:
            out.append((item.name, f" {item.side[0].upper()}" if item.side else ""))
    return out


@pytest.mark.parametrize("routine_id", BUILTIN_IDS)
def test_every_builtin_name_fits_and_ends_in_a_whole_word(routine_id: str) -> None:
    plan = watch_plan(resolve(routine_id))
    written = [step["wkt_step_name"] for step in workout_steps(plan)]
    for short, (full, suffix) in zip(written, _pairs(plan), strict=True):
        assert len(short) <= WATCH_NAME_CHARS, short
        assert short.endswith(suffix), (short, suffix)
        base = short.removesuffix(suffix) if suffix else short
        assert base and base == base.strip() and base[-1] not in ",.;:-(", short
        assert full.startswith(base), (short, full)
        if base == full:
            continue
        # Cut at a word boundary, unless the name has none that keeps half the room.
        room = WATCH_NAME_CHARS - len(suffix)
        whole_word = full[len(base)] in " ,.;:-("
        assert whole_word or full[: room + 1].rfind(" ") < room // 2, (short, full)
