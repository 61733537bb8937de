"""Region keys and warning-sign names as they read inside a sentence ("your calves and
knees", "sharp or stabbing pain and swelling")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from coach.soreness.inputs import OVERALL

WORDS: Final[dict[str, str]] = {
    "feet": "feet",
    "ankles": "ankles",
    "shins": "shins",
    "calves": "calves",
    "knees": "knees",
    "quads": "quads",
    "hamstrings": "hamstrings",
    "hips": "hips",
    "lower_back": "lower back",
    OVERALL: "legs",
    "sharp-pain": "sharp or stabbing pain",
    "swelling": "swelling",
    "night-pain": "pain at rest or at night",
    "worse-running": "pain that gets worse as you run, or a limp",
    "numbness": "numbness or tingling",
    "bone-tender": "a tender spot on a bone",
    "knee-locking": "a knee that locks or gives way",
    "calf-swollen-warm": "a swollen, warm or red calf",
    "dark-urine": "dark or very little urine",
    "saddle-numbness": "numbness between the legs or new bladder or bowel trouble",
}
"""Region keys and warning-sign names as they read inside a sentence."""


def region_words(keys: Sequence[str]) -> str:
    """``["calves", "knees"]`` → ``calves and knees``, for use inside a sentence."""
    words = [WORDS[key] for key in keys]
    if not words:
        return WORDS[OVERALL]
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} and {words[-1]}"
