"""Placeholder: sub-commands are registered here."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add this module's sub-commands."""
