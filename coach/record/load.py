"""How an imported run counts as training: which rating it owns, and when it is a spike.

The trends screen and the advice both judge runs with these few lines, so a run the trends
call a spike is the run the advice warns about, and a run's load is counted once whether it
came from the watch or from the runner's own rating. Headless and free of the store: the
callers read the runs, this only decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Final

from coach.record.judgements import RUN_LINK_WINDOW

SPIKE: Final = 1.10
"""A run more than 10 % longer than the longest of the previous 30 days raised the risk of an
overuse injury (Frandsen et al. 2025, BJSM, 5,205 runners); 10 % exactly does not count."""
SPIKE_WINDOW: Final = timedelta(days=30)
"""How far back "the longest run before" looks."""
RATED_AFTER: Final = RUN_LINK_WINDOW
"""A rating given on its own up to this long after a run ended is about that run: the same
two hours in which a cool-down still belongs to it."""


def spike_over(this: float, previous: Iterable[float]) -> float | None:
    """The longest of ``previous`` when ``this`` is more than 10 % longer than it, else None.

    Lengths are in one unit (km or minutes); a length of 0 or less says nothing, and with no
    earlier run there is nothing to compare with. The ratio is rounded so that exactly 10 %
    longer (11 km after 10 km) is no spike whatever the float arithmetic makes of 1.1 × 10.
    """
    longest = max((length for length in previous if length > 0), default=None)
    if longest is None or not this > 0:
        return None
    return longest if round(this / longest, 9) > SPIKE else None


def in_spike_window(earlier: datetime, moment: datetime) -> bool:
    """Whether a run at ``earlier`` is one of the 30 days' runs before ``moment``."""
    return timedelta(0) < moment - earlier <= SPIKE_WINDOW


def rates_run(start: datetime, end: datetime, at: datetime) -> bool:
    """Whether a rating given on its own (no session) at ``at`` is about the run from
    ``start`` to ``end``: given while it went on or within two hours after it."""
    return start <= at <= end + RATED_AFTER
