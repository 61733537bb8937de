"""Which routines exist: the built-ins shipped with coach and the user's own files.

A user file with a built-in's id replaces that built-in, so copying one into the user folder
and editing it is all it takes to customise it. One broken user file must never hide the
others: each entry carries either its routine or the error that explains why it can't load.
This module only reads TOML; it stays cheap enough for command-line use.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from pathlib import Path

from coach import locations
from coach.frozen import Record
from coach.routine.loader import Problem, RoutineError, load_routine
from coach.routine.model import Routine
from coach.routine.problems import shown, visible

SUFFIX = ".toml"


class CatalogEntry(Record):
    """One routine file, loaded or not: a broken file still shows up, with its problems."""

    id: str
    path: Path
    builtin: bool
    routine: Routine | None = None
    error: RoutineError | None = None
    overrides_builtin: bool = False
    """A user file that takes the place of the built-in with the same id."""

    @property
    def valid(self) -> bool:
        return self.routine is not None

    @property
    def source(self) -> str:
        """Where the routine comes from, in the words ``coach routines list`` uses."""
        if self.builtin:
            return "built-in"
        return "user (replaces built-in)" if self.overrides_builtin else "user"


class Catalog(Record):
    """Every routine a user can pick, as the app and ``coach routines list`` show them."""

    entries: tuple[CatalogEntry, ...]
    """One per id, sorted by id; user files already replace built-ins."""

    def __iter__(self) -> Iterator[CatalogEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, routine_id: str) -> CatalogEntry | None:
        for entry in self.entries:
            if entry.id == routine_id:
                return entry
        return None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(entry.id for entry in self.entries)

    @property
    def routines(self) -> tuple[Routine, ...]:
        """The routines that can be played, in id order."""
        return tuple(entry.routine for entry in self.entries if entry.routine is not None)

    @property
    def invalid(self) -> tuple[CatalogEntry, ...]:
        return tuple(entry for entry in self.entries if entry.error is not None)


class UnknownRoutineError(LookupError):
    """No routine has that id; the message lists close matches and how to see them all."""

    def __init__(self, routine_id: str, known: tuple[str, ...] | list[str]) -> None:
        self.routine_id = routine_id
        self.matches = difflib.get_close_matches(routine_id, list(known), n=3, cutoff=0.5)
        message = f'no routine "{shown(routine_id)}"'
        if self.matches:
            quoted = [f'"{visible(match)}"' for match in self.matches]
            choices = quoted[-1]
            if len(quoted) > 1:
                choices = ", ".join(quoted[:-1]) + " or " + choices
            message += f"; did you mean {choices}? See"
        else:
            message += "; see"
        message += " them all with: coach routines list"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


def routine_files(folder: Path) -> list[Path]:
    """The ``.toml`` names directly in ``folder``, sorted; none if it doesn't exist.

    Hidden files are skipped: editors keep lock and swap files there (``.#warm-up.toml``).
    Nothing here opens a file: a named pipe, a device or a folder named ``x.toml`` is listed
    too, and loading it tells the user what it is.
    """
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return []
    return sorted(
        path for path in candidates if path.suffix == SUFFIX and not path.name.startswith(".")
    )


def id_problem(routine_id: str) -> str | None:
    """Why a file name makes an id no one could type or see, or None when it is fine."""
    from coach.text import first_unsafe, is_blank

    if is_blank(routine_id) or routine_id != routine_id.strip():
        return ("has a name that is blank or starts or ends with a space; rename it, e.g. "
                "my-warm-up.toml")
    if first_unsafe(routine_id) is not None or "\n" in routine_id or "\t" in routine_id:
        return ("has a control character in its name; rename it with letters, digits and "
                "dashes, e.g. my-warm-up.toml")
    return None


def _load(path: Path, builtin: bool) -> tuple[Routine | None, RoutineError | None]:
    """A routine or why not; never an exception, so one file cannot stop the listing (in
    the app that would leave the home screen loading for ever)."""
    bad_name = id_problem(path.stem)
    if bad_name is not None:
        return None, RoutineError(path, [Problem(path, bad_name)])
    try:
        return load_routine(path, builtin=builtin), None
    except RoutineError as error:
        return None, error
    except Exception as error:  # a bug in a check: still one line, and the others load
        problem = Problem(path, f"could not be checked ({type(error).__name__}); run coach "
                          "routines validate on it, and please report this")
        return None, RoutineError(path, [problem])


def discover(builtin_dir: Path | None = None, user_dir: Path | None = None) -> Catalog:
    """Load every built-in and user routine; invalid files become entries with an error."""
    builtin_dir = builtin_dir or locations.builtin_routines_dir()
    user_dir = user_dir or locations.user_routines_dir()
    entries: dict[str, CatalogEntry] = {}
    for path in routine_files(builtin_dir):
        routine, error = _load(path, builtin=True)
        entries[path.stem] = CatalogEntry(path.stem, path, True, routine, error)
    for path in routine_files(user_dir):
        routine, error = _load(path, builtin=False)
        replaces = path.stem in entries
        entries[path.stem] = CatalogEntry(path.stem, path, False, routine, error, replaces)
    return Catalog(tuple(entries[key] for key in sorted(entries)))


def looks_like_path(text: str) -> bool:
    """Whether the user named a file rather than an id."""
    return text.endswith(SUFFIX) or "/" in text or "\\" in text


def find(routine_id: str, builtin_dir: Path | None = None,
         user_dir: Path | None = None) -> tuple[Path, bool]:
    """The file behind an id (user folder first) and whether it is a built-in.

    Looks at two paths instead of loading the whole catalog, so starting one routine stays
    quick however many files the folders hold.
    """
    builtin_dir = builtin_dir or locations.builtin_routines_dir()
    user_dir = user_dir or locations.user_routines_dir()
    for folder, builtin in ((user_dir, False), (builtin_dir, True)):
        path = folder / f"{routine_id}{SUFFIX}"
        if routine_id and not routine_id.startswith(".") and _exists(path):
            return path, builtin
    known = {p.stem for p in routine_files(builtin_dir)} | {p.stem for p in routine_files(user_dir)}
    raise UnknownRoutineError(routine_id, sorted(known))


def _exists(path: Path) -> bool:
    """Whether anything is at ``path``: a named pipe there is found, and then refused."""
    return os.path.lexists(path)


def resolve(id_or_path: str, builtin_dir: Path | None = None,
            user_dir: Path | None = None) -> Routine:
    """The routine named by an id or by a path to a ``.toml`` file.

    Raises :class:`UnknownRoutineError` for an id nobody has, and
    :class:`~coach.routine.loader.RoutineError` for a file that cannot be used.
    """
    if looks_like_path(id_or_path):
        path = Path(id_or_path).expanduser()
        if path.suffix != SUFFIX and path.is_file():
            raise RoutineError(
                path, [Problem(path, "is not a routine file: routine files end in .toml")]
            )
        return load_routine(path)
    path, builtin = find(id_or_path, builtin_dir, user_dir)
    return load_routine(path, builtin=builtin)
