"""The routine engine: a pure state machine driven by a clock.

The engine owns time. Every question ("how long is left?") is answered from the clock it was
given, never from counted ticks, so a late or dropped UI tick cannot make a routine drift:
when a step ends, the next one starts at the exact moment the previous one was due to end,
not when somebody noticed. Commands and :meth:`Engine.update` return the events that
happened, for the screen, the recorder and the sounds to act on.

Longer than 400 lines on purpose: the state machine is one class whose transitions (pause,
back, extend, a switch of sides, the end) share its timing state; split in two, each half
would need the other's invariants to be read.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from coach.play.clock import Clock
from coach.play.events import (
    Countdown,
    EndStatus,
    Event,
    Halfway,
    MinimumReached,
    Outcome,
    Paused,
    Resumed,
    RoutineEnded,
    StepEnded,
    StepStarted,
    SwitchSide,
)
from coach.routine.timeline import Timeline, TimelineStep, TotalTime, total_time

EXTEND_SECONDS = 30
BACK_GRACE_SECONDS = 3.0
"""Pressing back within this many real seconds of a step's start goes to the previous step.
A runner's reaction time does not speed up with a preview: the engine gets it in clock
seconds (``back_grace``), scaled by whoever knows the clock's speed."""
HALFWAY_MIN_SECONDS = 20
"""Steps shorter than this get no halfway cue: it would only be noise."""
TOLERANCE = 1e-6
"""Clock seconds by which a moment counts as reached before it is.

Every boundary (a new shown second, a cue, a step's end) uses this one margin, so a wake-up
that lands a hair early (float rounding, an event loop, a scaled clock) still sees the change
it was woken for instead of the old value and a whole second's wait.
"""


def counted_down(seconds: float) -> int:
    """Seconds left as a countdown shows them: rounded up, so it reads 0 only at the end.
    The big digits and every "in 0:37" beside them say the same number."""
    return math.ceil(seconds - TOLERANCE)


class Status(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


@dataclass(frozen=True)
class EngineState:
    """Everything a screen needs to draw the player at one moment."""

    status: Status
    index: int
    step: TimelineStep
    next_step: TimelineStep | None
    step_elapsed: float
    step_limit: float | None
    """When the step ends by itself (its maximum plus added time); None for an open step."""
    step_minimum: float
    """When a flexible step may be finished; equal to the limit for a fixed step."""
    added_seconds: int
    routine_elapsed: float
    """Time spent in the routine so far, pauses excluded."""
    remaining_after: TotalTime
    """Planned time of the steps after this one."""
    end_status: EndStatus | None

    @property
    def step_remaining(self) -> float | None:
        if self.step_limit is None:
            return None
        return max(0.0, self.step_limit - self.step_elapsed)

    @property
    def _before_minimum(self) -> bool:
        """A flexible step that may not be finished yet: it counts to its minimum first."""
        return self.step.time.is_flexible and self.step_elapsed < self.step_minimum - TOLERANCE

    @property
    def shown_seconds(self) -> int:
        """The whole seconds on the countdown: rounded up, so it reads 0 only at the end.

        A flexible step counts to the number that matters now: to its minimum (when it may
        be finished), then to its end. Open steps count up instead.
        """
        remaining = self.step_remaining
        if remaining is None:
            return math.floor(self.step_elapsed + TOLERANCE)
        if self._before_minimum:
            return counted_down(self.step_minimum - self.step_elapsed)
        return counted_down(remaining)

    @property
    def step_progress(self) -> float:
        """How full the step's bar is: toward what the countdown counts to."""
        if self.step_limit is None:
            return 0.0
        if self._before_minimum:
            return min(1.0, self.step_elapsed / max(self.step_minimum, 1e-9))
        if self.step.time.is_flexible:
            span = self.step_limit - self.step_minimum
            return min(1.0, max(0.0, self.step_elapsed - self.step_minimum) / max(span, 1e-9))
        return min(1.0, self.step_elapsed / max(self.step_limit, 1e-9))

    @property
    def can_finish(self) -> bool:
        """Whether ``done`` ends the step now: an open step, or a flexible one past its minimum."""
        if self.step.time.is_open:
            return True
        return self.step.time.is_flexible and self.step_elapsed >= self.step_minimum - TOLERANCE

    @property
    def routine_remaining(self) -> TotalTime:
        """Time left in the routine: a range while a flexible step is ahead or running."""
        after = self.remaining_after
        if self.step_limit is None:
            return TotalTime(after.minimum, after.maximum, after.open_steps + 1)
        low = max(0.0, self.step_minimum - self.step_elapsed)
        high = max(0.0, self.step_limit - self.step_elapsed)
        return TotalTime(
            after.minimum + math.ceil(low), after.maximum + math.ceil(high), after.open_steps
        )


class Engine:
    """Plays a :class:`Timeline` against a clock.

    ``suspended`` is polled on every update: it returns how many seconds (in this clock's
    units) the computer slept since the last poll. A sleep pauses the routine at the moment
    it began, because a closed laptop lid is not exercise.
    """

    def __init__(
        self,
        timeline: Timeline,
        clock: Clock,
        *,
        suspended: Callable[[], float] | None = None,
        back_grace: float = BACK_GRACE_SECONDS,
    ) -> None:
        if not timeline.steps:
            raise ValueError("a routine needs at least one step")
        self.timeline = timeline
        self._clock = clock
        self._suspended = suspended
        self._back_grace = back_grace
        self._status = Status.READY
        self._end_status: EndStatus | None = None
        self._index = 0
        self._segment_start = 0.0
        """Clock time when the current step last (re)started counting."""
        self._banked = 0.0
        """Step time counted before the current running segment."""
        self._added = 0
        self._routine_banked = 0.0
        """Routine time of the steps already left."""
        self._last_update = 0.0
        self._halfway_sent = False
        self._minimum_sent = False
        self._last_tick: int | None = None
        self._after = [total_time(timeline.steps[i + 1 :]) for i in range(len(timeline.steps))]

    # ----------------------------------------------------------------- reading state

    @property
    def status(self) -> Status:
        return self._status

    @property
    def step(self) -> TimelineStep:
        return self.timeline.steps[self._index]

    def _step_elapsed(self, now: float) -> float:
        if self._status is Status.RUNNING:
            return max(0.0, self._banked + (now - self._segment_start))
        return self._banked

    def _limit(self) -> float | None:
        maximum = self.step.time.maximum
        return None if maximum is None else float(maximum + self._added)

    def _minimum(self) -> float:
        time = self.step.time
        if time.is_open:
            return 0.0
        if time.is_flexible:
            return float(time.minimum)
        return float(time.minimum + self._added)

    def state(self) -> EngineState:
        now = self._clock()
        elapsed = self._step_elapsed(now)
        nxt = self._index + 1
        return EngineState(
            status=self._status,
            index=self._index,
            step=self.step,
            next_step=self.timeline.steps[nxt] if nxt < len(self.timeline.steps) else None,
            step_elapsed=elapsed,
            step_limit=self._limit(),
            step_minimum=self._minimum(),
            added_seconds=self._added,
            routine_elapsed=self._routine_banked + elapsed,
            remaining_after=self._after[self._index],
            end_status=self._end_status,
        )

    def seconds_to_next_change(self) -> float | None:
        """Clock seconds until the shown countdown changes or an event is due.

        The UI sleeps exactly this long between redraws, so it wakes once a second while a
        step runs and not at all while paused.
        """
        if self._status is not Status.RUNNING:
            return None
        elapsed = self._step_elapsed(self._clock())
        limit = self._limit()
        if limit is None:
            shown = math.floor(elapsed + TOLERANCE)
            return shown + 1 - elapsed
        remaining = limit - elapsed
        shown = math.ceil(remaining - TOLERANCE)
        # Aim at the next whole second itself, a margin past where the shown value changes,
        # so the wake-up sees the new value even if it comes a little early.
        return max(0.0, min(remaining - (shown - 1), remaining))

    # ----------------------------------------------------------------- commands

    def start(self) -> list[Event]:
        if self._status is not Status.READY:
            return []
        now = self._clock()
        self._status = Status.RUNNING
        self._segment_start = now
        self._last_update = now
        self._forget_sleep()
        return self._cues_now(now, self._enter(0, now, []))

    def pause(self) -> list[Event]:
        if self._status is not Status.RUNNING:
            return []
        events = self.update()
        if self._status is not Status.RUNNING:
            return events
        return events + self._pause_at(self._clock())

    def resume(self) -> list[Event]:
        if self._status is not Status.PAUSED:
            return []
        now = self._clock()
        self._status = Status.RUNNING
        self._segment_start = now
        self._last_update = now
        self._forget_sleep()
        return self._cues_now(now, [Resumed()])

    def toggle_pause(self) -> list[Event]:
        if self._status is Status.PAUSED:
            return self.resume()
        return self.pause()

    @property
    def _in_step(self) -> bool:
        return self._status in (Status.RUNNING, Status.PAUSED)

    def _catch_up_now(self) -> tuple[list[Event], float, float]:
        """What happened up to now, the clock's time, and the time spent in the step."""
        events = self.update()
        now = self._clock()
        return events, now, self._step_elapsed(now)

    def next(self) -> list[Event]:
        """Leave the current step now (skip it, or cut it short)."""
        events, now, elapsed = self._catch_up_now()
        if not self._in_step:
            return events
        return self._cues_now(now, self._leave(self._early_outcome(elapsed), elapsed, now, events))

    def done(self) -> list[Event]:
        """Finish an open step, or a flexible one past its minimum; ignored otherwise."""
        events, now, elapsed = self._catch_up_now()
        if not self._in_step:
            return events
        time = self.step.time
        if time.is_open or (time.is_flexible and elapsed >= time.minimum - TOLERANCE):
            return self._cues_now(now, self._leave(Outcome.DONE, elapsed, now, events))
        return events

    def back(self) -> list[Event]:
        """Restart the current step, or go to the previous one if this one just began."""
        events, now, elapsed = self._catch_up_now()
        if not self._in_step:
            return events
        target = self._index
        outcome = Outcome.RESTARTED
        if elapsed < self._back_grace and self._index > 0:
            outcome = Outcome.WENT_BACK
            target = self._index - 1
            if self.timeline.steps[target].switch and target > 0:
                target -= 1
        # The visit being left is a row of its own: the record keeps every visit.
        events.append(self._ended(outcome, elapsed))
        self._routine_banked += elapsed
        return self._cues_now(now, self._enter(target, now, events))

    def extend(self, seconds: int = EXTEND_SECONDS) -> list[Event]:
        """Add time to the current step (not to an open one: it has no end to move)."""
        events = self.update()
        if self._status not in (Status.RUNNING, Status.PAUSED) or self.step.time.is_open:
            return events
        self._added += seconds
        self._last_tick = None
        return events

    def stop(self) -> list[Event]:
        """The runner stops the routine: the step in progress ends as ``stopped``."""
        return self._end_now(Outcome.STOPPED, EndStatus.STOPPED)

    def interrupt(self) -> list[Event]:
        """coach itself is ending (terminal closed, polite kill): say so for the record."""
        return self._end_now(Outcome.INTERRUPTED, EndStatus.INTERRUPTED)

    def _end_now(self, outcome: Outcome, status: EndStatus) -> list[Event]:
        events, now, elapsed = self._catch_up_now()
        if not self._in_step:
            return events
        events.append(self._ended(outcome, elapsed))
        return events + self._finish(status, elapsed)

    # ----------------------------------------------------------------- the passing of time

    def update(self) -> list[Event]:
        """Bring the engine up to the clock's time and return what happened meanwhile."""
        events: list[Event] = []
        if self._status is not Status.RUNNING:
            return events
        now = self._clock()
        gap = self._suspended() if self._suspended is not None else 0.0
        if gap > 0:
            asleep_at = max(self._last_update, now - gap)
            self._catch_up(asleep_at, events)
            if self._status is Status.RUNNING:
                events += self._pause_at(asleep_at, gap)
            return events
        self._catch_up(now, events)
        self._last_update = now
        return events

    def _forget_sleep(self) -> None:
        """A sleep while paused or before the start costs nothing: don't report it later."""
        if self._suspended is not None:
            self._suspended()

    def _catch_up(self, now: float, events: list[Event]) -> None:
        while self._status is Status.RUNNING:
            limit = self._limit()
            if limit is None:
                break
            due = self._segment_start + (limit - self._banked)
            if due > now + TOLERANCE:
                break
            # The step ended at ``due``: the next one starts then, not now, so nothing drifts.
            outcome = Outcome.EXTENDED if self._added else Outcome.DONE
            self._leave(outcome, limit, due, events)
        if self._status is Status.RUNNING:
            self._send_due_cues(self._step_elapsed(now), self.step, events)

    def _send_due_cues(self, elapsed: float, step: TimelineStep, events: list[Event]) -> None:
        limit = self._limit()
        time = step.time
        if limit is None:
            return
        if time.is_flexible and not self._minimum_sent and elapsed >= time.minimum - TOLERANCE:
            self._minimum_sent = True
            events.append(MinimumReached(step))
        # On a whole second (rounded up for an odd length), so the cue comes with a change of
        # the shown seconds: the UI wakes only for those.
        if (
            not self._halfway_sent
            and time.is_fixed
            and time.minimum >= HALFWAY_MIN_SECONDS
            and elapsed >= math.ceil(limit / 2) - TOLERANCE
        ):
            self._halfway_sent = True
            events.append(Halfway(step))
        if step.countdown <= 0:
            return
        # Computed from the current time only: after a stall, stale ticks are not replayed.
        left = math.ceil(limit - elapsed - TOLERANCE)
        if 1 <= left <= step.countdown and left != self._last_tick:
            events.append(Countdown(step, left))
            self._last_tick = left

    def _cues_now(self, now: float, events: list[Event]) -> list[Event]:
        """Add the cues due at ``now`` after a command: the UI may not wake for another second."""
        if self._status is Status.RUNNING:
            self._send_due_cues(self._step_elapsed(now), self.step, events)
        return events

    # ----------------------------------------------------------------- moving between steps

    def _early_outcome(self, elapsed: float) -> Outcome:
        time = self.step.time
        if time.is_open:
            return Outcome.DONE
        if time.is_flexible and elapsed >= time.minimum - TOLERANCE:
            return Outcome.DONE
        planned = self._minimum()
        return Outcome.CUT_SHORT if elapsed >= planned / 2 else Outcome.SKIPPED

    def _ended(self, outcome: Outcome, elapsed: float) -> StepEnded:
        time = self.step.time
        # Time the runner added to a fixed step is part of this visit's plan: a 10 s step
        # given 30 s more and left at 25 s was cut short of 40 s, not run past a plan of 10.
        # (A flexible step keeps its minimum: added time moves only its maximum.)
        planned = 0.0 if time.is_open else float(self._minimum())
        return StepEnded(self.step, outcome, planned, elapsed)

    def _leave(
        self, outcome: Outcome, elapsed: float, at: float, events: list[Event]
    ) -> list[Event]:
        events.append(self._ended(outcome, elapsed))
        self._routine_banked += elapsed
        if self._index + 1 >= len(self.timeline.steps):
            # In place: ``_catch_up`` relies on ``events`` itself, not on the return value.
            events.extend(self._finish(EndStatus.COMPLETED, 0.0))
            return events
        return self._enter(self._index + 1, at, events)

    def _enter(self, index: int, at: float, events: list[Event]) -> list[Event]:
        previous = self.timeline.steps[self._index] if index == self._index + 1 else None
        self._index = index
        self._banked = 0.0
        self._segment_start = at
        self._added = 0
        self._halfway_sent = False
        self._minimum_sent = False
        self._last_tick = None
        step = self.step
        events.append(StepStarted(step))
        follows_left_hold = (
            previous is not None and previous.side == "left" and not previous.switch
        )
        if step.side == "right" and (step.switch or follows_left_hold):
            events.append(SwitchSide(step, "right"))
        return events

    def _pause_at(self, at: float, asleep_seconds: float = 0.0) -> list[Event]:
        self._banked += at - self._segment_start
        self._status = Status.PAUSED
        return [Paused(asleep_seconds)]

    def _finish(self, status: EndStatus, current_elapsed: float) -> list[Event]:
        self._routine_banked += current_elapsed
        self._banked = 0.0
        self._status = Status.FINISHED
        self._end_status = status
        return [RoutineEnded(status, self._routine_banked)]
