"""What a command of `breathe` declares, in one place: its name, its help, its arguments and
what it runs. Each command's module (`breathe.cli.<name>_command`) holds one, as COMMAND;
the `breathe.cli` package builds the parser and dispatches from them."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable


def no_arguments(parser: argparse.ArgumentParser) -> None:
    """For a command that takes none."""


class Command(NamedTuple):
    """One command. A NamedTuple, not a frozen dataclass: `dataclasses` costs ten
    milliseconds to import, paid before a session's first frame."""

    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    add_arguments: Callable[[argparse.ArgumentParser], None] = no_arguments
    description: str | None = None
    # `play` and `today` play a session: the play options before their name are theirs.
    plays: bool = False
    # Play options it takes after its name (render's --tempo): given before it, they are
    # refused with where they go.
    own_play_options: tuple[str, ...] = ()
    # The `dest` of its own subcommand (program's ACTION), named with it in messages.
    action_dest: str | None = None
    # False for `play`: garbage collection stays off until the app's first frame is drawn
    # (see `breathe.cli.main`); every other command turns it on at once.
    collects_at_once: bool = True

    def add_to(self, commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        """Add its parser to the subcommands of `breathe`."""
        parser = commands.add_parser(self.name, help=self.help, description=self.description)
        self.add_arguments(parser)

    def called(self, args: argparse.Namespace) -> str:
        """How a message names it: `program status`, `show`."""
        if self.action_dest is None:
            return self.name
        return f"{self.name} {getattr(args, self.action_dest)}"
