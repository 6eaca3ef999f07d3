"""What comes before the command word, read with argparse: which command is named, whether
help is asked for, and the play options given there (`breathe --tempo 0.5 show x`).

The `breathe` package builds only the parser of the command named (building them all costs
more than ten milliseconds before a session's first frame), and refuses play options given
before a command that plays nothing: they would be ignored without a word.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, NoReturn

from breathe.cli.exits import UsageError
from breathe.cli.play_options import PLAY_OPTIONS, add_play_options

if TYPE_CHECKING:
    from breathe.cli.command import Command

_NO_SOUND = "no_sound"  # `--no-sound`, kept apart from `--sound off` here to name it
_NO_VOICE = "no_voice"  # `--no-voice`, likewise


class Before(NamedTuple):
    """The words before the command's own: its name, if any (maybe no command at all)."""

    command: str | None
    help: bool
    play_options: dict[str, object]  # by `dest`, with `no_sound`/`no_voice` for --no-...

    def refuse_play_options(self, command: Command, args: argparse.Namespace) -> None:
        """UsageError for play options given before a command that plays nothing.
        `play`, `today` and the app (no command) take them."""
        given = dict(self.play_options)
        if command.plays or not given:
            return
        if _NO_SOUND in given:  # --no-sound names the sound, whatever --sound said
            given["sound"] = given.pop(_NO_SOUND)
        if _NO_VOICE in given:
            given["voice"] = given.pop(_NO_VOICE)
        from breathe.core.paste import breathe_command

        called = command.called(args)
        own = command.own_play_options
        foreign = [dest for dest in PLAY_OPTIONS if dest in given and dest not in own]
        names = []
        for dest in foreign or [dest for dest in PLAY_OPTIONS if dest in given]:
            name = PLAY_OPTIONS[dest]
            if dest == "eyes_closed" and given[dest] is False:
                name = "--no-eyes-closed"
            elif dest == "sound" and _NO_SOUND in self.play_options:
                name = "--no-sound"
            elif dest == "voice" and _NO_VOICE in self.play_options:
                name = "--no-voice"
            names.append(name)
        one = len(names) == 1
        listed = " and ".join(names)
        if not foreign:  # only `render` takes play options of its own
            metavars = {
                "--tempo": " X",
                "--volume": " N",
                "--voice-volume": " N",
                "--voice": f" {given.get('voice')}",
            }
            written = " ".join(name + metavars.get(name, "") for name in names)
            raise UsageError(
                f"{listed} {'goes' if one else 'go'} after the command: "
                f"{breathe_command('render', 'ROUTINE', '-o', 'FILE.wav')} {written}"
            )
        raise UsageError(
            f"{listed} {'sets' if one else 'set'} how a session plays, and `{called}` plays "
            f"none: write {'it' if one else 'them'} after `{breathe_command('play', 'ROUTINE')}` "
            f"or `{breathe_command('today')}`"
        )


class _Unreadable(Exception):
    """The words before the command are wrong: the whole parser says how, in full."""


class _FrontParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # documented as the hook: it must not return
        raise _Unreadable(message)


def read_before_command(argv: Sequence[str]) -> Before:
    """The command word in `argv` and what comes before it; an empty Before when those
    words are wrong (a bad --tempo, an ambiguous --no): the whole parser reports them."""
    front = _FrontParser(add_help=False)
    front.add_argument("-h", "--help", action="store_true")
    add_play_options(
        front, no_sound_dest=_NO_SOUND, no_voice_dest=_NO_VOICE
    )  # the options that take values
    front.add_argument("command", nargs="?")
    front.add_argument("after", nargs=argparse.REMAINDER)  # the command's own words
    try:
        read, _ = front.parse_known_args(argv)
    except _Unreadable:
        return Before(None, False, {})
    play_options = {
        dest: getattr(read, dest) for dest in (*PLAY_OPTIONS, _NO_SOUND, _NO_VOICE) if dest in read
    }
    return Before(read.command, read.help, play_options)
