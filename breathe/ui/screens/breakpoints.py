"""The sizes at which screens change their look, as Textual breakpoints.

A screen names them in its VERTICAL_BREAKPOINTS (and HORIZONTAL_BREAKPOINTS); Textual sets
the class of the band the terminal's size falls in, and the screen's stylesheet keys its
small-terminal rules on that class (`-compact`, below COMPACT_BELOW_HEIGHT lines).
"""

from __future__ import annotations

COMPACT_BELOW_HEIGHT = 20

# Each band has a class: the rules for small terminals are keyed on `-compact`.
SHORT_OR_ROOMY = [(0, "-compact"), (COMPACT_BELOW_HEIGHT, "-roomy")]


def band(size: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class Textual sets for `size` (a width or a height): that of the largest
    breakpoint it reaches (as textual.screen.Screen does on each resize)."""
    for least, name in sorted(breakpoints, reverse=True):
        if size >= least:
            return name
    return None


def band_classes(size: int, breakpoints: list[tuple[int, str]]) -> dict[str, bool]:
    """Every class of `breakpoints`, set or not for `size`: what Textual sets on resize,
    for a screen that wants it from its first frame."""
    chosen = band(size, breakpoints)
    return {name: name == chosen for _, name in breakpoints}
