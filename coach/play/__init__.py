"""Playing a routine: the clock, the engine that follows a timeline, its events, and the
summary of what happened. Pure and headless: no store, no sound, no screen."""
