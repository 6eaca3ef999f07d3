"""The contrast of every text on a rendered screen, read from its SVG (a stored snapshot, or
`App.export_screenshot()`), by WCAG 2's formula.

Rich's SVG writes each run of one style as a `<text>` whose class gives its fill, and the
run's background, where it has one, as a `<rect>` at the same place; a run with no
`<rect>` stands on the terminal's own background (the window's fill). So each text run
is measured against the cell under it.

What counts: a run with a letter or a digit is text (WCAG AA: 4.5:1). Textual's `Digits`,
the session's large count, is drawn with box-drawing strokes, three cells high: a run of
them beside a run of them on the line below is large text (3:1). Other glyphs (the orb's
half blocks, borders, bars, the guide ring's dots) are pictures, not text, and are not
measured here. Text under a modal dialog's veil is inactive (WCAG exempts it): a
snapshot of a dialog is measured inside the dialog's box only (`dialog_box`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len

AA_TEXT = 4.5
AA_LARGE = 3.0
DIGIT_STROKES = frozenset("┏━┓┃┗┛╺╸╻╹┣┫┻╋")
DIGIT_UPRIGHTS = frozenset("┏┓┃┗┛╻╹┣┫┻╋")  # a bar (━╸╺) has none
ROUND_CORNERS = "╭╮╰╯"

_CLASS = re.compile(r"\.(?P<prefix>[\w-]+)-(?P<name>r\d+) \{ fill: (?P<fill>#[0-9a-fA-F]{6})")
_RECT = re.compile(
    r'<rect fill="(?P<fill>#[0-9a-fA-F]{6})" x="(?P<x>[\d.]+)" y="(?P<y>[\d.]+)" '
    r'width="(?P<width>[\d.]+)" height="[\d.]+" shape-rendering="crispEdges"/>'
)
_TEXT = re.compile(
    r'<text class="[\w-]+-(?P<name>r\d+)" x="(?P<x>[\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]+-line-(?P<line>\d+)\)">(?P<text>.*?)</text>'
)
_WINDOW = re.compile(r'<rect fill="(#[0-9a-fA-F]{6})" stroke=')
_FONT = re.compile(r"font-size: (?P<size>[\d.]+)px;\s*line-height: (?P<height>[\d.]+)px")


@dataclass(frozen=True, slots=True)
class Run:
    """One run of text on screen: where, what, its colour and the colour under it."""

    line: int
    column: int
    text: str
    colour: str
    background: str

    @property
    def contrast(self) -> float:
        return contrast(self.colour, self.background)

    @property
    def width(self) -> int:
        return cell_len(self.text)

    def __str__(self) -> str:
        return (
            f"line {self.line}, column {self.column}: {self.text.strip()!r} "
            f"{self.colour} on {self.background}, {self.contrast:.2f}:1"
        )


@lru_cache(maxsize=4096)
def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of `#rrggbb`."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    """WCAG 2's contrast ratio, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def runs(svg: str) -> list[Run]:
    """Every run of text in a Rich SVG, with its colour and its background."""
    fills = {match["name"]: match["fill"].lower() for match in _CLASS.finditer(svg)}
    font = _FONT.search(svg)
    assert font is not None, "not a Rich terminal SVG"
    char_width = float(font["size"]) * 0.61  # as Rich's export_svg lays out cells
    line_height = float(font["height"])
    window = _WINDOW.search(svg)
    assert window is not None, "not a Rich terminal SVG"
    cells: dict[tuple[int, int], str] = {}
    for rect in _RECT.finditer(svg):
        line = round((float(rect["y"]) - 1.5) / line_height)
        first = round(float(rect["x"]) / char_width)
        for column in range(first, first + round(float(rect["width"]) / char_width)):
            cells[line, column] = rect["fill"].lower()
    found = []
    for text in _TEXT.finditer(svg):
        line, column = int(text["line"]), round(float(text["x"]) / char_width)
        words = html.unescape(text["text"]).replace("\xa0", " ")
        under = {cells.get((line, column + i), window[1].lower()) for i in range(cell_len(words))}
        colour = fills[text["name"]]
        # The run is measured against the cell under it that gives it the least contrast.
        background = min(under, key=lambda fill: contrast(colour, fill))
        found.append(Run(line, column, words, colour, background))
    return found


def is_text(run: Run) -> bool:
    return any(character.isalnum() for character in run.text)


def digit_runs(all_runs: list[Run]) -> list[Run]:
    """Runs of Digits' strokes that stand over or under another run of them, overlapping
    it: a large digit is three such lines, a border or a bar is one."""
    strokes = [
        run
        for run in all_runs
        if set(run.text.strip()) & DIGIT_UPRIGHTS and set(run.text) <= DIGIT_STROKES | {" "}
    ]

    def overlaps(run: Run, other: Run) -> bool:
        return (
            abs(run.line - other.line) == 1
            and run.column < other.column + other.width
            and other.column < run.column + run.width
        )

    return [run for run in strokes if any(overlaps(run, other) for other in strokes)]


@dataclass(frozen=True, slots=True)
class Box:
    """Lines `top` to `bottom` and columns `left` to `right`, borders included."""

    top: int
    bottom: int
    left: int
    right: int

    def holds(self, run: Run) -> bool:
        return (
            self.top <= run.line <= self.bottom
            and self.left <= run.column
            and run.column + run.width - 1 <= self.right
        )


def dialog_box(all_runs: list[Run]) -> Box | None:
    """The box of round corners drawn in the strongest colour: a dialog's border over the
    veiled screen behind it (whose own boxes the veil has dimmed)."""
    corners: dict[str, list[tuple[int, int, float]]] = {corner: [] for corner in ROUND_CORNERS}
    for run in all_runs:
        for offset, character in enumerate(run.text):
            if character in corners:
                corners[character].append((run.line, run.column + offset, run.contrast))
    boxes = []
    for top, left, strength in corners["╭"]:
        rights = [(line, column) for line, column, _ in corners["╮"] if line == top]
        bottoms = [(line, column) for line, column, _ in corners["╰"] if column == left]
        for _, right in sorted(rights):
            if right <= left:
                continue
            for bottom, _ in sorted(bottoms):
                if bottom > top and any(
                    (line, column) == (bottom, right) for line, column, _ in corners["╯"]
                ):
                    boxes.append((strength, Box(top, bottom, left, right)))
                    break
            break
    return max(boxes, key=lambda found: found[0])[1] if boxes else None


def failures(svg: str, *, dialog: bool = False) -> list[str]:
    """Each text (and large digit) below WCAG AA, described; with `dialog`, only those
    inside the dialog's box."""
    all_runs = runs(svg)
    box = dialog_box(all_runs) if dialog else None
    if dialog and box is None:
        return ["no dialog box found"]
    found = []
    for run in all_runs:
        if box is not None and not box.holds(run):
            continue
        if is_text(run) and run.contrast < AA_TEXT:
            found.append(f"text {run}")
    for run in digit_runs(all_runs):
        if (box is None or box.holds(run)) and run.contrast < AA_LARGE:
            found.append(f"large digits {run}")
    return found
