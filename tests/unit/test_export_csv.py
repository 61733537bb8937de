"""The CSV export tells the history's story: previews marked, soreness logged on its own and
imported runs in sections of their own, and a count line that says what was written."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.cli import main
from coach.routine.durations import StepTime
from coach.routine.model import Routine, Step
from coach.routine.timeline import expand
from coach.runs.model import Run
from coach.store import Store
from coach.store.exchange import export_csv
from coach.store.spreadsheet import CSV_COLUMNS, RUN_COLUMNS, SORENESS_COLUMNS

T0 = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)


def history(store: Store) -> None:
    walk = expand(Routine(id="walk", name="Walk", kind="cool-down", summary="",
                          steps=(Step("Walk", "walk", StepTime(60, 60)),)))
    real = store.start_session(walk, "after", T0)
    store.record_step(real, walk[0], "done", 60, 60, T0 + timedelta(minutes=1))
    store.end_session(real, "completed", 60, T0 + timedelta(minutes=1))
    quick = store.start_session(walk, "after", T0 + timedelta(hours=1), speed=30)
    store.record_step(quick, walk[0], "done", 60, 60, T0 + timedelta(hours=1, seconds=2))
    store.end_session(quick, "completed", 60, T0 + timedelta(hours=1, seconds=2))
    store.add_soreness(3, timing="standalone", regions={"calves": 5}, flags=["swelling"],
                       note="=stiff", recorded_at=T0 + timedelta(days=1))
    store.add_run(Run(start=T0 - timedelta(hours=1), seconds=3000, elapsed_seconds=3100,
                      sport="running", source="fit", distance_m=10_000, ascent_m=80,
                      descent_m=75, surface="trail", effort=6, shoe="Pegasus"), ["k1"])
    store.add_run(Run(start=T0 + timedelta(days=2), seconds=1800, elapsed_seconds=1800,
                      sport="running", source="gpx", distance_m=5_000), ["k2"])


def sections(text: str) -> list[list[list[str]]]:
    found: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text)):
        if not row:
            found.append([])
        else:
            found[-1].append(row)
    return found


def test_previews_logged_soreness_and_runs_each_have_their_rows() -> None:
    with Store.memory() as store:
        history(store)
        sessions, soreness, runs = sections(export_csv(store, tz=UTC))
    assert tuple(sessions[0]) == CSV_COLUMNS
    real, quick = (dict(zip(CSV_COLUMNS, row, strict=True)) for row in sessions[1:])
    assert (real["status"], real["speed"]) == ("completed", "1")
    assert (quick["status"], quick["speed"]) == ("preview", "30")  # not a completed session
    assert tuple(soreness[0]) == SORENESS_COLUMNS
    entry = dict(zip(SORENESS_COLUMNS, soreness[1], strict=True))
    assert entry["overall"] == "3" and entry["regions"] == "calves 5"
    assert entry["warning_signs"] == "swelling" and entry["note"] == "'=stiff"
    assert tuple(runs[0]) == RUN_COLUMNS
    first, second = (dict(zip(RUN_COLUMNS, row, strict=True)) for row in runs[1:])
    assert (first["date"], first["distance_km"], first["moving_minutes"]) == (
        "2024-06-01", "10", "50")
    assert (first["surface"], first["shoe"], first["effort"], first["load"]) == (
        "trail", "Pegasus", "6", "300")
    assert (second["effort"], second["load"]) == ("", "")  # no effort: no load, not 0


def test_the_count_line_says_what_the_csv_holds(
    coach_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open() as store:
        history(store)
    out = tmp_path / "history.csv"
    assert main(["export", "--format", "csv", "--out", str(out)]) == 0
    assert capsys.readouterr().err == (
        "Exported 2 sessions (1 preview), 1 soreness entry logged on its own and 2 runs "
        f"to {out}\n")
    assert main(["export", "--format", "csv"]) == 0
    printed = capsys.readouterr()
    assert printed.out == out.read_text(encoding="utf-8")
    assert printed.err.startswith("Exported 2 sessions (1 preview),")
