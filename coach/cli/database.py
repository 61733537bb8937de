"""Opening the history database for a command without a screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.store import Store


def open_history(create: bool) -> Store | None:
    """The history database; None when there is none yet and ``create`` is False (a
    command that only reads makes no file). A database that can't be opened is one line,
    exit status 1: it is not a mistake on the command line."""
    from coach import locations
    from coach.cli import UserError
    from coach.store import Store, StoreError

    path = locations.database_file()
    if not create and not path.exists():
        return None
    try:
        return Store.open(path)
    except StoreError as error:
        raise UserError(str(error), exit_code=1) from error
