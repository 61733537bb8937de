"""The JSON Schema of routine files, built from the same constants the loader checks.

Editors with a TOML language server (taplo, VS Code's Even Better TOML) use it to complete
keys, show what each one means and flag mistakes while typing. Generating it from the
loader's limits and the model's kinds keeps the two from drifting apart; ``routines/schema.json``
is the shipped copy and a test keeps it equal to this output.
"""

from __future__ import annotations

from typing import Any

from coach.routine import loader
from coach.routine.durations import MAX_STEP_SECONDS, format_seconds
from coach.routine.model import (
    DEFAULT_COUNTDOWN,
    DEFAULT_SWITCH_SECONDS,
    ROUTINE_KINDS,
    STEP_KINDS,
)

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_COUNTDOWN_TEXT = "Beeps in the last seconds of each step, from 0 (none) to {max}."


def _countdown(description: str, *, default: int | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "description": description,
        "type": "integer",
        "minimum": 0,
        "maximum": loader.MAX_COUNTDOWN,
    }
    if default is not None:
        schema["default"] = default
    return schema


def _step() -> dict[str, Any]:
    return {
        "title": "Step",
        "description": "One timed thing to do.",
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "time"],
        "properties": {
            "name": {
                "description": "What to do, shown large in the player, e.g. \"Calf stretch\".",
                "type": "string",
                "minLength": 1,
                "maxLength": loader.MAX_NAME_LENGTH,
            },
            "kind": {
                "description": "What sort of step this is.",
                "enum": list(STEP_KINDS),
                "default": loader.DEFAULT_STEP_KIND,
            },
            "time": {"$ref": "#/$defs/duration"},
            "cue": {
                "description": (
                    "How to do it, read at a glance mid-movement: one short sentence "
                    f"(at most {loader.MAX_CUE_LENGTH} characters)."
                ),
                "type": "string",
                "maxLength": loader.MAX_CUE_LENGTH,
            },
            "sides": {
                "description": (
                    "Held once per side: left, then a short switch pause, then right. "
                    "The switch pause is [defaults] switch."
                ),
                "type": "boolean",
                "default": False,
            },
            "sound": {
                "description": (
                    "The cue to play when this step starts instead of the usual one. A cue "
                    "name, never a file: to change how a cue sounds, put a WAV of that name "
                    "in coach's user sounds folder."
                ),
                "enum": list(loader.cue_names()),
            },
            "countdown": _countdown(
                "Beeps in the last seconds of this step, from 0 (none) to "
                f"{loader.MAX_COUNTDOWN}; overrides [defaults] countdown."
            ),
        },
    }


def _group(depth: int) -> dict[str, Any]:
    return {
        "title": "Group",
        "description": (
            "Steps repeated a number of times, e.g. strides with a walk back. "
            "A group has no time of its own."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "repeat", "steps"],
        "properties": {
            "name": {
                "description": "The group's name, shown with each round, e.g. \"Strides\".",
                "type": "string",
                "minLength": 1,
                "maxLength": loader.MAX_NAME_LENGTH,
            },
            "repeat": {
                "description": (
                    f"How many rounds, from 1 to {loader.MAX_REPEAT}; each round plays "
                    "all the steps below."
                ),
                "type": "integer",
                "minimum": 1,
                "maximum": loader.MAX_REPEAT,
            },
            "steps": _steps(depth + 1, "The steps of one round, in order."),
        },
    }


def _steps(depth: int, description: str) -> dict[str, Any]:
    item: dict[str, Any] = (
        {"$ref": "#/$defs/step"}
        if depth >= loader.MAX_DEPTH
        else {"oneOf": [{"$ref": "#/$defs/step"}, {"$ref": f"#/$defs/group{depth}"}]}
    )
    return {"description": description, "type": "array", "minItems": 1, "items": item}


def routine_schema() -> dict[str, Any]:
    """The schema as a JSON-ready dict; ``coach routines schema`` prints it."""
    longest = format_seconds(MAX_STEP_SECONDS)
    defs: dict[str, Any] = {
        "duration": {
            "description": (
                'How long the step lasts: "45s", "2m", "1m30s"; a range "5m..10m" (may be '
                'finished after 5m, ends by itself at 10m); or "open" (waits for a key). '
                f"At most {longest}."
            ),
            "type": "string",
            "pattern": loader.DURATION_PATTERN,
            "examples": ["30s", "2m", "1m30s", "5m..10m", "open"],
        },
        "step": _step(),
    }
    for depth in range(1, loader.MAX_DEPTH):
        defs[f"group{depth}"] = _group(depth)
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "coach routine",
        "description": (
            "A warm-up, stretch or cool-down routine for coach. The file name without "
            ".toml is the routine's id."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "steps"],
        "properties": {
            "name": {
                "description": "The routine's name, e.g. \"Dynamic warm-up\".",
                "type": "string",
                "minLength": 1,
                "maxLength": loader.MAX_NAME_LENGTH,
            },
            "kind": {
                "description": "When it is meant for; coach suggests warm-ups before a run.",
                "enum": list(ROUTINE_KINDS),
                "default": loader.DEFAULT_ROUTINE_KIND,
            },
            "summary": {
                "description": "One or two sentences on what the routine is for.",
                "type": "string",
                "maxLength": loader.MAX_SUMMARY_LENGTH,
            },
            "defaults": {
                "description": "Settings for every step of the routine.",
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "countdown": _countdown(
                        _COUNTDOWN_TEXT.format(max=loader.MAX_COUNTDOWN),
                        default=DEFAULT_COUNTDOWN,
                    ),
                    "switch": {
                        "description": (
                            "Pause to change sides in a step with sides = true, e.g. \"5s\"; "
                            f'"0s" for none. At most {format_seconds(loader.MAX_SWITCH_SECONDS)}.'
                        ),
                        "type": "string",
                        "pattern": loader.AMOUNT_PATTERN,
                        "default": format_seconds(DEFAULT_SWITCH_SECONDS),
                    },
                },
            },
            "steps": _steps(1, "The steps in order: each starts with a [[steps]] line."),
        },
        "$defs": defs,
    }
