"""Broken and hostile files: one clear line naming the file, nothing stored from it, the good
files beside it imported all the same, nothing extracted to disk, memory and time bounded."""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.runs import containers
from coach.runs.importer import Summary, import_paths
from coach.store import Store
from tests.support import activities as a


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory() as opened:
        yield opened


def one_bad(summary: Summary, name: str, words: str) -> None:
    """Exactly one bad file, named, with the problem in words, on one line."""
    assert len(summary.bad) == 1, [bad.line() for bad in summary.bad]
    line = summary.bad[0].line()
    assert name in line and words in line, line
    assert "\n" not in line and "Traceback" not in line


def imported(tmp_path: Path, store: Store, name: str, data: bytes) -> Summary:
    path = tmp_path / name
    path.write_bytes(data)
    return import_paths([path], store)


def test_truncated_fit(tmp_path: Path, store: Store) -> None:
    summary = imported(tmp_path, store, "cut.fit", a.fit()[:-40])
    one_bad(summary, "cut.fit", "cut short")
    assert store.count_runs() == 0


def test_fit_with_a_wrong_checksum(tmp_path: Path, store: Store) -> None:
    data = bytearray(a.fit())
    data[len(data) // 2] ^= 0x55
    one_bad(imported(tmp_path, store, "flipped.fit", bytes(data)), "flipped.fit", "checksum")
    assert store.count_runs() == 0


@pytest.mark.parametrize("data", [b"", b"hello, I am not a FIT file", b"\0" * 5000])
def test_not_a_fit(tmp_path: Path, store: Store, data: bytes) -> None:
    one_bad(imported(tmp_path, store, "nope.fit", data), "nope.fit", "not a FIT file")


def test_fit_course_is_no_activity(tmp_path: Path, store: Store) -> None:
    one_bad(imported(tmp_path, store, "route.fit", a.fit(file_type="COURSE")), "route.fit",
            "not a recorded activity")


def test_fit_with_junk_after_a_whole_file_is_read(tmp_path: Path, store: Store) -> None:
    summary = imported(tmp_path, store, "tail.fit", a.fit() + b"\0\0junk")
    assert not summary.bad and len(summary.added) == 1


def test_gpx_without_track_points(tmp_path: Path, store: Store) -> None:
    route = (b'<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
             b'<rte><rtept lat="52" lon="13"/></rte><wpt lat="52" lon="13"/></gpx>')
    one_bad(imported(tmp_path, store, "route.gpx", route), "route.gpx", "no track points")


def test_gpx_points_without_times(tmp_path: Path, store: Store) -> None:
    untimed = a.gpx(a.samples(seconds=60)).replace(b"<time>", b"<desc>").replace(
        b"</time>", b"</desc>")
    one_bad(imported(tmp_path, store, "untimed.gpx", untimed), "untimed.gpx", "without times")


def test_xml_that_is_not_gpx(tmp_path: Path, store: Store) -> None:
    one_bad(imported(tmp_path, store, "other.gpx", b"<kml><Document/></kml>"), "other.gpx",
            "not GPX")


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.1])
def test_half_a_tcx(tmp_path: Path, store: Store, cut: float) -> None:
    data = a.tcx(a.samples(seconds=300))
    summary = imported(tmp_path, store, "half.tcx", data[:int(len(data) * cut)])
    one_bad(summary, "half.tcx", "line")
    assert store.count_runs() == 0


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<gpx version="1.1"><trk><name>&d;&d;&d;&d;</name></trk></gpx>"""
OUTSIDE = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>&e;</Id></Activity>
</Activities></TrainingCenterDatabase>"""


@pytest.mark.parametrize(("name", "data"), [("laughs.gpx", LAUGHS), ("outside.tcx", OUTSIDE)])
def test_entities_and_dtds_are_never_expanded(tmp_path: Path, store: Store, name: str,
                                              data: bytes) -> None:
    one_bad(imported(tmp_path, store, name, data), name, "document type or entities")


def test_deeply_nested_xml(tmp_path: Path, store: Store) -> None:
    deep = b"<gpx>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</gpx>"
    one_bad(imported(tmp_path, store, "deep.gpx", deep), "deep.gpx", "deep")


def test_gzip_bomb(tmp_path: Path, store: Store) -> None:
    squeezer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1 << 20)
    bomb = b"".join(squeezer.compress(block) for _ in range(40)) + squeezer.flush()
    assert len(bomb) < 100_000
    one_bad(imported(tmp_path, store, "bomb.fit.gz", bomb), "bomb.fit.gz", "unpacks to more")


def test_damaged_gzip(tmp_path: Path, store: Store) -> None:
    data = a.gz(a.fit())
    one_bad(imported(tmp_path, store, "cut.fit.gz", data[:-30]), "cut.fit.gz", "gzip")


def test_zip_bomb_member_is_stopped_while_unpacking(tmp_path: Path, store: Store) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("good.fit", a.fit())
        with archive.open("bomb.fit", "w", force_zip64=True) as member:
            for _ in range(40):
                member.write(b"\0" * (1 << 20))
    summary = imported(tmp_path, store, "export.zip", buffer.getvalue())
    one_bad(summary, "export.zip › bomb.fit", "too big")
    assert len(summary.added) == 1


def test_zip_bomb_of_many_small_members_stops_the_archive(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(containers, "BOMB_ALLOWANCE", 4 << 20)
    members = {f"part{n}.fit": b"\0" * (3 << 20) for n in range(20)}
    summary = imported(tmp_path, store, "many.zip", a.zipped(members))
    assert summary.bad[-1].name == str(tmp_path / "many.zip")
    assert "zip bomb" in summary.bad[-1].problem
    assert len(summary.bad) <= 3  # it stops, rather than trying all twenty


@pytest.mark.parametrize("evil", ["../outside.fit", "a/../../b.fit", "/etc/run.fit",
                                  "C:/run.fit", "..\\run.fit"])
def test_names_that_climb_out_refuse_the_whole_zip(tmp_path: Path, store: Store,
                                                   evil: str) -> None:
    data = a.zipped({"good.fit": a.fit(), evil: a.fit(serial=2)})
    summary = imported(tmp_path, store, "evil.zip", data)
    one_bad(summary, "evil.zip", "crafted archive")
    assert store.count_runs() == 0
    assert not (tmp_path.parent / "outside.fit").exists()
    assert sorted(os.listdir(tmp_path)) == ["evil.zip"]  # nothing extracted


def test_zip_too_deep(tmp_path: Path, store: Store) -> None:
    data = a.fit()
    for level in range(4):
        data = a.zipped({f"level{level}.zip" if level else "run.fit": data})
    summary = imported(tmp_path, store, "deep.zip", data)
    one_bad(summary, "level", "deep")


def test_not_a_zip_and_a_damaged_member(tmp_path: Path, store: Store) -> None:
    one_bad(imported(tmp_path, store, "fake.zip", b"PK\x03\x04 not really"), "fake.zip",
            "not a readable zip")
    data = bytearray(a.zipped({"a.fit": a.fit(), "b.gpx": a.gpx(a.samples())},
                              zipfile.ZIP_STORED))
    spot = data.find(b"<trkpt")
    data[spot + 1] ^= 0x20
    summary = imported(tmp_path, store, "damaged.zip", bytes(data))
    one_bad(summary, "damaged.zip › b.gpx", "damaged")
    assert len(summary.added) == 1


def test_huge_file_is_refused_without_reading_it(tmp_path: Path, store: Store) -> None:
    huge = tmp_path / "huge.fit"
    with huge.open("wb") as handle:
        handle.truncate(5 * 1024**3)  # sparse: no disk used, and never read
    one_bad(import_paths([huge], store), "huge.fit", "too big")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_missing_paths(tmp_path: Path, store: Store) -> None:
    fifo = tmp_path / "pipe.fit"
    os.mkfifo(fifo)
    summary = import_paths([fifo, tmp_path / "missing.gpx"], store)
    lines = [bad.line() for bad in summary.bad]
    assert len(lines) == 2
    assert "pipe.fit" in lines[0] and "named pipe" in lines[0]
    assert "missing.gpx" in lines[1] and "no such file" in lines[1]


def test_folder_stores_the_good_and_lists_the_bad(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "watch"
    (folder / "deep").mkdir(parents=True)
    (folder / "good.fit").write_bytes(a.fit())
    (folder / "deep" / "good.gpx").write_bytes(a.gpx(a.samples(start=a.START.replace(day=9))))
    (folder / "cut.fit").write_bytes(a.fit(serial=5)[:-10])
    (folder / "broken.tcx").write_bytes(b"<TrainingCenterDatabase><Activities>")
    (folder / "notes.txt").write_text("not an activity")
    (folder / ".hidden.fit").write_bytes(b"junk")
    summary = import_paths([folder], store)
    assert len(summary.added) == 2 and store.count_runs() == 2
    assert sorted(Path(bad.name).name for bad in summary.bad) == ["broken.tcx", "cut.fit"]
    assert summary.ignored == 1
    assert summary.line().endswith("2 bad files") and summary.exit_code == 1


def test_xml_in_an_unknown_encoding(tmp_path: Path, store: Store) -> None:
    data = b'<?xml version="1.0" encoding="x-martian"?><gpx/>'
    one_bad(imported(tmp_path, store, "odd.gpx", data), "odd.gpx", "encoding")


def test_endless_fit_is_stopped(tmp_path: Path, store: Store,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from coach.runs import fit
    from tests.support.fit_encoder import activity

    monkeypatch.setattr(fit, "MAX_FRAMES", 1000)
    data = activity(datetime(2024, 1, 1, tzinfo=UTC), 2000)
    one_bad(imported(tmp_path, store, "endless.fit", data), "endless.fit", "messages")


def test_a_zip_listing_too_many_members_is_refused_before_reading(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(containers, "MAX_MEMBERS", 50)
    data = a.zipped({f"{n}.txt": b"" for n in range(51)}, zipfile.ZIP_STORED)
    one_bad(imported(tmp_path, store, "crowded.zip", data), "crowded.zip", "lists 51 files")
    monkeypatch.setattr(zipfile.ZipFile, "__init__", lambda *args: pytest.fail("read it"))
    imported(tmp_path, store, "crowded.zip", data)


def test_tcx_in_another_namespace_is_read(tmp_path: Path, store: Store) -> None:
    data = a.tcx(a.samples(seconds=300)).replace(
        b"TrainingCenterDatabase/v2", b"TrainingCenterDatabase/v1")
    assert len(imported(tmp_path, store, "old.tcx", data).added) == 1
