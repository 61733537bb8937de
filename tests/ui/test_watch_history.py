"""A cool-down walked with the watch shows in the history as a session from the watch."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from coach.routine.catalog import resolve
from coach.runs.importer import import_paths
from coach.store import Store
from coach.ui.screens.session_detail import SessionDetailScreen
from tests.support.watch_activity import LapSpec, activity

from .test_history_support import history_app, settle, utc_zone  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc_zone")


async def test_the_watch_session_opens_with_its_steps_and_its_run(tmp_path: Path) -> None:
    path = tmp_path / "run.fit"
    path.write_bytes(activity(
        datetime(2026, 5, 1, 7, 0, tzinfo=UTC),
        [LapSpec(1800, metres=5000), LapSpec(300, 0, "cooldown"), LapSpec(200, 1, "cooldown")],
        resolve("cool-down-walk")))
    with Store.open(tmp_path / "coach.db") as store:
        import_paths([path], store)
        app = history_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("enter")  # the newest row: the cool-down after the run
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SessionDetailScreen)
            head = str(screen.query_one("#detail-head", Static).content)
    assert "Cool-down walk" in head and "from the watch" in head
    assert "1 of 1 steps done" in head and "Run: 5.00 km" in head
