"""The cue player against a recording backend: what plays, how loud, and what happens
without a device. Tests wait only on the player's own thread (``flush``/``close``)."""

from __future__ import annotations

import shutil
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from coach import locations
from coach.config import SoundSettings
from coach.play.clock import FakeClock
from coach.play.events import (
    EndStatus,
    Event,
    Outcome,
    RoutineEnded,
    StepEnded,
    StepStarted,
    SwitchSide,
)
from coach.routine.durations import StepTime
from coach.routine.timeline import TimelineStep
from coach.sound import player as player_module
from coach.sound.backends import BackendUnavailable, NullBackend, RecordingBackend
from coach.sound.cues import CueFile, UnknownCueError
from coach.sound.player import CuePlayer, CueRequest, fresh

WAIT = 5.0
HOLD = TimelineStep(index=0, name="Calf stretch", kind="stretch", time=StepTime(30, 30),
                    side="left")
SWITCH = TimelineStep(index=1, name="Switch sides", kind="rest", time=StepTime(5, 5),
                      side="right", switch=True)


@dataclass
class GatedBackend(RecordingBackend):
    """Holds the player's thread inside ``play`` until the test lets go, so a backlog
    builds up deterministically."""

    gate: threading.Event = field(default_factory=threading.Event)
    entered: threading.Event = field(default_factory=threading.Event)

    def play(self, cue: CueFile, volume: int) -> float:
        self.entered.set()
        self.gate.wait(WAIT)
        return super().play(cue, volume)


@pytest.fixture
def players() -> Iterator[list[CuePlayer]]:
    made: list[CuePlayer] = []
    yield made
    for player in made:
        assert player.close(WAIT)


def make(players: list[CuePlayer], backend: RecordingBackend | NullBackend,
         settings: SoundSettings | None = None, **kwargs: object) -> CuePlayer:
    player = CuePlayer(settings, backend=backend, **kwargs)  # type: ignore[arg-type]
    players.append(player)
    return player


def test_play_records_the_cue_at_the_configured_volume(players: list[CuePlayer]) -> None:
    backend = RecordingBackend()
    player = make(players, backend, SoundSettings(volume=40))
    player.play("start")
    assert player.flush(WAIT)
    assert backend.played == [("start", 40)]
    assert player.available is True and player.output == "memory"


def test_set_volume_applies_to_later_cues(players: list[CuePlayer]) -> None:
    backend = RecordingBackend()
    player = make(players, backend)
    player.set_volume(70)
    player.play("halfway")
    player.set_volume(250)
    player.play("end")
    assert player.flush(WAIT)
    assert backend.played == [("halfway", 70), ("end", 100)]


def test_volume_zero_is_silent(players: list[CuePlayer]) -> None:
    backend = RecordingBackend()
    player = make(players, backend, SoundSettings(volume=0))
    player.play("start")
    player.handle_events([StepStarted(HOLD)])
    assert player.flush(WAIT)
    assert backend.played == []


def test_mute_from_settings_and_toggled(players: list[CuePlayer]) -> None:
    backend = RecordingBackend()
    player = make(players, backend, SoundSettings(mute=True))
    assert player.muted
    player.play("start")
    player.handle(StepStarted(HOLD))
    player.set_muted(False)
    assert not player.muted
    player.play("done")
    assert player.flush(WAIT)
    player.set_muted(True)
    player.play("tick")
    assert player.flush(WAIT)
    assert backend.cues == ["done"]


def test_handle_events_plays_one_cue_per_moment(players: list[CuePlayer]) -> None:
    backend = RecordingBackend()
    player = make(players, backend)
    moment: list[Event] = [StepEnded(HOLD, Outcome.DONE, 30, 30), StepStarted(SWITCH),
                           SwitchSide(SWITCH, "right")]
    assert player.handle_events(moment) == "switch"
    assert player.flush(WAIT)
    assert player.handle_events([RoutineEnded(EndStatus.COMPLETED, 60)]) == "done"
    assert player.flush(WAIT)
    assert backend.cues == ["switch", "done"]


def test_disabled_events_stay_silent(players: list[CuePlayer]) -> None:
    backend = RecordingBackend()
    player = make(players, backend, SoundSettings(events=("switch",)))
    assert player.handle_events([StepStarted(HOLD)]) is None
    assert player.handle_events([StepStarted(SWITCH), SwitchSide(SWITCH, "right")]) == "switch"
    assert player.flush(WAIT)
    assert backend.cues == ["switch"]


def test_events_handed_over_one_by_one_make_one_moment(players: list[CuePlayer]) -> None:
    backend = GatedBackend()
    player = make(players, backend)
    player.play("halfway")
    assert backend.entered.wait(WAIT)
    for event in (StepEnded(HOLD, Outcome.DONE, 30, 30), StepStarted(SWITCH),
                  SwitchSide(SWITCH, "right")):
        player.handle(event)
    backend.gate.set()
    assert player.flush(WAIT)
    assert backend.cues == ["halfway", "switch"]


def test_a_user_file_replaces_the_builtin(players: list[CuePlayer], coach_home: Path) -> None:
    folder = locations.user_sounds_dir()
    folder.mkdir(parents=True)
    shutil.copy(locations.builtin_sounds_dir() / "done.wav", folder / "start.wav")
    backend = RecordingBackend()
    player = make(players, backend)
    player.play("start")
    player.play("end")
    assert player.flush(WAIT)
    assert [(cue.name, cue.builtin) for cue in backend.files] == [("start", False), ("end", True)]
    assert backend.files[0].path == folder / "start.wav"


def test_unknown_cue_names_are_rejected(players: list[CuePlayer]) -> None:
    backend = RecordingBackend()
    player = make(players, backend)
    for name in ("beep", "../start", "start.wav"):
        with pytest.raises(UnknownCueError):
            player.play(name)
    assert player.flush(WAIT)
    assert backend.played == []


def test_stale_ticks_are_dropped_from_a_backlog(players: list[CuePlayer]) -> None:
    clock = FakeClock()
    backend = GatedBackend()
    player = make(players, backend, clock=clock)
    player.play("start")
    assert backend.entered.wait(WAIT)
    player.play("tick")      # something queued behind it: dropped
    player.play("halfway")
    player.play("tick")      # last, but too late by the time it is reached: dropped
    clock.advance(1.0)
    backend.gate.set()
    assert player.flush(WAIT)
    assert backend.cues == ["start", "halfway"]


def test_a_tick_still_on_time_is_played(players: list[CuePlayer]) -> None:
    clock = FakeClock()
    backend = GatedBackend()
    player = make(players, backend, clock=clock)
    player.play("start")
    assert backend.entered.wait(WAIT)
    player.play("tick")
    player.play("tick")
    clock.advance(0.2)
    backend.gate.set()
    assert player.flush(WAIT)
    assert backend.cues == ["start", "tick"]


def test_fresh_keeps_order_and_waited_for_ticks() -> None:
    waited = threading.Event()
    backlog = [CueRequest("tick", 80, 0.0), CueRequest("start", 80, 0.0),
               CueRequest("tick", 80, 0.0, waited), CueRequest("tick", 80, 0.4)]
    assert [r.cue for r in fresh(backlog, now=0.5)] == ["start", "tick", "tick"]
    assert [r.cue for r in fresh(backlog, now=1.0)] == ["start", "tick"]
    assert fresh([], now=0.0) == []


def test_no_device_rings_the_bell_with_one_notice(players: list[CuePlayer]) -> None:
    bells: list[str] = []
    notices: list[str] = []
    player = make(players, NullBackend("no sound device found"),
                  on_fallback=bells.append, on_notice=notices.append)
    assert player.wait_ready(WAIT)
    assert player.available is False
    for cue in ("start", "tick", "done"):
        player.play(cue)
        assert player.flush(WAIT)
    player.handle_events([StepStarted(HOLD)])
    assert player.flush(WAIT)
    assert bells == ["start", "tick", "done", "start"]
    assert notices == ["no sound device found; using the terminal bell"]
    assert player.reason == notices[0]


def test_the_device_is_tried_once(players: list[CuePlayer]) -> None:
    backend = RecordingBackend(fail_open="no sound device found")
    player = make(players, backend)
    for _ in range(3):
        player.play("start")
        assert player.flush(WAIT)
    assert backend.opened == 1


def test_a_notice_given_before_anyone_listens_is_kept(players: list[CuePlayer]) -> None:
    player = make(players, NullBackend("no sound device found"))
    assert player.wait_ready(WAIT)
    notices: list[str] = []
    player.on_notice = notices.append
    player.on_notice = notices.append
    assert notices == ["no sound device found; using the terminal bell"]


def test_muted_without_a_device_stays_silent(players: list[CuePlayer]) -> None:
    bells: list[str] = []
    player = make(players, NullBackend("no sound device found"), SoundSettings(mute=True),
                  on_fallback=bells.append)
    player.play("start")
    assert player.wait_ready(WAIT) and player.flush(WAIT)
    assert bells == []


def test_an_unexpected_open_failure_counts_as_no_device(players: list[CuePlayer]) -> None:
    class Exploding(RecordingBackend):
        def open(self) -> str:
            raise RuntimeError("boom")

    bells: list[str] = []
    player = make(players, Exploding(), on_fallback=bells.append)
    player.play("switch")
    assert player.flush(WAIT)
    assert player.available is False
    assert player.reason == "sound could not start (RuntimeError); using the terminal bell"
    assert bells == ["switch"]


def test_a_cue_that_fails_to_play_rings_the_bell_and_the_next_plays(
    players: list[CuePlayer],
) -> None:
    @dataclass
    class FailsOnce(RecordingBackend):
        failed: bool = False

        def play(self, cue: CueFile, volume: int) -> float:
            if not self.failed:
                self.failed = True
                raise OSError("device gone")
            return super().play(cue, volume)

    backend = FailsOnce()
    bells: list[str] = []
    notices: list[str] = []
    player = make(players, backend, on_fallback=bells.append, on_notice=notices.append)
    player.play("start")
    player.flush(WAIT)
    player.play("end")
    assert player.flush(WAIT)
    assert bells == ["start"]
    assert backend.cues == ["end"]
    assert notices == ["cannot play the start sound (OSError); using the terminal bell"]


def test_warnings_on_the_player_thread_are_kept_not_printed(
    players: list[CuePlayer], capfd: pytest.CaptureFixture[str]
) -> None:
    class Warns(RecordingBackend):
        def play(self, cue: CueFile, volume: int) -> float:
            warnings.warn("odd device", RuntimeWarning, stacklevel=1)
            return super().play(cue, volume)

    player = make(players, Warns())
    player.play("start")
    assert player.flush(WAIT)
    assert player.warnings == ["RuntimeWarning: odd device"]
    assert capfd.readouterr().err == ""


def test_play_and_wait_ignores_mute(players: list[CuePlayer]) -> None:
    backend = RecordingBackend()
    player = make(players, backend, SoundSettings(mute=True))
    assert player.play_and_wait("done", timeout=WAIT)
    assert backend.cues == ["done"]


def test_play_and_wait_without_a_device_returns_at_once(players: list[CuePlayer]) -> None:
    bells: list[str] = []
    player = make(players, NullBackend("no sound device found"), on_fallback=bells.append)
    assert player.play_and_wait("done", timeout=WAIT)
    assert bells == ["done"]


def test_the_device_rests_when_nothing_plays(
    players: list[CuePlayer], monkeypatch: pytest.MonkeyPatch
) -> None:
    rested = threading.Event()

    class Rests(RecordingBackend):
        def rest(self) -> None:
            super().rest()
            rested.set()

    monkeypatch.setattr(player_module, "IDLE_SECONDS", 0.01)
    backend = Rests()
    player = make(players, backend)
    player.play("start")
    assert rested.wait(WAIT)
    assert backend.rested == 1


def test_close_is_idempotent_and_closes_the_backend() -> None:
    backend = RecordingBackend()
    player = CuePlayer(backend=backend)
    player.play("start")
    assert player.close(WAIT)
    assert player.close(WAIT)
    assert backend.cues == ["start"]
    assert backend.closed == 1
    player.play("end")  # after close: ignored, never raises
    assert backend.cues == ["start"]


def test_a_player_never_started_never_opens_the_device() -> None:
    backend = RecordingBackend()
    player = CuePlayer(backend=backend)
    assert player.close(WAIT)
    assert backend.opened == 0 and player.available is None


def test_say_is_silent_when_muted_or_without_a_speaker(players: list[CuePlayer]) -> None:
    said: list[str] = []

    class Recorder:
        on_notice = None

        def say(self, text: str) -> None:
            said.append(text)

        def hush(self) -> None:
            pass

        def close(self, timeout: float = 2.0) -> bool:
            return True

    player = make(players, RecordingBackend(), speaker=Recorder())
    player.say("Next: calf stretch, right side")
    player.set_muted(True)
    player.say("Next: hamstrings")
    assert said == ["Next: calf stretch, right side"]
    make(players, RecordingBackend()).say("nobody listens")


def test_from_settings_adds_speech_only_when_configured() -> None:
    assert CuePlayer.from_settings(SoundSettings(), backend=NullBackend()).speaker is None
    player = CuePlayer.from_settings(SoundSettings(speech_command=("say",)),
                                     backend=NullBackend())
    assert player.speaker is not None and player.speaker.command == ("say",)
    assert player.close(WAIT)


def test_null_backend_without_a_reason_accepts_everything(players: list[CuePlayer]) -> None:
    player = make(players, NullBackend())
    assert player.play_and_wait("start", timeout=WAIT)
    assert player.available is True


def test_backend_unavailable_is_one_line() -> None:
    assert str(BackendUnavailable("no sound device found")) == "no sound device found"
