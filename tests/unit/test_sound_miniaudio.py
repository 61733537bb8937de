"""The real miniaudio backend, driven through miniaudio's null output device.

The null device consumes samples in real time without a sound card, so the code that opens
the device, feeds it and waits for the end runs here exactly as on a laptop.
"""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest

from coach import locations
from coach.config import SoundSettings
from coach.sound.backends import BackendUnavailable
from coach.sound.cues import builtin_cue, find_cue
from coach.sound.miniaudio_backend import MiniaudioBackend
from coach.sound.pcm import SAMPLE_RATE
from coach.sound.player import CuePlayer
from coach.sound.report import describe

WAIT = 5.0


@pytest.fixture
def backend() -> MiniaudioBackend:
    return MiniaudioBackend(["null"])


def test_a_cue_plays_to_the_end_through_the_null_device(backend: MiniaudioBackend) -> None:
    player = CuePlayer(SoundSettings(volume=60), backend=backend)
    try:
        assert player.wait_ready(WAIT)
        assert player.available is True
        assert player.output == "Null"
        assert player.play_and_wait("tick", timeout=WAIT)
    finally:
        assert player.close(WAIT)


def test_the_device_stops_when_resting_and_starts_again_to_play(
    backend: MiniaudioBackend,
) -> None:
    backend.open()
    try:
        backend.play(find_cue("tick"), 80)
        assert backend.wait(WAIT)
        backend.rest()
        assert not backend._device.running
        backend.play(find_cue("tick"), 80)
        assert backend._device.running
        assert backend.wait(WAIT)
    finally:
        backend.close()
    backend.close()


def test_play_returns_the_length_and_caches_per_volume(backend: MiniaudioBackend) -> None:
    backend.open()
    try:
        cue = builtin_cue("start")
        with wave.open(str(cue.path)) as sound:
            expected = sound.getnframes() / sound.getframerate()
        assert backend.play(cue, 50) == pytest.approx(expected, abs=0.001)
        backend.play(cue, 50)
        backend.play(cue, 100)
        assert sorted(volume for _, volume in backend._prepared) == [50, 100]
    finally:
        backend.close()


def test_a_user_file_in_another_format_is_converted(
    backend: MiniaudioBackend, coach_home: Path
) -> None:
    folder = locations.user_sounds_dir()
    folder.mkdir(parents=True)
    path = folder / "done.wav"
    with wave.open(str(path), "wb") as out:  # 0.5 s of stereo silence at 44.1 kHz
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(44100)
        out.writeframes(bytes(44100 * 2 * 2 // 2))
    backend.open()
    try:
        assert backend.play(find_cue("done"), 80) == pytest.approx(0.5, abs=0.01)
    finally:
        backend.close()


def test_an_unreadable_user_file_falls_back_to_the_builtin(
    backend: MiniaudioBackend, coach_home: Path
) -> None:
    folder = locations.user_sounds_dir()
    folder.mkdir(parents=True)
    (folder / "end.wav").write_bytes(b"RIFF not really a wav")
    backend.open()
    try:
        length = backend.play(find_cue("end"), 80)
    finally:
        backend.close()
    with wave.open(str(builtin_cue("end").path)) as sound:
        assert length == pytest.approx(sound.getnframes() / SAMPLE_RATE, abs=0.001)


def test_devices_and_describe_name_the_null_device(backend: MiniaudioBackend) -> None:
    devices = backend.devices()
    assert [device.name for device in devices] == ["NULL Playback Device"]
    report = describe(MiniaudioBackend(["null"]))
    assert report.available and report.reason == ""
    assert (report.backend, report.output, report.device) == (
        "miniaudio", "Null", "NULL Playback Device"
    )
    assert [cue.name for cue in report.cues] == ["start", "tick", "halfway", "switch", "end",
                                                 "done"]
    assert all(cue.builtin and cue.seconds for cue in report.cues)


def test_an_unknown_audio_api_is_unavailable() -> None:
    with pytest.raises(BackendUnavailable, match="unknown audio backend"):
        MiniaudioBackend(["nonesuch"]).open()


def test_describe_reports_an_unreadable_user_file(coach_home: Path) -> None:
    folder = locations.user_sounds_dir()
    folder.mkdir(parents=True)
    (folder / "tick.wav").write_bytes(b"nonsense")
    shutil.copy(builtin_cue("done").path, folder / "done.wav")
    cues = {cue.name: cue for cue in describe(MiniaudioBackend(["null"])).cues}
    assert not cues["tick"].builtin and cues["tick"].seconds is None
    assert not cues["done"].builtin and cues["done"].seconds == pytest.approx(1.08, abs=0.01)
