"""Synthetic history for benchmarks and screen tests: realistic and deterministic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.store import Store
from coach.store.exchange import export_json
from tests.support.seed import seed_sessions

START = datetime(2024, 1, 1, 6, 0, tzinfo=UTC)


def test_seeding_is_deterministic(tmp_path: Path) -> None:
    exports = []
    for name in ("a", "b"):
        with Store.open(tmp_path / f"{name}.db") as store:
            seed_sessions(store, 60, START, rng_seed=7)
            exports.append(export_json(store))
    assert exports[0] == exports[1]
    with Store.open(tmp_path / "c.db") as store:
        seed_sessions(store, 60, START, rng_seed=8)
        assert export_json(store) != exports[0]


def test_seeded_history_looks_like_a_year_of_running(tmp_path: Path) -> None:
    with Store.open(tmp_path / "coach.db") as store:
        ids = seed_sessions(store, 400, START, rng_seed=1)
        assert len(set(ids)) == 400
        assert store.count_sessions() == 400
        assert store.count_sessions(kind="warm-up") == store.count_sessions(kind="cool-down")
        sessions = store.list_sessions(limit=None)
        assert START <= sessions[-1].started_at < START + timedelta(days=1)
        assert sessions[0].started_at > START + timedelta(days=350)
        assert sessions[0].started_at < START + timedelta(days=366)
        statuses = {s.status for s in sessions}
        assert statuses == {"completed", "stopped", "interrupted"}
        assert any(s.soreness_after is not None and s.load for s in sessions)
        assert any(s.soreness_next_day is not None for s in sessions)
        assert all(s.phase == ("after" if s.routine_kind == "cool-down" else "before")
                   for s in sessions)
        detail = store.get_session(ids[1])
        assert len(detail.steps) >= 1
        assert detail.timeline.routine_id == "cool-down"
