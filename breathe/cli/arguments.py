"""Argument types and options the commands share, below the `breathe.cli` package that
imports them."""

from __future__ import annotations

import argparse
from fractions import Fraction
from typing import TYPE_CHECKING

from breathe.core import bounds

if TYPE_CHECKING:
    from datetime import date


def iso_date(text: str) -> date:
    """`--date`, `--since`: a calendar date written YYYY-MM-DD."""
    from datetime import date  # for the commands that take one: not before a session

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"`{text}` is not a date; write it as YYYY-MM-DD, such as 2025-03-01"
        ) from None


def tempo(text: str) -> Fraction:
    """`--tempo`: a speed from 0.5 (half as fast) to 2 (twice as fast)."""
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise argparse.ArgumentTypeError(f"`{text}` is not a number, such as 0.75 or 1.5") from None
    if not bounds.MIN_TEMPO <= value <= bounds.MAX_TEMPO:
        raise argparse.ArgumentTypeError(f"{text} is out of range: from {bounds.TEMPO_RANGE}")
    return value


def volume(text: str) -> int:
    if not text.isdigit() or not bounds.MIN_VOLUME <= int(text) <= bounds.MAX_VOLUME:
        raise argparse.ArgumentTypeError(f"`{text}` is not a volume from {bounds.VOLUME_RANGE}")
    return int(text)


def add_routine_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "routine",
        metavar="ROUTINE",
        help="a routine name (or its start, or some of its words) or a file path",
    )


def add_tempo_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--tempo", type=tempo, default=argparse.SUPPRESS, metavar="X", help=help)


def add_volume_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--volume", type=volume, default=argparse.SUPPRESS, metavar="N", help=help)


def add_voice_volume_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--voice-volume",
        type=volume,
        default=argparse.SUPPRESS,
        metavar="N",
        help=f"the voice's volume from {bounds.VOLUME_RANGE}, apart from the cues'",
    )


def add_eyes_closed_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--eyes-closed",
        action=argparse.BooleanOptionalAction,
        default=argparse.SUPPRESS,
        help="to follow with closed eyes: a soft count at each second of breath phases "
        f"of {bounds.COUNT_FROM_MS // 1000} seconds or more (the numbers spoken when the "
        "voice is on), and in the app a dim view in large type (e in a session)",
    )
