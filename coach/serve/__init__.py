"""``coach serve``: the app in a browser, for a phone in the hallway.

The laptop keeps the timers, the database and the sounds; each browser connection gets a
coach process of its own (Textual's web driver) relayed over a WebSocket. Everything here is
about letting exactly one person in: the holder of the printed token, on the address served.
Nothing in this package imports Textual: the app runs in the child processes.
"""

SERVED_VARIABLE = "COACH_SERVED"
"""Set to ``1`` by the server in the coach processes it starts, and nowhere else."""

SERVED_DRIVER = "coach.ui.served:ServedDriver"
"""The Textual driver the server's children draw with (``TEXTUAL_DRIVER``)."""
