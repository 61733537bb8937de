"""``coach log`` for the record: a past day rated with --date (or --when), and --json
echoing exactly what was saved."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

import pytest

from coach.cli import UserError, log
from coach.store import Store

NOW = datetime(2024, 5, 10, 18, 0, tzinfo=UTC)


def run_at(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="coach")
    log.register(parser.add_subparsers())
    try:
        return log.run_log(parser.parse_args(["log", *argv]), now=lambda: NOW)
    except UserError as error:
        print(f"coach: {error}", file=sys.stderr)
        return error.exit_code


@pytest.mark.usefixtures("coach_home")
@pytest.mark.parametrize("flag", ["--date", "--when"])
def test_a_past_day_is_rated_on_that_day(flag: str) -> None:
    assert run_at("--overall", "4", flag, "2024-05-08") == 0
    with Store.open() as store:
        entry = store.soreness_history()[0]
    assert entry.recorded_at.astimezone().date().isoformat() == "2024-05-08"
    assert entry.timing == "standalone"


@pytest.mark.usefixtures("coach_home")
@pytest.mark.parametrize("value", ["2024-05-12", "yesterday-ish", "2024-13-01", "1900-01-01"])
def test_a_future_or_unreadable_date_is_one_line_and_nothing_saved(
    value: str, capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_at("--overall", "4", "--date", value) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--date" in err and "YYYY-MM-DD" in err
    with Store.open() as store:
        assert store.soreness_history() == []


@pytest.mark.usefixtures("coach_home")
def test_json_echoes_what_was_saved(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_at("--overall", "3", "--region", "calves=5", "--effort", "6", "--minutes",
                  "40", "--flag", "swelling", "--note", "hilly", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    with Store.open() as store:
        entry = store.soreness_history()[0]
    assert document["saved"] == {
        "id": entry.id, "recorded_at": "2024-05-10T18:00:00.000Z", "timing": "standalone",
        "session_id": None, "overall": 3, "regions": {"calves": 5}, "effort": 6,
        "run_minutes": 40.0, "load": 240.0, "flags": ["swelling"], "note": "hilly",
    }
    assert document["id"] == entry.id
