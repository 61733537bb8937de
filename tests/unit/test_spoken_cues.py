"""Spoken cues: what is said and when (through a fake engine on the engine's fake clock),
that a newer phrase cuts off a stale one, that mute silences it, which engine is found,
and that the runner's answer is kept in the settings."""

from __future__ import annotations

import os
import select
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.config import ConfigError, SoundSettings, load_settings, save_speech
from coach.play.clock import FakeClock
from coach.play.spoken import Voice, how, phrases
from coach.routine.durations import StepTime
from coach.routine.timeline import Timeline, TimelineStep
from coach.session.owner import PlayedRoutine
from coach.sound import speech as speech_module
from coach.sound.backends import RecordingBackend
from coach.sound.engines import WINDOWS_SCRIPT, engine_name, find_speech_command
from coach.sound.player import CuePlayer
from coach.sound.speech import Speaker, speech_command

WAIT = 10.0


def timeline() -> Timeline:
    def step(index: int, name: str, seconds: int, cue: str = "", side: str | None = None,
             switch: bool = False, countdown: int = 3) -> TimelineStep:
        return TimelineStep(index=index, name=name, kind="move", time=StepTime(seconds, seconds),
                            cue=cue, side=side, switch=switch,  # type: ignore[arg-type]
                            countdown=countdown)

    return Timeline("t", "Test", "warm-up", (
        step(0, "Brisk walk", 10, "Walk tall and quick, arms bent. Then faster."),
        step(1, "Calf stretch", 6, "Back heel down, lean into the wall.", "left"),
        step(2, "Switch sides", 2, "", "right", True, 0),
        step(3, "Calf stretch", 6, "Back heel down, lean into the wall.", "right"),
    ))


def test_a_fake_engine_hears_each_step_what_is_next_and_the_last_seconds() -> None:
    clock = FakeClock(start=0.0)
    said: list[tuple[float, str]] = []
    plan = timeline()
    played = PlayedRoutine(plan, clock=clock, suspended=lambda: 0.0)
    played.listen_moments(Voice(lambda text: said.append((clock(), text)), plan).moment)
    played.command("start")
    for _ in range(30):
        clock.advance(1.0)
        played.update()

    assert said == [
        (0.0, "Brisk walk. Walk tall and quick, arms bent. Next: Calf stretch, left side."),
        (7.0, "three"), (8.0, "two"), (9.0, "one"),
        (10.0, "Calf stretch, left side. Back heel down, lean into the wall. "
               "Then the right side."),
        (13.0, "three"), (14.0, "two"), (15.0, "one"),
        (16.0, "Switch to the right side."),
        (18.0, "Calf stretch, right side. Back heel down, lean into the wall. Last step."),
        (21.0, "three"), (22.0, "two"), (23.0, "one"),
        (24.0, "Routine done. Well done."),
    ]


def test_how_is_the_first_sentence_cut_at_a_comma() -> None:
    assert how("Stand on the other leg, toes of the named foot down, circle the heel both "
               "ways.") == "Stand on the other leg, toes of the named foot down"
    assert how("Slow enough to chat. Short steps.") == "Slow enough to chat"
    assert how("") == ""


def test_no_timeline_still_says_the_step() -> None:
    step = timeline()[0]
    from coach.play.events import StepStarted

    assert phrases([StepStarted(step)]) == ["Brisk walk. Walk tall and quick, arms bent."]


# -- the speaker: one phrase at a time, the newest ---------------------------------------

SCRIPT = '''
import os, sys, time
out, text = sys.argv[1], sys.argv[2]
with open(out, "a", encoding="utf-8") as f:
    f.write(f"{os.getpid()} {text}\\n")
if text.startswith("long"):
    with open(os.path.join(os.path.dirname(out), "ready"), "w") as signal:
        signal.write("started")
    time.sleep(60)
'''


@pytest.fixture
def speakers() -> Iterator[list[Speaker]]:
    made: list[Speaker] = []
    yield made
    for speaker in made:
        speaker.close(WAIT)


@pytest.mark.skipif(os.name != "posix", reason="waits on a named pipe")
def test_a_newer_phrase_cuts_off_the_one_being_said(
    speakers: list[Speaker], tmp_path: Path
) -> None:
    script = tmp_path / "speak.py"
    script.write_text(SCRIPT, encoding="utf-8")
    log = tmp_path / "said.txt"
    ready = tmp_path / "ready"
    os.mkfifo(ready)
    reader = os.open(ready, os.O_RDONLY | os.O_NONBLOCK)
    notices: list[str] = []
    speaker = Speaker([sys.executable, str(script), str(log)], 30, on_notice=notices.append)
    speakers.append(speaker)
    try:
        speaker.say("long sentence about the calf stretch")
        readable, _, _ = select.select([reader], [], [], WAIT)
        assert readable  # it is being said
    finally:
        os.close(reader)
    speaker.say("three")
    assert speaker.flush(WAIT)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == [
        "long sentence about the calf stretch", "three"]
    with pytest.raises(ProcessLookupError):
        os.kill(int(lines[0].split()[0]), 0)
    assert notices == []  # cut off on purpose is no failure
    assert speaker.enabled


class FakeSpeaker:
    """Records what the player hands to speech, and each hush."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.hushed = 0
        self.on_notice = None

    def say(self, text: str) -> None:
        self.said.append(text)

    def hush(self) -> None:
        self.hushed += 1

    def close(self, timeout: float = 2.0) -> bool:
        return True


def test_mute_silences_speech_at_once() -> None:
    fake = FakeSpeaker()
    player = CuePlayer(backend=RecordingBackend(), speaker=fake)  # type: ignore[arg-type]
    try:
        player.say("Brisk walk.")
        player.set_muted(True)
        player.say("three")
        player.set_muted(False)
        player.say("two")
    finally:
        assert player.close(WAIT)
    assert fake.said == ["Brisk walk.", "two"]
    assert fake.hushed == 1


# -- which engine, and the runner's answer ---------------------------------------------


@pytest.mark.parametrize(
    ("platform", "found", "command"),
    [
        ("darwin", {"say"}, ("say",)),
        ("linux", {"espeak-ng", "spd-say"}, ("espeak-ng",)),
        ("linux", {"spd-say"}, ("spd-say", "--wait")),
        ("linux", set(), None),
        ("darwin", set(), None),
    ],
)
def test_the_system_engine_is_found(platform: str, found: set[str],
                                    command: tuple[str, ...] | None) -> None:
    def which(name: str) -> str | None:
        return name if name in found else None

    assert find_speech_command(which, platform) == command


def test_windows_speech_takes_the_text_as_a_parameter_never_as_code() -> None:
    command = find_speech_command(lambda name: "C:/ps/" + name, "win32")
    assert command is not None
    assert command[-2:] == ("-File", str(WINDOWS_SCRIPT))
    assert "-Command" not in command
    assert WINDOWS_SCRIPT.is_file() and "$Text" in WINDOWS_SCRIPT.read_text(encoding="utf-8")
    assert engine_name(command) == "Windows speech"


def test_speech_uses_the_named_command_else_the_system_engine_once_turned_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("coach.sound.engines.find_speech_command", lambda: ("espeak-ng",))
    assert speech_command(SoundSettings()) == ()  # not asked yet: nothing is said
    assert speech_command(SoundSettings(speech=True)) == ("espeak-ng",)
    assert speech_command(SoundSettings(speech_command=("say", "-v", "Ava"))) == (
        "say", "-v", "Ava")
    assert speech_command(SoundSettings(speech=False, speech_command=("say",))) == ()
    assert speech_module.Speaker.from_settings(SoundSettings(speech=False)) is None


def test_the_answer_is_kept_in_the_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"  # mine\n\n[sound]\nvolume = 60\n\n[runs]\n'
                    'folders = ["~/runs"]\n', encoding="utf-8")
    save_speech(True, path)
    settings, problems = load_settings(path)
    assert problems == [] and settings.sound.speech is True
    assert settings.sound.volume == 60 and settings.theme == "nord"
    save_speech(False, path)
    assert load_settings(path)[0].sound.speech is False
    assert path.read_text(encoding="utf-8").count("speech") == 1
    assert 'theme = "nord"  # mine' in path.read_text(encoding="utf-8")

    empty = tmp_path / "new.toml"
    save_speech(True, empty)
    assert load_settings(empty)[0].sound.speech is True


def test_a_bad_speech_value_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[sound]\nspeech = "yes"\n', encoding="utf-8")
    settings, problems = load_settings(path)
    assert settings.sound.speech is None
    assert problems == [f"{path}: [sound] speech: must be true or false, e.g. speech = true"]


def speech_setting(tmp_path: Path, value: str) -> tuple[tuple[str, ...], list[str]]:
    path = tmp_path / "config.toml"
    path.write_text(f"[sound]\nspeech_command = {value}\n", encoding="utf-8")
    settings, problems = load_settings(path)
    return settings.sound.speech_command, problems


def test_a_speech_command_in_one_string_is_split_like_the_list(tmp_path: Path) -> None:
    as_list = speech_setting(tmp_path, '["espeak-ng", "-s", "160"]')
    assert as_list == (("espeak-ng", "-s", "160"), [])
    assert speech_setting(tmp_path, '"espeak-ng -s 160"') == as_list
    assert speech_setting(tmp_path, '"  espeak-ng   -s 160 "') == as_list


def test_a_quoted_path_with_a_space_stays_one_word(tmp_path: Path) -> None:
    assert speech_setting(tmp_path, """'"/opt/my voice/speak" -v "en gb"'""") == (
        ("/opt/my voice/speak", "-v", "en gb"), [])
    assert speech_setting(tmp_path, r"""'/opt/my\ voice/speak'""") == (
        ("/opt/my voice/speak",), [])
    # a list is exact: a word with a space is never split
    assert speech_setting(tmp_path, '["/opt/my voice/speak"]') == (
        ("/opt/my voice/speak",), [])


@pytest.mark.parametrize(("value", "says"), [
    ('"espeak-ng -v \'en gb"', "a quote is not closed"),
    ("'espeak-ng \\'", "a lone backslash"),
    ('""', "is empty"),
    ('"   "', "is empty"),
])
def test_a_speech_command_string_that_cannot_be_split_is_one_line(
    tmp_path: Path, value: str, says: str,
) -> None:
    command, problems = speech_setting(tmp_path, value)
    assert command == ()  # the default: the system's engine, once speech is on
    assert len(problems) == 1 and "\n" not in problems[0], problems
    problem = problems[0]
    assert problem.startswith(f"{tmp_path / 'config.toml'}: [sound] speech_command: ")
    assert says in problem
    assert 'speech_command = ["espeak-ng", "-s", "160"]' in problem


@pytest.mark.parametrize("text", [
    "[ sound ]\nvolume = 60\n",
    "sound.volume = 60\n",
    "sound = { volume = 60 }\n",
    '[sound]\nvolume = 60\n# keep this:\n"speech" = true\n',
])
def test_the_answer_never_breaks_a_settings_file_written_another_way(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    try:
        save_speech(False, path)
    except ConfigError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
        assert path.read_text(encoding="utf-8") == text  # left as it was
    else:
        settings, problems = load_settings(path)
        assert problems == [] and settings.sound.speech is False
        assert settings.sound.volume == 60
