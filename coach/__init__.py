"""coach: a terminal warm-up and cool-down coach for runners.

The package is split in two: a headless core (routines, timeline, engine, store, sounds,
advice, insights) that never imports Textual, and a thin UI in ``coach.ui``.
"""

__version__ = "0.1.0"
