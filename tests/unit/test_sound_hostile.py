"""Hostile files in the user sounds folder: reported with the reason, the built-in plays.

A named pipe called ``start.wav`` must not block the player or ``coach sounds``; a 6 MB or
a 31-second file is refused before it is decoded; a truncated WAV or a file that is no WAV
at all never raises. Special files are made in each test; reads run under a deadline.
"""

from __future__ import annotations

import array
import io
import os
import random
import sys
import wave
from collections.abc import Callable
from pathlib import Path

import pytest

from coach import locations
from coach.cli import main
from coach.cli import sounds as sounds_cli
from coach.sound.backends import NullBackend
from coach.sound.cues import MAX_CUE_BYTES, builtin_cue, find_cue
from coach.sound.miniaudio_backend import MiniaudioBackend
from coach.sound.pcm import SAMPLE_RATE, amplitude, scale
from coach.sound.report import cue_report
from tests.unit.test_hostile_files import within

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX special files")


def wav_bytes(seconds: float, rate: int = 8000, width: int = 1, channels: int = 1) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(bytes(int(seconds * rate) * width * channels))
    return buffer.getvalue()


def oversize(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: no 6 MB written to disk
        handle.truncate(MAX_CUE_BYTES + 1024 * 1024)


HOSTILE_SOUNDS: dict[str, tuple[Callable[[Path], object], str]] = {
    "fifo": (os.mkfifo, "is a named pipe (FIFO), not a regular file"),
    "dev-zero": (lambda path: path.symlink_to("/dev/zero"), "is a device, not a regular file"),
    "folder": (lambda path: path.mkdir(), "is a folder, not a regular file"),
    "oversize": (oversize, "too big for a sound cue (6.0 MB, the limit is 5.0 MB)"),
    "too-long": (lambda path: path.write_bytes(wav_bytes(31)), "31 s long; a cue may last 30 s"),
    "not-a-wav": (lambda path: path.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnope"),
                  "not a WAV file coach can read"),
    "empty": (lambda path: path.write_bytes(b""), "not a WAV file coach can read"),
    "dangling": (lambda path: path.symlink_to(path.with_name("nowhere.wav")), "no such file"),
}
"""How each hostile ``start.wav`` is made, and what ``coach sounds`` says about it."""


def user_start(make: Callable[[Path], object]) -> Path:
    folder = locations.user_sounds_dir()
    folder.mkdir(parents=True)
    path = folder / "start.wav"
    make(path)
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE_SOUNDS))
def test_a_hostile_user_sound_is_reported_with_its_reason(coach_home: Path, case: str) -> None:
    make, reason = HOSTILE_SOUNDS[case]
    path = user_start(make)
    cue = find_cue("start")
    assert (cue.path, cue.builtin) == (path, False)
    report = within(lambda: cue_report(cue))
    assert report.seconds is None and report.problem.startswith(reason), report.problem


@pytest.mark.parametrize("case", sorted(HOSTILE_SOUNDS))
def test_the_player_falls_back_to_the_builtin_cue(coach_home: Path, case: str) -> None:
    user_start(HOSTILE_SOUNDS[case][0])
    with wave.open(str(builtin_cue("start").path)) as sound:
        builtin_seconds = sound.getnframes() / SAMPLE_RATE
    backend = MiniaudioBackend(["null"])
    backend.open()
    try:
        length = within(lambda: backend.play(find_cue("start"), 80))
    finally:
        backend.close()
    assert length == pytest.approx(builtin_seconds, abs=0.001)


def test_a_truncated_wav_plays_what_is_there(coach_home: Path) -> None:
    path = user_start(lambda path: path.write_bytes(wav_bytes(2, 44100, 2)[:8044]))
    report = cue_report(find_cue("start"))
    assert report.problem == "" and report.seconds == pytest.approx(0.09, abs=0.01)
    backend = MiniaudioBackend(["null"])
    backend.open()
    try:
        assert backend.play(find_cue("start"), 80) == pytest.approx(0.09, abs=0.01)
    finally:
        backend.close()
    assert path.exists()


def test_coach_sounds_lists_a_fifo_as_yours_and_unreadable(
    coach_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = user_start(os.mkfifo)
    monkeypatch.setattr(sounds_cli, "make_backend", lambda: NullBackend("no sound device"))
    assert within(lambda: main(["sounds"])) == 0
    start = next(line for line in capsys.readouterr().out.splitlines()
                 if line.startswith("start "))
    assert start.split()[4:6] == ["unreadable", "yours"]
    assert start.endswith(f"{path}: is a named pipe (FIFO), not a regular file; the built-in "
                          "start sound plays instead")


# -- volume without a loop per sample ----------------------------------------------------


@pytest.mark.parametrize("volume", [0, 1, 7, 33, 50, 64, 99, 100])
def test_scale_matches_the_formula_for_every_sample_value(volume: int) -> None:
    every = array.array("h", range(-32768, 32768))
    scaled = array.array("h")
    scaled.frombytes(scale(every, volume))
    if volume == 100:
        assert scaled == every
    else:
        k = round(amplitude(volume) * 65536)
        assert scaled.tolist() == [sample * k >> 16 for sample in every]


def test_scale_of_a_long_random_sound_and_of_nothing() -> None:
    rng = random.Random(7)
    samples = array.array("h", rng.randbytes(2 * 30 * SAMPLE_RATE))
    scaled = array.array("h")
    scaled.frombytes(scale(samples, 70))
    k = round(amplitude(70) * 65536)
    assert len(scaled) == len(samples)
    assert all(scaled[i] == samples[i] * k >> 16 for i in range(0, len(samples), 997))
    assert scale(array.array("h"), 70) == b""


def test_a_cut_off_or_inaudible_wav_is_unusable_and_the_built_in_plays() -> None:
    import io
    import wave

    from coach.sound.cues import CueProblem, check_rate_and_length

    def wav(rate: int, frames: int) -> bytes:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(b"\x00\x00" * frames)
        return buffer.getvalue()

    check_rate_and_length(wav(44100, 4410))
    for data, words in ((wav(44100, 0), "no sound"), (wav(1, 10), "sample rate")):
        with pytest.raises(CueProblem, match=words):
            check_rate_and_length(data)
