"""A routine file open for editing: its text, where saving writes it, and what is wrong with it.

The editor keeps a routine a text file: the runner types TOML, coach checks it as it would
check the file, and saving writes exactly what was typed. This module is that editor's
headless half: which file an id or a path opens and where its first save goes (a built-in
becomes the user's own copy under its id, which then replaces it), what the text would play
as, and every problem with its line. It never imports Textual, so a benchmark or a test can
check a draft the way the screen does.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from coach import locations
from coach.files import FileProblem, read_text, write_text_atomic
from coach.frozen import Record
from coach.routine.catalog import SUFFIX, UnknownRoutineError, find, looks_like_path
from coach.routine.lines import problem_line, scan
from coach.routine.loader import MAX_FILE_BYTES, Problem, RoutineError, parse_routine
from coach.routine.model import Routine
from coach.routine.outline import OutlineRow, outline
from coach.routine.problems import shown, visible
from coach.routine.timeline import TotalTime, expand
from coach.text import REPLACEMENT, is_unsafe, one_line

_LINE_BREAKS = frozenset("\u2028\u2029")
"""Line and paragraph separators: an editor splits lines there, so saving would change them."""


class DraftProblem(Exception):
    """A routine that cannot be opened for editing; the message is one line."""


class Draft(Record):
    """A routine file as the editor opens it."""

    routine_id: str
    text: str
    """The text to edit: the file's, with anything unsafe to show replaced (see ``notice``)."""
    path: Path
    """Where saving writes: the file itself, or the user's copy of a built-in."""
    label: str
    """How the screen names the file, e.g. ``built-in warm-up`` or its path."""
    builtin: bool = False
    """Opened from a built-in: the first save makes the user's copy, which replaces it."""
    exists: bool = True
    """A file is at ``path`` already, so saving replaces it."""
    notice: str = ""
    """What was changed in the text on opening, in one line; empty when nothing was."""


class LinedProblem(Record):
    """One problem as the editor lists it: its line and what to change."""

    line: int | None
    column: int | None
    text: str


class DraftCheck(Record):
    """What a draft's text would be as a routine file: its problems or its timeline."""

    problems: tuple[LinedProblem, ...]
    routine: Routine | None = None
    rows: tuple[OutlineRow, ...] = ()
    total: TotalTime | None = None
    step_count: int = 0
    """Steps as the runner counts them (switch pauses are not steps)."""

    @property
    def ok(self) -> bool:
        return self.routine is not None


def open_draft(id_or_path: str | Path, builtin_dir: Path | None = None,
               user_dir: Path | None = None) -> Draft:
    """The draft for a routine id or a ``.toml`` path; :class:`DraftProblem` if none.

    A file with problems opens too: the editor is where they get fixed.
    """
    builtin_dir = builtin_dir or locations.builtin_routines_dir()
    user_dir = user_dir or locations.user_routines_dir()
    if isinstance(id_or_path, Path) or looks_like_path(id_or_path):
        source = Path(id_or_path).expanduser()
        if source.suffix != SUFFIX:
            raise DraftProblem(f"{visible(source)} is not a routine file: routine files end "
                               "in .toml")
        builtin = _inside(source, builtin_dir)
    else:
        try:
            source, builtin = find(id_or_path, builtin_dir, user_dir)
        except UnknownRoutineError as error:
            raise DraftProblem(str(error)) from None
    text, notice = screen_text(_read(source))
    routine_id = source.stem
    if builtin:
        target = user_dir / f"{routine_id}{SUFFIX}"
        return Draft(routine_id, text, target, f"built-in {visible(routine_id)}", True,
                     os.path.lexists(target), notice)
    return Draft(routine_id, text, source, visible(source), False, True, notice)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().parent == folder.resolve()
    except (OSError, RuntimeError):
        return False


def _read(path: Path) -> str:
    try:
        return read_text(path, MAX_FILE_BYTES, "routine file")
    except FileProblem as problem:
        raise DraftProblem(f"cannot edit {problem}") from None


def screen_text(text: str) -> tuple[str, str]:
    """``text`` safe to put on the screen, and a line saying what changed, if anything.

    A terminal control character or a bidi override would act on the terminal rather than
    show, so each becomes U+FFFD (visible, and saved as such). Line separators become
    U+FFFD too, and mixed line endings the file's first kind, since the editor would change
    them anyway: what the editor shows is then exactly what saving writes.
    """
    notes: list[str] = []
    flat = text.replace("\r\n", "\n")
    if not flat.replace("\n", "").replace("\t", "").isprintable():
        out: list[str] = []
        first_line = 0
        replaced = 0
        for index, char in enumerate(text):
            unsafe = (is_unsafe(char) and not (char == "\r" and text[index + 1:index + 2] == "\n")
                      ) or char in _LINE_BREAKS
            if unsafe:
                replaced += 1
                first_line = first_line or text.count("\n", 0, index) + 1
                char = REPLACEMENT
            out.append(char)
        if replaced:
            text = "".join(out)
            flat = text.replace("\r\n", "\n")
            what = "character" if replaced == 1 else "characters"
            notes.append(f"replaced {replaced} control {what} with {REPLACEMENT} (first on "
                         f"line {first_line}); saving keeps the replacement")
    if "\r\n" in text and "\n" in text.replace("\r\n", ""):
        text = flat.replace("\n", "\r\n")
        notes.append("made the line endings the same throughout")
    return text, "; ".join(notes)


def check(text: str, draft: Draft) -> DraftCheck:
    """Check ``text`` as the file ``draft`` will be saved to, as ``coach routines validate``
    would; never raises, whatever the text holds."""
    if len(text) * 4 > MAX_FILE_BYTES and len(text.encode("utf-8", "replace")) > MAX_FILE_BYTES:
        message = (f"is over {MAX_FILE_BYTES // 1024} KB, more than coach reads from a routine "
                   "file; split it into two routines")
        return DraftCheck((LinedProblem(None, None, message),))
    try:
        routine = parse_routine(text, source=draft.path, routine_id=draft.routine_id)
    except RoutineError as error:
        return DraftCheck(lined(text, error.problems))
    except Exception as error:  # a bug in a check: one line, never a crashed screen
        message = (f"could not be checked ({type(error).__name__}); run coach routines "
                   "validate on the saved file, and please report this")
        return DraftCheck((LinedProblem(None, None, message),))
    timeline = expand(routine)
    return DraftCheck((), routine, tuple(outline(timeline)), timeline.total, timeline.step_count)


def lined(text: str, problems: list[Problem]) -> tuple[LinedProblem, ...]:
    """Each problem with its line, in the order the file reads (file-wide ones last)."""
    tables = scan(text)
    found = [LinedProblem(problem_line(tables, problem), problem.column, describe(problem))
             for problem in problems]
    return tuple(sorted(found, key=lambda item: item.line if item.line is not None else 1 << 30))


def describe(problem: Problem) -> str:
    """A problem without the file's name (the editor shows which file it is): the step, the
    key, what is wrong and what right looks like, on one line."""
    parts = [problem.step] if problem.step else []
    if problem.field:
        parts.append(shown(problem.field))
    text = ": ".join([*parts, problem.message])
    if problem.example:
        text += f"{'' if text.endswith('?') else ','} e.g. {problem.example}"
    return one_line(text)


def keep_schema_beside(path: Path, text: str) -> None:
    """A file in the user routines folder naming ``./schema.json`` (as new ones do) finds it
    there, for editors that check routine files; kept up to date, and never a reason for a
    save to fail. Elsewhere a ``schema.json`` is the user's own and is left alone."""
    if not text.lstrip("\ufeff").startswith("#:schema ./schema.json"):
        return
    if not _inside(path, locations.user_routines_dir()):
        return
    import json

    from coach.routine.schema import routine_schema

    schema = json.dumps(routine_schema(), indent=2) + "\n"
    target = path.parent / "schema.json"
    try:
        if read_text(target, len(schema.encode()) + 1, "schema") == schema:
            return
    except FileProblem:
        pass
    with contextlib.suppress(OSError, FileProblem):
        write_text_atomic(target, schema)
