"""The shipped cue files, the script that makes them, and how a cue name finds its file."""

from __future__ import annotations

import array
import math
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from coach import locations
from coach.sound.cues import CUES, MEANINGS, UnknownCueError, all_cues, check_cue, find_cue

SOUNDS = locations.builtin_sounds_dir()


def samples(path: Path) -> array.array[int]:
    with wave.open(str(path), "rb") as sound:
        data = array.array("h")
        data.frombytes(sound.readframes(sound.getnframes()))
    return data


def test_every_cue_is_named_and_described() -> None:
    assert CUES == ("start", "tick", "halfway", "switch", "end", "done")
    assert set(MEANINGS) == set(CUES)


@pytest.mark.parametrize("cue", CUES)
def test_shipped_cue_is_small_16_bit_mono(cue: str) -> None:
    path = SOUNDS / f"{cue}.wav"
    assert path.stat().st_size < 100_000
    with wave.open(str(path), "rb") as sound:
        assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, 22050)
        assert 0.05 < sound.getnframes() / sound.getframerate() < 1.5


@pytest.mark.parametrize("cue", CUES)
def test_shipped_cue_fades_in_and_out(cue: str) -> None:
    data = samples(SOUNDS / f"{cue}.wav")
    peak = max(abs(s) for s in data)
    assert abs(data[0]) < peak / 50 and abs(data[-1]) < peak / 50
    assert peak < 32767 * 0.95, "no cue clips"


def test_shipped_cues_are_equally_loud() -> None:
    levels = []
    for cue in CUES:
        data = samples(SOUNDS / f"{cue}.wav")
        rms = math.sqrt(sum(s * s for s in data) / len(data))
        levels.append(20 * math.log10(rms / 32768))
    assert max(levels) - min(levels) < 0.5


def test_the_script_reproduces_the_shipped_files(tmp_path: Path) -> None:
    script = SOUNDS / "make_sounds.py"
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for cue in CUES:
        made = (tmp_path / f"{cue}.wav").read_bytes()
        assert made == (SOUNDS / f"{cue}.wav").read_bytes(), f"{cue}.wav differs"


def test_builtin_cue_is_used_without_a_user_file() -> None:
    cue = find_cue("start")
    assert cue.builtin and cue.path == SOUNDS / "start.wav"


def test_a_user_file_of_the_same_name_replaces_the_builtin(coach_home: Path) -> None:
    folder = coach_home / "sounds"
    folder.mkdir(parents=True)
    shutil.copy(SOUNDS / "done.wav", folder / "tick.wav")
    tick = find_cue("tick")
    assert not tick.builtin and tick.path == folder / "tick.wav"
    assert [cue.builtin for cue in all_cues()] == [cue != "tick" for cue in CUES]


def test_other_files_in_the_user_folder_are_ignored(coach_home: Path) -> None:
    folder = coach_home / "sounds"
    folder.mkdir(parents=True)
    (folder / "bell.wav").write_bytes(b"")
    (folder / "start.mp3").write_bytes(b"")
    assert all(cue.builtin for cue in all_cues())


@pytest.mark.parametrize(
    "name", ["", "START", "beep", "start.wav", "../start", "sounds/start", "/etc/passwd"]
)
def test_only_known_cue_names_are_accepted(name: str) -> None:
    with pytest.raises(UnknownCueError, match="known cues: start, tick"):
        find_cue(name)
    with pytest.raises(UnknownCueError):
        check_cue(name)
