"""Consoles for command output: colour on terminals, plain when piped or NO_COLOR is set."""

from __future__ import annotations

import os
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
    """Styled on a terminal; plain when piped. NO_COLOR drops every escape, bold too.

    Strings are printed as written: an author's `[draft]` or `:tada:` is not Rich markup
    or an emoji code (styles come from Text objects and the theme).
    """
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(
        file=sys.stdout,
        theme=THEME,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=True,
        color_system=None if plain else "auto",
    )


def counted(count: int, noun: str) -> str:
    """`1 step`, `2 steps`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
