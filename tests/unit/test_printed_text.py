"""Text read back from the database is cleaned again where it is printed: a database
written by another program (or an older coach) never puts controls on the terminal."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.cli import main
from coach.runs.model import Run
from coach.store import Store

HOSTILE = "Peg\u009b31m\x1b[2J\u202easus\x07"
UNSAFE = ("\u009b", "\x1b", "\u202e", "\x07")


@pytest.fixture
def hostile_run(coach_home: Path) -> str:
    with Store.open() as store:
        run_id = store.add_run(Run(
            start=datetime.now(UTC) - timedelta(days=1), seconds=3000, elapsed_seconds=3000,
            sport="running", source="fit", distance_m=10_000, shoe="Pegasus"),
            ["sha256:" + "1" * 64])[1]
        assert run_id is not None
        with store.transaction() as conn:  # as another program might have written it
            conn.execute("UPDATE runs SET shoe = ?, source = ?, sub_sport = ?",
                         (HOSTILE, "fit\u009b", "trail\u009b"))
    return run_id


@pytest.mark.parametrize("command", [
    ["runs", "list"], ["runs", "list", "--json"], ["runs", "show", "{id}"],
    ["runs", "show", "{id}", "--json"], ["shoes"], ["shoes", "--json"],
])
def test_printed_text_from_the_database_has_no_controls(
    hostile_run: str, capsys: pytest.CaptureFixture[str], command: list[str],
) -> None:
    assert main([part.format(id=hostile_run) for part in command]) == 0
    out = capsys.readouterr().out
    assert "Peg" in out and "asus" in out
    assert not any(char in out for char in UNSAFE), repr(out)
    if "--json" in command:
        json.loads(out)
