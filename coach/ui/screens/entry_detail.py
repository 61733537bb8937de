"""A soreness rating logged on its own (``coach log``): read it, correct it, delete it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from coach.soreness.checkin import Rating
from coach.store import NotFoundError, SorenessEntry, Store, StoreError
from coach.ui.about import CoachScreen
from coach.ui.screens.session_detail import entry_text, when
from coach.ui.styles import HISTORY_CSS
from coach.ui.widgets.footer import CoachFooter


class EntryDetailScreen(CoachScreen[bool]):
    """Dismisses True when the entry changed or was deleted."""

    CSS_PATH = HISTORY_CSS

    HELP_TITLE = "a rating logged on its own"
    HELP = "A soreness rating given with coach log or the home screen's l: read, correct, delete."

    BINDINGS = [
        Binding("e", "edit", "Edit", tooltip="Correct the rating"),
        Binding("d", "delete", "Delete", tooltip="Delete the rating (asks first)"),
        Binding("w", "toggle_why", "Why", tooltip="Show or hide why each tip was given"),
        Binding("q,escape", "back", "Back", tooltip="Back to the list"),
    ]
    FOOTER_KEEP = ("back",)

    def __init__(self, store: Store, entry_id: str, now: Callable[[], datetime]) -> None:
        super().__init__()
        self.store = store
        self.entry_id = entry_id
        self.now = now
        self.entry: SorenessEntry | None = None
        self.changed = False
        self.show_why = False

    def compose(self) -> ComposeResult:
        with Vertical(id="detail"):
            yield Static("Soreness logged on its own", id="detail-head")
            yield Static(id="entry-text")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        try:
            self.entry = self.store.get_soreness(self.entry_id)
        except NotFoundError:
            self.notify("This rating is no longer in the history.", title="History")
            self.dismiss(True)
            return
        except StoreError as error:
            self.notify(str(error), title="History", severity="error")
            self.dismiss(self.changed)
            return
        self.query_one("#entry-text", Static).update(
            entry_text(self.entry, self.app.get_css_variables(), self.show_why)
        )

    def action_toggle_why(self) -> None:
        self.show_why = not self.show_why
        self.load()

    @work(exclusive=True, group="flow-entry", exit_on_error=False)
    async def action_edit(self) -> None:
        from coach.ui.screens.soreness import SorenessPrompt, SorenessScreen

        entry = self.entry
        if entry is None:
            return
        prompt = SorenessPrompt(
            "Edit soreness", f"Logged {when(entry.recorded_at)}. Esc keeps it as it was.",
            ask_run=entry.timing != "next day",
            initial=Rating(entry.overall, dict(entry.regions), entry.effort, entry.run_minutes,
                           entry.note, entry.flags),
        )
        rating = await self.app.push_screen_wait(SorenessScreen(prompt))
        if rating is None:
            return
        from coach.ui.checkins import save_or_say, show_new_signs

        saved = save_or_say(self.app, self.store, rating, self.now(), entry=entry)
        if saved is None:
            return
        self.changed = True
        self.notify("Soreness saved.", timeout=2)
        self.load()
        show_new_signs(self.app, saved)

    @work(exclusive=True, group="flow-entry", exit_on_error=False)
    async def action_delete(self) -> None:
        from coach.ui.screens.confirm import ConfirmScreen

        entry = self.entry
        if entry is None:
            return
        yes = await self.app.push_screen_wait(ConfirmScreen(
            "Delete this rating?", f"Logged {when(entry.recorded_at)}. This can't be undone.",
            yes="Yes, delete",
        ))
        if not yes:
            return
        try:
            self.store.delete_soreness(entry.id)
        except NotFoundError:
            pass  # gone already (another window): the same outcome
        except StoreError as error:
            self.notify(f"Not deleted: {error}", title="History", severity="error")
            return
        self.notify("Rating deleted.", timeout=2)
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(self.changed)
