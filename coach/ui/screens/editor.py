"""The routine editor: the TOML file on the left, what it would play as on the right.

A routine stays a plain text file the runner can read and share, so the editor edits text:
TOML with highlighting and line numbers, saved exactly as typed. What makes it friendly is
the right-hand side, kept up to date as they type: every problem with its line (enter jumps
there), or "No problems", and the expanded timeline with its total. Checking runs in a
worker after a short pause in typing, so keys never wait for it. ``ctrl+r`` plays the text
as it is, faster and recorded as a preview, and comes back here with the text untouched.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static, TextArea

from coach.files import FileProblem, write_text_atomic
from coach.routine.draft import (
    Draft,
    DraftCheck,
    DraftProblem,
    check,
    keep_schema_beside,
    open_draft,
)
from coach.routine.problems import visible
from coach.routine.snippets import SnippetKind, StepSpec, placed
from coach.ui.about import CoachScreen
from coach.ui.literal import literal
from coach.ui.messages import StartRoutine
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.editor_commands import EditorCommands
from coach.ui.widgets.draft_check import DraftCheckView
from coach.ui.widgets.editor_text import RoutineTextArea
from coach.ui.widgets.footer import CoachFooter

EDITOR_CSS = Path(__file__).resolve().parent.parent / "editor.tcss"
PREVIEW_SPEED = 10.0
"""How much faster "try it" plays: a 12-minute routine in a little over a minute."""

EditTarget = str | Path | Draft
"""What the editor opens: a routine id, a ``.toml`` path, or a draft made ready."""


class EditorScreen(CoachScreen[bool]):
    """Edits one routine file; dismissed with whether it was saved."""

    CSS_PATH = EDITOR_CSS
    COMMANDS = {EditorCommands}

    HELP_TITLE = "the routine editor"
    HELP = """The routine file as text, on the left; on the right, as you type, what is wrong
    with it (each problem with its line: tab to the list, enter goes there) and every step it
    will play, with the total. Saving writes exactly what you typed, comments and all; a
    built-in becomes your own routine, which replaces it in the list."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True,
                tooltip="Write the file as typed (a file with problems only if you say so)"),
        Binding("ctrl+r", "try_routine", "Try it", priority=True,
                tooltip="Play the text as it is now, 10× faster, without saving; recorded "
                "as a preview"),
        Binding("ctrl+n", "insert_step", "Insert step", priority=True,
                tooltip="A step, a per-side stretch, a repeat group or a flexible walk, "
                "from a small form, at the cursor"),
        Binding("escape", "close", "Close", tooltip="Back (asks first if not saved)"),
        Binding("f1", "app.help", "Help",
                tooltip="Every key of this screen (in the text, ? is just a ?)"),
    ]
    FOOTER_KEEP = ("save", "try_routine", "close")

    DEBOUNCE = 0.12
    """Seconds of quiet typing before the text is checked again."""

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft
        self.saved_text = draft.text
        """The text as it is on disk (or would be, for a file not yet written)."""
        self.saved = False
        """Saved at least once while open."""
        self.result: DraftCheck | None = None
        """The check of the text as it was when last checked."""
        self._generation = 0
        self._shown_generation = -1
        self._written = draft.exists
        self._shown_changed = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(id="editor"):
            yield Static(id="editor-title")
            with Horizontal(id="editor-body"):
                area = RoutineTextArea(
                    self.draft.text, soft_wrap=False, tab_behavior="focus",
                    show_line_numbers=True, id="editor-text", theme="css",
                )
                if "toml" in area.available_languages:
                    area.language = "toml"
                yield area
                yield DraftCheckView(id="editor-side")
        yield CoachFooter()

    @property
    def text_area(self) -> RoutineTextArea:
        return self.query_one("#editor-text", RoutineTextArea)

    @property
    def text(self) -> str:
        """The text as it is now in the editor."""
        return self.text_area.text

    @property
    def changed(self) -> bool:
        """Whether there are changes saving would write."""
        return self.text != self.saved_text

    def unsaved(self) -> str | None:
        """What quitting now would lose (Ctrl+Q asks first), or None."""
        return "The routine has unsaved changes." if self.changed else None

    def on_mount(self) -> None:
        self._show_title()
        self.text_area.focus()
        if self.draft.notice:
            self.notify(self.draft.notice, title="Opened with changes", severity="warning",
                        timeout=10)
        self._check(self._generation, self.text, 0.0)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 80, "-narrow")

    def _show_title(self) -> None:
        draft = self.draft
        title = literal(draft.label, "bold", newlines=False)
        if draft.builtin and not self.saved:
            note = "  saving makes it your own routine, which replaces the built-in"
        elif not self._written:
            note = f"  new: saving writes {draft.path}"
        else:
            note = ""
        if note:
            title += literal(note, "dim", newlines=False)
        self._shown_changed = self.changed
        if self._shown_changed:
            title += Content.styled("  ● unsaved changes", "bold $warning")
        self.query_one("#editor-title", Static).update(title)

    # ------------------------------------------------------------------ checking

    @on(TextArea.Changed, "#editor-text")
    def _text_changed(self) -> None:
        self._generation += 1
        text = self.text
        if (text != self.saved_text) != self._shown_changed:
            self._show_title()
        self._check(self._generation, text, self.DEBOUNCE)

    @work(exclusive=True, group="editor-check", exit_on_error=False)
    async def _check(self, generation: int, text: str, delay: float) -> None:
        """Check the text once typing pauses, off the screen's thread: a newer change
        cancels this one, so only the latest text is ever checked to the end."""
        if delay:
            await asyncio.sleep(delay)
        result = await asyncio.to_thread(check, text, self.draft)
        self.show_check(generation, result)

    def show_check(self, generation: int, result: DraftCheck) -> None:
        """Show a check's problems and timeline, unless a newer one is already shown."""
        if generation < self._shown_generation:
            return
        self._shown_generation = generation
        self.result = result
        self.query_one(DraftCheckView).show(result)

    @on(OptionList.OptionSelected, "#problems")
    def _go_to_problem(self, event: OptionList.OptionSelected) -> None:
        if self.result is None or event.option.id is None:
            return
        problem = self.result.problems[int(event.option.id)]
        if problem.line is not None:
            self.go_to(problem.line, problem.column)

    def go_to(self, line: int, column: int | None = None) -> None:
        """Put the cursor on ``line`` (from 1) and the focus in the text."""
        area = self.text_area
        row = max(0, min(line - 1, area.document.line_count - 1))
        area.move_cursor((row, max(0, (column or 1) - 1)), center=True)
        area.focus()

    # ------------------------------------------------------------------ saving

    def action_save(self) -> None:
        """Save as typed; a text with problems only once the runner says so."""
        text = self.text
        result = check(text, self.draft)
        if result.ok:
            self._write(text)
            return
        count = len(result.problems)
        self.app.push_screen(
            ConfirmScreen(
                f"This routine has {count} problem{'' if count == 1 else 's'}. Save anyway?",
                "Saved like this it shows as invalid in the list and can't be played until "
                "the problems are fixed.",
                yes="Save anyway",
            ),
            lambda anyway: self._write(text) if anyway else None,
        )

    def _write(self, text: str, replace: bool | None = None) -> None:
        path = self.draft.path
        try:
            written = write_text_atomic(path, text,
                                        replace=self._written if replace is None else replace)
        except FileExistsError:
            self.app.push_screen(
                ConfirmScreen(f"{path.name} is already in your routines folder. Replace it?",
                              str(path.parent), yes="Replace it"),
                lambda yes: self._write(text, replace=True) if yes else None,
            )
            return
        except FileProblem as problem:
            self.notify(str(problem), title="Not saved", severity="error", timeout=10)
            return
        keep_schema_beside(written, text)
        replaced_builtin = self.draft.builtin and not self.saved
        draft = self.draft
        # Saved, the file is the runner's own: the header names it, not the built-in.
        self.draft = Draft(draft.routine_id, draft.text, draft.path, visible(written),
                           builtin=False, exists=True)
        self.saved_text = text
        self.saved = True
        self._written = True
        self._show_title()
        message = f"Saved {written}"
        if replaced_builtin:
            message += ": your routine now replaces the built-in"
        if not check(text, self.draft).ok:
            message += "; it has problems, so it shows as invalid until they are fixed"
        self.notify(message, title="Saved", timeout=5)

    # ------------------------------------------------------------------ closing

    def action_close(self) -> None:
        """Back out; unsaved changes are kept only if the runner says so."""
        if not self.changed:
            self.dismiss(self.saved)
            return
        self.app.push_screen(
            ConfirmScreen("Leave without saving?", "Your changes since the last save will "
                          "be lost.", yes="Leave without saving"),
            self._leave,
        )

    def _leave(self, leave: bool | None) -> None:
        if leave:
            self.dismiss(self.saved)

    # ------------------------------------------------------------------ trying

    def action_try_routine(self) -> None:
        """Play the text as it is now, faster and recorded as a preview, without saving."""
        result = check(self.text, self.draft)
        if result.routine is None:
            self.notify("Fix the problems on the right first: a routine with problems "
                        "can't be played.", title="Can't try it yet", severity="warning")
            return
        self.post_message(StartRoutine(result.routine, PREVIEW_SPEED))

    # ------------------------------------------------------------------ inserting

    def action_insert_step(self, kind: SnippetKind = "step") -> None:
        """Ask for a new step in a small form, then write it as TOML at the cursor."""
        from coach.ui.screens.editor_insert import InsertStepScreen

        self.app.push_screen(InsertStepScreen(kind), self.insert_step)

    def insert_step(self, spec: StepSpec | None) -> None:
        """Insert ``spec`` as TOML where the cursor is; the rest of the text stays as it is."""
        if spec is None:
            return
        area = self.text_area
        row, column, snippet = placed(self.text, area.cursor_location[0], spec)
        area.insert(snippet, (row, column))
        header = row + snippet[: snippet.index("[[")].count("\n")
        area.move_cursor((header, 0), center=True)
        area.focus()


async def edit(app: App[Any], target: EditTarget) -> bool:
    """Open the editor on ``target`` and wait until it closes; True if it was saved.

    Called from a flow worker. A routine that can't be opened is one line of notice.
    """
    if isinstance(target, Draft):
        draft = target
    else:
        try:
            draft = await asyncio.to_thread(open_draft, target)
        except DraftProblem as problem:
            app.notify(str(problem), title="Can't edit this routine", severity="error",
                       timeout=10)
            return False
    saved: bool = await app.push_screen_wait(EditorScreen(draft))
    return saved


def edit_routine(app: App[Any], target: EditTarget,
                 on_saved: Callable[[], object] | None = None) -> None:
    """Start editing ``target`` as a flow; ``on_saved`` runs after the editor closes, if it
    saved (e.g. the home screen reading its list again)."""

    async def flow() -> None:
        if await edit(app, target) and on_saved is not None:
            on_saved()

    app.run_worker(flow(), group="flow-edit", exit_on_error=False)
