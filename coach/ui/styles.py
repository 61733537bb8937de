"""Where the screens' style sheets are.

Before its first frame the app reads only the shared sheet and the first screen's own; every
other screen brings its sheet when it first opens. Textual reads each file once, so a sheet
already read at start costs nothing when its screen opens again.
"""

from pathlib import Path

_HERE = Path(__file__).parent
BASE_CSS = _HERE / "coach.tcss"
HOME_CSS = _HERE / "home.tcss"
PLAYER_CSS = _HERE / "player.tcss"
CHECKIN_CSS = _HERE / "checkin.tcss"
HISTORY_CSS = _HERE / "history.tcss"
