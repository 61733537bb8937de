"""Speech through a user-configured command: the text arrives as one argument, nothing
reaches the terminal, and failures and overruns end quietly with one notice. The
"speech command" here is a small Python script."""

from __future__ import annotations

import os
import select
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.config import SoundSettings
from coach.sound.speech import MAX_TEXT, Speaker, clean_text

WAIT = 10.0

SCRIPT = '''
import os, sys, time
out = sys.argv[1]
mode = sys.argv[2]
text = sys.argv[3]
with open(out, "a", encoding="utf-8") as f:
    f.write(f"{os.getpid()} {len(sys.argv)} {text}\\n")
print("spoken on stdout")
print("complaint on stderr", file=sys.stderr)
if mode == "slow":
    ready = os.path.join(os.path.dirname(out), "ready")
    if os.path.exists(ready):
        with open(ready, "w") as signal:
            signal.write("started")
    time.sleep(60)
if mode == "fail":
    sys.exit(3)
'''


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "speak.py"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


@pytest.fixture
def speakers() -> Iterator[list[Speaker]]:
    made: list[Speaker] = []
    yield made
    for speaker in made:
        speaker.close(WAIT)


def make(speakers: list[Speaker], script: Path, log: Path, mode: str = "ok",
         timeout: float = 10.0) -> tuple[Speaker, list[str]]:
    notices: list[str] = []
    speaker = Speaker([sys.executable, str(script), str(log), mode], timeout,
                      on_notice=notices.append)
    speakers.append(speaker)
    return speaker, notices


def spoken(log: Path) -> list[str]:
    if not log.exists():
        return []
    return [line.split(" ", 2)[2] for line in log.read_text(encoding="utf-8").splitlines()]


def test_the_text_is_the_last_argument_and_output_goes_nowhere(
    speakers: list[Speaker], script: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "said.txt"
    speaker, notices = make(speakers, script, log)
    speaker.say("Next: calf stretch, right side")
    assert speaker.flush(WAIT)
    assert spoken(log) == ["Next: calf stretch, right side"]
    assert log.read_text(encoding="utf-8").split(" ", 2)[1] == "4"  # one argument for it
    assert notices == []
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.skipif(os.name != "posix", reason="checks the process is gone by its id")
def test_an_overrunning_command_is_killed_with_one_notice(
    speakers: list[Speaker], script: Path, tmp_path: Path
) -> None:
    log = tmp_path / "said.txt"
    speaker, notices = make(speakers, script, log, mode="slow", timeout=0.3)
    assert not speaker.speak_now("first")
    assert not speaker.speak_now("second")
    pids = [int(line.split()[0]) for line in log.read_text(encoding="utf-8").splitlines()]
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert len(notices) == 1
    assert "took over 0.3s and was stopped" in notices[0]
    assert speaker.enabled


def test_a_failing_command_gives_one_notice(
    speakers: list[Speaker], script: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    speaker, notices = make(speakers, script, tmp_path / "said.txt", mode="fail")
    speaker.say("one")
    assert speaker.flush(WAIT)
    speaker.say("two")
    assert speaker.flush(WAIT)
    assert len(notices) == 1 and "failed (exit status 3)" in notices[0]
    assert capfd.readouterr().err == ""


def test_a_missing_command_turns_speech_off(speakers: list[Speaker], tmp_path: Path) -> None:
    notices: list[str] = []
    speaker = Speaker([str(tmp_path / "no-such-speaker")], on_notice=notices.append)
    speakers.append(speaker)
    speaker.say("hello")
    assert speaker.flush(WAIT)
    assert not speaker.enabled
    speaker.say("again")
    assert speaker.flush(WAIT)
    assert len(notices) == 1 and notices[0].startswith("speech command not found")
    assert speaker.problem == notices[0]


@pytest.mark.skipif(os.name != "posix", reason="waits on a named pipe")
def test_close_stops_speech_in_progress(
    speakers: list[Speaker], script: Path, tmp_path: Path
) -> None:
    log = tmp_path / "said.txt"
    ready = tmp_path / "ready"
    os.mkfifo(ready)
    reader = os.open(ready, os.O_RDONLY | os.O_NONBLOCK)
    try:
        speaker, notices = make(speakers, script, log, mode="slow", timeout=30)
        speaker.say("a long sentence")
        readable, _, _ = select.select([reader], [], [], WAIT)  # the command has started
        assert readable
    finally:
        os.close(reader)
    assert speaker.close(WAIT)
    pid = int(log.read_text(encoding="utf-8").split()[0])
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert notices == []


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Next: calf stretch", "Next: calf stretch"),
        ("--output=/tmp/x hello", "output=/tmp/x hello"),
        ("  - dash", "dash"),
        ("line\nbreak\x1b[31m", "line break [31m"),
        ("", ""),
    ],
)
def test_text_never_looks_like_an_option(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned


def test_long_text_is_cut() -> None:
    assert len(clean_text("word " * 200)) == MAX_TEXT


def test_nothing_is_spoken_for_empty_text(
    speakers: list[Speaker], script: Path, tmp_path: Path
) -> None:
    log = tmp_path / "said.txt"
    speaker, _ = make(speakers, script, log)
    speaker.say(" \n ")
    assert speaker.flush(WAIT)
    assert not log.exists()


def test_no_command_means_no_speaker() -> None:
    assert Speaker.from_settings(SoundSettings()) is None
    speaker = Speaker.from_settings(SoundSettings(speech_command=("espeak-ng", "-s", "160"),
                                                  speech_timeout=2.5))
    assert speaker is not None
    assert (speaker.command, speaker.timeout) == (("espeak-ng", "-s", "160"), 2.5)
    assert not Speaker(()).enabled


@pytest.mark.parametrize("name", ["- -w/tmp/x.wav", " - --stdout", "-- - -s 999", "-\t-v"])
def test_a_step_name_never_becomes_an_option_of_the_speech_command(name: str) -> None:
    from coach.sound.speech import clean_text

    assert not clean_text(name).startswith(("-", " "))
