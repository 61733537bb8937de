"""Whatever bytes a reader is given, it returns a run or one clear error: never another
exception, never a second line. Random bytes, and real files damaged at random."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from typing import Final

from hypothesis import given
from hypothesis import strategies as st

from coach.runs import containers, fit, gpx, sources, strava, tcx
from coach.runs.importer import Summary, import_paths
from coach.runs.model import ActivityError, Run, checked
from coach.store import Store
from tests.support import activities as a

READERS: Final[dict[str, Callable[[bytes], Run]]] = {
    "fit": fit.read, "gpx": gpx.read, "tcx": tcx.read}
POINTS = a.samples(seconds=120, step=10, height=a.hill(10, 360))
VALID: Final = {"fit": a.fit(records=POINTS[:5]), "gpx": a.gpx(POINTS), "tcx": a.tcx(POINTS)}


def a_run_or_one_clear_error(kind: str, data: bytes) -> None:
    try:
        run = checked(READERS[kind](data))
    except ActivityError as error:
        message = str(error)
        assert message and "\n" not in message and len(message) < 300
        return
    assert run.seconds > 0 and run.start.tzinfo is not None


@given(kind=st.sampled_from(sorted(READERS)), data=st.binary(max_size=2000))
def test_arbitrary_bytes(kind: str, data: bytes) -> None:
    a_run_or_one_clear_error(kind, data)


@given(kind=st.sampled_from(sorted(READERS)), prefix=st.integers(0, 100),
       data=st.binary(max_size=300))
def test_arbitrary_bytes_after_a_valid_start(kind: str, prefix: int, data: bytes) -> None:
    valid = VALID[kind]
    a_run_or_one_clear_error(kind, valid[:prefix] + data)


@given(kind=st.sampled_from(sorted(READERS)), spots=st.lists(
    st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=6),
    cut=st.floats(0.05, 1.0))
def test_valid_files_damaged_at_random(kind: str, spots: list[tuple[float, int]],
                                       cut: float) -> None:
    data = bytearray(VALID[kind])
    for where, value in spots:
        data[int(where * len(data))] = value
    a_run_or_one_clear_error(kind, bytes(data[:max(1, int(len(data) * cut))]))


@given(st.text(max_size=400))
def test_arbitrary_xml_text(text: str) -> None:
    for kind in ("gpx", "tcx"):
        a_run_or_one_clear_error(kind, ("<?xml version='1.0'?>" + text).encode("utf-8",
                                                                              "surrogatepass"))


@given(data=st.binary(max_size=1500), kind=st.sampled_from([None, "fit", "gpx"]))
def test_sources_entry_and_gzip(data: bytes, kind: str | None) -> None:
    for raw in (data, a.gz(data), b"\x1f\x8b" + data):
        found = sources.entry("x", raw, kind)
        assert isinstance(found, sources.Entry | sources.Bad)
        if isinstance(found, sources.Bad):
            assert "\n" not in found.line()


@given(st.binary(max_size=1500))
def test_arbitrary_zip_bytes(data: bytes) -> None:
    for raw in (data, b"PK\x03\x04" + data, a.zipped({"a.fit": data})[:len(data) + 30]):
        try:
            archive = containers.Zip("x.zip", io.BytesIO(raw), sources.Budget(1 << 20))
        except sources.Problem as problem:
            assert "\n" not in str(problem)
            continue
        for name in archive.names():
            with contextlib.suppress(sources.Problem):
                archive.read(name, 1 << 16)


@given(st.lists(st.lists(st.text(max_size=30), max_size=30), max_size=6))
def test_arbitrary_strava_csv(rows: list[list[str]]) -> None:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(a.STRAVA_HEADER)
    writer.writerows(rows)
    data = a.zipped({"activities.csv": buffer.getvalue().encode("utf-8", "surrogatepass")})
    archive = containers.Zip("x.zip", io.BytesIO(data), sources.Budget(1 << 24))
    for item in strava.rows(archive, "activities.csv", set()):
        if isinstance(item, strava.Row):
            with contextlib.suppress(ActivityError):
                checked(item.run)
        else:
            assert "\n" not in item.line()


@given(st.dictionaries(st.sampled_from(["a.fit", "b.gpx", "c.tcx.gz", "d.zip", "e.fit.gz"]),
                       st.binary(max_size=400), max_size=4))
def test_import_of_a_hostile_zip_never_raises(members: dict[str, bytes]) -> None:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder, Store.memory() as store:
        path = Path(folder) / "hostile.zip"
        path.write_bytes(a.zipped(members))
        summary: Summary = import_paths([path], store)
        assert len(summary.bad) + len(summary.added) + sum(summary.skipped.values()) == len(
            members) or summary.bad
