"""Opening coach.db: upgrades with a backup, and clear refusals that never harm the file."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.store import Store, StoreError, db
from tests.support.seed import cool_down_timeline

T0 = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)


def one_line(error: pytest.ExceptionInfo[StoreError]) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


def make_history(path: Path) -> str:
    """A version-1 database (the first shipped schema) with one session, a step and a
    soreness entry: written today, then taken back to exactly the version-1 tables."""
    with Store.open(path) as store:
        timeline = cool_down_timeline()
        session_id = store.start_session(timeline, "after", T0)
        store.record_step(session_id, timeline[0], "done", 300, 320, T0)
        store.end_session(session_id, "completed", 320, T0)
        store.add_soreness(3, timing="after", session_id=session_id, recorded_at=T0)
    conn = sqlite3.connect(str(path))
    conn.execute("ALTER TABLE sessions DROP COLUMN speed")
    conn.execute("ALTER TABLE sessions DROP COLUMN source")
    conn.execute("ALTER TABLE soreness DROP COLUMN flags_json")
    first = {"sessions", "steps", "soreness", "follow_ups"}
    later = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'") if name not in first]
    conn.execute("PRAGMA foreign_keys = OFF")
    for table in later:
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    return session_id


def _add_mood(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE soreness ADD COLUMN mood INTEGER")


def _broken(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE soreness ADD COLUMN mood INTEGER")
    raise RuntimeError("migration bug")


def test_an_older_database_is_backed_up_then_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real upgrades, then a hypothetical next one, on a version-1 database full of
    # history.
    path = tmp_path / "coach.db"
    session_id = make_history(path)
    monkeypatch.setattr(db, "MIGRATIONS", [*db.MIGRATIONS, _add_mood])

    with Store.open(path, clock=lambda: T0 + timedelta(days=30)) as store:
        assert store.schema_version == len(db.MIGRATIONS)
        backup = store.backup
        assert backup == tmp_path / "coach.db.backup-v1-20240701T070000Z"
        assert store.get_session(session_id).soreness[0].overall == 3
        with store.snapshot() as conn:
            columns = [row[1] for row in conn.execute("PRAGMA table_info(soreness)")]
        assert "mood" in columns
        # Version 2: old sessions were played at 1x, old entries reported no warning sign.
        with store.snapshot() as conn:
            assert conn.execute("SELECT speed FROM sessions").fetchall() == [(1.0,)]
            assert conn.execute("SELECT flags_json FROM soreness").fetchall() == [("[]",)]

    assert backup is not None and backup.is_file()
    copy = sqlite3.connect(str(backup))
    try:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT id FROM sessions").fetchall() == [(session_id,)]
        assert copy.execute("SELECT COUNT(*) FROM steps").fetchone()[0] == 1
    finally:
        copy.close()

    with Store.open(path) as store:  # already current: no second backup
        assert store.backup is None
    assert len(list(tmp_path.glob("coach.db.backup-*"))) == 1


def test_a_failed_upgrade_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "coach.db"
    session_id = make_history(path)
    monkeypatch.setattr(db, "MIGRATIONS", [*db.MIGRATIONS, _broken])
    with pytest.raises(RuntimeError):
        Store.open(path)
    conn = sqlite3.connect(str(path))
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT id, status FROM sessions").fetchall() == [
            (session_id, "completed")
        ]
        columns = [row[1] for row in conn.execute("PRAGMA table_info(sessions)")]
        assert "speed" not in columns
    finally:
        conn.close()
    assert len(list(tmp_path.glob("coach.db.backup-v1-*"))) == 1


def test_a_new_database_needs_no_backup(tmp_path: Path) -> None:
    with Store.open(tmp_path / "coach.db") as store:
        assert store.backup is None
        assert store.schema_version == db.schema_version() == len(db.MIGRATIONS)
    assert [p.name for p in tmp_path.iterdir()] == ["coach.db"]


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    make_history(path)
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as error:
        Store.open(path)
    assert one_line(error) == (
        f"{path} was written by a newer coach (schema 7, this coach knows "
        f"{db.schema_version()}); "
        "upgrade coach or point COACH_HOME elsewhere"
    )
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    garbage = bytes(range(256)) * 64
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as error:
        Store.open(path)
    message = one_line(error)
    assert str(path) in message
    assert "damaged or not a coach database" in message
    assert "left it untouched" in message
    assert path.read_bytes() == garbage


def test_a_damaged_database_is_reported_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    make_history(path)
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[page: 3 * page] = b"\xff" * (2 * page)  # wreck the table pages, keep the header
    path.write_bytes(bytes(data))
    damaged = path.read_bytes()
    with pytest.raises(StoreError) as error, Store.open(path) as store:
        store.list_sessions()
    message = one_line(error)
    assert str(path) in message and "damaged" in message
    assert path.read_bytes() == damaged


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as error:
        Store.open(path)
    assert "not one of coach's" in one_line(error)
    assert path.read_bytes() == before


def test_a_data_folder_that_cannot_be_made_is_reported(tmp_path: Path) -> None:
    # A regular file where a folder should be: fails for every user, root included.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreError) as error:
        Store.open(blocker / "home" / "coach.db")
    message = one_line(error)
    assert f"cannot create the data folder {blocker / 'home'}" in message
    assert "COACH_HOME" in message
    assert blocker.read_text() == "x"


def test_a_folder_in_place_of_the_database_is_reported(coach_home: Path) -> None:
    (coach_home / "coach.db").mkdir(parents=True)
    with pytest.raises(StoreError) as error:
        Store.open()
    assert one_line(error).startswith(f"{coach_home / 'coach.db'} is a folder")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="file permissions do not stop root (the path-under-a-file case covers root)",
)
def test_a_read_only_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    make_history(path)
    before = path.read_bytes()
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(StoreError) as error:
            Store.open(path)
        message = one_line(error)
        assert str(path) in message and "writable" in message
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)
    assert path.read_bytes() == before


def test_a_closed_store_raises_store_errors(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "coach.db")
    store.close()
    with pytest.raises(StoreError):
        store.list_sessions()


@pytest.mark.parametrize("version", [-1, -7, -2147483648])
def test_a_negative_schema_version_is_refused_untouched(tmp_path: Path, version: int) -> None:
    path = tmp_path / "coach.db"
    make_history(path)
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as error:
        Store.open(path)
    assert one_line(error) == (
        f"{path} has schema version {version}, which no coach writes; coach left it "
        "untouched: move it aside to start a new history, or put a backup in its place"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coach.db"]  # no backup either


def test_a_version_that_is_not_a_number_counts_as_unknown() -> None:
    class Answer:
        def __init__(self, value: object) -> None:
            self.value = value

        def execute(self, sql: str) -> Answer:
            return self

        def fetchone(self) -> tuple[object]:
            return (self.value,)

    assert db.user_version(Answer("2")) == -1  # type: ignore[arg-type]
    assert db.user_version(Answer(None)) == -1  # type: ignore[arg-type]
    assert db.user_version(Answer(2)) == 2  # type: ignore[arg-type]


@pytest.mark.parametrize("version", [1, 2])
def test_a_versioned_database_without_coach_tables_is_refused(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "coach.db"
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE sessions (id TEXT)")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as error:
        Store.open(path)
    assert "is an SQLite database but not one of coach's" in one_line(error)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coach.db"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_in_place_of_the_database_never_blocks(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    os.mkfifo(path)
    with pytest.raises(StoreError) as error:
        Store.open(path)
    assert one_line(error) == (
        f"{path} is a named pipe (FIFO), not a database file; move it aside or set "
        "COACH_HOME to another folder"
    )


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_in_place_of_the_database_is_refused() -> None:
    with pytest.raises(StoreError) as error:
        Store.open(Path("/dev/null"))
    assert one_line(error).startswith("/dev/null is a device, not a database file")
