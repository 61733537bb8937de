"""``coach export`` and ``coach import``: files in and out, one-line errors, no Textual."""

from __future__ import annotations

import errno
import io
import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.cli import main
from coach.store import Store
from coach.store.exchange import export_json
from coach.store.spreadsheet import CSV_COLUMNS
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
    entries = len(json.loads(text)["soreness"])
    assert capsys.readouterr().err == (
        f"Exported 6 sessions and {entries} soreness entries to {out}\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_csv(capsys: pytest.CaptureFixture[str]) -> None:
    seed()
    assert main(["export", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS)
    assert lines.index("") == 7  # six sessions, then the soreness logged on its own


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
    assert "nothing new: 6 sessions and" in capsys.readouterr().out
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
        (b'{"format": "\xc3\x28"}', "is not UTF-8 text (byte 12)"),
        (b"\xff\xfe{\x00}\x00", "is UTF-16 text; save it as UTF-8"),
        (b"date,time,routine,routine_id\n", "looks like a CSV export"),
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
        "coach.store.validate, coach.store.reading, coach.store.snapshot, coach.store.values, "
        "tests.support.seed, coach.session.recorder\n"
        "coach.cli.data.register(argparse.ArgumentParser().add_subparsers())\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX files and pipes")


def one_error_line(err: str) -> str:
    assert err.startswith("coach: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "link to a file", "dangling link", "folder"])
def test_export_never_replaces_what_is_not_a_regular_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    seed()
    target = tmp_path / "history.json"
    kept = tmp_path / "kept.json"
    kept.write_text("precious", encoding="utf-8")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "link to a file":
        target.symlink_to(kept)
    elif kind == "dangling link":
        target.symlink_to(tmp_path / "nowhere.json")
    else:
        target.mkdir()
    before = os.lstat(target)
    assert main(["export", "--out", str(target)]) == 2
    err = one_error_line(capsys.readouterr().err)
    words = {"fifo": "a named pipe (FIFO)", "folder": "a folder"}.get(kind, "a symbolic link")
    assert err == (f"coach: {target} is {words}; --out writes a new file or replaces a "
                   "regular one, so choose another --out\n")
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_mtime_ns) == (
        before.st_mode, before.st_ino, before.st_mtime_ns)
    assert kept.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["coach-home", "history.json", "kept.json"])


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("device", ["/dev/full", "/dev/null"])
def test_export_never_writes_into_a_device(
    capsys: pytest.CaptureFixture[str], device: str
) -> None:
    seed()
    assert main(["export", "--out", device]) == 2
    assert one_error_line(capsys.readouterr().err).startswith(f"coach: {device} is a device")


@POSIX
@pytest.mark.parametrize("old_mode", [0o644, 0o640, 0o666, 0o400])
def test_export_replaces_a_regular_file_whole_readable_only_by_its_owner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old_mode: int
) -> None:
    text = seed()
    target = tmp_path / "history.json"
    target.write_text("old export", encoding="utf-8")
    target.chmod(old_mode)
    assert main(["export", "--out", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == text
    assert target.stat().st_mode & 0o777 == 0o600  # an export holds health notes
    assert "Exported 6 sessions" in capsys.readouterr().err


def test_a_full_disk_leaves_the_old_export_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed()
    target = tmp_path / "history.json"
    target.write_text("old export", encoding="utf-8")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main(["export", "--out", str(target)]) == 1
    err = one_error_line(capsys.readouterr().err)
    assert f"cannot write {target}: No space left on device; it was left as it was" in err
    assert target.read_text(encoding="utf-8") == "old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coach-home", "history.json"]


def _coach(*args: str) -> list[str]:
    return [sys.executable, "-m", "coach", *args]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_to_a_full_standard_output_is_one_line(coach_home: Path) -> None:
    seed()
    with open("/dev/full", "w") as full:
        done = subprocess.run(_coach("export"), stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=60)
    assert done.returncode == 1
    assert one_error_line(done.stderr) == (
        "coach: cannot write the export to the standard output (No space left on device); "
        "free some space or give --out FILE\n")


@POSIX
def test_export_to_a_closed_standard_output_is_one_line(coach_home: Path) -> None:
    seed()
    done = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *_coach("export")],
                          stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 1
    assert one_error_line(done.stderr) == (
        "coach: the standard output is closed; give --out FILE to write the export to a "
        "file\n")


@POSIX
def test_export_into_a_pipe_closed_early_ends_quietly(coach_home: Path) -> None:
    seed(80)  # far more than a pipe holds, so the export cannot finish unread
    child = subprocess.Popen(_coach("export"), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(1)  # like `coach export | head -c1`
    child.stdout.close()
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == 1
    assert err == ""


class _Broken(io.StringIO):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error


@pytest.mark.parametrize(
    ("stream", "code", "err"),
    [
        (_Broken(BrokenPipeError(errno.EPIPE, "Broken pipe")), 1, ""),
        (_Broken(OSError(errno.EIO, "Input/output error")), 1,
         "coach: cannot write the export to the standard output (Input/output error); free "
         "some space or give --out FILE\n"),
        (_Broken(ValueError("I/O operation on closed file.")), 1,
         "coach: cannot write the export to the standard output (it is closed); free some "
         "space or give --out FILE\n"),
        (None, 1, "coach: the standard output is closed; give --out FILE to write the export "
         "to a file\n"),
    ],
    ids=["broken pipe", "i/o error", "closed stream", "no stream"],
)
def test_export_to_a_failing_standard_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    stream: io.StringIO | None, code: int, err: str,
) -> None:
    seed()
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["export"]) == code
    assert capsys.readouterr().err == err


@pytest.mark.parametrize("version", [-1, -2147483648])
def test_a_database_with_a_negative_schema_version_is_left_alone(
    coach_home: Path, capsys: pytest.CaptureFixture[str], version: int
) -> None:
    seed()
    database = coach_home / "coach.db"
    conn = sqlite3.connect(str(database))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = database.read_bytes()
    assert main(["export"]) == 2
    err = one_error_line(capsys.readouterr().err)
    assert f"has schema version {version}, which no coach writes" in err
    assert database.read_bytes() == before
    assert sorted(p.name for p in coach_home.iterdir()) == ["coach.db"]


def test_import_reports_counts_in_good_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = seed(1)
    file = tmp_path / "one.json"
    file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "elsewhere"))
    assert main(["import", str(file)]) == 0
    assert capsys.readouterr().out == f"Imported {file}: added 1 session and 0 soreness entries\n"
