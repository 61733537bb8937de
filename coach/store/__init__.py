"""Session history and soreness log, kept in one SQLite file (``coach.db``): persistence only.

The running log's rules and rows are :mod:`coach.record`'s; this package stores them and
holds every query over them, the ones insights reads included. The rows are re-exported
here so a caller that opens a store needs one import.

Headless: nothing here imports Textual, and nothing happens at import time; the database
is opened (and its folder made) only by :meth:`Store.open`. :class:`Store` itself (and
SQLite behind it) loads on first use: the player should not wait for SQLite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.play.events import Outcome
from coach.record.models import (
    NotFoundError,
    Phase,
    SessionDetail,
    SessionSummary,
    SorenessEntry,
    Status,
    StepRecord,
    StoreError,
    Timing,
    from_iso,
    to_iso,
    to_local,
    utc_now,
)

__all__ = [
    "UNSET",
    "NotFoundError",
    "Outcome",
    "Phase",
    "SessionDetail",
    "SessionSummary",
    "SorenessEntry",
    "Status",
    "StepRecord",
    "Store",
    "StoreError",
    "Timing",
    "from_iso",
    "pid_alive",
    "to_iso",
    "to_local",
    "utc_now",
]


from coach.store.processes import pid_alive

if TYPE_CHECKING:
    from coach.store.store import UNSET, Store


def __getattr__(name: str) -> object:
    if name in ("UNSET", "Store"):
        from coach.store import store

        return getattr(store, name)
    raise AttributeError(f"module 'coach.store' has no attribute {name!r}")
