"""Where activity files come from: single files, folders, zips and gzip, read safely.

Nothing is ever extracted to disk. A zip is read member by member through ``zipfile``,
each member streamed with a cap on what it may unpack to, and every byte unpacked from one
archive (its members, gzip inside them, zips inside it) is counted against one budget that
grows with the archive's own size, so a zip bomb (a small file that unpacks to terabytes,
or many entries sharing one compressed stream) stops early with one line. A member named
with ``..``, an absolute path or a drive letter marks a crafted archive: it is refused
whole. Folders are walked without following links to other folders (no loops), hidden files
and macOS resource forks are passed over, and every file is read with :mod:`coach.files`.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Final

from coach.files import MEGABYTE, FileProblem
from coach.frozen import Record
from coach.text import one_line

KIND_LIMITS: Final = {"fit": 32 * MEGABYTE, "gpx": 64 * MEGABYTE, "tcx": 64 * MEGABYTE,
                      "csv": 64 * MEGABYTE}
"""What one activity file may unpack to: a week-long recording at one point a second is
well under these; past them is not an activity, and reading it would be slow."""
MAX_RAW: Final = 64 * MEGABYTE
"""A file read before its kind is known (compressed, or named oddly)."""
MAX_INNER_ZIP: Final = 512 * MEGABYTE
"""A zip inside a zip is read into memory to be opened (Garmin's export nests them)."""
MAX_MEMBERS: Final = 200_000
MAX_DIRECTORY: Final = 32 * MEGABYTE
"""A zip's table of contents: 200,000 members take about 20 MB."""
BOMB_RATIO: Final = 20
"""Activity files compress 2–10×; an archive unpacking to more than this many times its
own size (plus :data:`BOMB_ALLOWANCE`) is a zip bomb."""
BOMB_ALLOWANCE: Final = 64 * MEGABYTE
MAX_DEPTH: Final = 3
"""Zips within zips within zips: deeper is no export coach knows."""
READ_CHUNK: Final = 1 << 20
SEPARATOR: Final = " › "
"""Between an archive's name and a member's, in what coach prints."""
EXTENSIONS: Final = (".fit", ".gpx", ".tcx")


class Problem(Exception):
    """One file (or archive) coach will not read; one line, without its name."""


class Entry(Record):
    """One activity file's bytes, unpacked, and what kind of file it is."""

    name: str
    kind: str
    data: bytes


class Bad(Record):
    """A file that could not be read, with its name and the problem, for one line each."""

    name: str
    problem: str

    def line(self) -> str:
        return f"{self.name}: {self.problem}"


def joined(outer: str, member: str) -> str:
    return f"{outer}{SEPARATOR}{one_line(member)}"


def kind_of_name(name: str) -> str | None:
    """``fit``, ``gpx``, ``tcx`` (plain or .gz), ``zip``, or None for other files."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for extension in EXTENSIONS:
        if lower.endswith(extension):
            return extension[1:]
    if lower.endswith(".zip") and not name.lower().endswith(".gz"):
        return "zip"
    return None


def sniff(data: bytes) -> str | None:
    """The kind of file ``data`` is, from its first bytes."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        return "zip"
    if data[:2] == b"\x1f\x8b":
        return "gz"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        if b"<gpx" in head:
            return "gpx"
        if b"TrainingCenterDatabase" in head:
            return "tcx"
    return None


class Exhausted(Problem):
    """An archive's whole budget is spent: nothing more is read from it."""


def without_name(problem: FileProblem, path: Path) -> str:
    """A :class:`FileProblem`'s line without the file name it starts with."""
    text = str(problem)
    prefix = one_line(path) + ": "
    return text[len(prefix):] if text.startswith(prefix) else text


class Budget:
    """What one archive, with everything inside it, may still unpack to."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit

    def take(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise Exhausted(f"unpacks to more than {self.limit // MEGABYTE:,} MB, far more than "
                          "activity files could: a zip bomb? Nothing more is read from it")


def gunzip(data: bytes, limit: int, budget: Budget | None = None) -> bytes:
    """A gzip file's content, refusing more than ``limit`` bytes of it."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    parts = []
    total = 0
    try:
        for offset in range(0, len(data), READ_CHUNK):
            chunk = inflater.decompress(data[offset:offset + READ_CHUNK], limit + 1 - total)
            while True:
                total += len(chunk)
                if budget is not None:
                    budget.take(len(chunk))
                if total > limit:
                    raise Problem(f"unpacks to more than {limit // MEGABYTE} MB: not an "
                                  "activity file (a gzip bomb?)")
                parts.append(chunk)
                if not inflater.unconsumed_tail:
                    break
                chunk = inflater.decompress(inflater.unconsumed_tail, limit + 1 - total)
            if inflater.eof:
                break
    except zlib.error as error:
        raise Problem(f"is damaged gzip data ({one_line(error)})") from None
    if not inflater.eof:
        raise Problem("is cut short: its gzip data ends too soon")
    return b"".join(parts)


def entry(name: str, raw: bytes, kind: str | None, budget: Budget | None = None) -> Entry | Bad:
    """An activity file from its raw bytes: gzip unpacked, its kind from its name or bytes."""
    try:
        found = sniff(raw)
        if found == "gz":
            raw = gunzip(raw, KIND_LIMITS.get(kind or "", MAX_RAW), budget)
            found = sniff(raw)
        kind = kind or found
        if kind is None or kind == "zip" or kind == "gz":
            return Bad(name, "is not a FIT, GPX or TCX activity file (nor a zip of them)")
        if len(raw) > KIND_LIMITS[kind]:
            raise Problem(f"is too big for a {kind.upper()} file ({len(raw) // MEGABYTE} MB, "
                          f"the limit is {KIND_LIMITS[kind] // MEGABYTE} MB)")
    except Exhausted:
        raise
    except Problem as problem:
        return Bad(name, str(problem))
    return Entry(name, kind, raw)
