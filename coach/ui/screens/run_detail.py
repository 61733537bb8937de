"""One imported run: its numbers, and the warm-up and cool-down coach linked to it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from coach.store import NotFoundError, Store, StoreError
from coach.ui.about import CoachScreen
from coach.ui.literal import rich_literal
from coach.ui.screens.session_detail import when
from coach.ui.styles import HISTORY_CSS
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.run_text import run_line


class RunDetailScreen(CoachScreen[bool]):
    """Dismisses True when the run was deleted."""

    CSS_PATH = HISTORY_CSS

    HELP_TITLE = "one run"
    HELP = "A run imported from your watch's files, with the routines linked to it."

    BINDINGS = [
        Binding("d", "delete", "Delete", tooltip="Delete the run (asks first)"),
        Binding("q,escape", "back", "Back", tooltip="Back to the list"),
    ]
    FOOTER_KEEP = ("back",)

    def __init__(self, store: Store, run_id: str, now: Callable[[], datetime]) -> None:
        super().__init__()
        self.store = store
        self.run_id = run_id
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(id="detail"):
            yield Static(id="detail-head")
            yield Static(id="run-links")
        yield CoachFooter()

    def on_mount(self) -> None:
        try:
            run = self.store.get_run(self.run_id)
        except (NotFoundError, StoreError) as error:
            self.notify(str(error), title="History", severity="error")
            self.dismiss(True)
            return
        head = Text()
        head.append("Run", style="bold")
        head.append(f"  {when(run.start)}  ·  from {run.source}", style="dim")
        head.append("\n")
        head.append(run_line(run))
        self.query_one("#detail-head", Static).update(head)
        links = Text()
        for title, ids in (("Warm-up before", run.warm_ups), ("Cool-down after", run.cool_downs)):
            links.append(f"\n{title}: ", style="bold")
            names = []
            for session_id in ids:
                try:
                    names.append(self.store.get_session(session_id).summary.routine_name)
                except StoreError:
                    continue
            links.append(rich_literal(", ".join(names) or "none", newlines=False))
        self.query_one("#run-links", Static).update(links)

    @work(exclusive=True, group="flow-run", exit_on_error=False)
    async def action_delete(self) -> None:
        from coach.ui.screens.confirm import ConfirmScreen

        yes = await self.app.push_screen_wait(ConfirmScreen(
            "Delete this run?", "Its linked sessions stay. A watched folder will not bring it "
            "back.", yes="Yes, delete"))
        if not yes:
            return
        try:
            self.store.delete_run(self.run_id)
        except NotFoundError:
            pass
        except StoreError as error:
            self.notify(f"Not deleted: {error}", title="History", severity="error")
            return
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
