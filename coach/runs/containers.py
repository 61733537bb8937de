"""The containers activity files come in: folders and zips (zips inside zips too), read
member by member, never extracted to disk, every byte unpacked counted against one budget.
See :mod:`coach.runs.sources` for the limits and for reading one file.
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Final

from coach.files import MEGABYTE, FileProblem, kind_of, read_bytes, regular_file_problem
from coach.runs.sources import (
    BOMB_ALLOWANCE,
    BOMB_RATIO,
    MAX_DEPTH,
    MAX_DIRECTORY,
    MAX_INNER_ZIP,
    MAX_MEMBERS,
    MAX_RAW,
    READ_CHUNK,
    Bad,
    Budget,
    Entry,
    Problem,
    entry,
    joined,
    kind_of_name,
    sniff,
    without_name,
)
from coach.text import one_line


class Folder:
    """A folder's files, recursively, as relative names."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = one_line(path)

    def label(self, member: str) -> str:
        """How coach names a member when it prints: its path."""
        return one_line(self.path / member)

    def names(self) -> list[str]:
        found: list[str] = []
        for top, folders, files in os.walk(self.path, followlinks=False):
            folders[:] = sorted(name for name in folders if not _hidden(name))
            base = Path(top).relative_to(self.path)
            found.extend((base / name).as_posix() for name in sorted(files) if not _hidden(name))
        return found

    def read(self, member: str, limit: int) -> bytes:
        try:
            return read_bytes(self.path / member, limit, "activity file")
        except FileProblem as problem:
            raise Problem(without_name(problem, self.path / member)) from None

    def close(self) -> None:
        pass


def _hidden(name: str) -> bool:
    return name.startswith(".") or name == "__MACOSX"


class Zip:
    """A zip archive's members, each read with caps; refused whole if it is crafted."""

    def __init__(self, name: str, handle: BinaryIO, budget: Budget, depth: int = 1) -> None:
        self.name = name
        self.budget = budget
        self.depth = depth
        self._handle = handle
        _check_directory(handle)
        try:
            self._zip = zipfile.ZipFile(handle)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
                NotImplementedError) as error:
            raise Problem(f"is not a readable zip file ({one_line(error)})") from None
        if len(infos) > MAX_MEMBERS:
            raise Problem(f"holds {len(infos):,} files, more than the {MAX_MEMBERS:,} of any "
                          "export coach knows")
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            problem = _climbs_out(info.filename)
            if problem:
                raise Problem(f'has a member named "{one_line(info.filename)[:80]}", which '
                              f"{problem}: a crafted archive; nothing was read from it")
            name = _plain(info.filename)
            if info.is_dir() or not name or any(_hidden(part) for part in name.split("/")):
                continue
            self._infos.setdefault(name, info)

    def names(self) -> list[str]:
        return list(self._infos)

    def label(self, member: str) -> str:
        """How coach names a member when it prints: ``export.zip › activities/1.fit``."""
        return joined(self.name, member)

    def read(self, member: str, limit: int) -> bytes:
        info = self._infos[member]
        if info.file_size > limit:
            raise Problem(f"is too big ({info.file_size // MEGABYTE:,} MB unpacked, the limit "
                          f"is {limit // MEGABYTE} MB)")
        parts = []
        total = 0
        try:
            with self._zip.open(info) as stream:
                while True:
                    chunk = stream.read(min(READ_CHUNK, limit + 1 - total))
                    if not chunk:
                        break
                    total += len(chunk)
                    self.budget.take(len(chunk))
                    if total > limit:
                        raise Problem(f"unpacks to more than {limit // MEGABYTE} MB")
                    parts.append(chunk)
        except Problem:
            raise
        except RuntimeError as error:  # encrypted
            raise Problem(f"cannot be read ({one_line(error)})") from None
        except NotImplementedError as error:
            raise Problem(f"uses a compression coach cannot read ({one_line(error)})") from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as error:
            raise Problem(f"is damaged in the zip ({one_line(error)})") from None
        return b"".join(parts)

    def close(self) -> None:
        self._zip.close()
        self._handle.close()


def _check_directory(handle: BinaryIO) -> None:
    """Refuse an archive whose table of contents alone is too big to read, before
    ``zipfile`` builds an entry for each of its (maybe millions of) members."""
    try:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - _TAIL))
        tail = handle.read(_TAIL)
        handle.seek(0)
    except (OSError, ValueError):
        return  # zipfile says what is wrong
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return
    members, directory = struct.unpack_from("<HI", tail, at + 10)
    if at >= 20 and tail[at - 20:at - 16] == b"PK\x06\x07":
        (record,) = struct.unpack_from("<Q", tail, at - 12)
        try:
            handle.seek(record)
            zip64 = handle.read(56)
            handle.seek(0)
        except (OSError, ValueError, OverflowError):
            return
        if len(zip64) == 56 and zip64[:4] == b"PK\x06\x06":
            members, directory = struct.unpack_from("<QQ", zip64, 32)
    if members > MAX_MEMBERS or directory > MAX_DIRECTORY:
        raise Problem(f"lists {members:,} files ({directory // MEGABYTE:,} MB of contents), "
                      f"more than any export coach knows (at most {MAX_MEMBERS:,})")


_TAIL: Final = 22 + 65535 + 20
"""The end record of a zip, its longest comment, and the zip64 locator before it."""


def _plain(name: str) -> str:
    """A member's name without ``./`` steps: some tools write ``./activities/run.gpx``,
    which is the same file as ``activities/run.gpx`` (and the name an export's CSV uses)."""
    return "/".join(part for part in name.split("/") if part not in ("", "."))


def _climbs_out(name: str) -> str | None:
    """Why a member name points outside the archive, or None."""
    if name.startswith(("/", "\\")):
        return "is an absolute path"
    if len(name) >= 2 and name[1] == ":" and name[0].isalpha():
        return "starts with a drive letter"
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        return 'climbs out of the archive with ".."'
    if "\0" in name:
        return "holds a NUL character"
    return None


Container = Folder | Zip


def open_zip_file(path: Path) -> Zip:
    """A zip on disk, opened without blocking on a FIFO and never read whole."""
    problem = regular_file_problem(path)
    if problem:
        raise Problem(problem)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise Problem(f"cannot be read ({error.strerror or error})") from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise Problem(f"is {kind_of(info.st_mode)}, not a regular file")
    handle = os.fdopen(descriptor, "rb")
    try:
        return Zip(one_line(path), handle, Budget(BOMB_ALLOWANCE + BOMB_RATIO * info.st_size))
    except BaseException:
        handle.close()
        raise


def open_inner_zip(outer: Zip | Folder, member: str) -> Zip:
    """A zip inside a container (or a zip file inside a folder)."""
    import io

    name = outer.label(member)
    if isinstance(outer, Folder):
        return open_zip_file(outer.path / member)
    if outer.depth >= MAX_DEPTH:
        raise Problem(f"nests zips more than {MAX_DEPTH} deep; no export does")
    data = outer.read(member, MAX_INNER_ZIP)
    return Zip(name, io.BytesIO(data), outer.budget, outer.depth + 1)


def top_level(path: Path) -> Iterator[Container | Entry | Bad]:
    """What one path named by the runner is: a folder, a zip, or one activity file."""
    name = one_line(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        yield Bad(name, "no such file or folder")
        return
    except OSError as error:
        yield Bad(name, f"cannot be read ({error.strerror or error})")
        return
    if stat.S_ISDIR(mode) or (stat.S_ISREG(mode) and path.name.lower() == "activities.csv"):
        # A Strava export unpacked: its CSV stands for the folder it heads.
        yield Folder(path if stat.S_ISDIR(mode) else path.parent)
        return
    kind = kind_of_name(path.name)
    try:
        if kind == "zip":
            yield open_zip_file(path)
            return
        raw = read_bytes(path, MAX_RAW, "activity file")
    except Problem as problem:
        yield Bad(name, str(problem))
        return
    except FileProblem as problem:
        yield Bad(name, without_name(problem, path))
        return
    if kind is None and sniff(raw) == "zip":
        import io

        try:
            yield Zip(name, io.BytesIO(raw), Budget(BOMB_ALLOWANCE + BOMB_RATIO * len(raw)))
        except Problem as problem:
            yield Bad(name, str(problem))
        return
    yield entry(name, raw, kind)
