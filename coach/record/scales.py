"""The rating scales coach asks runners to use, with the words shown beside each number."""

from __future__ import annotations

from typing import Final

REGIONS: Final[tuple[tuple[str, str], ...]] = (
    ("feet", "Feet / heels"),
    ("ankles", "Ankles / Achilles"),
    ("shins", "Shins"),
    ("calves", "Calves"),
    ("knees", "Knees"),
    ("quads", "Quads"),
    ("hamstrings", "Hamstrings"),
    ("hips", "Hips / glutes"),
    ("lower_back", "Lower back"),
)
"""Body regions as (key stored in the database, label shown to the runner)."""

REGION_KEYS: Final[tuple[str, ...]] = tuple(key for key, _ in REGIONS)
REGION_LABELS: Final[dict[str, str]] = dict(REGIONS)

WARNING_SIGNS: Final[tuple[tuple[str, str], ...]] = (
    ("sharp-pain", "Sharp or stabbing pain"),
    ("swelling", "Swelling"),
    ("night-pain", "Pain at rest or at night"),
    ("worse-running", "Pain that worsens as you run, or a limp"),
    ("numbness", "Numbness or tingling"),
    ("bone-tender", "A tender spot on a bone (shin, foot)"),
    ("knee-locking", "A knee that locks or gives way"),
    ("calf-swollen-warm", "A swollen, warm or red calf"),
    ("dark-urine", "Dark, cola-coloured urine, or very little"),
    ("saddle-numbness", "Numb between the legs, or new bladder or bowel trouble"),
)
"""Signs of injury or illness rather than soreness, as (name stored and typed, label shown).

Any of them means a specialist, not a tip list; a swollen, warm calf or dark urine means the
same day; numbness between the legs or new bladder or bowel trouble means an emergency."""

WARNING_SIGN_KEYS: Final[tuple[str, ...]] = tuple(key for key, _ in WARNING_SIGNS)
WARNING_SIGN_LABELS: Final[dict[str, str]] = dict(WARNING_SIGNS)
EMERGENCY_SIGNS: Final[frozenset[str]] = frozenset({"saddle-numbness"})
"""Signs that mean calling emergency services now: numbness between the legs or new bladder
or bowel trouble (with back pain) can be cauda equina syndrome."""
URGENT_SIGNS: Final[frozenset[str]] = frozenset({"calf-swollen-warm", "dark-urine"})
"""Signs that need a doctor today: a swollen, warm, red calf can be a blood clot; dark urine
after a hard effort can be muscle breakdown (rhabdomyolysis)."""

SORENESS_MAX: Final = 10
SORENESS_WORDS: Final[dict[int, str]] = {
    0: "none",
    1: "barely there",
    2: "mild",
    3: "mild",
    4: "moderate",
    5: "moderate",
    6: "quite sore",
    7: "very sore",
    8: "severe",
    9: "severe",
    10: "worst imaginable",
}
"""Muscle-soreness visual analogue scale: rate it while doing a squat."""

EFFORT_WORDS: Final[dict[int, str]] = {
    0: "rest",
    1: "very, very easy",
    2: "easy",
    3: "moderate",
    4: "somewhat hard",
    5: "hard",
    6: "hard",
    7: "very hard",
    8: "very hard",
    9: "very, very hard",
    10: "maximal",
}
"""Borg CR10 session rating of perceived exertion; effort × run minutes = load."""


def run_load(effort: int | None, minutes: float | None) -> float | None:
    """Session-RPE load in arbitrary units, or None when either part is missing."""
    if effort is None or minutes is None:
        return None
    return float(effort) * float(minutes)
