"""``coach routines``: list, show, check, create and edit routine files.

These commands run without a screen, often from scripts or straight after saving a file, so
they import only the routine core (never Textual) and load what they need inside each
handler: ``coach --help`` pays for none of it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import TypeAlias

    from coach.routine.catalog import CatalogEntry
    from coach.routine.loader import RoutineError
    from coach.routine.model import Routine

    _SubParsers: TypeAlias = argparse._SubParsersAction[Any]

SCHEMA_FILE = "schema.json"
SCHEMA_DIRECTIVE = f"#:schema ./{SCHEMA_FILE}"
_NAME_LINE = r'^name\s*=\s*"(?:[^"\\]|\\.)*"[ \t]*(#.*)?$'
"""A top-level ``name = "..."`` line; a pattern, compiled only by the commands that copy a
routine, so the others don't pay for it."""


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``coach routines`` and all its sub-commands."""
    register_for(commands, ())


def register_for(commands: argparse._SubParsersAction[Any], argv: Sequence[str]) -> None:
    """Add ``coach routines`` for a command line whose arguments after ``routines`` are
    ``argv``: when they start with a sub-command, only that one is added, since building
    each parser costs start-up time; otherwise all are, so help and errors list them all.
    """
    parser = commands.add_parser(
        "routines",
        help="list, show, check, create and edit routines",
        description="Routines are TOML files: the built-ins shipped with coach and your own "
        "in the user routines folder. A file of yours with a built-in's id replaces it.",
    )
    parser.set_defaults(handler=lambda args: _print_help(parser))
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    wanted = argv[0] if argv and argv[0] in _SUB_COMMANDS else None
    for name, add in _SUB_COMMANDS.items():
        if wanted is None or name == wanted:
            add(sub)


def _add_list(sub: _SubParsers) -> None:
    listing = sub.add_parser("list", help="the routines there are",
                             description="List every built-in and user routine.")
    listing.add_argument("--json", action="store_true", help="print JSON, for scripts")
    listing.set_defaults(handler=_quiet_pipe(list_routines))


def _add_show(sub: _SubParsers) -> None:
    show = sub.add_parser("show", help="a routine's steps, as the player will run them",
                          description="Show a routine's steps in order, with their times.")
    show.add_argument("routine", metavar="ID|PATH", help="a routine id or a .toml file")
    show.set_defaults(handler=_quiet_pipe(show_routine))


def _add_validate(sub: _SubParsers) -> None:
    validate = sub.add_parser(
        "validate",
        help="check routine files",
        description="Check routine files and report every problem. With no PATH, check "
        "every built-in and user routine. Exit status 0 when all are valid, 1 otherwise.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="a .toml file (or an id)")
    validate.set_defaults(handler=_quiet_pipe(validate_routines))


def _add_new(sub: _SubParsers) -> None:
    new = sub.add_parser(
        "new",
        help="start a routine of your own",
        description="Write a commented starter routine (or a copy of an existing one) into "
        "the user routines folder. Its id is NAME in lower case with dashes.",
    )
    new.add_argument("name", metavar="NAME", help='the routine\'s name, e.g. "Hill warm-up"')
    new.add_argument("--from", dest="source", metavar="ID", help="copy this routine instead")
    new.set_defaults(handler=_quiet_pipe(new_routine))


def _add_edit(sub: _SubParsers) -> None:
    edit = sub.add_parser(
        "edit",
        help="edit a routine in $VISUAL or $EDITOR",
        description="Open a routine in your editor ($VISUAL, then $EDITOR) and check it when "
        "the editor closes. A built-in is first copied into the user routines folder; the "
        "copy replaces it.",
    )
    edit.add_argument("routine", metavar="ID|PATH", help="a routine id or a .toml file")
    edit.set_defaults(handler=_quiet_pipe(edit_routine))


def _add_schema(sub: _SubParsers) -> None:
    schema = sub.add_parser(
        "schema",
        help="print the JSON schema of routine files, for editors",
        description="Print the JSON Schema of routine files. Editors with a TOML language "
        "server (taplo, Even Better TOML) use it to complete and check routines.",
    )
    schema.set_defaults(handler=_quiet_pipe(print_schema))


_SUB_COMMANDS: dict[str, Callable[[_SubParsers], None]] = {
    "list": _add_list,
    "show": _add_show,
    "validate": _add_validate,
    "new": _add_new,
    "edit": _add_edit,
    "schema": _add_schema,
}
"""Each sub-command and the function that adds it, in the order help lists them."""


Handler = Callable[[argparse.Namespace], int]


def _quiet_pipe(handler: Handler) -> Handler:
    """Stop quietly when the reader goes away, as in ``coach routines list | head``."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except BrokenPipeError:
            with contextlib.suppress(OSError, ValueError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            return 1

    return run


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _user_error(message: str) -> Exception:
    from coach.cli import UserError

    return UserError(message)


def _table(rows: list[list[str]], headers: list[str]) -> list[str]:
    """Rows as aligned columns; the last column is not padded."""
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers) - 1)]
    lines = []
    for row in [headers, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return lines


# -- list --------------------------------------------------------------------------------


def list_routines(args: argparse.Namespace) -> int:
    from coach.routine.catalog import discover

    catalog = discover()
    if args.json:
        import json

        print(json.dumps([_entry_json(entry) for entry in catalog], indent=2,
                         ensure_ascii=False))
        return 0
    if not len(catalog):
        print("No routines found. Start one with: coach routines new NAME")
        return 0
    rows = []
    for entry in catalog:
        routine = entry.routine
        if routine is None:
            rows.append([entry.id, "invalid: run coach routines validate", "", "",
                         entry.source])
        else:
            rows.append([entry.id, routine.name, routine.kind, _total(routine), entry.source])
    print("\n".join(_table(rows, ["ID", "NAME", "KIND", "TOTAL", "SOURCE"])))
    return 0


def _total(routine: Routine) -> str:
    from coach.timeline import expand

    return expand(routine).total.text()


def _entry_json(entry: CatalogEntry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entry.id,
        "path": str(entry.path),
        "source": entry.source,
        "builtin": entry.builtin,
        "overrides_builtin": entry.overrides_builtin,
        "valid": entry.valid,
    }
    if entry.routine is not None:
        from coach.timeline import expand

        total = expand(entry.routine).total
        data.update(
            name=entry.routine.name,
            kind=entry.routine.kind,
            summary=entry.routine.summary,
            total=total.text(),
            total_seconds={"minimum": total.minimum, "maximum": total.maximum,
                           "open_steps": total.open_steps},
        )
    if entry.error is not None:
        data["problems"] = [str(problem) for problem in entry.error.problems]
    return data


# -- show --------------------------------------------------------------------------------


def _resolve(id_or_path: str) -> Routine:
    """The routine, or a user error naming what is wrong; never a traceback."""
    from coach.routine.catalog import UnknownRoutineError, resolve

    try:
        return resolve(id_or_path)
    except UnknownRoutineError as error:
        raise _user_error(str(error)) from None


def show_routine(args: argparse.Namespace) -> int:
    from coach.routine.durations import format_clock
    from coach.routine.loader import RoutineError
    from coach.timeline import expand

    try:
        routine = _resolve(args.routine)
    except RoutineError as error:
        return _report(error)
    timeline = expand(routine)
    print(f"{routine.name} ({routine.kind})")
    if routine.summary:
        print(routine.summary)
    print(f"File: {routine.source}" + (" (built-in)" if routine.builtin else ""))
    print()
    rows = []
    start = 0
    uncertain = False
    for step in timeline:
        offset = format_clock(start) + ("+" if uncertain else "")
        rows.append([str(step.index + 1), offset, step.time.text(), step.title,
                     step.round_label, step.cue])
        if step.time.maximum is None or step.time.maximum != step.time.minimum:
            uncertain = True
        start += step.time.minimum
    print("\n".join(_table(rows, ["#", "START", "TIME", "STEP", "ROUND", "CUE"])))
    print()
    count = len(timeline)
    print(f"Total: {timeline.total.text()} in {count} step{'' if count == 1 else 's'}")
    if uncertain:
        print("A start marked + is later if a flexible or open step runs longer.")
    return 0


def _report(error: RoutineError) -> int:
    print(str(error), file=sys.stderr)
    return 1


# -- validate ----------------------------------------------------------------------------


def _validate_targets(names: list[str]) -> list[Path]:
    """Files to check; a name that is no file but a routine's id stands for its file."""
    if not names:
        from coach import locations
        from coach.routine.catalog import routine_files

        return [*routine_files(locations.builtin_routines_dir()),
                *routine_files(locations.user_routines_dir())]
    paths = []
    for name in names:
        path = Path(name).expanduser()
        if not path.exists():
            from coach.routine.catalog import UnknownRoutineError, find, looks_like_path

            if not looks_like_path(name):
                with contextlib.suppress(UnknownRoutineError):
                    path, _ = find(name)
        paths.append(path)
    return paths


def validate_routines(args: argparse.Namespace) -> int:
    from coach.routine.loader import RoutineError, load_routine

    paths = _validate_targets(list(args.paths))
    if not paths:
        print("No routine files found. Start one with: coach routines new NAME")
        return 0
    failed = 0
    for path in paths:
        try:
            load_routine(path)
        except RoutineError as error:
            failed += 1
            print(error)
        else:
            print(f"ok  {path}")
    if failed and len(paths) > 1:
        verb = "has" if failed == 1 else "have"
        print(f"{failed} of {len(paths)} files {verb} problems")
    return 1 if failed else 0


# -- new and edit ------------------------------------------------------------------------


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

    from coach.routine.schema import routine_schema

    text = json.dumps(routine_schema(), indent=2) + "\n"
    target = folder / SCHEMA_FILE
    try:
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return
        target.write_text(text, encoding="utf-8")
    except OSError:
        pass


def _create(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _user_error(
            f"cannot make the routines folder {path.parent}: {error.strerror or error}"
        ) from None
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise _user_error(
            f"{path} already exists; edit it with: coach routines edit {path.stem}"
        ) from None
    except OSError as error:
        raise _user_error(f"cannot write {path}: {error.strerror or error}") from None
    _write_schema(path.parent)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _user_error(f"cannot read {path}: {error}") from None


def new_routine(args: argparse.Namespace) -> int:
    from coach import locations
    from coach.routine.catalog import UnknownRoutineError, find

    name = " ".join(args.name.split())
    routine_id = slugify(name)
    if not routine_id:
        raise _user_error(f'"{args.name}" has no letters or digits to make a file name from; '
                          'try e.g. coach routines new "Hill warm-up"')
    target = locations.user_routines_dir() / f"{routine_id}.toml"
    if target.exists():
        raise _user_error(
            f"{target} already exists; edit it with: coach routines edit {routine_id}"
        )
    if args.source:
        try:
            source, _ = find(args.source)
        except UnknownRoutineError as error:
            raise _user_error(str(error)) from None
        text = _with_schema_directive(_rename(_read_text(source), name))
    else:
        starter = Path(__file__).resolve().parent.parent / "routine" / "starter.toml"
        text = _rename(_read_text(starter), name)
    replaces = False
    with contextlib.suppress(UnknownRoutineError):
        replaces = find(routine_id)[1]
    _create(target, text)
    print(target)
    if replaces:
        print(f'It replaces the built-in "{routine_id}"; delete it to get the built-in back.',
              file=sys.stderr)
    return 0


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
                raise _user_error(f"cannot read ${variable} ({value!r}): {error}") from None
            if command:
                return command
    for fallback in ("nano", "vi"):
        found = shutil.which(fallback)
        if found:
            return [found]
    raise _user_error(
        "no editor found: set EDITOR to the editor you use, e.g. export EDITOR=nano"
    )


def _editable_path(id_or_path: str) -> tuple[Path, Path | None]:
    """The file to edit and, for a built-in, the file to copy there first."""
    from coach import locations
    from coach.routine.catalog import SUFFIX, UnknownRoutineError, find, looks_like_path

    if looks_like_path(id_or_path):
        path = Path(id_or_path).expanduser()
        if path.suffix != SUFFIX:
            raise _user_error(f"{path} is not a routine file: routine files end in .toml")
        if not path.is_file():
            raise _user_error(f"{path}: no such file")
        return path, None
    try:
        path, builtin = find(id_or_path)
    except UnknownRoutineError as error:
        raise _user_error(str(error)) from None
    if not builtin:
        return path, None
    return locations.user_routines_dir() / path.name, path


def edit_routine(args: argparse.Namespace) -> int:
    import subprocess

    from coach.routine.loader import RoutineError, load_routine

    path, builtin = _editable_path(args.routine)
    command = editor_command()
    if builtin is not None:
        _create(path, _with_schema_directive(_read_text(builtin)))
        print(f'Copied the built-in "{builtin.stem}" to {path}; your copy replaces it.')
    try:
        result = subprocess.run([*command, str(path)], check=False)
    except OSError as error:
        raise _user_error(
            f"cannot start the editor {command[0]!r} ({error.strerror or error}); "
            "check $VISUAL and $EDITOR"
        ) from None
    if result.returncode != 0:
        print(f"The editor exited with status {result.returncode}.", file=sys.stderr)
    try:
        load_routine(path)
    except RoutineError as error:
        print(error)
        print(f"Fix it with: coach routines edit {path.stem if _in_user_dir(path) else path}")
        return 1
    print(f"ok  {path}")
    return 0


def _in_user_dir(path: Path) -> bool:
    from coach import locations

    return path.resolve().parent == locations.user_routines_dir().resolve()


# -- schema ------------------------------------------------------------------------------


def print_schema(args: argparse.Namespace) -> int:
    import json

    from coach.routine.schema import routine_schema

    print(json.dumps(routine_schema(), indent=2))
    return 0
