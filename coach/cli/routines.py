"""``coach routines``: list, show, check, create, edit and export routine files.

These commands run without a screen, often from scripts or straight after saving a file, so
they import only the routine core (never Textual) and load what they need inside each
handler: ``coach --help`` pays for none of it. This module registers every sub-command and
runs the read-only ones (list, show, validate, schema); ``new`` and ``edit``, which write
files and start an editor, live in :mod:`coach.cli.routines_files`, and ``export``, which
writes a watch's file, in :mod:`coach.cli.routines_export`, each imported only when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import TypeAlias

    from coach.cli.routines_files import SCHEMA_DIRECTIVE as SCHEMA_DIRECTIVE
    from coach.cli.routines_files import SCHEMA_FILE as SCHEMA_FILE
    from coach.cli.routines_files import editor_command as editor_command
    from coach.cli.routines_files import slugify as slugify
    from coach.routine.catalog import CatalogEntry
    from coach.routine.loader import RoutineError
    from coach.routine.model import Routine

    _SubParsers: TypeAlias = argparse._SubParsersAction[Any]

_FROM_FILES = ("SCHEMA_DIRECTIVE", "SCHEMA_FILE", "editor_command", "slugify")
"""Names of :mod:`coach.cli.routines_files` that callers also import from here; found on
first use, so the commands that never need them don't load that module."""


def __getattr__(name: str) -> Any:
    """Find a name listed in ``_FROM_FILES``, importing its module the first time."""
    if name in _FROM_FILES:
        from coach.cli import routines_files

        return getattr(routines_files, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    listing.set_defaults(handler=list_routines)


def _add_show(sub: _SubParsers) -> None:
    show = sub.add_parser("show", help="a routine's steps, as the player will run them",
                          description="Show a routine's steps in order, with their times.")
    show.add_argument("routine", metavar="ID|PATH", help="a routine id or a .toml file")
    show.set_defaults(handler=show_routine)


def _add_validate(sub: _SubParsers) -> None:
    validate = sub.add_parser(
        "validate",
        help="check routine files",
        description="Check routine files and report every problem. With no PATH, check "
        "every built-in and user routine. Exit status 0 when all are valid, 1 otherwise.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="a .toml file (or an id)")
    validate.set_defaults(handler=validate_routines)


def _add_new(sub: _SubParsers) -> None:
    new = sub.add_parser(
        "new",
        help="start a routine of your own",
        description="Write a commented starter routine (or a copy of an existing one) into "
        "the user routines folder. Its id is NAME in lower case with dashes.",
    )
    new.add_argument("name", metavar="NAME", help='the routine\'s name, e.g. "Hill warm-up"')
    new.add_argument("--from", dest="source", metavar="ID", help="copy this routine instead")
    new.add_argument("--in-app", action="store_true",
                     help="start it in coach's own editor (problems and preview as you type); "
                     "nothing is written until you save")
    new.set_defaults(handler=new_routine)


def _add_edit(sub: _SubParsers) -> None:
    edit = sub.add_parser(
        "edit",
        help="edit a routine in $VISUAL or $EDITOR, or in coach",
        description="Open a routine in your editor ($VISUAL, then $EDITOR) and check it when "
        "the editor closes. A built-in is first copied into the user routines folder; the "
        "copy replaces it. With --in-app, edit it in coach itself, which checks it and "
        "shows its timeline as you type.",
    )
    edit.add_argument("routine", metavar="ID|PATH", help="a routine id or a .toml file")
    edit.add_argument("--in-app", action="store_true",
                      help="edit it in coach's own editor; a built-in becomes your copy when "
                      "you first save")
    edit.set_defaults(handler=edit_routine)


def _add_schema(sub: _SubParsers) -> None:
    schema = sub.add_parser(
        "schema",
        help="print the JSON schema of routine files, for editors",
        description="Print the JSON Schema of routine files. Editors with a TOML language "
        "server (taplo, Even Better TOML) use it to complete and check routines.",
    )
    schema.set_defaults(handler=print_schema)


def _add_export(sub: _SubParsers) -> None:
    export = sub.add_parser(
        "export",
        help="a routine as a watch workout (FIT) or intervals.icu text",
        description="Write a routine as a workout a watch follows. fit: a FIT workout file; "
        "copy it to the GARMIN/NewFiles folder of a Garmin watch connected by USB. icu: "
        "intervals.icu's workout text, which that service syncs to many watches. Without "
        "--out, a FIT file goes to ID.fit in this folder and icu text is printed; --out FOLDER "
        "writes ID.fit (or ID.txt) inside that folder.",
    )
    export.add_argument("routine", metavar="ID|PATH", help="a routine id or a .toml file")
    export.add_argument("--format", dest="format", choices=("fit", "icu"), required=True,
                        help="fit (a watch workout file) or icu (intervals.icu text)")
    export.add_argument("--out", metavar="FILE",
                        help="where to write it: a file, a folder (ID.fit goes inside), or - "
                        "for standard output")
    export.set_defaults(handler=export_routine)


_SUB_COMMANDS: dict[str, Callable[[_SubParsers], None]] = {
    "list": _add_list,
    "show": _add_show,
    "validate": _add_validate,
    "new": _add_new,
    "edit": _add_edit,
    "schema": _add_schema,
    "export": _add_export,
}
"""Each sub-command and the function that adds it, in the order help lists them."""


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _user_error(message: str) -> Exception:
    from coach.cli import UserError

    return UserError(message)


# -- list --------------------------------------------------------------------------------


def list_routines(args: argparse.Namespace) -> int:
    from coach.routine.catalog import discover
    from coach.routine.problems import visible

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
            rows.append([visible(entry.id), "invalid: run coach routines validate", "", "",
                         entry.source])
        else:
            rows.append([visible(entry.id), routine.name, routine.kind, _total(routine),
                         entry.source])
    from coach.cli.table import table

    print("\n".join(table([["ID", "NAME", "KIND", "TOTAL", "SOURCE"], *rows])))
    return 0


def _total(routine: Routine) -> str:
    """The routine's length as every screen says it: ``9 min 45 s``, ``5–10 min``."""
    from coach.routine.timeline import expand

    return expand(routine).total.friendly()


def _entry_json(entry: CatalogEntry) -> dict[str, Any]:
    """One routine for scripts; names are cleaned, since a file name can hold anything."""
    from coach.routine.problems import visible

    data: dict[str, Any] = {
        "id": visible(entry.id),
        "path": visible(entry.path),
        "source": entry.source,
        "builtin": entry.builtin,
        "overrides_builtin": entry.overrides_builtin,
        "valid": entry.valid,
    }
    if entry.routine is not None:
        from coach.routine.timeline import expand

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
        data["problems"] = entry.error.lines()
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
    from coach.routine.loader import RoutineError
    from coach.routine.outline import outline
    from coach.routine.timeline import expand, step_length

    try:
        routine = _resolve(args.routine)
    except RoutineError as error:
        return _report(error)
    timeline = expand(routine)
    print(f"{routine.name} ({routine.kind})")
    if routine.summary:
        print(routine.summary)
    from coach.routine.problems import visible

    print(f"File: {visible(routine.source)}" + (" (built-in)" if routine.builtin else ""))
    print()
    lines = outline(timeline)
    rows = [
        ["" if row.number is None else str(row.number), row.start,
         step_length(step.time), row.title, row.round_label, row.cue]
        for step, row in zip(timeline, lines, strict=True)
    ]
    from coach.cli.table import table

    print("\n".join(table([["#", "START", "TIME", "STEP", "ROUND", "CUE"], *rows])))
    print()
    count = timeline.step_count  # the pauses to switch sides are not steps
    print(f"Total: {timeline.total.friendly()} in {count} step{'' if count == 1 else 's'}")
    if any(row.later_if_longer for row in lines):
        print("A start marked + is later if a flexible or open step runs longer.")
    return 0


def _report(error: RoutineError) -> int:
    print(str(error), file=sys.stderr)
    return 1


def export_routine(args: argparse.Namespace) -> int:
    """``coach routines export``, run from :mod:`coach.cli.routines_export`."""
    from coach.cli.routines_export import export_routine as run

    return run(args)


# -- validate ----------------------------------------------------------------------------


def _validate_targets(names: list[str]) -> list[tuple[Path, bool]]:
    """Files to check, each with whether it is a built-in; a name that is no file but a
    routine's id stands for its file."""
    if not names:
        from coach import locations
        from coach.routine.catalog import routine_files

        return [*((path, True) for path in routine_files(locations.builtin_routines_dir())),
                *((path, False) for path in routine_files(locations.user_routines_dir()))]
    targets = []
    for name in names:
        path, builtin = Path(name).expanduser(), False
        if not os.path.lexists(path):
            from coach.routine.catalog import UnknownRoutineError, find, looks_like_path

            if not looks_like_path(name):
                with contextlib.suppress(UnknownRoutineError):
                    path, builtin = find(name)
        targets.append((path, builtin))
    return targets


def validate_routines(args: argparse.Namespace) -> int:
    from coach.routine.catalog import id_problem
    from coach.routine.loader import RoutineError, load_routine
    from coach.routine.problems import Problem, visible

    targets = _validate_targets(list(args.paths))
    if not targets:
        print("No routine files found. Start one with: coach routines new NAME")
        return 0
    failed = 0
    for path, builtin in targets:
        try:
            problem = id_problem(path.stem)
            if problem is not None:
                raise RoutineError(path, [Problem(path, problem)])
            load_routine(path, builtin=builtin)
        except RoutineError as error:
            failed += 1
            print(error)
        else:
            print(f"ok  built-in {visible(path.stem)}" if builtin else f"ok  {visible(path)}")
    if failed and len(targets) > 1:
        verb = "has" if failed == 1 else "have"
        print(f"{failed} of {len(targets)} files {verb} problems")
    return 1 if failed else 0


# -- new and edit ------------------------------------------------------------------------


def new_routine(args: argparse.Namespace) -> int:
    """``coach routines new``, run from :mod:`coach.cli.routines_files`."""
    from coach.cli.routines_files import new_routine as run

    return run(args)


def edit_routine(args: argparse.Namespace) -> int:
    """``coach routines edit``, run from :mod:`coach.cli.routines_files`."""
    from coach.cli.routines_files import edit_routine as run

    return run(args)


# -- schema ------------------------------------------------------------------------------


def print_schema(args: argparse.Namespace) -> int:
    import json

    from coach.routine.schema import routine_schema

    print(json.dumps(routine_schema(), indent=2))
    return 0
