"""Consoles for command output: colour on terminals, plain when piped or NO_COLOR is set."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.theme import Theme

THEME = Theme(
    {
        "location": "dim",
        "key": "bold",
        "hint": "cyan",
        "good": "green",
        "bad": "bold red",
        "muted": "dim",
        "title": "bold",
    }
)


def stdout_console() -> Console:
    # rich reads NO_COLOR itself and drops colour when output is not a terminal.
    return Console(file=sys.stdout, theme=THEME, highlight=False, soft_wrap=True)
