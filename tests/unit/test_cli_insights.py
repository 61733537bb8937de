"""``coach insights`` and ``coach experiment``: JSON shapes, readable text, one-line errors
with status 2, nothing created by a read, and no Textual or Rich."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import coach.cli
from coach.cli import experiment as experiment_cli
from coach.cli import main
from coach.store import Store
from coach.store.experiments import FACTORS
from tests.support.seed import cool_down_timeline

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
COMPARISON_KEYS = {"factor", "region", "outcome", "n_with", "n_without", "difference", "low",
                   "high", "verdict", "method", "randomised", "p_value", "verdict_alone",
                   "family_size", "serial_inflation", "more_runs"}
STATUS_KEYS = {"factor", "planned", "done", "schedule", "today", "result", "power"}
VERDICTS = {"helps", "hurts", "no difference shown", "too few"}


@pytest.fixture(autouse=True)
def commands(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The two commands served by their modules, as the command map will have them, at a
    fixed moment."""
    monkeypatch.setitem(coach.cli.COMMANDS, "insights", "coach.cli.insights")
    monkeypatch.setitem(coach.cli.COMMANDS, "experiment", "coach.cli.experiment")
    monkeypatch.setattr(coach.cli, "COMMAND_MODULES",
                        (*coach.cli.COMMAND_MODULES, "coach.cli.insights",
                         "coach.cli.experiment"))
    monkeypatch.setattr(experiment_cli, "_now", lambda: NOW)
    yield


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def history(runs: int = 20) -> None:
    """Runs with the cool-down walk 2 points less sore the next day than runs without."""
    rng = random.Random(4)
    timeline = cool_down_timeline()
    with Store.open() as store:
        for day in range(runs):
            start = NOW - timedelta(days=runs - day)
            walk = day % 2 == 0
            session = store.start_session(timeline, "after", start)
            store.record_step(session, timeline[0], "done" if walk else "skipped", 300,
                              300 if walk else 2, start + timedelta(minutes=5))
            store.end_session(session, "completed", 300, start + timedelta(minutes=6))
            rating = round((3 if walk else 5) + rng.gauss(0, 0.8))
            store.add_soreness(rating, timing="next day", session_id=session,
                               regions={"calves": rating}, recorded_at=start + timedelta(hours=22))


# --------------------------------------------------------------------------- insights


def test_insights_json_with_no_history_creates_nothing(
    coach_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run_json(capsys, "insights", "--json")
    assert list(document) == ["comparisons", "regions_shown", "family_size", "correction"]
    assert document["regions_shown"] is False and document["family_size"] == 0
    rows = document["comparisons"]
    assert [row["factor"] for row in rows] == list(FACTORS)
    for row in rows:
        assert set(row) == COMPARISON_KEYS
        assert row["region"] is None and row["verdict"] == "too few"
        assert (row["n_with"], row["n_without"]) == (0, 0)
        assert row["randomised"] is False and row["outcome"] == "next-day soreness"
    assert not coach_home.exists()


def test_insights_json_finds_the_effect(capsys: pytest.CaptureFixture[str]) -> None:
    history()
    rows = run_json(capsys, "insights", "--json")["comparisons"]
    cool = next(r for r in rows if r["factor"] == "cool-down" and r["region"] is None)
    assert (cool["n_with"], cool["n_without"]) == (10, 10)
    assert cool["verdict"] == "helps"
    assert cool["low"] <= cool["difference"] <= cool["high"] < 0
    assert cool["low"] <= -2 <= cool["high"]
    assert isinstance(cool["method"], str) and "Welch" in cool["method"]
    assert {r["region"] for r in rows} == {None}
    rows = run_json(capsys, "insights", "--json", "--regions")["comparisons"]
    assert {r["region"] for r in rows} == {None, "calves"}
    assert [r["region"] for r in rows][:4] == [None] * 4  # overall rows first
    assert len({r["family_size"] for r in rows}) == 1
    for row in rows:
        assert set(row) == COMPARISON_KEYS and row["verdict"] in VERDICTS


def test_insights_table_reads_in_plain_words(capsys: pytest.CaptureFixture[str]) -> None:
    history()
    assert main(["insights"]) == 0
    out = capsys.readouterr().out
    assert "95 % interval" in out
    assert "  Cool-down walk: helps: about " in out and "; 10 with, 10" in out
    flat = " ".join(out.split())
    assert "more runs to see a 1-point difference" in flat
    assert "observational" in out and "Welch's t" in out and "Holm" in out
    assert "Calves" not in out and "coach insights --regions" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert main(["insights", "--regions"]) == 0
    out = capsys.readouterr().out
    assert "By body region" in out and "Calves · cool-down walk:" in out


def test_insights_shows_an_experiment_result_as_randomised(
    capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.insights import experiment

    with Store.open() as store:
        started = experiment.start(store, "cool-down", NOW - timedelta(days=20), seed=5)
        timeline = cool_down_timeline()
        for day, arm in enumerate(started.schedule):
            start = NOW - timedelta(days=19 - day)
            session = store.start_session(timeline, "after", start)
            walk = arm == "with"
            store.record_step(session, timeline[0], "done" if walk else "skipped", 300, 300,
                              start + timedelta(minutes=5))
            store.end_session(session, "completed", 300, start + timedelta(minutes=6))
            store.add_soreness(2 + day % 2 if walk else 5 + day % 2, timing="next day",
                               session_id=session, recorded_at=start + timedelta(hours=22))
    status = run_json(capsys, "experiment", "status", "--json")
    assert status["done"] == 12 and status["result"]["verdict"] == "helps"
    rows = run_json(capsys, "insights", "--json")["comparisons"]
    randomised = [row for row in rows if row["randomised"]]
    assert len(randomised) == 1 and randomised[0]["factor"] == "cool-down"
    assert randomised[0]["method"].startswith("randomised experiment")


# ------------------------------------------------------------------------- experiment


def test_status_with_no_experiment_keeps_its_shape(
    coach_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run_json(capsys, "experiment", "status", "--json")
    assert set(document) == STATUS_KEYS
    assert document["factor"] is None and document["result"] is None
    assert main(["experiment", "status"]) == 0
    assert "No experiment yet" in capsys.readouterr().out
    assert not coach_home.exists()


def test_start_status_stop(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["experiment", "start", "cool-down"]) == 0
    out = capsys.readouterr().out
    assert "Experiment, run 1 of 12: " in out
    assert "12 runs find a 1-point difference about " in " ".join(out.split())
    document = run_json(capsys, "experiment", "status", "--json")
    assert set(document) == STATUS_KEYS
    assert (document["factor"], document["planned"], document["done"]) == ("cool-down", 12, 0)
    assert document["schedule"] == []  # only runs taken: never the schedule ahead
    assert document["today"] in ("with", "without") and document["result"] is None
    assert document["power"].startswith("12 runs find a 1-point difference about ")
    assert main(["experiment", "status"]) == 0
    text = capsys.readouterr().out
    assert "Done: 0 of 12 runs" in text and "Today: Experiment, run 1 of 12" in text
    assert "without" not in text.replace("Today:", "").split("Experiment, run 1")[0]
    assert "Schedule" not in text and "seed" not in text
    assert main(["experiment", "stop"]) == 0
    assert "Stopped the experiment on the cool-down walk after 0 of 12 runs" in (
        capsys.readouterr().out)
    assert run_json(capsys, "experiment", "status", "--json")["today"] is None


def test_runs_sets_the_length(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["experiment", "start", "stretch", "--runs", "20"]) == 0
    capsys.readouterr()
    document = run_json(capsys, "experiment", "status", "--json")
    assert document["planned"] == 20 and document["schedule"] == []


def test_one_experiment_at_a_time_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["experiment", "start", "cool-down"]) == 0
    capsys.readouterr()
    assert main(["experiment", "start", "warm-up"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already running" in err


def test_stop_with_nothing_running_is_one_line(
    coach_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["experiment", "stop"]) == 1
    err = capsys.readouterr().err
    assert err == "coach: no experiment is running; nothing to stop\n"
    assert not coach_home.exists()


@pytest.mark.parametrize("value", [
    "0", "4", "7", "102", "1000", "-2", "abc", "", "12.0", "1e3", "１２", "12\x1b[31m",
    "٣",
])
def test_bad_runs_are_one_line_naming_the_flag_and_range(
    value: str, coach_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["experiment", "start", "cool-down", "--runs", value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--runs" in err and "6 to 100" in err
    assert "\x1b" not in err
    assert not coach_home.exists()


@pytest.mark.parametrize("value", ["ice-bath", "Cool-Down", "", "\x1b]0;owned\x07", "x" * 500])
def test_a_bad_factor_is_one_line(
    value: str, coach_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["experiment", "start", value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cool-down, warm-up, stretch, massage" in err
    assert "\x1b" not in err and "\x07" not in err and len(err) < 200
    assert not coach_home.exists()


@pytest.mark.parametrize("argv", [
    ["experiment", "bogus"], ["experiment", "start"],
    ["experiment", "start", "cool-down", "--runs"], ["experiment", "start", "--runs", "12"],
])
def test_argument_errors_are_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]
                                      ) -> None:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_factors_are_spelled_as_the_store_spells_them() -> None:
    assert experiment_cli.FACTORS == FACTORS


def test_the_commands_never_import_textual_or_rich(coach_home: Path) -> None:
    code = (
        "import sys, coach.cli as cli\n"
        "cli.COMMANDS.update(insights='coach.cli.insights', experiment='coach.cli.experiment')\n"
        "for argv in (['insights', '--json'], ['insights'], ['experiment', 'start', 'warm-up'],"
        " ['experiment', 'status', '--json'], ['experiment', 'stop']):\n"
        "    assert cli.main(argv) == 0, argv\n"
        "bad = [m for m in ('textual', 'rich') if m in sys.modules]\n"
        "raise SystemExit(f'imported {bad}' if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, env={**os.environ, "COACH_HOME": str(coach_home)})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("damage", [
    "UPDATE experiments SET schedule_json = 'not json'",
    "UPDATE experiments SET schedule_json = '[\"with\"]'",
    "UPDATE experiments SET factor = 'ice bath'",
    "UPDATE experiments SET started_at = 'yesterday'",
    "UPDATE experiments SET seed = 'x'",
    "INSERT INTO experiment_days VALUES ((SELECT id FROM experiments), 0, 40,"
    " '2026-03-19T07:00:00.000Z', NULL, NULL, NULL, '2026-03-19T07:00:00.000Z')",
    "INSERT INTO experiment_days VALUES ((SELECT id FROM experiments), 0, 0, 'soon',"
    " NULL, NULL, NULL, '2026-03-19T07:00:00.000Z')",
])
def test_a_damaged_experiment_is_one_line_and_can_be_stopped(
    damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["experiment", "start", "cool-down"]) == 0
    with Store.open() as store, store.transaction() as conn:
        conn.execute(damage)
    capsys.readouterr()
    assert main(["experiment", "status", "--json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err and "coach experiment stop" in err
    assert run_json(capsys, "insights", "--json")["comparisons"]  # the rest still shows
    assert main(["experiment", "stop"]) == 0
    capsys.readouterr()
    assert main(["experiment", "start", "warm-up"]) == 0
