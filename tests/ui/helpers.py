"""Builders for UI tests: a small routine that has every kind of step, and a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from time import monotonic
from typing import Any, Final, TypeVar

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from coach.play.clock import FakeClock
from coach.routine.durations import StepTime
from coach.routine.model import Group, Routine, Step
from coach.ui.app import CoachApp, make_app

S = TypeVar("S", bound=Screen[object])

GIVE_UP_SECONDS: Final = 20.0
"""How long :func:`until` lets the app work before it calls the test failed."""

MORNING = datetime(2026, 5, 4, 8, 30)
AFTERNOON = datetime(2026, 5, 4, 17, 0)


def sample_routine() -> Routine:
    """Walk 10s, calf stretch 30s per side, 2 strides of 20s, a 1–2 min walk, an open step."""
    return Routine(
        id="sample",
        name="Sample routine",
        kind="mixed",
        summary="Every kind of step, for tests.",
        steps=(
            Step("Brisk walk", "walk", StepTime(10, 10), cue="Tall posture, arms swinging."),
            Step("Calf stretch", "stretch", StepTime(30, 30), cue="Back heel down.", sides=True),
            Group("Strides", 2, (Step("Stride", "move", StepTime(20, 20), cue="Quick feet."),)),
            Step("Cool-down walk", "walk", StepTime(60, 120), cue="Slow down, keep moving."),
            Step("Ready?", "rest", StepTime(0, None), cue="Press enter when ready."),
        ),
    )


def player_app(clock: FakeClock, routine: Routine | None = None) -> CoachApp:
    return make_app(routine=routine or sample_routine(), clock=clock, now=lambda: AFTERNOON)


async def settle_workers(app: App[Any]) -> None:
    """Wait for the background work (loading routines, opening the history, sound) but not
    for the flows, which wait for the runner: their worker groups start with "flow"."""
    from textual.worker import WorkerCancelled

    for _ in range(10):  # an exclusive worker started again cancels the one waited for
        busy = [worker for worker in app.workers if not worker.group.startswith("flow")]
        if not busy:  # an empty list would mean "every worker" to Textual
            return
        try:
            await app.workers.wait_for_complete(busy)
            return
        except WorkerCancelled:
            continue


async def until(pilot: Pilot[Any], condition: Callable[[], object], what: str) -> None:
    """Let the app work until ``condition()`` holds: what a worker or a thread sends lands
    some messages after the key that asked for it, later still on a loaded machine.

    A passing test waits for the condition, never for time; the limit only ends a test that
    is failing anyway, naming ``what`` never happened.
    """
    deadline = monotonic() + GIVE_UP_SECONDS
    while not condition():
        if monotonic() > deadline:
            raise AssertionError(f"{what}: still not so after {GIVE_UP_SECONDS} s")
        await settle_workers(pilot.app)
        await pilot.pause()


def footer_keys(app: App[Any]) -> list[str]:
    """What the keys in the footer of the screen on top say (none while it has no footer)."""
    from coach.ui.widgets.footer import CoachFooter

    return [str(key.description) for footer in app.screen.query(CoachFooter)
            for key in footer.children]


async def footer_shows(pilot: Pilot[Any], *keys: str) -> None:
    """Wait until the footer shows ``keys``: it is rebuilt once the screen's keys are known,
    a refresh after the screen appears or the terminal changes size."""
    await until(pilot, lambda: set(keys) <= set(footer_keys(pilot.app)),
                f"the footer shows {', '.join(keys)}")


async def screen_opens(pilot: Pilot[Any], kind: type[S]) -> S:
    """The screen on top once it is a ``kind`` (a dialog a worker opens)."""
    await pilot.pause()
    await until(pilot, lambda: isinstance(pilot.app.screen, kind),
                f"{kind.__name__} opens over {pilot.app.screen!r}")
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen
