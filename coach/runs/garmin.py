"""Exports as archives: Garmin's zips of original FIT files (zips inside zips), and any
folder or zip holding activity files, a Strava export among them.

Garmin Connect's bulk export keeps the original uploads in zips nested inside the export's
zip, next to thousands of JSON files coach has no use for; they are passed over quietly. A
container holding Strava's ``activities.csv`` is read as a Strava export first, and the
files its rows did not take are read on their own.
"""

from __future__ import annotations

from collections.abc import Iterator

from coach.frozen import Record
from coach.runs import strava
from coach.runs.containers import Container, Zip, open_inner_zip
from coach.runs.sources import (
    MAX_RAW,
    Bad,
    Entry,
    Exhausted,
    Problem,
    entry,
    kind_of_name,
)


class Ignored(Record):
    """A file in a folder or archive that is no activity file (notes, JSON, pictures)."""

    name: str


Item = Entry | Bad | strava.Row | Ignored


def walk(container: Container) -> Iterator[Item]:
    """Every activity in a container, zips inside it included; one :class:`Bad` ends an
    archive whose unpacking budget ran out."""
    try:
        yield from _walk(container)
    except Exhausted as problem:
        yield Bad(container.name, str(problem))


def _walk(container: Container) -> Iterator[Item]:
    try:
        names = container.names()
    except OSError as error:
        yield Bad(container.name, f"cannot be read ({error.strerror or error})")
        return
    used: set[str] = set()
    found = strava.find_csv(names)
    if found is not None:
        yield from strava.rows(container, found, used)
    budget = container.budget if isinstance(container, Zip) else None
    for member in names:
        if member in used:
            continue
        kind = kind_of_name(member)
        name = container.label(member)
        if kind is None:
            yield Ignored(name)
        elif kind == "zip":
            try:
                inner = open_inner_zip(container, member)
            except Exhausted:
                raise
            except Problem as problem:
                yield Bad(name, str(problem))
                continue
            try:
                yield from _walk(inner)
            finally:
                inner.close()
        else:
            try:
                raw = container.read(member, MAX_RAW)
            except Exhausted:
                raise
            except Problem as problem:
                yield Bad(name, str(problem))
                continue
            yield entry(name, raw, kind, budget)
