"""The Textual UI: renders engine state and turns keys into engine commands."""
