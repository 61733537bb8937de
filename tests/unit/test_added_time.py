"""Time added to a step with ``+`` becomes that visit's plan, in the summary, the history and
the export alike: a 10 s walk given 30 s more and left at 25 s was cut short of 40 s."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from coach.play.clock import FakeClock
from coach.routine.timeline import expand
from coach.session.owner import PlayedRoutine
from coach.session.recorder import Recorder
from coach.session.summary import visit_rows
from coach.store import Store
from coach.store.exchange import export_json
from tests.ui.helpers import sample_routine


def test_added_time_is_the_plan_everywhere() -> None:
    clock = FakeClock()
    timeline = expand(sample_routine())
    played = PlayedRoutine(timeline, clock=clock)
    with Store.memory() as store:
        recorder = Recorder(store, timeline, "after",
                            lambda: datetime(2024, 1, 1, tzinfo=UTC), 1.0)
        recorder.begin()
        played.attach_recorder(recorder)
        played.command("start")
        played.command("extend")  # the 10 s walk now lasts 40 s
        clock.advance(25)
        played.command("next")
        played.command("extend")  # the 30 s stretch runs its 60 s to the end
        clock.advance(60)
        played.update()
        played.command("stop")
        live = visit_rows(timeline, played.summary().visits)
        assert recorder.session_id is not None
        stored = store.get_session(recorder.session_id)
        kept = visit_rows(stored.timeline, stored.steps)
        steps = json.loads(export_json(store))["sessions"][0]["steps"]
    for rows in (live, kept):
        assert [(row.planned, row.actual, row.outcome) for row in rows[:2]] == [
            ("0:40", "0:25", "cut short"), ("1:00", "1:00", "extended")]
    assert [step["planned_seconds"] for step in steps[:2]] == [40.0, 60.0]
