"""`breathe render ROUTINE -o guide.wav`: the session's cues and voice as one WAV file;
`--list`: what the voice says in it, and when."""

from __future__ import annotations

import argparse

from breathe.cli.arguments import (
    add_eyes_closed_option,
    add_routine_argument,
    add_tempo_option,
    add_volume_option,
)
from breathe.cli.command import Command
from breathe.cli.exits import EXIT_PROBLEMS, UsageError
from breathe.cli.play_options import add_voice_options
from breathe.core import bounds


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_routine_argument(parser)
    parser.add_argument("-o", "--output", metavar="FILE.wav", help="where to write")
    parser.add_argument(
        "--list",
        action="store_true",
        help="print what the voice will say and when, and what it leaves out, without "
        "writing a file (at once: lengths from the phrase cache, else estimated)",
    )
    add_tempo_option(parser, f"breathing speed, from {bounds.TEMPO_RANGE}")
    add_volume_option(parser, bounds.VOLUME_RANGE)
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    add_eyes_closed_option(parser)
    add_voice_options(parser)


def run(args: argparse.Namespace) -> int:
    from breathe.cli.settings import effective_settings

    if args.output is None and not args.list:
        raise UsageError("render: say where to write the track, -o FILE.wav (or --list)")
    options = effective_settings(args)  # the settings file's tempo, volume, eyes_closed, voice
    if options is None:
        return EXIT_PROBLEMS
    if args.list:
        from breathe.cli.render_list import run_render_list

        return run_render_list(
            args.routine, options.tempo, eyes_closed=options.eyes_closed, voice=options.voice
        )
    from breathe.cli.render import run_render

    return run_render(
        args.routine,
        args.output,
        options.tempo,
        options.volume,
        eyes_closed=options.eyes_closed,
        force=args.force,
        voice=options.voice,
        voice_volume=options.voice_volume,
    )


COMMAND = Command(
    "render",
    help="write a routine's cue track, with the voice, to one WAV file, to follow it anywhere",
    add_arguments=add_arguments,
    run=run,
    own_play_options=("tempo", "volume", "eyes_closed", "voice", "voice_volume"),
)
