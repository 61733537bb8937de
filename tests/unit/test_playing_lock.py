"""One routine at a time: the lock a playing coach holds, and what it says to the others."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from coach.session.playing import Playing, PlayingLock, now_playing

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock locks")


def test_only_one_coach_holds_it_and_the_others_read_what_it_plays(tmp_path: Path) -> None:
    path = tmp_path / "playing.lock"
    first, second = PlayingLock(path), PlayingLock(path)
    assert now_playing(path) is None
    assert first.acquire("Quick warm-up")
    assert not second.acquire("Foot care")
    first.update(Playing(pid=1, host="here", routine="Quick warm-up", step="Skips",
                         number=3, count=8, left=20.0, at=100.0))
    playing = now_playing(path)
    assert playing is not None and playing.step == "Skips" and playing.number == 3
    assert playing.left_now(105.0) == 15.0
    first.release()
    assert now_playing(path) is None  # the words left behind are not a lock
    assert second.acquire("Foot care")
    second.release()


def test_paused_time_stands_still_and_unreadable_words_still_mean_playing(
    tmp_path: Path,
) -> None:
    playing = Playing(pid=1, host="h", routine="r", paused=True, left=12.0, at=0.0)
    assert playing.left_now(1000.0) == 12.0
    path = tmp_path / "playing.lock"
    lock = PlayingLock(path)
    assert lock.acquire("x")
    lock._file.seek(0)  # type: ignore[union-attr]  # a damaged file
    lock._file.truncate()  # type: ignore[union-attr]
    lock._file.write("{not json")  # type: ignore[union-attr]
    lock._file.flush()  # type: ignore[union-attr]
    seen = now_playing(path)
    assert seen is not None and seen.routine == "a routine"
    lock.release()


def test_a_coach_that_died_playing_leaves_no_lock(tmp_path: Path) -> None:
    path = tmp_path / "playing.lock"
    code = ("import sys, time\nfrom pathlib import Path\n"
            "from coach.session.playing import PlayingLock\n"
            f"lock = PlayingLock(Path({str(path)!r}))\n"
            "assert lock.acquire('Quick warm-up')\n"
            "print('held', flush=True)\ntime.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert now_playing(path) is not None
        assert not PlayingLock(path).acquire("Foot care")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert now_playing(path) is None
    lock = PlayingLock(path)
    assert lock.acquire("Foot care")
    lock.release()


def test_a_folder_where_no_lock_can_be_made_does_not_stop_the_routine(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert PlayingLock(blocker / "playing.lock").acquire("x")  # a folder that is a file
