"""How each factor a comparison or an experiment is about reads, everywhere it is shown."""

from __future__ import annotations

from typing import Final

from coach.record.judgements import DOWNHILL_METRES
from coach.text import one_line

FACTOR_WORDS: Final = {
    "cool-down": "cool-down walk",
    "warm-up": "warm-up",
    "stretch": "post-run stretch",
    "massage": "self-massage",
    "downhill": f"downhill runs ({DOWNHILL_METRES:g} m down or more)",
}


def factor_words(factor: str, capital: bool = False) -> str:
    """"cool-down walk", "surface: trail", "shoe: Pegasus 40" (a shoe's name is the
    runner's own text, made one line); ``capital`` for the start of a line."""
    if factor in FACTOR_WORDS:
        words = FACTOR_WORDS[factor]
    else:
        kind, _, value = factor.partition(":")
        words = f"{kind}: {one_line(value)}" if value else one_line(factor)
    return words[:1].upper() + words[1:] if capital else words
