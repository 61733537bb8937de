"""Plays the start of a routine into a store, then waits to be killed.

Run as ``python crash_runner.py DATABASE STEPS``: it begins a session, records STEPS steps
through the recorder (each committed as it ends), starts the next step, prints
``READY <session id>`` and blocks until a signal ends it. The crash tests kill it and check
that everything it reported as recorded is in the database.
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

from coach.play.events import Outcome, StepEnded, StepStarted
from coach.session.recorder import Recorder
from coach.store import Store
from tests.support.seed import warm_up_timeline


def main(argv: list[str]) -> int:
    # A suite started under ``nohup`` hands its children an ignored SIGHUP: put the default
    # back, so a hangup ends this process as a closed terminal would end coach.
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    database, count = Path(argv[1]), int(argv[2])
    store = Store.open(database)
    timeline = warm_up_timeline()
    recorder = Recorder(store, timeline, "before")
    session_id = recorder.begin()
    for step in timeline.steps[:count]:
        recorder.handle(StepStarted(step))
        planned = float(step.time.minimum)
        recorder.handle(StepEnded(step, Outcome.DONE, planned, planned + 0.25))
    recorder.handle(StepStarted(timeline.steps[count]))
    if recorder.last_error is not None:
        print(f"ERROR {recorder.last_error}", flush=True)
        return 1
    print(f"READY {session_id}", flush=True)
    threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
