"""Importing runs: files, folders and exports in, one summary and one line per bad file out.

Each file is identified by the SHA-256 of its unpacked bytes before it is parsed, so
importing the same file, folder or export again reads nothing twice and adds nothing; the
same run from another source is merged by the store. Rides, swims and the rest are counted
("3 rides skipped") and never stored as runs. A bad file is named with its problem, and the
good files around it are imported all the same. Every file is stored in its own transaction
as soon as it is read, so memory stays flat however many files there are.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from coach.record.plausible import from_the_future, not_a_run
from coach.runs import containers, garmin, strava
from coach.runs.model import (
    CATEGORY_WORDS,
    RUNNING,
    ActivityError,
    Reading,
    Run,
    Work,
    WorkSpent,
    category,
    checked,
)
from coach.runs.sources import BOMB_ALLOWANCE, BOMB_RATIO, SEPARATOR, Bad, Entry

if TYPE_CHECKING:
    from coach.store.runs import RunValues


class RunStore(Protocol):
    """The part of :class:`coach.store.Store` an import uses: the source keys it has
    seen, the runs it adds, and the watched files it has read."""

    def run_source(self, key: str) -> tuple[str, str | None] | None: ...

    def add_run(
        self, run: RunValues, keys: Sequence[str], *, revive: bool = True,
        now: datetime | None = None,
    ) -> tuple[str, str | None]: ...

    def skip_source(self, key: str, what: str, now: datetime | None = None) -> None: ...

    def watched_unchanged(self, path: str, size: int, mtime_ns: int) -> bool: ...

    def watched_seen(self, path: str, size: int, mtime_ns: int) -> None: ...


class Summary:
    """What an import did, counted."""

    def __init__(self) -> None:
        self.added: list[str] = []
        """Ids of the runs added."""
        self.already = 0
        """Runs that were there already: the same file or row, or the same run from
        another source."""
        self.skipped: Counter[str] = Counter()
        """Activities that are not runs, by kind: ``ride``, ``swim``, ``walk``, ``hike``,
        ``other``."""
        self.bad: list[Bad] = []
        self.deleted = 0
        """Runs the runner deleted before, left deleted (watched folders only)."""
        self.ignored = 0
        """Files in folders and archives that are no activity files."""
        self.files = 0
        self.from_watch = 0
        """Warm-ups and cool-downs read back from a coach workout's laps."""
        self.notes: list[Bad] = []
        """Lines about files that were imported or skipped all the same: legs found,
        points left out, activities that do not move like a run."""

    @property
    def exit_code(self) -> int:
        return 1 if self.bad else 0

    def skipped_text(self) -> list[str]:
        """``["3 rides skipped", "1 swim skipped"]``."""
        order = list(CATEGORY_WORDS)
        return [f"{count:,} {CATEGORY_WORDS[kind][count != 1]} skipped"
                for kind, count in sorted(self.skipped.items(), key=lambda i: order.index(i[0]))]

    def line(self) -> str:
        """One line: ``2 runs added, 5 already imported, 3 rides skipped, 1 bad file``."""
        added = len(self.added)
        parts = [f"{added:,} {'run' if added == 1 else 'runs'} added"]
        if self.already:
            parts.append(f"{self.already:,} already imported")
        parts.extend(self.skipped_text())
        if self.from_watch:
            parts.append(f"{self.from_watch:,} warm-up or cool-down from the watch"
                         if self.from_watch == 1 else
                         f"{self.from_watch:,} warm-ups and cool-downs from the watch")
        if self.deleted:
            parts.append(f"{self.deleted:,} deleted before and left out")
        if self.bad:
            parts.append(f"{len(self.bad):,} bad {'file' if len(self.bad) == 1 else 'files'}")
        if not self.files:
            return "no activity files found (FIT, GPX, TCX, their .gz, or zips of them)"
        return ", ".join(parts)


READERS: dict[str, Callable[[bytes], Reading]] = {}


def reader(kind: str) -> Callable[[bytes], Reading]:
    """The reader of one kind of file, imported when first needed."""
    if not READERS:
        from coach.runs import fit, gpx, tcx

        READERS.update(fit=fit.read_all, gpx=gpx.read_all, tcx=tcx.read_all)
    return READERS[kind]


def read_all(entry: Entry, work: Work | None = None) -> Reading:
    """Every activity in one file, as the reader found them (not yet checked); raises
    :class:`ActivityError`. Any other failure of a reader on a hostile file is that
    file's one line too, never the end of an import. ``work`` is the archive's decoding
    allowance the file is read against."""
    try:
        if entry.kind == "fit" and work is not None:
            from coach.runs import fit

            return fit.read_all(entry.data, work)
        return reader(entry.kind)(entry.data)
    except ActivityError:
        raise
    except RecursionError:
        raise ActivityError("nests too deep to be read") from None
    except Exception as error:  # a reader's failure is this file's, never the import's
        from coach.text import one_line

        raise ActivityError(f"could not be read ({type(error).__name__}: "
                            f"{one_line(error)[:80]})") from None


def read(entry: Entry) -> Run:
    """The (first running) activity in one file, checked; raises :class:`ActivityError`."""
    runs = read_all(entry).runs
    return checked(next((run for run in runs if run.sport == RUNNING), runs[0]))


def believable(run: Run) -> Run:
    """``run``, unless it is dated in the future (raises :class:`ActivityError`): such a
    run is never stored, counted in shoes or in load, whatever the runner says."""
    problem = from_the_future(run.start, datetime.now(UTC))
    if problem is not None and category(run.sport) == "run":
        raise ActivityError(problem)
    return run


def file_key(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def items(paths: Iterable[Path]) -> Iterator[tuple[garmin.Item, Work | None]]:
    """Everything the runner named, one item at a time (archives are read lazily), each
    with the decoding allowance of the archive it is in (None outside archives)."""
    for path in paths:
        for found in containers.top_level(path):
            if isinstance(found, Entry | Bad):
                yield found, None
                continue
            work = None
            if isinstance(found, containers.Zip):
                work = Work((found.budget.limit - BOMB_ALLOWANCE) // BOMB_RATIO)
            try:
                for item in garmin.walk(found):
                    yield item, work
            finally:
                found.close()


class Options:
    """How an import judges what it reads."""

    def __init__(self, *, revive: bool = True, check_runs: bool = True) -> None:
        self.revive = revive
        """False leaves out runs the runner deleted before (for watched folders)."""
        self.check_runs = check_runs
        """False stores every activity a file calls a run, however it moved
        (``--not-a-run-check off``)."""


def import_paths(
    paths: Iterable[Path], store: RunStore, *, revive: bool = True,
    progress: Callable[[int], None] | None = None,
    said: Callable[[Bad], None] | None = None, check_runs: bool = True,
) -> Summary:
    """Import every activity under ``paths`` into ``store``.

    ``revive=False`` leaves out runs the runner deleted before (for watched folders).
    ``said`` hears each file's lines (a problem, a note) as soon as that file is done, so a
    long import shows what it finds as it goes."""
    summary = Summary()
    options = Options(revive=revive, check_runs=check_runs)
    for item, work in items(paths):
        if isinstance(item, garmin.Ignored):
            summary.ignored += 1
            continue
        if work is not None and work.spent_out:
            continue  # said once, for the file that spent it
        summary.files += 1
        lines = len(summary.bad), len(summary.notes)
        if isinstance(item, Bad):
            summary.bad.append(item)
        elif isinstance(item, Entry):
            _entry(item, store, summary, options, work)
        else:
            _row(item, store, summary, options)
        if said is not None:
            for line in summary.bad[lines[0]:] + summary.notes[lines[1]:]:
                said(line)
        if progress is not None:
            progress(summary.files)
    return summary


def _entry(entry: Entry, store: RunStore, summary: Summary, options: Options,
           work: Work | None = None) -> None:
    key = file_key(entry.data)
    if _known(store.run_source(key), summary, options.revive):
        return
    try:
        reading = read_all(entry, work)
    except WorkSpent as error:
        archive = entry.name.split(SEPARATOR, 1)[0]
        summary.bad.append(Bad(archive, str(error)))
        return
    except ActivityError as error:
        summary.bad.append(Bad(entry.name, str(error)))
        return
    for note in reading.notes:
        summary.notes.append(Bad(entry.name, note))
    for problem in reading.damaged:
        summary.bad.append(Bad(entry.name, problem))
    legs = len(reading.runs)
    stored = 0
    for number, found in enumerate(reading.runs, start=1):
        where = f"{entry.name} (activity {number} of {legs})" if legs > 1 else entry.name
        kind = category(found.sport)
        if kind != "run":
            summary.skipped[kind] += 1
            continue
        try:
            run = believable(checked(found))
        except ActivityError as error:
            summary.bad.append(Bad(where, str(error)))
            continue
        if entry.kind == "fit" and number == 1:
            # A coach workout's laps become a session; the run keeps the rest, if any.
            from coach.runs.from_watch import store_from_watch

            own = store_from_watch(entry.data, run, key, store, summary)
            if own is None:
                stored += 1
                continue
            run = own
        if _not_a_run(run, where, summary, options):
            continue
        before = len(summary.added)
        _store(store, run, [key if stored == 0 else f"{key}#{number}"], summary,
               options.revive)
        stored += 1
        if legs > 1 and len(summary.added) > before:
            summary.notes.append(Bad(where, f"a run of {_said(run)}, imported on its own"))
    if not stored and not reading.damaged and all(
            category(run.sport) != "run" for run in reading.runs):
        store.skip_source(key, category(reading.runs[0].sport))


def _said(run: Run) -> str:
    from coach.routine.durations import format_elapsed

    distance = f"{run.distance_m / 1000:.2f} km in " if run.distance_m else ""
    return f"{distance}{format_elapsed(run.seconds)}"


def _known(state: tuple[str, str | None] | None, summary: Summary, revive: bool) -> bool:
    """Count a source seen before; True when there is nothing more to do with it."""
    if state is None:
        return False
    kind, _ = state
    if kind == "run":
        summary.already += 1
        return True
    if kind.startswith("skipped:"):
        summary.skipped[kind.partition(":")[2]] += 1
        return True
    if kind == "deleted" and not revive:
        summary.deleted += 1
        return True
    return False


def _store(store: RunStore, run: Run, keys: list[str], summary: Summary, revive: bool) -> None:
    outcome, run_id = store.add_run(run, keys, revive=revive)
    if outcome == "added" and run_id is not None:
        summary.added.append(run_id)
    elif outcome == "duplicate":
        summary.already += 1
    else:
        summary.deleted += 1


def _row(row: strava.Row, store: RunStore, summary: Summary, options: Options) -> None:
    revive = options.revive
    if row.category != "run":
        summary.skipped[row.category] += 1
        return
    keys = [f"strava:{row.activity_id}"]
    if _known(store.run_source(keys[0]), summary, revive):
        return
    # A row whose file is refused is refused with it: stored from the row alone, it would
    # be "already imported" next time, and the file, once repaired, never read.
    from_file: Run | None = None
    if isinstance(row.file, Bad):
        summary.bad.append(row.file)
        return
    if isinstance(row.file, Entry):
        keys.append(file_key(row.file.data))
        try:
            from_file = read(row.file)
        except ActivityError as error:
            summary.bad.append(Bad(row.file.name, str(error)))
            return
    try:
        run = believable(checked(strava.combined(row.run, from_file)))
    except ActivityError as error:
        summary.bad.append(Bad(row.name, str(error)))
        return
    if _not_a_run(run, row.name, summary, options):
        return
    _store(store, run, keys, summary, revive)


def _not_a_run(run: Run, where: str, summary: Summary, options: Options) -> bool:
    """Whether ``run`` moves like another sport and is left out, said in one line."""
    why = not_a_run(run.distance_m, run.seconds) if options.check_runs else None
    if why is not None:
        summary.notes.append(Bad(where, f"{why}; left out (`--not-a-run-check off` imports it)"))
    return why is not None
