"""Consoles for command output: colour on terminals, plain when piped or NO_COLOR is set."""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Iterable, Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from rich.theme import Theme

THEME = Theme(
    {
        "location": "dim",
        "key": "bold",
        "hint": "cyan",
        "good": "green",
        "bad": "bold red",
        "muted": "dim",
        "title": "bold",
    }
)

# Piped output is read by grep, cut and scripts, not by eyes on a window of some width:
# Rich would assume 80 columns there and fold names and paths in the middle. A line as
# long as it needs to be (up to this) keeps every row of a table on one line.
PIPED_WIDTH = 1000


def stdout_console() -> Console:
    """Styled on a terminal; plain when piped. NO_COLOR drops every escape, bold too.

    Strings are printed as written: an author's `[draft]` or `:tada:` is not Rich markup
    or an emoji code (styles come from Text objects and the theme). When stdout is not a
    terminal the console is PIPED_WIDTH wide, so tables keep each row on one line.
    """
    plain = bool(os.environ.get("NO_COLOR"))
    console = Console(
        file=sys.stdout,
        theme=THEME,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=True,
        color_system=None if plain else "auto",
    )
    if not console.is_terminal:
        console.width = PIPED_WIDTH
    return console


class Trimmed:
    """A renderable's lines without the spaces Rich pads them with at the end (a table
    pads every cell to its column's width, so its rows would end in blanks)."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Not console.render_lines: it would crop a table that its columns' minimum
        # widths make wider than the terminal, and a name is better wrapped than cut.
        for line in Segment.split_lines(console.render(self.renderable, options)):
            yield from _rstripped(line)
            yield Segment.line()


def _rstripped(line: list[Segment]) -> Iterator[Segment]:
    """The segments of `line` with trailing whitespace dropped."""
    end = len(line)
    while end and not line[end - 1].control and not line[end - 1].text.rstrip():
        end -= 1
    if not end:
        return
    yield from line[: end - 1]
    last = line[end - 1]
    yield last if last.control else Segment(last.text.rstrip(), last.style)


def print_wrapped(console: Console, text: Text | str) -> None:
    """Prose (a safety note, a description, a note such as `watching ...`) wrapped between
    words to the terminal's width: the console soft-wraps, so the terminal would break it
    in the middle of a word ("high b" / "lood pressure" at 40 columns). Piped, the width
    is PIPED_WIDTH and each paragraph stays one line."""
    shown = Text(text) if isinstance(text, str) else text
    for line in shown.wrap(console, max(1, console.width)):
        line.rstrip()
        console.print(line)


def print_table(console: Console, table: RenderableType) -> None:
    """Print a table (or any padded renderable) with no trailing spaces on its lines."""
    console.print(Trimmed(table))


def fits(console: Console, renderable: RenderableType) -> bool:
    """Whether `renderable` (a table) fits the console's width without breaking a word."""
    unbounded = console.options.update_width(PIPED_WIDTH)  # else Rich measures it squeezed
    return Measurement.get(console, unbounded, renderable).minimum <= console.width


def whole_width(header: str, values: Iterable[str]) -> int:
    """A column's `min_width` that keeps its longest value whole (with `no_wrap=True`):
    on a terminal narrower than the table, Rich shrinks every column as a last resort,
    names too, unless a minimum says otherwise."""
    return max([cell_len(header), *(cell_len(value) for value in values)])


COLUMN_GAP = "  "  # between two columns of a table: Rich's padding of one cell either side


def plain_when_piped(console: Console) -> bool:
    """Whether a table printed on `console` is plain text a row a line (not a terminal,
    no styles), so PlainTable can write it without Rich."""
    return not console.is_terminal and console.color_system is None


class PlainTable:
    """A borderless table (`Table(box=None, pad_edge=False)`, every cell one line) written
    without Rich: the same bytes print_table writes when piped, at a fraction of the CPU.
    Each row is measured first (`measure`), then written (`line`): each cell padded to its
    column's widest by the cells a character takes (呼 takes two), two spaces between
    columns, no trailing spaces. A row Rich would lay out otherwise (a character that is
    not printable, a line wider than PIPED_WIDTH) is for Rich: `measure` and `fits` say so.
    """

    def __init__(self, headings: Sequence[str], right_aligned: Collection[str] = ()) -> None:
        self.headings = tuple(headings)
        self.right = [heading in right_aligned for heading in self.headings]
        self.widths = [cell_len(heading) for heading in self.headings]

    def measure(self, cells: Sequence[str]) -> bool:
        """Widen the columns for a row; False if a cell is not printable plain text."""
        if not all(cell.isprintable() for cell in cells):
            return False
        self.widths = [
            max(width, cell_len(cell)) for width, cell in zip(self.widths, cells, strict=False)
        ]
        return True

    def fits(self, columns: int | None = None) -> bool:
        """Whether the first `columns` columns (all by default) fit the piped width."""
        shown = self.widths[:columns]
        return sum(shown) + len(COLUMN_GAP) * (len(shown) - 1) <= PIPED_WIDTH

    def line(self, cells: Sequence[str], columns: int | None = None) -> str:
        """A row (or the headings) of the first `columns` columns, ending in a line break."""
        padded = []
        for right, width, cell in zip(self.right, self.widths, cells[:columns], strict=False):
            room = " " * (width - cell_len(cell))
            padded.append(room + cell if right else cell + room)
        return COLUMN_GAP.join(padded).rstrip() + "\n"
