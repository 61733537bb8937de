"""``coach sounds``: the listing, ``--play``, and what both say without a sound device."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach import locations
from coach.cli import main
from coach.cli import sounds as sounds_cli
from coach.sound.backends import Backend, NullBackend, RecordingBackend
from coach.sound.miniaudio_backend import MiniaudioBackend


def use(monkeypatch: pytest.MonkeyPatch, backend: Backend) -> None:
    monkeypatch.setattr(sounds_cli, "make_backend", lambda: backend)
    monkeypatch.setattr(sounds_cli, "GAP_SECONDS", 0)


def test_listing_with_a_device(monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    use(monkeypatch, MiniaudioBackend(["null"]))
    assert main(["sounds"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert 'Sound:   miniaudio through Null, device "NULL Playback Device"' in out
    assert "Volume:  80 of 100 (-3.9 dB)" in out
    assert "Cues on: start, tick, halfway, switch, end, done" in out
    assert "Speech:  off" in out
    lines = {line.split()[0]: line for line in out.splitlines()[7:] if line.strip()}
    assert set(lines) == {"cue", "start", "tick", "halfway", "switch", "end", "done"}
    assert "time to switch sides" in lines["switch"]
    assert "0.08 s" in lines["tick"] and "built-in" in lines["tick"]
    assert lines["done"].endswith(str(locations.builtin_sounds_dir() / "done.wav"))


def test_listing_without_a_device_says_the_bell_rings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use(monkeypatch, NullBackend("no sound device found"))
    assert main(["sounds"]) == 0
    out = capsys.readouterr().out
    assert "Sound:   no sound device found; using the terminal bell" in out


def test_listing_shows_settings_user_files_and_problems(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], coach_home: Path
) -> None:
    coach_home.mkdir()
    (coach_home / "config.toml").write_text(
        '[sound]\nvolume = 150\nmute = true\nevents = ["start", "done"]\n'
        'speech_command = ["espeak-ng", "-s", "160"]\n',
        encoding="utf-8",
    )
    folder = locations.user_sounds_dir()
    folder.mkdir()
    shutil.copy(locations.builtin_sounds_dir() / "done.wav", folder / "start.wav")
    use(monkeypatch, NullBackend("no sound device found"))
    assert main(["sounds"]) == 0
    out, err = capsys.readouterr()
    assert len(err.splitlines()) == 1 and "volume" in err
    assert "Volume:  80 of 100 (-3.9 dB), muted" in out
    assert "Cues on: start, done (off: tick, halfway, switch, end)" in out
    assert "Speech:  espeak-ng -s 160 (stopped after 5 s)" in out
    start = next(line for line in out.splitlines() if line.startswith("start "))
    assert "yours" in start and "1.08 s" in start and start.endswith(str(folder / "start.wav"))
    assert next(line for line in out.splitlines() if line.startswith("tick (off)"))


def test_play_goes_through_every_cue(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    backend = RecordingBackend()
    use(monkeypatch, backend)
    assert main(["sounds", "--play"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Playing each cue at volume 80 through memory:"
    assert [line.split()[0] for line in out.splitlines()[1:]] == list(
        ("start", "tick", "halfway", "switch", "end", "done")
    )
    assert backend.cues == ["start", "tick", "halfway", "switch", "end", "done"]
    assert backend.closed == 1


def test_play_without_a_device_explains_and_succeeds(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use(monkeypatch, NullBackend("no sound device found"))
    assert main(["sounds", "--play"]) == 0
    out = capsys.readouterr().out
    assert "Sound: no sound device found; using the terminal bell." in out
    assert "rings the terminal bell" in out


def test_play_plays_even_when_muted(monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str], coach_home: Path) -> None:
    coach_home.mkdir()
    (coach_home / "config.toml").write_text("[sound]\nmute = true\n", encoding="utf-8")
    backend = RecordingBackend()
    use(monkeypatch, backend)
    assert main(["sounds", "--play"]) == 0
    assert "muted in config.toml; playing anyway" in capsys.readouterr().out
    assert len(backend.cues) == 6


def test_help_mentions_replacing_a_cue(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["sounds", "--help"])
    assert "replaces the built-in" in capsys.readouterr().out
