"""How the legs feel: the check-ins after a session and the next day, and the advice."""
