"""How a session plays, on the command line: the options (`--tempo`, `--sound`, ...) that
`breathe`, `breathe play` and `breathe today` take. `breathe.cli.settings.effective_settings`
makes them, over the settings file, into the options a session plays with."""

from __future__ import annotations

import argparse

from breathe.cli.arguments import (
    add_eyes_closed_option,
    add_tempo_option,
    add_voice_volume_option,
    add_volume_option,
)
from breathe.core import bounds

# The play options by their `dest`, as `breathe --help` spells them.
PLAY_OPTIONS = {
    "tempo": "--tempo",
    "length": "--length",
    "sound": "--sound",
    "voice": "--voice",
    "voice_volume": "--voice-volume",
    "volume": "--volume",
    "reduced_motion": "--reduced-motion",
    "eyes_closed": "--eyes-closed",
}


def add_play_options(
    parser: argparse.ArgumentParser, *, no_sound_dest: str = "sound", no_voice_dest: str = "voice"
) -> None:
    """How a session plays. An option not given is absent (SUPPRESS), so the settings file
    (`breathe settings`) decides it; see `breathe.cli.settings.effective_settings`.

    `--no-sound` sets `sound` to "off" (`--no-voice`, `voice`); `no_sound_dest` and
    `no_voice_dest` keep them apart, for a parser that must tell which was written."""
    add_tempo_option(
        parser, f"breathing speed, from {bounds.TEMPO_SPAN}; pose holds are not changed"
    )
    parser.add_argument(
        "--length",
        type=length,
        default=argparse.SUPPRESS,
        metavar="MIN",
        help=f"a breathing routine about MIN minutes ({bounds.LENGTH_RANGE}; whole breaths of "
        "its main practice repeated or left out), or `own`: as written",
    )
    parser.add_argument(
        "--sound",
        choices=bounds.SOUND_CHOICES,
        default=argparse.SUPPRESS,
        help="how cues sound: auto (the first that works of miniaudio, simpleaudio and the "
        "terminal bell), miniaudio, simpleaudio, bell (the terminal bell) or off",
    )
    add_off_switch(parser, "sound", no_sound_dest)
    add_voice_options(parser, no_voice_dest=no_voice_dest)
    add_volume_option(parser, f"cue volume from {bounds.VOLUME_RANGE}")
    parser.add_argument(
        "--reduced-motion",
        action="store_true",
        default=argparse.SUPPRESS,
        help="a still picture with words and a bar instead of the moving pacer",
    )
    add_eyes_closed_option(parser)


def length(text: str) -> int | None:
    """`--length`: whole minutes within the bounds, or `own` (None: as written)."""
    if text.strip().lower() == "own":
        return None
    minutes = text.strip().removesuffix("m").removesuffix("min")
    if not minutes.isdigit() or not bounds.MIN_LENGTH <= int(minutes) <= bounds.MAX_LENGTH:
        raise argparse.ArgumentTypeError(
            f"`{text}` is not a length: whole minutes from {bounds.LENGTH_RANGE}, such as 5, or own"
        )
    return int(minutes)


def add_voice_options(parser: argparse.ArgumentParser, *, no_voice_dest: str = "voice") -> None:
    """`--voice`, `--no-voice` and `--voice-volume`: the voice that guides each step (play
    and render)."""
    parser.add_argument(
        "--voice",
        choices=bounds.VOICE_CHOICES,
        default=argparse.SUPPRESS,
        help="the voice that says each step: auto (piper with an installed voice, else "
        "espeak-ng), piper, espeak-ng or off",
    )
    add_off_switch(parser, "voice", no_voice_dest)
    add_voice_volume_option(parser)


def add_off_switch(parser: argparse.ArgumentParser, option: str, dest: str) -> None:
    """`--no-OPTION`, the same as `--OPTION off`, stored in `dest`."""
    parser.add_argument(
        f"--no-{option}",
        dest=dest,
        action="store_const",
        const="off",
        default=argparse.SUPPRESS,
        help=f"same as --{option} off",
    )
