"""New steps written as ordinary TOML text, for the editor's insert form.

A runner who has never seen TOML fills in a name, a kind, a time and a cue; this module
writes the lines they would have typed, with every string quoted and escaped correctly,
indented like the starter file for steps inside a group. The rest of the file is never
touched: the text is inserted as it is, so comments, blank lines and key order stay.
"""

from __future__ import annotations

from typing import Final, Literal

from coach.frozen import Record
from coach.routine.lines import insertion_point
from coach.text import clean

SnippetKind = Literal["step", "stretch", "repeat", "walk"]

SNIPPET_KINDS: Final[dict[SnippetKind, str]] = {
    "step": "a step",
    "stretch": "a stretch held per side",
    "repeat": "a repeat group",
    "walk": "a flexible walk",
}
"""What the insert form offers, in its words."""

_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n",
                   "\f": "\\f", "\r": "\\r"}


class StepSpec(Record):
    """What the insert form asks for; ``repeat`` > 0 makes a group around one step."""

    name: str
    kind: str = "move"
    time: str = "30s"
    cue: str = ""
    sides: bool = False
    repeat: int = 0
    group: str = ""
    """The group's own name, when ``repeat`` makes one."""


def defaults(kind: SnippetKind) -> StepSpec:
    """What the form starts with for each kind of insert."""
    if kind == "stretch":
        return StepSpec("Calf stretch", "stretch", "30s", "Back heel down, lean into the wall.",
                        sides=True)
    if kind == "repeat":
        return StepSpec("Stride", "move", "20s", "Quick and relaxed, not a sprint.",
                        repeat=4, group="Strides")
    if kind == "walk":
        return StepSpec("Easy walk", "walk", "5m..10m", "Slow down, keep moving.")
    return StepSpec("Brisk walk", "walk", "1m", "Tall posture, arms swinging.")


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string, quoted and escaped: any text stays one valid line.

    Control characters and invisible bidi controls are removed first (:func:`clean`), as
    everywhere outside text enters coach.
    """
    out = ['"']
    for char in clean(value):
        escaped = _ESCAPES.get(char)
        if escaped is not None:
            out.append(escaped)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def render(spec: StepSpec, depth: int = 1) -> str:
    """The lines of one new step (or group) at ``depth``, ending with a newline."""
    indent = "  " * (depth - 1)
    lines: list[str] = []
    if spec.repeat > 0:
        lines += [
            f"{indent}[[{'.'.join(['steps'] * depth)}]]",
            f"{indent}name = {toml_string(one_line_text(spec.group) or 'Repeat')}",
            f"{indent}repeat = {spec.repeat}",
        ]
        indent += "  "
        depth += 1
    lines += [
        f"{indent}[[{'.'.join(['steps'] * depth)}]]",
        f"{indent}name = {toml_string(one_line_text(spec.name))}",
        f"{indent}kind = {toml_string(spec.kind)}",
        f"{indent}time = {toml_string(spec.time.strip())}",
    ]
    if spec.sides:
        lines.append(f"{indent}sides = true")
    if spec.cue.strip():
        lines.append(f"{indent}cue = {toml_string(spec.cue.strip())}")
    return "\n".join(lines) + "\n"


def one_line_text(value: str) -> str:
    """A name as one line: newlines and runs of spaces become single spaces."""
    return " ".join(clean(value, newlines=False).split())


def placed(text: str, row: int, spec: StepSpec) -> tuple[int, int, str]:
    """Where to insert a new step for a cursor on ``row`` and the exact text to insert:
    ``(row, column, text)``. A blank line separates it from the step before it."""
    at, depth = insertion_point(text, row)
    snippet = render(spec, depth)
    lines = text.splitlines()
    if at >= len(lines):
        if text and not text.endswith(("\n", "\r")):
            return len(lines) - 1, len(lines[-1]), "\n\n" + snippet
        return len(lines), 0, ("\n" if lines and lines[-1].strip() else "") + snippet
    before = "\n" if at > 0 and lines[at - 1].strip() else ""
    after = "\n" if lines[at].strip() else ""
    return at, 0, before + snippet + after
