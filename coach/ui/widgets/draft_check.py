"""The editor's right-hand side: what is wrong with the text, and what it would play.

Every problem with its line (the list takes enter: the editor then jumps there), or "No
problems"; the total; and the expanded timeline. While the text has problems the last
good timeline stays, dimmed, so the runner keeps their bearings.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.routine.draft import DraftCheck
from coach.ui.literal import literal
from coach.ui.widgets.editor_outline import OutlineView


class DraftCheckView(Vertical):
    """Shows one :class:`DraftCheck` at a time; the screen decides which is the latest."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.result: DraftCheck | None = None

    def compose(self) -> ComposeResult:
        yield Static("Checking…", id="problems-status")
        yield OptionList(id="problems")
        yield Static("", id="total")
        yield OutlineView(id="outline")

    def on_mount(self) -> None:
        self.query_one("#problems", OptionList).display = False

    def show(self, result: DraftCheck) -> None:
        previous, self.result = self.result, result
        if previous is not None and _same_view(previous, result):
            return  # e.g. a comment typed: nothing here changes
        status = self.query_one("#problems-status", Static)
        problems = self.query_one("#problems", OptionList)
        problems.clear_options()
        if result.ok:
            status.update(Content.styled("✓ No problems", "bold $success"))
            problems.display = False
        else:
            count = len(result.problems)
            status.update(Content.styled(
                f"{count} problem{'' if count == 1 else 's'} (enter: go to its line)",
                "bold $error"))
            problems.add_options(
                Option(_problem_prompt(problem.line, problem.text), id=str(index))
                for index, problem in enumerate(result.problems)
            )
            problems.highlighted = 0
            problems.display = True
        outline = self.query_one("#outline", OutlineView)
        total = self.query_one("#total", Static)
        if result.total is not None:
            steps = result.step_count
            total.update(Content.assemble(
                ("Total ", "bold"), (result.total.friendly(), "bold"),
                f" · {steps} step{'' if steps == 1 else 's'}",
            ))
            outline.show(result.rows)
            outline.remove_class("-stale")
        elif outline.rows:
            total.update(Content.styled("As it was before the problems:", "dim"))
            outline.add_class("-stale")


def _same_view(one: DraftCheck, other: DraftCheck) -> bool:
    return (one.problems == other.problems and one.total == other.total
            and one.rows == other.rows)


def _problem_prompt(line: int | None, text: str) -> Content:
    where = f"line {line}" if line is not None else "the file"
    return Content.assemble((f"{where:>9} ", "bold"), literal(text, newlines=False))
