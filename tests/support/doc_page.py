"""Reading a page of docs/ that tests hold true to breathe (docs/routines.md,
docs/programs.md): its fenced blocks, each with the one-line HTML comments (markers) right
above it, and the tables that follow a marker. What the markers mean is written at the top
of tests/project/test_docs.py; the programs page follows the same conventions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

MARKER_RE = re.compile(r"^<!-- (.+?) -->$")
BROKEN = "broken example"


@dataclass(frozen=True)
class Block:
    """A fenced block of a page."""

    line: int  # 1-based line of the opening fence
    lang: str
    text: str  # the lines between the fences, each ending with a newline
    markers: tuple[str, ...]  # the markers right above it, top to bottom

    file_marker: ClassVar[re.Pattern[str]]
    """The marker that saves a block as a file (`file: NAME.yaml`), the name its group."""

    @property
    def broken(self) -> bool:
        return BROKEN in self.markers

    def marked(self, pattern: re.Pattern[str]) -> str | None:
        """The first group of the first of its markers that `pattern` matches, if any."""
        for marker in self.markers:
            if match := pattern.match(marker):
                return match.group(1)
        return None

    @property
    def file_name(self) -> str | None:
        """The name of the file the block is saved as, if it is saved."""
        return self.marked(self.file_marker)

    @property
    def id(self) -> str:
        return f"line{self.line}"


AnyBlock = TypeVar("AnyBlock", bound=Block)


def markers_above(lines: Sequence[str], index: int) -> tuple[str, ...]:
    """The markers directly above line `index` (0-based), top to bottom."""
    found: list[str] = []
    index -= 1
    while index >= 0 and (match := MARKER_RE.match(lines[index])):
        found.append(match.group(1))
        index -= 1
    return tuple(reversed(found))


def fenced_blocks(lines: Sequence[str], where: str, kind: type[AnyBlock]) -> list[AnyBlock]:
    """Every fenced block of the page whose `lines` these are, as `kind`; `where` names the
    page in messages (`docs/routines.md`)."""
    blocks = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("```"):
            body = []
            end = index + 1
            while end < len(lines) and lines[end] != "```":
                body.append(lines[end] + "\n")
                end += 1
            assert end < len(lines), f"{where}:{index + 1}: this fence is never closed"
            blocks.append(
                kind(index + 1, line[3:].strip(), "".join(body), markers_above(lines, index))
            )
            index = end + 1
        else:
            index += 1
    return blocks


def table_rows(lines: Sequence[str], where: str, marker_index: int) -> list[list[str]]:
    """The data rows, as cells, of the table just after the marker on line `marker_index`
    (0-based) of the page whose `lines` these are."""
    index = marker_index + 1
    rows = []
    while index < len(lines) and lines[index].startswith("|"):
        rows.append([cell.strip() for cell in lines[index].strip().strip("|").split("|")])
        index += 1
    place = f"{where}:{marker_index + 1}"
    assert len(rows) > 2 and set(rows[1]) <= {"---"}, f"{place}: no table after the marker"
    return rows[2:]


def table_after(lines: Sequence[str], where: str, marker: str) -> list[list[str]]:
    """The data rows of the table after `<!-- marker -->`, which the page must hold once."""
    indexes = [index for index, line in enumerate(lines) if line == f"<!-- {marker} -->"]
    assert len(indexes) == 1, (
        f"{where}: <!-- {marker} --> must appear once, not {len(indexes)} times"
    )
    return table_rows(lines, where, indexes[0])


def output_lines(text: str) -> list[str]:
    """What a command printed (or a page says it prints), line by line, trailing spaces and
    the final newlines aside."""
    return [line.rstrip() for line in text.rstrip("\n").split("\n")]
