"""What the soreness check-ins ask and when, decided without a screen.

Right after a routine, the next day, and on their own: which question is due, what the form
says and fills in, and what the running experiment makes of a rating. The screens of
:mod:`coach.ui.checkins` only show these and collect the answers; saving goes through
:func:`coach.soreness.checkin.save_rating`. Every read here can fail with the history: a
check-in that can't read it asks less, it never stops the runner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coach.record.models import SessionSummary, to_local
from coach.session.experiments import any_experiment
from coach.soreness.checkin import Rating
from coach.store import Store, StoreError


@dataclass(frozen=True)
class Question:
    """What the soreness form shows: its title, the line under it, whether it asks about
    the run (effort, minutes), and the answers it starts from."""

    title: str
    intro: str
    ask_run: bool = True
    initial: Rating | None = None


def after_routine(store: Store, session_id: str, routine_name: str) -> Question:
    """Right after an after-run routine; a run the watch already knows fills in its
    minutes and effort, still changeable."""
    intro = (f"Right after {routine_name}. Esc skips; to rate it later, open it in history "
             "(h, then enter) and press e.")
    try:
        run = store.run_for_session(session_id)
    except StoreError:
        run = None
    if run is None:
        return Question("How do your legs feel?", intro)
    effort = None if run.effort is None else round(run.effort)
    return Question("How do your legs feel?", intro + " Minutes and effort come from your run.",
                    initial=Rating(0, {}, effort, round(run.minutes)))


STANDALONE = Question(
    "Log soreness", "A rating on its own, not tied to a routine: after a run, or any day.")


def next_day_of(session: SessionSummary) -> Question:
    return Question("How do your legs feel today?", f"The day after {session.routine_name}.",
                    ask_run=False)


def next_day_of_run(run_at: datetime) -> Question:
    """The day after an experiment's run that had no routine after it."""
    when = to_local(run_at).strftime("%A %H:%M")
    return Question("How do your legs feel today?",
                    f"The day after your run of the experiment ({when}).", ask_run=False)


@dataclass(frozen=True)
class NextDay:
    """The next-day question due: about a session (``experiment`` when its rating is an
    experiment's result, so there is no "don't ask"), or about a run logged on its own."""

    session: SessionSummary | None
    run_at: datetime | None = None
    experiment: bool = False


def next_day_due(store: Store, now: datetime) -> NextDay | None:
    """The next-day question to ask now, if any. Raises StoreError when the history can't
    say whether one is due."""
    experiments = any_experiment(store)
    session = store.pending_follow_up(now)
    if session is None:
        if not experiments:
            return None
        from coach.insights import experiment

        run_at = experiment.next_day_due(store, now)
        return None if run_at is None else NextDay(None, run_at)
    part_of_experiment = False
    if experiments:
        from coach.insights import experiment

        try:
            part_of_experiment = experiment.is_experiment_run(store, session.started_at, now)
        except StoreError:
            part_of_experiment = False
    return NextDay(session, experiment=part_of_experiment)


def standalone_due(store: Store, now: datetime) -> datetime | None:
    """Before a rating on its own: the run still waiting for its next-day rating, which
    this rating may turn out to be (told after saving)."""
    if not any_experiment(store):
        return None
    from coach.insights import experiment

    try:
        return experiment.next_day_due(store, now, with_routine=True)
    except StoreError:
        return None


def experiment_note(store: Store, now: datetime, *, gave_run: bool = True,
                    was_due: datetime | None = None) -> str | None:
    """Which run of the experiment this was and whether it followed its assignment, or why
    it does not count (a hard run, a warning sign); for a rating on its own, also whether it
    was a run's next-day rating or no run at all. None without an experiment, or when the
    history can't be read (the experiment catches up next time)."""
    if not any_experiment(store):
        return None
    from coach.insights import experiment

    try:
        return experiment.logged_note(store, now, gave_run=gave_run, was_due=was_due)
    except StoreError:
        return None
