"""``coach export`` and ``coach import``: files in and out, one-line errors, no Textual."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.cli import main
from coach.store import Store
from coach.store.exchange import CSV_COLUMNS, export_json
from tests.support.seed import seed_sessions

START = datetime(2024, 1, 1, 6, 0, tzinfo=UTC)


def seed(count: int = 6) -> str:
    with Store.open() as store:
        seed_sessions(store, count, START, rng_seed=2)
        return export_json(store)


def test_export_with_no_history_creates_nothing(
    coach_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["sessions"] == [] and document["soreness"] == []
    assert not coach_home.exists()


def test_export_json_to_stdout_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = seed()
    assert main(["export"]) == 0
    assert capsys.readouterr().out == text
    out = tmp_path / "history.json"
    assert main(["export", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == text
    assert "Exported 6 sessions" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_csv(capsys: pytest.CaptureFixture[str]) -> None:
    seed()
    assert main(["export", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS)
    assert len(lines) == 7


def test_export_to_a_missing_folder_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed()
    assert main(["export", "--out", str(tmp_path / "nope" / "h.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coach: cannot write ") and err.count("\n") == 1


def test_import_then_import_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = seed()
    file = tmp_path / "other.json"
    file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "second-home"))
    assert main(["import", str(file)]) == 0
    assert "added 6 sessions" in capsys.readouterr().out
    assert main(["import", str(file)]) == 0
    assert "skipped 6 sessions" in capsys.readouterr().out
    with Store.open() as store:
        assert export_json(store) == text


def test_import_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = seed()
    with Store.open() as store:
        for summary in store.list_sessions(limit=None):
            store.delete_session(summary.id)
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert main(["import", "-"]) == 0
    assert "added 6 sessions" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "is not valid JSON (line 1, column 2"),
        ('{"format": "coach-export", "version": 1, "sessions": [{}], "soreness": []}',
         "sessions[0].id: missing; nothing was imported"),
        (b"\xff\xfe\x00", "is not UTF-8 text"),
    ],
)
def test_a_bad_import_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes | None,
    message: str,
) -> None:
    file = tmp_path / "bad.json"
    if isinstance(content, bytes):
        file.write_bytes(content)
    elif content is not None:
        file.write_text(content, encoding="utf-8")
    assert main(["import", str(file)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.err.startswith("coach: ") and captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


def test_a_damaged_database_is_a_one_line_error(
    coach_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    coach_home.mkdir()
    database = coach_home / "coach.db"
    database.write_bytes(b"garbage" * 1000)
    assert main(["export"]) == 2
    err = capsys.readouterr().err
    assert "damaged or not a coach database" in err and err.count("\n") == 1
    assert database.read_bytes() == b"garbage" * 1000


def test_the_data_commands_never_import_textual() -> None:
    code = (
        "import argparse, sys, coach.cli.data, coach.store, coach.store.exchange, "
        "tests.support.seed, coach.session.recorder\n"
        "coach.cli.data.register(argparse.ArgumentParser().add_subparsers())\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
