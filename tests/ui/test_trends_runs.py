"""The trends tab with imported runs: weekly distance and time beside the other charts, and
one plain line when a recent run was much longer than the month's longest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from coach.store import Store
from coach.ui.screens.trends import TrendsScreen
from coach.ui.widgets.chart import WeeklyBars
from tests.support import seed
from tests.ui.hostile import frame

from .test_history_support import (  # noqa: F401
    NOW,
    history_app,
    seeded_store,
    settle,
    utc_zone,
)

pytestmark = pytest.mark.usefixtures("utc_zone")


def add_run(store: Store, days_ago: float, km: float, minutes: float) -> None:
    seed.add_run(store, NOW - timedelta(days=days_ago), minutes, km=km, effort=5.0)


@dataclass(frozen=True)
class Shown:
    """What the trends tab showed: its charts, its texts by id, the screen's lines."""

    charts: list[str | None]
    texts: dict[str, str]
    waiting: list[str]
    lines: str


async def trends(store: Store, size: tuple[int, int]) -> Shown:
    app = history_app(store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        texts = {widget.id: " ".join(str(widget.content).split())
                 for widget in screen.query("#trends-body Static").results(Static)
                 if widget.id is not None}
        return Shown(
            charts=[chart.id for chart in screen.query(WeeklyBars)], texts=texts,
            waiting=[str(w.content) for w in screen.query(".trend-wait").results(Static)],
            lines="\n".join(frame(app).lines),
        )


@pytest.mark.parametrize("size", [(60, 20), (100, 30), (200, 50)])
async def test_distance_and_time_charts_and_the_spike_line(tmp_path: Path,
                                                           size: tuple[int, int]) -> None:
    store = seeded_store(tmp_path / "coach.db")
    add_run(store, 20, 10.0, 55)  # Tue 14 Apr
    add_run(store, 4, 8.0, 45)  # Thu 30 Apr
    add_run(store, 2, 12.5, 70)  # Sat 2 May: 25 % longer than 10 km
    shown = await trends(store, size)
    assert shown.charts == ["chart-soreness", "chart-minutes", "chart-distance",
                            "chart-run-time", "chart-load"]
    line = shown.texts["run-spike"]
    assert line.startswith("Your run on 2 May (12.5 km) was more than 10 % longer than your "
                           "longest of the 30 days before (10.0 km).")
    assert "Frandsen et al. 2025" in line
    assert shown.texts["runs-week"] == (
        "This week 0 runs, 0.0 km, 0 min · last week 2 runs, 20.5 km, 115 min")
    if size[1] >= 50:  # the first screen reaches both, each chart topped by its best week
        assert "Runs  distance per week, km" in shown.lines and "  20┤" in shown.lines
        assert "Running time  minutes per week" in shown.lines and " 115┤" in shown.lines


async def test_without_a_spike_there_is_no_spike_line(tmp_path: Path) -> None:
    store = seeded_store(tmp_path / "coach.db")
    add_run(store, 20, 10.0, 55)
    add_run(store, 2, 11.0, 60)  # exactly 10 % longer
    shown = await trends(store, (100, 30))
    assert "chart-distance" in shown.charts and "run-spike" not in shown.texts


async def test_imported_runs_alone_fill_the_trends(tmp_path: Path) -> None:
    """No session played and nothing rated, only the watch's runs: the charts, not the
    "nothing to chart yet" page."""
    store = Store.open(tmp_path / "coach.db", clock=lambda: NOW)
    add_run(store, 3, 9.0, 50)
    shown = await trends(store, (100, 30))
    assert "chart-distance" in shown.charts and shown.waiting == []


async def test_without_imported_runs_the_trends_are_as_before(tmp_path: Path) -> None:
    shown = await trends(Store.open(tmp_path / "coach.db"), (100, 30))
    assert shown.charts == []
    assert shown.waiting[0].startswith("Nothing to chart yet")
