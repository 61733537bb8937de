"""The home screen's list of routines: each routine as it is listed, and the list itself."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.text import Text
from textual import events
from textual.widgets.option_list import Option

from coach.routine.model import ROUTINE_KINDS, Group, Routine, Step
from coach.ui.textual_compat import OwnClick

KIND_HEADINGS = {
    "warm-up": "Warm-ups · before a run",
    "cool-down": "Cool-downs · after a run",
    "stretch": "Stretches",
    "mixed": "Mixed",
}
"""The list's headings, one a kind, in the order a runner's day meets them."""


@dataclass(frozen=True)
class RoutineChoice:
    """A routine as the home screen lists it."""

    routine: Routine | None
    id: str
    label: str
    """Where it comes from: built-in, user, or user replacing a built-in."""
    problem: str = ""
    """Why a user file could not be loaded; empty when it is fine."""

    def matches(self, query: str) -> bool:
        """Whether every word typed is in the routine's name, kind, id, where it is from or
        one of its steps' names ("calf" finds every routine with a calf stretch)."""
        routine = self.routine
        words = [self.id, self.label, self.problem]
        if routine is not None:
            words += [routine.name, routine.kind, *_step_names(routine.steps)]
        haystack = " ".join(words).casefold()
        return all(word in haystack for word in query.casefold().split())


def _step_names(steps: tuple[Step | Group, ...]) -> list[str]:
    names: list[str] = []
    for step in steps:
        names.append(step.name)
        if isinstance(step, Group):
            names += _step_names(step.steps)
    return names


class RoutineRow:
    """A routine's line in the list: its name, its length and where it comes from.

    The length ("18–22 min + open") and the tag ("user (replaces built-in)") are never
    broken inside: when the line is too narrow for all three, they move to a line of their
    own under the name, each whole."""

    def __init__(self, name: Text, total: str, tag: str) -> None:
        self.name = name
        self.total = Text(total, style="dim")
        self.tag = Text(tag, style="italic dim") if tag else None

    def __str__(self) -> str:
        parts = [f"  {self.name.plain}", self.total.plain]
        if self.tag is not None:
            parts.append(self.tag.plain)
        return "  ".join(parts)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        units = [self.total] if self.tag is None else [self.total, self.tag]
        whole = Text("  ").append_text(self.name)
        for unit in units:
            whole.append("  ", style=unit.style).append_text(unit)
        if whole.cell_len <= width:
            yield whole
            return
        yield Text("  ").append_text(self.name)  # wraps at its own spaces if it must
        line = Text("    ")
        for unit in units:
            if line.cell_len > 4 and line.cell_len + 2 + unit.cell_len > width:
                yield line
                line = Text("    ")
            line.append("  " if line.cell_len > 4 else "").append_text(unit)
        yield line


def first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


class RoutineList(OwnClick):
    """The routines: a click picks one (and shows its steps), a double click starts it."""

    async def handle_click(self, event: events.Click) -> None:
        event.prevent_default()  # OptionList's own handler would start it on one click
        clicked = event.style.meta.get("option")
        if clicked is None or self.get_option_at_index(clicked).disabled:
            return
        self.highlighted = clicked
        if event.chain >= 2:
            self.action_select()


def grouped_options(shown: Sequence[RoutineChoice],
                    rows: Mapping[str, RenderableType]) -> list[Option]:
    """The routines ``shown``, under a heading for each kind; those that can't be loaded
    last, under their own."""
    options: list[Option] = []
    for kind in (*ROUTINE_KINDS, None):
        group = [c for c in shown if (c.routine.kind if c.routine else None) == kind]
        if not group:
            continue
        heading = KIND_HEADINGS[kind] if kind else "Can't be loaded"
        options.append(Option(Text(heading, style="bold"), disabled=True))
        options += [Option(rows[choice.id], id=choice.id) for choice in group]
    return options
