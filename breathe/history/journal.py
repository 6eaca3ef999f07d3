"""The recovery journal: a few 0-10 scales a person may note once a day, and the text chart
that shows them.

The scales are declared here, once: the check-in screen, the History screen, `breathe
journal` and `breathe program status` all read `scales()`. Four are breathe's own; the
fifth is the person's own, named once by them (`breathe journal scale "knee stiffness"`)
and kept in the history file with the entries.

Never interpreted: the numbers are shown as given. No word here (nor anywhere the journal
is shown) says better, worse, improving or anything else a clinician should say.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

SCALE_LOWEST = 0
SCALE_HIGHEST = 10
OWN_SCALE_LONGEST = 30  # characters: it must fit a line of the check-in at 40 columns


@dataclass(frozen=True, slots=True)
class Scale:
    """One 0-10 scale: `key` is what the history file and the CSV call it; `low` and `high`
    say what 0 and 10 stand for, in the person's words on the check-in."""

    key: str
    label: str
    low: str = "none"
    high: str = "the most"


BUILT_IN_SCALES: tuple[Scale, ...] = (
    Scale("numbness", "Numbness or tingling"),
    Scale("cold", "Cold hands or feet"),
    Scale("cramps", "Cramps"),
    Scale("sleep", "Sleep quality", low="very poor", high="very good"),
)


def own_scale(name: str) -> Scale:
    """The person's own scale; its name is its key, as they wrote it."""
    return Scale(name, name[:1].upper() + name[1:], low="none", high="the most")


def scales(own: str | None) -> tuple[Scale, ...]:
    """The scales of a check-in, breathe's four and then the person's own, if named."""
    return BUILT_IN_SCALES + ((own_scale(own),) if own else ())


def own_scale_problem(name: str) -> str | None:
    """Why `name` cannot be the person's own scale, in words; None if it can."""
    cleaned = " ".join(name.split())
    if not cleaned:
        return 'a scale needs a name, such as "knee stiffness"'
    if len(cleaned) > OWN_SCALE_LONGEST:
        return f"a scale's name is at most {OWN_SCALE_LONGEST} characters"
    taken = {scale.key for scale in BUILT_IN_SCALES} | {
        scale.label.casefold() for scale in BUILT_IN_SCALES
    }
    if cleaned.casefold() in taken:
        return f"`{cleaned}` is already one of breathe's scales"
    return None


def clean_scale_name(name: str) -> str:
    """A scale's name with its spaces tidied, as it is kept."""
    return " ".join(name.split())


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One day's check-in: the scales answered, by key (a scale passed over is absent)."""

    day: date
    values: Mapping[str, int]


def valid_value(value: int) -> bool:
    return SCALE_LOWEST <= value <= SCALE_HIGHEST


# -- the text chart: one character a day, from a few lines a screen or a terminal draws --

BLOCKS = "▁▂▃▄▅▆▇█"
NO_ENTRY = "·"


def block(value: int | None) -> str:
    """The character for one day's value: eight heights for 0 to 10, a dot for no entry.
    0 is the lowest block, not blank, so a 0 is seen as an answer."""
    if value is None:
        return NO_ENTRY
    return BLOCKS[round(value * (len(BLOCKS) - 1) / SCALE_HIGHEST)]


@dataclass(frozen=True, slots=True)
class ChartLine:
    """One scale across the days shown: its blocks, and its last value given (and when)."""

    scale: Scale
    blocks: str
    last: tuple[date, int] | None


def chart_days(first: date, today: date, room: int) -> tuple[date, date]:
    """The days a chart `room` characters wide shows: from `first` (a program's day 1, or
    the first entry) to today, or the last `room` days of it."""
    start = max(first, today - timedelta(days=max(room, 1) - 1))
    return min(start, today), today


def chart(
    entries: Sequence[JournalEntry], scales_shown: Sequence[Scale], first: date, last: date
) -> list[ChartLine]:
    """A line per scale from `first` to `last` (both included)."""
    by_day = {entry.day: entry.values for entry in entries}
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    lines = []
    for scale in scales_shown:
        values = [by_day.get(day, {}).get(scale.key) for day in days]
        given = [
            (entry.day, entry.values[scale.key])
            for entry in sorted(entries, key=lambda e: e.day)
            if scale.key in entry.values and entry.day <= last
        ]
        lines.append(
            ChartLine(scale, "".join(block(v) for v in values), given[-1] if given else None)
        )
    return lines


def scales_in(entries: Sequence[JournalEntry], own: str | None) -> tuple[Scale, ...]:
    """The scales to show: breathe's four, the person's own, and any other they once named
    (kept in older entries) after them, so nothing recorded goes unshown."""
    shown = list(scales(own))
    keys = {scale.key for scale in shown}
    for entry in sorted(entries, key=lambda e: e.day):
        for key in entry.values:
            if key not in keys:
                keys.add(key)
                shown.append(own_scale(key))
    return tuple(shown)


def short_date(day: date) -> str:
    """`7 Dec`."""
    return f"{day.day} {day.strftime('%b')}"


LABEL_WIDTH = 21  # "Numbness or tingling" and a space
TAIL_WIDTH = 16  # "  10 on 28 Dec"


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One line of a drawn chart: the label (padded), the blocks, and the last value."""

    label: str
    blocks: str
    tail: str


def chart_rows(
    entries: Sequence[JournalEntry], own: str | None, start: date, today: date, width: int
) -> list[ChartRow]:
    """The chart for `width` columns, from `start` (a program's day 1) to `today`: a row a
    scale, then the dates under the blocks (the first and last day, where they fit)."""
    label_width = min(LABEL_WIDTH, max(12, width // 3))
    room = max(7, width - label_width - TAIL_WIDTH)
    first, last = chart_days(start, today, room)
    rows = []
    for line in chart(entries, scales_in(entries, own), first, last):
        label = line.scale.label
        if len(label) >= label_width:
            label = label[: label_width - 2] + "…"
        tail = f"  {line.last[1]} on {short_date(line.last[0])}" if line.last else ""
        rows.append(ChartRow(label.ljust(label_width), line.blocks, tail))
    span = (last - first).days + 1
    left, right = short_date(first), short_date(last)
    fits = span >= len(left) + len(right) + 1
    rows.append(
        ChartRow(" " * label_width, left + right.rjust(span - len(left)) if fits else left, "")
    )
    return rows
