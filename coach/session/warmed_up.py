"""Whether the runner has just warmed up: then home suggests the cool-down first."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.store import Store


def recent_warm_up(store: Store, utc_now: datetime) -> datetime | None:
    """The local start of the latest before-run routine played to its end (at normal
    speed) within the warm-up window, unless an after-run routine came since; else None."""
    from coach.record.judgements import WARM_UP_WINDOW
    from coach.store import StoreError, to_local

    try:
        recent = store.list_sessions(20, since=utc_now - WARM_UP_WINDOW)
    except StoreError:
        return None
    for session in recent:  # newest first
        if session.is_preview:
            continue
        if session.phase == "after":
            return None
        if session.phase == "before" and session.status == "completed":
            return to_local(session.started_at)
    return None
