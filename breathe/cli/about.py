"""`breathe about`: the safety notice the app shows on first run, and where to read more."""

from __future__ import annotations

from breathe import __version__
from breathe.cli.console import stdout_console
from breathe.cli.exits import EXIT_OK
from breathe.core.paste import breathe_command
from breathe.library.safety import NOTICE_TITLE, notice_paragraphs


def run_about() -> int:
    console = stdout_console()
    console.print(f"breathe {__version__}: guided breathing and gentle yoga", style="muted")
    console.print()
    console.print(NOTICE_TITLE, style="title")
    for paragraph in notice_paragraphs():
        console.print()
        console.print(paragraph)
    console.print()
    show, render = breathe_command("show", "ROUTINE"), breathe_command("render", "ROUTINE")
    console.print(
        "Each routine adds its own safety note, shown before each of its sessions until you "
        f"choose “Don't show again” for that routine (and by `{show}` and `{render}`).",
        style="muted",
    )
    return EXIT_OK
