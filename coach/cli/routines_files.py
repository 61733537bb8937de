"""``coach routines new`` and ``coach routines edit``: the commands that write routine files.

They are the only routine commands that create files, copy built-ins, keep ``schema.json``
beside the user's routines and start an editor, and they are run far less often than
``validate``, which scripts call after every save. Keeping them here means the other
commands never load this code: :mod:`coach.cli.routines` imports it only when one of these
two runs. With ``--in-app`` they open coach's own editor instead, which writes nothing
until the runner saves.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli import UserError
from coach.cli.app_commands import NO_TERMINAL_EXIT, has_terminal
from coach.routine.problems import visible

if TYPE_CHECKING:
    from coach.routine.draft import Draft

SCHEMA_FILE = "schema.json"
SCHEMA_DIRECTIVE = f"#:schema ./{SCHEMA_FILE}"
_NAME_LINE = r'^name\s*=\s*"(?:[^"\\]|\\.)*"[ \t]*(#.*)?$'
"""A top-level ``name = "..."`` line; a pattern, compiled only by the commands that copy a
routine, so the others don't pay for it."""


def slugify(name: str) -> str:
    """A file-name-safe id from a routine's name: ``Hill warm-up!`` → ``hill-warm-up``."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")


def _toml_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _rename(text: str, name: str) -> str:
    """Give a copied routine its new name, so the two don't look alike in the list."""
    header = re.search(r"^\s*\[", text, re.MULTILINE)
    top = text[: header.start()] if header else text
    match = re.search(_NAME_LINE, top, re.MULTILINE)
    if match is None:
        return text
    comment = f"  {match.group(1)}" if match.group(1) else ""
    return text[: match.start()] + f"name = {_toml_string(name)}{comment}" + text[match.end():]


def _with_schema_directive(text: str) -> str:
    if text.lstrip().startswith("#:schema"):
        return text
    return f"{SCHEMA_DIRECTIVE}\n{text}"


def _write_schema(folder: Path) -> None:
    """Keep ``schema.json`` beside the user's routines, so ``#:schema`` lines find it."""
    import json

    from coach.files import FileProblem, read_text
    from coach.routine.schema import routine_schema

    text = json.dumps(routine_schema(), indent=2) + "\n"
    target = folder / SCHEMA_FILE
    if os.path.lexists(target):
        try:  # a named pipe there would block the write below until someone reads it
            if read_text(target, len(text.encode()) + 1, "schema") == text:
                return
        except FileProblem:
            if not target.is_file():
                return
    with contextlib.suppress(OSError):
        target.write_text(text, encoding="utf-8")


def _create(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            f"cannot make the routines folder {visible(path.parent)}: {error.strerror or error}"
        ) from None
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise UserError(
            f"{visible(path)} already exists; edit it with: coach routines edit "
            f"{visible(path.stem)}"
        ) from None
    except OSError as error:
        raise UserError(f"cannot write {visible(path)}: {error.strerror or error}") from None
    _write_schema(path.parent)


def _read_text(path: Path) -> str:
    """A routine file to copy, read as the loader reads it: never a pipe or a device."""
    from coach.files import FileProblem, read_text
    from coach.routine.loader import MAX_FILE_BYTES

    try:
        return read_text(path, MAX_FILE_BYTES, "routine file")
    except FileProblem as problem:
        raise UserError(f"cannot copy {problem}") from None


def new_routine(args: argparse.Namespace) -> int:
    from coach import locations
    from coach.routine.catalog import UnknownRoutineError, find

    in_app = getattr(args, "in_app", False)
    if in_app and not _has_terminal("coach routines new --in-app",
                                    "writes the starter file for your own editor"):
        return NO_TERMINAL_EXIT
    name = " ".join(args.name.split())
    routine_id = slugify(name)
    if not routine_id:
        raise UserError(f'"{args.name}" has no letters or digits to make a file name from; '
                          'try e.g. coach routines new "Hill warm-up"')
    target = locations.user_routines_dir() / f"{routine_id}.toml"
    if target.exists():
        raise UserError(
            f"{visible(target)} already exists; edit it with: coach routines edit {routine_id}"
            + (" --in-app" if in_app else "")
        )
    if args.source:
        try:
            source, _ = find(args.source)
        except UnknownRoutineError as error:
            raise UserError(str(error)) from None
        text = _with_schema_directive(_rename(_read_text(source), name))
    else:
        starter = Path(__file__).resolve().parent.parent / "routine" / "starter.toml"
        text = _rename(_read_text(starter), name)
    _refuse_unless_valid(text, target, routine_id)
    replaces = False
    with contextlib.suppress(UnknownRoutineError):
        replaces = find(routine_id)[1]
    if in_app:
        from coach.routine.draft import Draft, screen_text

        shown, notice = screen_text(text)
        return run_editor(Draft(routine_id, shown, target, visible(target), builtin=replaces,
                                exists=False, notice=notice))
    _create(target, text)
    print(target, flush=True)
    what = (f'a copy of "{visible(args.source)}", renamed' if args.source
            else "a commented starter: a walk, a stretch per side, strides and a "
            "flexible walk to change")
    print(_next_steps(name, routine_id, what, replaces), file=sys.stderr)
    return 0


def _refuse_unless_valid(text: str, target: Path, routine_id: str) -> None:
    """``new`` never writes a file that ``validate`` would refuse: a problem its NAME made
    (too long, a control character) is one line before anything is written."""
    from coach.routine.loader import RoutineError, parse_routine

    try:
        parse_routine(text, source=target, routine_id=routine_id)
    except RoutineError as error:
        problem = error.problems[0]
        field = f"name {problem.message}" if problem.field == "name" else str(problem)
        raise UserError(f"NAME: {visible(field)}; nothing was written, choose another name, "
                        'e.g. coach routines new "Hill warm-up"') from None


def _next_steps(name: str, routine_id: str, what: str, replaces: bool) -> str:
    """What ``new`` made and what to do next. The path alone goes to standard output (so
    ``$EDITOR "$(coach routines new Hills)"`` works); these words go beside it."""
    lines = [f'Created "{visible(name)}" (id {routine_id}): {what}.']
    if replaces:
        lines.append(f'It replaces the built-in "{routine_id}"; delete it to get the built-in '
                     "back.")
    lines += [
        "Next:",
        f"  coach routines edit {routine_id}       change it in your editor ($EDITOR)",
        f"  coach routines validate {routine_id}   check it: every problem, one line each",
        f"  coach run {routine_id} --speed 10      try it ten times faster (a preview: "
        "counted in nothing)",
        f"  coach run {routine_id}                 play it for real",
    ]
    return "\n".join(lines)


def editor_command() -> list[str]:
    """The user's editor as an argument list; ``$EDITOR`` may carry options of its own."""
    import shlex
    import shutil

    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                command = shlex.split(value, posix=os.name != "nt")
            except ValueError as error:
                raise UserError(f"cannot read ${variable} ({value!r}): {error}") from None
            if command:
                return command
    for fallback in ("nano", "vi"):
        found = shutil.which(fallback)
        if found:
            return [found]
    raise UserError(
        "no editor found: set EDITOR to the editor you use, e.g. export EDITOR=nano"
    )


def _editable_path(id_or_path: str) -> tuple[Path, Path | None]:
    """The file to edit and, for a built-in, the file to copy there first."""
    from coach import locations
    from coach.routine.catalog import SUFFIX, UnknownRoutineError, find, looks_like_path

    if looks_like_path(id_or_path):
        path = Path(id_or_path).expanduser()
        if path.suffix != SUFFIX:
            raise UserError(f"{visible(path)} is not a routine file: routine files end in .toml")
        if not path.is_file():
            raise UserError(f"{visible(path)}: no such file")
        return path, None
    try:
        path, builtin = find(id_or_path)
    except UnknownRoutineError as error:
        raise UserError(str(error)) from None
    if not builtin:
        return path, None
    return locations.user_routines_dir() / path.name, path


def edit_routine(args: argparse.Namespace) -> int:
    import subprocess

    from coach.routine.loader import RoutineError, load_routine

    if getattr(args, "in_app", False):
        return _edit_in_app(args.routine)
    path, builtin = _editable_path(args.routine)
    command = editor_command()
    if builtin is not None:
        _create(path, _with_schema_directive(_read_text(builtin)))
        print(f'Copied the built-in "{builtin.stem}" to {visible(path)}; your copy replaces it.')
    try:
        result = subprocess.run([*command, str(path)], check=False)
    except OSError as error:
        raise UserError(
            f"cannot start the editor {command[0]!r} ({error.strerror or error}); "
            "check $VISUAL and $EDITOR"
        ) from None
    if result.returncode != 0:
        print(f"The editor exited with status {result.returncode}.", file=sys.stderr)
    try:
        load_routine(path)
    except RoutineError as error:
        print(error)
        print("Fix it with: coach routines edit "
              f"{visible(path.stem) if _in_user_dir(path) else visible(path)}")
        return 1
    print(f"ok  {visible(path)}")
    return 0


def _has_terminal(command: str, instead: str) -> bool:
    """Whether coach's editor can be drawn here; if not, say so in one line."""
    if has_terminal():
        return True
    print(f"{command} needs a terminal; without --in-app it {instead}, and coach routines "
          "validate checks a file in a script", file=sys.stderr)
    return False


def _edit_in_app(id_or_path: str) -> int:
    """``coach routines edit --in-app``: a routine that can't be opened is one line, before
    any screen is drawn."""
    from coach.routine.draft import DraftProblem, open_draft

    if not _has_terminal("coach routines edit --in-app", "opens your $EDITOR"):
        return NO_TERMINAL_EXIT
    try:
        draft = open_draft(id_or_path)
    except DraftProblem as problem:
        raise UserError(str(problem), exit_code=1) from None
    return run_editor(draft)


def run_editor(draft: Draft) -> int:
    """Run coach with its editor open on ``draft``; coach ends when the editor closes."""
    from coach.ui.app import make_app
    from coach.ui.terminal import private_terminal

    with private_terminal():
        app = make_app(edit=draft)
        app.run()
    return app.return_code or 0


def _in_user_dir(path: Path) -> bool:
    from coach import locations

    return path.resolve().parent == locations.user_routines_dir().resolve()
