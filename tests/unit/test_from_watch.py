"""A coach workout followed on the watch comes back with the run: its laps become a session
from the watch, linked to the run, counted in "what helps you", and never added twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.routine.catalog import resolve
from coach.runs.from_watch import from_watch
from coach.runs.importer import import_paths
from coach.runs.model import Run
from coach.store import Store, observations
from coach.watch.laps import read_laps
from tests.support.watch_activity import LapSpec, activity

T0 = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory() as opened:
        yield opened


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def watch_sessions(store: Store) -> list[tuple[str, str | None, str]]:
    with store.snapshot() as conn:
        return [tuple(row) for row in conn.execute(
            "SELECT id, phase, routine_id FROM sessions WHERE source = 'watch'"
            " ORDER BY started_at")]


def visits(store: Store, session_id: str) -> list[tuple[str, str | None, str, float]]:
    return [(v.name, v.side, v.outcome, v.actual_seconds)
            for v in store.get_session(session_id).steps]


def test_a_cool_down_walked_after_the_run_becomes_a_session_from_the_watch(
    tmp_path: Path, store: Store
) -> None:
    laps = [LapSpec(1800, metres=5000), LapSpec(300, 0, "cooldown", 400),
            LapSpec(260, 1, "cooldown", 350)]
    path = write(tmp_path, "run.fit", activity(T0, laps, resolve("cool-down-walk")))

    summary = import_paths([path], store)

    assert len(summary.added) == 1
    assert "1 warm-up or cool-down from the watch" in summary.line()
    run = store.get_run(summary.added[0])
    assert run.seconds == 1800 and run.distance_m == pytest.approx(5000)
    ((session_id, phase, routine_id),) = watch_sessions(store)
    assert (phase, routine_id) == ("after", "cool-down-walk")
    assert visits(store, session_id) == [("Cool-down walk", None, "done", 560.0)]
    detail = store.get_session(session_id)
    assert detail.summary.source == "watch"
    assert detail.summary.started_at == T0 + timedelta(seconds=1800)
    assert detail.summary.status == "completed"
    linked = store.run_for_session(session_id)
    assert linked is not None and linked.id == run.id

    again = import_paths([path], store)
    assert again.added == [] and again.from_watch == 0
    assert len(watch_sessions(store)) == 1


def test_a_warm_up_with_a_step_cut_short_and_strides_repeated(
    tmp_path: Path, store: Store
) -> None:
    routine = resolve("warm-up")
    steps = read_laps(activity(T0, [], routine)).steps
    index: dict[str, int] = {}
    for step in steps:
        index.setdefault(step.name, step.index)  # the first of each name
    laps = [LapSpec(40, index["Brisk walk"], "warmup"),  # the lap button pressed early
            LapSpec(180, index["Easy jog"], "warmup"),
            LapSpec(60, index["Lap when ready"], "warmup")]
    sided = ["Ankle circles L", "Switch sides", "Ankle circles R"]
    laps += [LapSpec(15 if name != "Switch sides" else 5, index[name], "warmup")
             for name in sided]
    for _ in range(4):
        laps += [LapSpec(20, index["Stride"], "warmup"), LapSpec(40, index["Walk back"],
                                                                 "warmup")]
    laps += [LapSpec(2400, metres=8000)]
    path = write(tmp_path, "warm.fit", activity(T0, laps, routine))

    summary = import_paths([path], store)

    ((session_id, phase, routine_id),) = watch_sessions(store)
    assert (phase, routine_id) == ("before", "warm-up")
    got = visits(store, session_id)
    assert got[0] == ("Brisk walk", None, "cut short", 40.0)
    assert got[1] == ("Easy jog", None, "done", 240.0)
    assert [(name, side) for name, side, _, _ in got[2:5]] == [
        ("Ankle circles", "left"), ("Switch sides", "right"), ("Ankle circles", "right")]
    assert [name for name, *_ in got[5:]] == ["Stride", "Walk back"] * 4
    assert store.get_session(session_id).summary.status == "completed"  # it reached its end
    run = store.get_run(summary.added[0])
    assert run.start == T0 + timedelta(seconds=sum(lap.seconds for lap in laps[:-1]))
    assert run.seconds == 2400
    linked = store.run_for_session(session_id)
    assert linked is not None and linked.id == run.id


def test_a_cool_down_recorded_on_its_own_links_to_the_run_and_counts_in_what_helps(
    tmp_path: Path, store: Store
) -> None:
    run_file = write(tmp_path, "run.fit", activity(T0, [LapSpec(3000, metres=9000)]))
    walk_start = T0 + timedelta(seconds=3000 + 120)
    walk = write(tmp_path, "walk.fit", activity(
        walk_start, [LapSpec(300, 0, "cooldown"), LapSpec(100, 1, "cooldown")],
        resolve("cool-down-walk")))

    summary = import_paths([run_file, walk], store)

    assert len(summary.added) == 1  # the walk home is no run
    ((session_id, phase, _),) = watch_sessions(store)
    assert phase == "after"
    linked = store.run_for_session(session_id)
    assert linked is not None and linked.id == summary.added[0]
    store.add_soreness(2, timing="next day", session_id=session_id,
                       recorded_at=walk_start + timedelta(hours=20))
    with store.snapshot() as conn:
        (seen,) = observations.read(conn)
    assert seen.session_id == session_id and seen.parts["cool-down"] is True
    assert seen.run is not None and seen.run.distance_km == pytest.approx(9.0)

    again = import_paths([walk], store)
    assert again.added == [] and again.from_watch == 0
    assert len(watch_sessions(store)) == 1


def test_laps_marked_warm_up_and_cool_down_without_a_workout(
    tmp_path: Path, store: Store
) -> None:
    laps = [LapSpec(300, intensity="warmup"), LapSpec(120, intensity="warmup"),
            LapSpec(1800, metres=5000), LapSpec(400, intensity="cooldown")]
    path = write(tmp_path, "laps.fit", activity(T0, laps))

    summary = import_paths([path], store)

    found = watch_sessions(store)
    assert [(phase, routine) for _, phase, routine in found] == [
        ("before", "watch-warm-up"), ("after", "watch-cool-down")]
    assert [v[2:] for v in visits(store, found[0][0])] == [("done", 300.0), ("done", 120.0)]
    assert visits(store, found[1][0])[0][2] == "done"
    run = store.get_run(summary.added[0])
    assert run.seconds == 1800
    for session_id, _, _ in found:
        linked = store.run_for_session(session_id)
        assert linked is not None and linked.id == run.id


def test_a_plain_run_gives_no_session(tmp_path: Path, store: Store) -> None:
    path = write(tmp_path, "plain.fit", activity(T0, [LapSpec(1000), LapSpec(1000)]))
    summary = import_paths([path], store)
    assert len(summary.added) == 1 and watch_sessions(store) == []
    assert store.get_run(summary.added[0]).seconds == 2000


def test_a_damaged_lap_section_gives_no_laps_never_an_error() -> None:
    data = bytearray(activity(T0, [LapSpec(300, 0, "cooldown")], resolve("cool-down-walk")))
    for cut in (20, 40, len(data) // 2, len(data) - 3):
        read_laps(bytes(data[:cut]))  # must not raise
    data[30] ^= 0xFF
    read_laps(bytes(data))

LAP_LISTS = st.lists(
    st.tuples(st.integers(1, 4000), st.one_of(st.none(), st.integers(0, 30)),
              st.sampled_from(["active", "warmup", "cooldown", "rest"])),
    max_size=12,
)


@given(LAP_LISTS)
def test_laps_read_back_as_the_watch_wrote_them(laps: list[tuple[int, int | None, str]]) -> None:
    specs = [LapSpec(seconds, step, intensity) for seconds, step, intensity in laps]
    found = read_laps(activity(T0, specs)).laps
    assert [(lap.timer, lap.step, lap.intensity) for lap in found] == [
        (float(seconds), step, intensity) for seconds, step, intensity in laps]
    starts = [T0 + timedelta(seconds=sum(s for s, _, _ in laps[:n])) for n in range(len(laps))]
    assert [lap.start for lap in found] == starts


@given(st.binary(max_size=300), st.integers(0, 400))
def test_any_bytes_give_laps_or_none_never_an_error(noise: bytes, at: int) -> None:
    data = bytearray(activity(T0, [LapSpec(300, 0, "cooldown")], resolve("cool-down-walk")))
    at = min(at, len(data))
    read_laps(bytes(data[:at]) + noise)
    read_laps(noise)


def _whole_run(seconds: float) -> Run:
    return Run(start=T0, seconds=seconds, elapsed_seconds=seconds, sport="running",
               source="test")


@pytest.mark.parametrize("laps", [
    [LapSpec(1800, metres=5000), LapSpec(4_000_000, 0, "cooldown")],  # a lap past the run
    [LapSpec(1800, metres=5000), LapSpec(4_000_000, None, "cooldown")],
])
def test_laps_with_times_the_activity_cannot_hold_never_take_the_run(
    laps: list[LapSpec]
) -> None:
    data = activity(T0, laps, resolve("cool-down-walk"))
    run = _whole_run(2100)
    found = from_watch(data, run, "key")
    assert found is None or (found.run == run and found.sessions == ())


def test_a_cool_down_lap_of_no_time_is_no_session() -> None:
    data = activity(T0, [LapSpec(1800, metres=5000), LapSpec(0, None, "cooldown")])
    found = from_watch(data, _whole_run(1800), "key")
    assert found is None or found.sessions == ()


OLD_CUTS = {"Hamstring L": "Hamstring str L", "Hamstring R": "Hamstring str R",
            "Hip flexor L": "Hip flexor st L", "Hip flexor R": "Hip flexor st R"}
"""Names as coach once cut them, inside a word: such a workout may still be on a watch."""


def test_a_workout_exported_with_names_cut_the_old_way_still_comes_back_as_its_routine(
    tmp_path: Path, store: Store
) -> None:
    routine = resolve("post-run-stretch")
    steps = read_laps(activity(T0, [], routine, renamed=OLD_CUTS)).steps
    assert {step.name for step in steps} >= set(OLD_CUTS.values())
    laps = [LapSpec(2400, metres=8000)]
    laps += [LapSpec(10, step.index) for step in steps if step.duration_type == 0]
    old = write(tmp_path, "old.fit", activity(T0, laps, routine, renamed=OLD_CUTS))
    other = write(tmp_path, "other.fit", activity(T0 + timedelta(days=1), laps, routine,
                                                  renamed={"Hamstring L": "Quad stretch L"}))

    import_paths([old, other], store)

    assert [routine_id for _, _, routine_id in watch_sessions(store)] == ["post-run-stretch"]
