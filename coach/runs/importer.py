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
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.runs import containers, garmin, sources, strava
from coach.runs.model import CATEGORY_WORDS, ActivityError, Run, category, checked
from coach.runs.plausible import implausible
from coach.runs.sources import Bad, Entry


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
        if self.deleted:
            parts.append(f"{self.deleted:,} deleted before and left out")
        if self.bad:
            parts.append(f"{len(self.bad):,} bad {'file' if len(self.bad) == 1 else 'files'}")
        if not self.files:
            return "no activity files found (FIT, GPX, TCX, their .gz, or zips of them)"
        return ", ".join(parts)


READERS: dict[str, Callable[[bytes], Run]] = {}


def reader(kind: str) -> Callable[[bytes], Run]:
    """The reader of one kind of file, imported when first needed."""
    if not READERS:
        from coach.runs import fit, gpx, tcx

        READERS.update(fit=fit.read, gpx=gpx.read, tcx=tcx.read)
    return READERS[kind]


def read(entry: Entry) -> Run:
    """The activity in one file, checked; raises :class:`ActivityError`."""
    return checked(reader(entry.kind)(entry.data))


def believable(run: Run) -> Run:
    """``run``, unless it is dated in the future or faster than a runner (raises
    :class:`ActivityError`): such a run is never stored, counted in shoes or in load."""
    problem = implausible(run.start, run.seconds, run.distance_m, datetime.now(UTC))
    if problem is not None and category(run.sport) == "run":
        raise ActivityError(problem)
    return run


def file_key(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def items(paths: Iterable[Path]) -> Iterator[garmin.Item]:
    """Everything the runner named, one item at a time (archives are read lazily)."""
    for path in paths:
        for found in containers.top_level(path):
            if isinstance(found, Entry | Bad):
                yield found
                continue
            try:
                yield from garmin.walk(found)
            finally:
                found.close()


def import_paths(
    paths: Iterable[Path], store: Any, *, revive: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Import every activity under ``paths`` into ``store`` (a :class:`coach.store.Store`).

    ``revive=False`` leaves out runs the runner deleted before (for watched folders)."""
    summary = Summary()
    for item in items(paths):
        if isinstance(item, garmin.Ignored):
            summary.ignored += 1
            continue
        summary.files += 1
        if isinstance(item, Bad):
            summary.bad.append(item)
        elif isinstance(item, Entry):
            _entry(item, store, summary, revive)
        else:
            _row(item, store, summary, revive)
        if progress is not None:
            progress(summary.files)
    return summary


def _entry(entry: Entry, store: Any, summary: Summary, revive: bool) -> None:
    key = file_key(entry.data)
    if _known(store.run_source(key), summary, revive):
        return
    try:
        run = believable(read(entry))
    except ActivityError as error:
        summary.bad.append(Bad(entry.name, str(error)))
        return
    found = category(run.sport)
    if found != "run":
        store.skip_source(key, found)
        summary.skipped[found] += 1
        return
    _store(store, run, [key], summary, revive)


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


def _store(store: Any, run: Run, keys: list[str], summary: Summary, revive: bool) -> None:
    outcome, run_id = store.add_run(run, keys, revive=revive)
    if outcome == "added" and run_id is not None:
        summary.added.append(run_id)
    elif outcome == "duplicate":
        summary.already += 1
    else:
        summary.deleted += 1


def _row(row: strava.Row, store: Any, summary: Summary, revive: bool) -> None:
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
    _store(store, run, keys, summary, revive)


# ---------------------------------------------------------------------------- watched


def import_watched(folders: Iterable[Path], store: Any) -> str | None:
    """Import what is new in the watched folders (``[runs] folders`` in config.toml).

    Files unchanged since the last start are not even read. Returns one line for a notice
    (``"Runs: 2 added from ~/Garmin/Activities"``), or None when there was nothing new."""
    summary = Summary()
    missing: list[str] = []
    for folder in folders:
        path = Path(folder).expanduser()
        if not path.is_dir():
            missing.append(str(folder))
            continue
        container = containers.Folder(path)
        names = container.names()
        if strava.find_csv(names) is not None:
            _add(summary, import_paths([path], store, revive=False))
            continue
        for member in names:
            if sources.kind_of_name(member) is None:
                continue
            full = path / member
            try:
                info = full.stat()
            except OSError:
                continue
            if store.watched_unchanged(str(full), info.st_size, info.st_mtime_ns):
                continue
            _add(summary, import_paths([full], store, revive=False))
            # A bad file is said once: read again only when it changes (a download that
            # was still being written at the last start, say).
            store.watched_seen(str(full), info.st_size, info.st_mtime_ns)
    parts = []
    if summary.added or summary.bad:
        parts.append(summary.line())
    if summary.bad:
        first = summary.bad[0]
        more = f" and {len(summary.bad) - 1:,} more" if len(summary.bad) > 1 else ""
        parts.append(f"{first.line()}{more} (`coach runs import FOLDER` lists each)")
    if missing:
        parts.append(f"watched folder not found: {', '.join(missing)} (see [runs] folders "
                     "in config.toml)")
    return "Runs: " + "; ".join(parts) if parts else None


def _add(total: Summary, part: Summary) -> None:
    total.added.extend(part.added)
    total.already += part.already
    total.skipped.update(part.skipped)
    total.bad.extend(part.bad)
    total.deleted += part.deleted
    total.ignored += part.ignored
    total.files += part.files
