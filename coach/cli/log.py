"""``coach log``: rate soreness in the form, or straight from the command line.

With no flags it opens the form, as it always has. With flags it records the rating without
any screen and prints the advice, for scripts, shortcuts and tests::

    coach log --overall 4 --region calves=6 --effort 7 --minutes 50 --last
    coach log --overall 2 --flag swelling --json

A bad value is one line naming the flag and its range, exit status 2, and nothing is saved.
The flags path never imports Textual or Rich.
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import TYPE_CHECKING, Any, Final, NoReturn

from coach.cli import short_errors
from coach.record.scales import REGION_KEYS, SORENESS_MAX, WARNING_SIGN_KEYS

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from coach.record.models import Timing
    from coach.soreness.advice import Advice
    from coach.soreness.checkin import Rating
    from coach.store import Store

MAX_NOTE: Final = 500
"""As long as the form's note field allows."""
MAX_MINUTES: Final = 24 * 60
WIDTH: Final = 78
"""Readable output wraps here, whatever the terminal."""
HEADS: Final = {"emergency": "EMERGENCY, now", "urgent": "URGENT, today",
                "soon": "See a specialist"}
"""What the specialist message starts with, by how soon someone must look."""


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``log`` sub-command."""
    log = commands.add_parser(
        "log",
        help="record how sore your legs are: the form, or flags for scripts",
        description="Rate soreness (overall and by region), the run's effort and length, "
        "warning signs and a note. With no flags this opens the form; with --overall it "
        "records the rating straight away and prints the advice.",
        epilog=f"Regions: {' '.join(REGION_KEYS)}. Warning signs: "
        f"{' '.join(WARNING_SIGN_KEYS)}. Any warning sign means: see a specialist "
        "(saddle-numbness: call emergency services now).",
    )
    log.add_argument("--overall", metavar="N",
                     help="overall soreness, 0 (none) to 10 (worst imaginable)")
    log.add_argument("--region", metavar="KEY=N", action="append", default=[],
                     help="soreness of one region, 0-10, e.g. calves=5; repeat for more")
    log.add_argument("--effort", metavar="N", help="how hard the run felt, 0-10 (Borg CR10)")
    log.add_argument("--minutes", metavar="N", help="how long the run was, in minutes")
    log.add_argument("--flag", metavar="SIGN", action="append", default=[],
                     help="a warning sign, e.g. swelling; repeat for more")
    log.add_argument("--note", metavar="TEXT", help="anything worth remembering")
    link = log.add_mutually_exclusive_group()
    link.add_argument("--session", metavar="ID", help="link the rating to this session")
    link.add_argument("--last", action="store_true",
                      help="link the rating to the most recent session")
    log.add_argument("--date", "--when", metavar="YYYY-MM-DD", dest="date",
                     help="rate a past day (noon of that day); default now")
    log.add_argument("--json", action="store_true",
                     help="print what was saved and the advice as one JSON object")
    short_errors(log)  # argparse's own errors too: one line, status 2
    log.set_defaults(handler=run_log)


def _wants_form(args: argparse.Namespace) -> bool:
    return not (
        args.overall is not None or args.region or args.effort is not None
        or args.minutes is not None or args.flag or args.note is not None
        or args.session is not None or args.last or args.json or args.date is not None
    )


def run_log(args: argparse.Namespace, now: Callable[[], datetime] | None = None) -> int:
    """Open the form (no flags), or record the rating the flags give and print the advice."""
    if _wants_form(args):
        from coach.cli import app_commands

        return app_commands.log_soreness(args)
    rating = read_rating(args)
    from coach import locations
    from coach.cli import UserError
    from coach.record.models import utc_now
    from coach.soreness.advice import advice_dict
    from coach.soreness.checkin import save_rating
    from coach.store import Store, StoreError

    moment = _day(args.date, (now or utc_now)())
    path = locations.database_file()
    if (args.session is not None or args.last) and not path.exists():
        raise UserError(_no_session(args))
    try:
        with Store.open(path) as store:
            session_id, timing = _link(store, args, moment)
            due = _experiment_due(store, moment) if session_id is None else None
            recorded = save_rating(store, rating, timing, moment, session_id)
            note = (_experiment_note(store, moment, rating, session_id, due)
                    if timing != "next day" else None)
    except StoreError as error:
        raise UserError(f"{error}; nothing was saved") from error
    except ValueError as error:
        raise UserError(f"{error}; nothing was saved") from error
    if args.json:
        import json

        document = {**advice_dict(recorded.advice, recorded.entry_id),
                    "saved": _saved(rating, recorded.entry_id, moment, timing, session_id)}
        sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(advice_text(recorded.advice, rating.overall, recorded.entry_id))
        if note:
            import textwrap

            sys.stdout.write("\n" + textwrap.fill(note, 78) + "\n")
    return 0


def _experiment_due(store: Store, moment: datetime) -> datetime | None:
    """The run of an experiment whose next-day rating this one may be, before it is saved."""
    from coach.store import StoreError

    try:
        if not store.has_experiments():
            return None  # none ever started: its rules need not even load
        from coach.insights import experiment

        return experiment.next_day_due(store, moment, with_routine=True)
    except StoreError:
        return None


def _experiment_note(store: Store, moment: datetime, rating: Rating, session_id: str | None,
                     due: datetime | None) -> str | None:
    """What the rating meant to a running experiment; the rating is saved whatever
    happens here."""
    from coach.store import StoreError

    gave_run = rating.effort is not None or rating.run_minutes is not None
    try:
        if not store.has_experiments():
            return None
        from coach.insights import experiment

        if session_id is not None:
            return experiment.run_note(store, moment)
        return experiment.logged_note(store, moment, gave_run=gave_run, was_due=due)
    except StoreError:
        return None


def _saved(rating: Rating, entry_id: str, moment: datetime, timing: Timing,
           session_id: str | None) -> dict[str, Any]:
    """The entry as saved, for ``--json``: a script sees exactly what the history holds."""
    from coach.record.models import to_iso
    from coach.record.scales import run_load

    return {
        "id": entry_id, "recorded_at": to_iso(moment), "timing": timing,
        "session_id": session_id, "overall": rating.overall, "regions": dict(rating.regions),
        "effort": rating.effort, "run_minutes": rating.run_minutes,
        "load": run_load(rating.effort, rating.run_minutes), "flags": list(rating.flags),
        "note": rating.note,
    }


# --- reading the flags -------------------------------------------------------------------


def _day(text: str | None, now: datetime) -> datetime:
    """When the rating is for: now, or noon (local time) of a past day given as
    ``YYYY-MM-DD``; today's date means now."""
    from datetime import UTC, date
    from datetime import datetime as moment_type

    if text is None:
        return now
    today = now.astimezone().date()
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        day = None
    if day is None or len(text.strip()) != 10 or day > today or day.year < 1990:
        _fail(f"--date {_shown(text)}: give a day up to today as YYYY-MM-DD, e.g. --date "
              f"{today.isoformat()}")
    if day == today:
        return now
    return moment_type(day.year, day.month, day.day, 12).astimezone().astimezone(UTC)


def _shown(value: str) -> str:
    """A value from the command line, safe and short enough to quote in an error."""
    from coach.text import one_line

    text = one_line(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _fail(message: str) -> NoReturn:
    from coach.cli import UserError

    raise UserError(message)


def _rating_value(flag: str, text: str, example: str, given: str | None = None) -> int:
    """A whole number 0–10; ``given`` is how the value was written, to quote it."""
    value = text.strip()
    if not value.isascii() or not value.isdigit() or int(value) > SORENESS_MAX:
        _fail(f"{flag} {_shown(text if given is None else given)}: use a whole number from 0 "
              f"to {SORENESS_MAX}, e.g. {flag} {example}")
    return int(value)


def _regions(items: list[str]) -> dict[str, int]:
    regions: dict[str, int] = {}
    for item in items:
        key, equals, value = item.partition("=")
        key = key.strip()
        if not equals:
            _fail(f"--region {_shown(item)}: write KEY=N, N from 0 to {SORENESS_MAX}, "
                  "e.g. --region calves=5")
        if key not in REGION_KEYS:
            _fail(f"--region {_shown(item)}: unknown region {_shown(key)!r}; use one of "
                  f"{', '.join(REGION_KEYS)}")
        if key in regions:
            _fail(f"--region {key} is given twice; give each region once")
        regions[key] = _rating_value("--region", value, f"{key}=5", given=item)
    return regions


def _minutes(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        minutes = float(text.strip())
    except ValueError:
        minutes = math.nan
    if not math.isfinite(minutes) or not 0 < minutes <= MAX_MINUTES:
        _fail(f"--minutes {_shown(text)}: use the run's length in minutes, more than 0 and "
              f"at most {MAX_MINUTES}, e.g. --minutes 35")
    return minutes


def _flags(items: list[str]) -> tuple[str, ...]:
    for item in items:
        if item.strip() not in WARNING_SIGN_KEYS:
            _fail(f"--flag {_shown(item)}: unknown warning sign; use one of "
                  f"{', '.join(WARNING_SIGN_KEYS)}")
    given = {item.strip() for item in items}
    return tuple(key for key in WARNING_SIGN_KEYS if key in given)


def _note(text: str | None) -> str:
    if text is None:
        return ""
    from coach.text import clean, is_blank

    note = clean(text).strip()
    if is_blank(note):
        return ""
    if len(note) > MAX_NOTE:
        _fail(f"--note: at most {MAX_NOTE} characters, not {len(note)}")
    return note


def read_rating(args: argparse.Namespace) -> Rating:
    """The rating the flags give; a bad value raises one :class:`UserError` line."""
    from coach.soreness.checkin import Rating

    if args.overall is None:
        _fail(f"--overall N (0 to {SORENESS_MAX}) is needed to log without the form, "
              "e.g. coach log --overall 3")
    overall = _rating_value("--overall", args.overall, "3")
    regions = _regions(args.region)
    effort = None if args.effort is None else _rating_value("--effort", args.effort, "5")
    return Rating(overall, regions, effort, _minutes(args.minutes), _note(args.note),
                  _flags(args.flag))


# --- linking to a session ----------------------------------------------------------------


def _no_session(args: argparse.Namespace) -> str:
    if args.last:
        return "--last: no session recorded yet; log without it, or play a routine first"
    return f"--session {_shown(args.session)}: no session with that id; coach history lists them"


def _link(store: Store, args: argparse.Namespace, now: datetime) -> tuple[str | None, Timing]:
    """The session the rating belongs to, and whether it is right after it or a day on."""
    from coach.store import NotFoundError
    from coach.store.sessions import FOLLOW_UP_FROM

    if args.last:
        recent = store.list_sessions(limit=20, until=now)
        real = [summary for summary in recent if not summary.is_preview]
        if not recent:
            _fail(_no_session(args))
        summary = (real or recent)[0]
    elif args.session is not None:
        try:
            summary = store.get_session(args.session.strip()).summary
        except NotFoundError:
            _fail(_no_session(args))
    else:
        return None, "standalone"
    ended = summary.ended_at or summary.started_at
    return summary.id, "next day" if now - ended >= FOLLOW_UP_FROM else "after"


# --- printing the advice -----------------------------------------------------------------


def _wrapped(text: str, indent: str) -> list[str]:
    import textwrap

    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def advice_text(advice: Advice, overall: int, entry_id: str) -> str:
    """The advice as plain text: the specialist first, then Today and Next run."""
    from coach.record.scales import SORENESS_WORDS

    lines = [f"Saved: overall soreness {overall} ({SORENESS_WORDS[overall]}), entry {entry_id}"]
    specialist = advice.specialist
    if specialist is not None:
        head = HEADS.get(specialist.urgency or "soon", "See a specialist")
        lines += ["", f"{head}: {specialist.title}", *_wrapped(specialist.reason, "  ")]
    for heading, tips in (("Today", advice.today), ("Next run", advice.next_run)):
        if not tips:
            continue
        lines += ["", heading]
        for tip in tips:
            lines.append(f"  • {tip.title}")
            lines += _wrapped(tip.text, "    ")
    lines += ["", *_wrapped(advice.disclaimer, ""),
              "Each tip's why and its source: add --json."]
    return "\n".join(lines) + "\n"
