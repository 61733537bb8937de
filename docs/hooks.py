"""Build-time pieces of the documentation site, made from coach itself.

- ``<!-- coach:cli-reference -->`` becomes the command-line reference, written from the
  argparse parsers the commands run with.
- ``<!-- coach:keys-reference -->`` becomes every screen's keys, from the screens' bindings.
- The terminal captures are the SVG screenshots the snapshot tests pin
  (``tests/ui/__snapshots__``): the app draws them, nobody does by hand, and a change to a
  screen shows in the docs the moment its snapshot is updated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "ui" / "__snapshots__"

CAPTURES = {
    "captures/home.svg": "test_snapshots/test_home.svg",
    "captures/player.svg": "test_snapshots/test_player_mid_step.svg",
    "captures/player-small.svg": "test_snapshots/test_player_small_terminal.svg",
    "captures/flexible-step.svg": "test_snapshots/test_player_flexible_step_at_its_minimum.svg",
    "captures/summary.svg": "test_snapshots/test_summary.svg",
    "captures/soreness-form.svg": "test_snapshots/test_soreness_form[size1].svg",
    "captures/history.svg": "test_history_snapshots/test_history.svg",
    "captures/session.svg": "test_history_snapshots/test_session_detail.svg",
    "captures/trends.svg": "test_history_snapshots/test_trends_load_and_streaks.svg",
    "captures/what-helps.svg": "test_history_snapshots/test_what_helps.svg",
    "captures/editor.svg": "test_editor/test_snapshot_editor.svg",
}
"""Where each capture appears in the site, and the snapshot it is."""


def on_files(files: Files, config: Any) -> Files:
    for uri, snapshot in CAPTURES.items():
        files.append(File.generated(config, uri, abs_src_path=str(SNAPSHOTS / snapshot)))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    if "<!-- coach:cli-reference -->" in markdown:
        from coach.cli.reference import markdown as cli_reference

        markdown = markdown.replace("<!-- coach:cli-reference -->", cli_reference())
    if "<!-- coach:keys-reference -->" in markdown:
        from coach.ui.keymap import markdown as keys_reference

        markdown = markdown.replace("<!-- coach:keys-reference -->", keys_reference())
    return markdown
