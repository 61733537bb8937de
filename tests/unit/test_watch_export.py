"""Routines exported for watches: FIT workouts both vendors' decoders read, intervals.icu text.

Every built-in routine is exported and decoded twice (fitdecode, and Garmin's own SDK), then
the workout is *followed* as a watch would follow it (repeat steps jumping back) and compared
with the steps the player itself would run.
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Stream

from coach.cli import main
from coach.routine.catalog import resolve
from coach.routine.loader import load_routine
from coach.routine.timeline import expand
from coach.watch.fit_workout import fit_workout
from coach.watch.icu import icu_workout
from coach.watch.plan import HOME_NOTE, WATCH_NAME_CHARS

REPO = Path(__file__).resolve().parents[2]
BUILTIN_IDS = sorted(path.stem for path in (REPO / "routines").glob("*.toml"))
CREATED = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)


def _fitdecode_messages(data: bytes) -> dict[str, list[dict[str, Any]]]:
    messages: dict[str, list[dict[str, Any]]] = {}
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                values = {field.name: field.value for field in frame.fields}
                messages.setdefault(frame.name, []).append(values)
    return messages


def _garmin_messages(data: bytes) -> dict[str, list[dict[str, Any]]]:
    checker = Decoder(Stream.from_byte_array(bytearray(data)))
    assert checker.is_fit()
    assert checker.check_integrity()  # header and file CRC
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages


def _follow(steps: list[dict[str, Any]]) -> list[tuple[str, float | None]]:
    """The steps a watch runs, in order: (name, seconds or None for the lap button)."""
    done: list[tuple[str, float | None]] = []
    rounds: dict[int, int] = {}
    index = 0
    while index < len(steps):
        step = steps[index]
        if step["duration_type"] == "repeat_until_steps_cmplt":
            rounds[index] = rounds.get(index, 1)
            if rounds[index] < step["repeat_steps"]:
                rounds[index] += 1
                for inner in range(step["duration_step"], index):
                    rounds.pop(inner, None)
                index = step["duration_step"]
                continue
            rounds.pop(index)
        elif step["duration_type"] == "open":
            done.append((step["wkt_step_name"], None))
        else:
            done.append((step["wkt_step_name"], step["duration_time"]))
        index += 1
    return done


def _expected(routine_id: str) -> list[float | None]:
    """What the player runs, as a watch can: a flexible step is its minimum, then open."""
    lengths: list[float | None] = []
    for step in expand(resolve(routine_id)):
        time = step.time
        if time.maximum is None:
            lengths.append(None)
        elif time.maximum > time.minimum:
            lengths.extend([float(time.minimum), None] if time.minimum else [None])
        else:
            lengths.append(float(time.minimum))
    return lengths


@pytest.mark.parametrize("routine_id", BUILTIN_IDS)
def test_every_builtin_decodes_with_both_decoders_and_runs_as_the_player_does(
    routine_id: str,
) -> None:
    data = fit_workout(resolve(routine_id), created=CREATED)
    ours = _fitdecode_messages(data)
    garmins = _garmin_messages(data)

    assert ours["file_id"][0]["type"] == "workout"
    assert garmins["file_id_mesgs"][0]["type"] == "workout"
    (workout,) = ours["workout"]
    steps = ours["workout_step"]
    assert workout["sport"] == "running"
    assert workout["num_valid_steps"] == len(steps) == len(garmins["workout_step_mesgs"])
    assert garmins["workout_mesgs"][0]["num_valid_steps"] == len(steps)
    assert [s["message_index"] for s in steps] == list(range(len(steps)))
    assert all(len(s["wkt_step_name"]) <= WATCH_NAME_CHARS for s in steps)
    for mine, theirs in zip(steps, garmins["workout_step_mesgs"], strict=True):
        assert mine["wkt_step_name"] == theirs["wkt_step_name"]
        assert mine["duration_type"] == theirs["duration_type"]

    followed = _follow(steps)
    assert [seconds for _, seconds in followed] == _expected(routine_id)

    timeline = expand(resolve(routine_id))
    sided = [step for step in timeline if step.side and not step.switch]
    ran_sides = [name[-1] for name, _ in followed if name.endswith((" L", " R"))]
    assert ran_sides == ["L" if step.side == "left" else "R" for step in sided]


def test_warm_up_strides_are_a_repeat_step_not_copies() -> None:
    steps = _fitdecode_messages(fit_workout(resolve("warm-up"), created=CREATED))["workout_step"]
    repeats = [s for s in steps if s["duration_type"] == "repeat_until_steps_cmplt"]
    assert len(repeats) == 1
    (repeat,) = repeats
    assert repeat["repeat_steps"] == 4
    first = steps[repeat["duration_step"]]
    assert first["wkt_step_name"] == "Stride"
    assert steps[repeat["message_index"] - 1]["wkt_step_name"] == "Walk back"
    assert sum(1 for s in steps if s["wkt_step_name"] == "Stride") == 1


def test_cool_down_walk_is_five_minutes_then_lap_when_home() -> None:
    steps = _fitdecode_messages(
        fit_workout(resolve("cool-down-walk"), created=CREATED))["workout_step"]
    assert [(s["duration_type"], s.get("duration_time")) for s in steps] == [
        ("time", 300.0), ("open", None)]
    assert steps[1]["notes"] == HOME_NOTE
    assert {s["intensity"] for s in steps} == {"cooldown"}
    assert steps[0]["notes"].startswith("Drop from a jog")


def test_intensity_comes_from_the_step_and_the_routine() -> None:
    warm = _fitdecode_messages(fit_workout(resolve("warm-up"), created=CREATED))["workout_step"]
    by_name = {s["wkt_step_name"]: s.get("intensity") for s in warm}
    assert by_name["Brisk walk"] == "warmup"
    assert by_name["Switch sides"] == "rest"


def test_nested_repeats_and_per_side_holds_in_a_user_routine(tmp_path: Path) -> None:
    path = tmp_path / "ladder.toml"
    path.write_text(
        'name = "A ladder with a long name, longer than watches show"\n'
        'kind = "mixed"\nsummary = "x"\n'
        '[[steps]]\nname = "Outer"\nrepeat = 2\n'
        '  [[steps.steps]]\n  name = "Calf stretch against the wall"\n  kind = "stretch"\n'
        '  time = "30s"\n  sides = true\n'
        '  [[steps.steps]]\n  name = "Inner"\n  repeat = 3\n'
        '    [[steps.steps.steps]]\n    name = "Hop"\n    kind = "move"\n    time = "10s"\n',
        encoding="utf-8",
    )
    routine = load_routine(path)
    data = fit_workout(routine, created=CREATED)
    ours = _fitdecode_messages(data)
    _garmin_messages(data)
    followed = _follow(ours["workout_step"])
    hops = ["Hop"] * 3
    one_round = ["Calf stretch L", "Switch sides", "Calf stretch R", *hops]
    assert [name for name, _ in followed] == one_round * 2
    assert len(ours["workout"][0]["wkt_name"]) <= 32


def test_icu_text_has_sections_repeats_and_lap_steps() -> None:
    text = icu_workout(resolve("warm-up"))
    blocks = text.strip().split("\n\n")
    assert blocks[0].splitlines()[0] == "Warmup"
    assert "- 1m Brisk walk" in blocks[0]
    assert "- 15s Ankle circles, left" in blocks[0]
    assert "- 5s Switch sides" in blocks[0]
    assert blocks[1].splitlines() == ["Strides (optional) 4x", "- 20s Stride", "- 40s Walk back"]
    assert "- 2m Lap when ready press lap" in blocks[0]
    cool = icu_workout(resolve("cool-down-walk"))
    assert cool == "Cooldown\n- 5m Cool-down walk\n- 5m Lap when home press lap\n"


def test_export_command_writes_a_fit_file_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "walk.fit"
    assert main(["routines", "export", "cool-down-walk", "--format", "fit",
                 "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "GARMIN/NewFiles" in err
    assert _fitdecode_messages(out.read_bytes())["workout"][0]["wkt_name"] == "Cool-down walk"


def test_export_without_out_writes_id_fit_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["routines", "export", "warm-up", "--format", "fit"]) == 0
    assert (tmp_path / "warm-up.fit").stat().st_size > 100


def test_export_icu_prints_the_text(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["routines", "export", "cool-down-walk", "--format", "icu"]) == 0
    assert capfdbinary.readouterr().out.decode() == icu_workout(resolve("cool-down-walk"))


def test_export_of_an_unknown_routine_or_to_a_bad_place_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["routines", "export", "nope", "--format", "fit"]) != 0
    assert capsys.readouterr().err.strip().count("\n") == 0
    pipe = tmp_path / "a-pipe"
    os.mkfifo(pipe)
    assert main(["routines", "export", "warm-up", "--format", "fit", "--out",
                 str(pipe)]) != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "a-pipe" in err


def test_export_to_a_folder_writes_the_file_inside_it(tmp_path: Path) -> None:
    """``--out /Volumes/GARMIN/GARMIN/NewFiles``, as ``cp`` would take it."""
    folder = tmp_path / "NewFiles"
    folder.mkdir()
    assert main(["routines", "export", "warm-up", "--format", "fit", "--out",
                 str(folder)]) == 0
    assert main(["routines", "export", "warm-up", "--format", "icu", "--out",
                 str(folder)]) == 0
    assert sorted(path.name for path in folder.iterdir()) == ["warm-up.fit", "warm-up.txt"]


@pytest.mark.parametrize(("stem", "written"), [
    ("ev\n\x1b[31mil", "ev-31mil.fit"), ("-rf", "rf.fit"), (".", "routine.fit"),
    ("Hill: 4×30s?", "hill-430s.fit"),
])
def test_the_file_named_after_a_routine_is_a_plain_name_any_drive_takes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stem: str, written: str
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    routine = source / f"{stem}.toml"
    routine.write_bytes((REPO / "routines" / "quick-warm-up.toml").read_bytes())
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert main(["routines", "export", str(routine), "--format", "fit"]) == 0
    assert [path.name for path in here.iterdir()] == [written]


def test_per_side_notes_on_the_watch_name_the_leg_that_works() -> None:
    steps = _fitdecode_messages(fit_workout(resolve("post-run-stretch"), created=CREATED))[
        "workout_step"]
    notes = {step["wkt_step_name"]: step.get("notes") or "" for step in steps}
    assert not any("named" in note.lower() for note in notes.values())
    assert "left leg" in notes["Calf stretch L"].lower()
    assert "right leg" in notes["Calf stretch R"].lower()


def test_icu_names_never_read_as_lengths_repeats_or_steps(tmp_path: Path) -> None:
    """intervals.icu reads ``20s``, ``4x``, ``Z2`` or a leading ``-`` wherever they are:
    a name in the text must stay a name."""
    path = tmp_path / "hills.toml"
    path.write_text(
        'name = "- Hills 4x"\nkind = "mixed"\nsummary = "x"\n'
        '[[steps]]\nname = "Stride 20s at Z2, 2km"\nkind = "move"\ntime = "30s"\n'
        '[[steps]]\nname = "Set 3x"\nrepeat = 2\n'
        '  [[steps.steps]]\n  name = "Hop 10s"\n  kind = "move"\n  time = "10s"\n',
        encoding="utf-8",
    )
    import re

    text = icu_workout(load_routine(path))
    headers = [line for line in text.splitlines() if line and not line.startswith("- ")]
    assert [header for header in headers if re.search(r"\d+x$", header)] == ["Set 3 x 2x"]
    assert not any(line.startswith("-") for line in headers)
    for line in text.splitlines():
        if line.startswith("- "):
            length, name = line[2:].split(" ", 1)
            assert re.fullmatch(r"(\d+[hms])+", length)
            assert not re.search(r"\b\d+(s|m|h|x|km|mi|mtr)\b|\bC?Z\d", name), line


def test_a_fit_file_is_never_poured_onto_the_terminal(
    monkeypatch: pytest.MonkeyPatch, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["routines", "export", "warm-up", "--format", "fit", "--out", "-"]) != 0
    captured = capfdbinary.readouterr()
    assert b".FIT" not in captured.out
    assert captured.err.decode().strip().count("\n") == 0 and b"--out" in captured.err
