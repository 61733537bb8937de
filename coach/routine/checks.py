"""The shape of a routine file: the top level, ``[defaults]``, steps and groups of steps.

A routine is a tree (steps, groups that repeat steps, groups inside groups), and most
mistakes are about where a key sits in it rather than what it holds. :class:`Checker` walks
that tree, checks each key with :class:`~coach.routine.fields.FieldChecker`, and builds the
:class:`~coach.routine.model.Routine` only when nothing at all is wrong, so the user sees
every problem in the file at once instead of one per try.
"""

from __future__ import annotations

from typing import Any, cast

from coach.routine.fields import (
    DEFAULT_ROUTINE_KIND,
    DEFAULT_STEP_KIND,
    DEFAULTS_KEYS,
    GROUP_KEYS,
    MAX_CUE_LENGTH,
    MAX_DEPTH,
    MAX_EXPANDED_STEPS,
    MAX_NAME_LENGTH,
    MAX_SUMMARY_LENGTH,
    STEP_KEYS,
    TOP_KEYS,
    FieldChecker,
)
from coach.routine.model import (
    DEFAULT_COUNTDOWN,
    DEFAULT_SWITCH_SECONDS,
    ROUTINE_KINDS,
    STEP_KINDS,
    Entry,
    Group,
    Routine,
    RoutineKind,
    Step,
    StepKind,
)
from coach.routine.problems import EXAMPLES, Problem, RoutineError, display_name, type_name
from coach.routine.timeline import count_expanded

MAX_PROBLEMS = 100
"""Problems reported for one file; a file with more is mostly not a routine."""


class Checker(FieldChecker):
    """Checks a whole routine file, collecting problems so one pass reports them all."""

    def routine(self, raw: dict[str, Any], routine_id: str, builtin: bool) -> Routine:
        for key in raw:
            if key not in TOP_KEYS:
                self.unknown_key(key, TOP_KEYS, step="", field=key, where="top")
        name = self.text(raw, "name", step="", required=True, limit=MAX_NAME_LENGTH,
                         example='name = "Dynamic warm-up"', single_line=True)
        kind = self.choice(raw, "kind", ROUTINE_KINDS, step="", default=DEFAULT_ROUTINE_KIND,
                           example='kind = "warm-up"')
        summary = self.text(raw, "summary", step="", limit=MAX_SUMMARY_LENGTH,
                            example=EXAMPLES["summary"])
        countdown, switch = self.defaults(raw.get("defaults"))
        entries = self.steps(raw, "steps", trail=(), depth=1, step="", field="steps")
        if entries:
            count = count_expanded(entries, switch)
            if count > MAX_EXPANDED_STEPS:
                self.add(
                    f"expands to {count} steps, more than the {MAX_EXPANDED_STEPS} a routine "
                    "may have; lower a repeat or split the routine",
                    field="steps",
                    example="repeat = 4",
                )
        if self.problems:
            raise RoutineError(self.path, self._shortened())
        return Routine(
            id=routine_id,
            name=name or "",
            kind=cast(RoutineKind, kind),
            summary=summary or "",
            steps=entries,
            countdown=countdown,
            switch=switch,
            source=self.path,
            builtin=builtin,
        )

    def _shortened(self) -> list[Problem]:
        """The problems, at most :data:`MAX_PROBLEMS` of them and a line counting the rest:
        past a screenful, more lines hide the first ones instead of helping."""
        if len(self.problems) <= MAX_PROBLEMS:
            return self.problems
        rest = len(self.problems) - MAX_PROBLEMS
        return [*self.problems[:MAX_PROBLEMS],
                Problem(self.path, f"and {rest:,} more problems; fix the ones above first, "
                        "then check the file again")]

    def defaults(self, raw: object) -> tuple[int, int]:
        countdown, switch = DEFAULT_COUNTDOWN, DEFAULT_SWITCH_SECONDS
        if raw is None:
            return countdown, switch
        if not isinstance(raw, dict):
            self.add(
                f"must be a table, not {type_name(raw)}",
                field="defaults",
                example=EXAMPLES["defaults"],
            )
            return countdown, switch
        for key in raw:
            if key not in DEFAULTS_KEYS:
                self.unknown_key(key, DEFAULTS_KEYS, step="", field=f"defaults.{key}",
                                 where="defaults")
        value = self.countdown(raw, "countdown", step="", field="defaults.countdown")
        if value is not None:
            countdown = value
        if "switch" in raw:
            seconds = self.switch(raw["switch"])
            if seconds is not None:
                switch = seconds
        return countdown, switch

    # -- steps and groups ----------------------------------------------------------------

    def steps(self, raw: dict[str, Any], key: str, *, trail: tuple[str, ...], depth: int,
              step: str, field: str) -> tuple[Entry, ...]:
        prefix = "[[" + ".".join(["steps"] * depth) + "]]"
        example = f'{prefix} then name = "Brisk walk" and time = "2m" on the lines below it'
        if key not in raw:
            what = "a routine" if depth == 1 else "a group"
            self.add(f"missing; {what} needs at least one step", step=step, field=field,
                     example=example)
            return ()
        value = raw[key]
        if isinstance(value, dict):
            self.add(f"must be a list of steps, each starting with {prefix} (double brackets)",
                     step=step, field=field, example=example)
            return ()
        if not isinstance(value, list):
            self.add(f"must be a list of steps, not {type_name(value)}", step=step,
                     field=field, example=example)
            return ()
        if not value:
            self.add("is empty; add at least one step", step=step, field=field, example=example)
            return ()
        entries: list[Entry] = []
        for number, item in enumerate(value, start=1):
            entry = self.entry(item, number, trail, depth)
            if entry is not None:
                entries.append(entry)
        return tuple(entries)

    def entry(self, raw: object, number: int, trail: tuple[str, ...],
              depth: int) -> Entry | None:
        name = display_name(raw.get("name")) if isinstance(raw, dict) else ""
        label = f'step {number} "{name}"' if name else f"step {number}"
        here = (*trail, label)
        where = " › ".join(here)
        if not isinstance(raw, dict):
            prefix = "[[" + ".".join(["steps"] * depth) + "]]"
            self.add(f"must be a table, not {type_name(raw)}", step=where,
                     example=f'{prefix} then name = "Brisk walk" and time = "2m" below it')
            return None
        if "repeat" in raw or "steps" in raw:
            return self.group(raw, here, depth)
        return self.step(raw, where)

    def step(self, raw: dict[str, Any], where: str) -> Step | None:
        before = len(self.problems)
        for key in raw:
            if key not in STEP_KEYS:
                self.unknown_key(key, (*STEP_KEYS, "repeat"), step=where, field=key,
                                 where="step")
        name = self.text(raw, "name", step=where, required=True, limit=MAX_NAME_LENGTH,
                         example=EXAMPLES["name"], single_line=True)
        kind = self.choice(raw, "kind", STEP_KINDS, step=where, default=DEFAULT_STEP_KIND,
                           example=EXAMPLES["kind"])
        time = self.time(raw, where)
        cue = self.text(raw, "cue", step=where, limit=MAX_CUE_LENGTH, example=EXAMPLES["cue"],
                        limit_reason="a cue is read at a glance mid-movement, so keep it short")
        sides = self.boolean(raw, "sides", step=where)
        sound = self.sound(raw, where)
        countdown = self.countdown(raw, "countdown", step=where, field="countdown")
        if len(self.problems) > before or name is None or time is None:
            return None
        return Step(
            name=name,
            kind=cast(StepKind, kind),
            time=time,
            cue=cue or "",
            sides=bool(sides),
            sound=sound,
            countdown=countdown,
        )

    def group(self, raw: dict[str, Any], here: tuple[str, ...], depth: int) -> Group | None:
        where = " › ".join(here)
        before = len(self.problems)
        for key in raw:
            if key in GROUP_KEYS:
                continue
            if key == "time":
                self.add(
                    "a group (a step with repeat and steps) has no time of its own: each "
                    "step inside it has one; remove time here, or remove repeat and steps "
                    "to make this a single step",
                    step=where, field="time",
                    example='repeat = 4 with [[steps.steps]] name = "Stride" time = "20s"',
                )
            elif key in STEP_KEYS:
                self.add(
                    f"a group takes only name, repeat and steps; put {key} on each step "
                    "inside it",
                    step=where, field=key,
                    example=f"[[steps.steps]] then {EXAMPLES[key]} on a line below it",
                )
            else:
                self.unknown_key(key, GROUP_KEYS, step=where, field=key, where="group")
        name = self.text(raw, "name", step=where, required=True, limit=MAX_NAME_LENGTH,
                         example='name = "Strides"', single_line=True)
        repeat = self.repeat(raw, where)
        entries: tuple[Entry, ...] = ()
        inner = "[[" + ".".join(["steps"] * (depth + 1)) + "]]"
        if "steps" not in raw:
            self.add(
                f"missing; a group repeats the steps below it, each starting with {inner}",
                step=where, field="steps",
                example=f'{inner} then name = "Stride" and time = "20s" below it',
            )
        elif depth >= MAX_DEPTH:
            self.add(
                f"groups nest at most {MAX_DEPTH} levels deep; move these steps into the "
                "group around this one",
                step=where, field="steps",
            )
        else:
            entries = self.steps(raw, "steps", trail=here, depth=depth + 1, step=where,
                                 field="steps")
        if len(self.problems) > before or name is None or repeat is None or not entries:
            return None
        return Group(name=name, repeat=repeat, steps=entries)
