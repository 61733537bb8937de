"""Pin the look of the history screens on a fixed seeded year, with time and zone fixed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.store import Store
from coach.ui.widgets.row_list import RowList

from .test_history_support import history_app, seeded_store, settle, utc_zone  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc_zone")


def decorated_store(path: Path) -> Store:
    """The seeded year, plus regions on recent next-day ratings and tips on one entry."""
    store = seeded_store(path)
    after = [s for s in store.list_sessions(60) if s.phase == "after"]
    for number, summary in enumerate(after):
        for entry in store.get_session(summary.id).soreness:
            if entry.timing == "next day":
                store.update_soreness(entry.id, regions={
                    "calves": min(10, entry.overall + number % 3),
                    "knees": max(0, entry.overall - 1), "hips": number % 4,
                })
    rated = next(s for s in after if s.soreness_after is not None)
    first = store.get_session(rated.id).soreness[0]
    store.update_soreness(
        first.id, regions={"calves": 5, "shins": 3}, note="Hilly route, felt heavy.",
        advice=["walk-it-off", "self-massage", "softer-ground"],
    )
    return store


def open_rated_session(pilot_store: list[Store]) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        store = pilot_store[0]
        rows = store.list_sessions(100)
        index = next(i for i, s in enumerate(rows) if s.phase == "after" and s.soreness_after)
        pilot.app.screen.query_one("#sessions", RowList).cursor = index
        await pilot.press("enter")
        await settle(pilot)

    return run_before


def press(*keys: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_history(snap_compare: Any, tmp_path: Path) -> None:
    app = history_app(decorated_store(tmp_path / "coach.db"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=press("down", "down"))


def test_history_large(snap_compare: Any, tmp_path: Path) -> None:
    app = history_app(decorated_store(tmp_path / "coach.db"))
    assert snap_compare(app, terminal_size=(200, 50), run_before=press("down"))


def test_history_small(snap_compare: Any, tmp_path: Path) -> None:
    app = history_app(decorated_store(tmp_path / "coach.db"))
    assert snap_compare(app, terminal_size=(60, 20), run_before=press("f", "f"))


def test_history_empty(snap_compare: Any, tmp_path: Path) -> None:
    app = history_app(Store.open(tmp_path / "coach.db"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=press())


def test_session_detail(snap_compare: Any, tmp_path: Path) -> None:
    store = decorated_store(tmp_path / "coach.db")
    app = history_app(store)
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_rated_session([store]))


def test_trends(snap_compare: Any, tmp_path: Path) -> None:
    app = history_app(decorated_store(tmp_path / "coach.db"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=press("t"))


def test_trends_load_and_streaks(snap_compare: Any, tmp_path: Path) -> None:
    app = history_app(decorated_store(tmp_path / "coach.db"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=press("t", "end"))


def test_what_helps(snap_compare: Any, tmp_path: Path) -> None:
    app = history_app(decorated_store(tmp_path / "coach.db"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=press("w"))
