"""The app's way into the history database: opened once, on first use, from any thread.

Opening waits until after the first frame (a worker asks first), and a database that can't
be opened is said once: routines still play, nothing is recorded. The reads the home screen
and the player need at a glance (a warm-up just finished, today's experiment assignment)
live here too, each safe to call from a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from coach.routine.model import Routine
    from coach.routine.timeline import Timeline
    from coach.session.experiments import HomeLine
    from coach.store import Store, StoreError

Notify = Callable[[str], None]


class HistoryAccess:
    """Owns the app's :class:`~coach.store.Store` (unless a test lends one)."""

    def __init__(self, store: Store | None, utc_now: Callable[[], datetime]) -> None:
        self._store = store
        self._owned = store is None
        self._lock = threading.Lock()
        self._error: StoreError | None = None
        self._error_shown = False
        self.utc_now = utc_now

    def open(self) -> Store | None:
        """The database, opened on first call (from any thread); None if it can't be.
        Sessions a dead process left "in progress" are marked interrupted as it opens."""
        with self._lock:
            if self._store is None and self._error is None:
                from coach.store import Store, StoreError

                try:
                    self._store = Store.open(clock=self.utc_now)
                    self._store.mark_interrupted(self.utc_now())
                except StoreError as error:
                    self._error = error
            return self._store

    def get(self, say: Notify) -> Store | None:
        """As :meth:`open`; the first time it fails, ``say`` is told why (once)."""
        store = self.open()
        if store is None and not self._error_shown:
            self._error_shown = True
            say(f"{self._error}\nRoutines still play, but nothing is recorded.")
        return store

    def close(self) -> None:
        if self._store is not None and self._owned:
            self._store.close()

    def recent_warm_up(self) -> datetime | None:
        """When (local time) a warm-up was finished in the last hours, with no after-run
        routine since: the moment to suggest the cool-down. Call it from a worker."""
        store = self.open()
        if store is None:
            return None
        from coach.session.warmed_up import recent_warm_up

        return recent_warm_up(store, self.utc_now())

    def experiment_home(self, routines: Sequence[Routine] = (),
                        warmed_up_at: datetime | None = None) -> HomeLine | None:
        """What the home screen says about the experiment (see
        :func:`coach.session.experiments.home_line`). Call it from a worker: it writes."""
        store = self.open()
        from coach.session.experiments import any_experiment, home_line

        if store is None or not any_experiment(store):
            return None

        return home_line(store, self.utc_now(), warmed_up=warmed_up_at is not None,
                         routines=routines)

    def experiment_player(self, routine: Timeline) -> str | None:
        """Today's assignment in words for the player, about ``routine``; None with no
        experiment running. Call it from a worker: it writes."""
        store = self.open()
        from coach.session.experiments import any_experiment, player_line

        if store is None or not any_experiment(store):
            return None

        return player_line(store, self.utc_now(), routine)
