"""``coach shoes``: kilometres run in each shoe, and when to retire each pair.

    coach shoes
    coach shoes "Pegasus 40" --retire-at 800

Never imports Textual or Rich.
"""

from __future__ import annotations

import argparse
from typing import Any

from coach.cli.database import open_history
from coach.cli.runs import cut, says_none, shown, store_error


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``shoes``."""
    shoes = commands.add_parser(
        "shoes", help="kilometres per shoe, and when to retire each",
        description="Kilometres run in each shoe. With a NAME and --retire-at KM, set the "
        "point at which coach tells you the pair is worn (--retire-at none removes it).",
    )
    shoes.add_argument("name", nargs="?", metavar="NAME")
    shoes.add_argument("--retire-at", metavar="KM", dest="retire_at")
    shoes.add_argument("--json", action="store_true")
    shoes.set_defaults(handler=run_shoes)


def run_shoes(args: argparse.Namespace) -> int:
    from coach.cli import UserError
    from coach.store import StoreError
    from coach.text import one_line

    if args.retire_at is not None:
        if not args.name:
            raise UserError('--retire-at needs the shoe\'s name, e.g. coach shoes "Pegasus 40" '
                            "--retire-at 800")
        retire = None if says_none(args.retire_at) else _kilometres(args.retire_at)
        store = open_history(create=True)
        assert store is not None
        try:
            with store:
                store.set_shoe_retirement(args.name, retire)
        except ValueError as error:
            raise UserError(f"NAME: {error}") from None
        except StoreError as error:
            raise store_error(error) from None
    store = open_history(create=False)
    totals = []
    if store is not None:
        try:
            with store:
                totals = store.shoes()
        except StoreError as error:
            raise store_error(error) from None
    if args.name:
        wanted = " ".join(one_line(args.name).split())
        totals = [shoe for shoe in totals if shoe.name == wanted]
        if not totals and args.retire_at is None:
            raise UserError(f'no runs in a shoe named "{wanted[:40]}"; `coach shoes` lists them')
    if args.json:
        import json

        print(json.dumps({"shoes": [
            {"name": shown(shoe.name), "runs": shoe.runs, "km": round(shoe.km, 2),
             "retire_km": shoe.retire_km, "worn_out": shoe.worn_out} for shoe in totals
        ]}, ensure_ascii=False))
        return 0
    if not totals and args.name:
        print(f'"{wanted[:40]}" has no runs and no retirement point now; '
              "`coach shoes` lists the others.")
        return 0
    if not totals:
        print('No shoes yet: set a run\'s shoe with coach runs set ID --shoe "NAME", or '
              "import a Strava export (its gear comes along).")
        return 0
    for shoe in totals:
        runs = "run " if shoe.runs == 1 else "runs"
        line = f"{cut(shoe.name, 30):<30}  {shoe.km:8.1f} km  {shoe.runs:4d} {runs}"
        if shoe.retire_km is not None:
            line += f"  retire at {shoe.retire_km:g} km"
            if shoe.worn_out:
                line += ": time for a new pair"
        print(line)
    return 0


def _kilometres(text: str) -> float:
    from coach.cli import UserError
    from coach.text import one_line

    try:
        value = float(text.strip())
    except ValueError:
        value = -1.0
    if not 0 < value <= 10_000:
        raise UserError(f'--retire-at "{one_line(text)[:30]}": kilometres, more than 0, e.g. '
                        "--retire-at 800")
    return value
