"""Textual's private parts that coach uses are still there, with the shape coach expects.

They live in :mod:`coach.ui.textual_compat`; when a Textual upgrade renames or reshapes
one, this fails and names it, instead of a footer, a paste or a click quietly breaking.
"""

from __future__ import annotations

import inspect

from textual.widgets import Footer, Input, OptionList

from coach.ui import textual_compat
from coach.ui.textual_compat import FooterKey, OwnClick, OwnPaste


def test_footer_key_takes_what_the_footer_gives_it() -> None:
    parameters = inspect.signature(FooterKey.__init__).parameters
    assert list(parameters)[1:5] == ["key", "key_display", "description", "action"]
    assert {"disabled", "tooltip"} <= set(parameters)


def test_the_footer_still_says_when_it_knows_the_bindings() -> None:
    assert "_bindings_ready" in vars(Footer)
    assert textual_compat.bindings_ready(Footer()) is False


def test_the_paste_and_click_handlers_replaced_are_textuals_own() -> None:
    # An override of a handler Textual renamed would never run: the paste would be refused
    # whole again, one click would start a routine.
    assert "_on_paste" in vars(Input)
    assert "_on_click" in vars(OptionList)
    assert inspect.iscoroutinefunction(OptionList._on_click)
    assert not inspect.iscoroutinefunction(Input._on_paste)
    assert OwnPaste._on_paste is not Input._on_paste
    assert OwnClick._on_click is not OptionList._on_click


def test_the_input_parser_coach_replaces_is_the_one_textuals_driver_reads_with() -> None:
    # A driver that no longer reads input with this class would take pastes apart again:
    # escapes in a pasted text would act as keys (0x13 is ctrl+s: Save).
    from textual.drivers import linux_driver

    from coach.ui.textual_compat.input import XTermParser, get_time

    assert linux_driver.XTermParser is XTermParser or issubclass(
        linux_driver.XTermParser, XTermParser)
    assert callable(XTermParser.feed) and callable(XTermParser.tick)
    assert isinstance(get_time(), float)
    from textual.widgets import TextArea

    from coach.ui.textual_compat.text_area import OwnTextPaste

    assert "_on_paste" in vars(TextArea) and inspect.iscoroutinefunction(TextArea._on_paste)
    assert OwnTextPaste._on_paste is not TextArea._on_paste


def test_no_other_module_reaches_into_textual_privately() -> None:
    from pathlib import Path

    import coach

    root = Path(coach.__file__).parent
    private = [
        path.relative_to(root).as_posix() for path in root.rglob("*.py")
        if path.parent.name != "textual_compat"
        and any(marker in path.read_text(encoding="utf-8")
                for marker in ("textual.widgets._", "._bindings_ready", "def _on_paste",
                               "def _on_click", "textual.document._", "from textual._",
                               "import textual._", "linux_driver."))
    ]
    assert private == []
