"""One session in full: every step, the soreness ratings and the tips that were shown.

From here the runner corrects a rating (or adds the one they skipped) and deletes a session
played by mistake. The screen dismisses with whether anything changed, so the history list
below it reloads only when it has to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from coach.record.scales import (
    EFFORT_WORDS,
    REGION_KEYS,
    REGION_LABELS,
    SORENESS_WORDS,
    WARNING_SIGN_LABELS,
)
from coach.session.summary import counts_line, visit_rows
from coach.soreness.advice import SORE, region_words
from coach.soreness.checkin import Rating
from coach.soreness.tips import CATALOG, NAMING_SIGNS, RETIRED
from coach.store import NotFoundError, SessionDetail, SorenessEntry, Store, StoreError, to_local
from coach.ui.about import CoachScreen
from coach.ui.literal import rich_literal
from coach.ui.styles import HISTORY_CSS
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.run_text import run_line
from coach.ui.widgets.visit_table import fill_visits

TIMING_WORDS: Final = {"after": "Right after", "next day": "Next day", "standalone": "On its own"}
NARROW: Final = 80
"""Below this width the step numbers go."""


def when(moment: datetime) -> str:
    return to_local(moment).strftime("%a %d %b %Y, %H:%M")


def tip_titles(entry: SorenessEntry) -> list[tuple[str, bool]]:
    """The saved tips' titles (and whether each is a specialist message), in saved order.

    ``{where}`` names the regions rated sore in this entry, as the tip said at the time.
    A tip coach no longer has keeps its id, so nothing given is hidden.
    """
    titles: list[tuple[str, bool]] = []
    for tip_id in entry.advice or ():
        tip = CATALOG.get(tip_id)
        if tip is None:
            titles.append((RETIRED.get(tip_id, tip_id), tip_id.startswith("specialist")))
        else:
            titles.append((tip.title.replace("{where}", _where(entry, tip_id)),
                           tip.kind == "specialist"))
    return titles


def _where(entry: SorenessEntry, tip_id: str) -> str:
    """What a tip's ``{where}`` said when it was given: the signs, or the sore regions."""
    if tip_id in NAMING_SIGNS and entry.flags:
        return region_words(list(entry.flags))
    return region_words([key for key in REGION_KEYS if entry.regions.get(key, 0) >= SORE])


def tip_whys(entry: SorenessEntry) -> list[tuple[str, str]]:
    """Each saved tip's title and its why (the finding and its source)."""
    return [(tip.title.replace("{where}", _where(entry, tip_id)), tip.why)
            for tip_id in entry.advice or () if (tip := CATALOG.get(tip_id)) is not None]


def entry_text(entry: SorenessEntry, colours: dict[str, str], why: bool = False) -> Text:
    """The entry in a few lines; with ``why``, each tip's finding and source below."""
    text = Text()
    text.append(rich_literal(TIMING_WORDS.get(entry.timing, entry.timing), "bold",
                             newlines=False))
    text.append(f"  {when(entry.recorded_at)}", style="dim")
    text.append(f"\nOverall {entry.overall} ({SORENESS_WORDS[entry.overall]})")
    sore = [(REGION_LABELS[k], entry.regions[k]) for k in REGION_KEYS if entry.regions.get(k)]
    if sore:
        text.append("  ·  " + ", ".join(f"{label} {value}" for label, value in sore))
    run: list[str] = []
    if entry.effort is not None:
        run.append(f"effort {entry.effort} ({EFFORT_WORDS[entry.effort]})")
    if entry.run_minutes is not None:
        run.append(f"{entry.run_minutes:g} min")
    if entry.load is not None:
        run.append(f"load {entry.load:,.0f}")
    if run:
        text.append("\nRun: " + " · ".join(run))
    if entry.flags:
        signs = ", ".join(WARNING_SIGN_LABELS.get(flag, flag) for flag in entry.flags)
        text.append("\nWarning signs: ", style=f"bold {colours.get('error', 'red')}")
        text.append(rich_literal(signs, newlines=False))
    if entry.note:
        text.append("\nNote: ", style="dim")
        text.append(rich_literal(entry.note, "italic"))
    titles = tip_titles(entry)
    if titles:
        text.append("\nAdvice given: ", style="dim")
        for number, (title, specialist) in enumerate(titles):
            if number:
                text.append(" · ")
            style = f"bold {colours.get('error', 'red')}" if specialist else ""
            text.append(rich_literal(title, style, newlines=False))
        if why:
            for title, reason in tip_whys(entry):
                text.append("\n  ")
                text.append(rich_literal(title, "bold", newlines=False))
                text.append(rich_literal(f": {reason}", "dim", newlines=False))
        else:
            text.append("  (w: why)", style="dim")
    return text


class SessionDetailScreen(CoachScreen[bool]):
    """Dismisses True when the session or its soreness changed (or it was deleted)."""

    CSS_PATH = HISTORY_CSS

    HELP_TITLE = "one session"
    HELP = """Every step in the order it ended, with its planned and actual time and what
    happened, then the soreness ratings given for the session. Tab moves between the steps
    and the ratings; ↑/↓ pick a rating."""

    BINDINGS = [
        Binding("e", "edit", "Soreness",
                tooltip="Edit the highlighted rating, or add one if there is none"),
        Binding("d", "delete", "Delete",
                tooltip="Delete the session with its steps and ratings (asks first)"),
        Binding("w", "toggle_why", "Why", tooltip="Show or hide why each tip was given"),
        Binding("q,escape", "back", "Back", tooltip="Back to the list"),
    ]
    FOOTER_KEEP = ("back",)

    def __init__(self, store: Store, session_id: str, now: Callable[[], datetime]) -> None:
        super().__init__()
        self.store = store
        self.session_id = session_id
        self.now = now
        self.detail: SessionDetail | None = None
        self.changed = False
        self.narrow = False
        self.show_why = False

    def compose(self) -> ComposeResult:
        with Vertical(id="detail"):
            yield Static(id="detail-head")
            yield DataTable(id="detail-steps", cursor_type="none", zebra_stripes=True)
            yield Static("Soreness", classes="detail-section")
            yield OptionList(id="detail-soreness")
            yield Static(id="detail-no-soreness")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.narrow = self.app.size.width < NARROW
        self.load()

    def load(self) -> None:
        try:
            self.detail = self.store.get_session(self.session_id)
        except NotFoundError:
            self.notify("This session is no longer in the history.", title="History")
            self.dismiss(True)
            return
        except StoreError as error:
            self.notify(str(error), title="History", severity="error", markup=False)
            self.dismiss(self.changed)
            return
        self._show_head(self.detail)
        self._show_steps(self.detail)
        self._show_soreness(self.detail)

    def _show_head(self, detail: SessionDetail) -> None:
        summary = detail.summary
        text = Text()
        text.append(rich_literal(summary.routine_name, "bold", newlines=False))
        phase = {"before": "before a run", "after": "after a run"}.get(summary.phase or "", "")
        kind = f"  {summary.routine_kind}" + (f", {phase}" if phase else "")
        if summary.source == "watch":
            kind += ", from the watch"
        text.append(rich_literal(kind, "dim", newlines=False))
        text.append(f"\n{when(summary.started_at)}")
        if summary.ended_at is not None:
            text.append(f" – {to_local(summary.ended_at).strftime('%H:%M')}")
        text.append(rich_literal(f"  ·  {summary.status}", newlines=False))
        text.append("\n" + counts_line(detail.timeline, detail.steps, summary.elapsed_seconds,
                                        summary.speed))
        try:
            run = self.store.run_for_session(summary.id)
        except StoreError:
            run = None
        if run is not None:
            text.append("\nRun: ", style="bold")
            text.append(run_line(run))
        self.query_one("#detail-head", Static).update(text)

    def on_resize(self) -> None:
        narrow = self.app.size.width < NARROW
        if narrow or narrow != self.narrow:  # a narrow table cuts its names to the width
            self.narrow = narrow
            if self.detail is not None:
                self._show_steps(self.detail)

    def _show_steps(self, detail: SessionDetail) -> None:
        """Every visit in the order it happened, then the steps never reached, dimmed."""
        fill_visits(self.query_one("#detail-steps", DataTable),
                    visit_rows(detail.timeline, detail.steps), self.app.get_css_variables(),
                    width=self.app.size.width)

    def _show_soreness(self, detail: SessionDetail) -> None:
        options = self.query_one("#detail-soreness", OptionList)
        missing = self.query_one("#detail-no-soreness", Static)
        colours = self.app.get_css_variables()
        highlighted = options.highlighted
        options.clear_options()
        for entry in detail.soreness:
            options.add_option(Option(entry_text(entry, colours, self.show_why), id=entry.id))
        has_entries = bool(detail.soreness)
        options.display = has_entries
        missing.display = not has_entries
        if has_entries:
            count = len(detail.soreness)
            options.highlighted = min(highlighted or 0, count - 1)
            options.focus()
        else:
            missing.update(Text.assemble(
                "No soreness rating for this session. ", ("Press e to add one.", "bold")
            ))
            self.query_one("#detail-steps", DataTable).focus()

    def selected_entry(self) -> SorenessEntry | None:
        if self.detail is None or not self.detail.soreness:
            return None
        index = self.query_one("#detail-soreness", OptionList).highlighted or 0
        return self.detail.soreness[min(index, len(self.detail.soreness) - 1)]

    # ------------------------------------------------------------------ keys

    def action_edit(self) -> None:
        from coach.ui.screens.soreness import SorenessPrompt, SorenessScreen

        detail = self.detail
        if detail is None:
            return
        entry = self.selected_entry()
        name, started = detail.summary.routine_name, when(detail.summary.started_at)
        if entry is None:
            prompt = SorenessPrompt(
                "Add soreness", f"Right after {name}, {started}. Esc cancels."
            )
        else:
            timing = TIMING_WORDS.get(entry.timing, entry.timing).lower()
            prompt = SorenessPrompt(
                "Edit soreness",
                f"{timing.capitalize()}: {name}, {started}. Esc keeps it as it was.",
                ask_run=entry.timing != "next day",
                initial=Rating(entry.overall, dict(entry.regions), entry.effort,
                               entry.run_minutes, entry.note, entry.flags),
            )
        self.app.push_screen(SorenessScreen(prompt), lambda r: self._save(entry, r))

    def _save(self, entry: SorenessEntry | None, rating: Rating | None) -> None:
        if rating is None:
            return
        from coach.ui.checkins import save_or_say, show_new_signs

        saved = save_or_say(self.app, self.store, rating, self.now(), timing="after",
                            session_id=self.session_id, entry=entry)
        if saved is None:
            return
        self.changed = True
        self.notify("Soreness saved.", timeout=2)
        self.load()
        show_new_signs(self.app, saved)

    def action_delete(self) -> None:
        from coach.ui.screens.confirm import ConfirmScreen

        detail = self.detail
        if detail is None:
            return
        ratings = len(detail.soreness)
        goes = "its steps" + (
            f" and {ratings} soreness rating{'s' if ratings != 1 else ''}" if ratings else ""
        )
        question = "Delete this session?"
        about = (
            f"{detail.summary.routine_name}, {when(detail.summary.started_at)}: {goes} "
            "go with it. This can't be undone."
        )
        self.app.push_screen(ConfirmScreen(question, about, yes="Yes, delete"), self._delete)

    def _delete(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            self.store.delete_session(self.session_id)
        except NotFoundError:
            pass  # gone already (another window): the same outcome
        except StoreError as error:
            self.notify(
                f"Not deleted: {error}", title="History", severity="error", markup=False
            )
            return
        self.notify("Session deleted.", timeout=2)
        self.dismiss(True)

    def action_toggle_why(self) -> None:
        """Show or hide the finding and source behind each tip that was given."""
        self.show_why = not self.show_why
        if self.detail is not None:
            self._show_soreness(self.detail)

    def action_back(self) -> None:
        self.dismiss(self.changed)
