"""What the runner hears in the player, and what happens where nothing can be heard."""

from __future__ import annotations

import pytest
from textual.widgets import Label

from coach.play.clock import FakeClock
from coach.sound.backends import RecordingBackend
from coach.ui import sound
from coach.ui.app import make_app
from tests.ui.helpers import settle_workers, until

from .helpers import AFTERNOON, sample_routine


async def settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """Let the cue thread catch up, then let its messages reach the app."""
    # Sound starts in a worker after the first frame.
    await until(pilot, lambda: app.sounds.player is not None, "sound started")
    assert app.sounds.player.flush(5)
    await pilot.pause()


async def test_cues_follow_the_routine() -> None:
    backend = RecordingBackend()
    clock = FakeClock()
    app = make_app(
        routine=sample_routine(), clock=clock, now=lambda: AFTERNOON, sound_backend=backend
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for _ in range(12):  # the 10 s walk, into the first calf stretch
            clock.advance(1)
            app.screen.sync()
            await settle(app, pilot)
    assert backend.cues[-4:] == ["tick", "tick", "tick", "start"]


async def test_m_mutes_and_the_player_says_so() -> None:
    backend = RecordingBackend()
    clock = FakeClock()
    app = make_app(
        routine=sample_routine(), clock=clock, now=lambda: AFTERNOON, sound_backend=backend
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        assert "sound off" in str(app.screen.query_one("#routine-name", Label).content)
        heard = list(backend.cues)
        await pilot.press("right")
        await settle(app, pilot)
        assert backend.cues == heard
        await pilot.press("m")
        await pilot.press("right")
        await settle(app, pilot)
        assert len(backend.cues) > len(heard)


async def test_without_a_sound_device_the_bell_rings_with_one_notice() -> None:
    backend = RecordingBackend(fail_open="no sound device found")
    clock = FakeClock()
    app = make_app(
        routine=sample_routine(), clock=clock, now=lambda: AFTERNOON, sound_backend=backend
    )
    bells: list[None] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.bell = lambda: bells.append(None)  # type: ignore[method-assign]
        await settle(app, pilot)
        await pilot.press("right", "right")
        await settle(app, pilot)
        # Never over the countdown: the notice waits for the routine's end.
        assert not [n for n in app._notifications if n.title == "Sound"]
        await pilot.press("q", "y")
        await settle(app, pilot)
        notices = [n.message for n in app._notifications if n.title == "Sound"]
    assert len(bells) >= 2
    assert len(notices) == 1 and "no sound device" in notices[0]
    assert backend.played == []


async def test_the_first_step_is_announced_even_while_sound_is_starting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A cue late by more than a couple of seconds is dropped; on a loaded test machine the
    # audio start can take that long, which is not what this test is about.
    monkeypatch.setattr(sound, "LATE_CUE_SECONDS", 3600.0)
    backend = RecordingBackend()
    app = make_app(
        routine=sample_routine(), clock=FakeClock(), now=lambda: AFTERNOON, sound_backend=backend
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_workers(app)
        await settle(app, pilot)
    assert backend.cues[:1] == ["start"]
