"""The `breathe` command: the app, and the commands authors use on routine files.

Each command declares itself in its own module, `breathe.cli.<name>_command` (its COMMAND:
name, help, arguments, what it runs); COMMANDS below lists them, and the parser and the
dispatch are built from that list. A command's module is imported only when it is wanted:
`breathe play x` builds the `play` parser alone, `breathe --help` every one.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from breathe import __version__
from breathe.cli.before_command import Before, read_before_command
from breathe.cli.command import Command
from breathe.cli.exits import EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError
from breathe.cli.play_options import add_play_options

__all__ = ["COMMANDS", "build_parser", "commands_for", "declared", "main"]

# The commands, in the order `breathe --help` lists them.
COMMANDS = (
    "play", "list", "show", "validate", "render", "settings", "new", "export", "import",
    "schema", "locate", "program", "today", "about", "history", "stats", "journal", "docs",
)  # fmt: skip


def declared(name: str) -> Command:
    """The command `name` as its module declares it."""
    command = importlib.import_module(f"breathe.cli.{name}_command").COMMAND
    assert isinstance(command, Command) and command.name == name
    return command


def commands_for(argv: Sequence[str] | None = None) -> tuple[Command, ...]:
    """The commands the parser for `argv` needs: the one it names; none when it names none
    (the app: its first frame does not wait for eighteen parsers); every one when it names
    an unknown one, or asks for help before it."""
    return _commands_named_in(read_before_command(argv) if argv is not None else None)


def _commands_named_in(before: Before | None) -> tuple[Command, ...]:
    if before is not None and not before.help:
        if before.command in COMMANDS:
            return (declared(before.command),)
        if before.command is None:
            return ()
    return tuple(declared(name) for name in COMMANDS)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given `argv` naming a command, only that command's part of it."""
    return _parser(commands_for(argv), argv or ())


def _parser(commands: Sequence[Command], words: Sequence[str] = ()) -> argparse.ArgumentParser:
    parser = (argparse.ArgumentParser if commands else _AppParser)(
        prog="breathe",
        description="Guided breathing and gentle yoga in your terminal. "
        "Run without a command to open the app.",
        epilog="Routines are YAML files: `breathe docs routines` prints their reference, and "
        "`breathe docs` lists every guide. NO_COLOR turns colour off.",
    )
    parser.add_argument("--version", action="version", version=f"breathe {__version__}")
    if isinstance(parser, _AppParser):
        parser.words = words
    add_play_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in commands:
        command.add_to(subparsers)
    return parser


class _AppParser(argparse.ArgumentParser):
    """The parser for the app (no command named): the play options alone. Words it cannot
    read go to the whole parser, which reports them as it always has (its usage lists every
    command); read, they mean what the whole parser would make of them."""

    words: Sequence[str] = ()  # what it is given to read

    def error(self, message: str) -> NoReturn:
        _parser(tuple(declared(name) for name in COMMANDS)).parse_args(self.words)
        super().error(message)  # the whole parser read them: not expected


def open_app(args: argparse.Namespace) -> int:
    """`breathe` with no command: the app, with the play options given."""
    from breathe.cli.settings import effective_settings

    options = effective_settings(args)
    if options is None:
        return EXIT_PROBLEMS
    from breathe.ui.app import run_app

    return run_app(options)


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up makes tens of thousands of objects that live as long as the program
    # (Textual's, ours): collecting among them as they are made costs the first frame
    # about 15 ms, and a full collection soon after, 20 ms more. The app freezes them and
    # turns collection back on once its first frame is drawn (BreatheApp.on_mount); other
    # commands turn it back on as soon as they are known.
    collecting = gc.isenabled()
    gc.disable()
    if argv is None:  # a real process: the commands it prints start it as it was started
        from breathe.core.paste import started_as

        started_as(sys.argv[0])
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    finally:
        if collecting:
            gc.enable()


def _main(words: Sequence[str]) -> int:
    before = read_before_command(words)
    args = _parser(_commands_named_in(before), words).parse_args(words)
    command = declared(args.command) if args.command is not None else None
    if command is not None and command.collects_at_once:
        gc.enable()
    try:
        if command is None:
            return open_app(args)
        before.refuse_play_options(command, args)
        return command.run(args)
    except UsageError as error:
        print(f"breathe: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error. Point stdout at devnull so
        # the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # a bug: one line, no traceback, unless asked for
        if os.environ.get("BREATHE_DEBUG"):
            raise
        print(
            f"breathe: internal error: {type(error).__name__}: {error} "
            "(set BREATHE_DEBUG=1 to see the traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
