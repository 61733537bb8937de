"""Reading files coach did not write (regular files only, never blocking, with a size cap),
and writing a file whole or not at all.

A FIFO named ``x.toml`` would block ``open()`` forever; a device or ``/dev/zero`` would be
read without end. So every outside file (routines, config, sounds, imports) is checked with
``stat`` first, opened with ``O_NONBLOCK`` (a FIFO swapped in after the check still cannot
block), checked again on the open descriptor, and read up to a limit. Problems come back as
one :class:`FileProblem` line naming the file and what to do. Writing goes through a synced
temporary file renamed over the old one (:func:`write_text_atomic`), so a crash or a full
disk never leaves half a file, and only a regular file is ever replaced.
"""

from __future__ import annotations

import contextlib
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
        # The usual file arrives in one read, into one buffer of its size: read in chunks
        # and joined, a 60 MB track would briefly take twice its size in memory.
        first = os.read(descriptor, min(info.st_size, limit) + 1)
        chunks = [first]
        total = len(first)
        while total <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileProblem(f"{name}: too big for a {what} (over {_size(limit)})")
        return first if len(chunks) == 1 else b"".join(chunks)
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


def write_text_atomic(path: Path, text: str, *, replace: bool = True) -> Path:
    """Write ``text`` as UTF-8, exactly as given, so that the file is either the old one or
    the whole new one, never half of either: a temporary file in the same folder, synced,
    then renamed over it. Returns the file written.

    A link to a regular file is followed (the link stays); anything else that is not a
    regular file is refused. With ``replace=False`` an existing file raises
    :class:`FileExistsError` and is left alone, even if it appears during the write.
    Problems come back as one :class:`FileProblem` line naming the file.
    """
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise FileProblem(f"{one_line(path)}: not saved: character {error.start} cannot be "
                          "written as UTF-8 (a lone surrogate); remove it") from None
    return write_bytes_atomic(path, encoded, replace=replace)


def write_bytes_atomic(path: Path, encoded: bytes, *, replace: bool = True) -> Path:
    """Write ``encoded`` as :func:`write_text_atomic` writes text: whole or not at all."""
    name = one_line(path)
    target = _write_target(path)
    existing = _existing_mode(target)
    if existing is not None and not replace:
        raise FileExistsError(str(target))
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileProblem(f"{name}: cannot make its folder ({error.strerror or error})") \
            from None
    temporary = folder / f".{target.name}.{os.urandom(4).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(temporary, flags, 0o666)
    except OSError as error:
        raise FileProblem(f"{name}: cannot write it ({error.strerror or error})") from None
    try:
        try:
            if existing is not None and hasattr(os, "fchmod"):
                os.fchmod(descriptor, existing)
            data = memoryview(encoded)
            while data:
                data = data[os.write(descriptor, data):]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if replace:
            os.replace(temporary, target)
        else:
            _link_new(temporary, target)
    except FileExistsError:
        _remove(temporary)
        raise
    except OSError as error:
        _remove(temporary)
        raise FileProblem(f"{name}: cannot write it ({error.strerror or error}); it was left "
                          "as it was") from None
    except BaseException:
        _remove(temporary)
        raise
    sync_folder(folder)
    return target


def _write_target(path: Path) -> Path:
    """The file a write goes to: ``path``, or the regular file a link there points to."""
    if not os.path.islink(path):
        return path
    real = Path(os.path.realpath(path))
    if not os.path.lexists(real):
        raise FileProblem(f"{one_line(path)}: is a link to a file that does not exist; fix "
                          "the link or remove it")
    return real


def _existing_mode(target: Path) -> int | None:
    """The permissions of the regular file at ``target``, None if nothing is there; anything
    else is refused before it is touched."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise FileProblem(f"{one_line(target)}: cannot write it ({error.strerror or error})") \
            from None
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(f"{one_line(target)}: is {kind_of(info.st_mode)}, not a regular "
                          "file; coach replaces only regular files, so move it away first")
    return stat.S_IMODE(info.st_mode)


def _link_new(temporary: Path, target: Path) -> None:
    """Move ``temporary`` to ``target`` only if nothing is there: a hard link fails
    atomically when the name is taken; where links are not supported, check, then rename."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        if os.path.lexists(target):
            raise FileExistsError(str(target)) from None
        os.replace(temporary, target)
        return
    _remove(temporary)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; nothing to do where folders can't be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
