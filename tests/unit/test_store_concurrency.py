"""Two coach windows writing at once lose nothing; a killed coach loses no recorded step."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.store import Store
from tests.support.seed import cool_down_timeline, warm_up_timeline

ROWS = 200
RUNNER = Path(__file__).with_name("crash_runner.py")
REPO = RUNNER.parents[2]
RUNNER_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
"""The runner imports this checkout's ``tests`` package, even where an installed package
(garmin-fit-sdk's wheel, for one) also ships a top-level ``tests``."""
T0 = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)


def write_rows(path: str, kind: str, start: threading.Barrier | None = None) -> None:
    """One writer: a session with ROWS steps and ROWS soreness entries, one commit each."""
    timeline = warm_up_timeline() if kind == "warm-up" else cool_down_timeline()
    with Store.open(Path(path)) as store:
        if start is not None:
            start.wait(timeout=30)
        session_id = store.start_session(timeline, None, T0)
        for number in range(ROWS):
            store.record_step(session_id, timeline[number % len(timeline)], "done", 1, 1, T0)
            store.add_soreness(number % 11, session_id=session_id, timing="after",
                               recorded_at=T0)
        store.end_session(session_id, "completed", ROWS, T0)


def _process_writer(path: str, kind: str, start: object) -> None:
    write_rows(path, kind, start)  # type: ignore[arg-type]


def assert_everything_saved(path: Path) -> None:
    with Store.open(path) as store:
        summaries = store.list_sessions()
        assert sorted(s.routine_kind for s in summaries) == ["cool-down", "warm-up"]
        for summary in summaries:
            detail = store.get_session(summary.id)
            assert summary.status == "completed"
            assert [step.seq for step in detail.steps] == list(range(ROWS))
            assert len(detail.soreness) == ROWS


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    Store.open(path).close()  # both find the schema ready; only the rows race
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if fork else multiprocessing.get_context()
    start = context.Barrier(2)
    writers = [context.Process(target=_process_writer, args=(str(path), kind, start))
               for kind in ("warm-up", "cool-down")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=60)
    assert [writer.exitcode for writer in writers] == [0, 0]
    assert_everything_saved(path)


def test_two_connections_in_threads_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(kind: str) -> None:
        try:
            write_rows(str(path), kind, start)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(kind,)) for kind in ("warm-up", "cool-down")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert_everything_saved(path)


SIGNALS = [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP] if sys.platform != "win32" else []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_killed_coach_keeps_every_recorded_step(coach_home: Path, signum: int) -> None:
    path = coach_home / "coach.db"
    runner = subprocess.Popen(
        [sys.executable, str(RUNNER), str(path), "5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=RUNNER_ENV,
    )
    try:
        line = runner.stdout.readline() if runner.stdout else ""
        assert line.startswith("READY "), line + (runner.stderr.read() if runner.stderr else "")
        session_id = line.split()[1]
        with Store.open(path) as store:
            # The runner is alive and may still be writing: its session is left alone.
            assert store.mark_interrupted() == 0
        runner.send_signal(signum)
        assert runner.wait(timeout=30) == -signum
    finally:
        if runner.poll() is None:
            runner.kill()
            runner.wait()
        for stream in (runner.stdout, runner.stderr):
            if stream:
                stream.close()

    with Store.open(path) as store:
        assert store.mark_interrupted() == 1
        detail = store.get_session(session_id)
    assert detail.summary.status == "interrupted"
    assert [step.position for step in detail.steps] == [0, 1, 2, 3, 4]
    assert detail.summary.elapsed_seconds == sum(s.actual_seconds for s in detail.steps)
    assert detail.summary.ended_at == detail.steps[-1].ended_at
    assert detail.pid == runner.pid


def test_two_coach_windows_creating_the_database_at_once_both_open_it(tmp_path: Path) -> None:
    """The first start on a new machine, in two windows at the same moment."""
    failures: list[BaseException] = []

    def open_it(path: Path, start: threading.Barrier) -> None:
        try:
            start.wait(timeout=30)
            Store.open(path).close()
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)

    for attempt in range(25):
        path = tmp_path / f"coach-{attempt}.db"
        start = threading.Barrier(2)
        threads = [threading.Thread(target=open_it, args=(path, start)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        with Store.open(path) as store:
            assert store.schema_version >= 1
    assert failures == []
