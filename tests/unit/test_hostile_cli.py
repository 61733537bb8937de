"""What a hostile shell or file can still try on the command line, and the one line it gets."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coach.store.validate import Invalid, validate
from coach.text import is_blank


def coach(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coach", *args], capture_output=True,
                          text=True, check=False, timeout=30, **options)  # type: ignore[call-overload]


@pytest.mark.parametrize("command", [["routines", "list"], ["routines", "schema"],
                                     ["insights", "--json"]])
def test_a_closed_standard_output_is_one_line_not_a_traceback(command: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "coach", *command], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, timeout=30, check=False,
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr == "coach: standard output is closed; nothing was written\n"


def test_an_escape_in_an_unknown_argument_is_not_echoed_raw() -> None:
    result = coach("--\x1b[2J")
    assert result.returncode == 2 and "\x1b" not in result.stderr
    assert "unrecognized arguments" in result.stderr


def test_a_new_export_file_is_readable_only_by_its_owner(tmp_path: Path) -> None:
    target = tmp_path / "history.json"
    result = coach("export", "--out", str(target))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("name", ["\u115f", "\u0300", "\ufe0f", "\U000e0001\U000e0020",
                                  "\ufff9", "\u2800", "\u17b4 \u200b"])
def test_names_that_draw_nothing_are_blank(name: str) -> None:
    assert is_blank(name)


@pytest.mark.parametrize("name", ["é", "\u0301a", "名前", "Hold [30 s]"])
def test_names_with_something_to_see_are_not_blank(name: str) -> None:
    assert not is_blank(name)


def export_with(change: str) -> dict[str, object]:
    from coach.store import Store
    from coach.store.exchange import export_json
    from tests.support.seed import cool_down_timeline

    with Store.memory() as store:
        timeline = cool_down_timeline()
        from datetime import UTC, datetime, timedelta

        start = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)
        session = store.start_session(timeline, "after", start)
        store.record_step(session, timeline[0], "done", 300, 300, start + timedelta(minutes=5))
        store.end_session(session, "completed", 300.0, start + timedelta(minutes=6))
        store.add_soreness(2, timing="after", session_id=session,
                           recorded_at=start + timedelta(minutes=10))
        document: dict[str, object] = json.loads(export_json(store))
    sessions = document["sessions"]
    entries = document["soreness"]
    assert isinstance(sessions, list) and isinstance(entries, list)
    if change == "ends before it starts":
        sessions[0]["ended_at"] = "2000-01-01T00:00:00.000Z"
    elif change == "step before the session":
        sessions[0]["steps"][0]["ended_at"] = "1971-01-01T00:00:00.000Z"
    elif change == "rated before the session":
        entries[0]["recorded_at"] = "1990-01-01T00:00:00.000Z"
        entries[0]["updated_at"] = "1990-01-01T00:00:00.000Z"
    elif change == "edited before it was made":
        entries[0]["updated_at"] = "2000-01-01T00:00:00.000Z"
    elif change == "standalone with a session":
        entries[0]["timing"] = "standalone"
    return document


@pytest.mark.parametrize("change", ["ends before it starts", "step before the session",
                                    "rated before the session", "edited before it was made",
                                    "standalone with a session"])
def test_times_that_run_backwards_are_refused_at_their_place(change: str) -> None:
    validate(export_with(""))  # the untouched export is fine
    with pytest.raises(Invalid) as error:
        validate(export_with(change))
    assert "\n" not in str(error.value) and "[0]" in str(error.value)
