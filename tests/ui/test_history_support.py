"""Fixtures shared by the history tests: a fixed clock, a fixed zone and a seeded history."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.play.clock import FakeClock
from coach.store import Store
from coach.ui.app import CoachApp, make_app
from tests.support.seed import seed_sessions
from tests.ui.helpers import settle_workers

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
"""A Monday noon; the seeded year ends a few hours before it."""
START = NOW - timedelta(days=365)
SEED = 11


@pytest.fixture
def utc_zone() -> Iterator[None]:
    """Local time is UTC, so the dates on screen are the same on every machine."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def seeded_store(path: Path, sessions: int = 300) -> Store:
    store = Store.open(path, clock=lambda: NOW)
    seed_sessions(store, sessions, START, rng_seed=SEED)
    return store


def history_app(store: Store) -> CoachApp:
    return make_app(history=True, store=store, now=lambda: NOW, clock=FakeClock())


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and the screen catch up."""
    await settle_workers(pilot.app)
    await pilot.pause()
