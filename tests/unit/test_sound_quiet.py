"""Nothing from sound ever reaches the terminal: not C libraries writing to descriptor 2,
not Python warnings or tracebacks from the player's thread.

Descriptor 2 is process-wide, so the end-to-end checks run in a subprocess and look at
what it really wrote.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from coach.sound.quiet import quiet_stderr

NOISY_BACKENDS = '''
import os, sys, warnings
from coach.config import SoundSettings
from coach.sound.backends import BackendUnavailable, RecordingBackend
from coach.sound.player import CuePlayer

class NoDevice(RecordingBackend):
    def open(self):
        os.write(2, b"ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default\\n")
        raise BackendUnavailable("no sound device found")

class Chatty(RecordingBackend):
    def open(self):
        os.write(2, b"jack server is not running\\n")
        print("python noise", file=sys.stderr)
        return super().open()
    def play(self, cue, volume):
        os.write(2, b"underrun occurred\\n")
        warnings.warn("odd device", RuntimeWarning)
        if cue.name == "end":
            raise RuntimeError("device vanished")
        return super().play(cue, volume)
    def rest(self):
        os.write(2, b"suspending\\n")
    def close(self):
        os.write(2, b"closing\\n")

for backend in (NoDevice(), Chatty()):
    player = CuePlayer(SoundSettings(), backend=backend,
                       on_fallback=lambda cue: print("bell", cue, flush=True),
                       on_notice=lambda message: print("notice", message, flush=True))
    for cue in ("start", "tick", "end"):
        player.play(cue)
        player.flush(5)
    player.close(5)
print("finished", flush=True)
'''


def run(code: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COACH_HOME": str(home)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60, check=False)


def test_a_noisy_failing_backend_never_reaches_stderr(tmp_path: Path) -> None:
    result = run(NOISY_BACKENDS, tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "notice no sound device found; using the terminal bell",
        "bell start",
        "bell tick",
        "bell end",
        "notice cannot play the end sound (RuntimeError); using the terminal bell",
        "bell end",
        "finished",
    ]


def test_the_real_device_probe_is_silent_whatever_the_machine(tmp_path: Path) -> None:
    code = textwrap.dedent('''
        from coach.sound import CuePlayer, describe
        report = describe()
        player = CuePlayer()  # opens the real device, if any, but plays nothing
        player.wait_ready(10)
        player.close(10)
        print("available" if report.available else report.reason)
    ''')
    result = run(code, tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stderr == ""
    assert result.stdout.strip()


def test_coach_sounds_is_silent_on_stderr_and_imports_no_textual(tmp_path: Path) -> None:
    code = textwrap.dedent('''
        import sys
        from coach.cli import main
        assert main(["sounds"]) == 0
        assert "textual" not in sys.modules
    ''')
    result = run(code, tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stderr == ""
    assert "start" in result.stdout


def test_quiet_stderr_hides_descriptor_2_and_restores_it(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with quiet_stderr():
        os.write(2, b"hidden\n")
    os.write(2, b"shown\n")
    assert capfd.readouterr().err == "shown\n"


def test_overlapping_windows_from_threads_restore_descriptor_2(
    capfd: pytest.CaptureFixture[str],
) -> None:
    inside = threading.Barrier(3)

    def window() -> None:
        with quiet_stderr():
            inside.wait(5)
            os.write(2, b"hidden\n")
            inside.wait(5)

    threads = [threading.Thread(target=window) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait(5)
    inside.wait(5)
    for thread in threads:
        thread.join(5)
    os.write(2, b"shown\n")
    assert capfd.readouterr().err == "shown\n"
