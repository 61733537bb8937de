"""Reading files coach did not write: regular files only, never blocking, with a size cap.

A FIFO named ``x.toml`` would block ``open()`` forever; a device or ``/dev/zero`` would be
read without end. So every outside file (routines, config, sounds, imports) is checked with
``stat`` first, opened with ``O_NONBLOCK`` (a FIFO swapped in after the check still cannot
block), checked again on the open descriptor, and read up to a limit. Problems come back as
one :class:`FileProblem` line naming the file and what to do.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

from coach.text import one_line

MEGABYTE: Final = 1024 * 1024


class FileProblem(Exception):
    """A file coach will not read; the message is one line naming it."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def regular_file_problem(path: Path) -> str | None:
    """Why ``path`` is not a readable regular file (following links), or None if it is."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as error:
        return f"cannot read it ({error.strerror or error})"
    if not stat.S_ISREG(mode):
        return f"is {kind_of(mode)}, not a regular file"
    return None


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes:
    """All of a regular file's bytes, refusing anything else or anything over ``limit``."""
    name = one_line(path)
    problem = regular_file_problem(path)
    if problem is not None:
        raise FileProblem(f"{name}: {problem}")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise FileProblem(f"{name}: cannot read it ({error.strerror or error})") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"{name}: is {kind_of(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise FileProblem(f"{name}: too big for a {what} ({_size(info.st_size)}, the "
                              f"limit is {_size(limit)})")
        chunks = []
        total = 0
        while True:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileProblem(f"{name}: too big for a {what} (over {_size(limit)})")
        return b"".join(chunks)
    except OSError as error:
        raise FileProblem(f"{name}: cannot read it ({error.strerror or error})") from None
    finally:
        os.close(descriptor)


def read_text(path: Path, limit: int, what: str = "file") -> str:
    """A regular file as UTF-8 text (see :func:`read_bytes`)."""
    data = read_bytes(path, limit, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileProblem(f"{one_line(path)}: not UTF-8 text (byte {error.start}); save it "
                          "as UTF-8") from None


def _size(count: int) -> str:
    if count >= MEGABYTE:
        return f"{count / MEGABYTE:.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"
