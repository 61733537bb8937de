"""Fixtures shared by the history tests: a fixed clock, a fixed zone and a seeded history."""

from __future__ import annotations

import os
import tempfile
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


_seeded: dict[int, bytes] = {}
"""The database file of each seeded history, built once per test process."""


def seeded_store(path: Path, sessions: int = 300) -> Store:
    """A store at ``path`` holding the seeded year: the history is the same in every test,
    so it is built once and each test gets its own copy of the file."""
    if sessions not in _seeded:
        with tempfile.TemporaryDirectory() as folder:
            template = Path(folder) / "coach.db"
            with Store.open(template, clock=lambda: NOW) as store:
                seed_sessions(store, sessions, START, rng_seed=SEED)
            _seeded[sessions] = template.read_bytes()  # closed: the log is in the file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_seeded[sessions])
    return Store.open(path, clock=lambda: NOW)


def history_app(store: Store) -> CoachApp:
    return make_app(history=True, store=store, now=lambda: NOW, clock=FakeClock())


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and the screen catch up."""
    await settle_workers(pilot.app)
    await pilot.pause()
