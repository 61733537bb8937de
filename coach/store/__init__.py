"""Session history and soreness log, kept in one SQLite file (``coach.db``).

Headless: nothing here imports Textual, and nothing happens at import time; the database
is opened (and its folder made) only by :meth:`Store.open`.
"""

from __future__ import annotations

from coach.play.events import Outcome
from coach.store.models import (
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
from coach.store.store import UNSET, Store, pid_alive

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
