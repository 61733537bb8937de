"""Speech in the app: offered on the first routine when an engine is found, turned on from
the palette (and kept in the settings), and silent under mute."""

from __future__ import annotations

import sys

import pytest

from coach import locations
from coach.config import load_settings
from coach.play.clock import FakeClock
from coach.sound.backends import RecordingBackend
from coach.ui.app import make_app
from tests.ui.helpers import settle_workers, until

from .helpers import AFTERNOON, sample_routine

QUIET_ENGINE = (sys.executable, "-c", "pass")
"""A "speech engine" that says nothing, quickly."""


def notes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [note.message for note in app._notifications]


async def test_the_first_routine_offers_speech_when_an_engine_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("coach.sound.engines.find_speech_command", lambda *a: QUIET_ENGINE)
    app = make_app(routine=sample_routine(), clock=FakeClock(), now=lambda: AFTERNOON,
                   sound_backend=RecordingBackend())
    async with app.run_test(size=(100, 30)) as pilot:
        # Sound starts after the first frame, on its own thread.
        await until(pilot, lambda: app.sounds.player is not None
                    and app.sounds.settings is not None, "sound started")
        await settle_workers(app)
        await pilot.pause()
        # Never over the countdown and the step's how-to: the offer waits for the end.
        assert not any("aloud" in note for note in notes(app))
        await pilot.press("q", "y")
        await until(pilot, lambda: notes(app), "a notice after the routine")
        assert any("say each step aloud" in note for note in notes(app))
        assert app.sounds.player is not None and app.sounds.player.speaker is None


async def test_no_offer_without_an_engine() -> None:
    app = make_app(routine=sample_routine(), clock=FakeClock(), now=lambda: AFTERNOON,
                   sound_backend=RecordingBackend())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_workers(app)
        await pilot.pause()
        assert not any("aloud" in note for note in notes(app))


async def test_turning_speech_on_speaks_and_is_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.sound.engines.find_speech_command", lambda *a: QUIET_ENGINE)
    app = make_app(routine=sample_routine(), clock=FakeClock(), now=lambda: AFTERNOON,
                   sound_backend=RecordingBackend())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_workers(app)
        app.action_toggle_speech()
        await until(pilot, lambda: app.sounds.player is not None
                    and app.sounds.player.speaker is not None, "speech turned on")
        assert any("Speech on" in note for note in notes(app))
        await pilot.press("m")  # the same m mutes cues and speech alike
        assert app.muted and app.sounds.player.muted
        app.action_toggle_speech()
        await settle_workers(app)
        assert app.sounds.player.speaker is None
    settings, problems = load_settings(locations.config_file())
    assert problems == [] and settings.sound.speech is False


async def test_without_an_engine_turning_speech_on_says_why() -> None:
    app = make_app(routine=sample_routine(), clock=FakeClock(), now=lambda: AFTERNOON,
                   sound_backend=RecordingBackend())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_workers(app)
        app.action_toggle_speech()
        await until(pilot, lambda: any("No speech engine found" in note for note in notes(app)),
                    "the reason shown")
