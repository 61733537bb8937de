"""The folders coach watches (``[runs] folders`` in config.toml), read at every start.

Apart from importing a file because it runs unattended: a file seen before and unchanged is
not even opened, whatever goes wrong with one file is its own line and the files after it
are still read, and everything comes back as one line for the start-up notice.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from coach.runs import containers, sources, strava
from coach.runs.importer import RunStore, Summary, import_paths
from coach.runs.sources import Bad


def import_watched(folders: Iterable[Path], store: RunStore) -> str | None:
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
            _add(summary, _watched_import(path, store))
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
            _add(summary, _watched_import(full, store))
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


def _watched_import(path: Path, store: RunStore) -> Summary:
    """One watched file or export imported; whatever goes wrong with it is its own line,
    so the files after it are still read at every start."""
    from coach.store import StoreError

    try:
        return import_paths([path], store, revive=False)
    except StoreError:
        raise
    except Exception as error:
        from coach.text import one_line

        summary = Summary()
        summary.files = 1
        summary.bad.append(Bad(one_line(path), f"could not be read ({type(error).__name__})"))
        return summary


def _add(total: Summary, part: Summary) -> None:
    total.added.extend(part.added)
    total.already += part.already
    total.skipped.update(part.skipped)
    total.bad.extend(part.bad)
    total.deleted += part.deleted
    total.ignored += part.ignored
    total.files += part.files
    total.from_watch += part.from_watch
    total.notes.extend(part.notes)
