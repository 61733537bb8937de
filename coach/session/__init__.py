"""One played routine end to end: the owner that holds the engine, clock, recorder, sound
adapter and summary, and hands each of them the same events."""
