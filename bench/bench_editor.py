"""The routine editor after a keystroke: re-check the text and re-draw its problems and
timeline, for a 100-step file and a file at the 500-step limit.

What one keystroke costs once typing pauses: the check the worker runs (TOML parse, every
rule, the expanded timeline and its outline, problem lines), then, on the screen's thread,
handing the result to the widgets and drawing the right-hand side (problems, total, the
visible part of the timeline) in a headless app at 100×30. Each round changes one hold's
time, so the total and the timeline really change. A second series puts an unknown key in a
step, so every round maps a problem to its line. The keystroke itself (the edit in the text
area and the handler that starts the check) is timed apart: it is all typing waits for.
Targets: ≤ 20 ms for 100 steps, ≤ 100 ms for 500.

    python bench/bench_editor.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App  # noqa: E402
from textual.worker import WorkerCancelled  # noqa: E402

TARGETS = {100: 20.0, 500: 100.0}
KINDS = ("walk", "move", "stretch", "massage", "rest")


def routine_text(steps: int) -> str:
    """A hand-written-looking routine of ``steps`` steps: comments, cues, mixed kinds."""
    out = ["# A long routine for the benchmark.", 'name = "Benchmark routine"',
           'kind = "mixed"', 'summary = "Many steps, to time the editor."', "",
           "[defaults]", "countdown = 3", ""]
    for number in range(1, steps + 1):
        kind = KINDS[number % len(KINDS)]
        out += ["[[steps]]", f'name = "Step {number}: {kind} drill"', f'kind = "{kind}"',
                f'time = "{20 + number % 40}s"          # hold',
                f'cue = "Number {number}: slow and steady, breathe out, relax the shoulders."',
                ""]
    return "\n".join(out)


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"median {statistics.median(values):6.2f} ms, p90 {p90:6.2f} ms"


async def settle(app: App[None]) -> None:
    """Wait for the background checks, not for the editor's flow (it waits for the runner)."""
    busy = [worker for worker in app.workers if not worker.group.startswith("flow")]
    if busy:
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete(busy)


async def measure(steps: int, rounds: int, with_problem: bool) -> dict[str, list[float]]:
    from textual.geometry import Region

    from coach.play.clock import FakeClock
    from coach.routine.draft import Draft, check
    from coach.ui.app import make_app
    from coach.ui.screens.editor import EditorScreen

    text = routine_text(steps)
    if with_problem:
        text = text.replace('kind = "move"\n', 'kind = "move"\nhold = 30\n', 1)
    folder = Path(tempfile.mkdtemp())
    draft = Draft("bench", text, folder / "bench.toml", "bench.toml")
    app = make_app(clock=FakeClock(), edit=draft)
    times: dict[str, list[float]] = {"check": [], "redraw": [], "total": [], "keystroke": []}
    async with app.run_test(size=(100, 30)) as pilot:
        while not isinstance(app.screen, EditorScreen):
            await pilot.pause()
        editor = app.screen
        await settle(app)
        await pilot.pause()
        side = [editor.query_one(selector) for selector in
                ("#problems-status", "#problems", "#total", "#outline")]
        area = editor.text_area
        row = text.splitlines().index('time = "21s"          # hold')
        for index in range(rounds):
            new = f'time = "{21 + (index % 2)}s"'
            begin = time.perf_counter()
            area.replace(new, (row, 0), (row, len(new)))  # the keystroke and its handler
            keystroke = time.perf_counter()
            current = editor.text
            result = check(current, draft)  # what the worker does, off the screen's thread
            checked = time.perf_counter()
            editor.show_check(10_000 + index, result)
            for widget in side:
                if widget.display:
                    widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
            done = time.perf_counter()
            assert result.ok != with_problem
            times["keystroke"].append((keystroke - begin) * 1000)
            times["check"].append((checked - keystroke) * 1000)
            times["redraw"].append((done - checked) * 1000)
            times["total"].append((done - keystroke) * 1000)
            await pilot.pause()
            await settle(app)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("COACH_HOME", tempfile.mkdtemp())
    print(f"{args.rounds} keystrokes each, headless at 100×30 ({Path(sys.executable).name})")
    for steps, target in TARGETS.items():
        for with_problem in (False, True):
            times = asyncio.run(measure(steps, args.rounds, with_problem))
            what = "with a problem" if with_problem else "valid"
            median = statistics.median(times["total"])
            verdict = "OK" if median <= target else "OVER"
            print(f"{steps} steps, {what}:")
            print(f"  check (worker)         {_ms(times['check'])}")
            print(f"  redraw (screen)        {_ms(times['redraw'])}")
            print(f"  re-check + re-draw     {_ms(times['total'])}  "
                  f"(target ≤ {target:.0f} ms: {verdict})")
            print(f"  keystroke (typing waits for this only) {_ms(times['keystroke'])}")


if __name__ == "__main__":
    main()
