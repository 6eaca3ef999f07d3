"""Words that go with numbers and choices, the same in the app, the command line and every
message."""

from __future__ import annotations

from collections.abc import Sequence


def counted(count: int, noun: str) -> str:
    """`1 step`, `2 steps`, `0 problems`: the count and its noun, plural unless one."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural(noun)}"


def plural(noun: str) -> str:
    """A noun of more than one: `day`, `days`. The nouns breathe counts take an `s`."""
    return f"{noun}s"


def span(noun: str, first: int, last: int) -> str:
    """`day 7`, or `days 1-14`: one numbered thing, or a range of them."""
    return f"{noun} {first}" if first == last else f"{plural(noun)} {first}-{last}"


def either(choices: Sequence[str]) -> str:
    """`a`, `a or b`, `a, b or c`: the choices as a sentence says them."""
    if len(choices) == 1:
        return choices[0]
    return ", ".join(choices[:-1]) + " or " + choices[-1]


def is_or_are(count: int) -> str:
    """The verb for `count` things: `1 day is`, `2 days are`."""
    return "is" if count == 1 else "are"
