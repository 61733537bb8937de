"""Imported runs in the history: a row of their own, their detail, and the session linked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.widgets import Static

from coach.play.clock import FakeClock
from coach.runs.importer import import_paths
from coach.store import Store
from coach.ui.app import make_app
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.run_detail import RunDetailScreen
from coach.ui.screens.session_detail import SessionDetailScreen
from tests.support import activities as a
from tests.support.seed import cool_down_timeline
from tests.ui.helpers import screen_opens
from tests.ui.test_history_support import settle

NOW = datetime(2024, 5, 6, 12, 0, tzinfo=UTC)


async def test_a_run_is_a_row_with_its_detail_and_its_cool_down(tmp_path: Path) -> None:
    store = Store.memory()
    (tmp_path / "run.gpx").write_bytes(a.gpx(a.samples(start=a.START)))
    import_paths([tmp_path], store)
    (run,) = store.list_runs()
    cool = store.start_session(cool_down_timeline(), "after", run.end + timedelta(minutes=10))
    store.end_session(cool, "completed", 300.0, run.end + timedelta(minutes=20))
    app = make_app(history=True, store=store, now=lambda: NOW, clock=FakeClock())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert [item.id for item in screen.rows] == [cool, run.id]  # newest first
        screen.table.cursor = 1
        await pilot.press("enter")
        await settle(pilot)
        await screen_opens(pilot, RunDetailScreen)
        links = str(app.screen.query_one("#run-links", Static).content)
        assert "Cool-down after: Cool-down" in links
        await pilot.press("q")
        await settle(pilot)
        screen.table.cursor = 0
        await pilot.press("enter")
        await settle(pilot)
        await screen_opens(pilot, SessionDetailScreen)
        head = str(app.screen.query_one("#detail-head", Static).content)
        assert "Run: " in head and "km" in head
