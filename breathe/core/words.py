"""Words that go with numbers, the same in the app, the command line and every message."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """`1 step`, `2 steps`, `0 problems`: the count and its noun, plural unless one."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
