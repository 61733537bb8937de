"""A small, varied history written through the store, as coach itself writes one.

The import tests start from its export: every hostile file is this honest one with one
thing broken.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.store.store import Store
from tests.support.seed import cool_down_timeline, warm_up_timeline

T0 = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)


def small_history(store: Store, start: datetime = T0) -> list[str]:
    """A completed warm-up, a stopped cool-down with soreness after it, a standalone
    rating, and a warm-up still in progress; returns the session ids."""
    warm, cool = warm_up_timeline(), cool_down_timeline()
    first = store.start_session(warm, "before", start)
    store.record_step(first, warm[0], "done", 120, 120.25, start + timedelta(minutes=2))
    store.record_step(first, warm[1], "skipped", 30, 2, start + timedelta(minutes=3))
    store.end_session(first, "completed", 122.25, start + timedelta(minutes=3))
    second = store.start_session(cool, "after", start + timedelta(hours=1))
    store.record_step(second, cool[0], "cut short", 300, 200.5, start + timedelta(hours=1))
    store.end_session(second, "stopped", 200.5, start + timedelta(hours=1, minutes=4))
    store.add_soreness(4, timing="after", session_id=second, regions={"calves": 6},
                       effort=7, run_minutes=52.5, note="Hill at the end", advice=["walk"],
                       recorded_at=start + timedelta(hours=1))
    store.add_soreness(1, note="rest day", recorded_at=start + timedelta(days=2))
    running = store.start_session(warm, None, start + timedelta(days=3))
    store.record_step(running, warm[0], "done", 120, 119.5, start + timedelta(days=3, minutes=2))
    return [first, second, running]
