"""Timer error at the end of a routine, on the real monotonic clock.

Plays routines through the engine under a :class:`~coach.play.clock.ScaledClock` (so a nine-minute
routine takes seconds) with the loop the app uses: an asyncio sleep of exactly
``seconds_to_next_change() / speed``, one wake-up per visible change. Prints

- the engine's own error: |elapsed reported by RoutineEnded - planned total| (should be ~0);
- the real-time end error: |real time RoutineEnded was seen - (start + planned / speed)|,
  median and max over a few runs (target <= 5 ms);
- whether the shown seconds of any step skipped or repeated a value between wake-ups.

    python bench/bench_timer.py            # about 45 s
    python bench/bench_timer.py --quick    # one run each, faster
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from coach.play.clock import ScaledClock
from coach.play.engine import Engine, Status
from coach.play.events import RoutineEnded
from coach.routine.durations import StepTime
from coach.routine.model import Group, Routine, Step
from coach.routine.timeline import Timeline, expand

TARGET_MS = 5.0
WARM_UP = Path(__file__).resolve().parents[1] / "routines" / "warm-up.toml"


def warm_up() -> Timeline:
    """The built-in warm-up, or a routine of the same shape if it can't be loaded."""
    try:
        from coach.routine.loader import load_routine

        return expand(load_routine(WARM_UP, builtin=True))
    except (ImportError, OSError):
        pass

    def s(name: str, seconds: int, sides: bool = False) -> Step:
        return Step(name, "move", StepTime(seconds, seconds), sides=sides)

    routine = Routine(
        id="warm-up",
        name="Dynamic warm-up (built here)",
        kind="warm-up",
        summary="",
        steps=(
            s("Brisk walk", 90),
            s("Ankle circles", 15, sides=True),
            s("Knee circles", 20),
            s("Hip circles", 20),
            s("Arm circles", 20),
            s("Leg swings, front to back", 15, sides=True),
            s("Leg swings, side to side", 15, sides=True),
            s("Walking lunges", 30),
            s("High knees", 20),
            s("Butt kicks", 20),
            s("Skips", 20),
            Group("Strides", 4, (s("Stride", 20), s("Walk back", 40))),
        ),
    )
    return expand(routine)


def synthetic(pairs: int = 250) -> Timeline:
    one = StepTime(1, 1)
    group = Group("Pairs", pairs, (Step("Up", "move", one), Step("Down", "move", one)))
    return expand(Routine("synthetic", "500 one-second steps", "mixed", "", (group,)))


@dataclass
class Run:
    engine_error: float
    end_error_ms: float
    late_ms: float
    wakeups: int
    bad_steps: list[str] = field(default_factory=list)


async def play(timeline: Timeline, speed: float) -> Run:
    clock = ScaledClock(speed)
    engine = Engine(timeline, clock)
    planned = float(timeline.total.maximum)
    shown: dict[int, list[int]] = {}

    def note() -> None:
        state = engine.state()
        shown.setdefault(state.index, []).append(state.shown_seconds)

    real_start = time.monotonic()
    engine.start()
    note()
    wakeups = 0
    ended: RoutineEnded | None = None
    while ended is None:
        if engine.step.time.is_open:
            events = engine.done()
        else:
            wait = engine.seconds_to_next_change()
            assert wait is not None
            await asyncio.sleep(wait / speed)
            wakeups += 1
            events = engine.update()
        for event in events:
            if isinstance(event, RoutineEnded):
                ended = event
        if engine.status is not Status.FINISHED:
            note()
    seen_at = time.monotonic()
    late = seen_at - (real_start + planned / speed)

    bad = []
    for index, values in shown.items():
        step = timeline.steps[index]
        if step.time.maximum is None:
            continue
        expected = list(range(step.time.maximum, 0, -1))
        if values != expected:
            bad.append(f"{index} {step.title}: {values[:6]}…")
    return Run(abs(ended.elapsed_seconds - planned), abs(late) * 1000, late * 1000, wakeups, bad)


def report(label: str, timeline: Timeline, speed: float, runs: int) -> bool:
    planned = timeline.total.maximum
    print(
        f"{label}: {len(timeline)} steps, {planned} s planned, speed {speed:g} "
        f"→ {planned / speed:.1f} s a run, {runs} run(s)"
    )
    results = [asyncio.run(play(timeline, speed)) for _ in range(runs)]
    engine_error = max(r.engine_error for r in results)
    errors = [r.end_error_ms for r in results]
    median, worst = statistics.median(errors), max(errors)
    bad = [b for r in results for b in r.bad_steps]
    ok_end = median <= TARGET_MS and worst <= TARGET_MS
    print(f"  engine error: {engine_error:.9f} s (RoutineEnded elapsed vs plan)")
    print(
        f"  end error: median {median:.2f} ms (max {worst:.2f} ms) over {runs} run(s) "
        f"— target ≤ {TARGET_MS:g} ms: {'OK' if ok_end else 'MISSED'}"
    )
    print(f"    signed (late > 0): {', '.join(f'{r.late_ms:+.2f}' for r in results)} ms")
    print(
        f"  shown seconds: {'never skipped or repeated' if not bad else 'SKIPPED OR REPEATED'}"
        f" ({results[0].wakeups} wake-ups a run for {planned} shown values)"
    )
    for line in bad[:5]:
        print(f"    {line}")
    return ok_end and not bad and engine_error < 1e-6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--speed", type=float, default=60.0, help="for the warm-up")
    parser.add_argument("--synthetic-speed", type=float, default=120.0)
    parser.add_argument("--quick", action="store_true", help="one run of each")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs

    print("timer bench: real monotonic clock, asyncio sleeps of seconds_to_next_change() / speed")
    ok = report("warm-up", warm_up(), args.speed, runs)
    ok = report("synthetic", synthetic(), args.synthetic_speed, runs) and ok
    print(f"overall: {'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
