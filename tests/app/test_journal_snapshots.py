"""The recovery journal as snapshots: the check-in over an evening session's summary, and
the History screen's chart of the scales (scrolled to it with `j`), at 80x24 and 40x12.
`test_stored_journal_snapshots_show_the_right_words` reads the stored SVGs back.

Update with `pytest tests/app/test_journal_snapshots.py --snapshot-update`, then look at
the SVGs' text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from breathe.history.store import open_history
from tests.app.test_history_snapshots import TODAY, write_history
from tests.app.test_journal_checkin import app_on, folders, play_to_the_end
from tests.support.player import svg_lines

__all__ = ["folders"]  # the fixture, used here by name

SnapCompare = Callable[..., bool]
SIZES = {"100x30": (100, 30), "80x24": (80, 24), "40x12": (40, 12)}
STORED = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
INTERPRETING = ("improv", "better", "worse", "progress", "trend")


def write_journal(history: Path) -> None:
    """Forty days of entries up to today, some days missing, some scales passed over."""
    store = open_history(history)
    assert store is not None
    with store:
        store.set_own_scale("knee stiffness")
        for back in range(40, -1, -1):
            if back % 6 == 4:
                continue
            values = {
                "numbness": (back * 3) % 11,
                "cold": (back // 4) % 11,
                "cramps": 0 if back % 3 else 2,
                "sleep": 10 - (back * 7) % 11,
                "knee stiffness": back % 5,
            }
            if back % 5 == 1:
                del values["cold"]
            store.replace_journal_day(TODAY - timedelta(days=back), values)


@pytest.mark.parametrize("size", SIZES)
def test_check_in(
    snap_compare: SnapCompare, folders: tuple[Path, Path], tmp_path: Path, size: str
) -> None:
    history = tmp_path / "history.sqlite3"
    store = open_history(history)
    assert store is not None
    with store:
        store.set_own_scale("knee stiffness")
    app = app_on(folders, history)

    async def one_answer_given(pilot: Pilot[Any]) -> None:
        await play_to_the_end(pilot, "wind-down")
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=one_answer_given)


def test_check_in_again_at_40x12(
    snap_compare: SnapCompare, folders: tuple[Path, Path], tmp_path: Path
) -> None:
    """`j` on a day with an entry: the sentence that it replaces it, and every scale, fit."""
    history = tmp_path / "history.sqlite3"
    store = open_history(history)
    assert store is not None
    with store:
        store.set_own_scale("knee stiffness")
        store.replace_journal_day(TODAY, {"sleep": 6})
    app = app_on(folders, history)

    async def again(pilot: Pilot[Any]) -> None:
        await play_to_the_end(pilot, "wind-down")
        await pilot.press("j")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES["40x12"], run_before=again)


@pytest.mark.parametrize("size", SIZES)
def test_summary_after_check_in(
    snap_compare: SnapCompare, folders: tuple[Path, Path], tmp_path: Path, size: str
) -> None:
    app = app_on(folders, tmp_path / "history.sqlite3")

    async def answered(pilot: Pilot[Any]) -> None:
        await play_to_the_end(pilot, "wind-down")
        await pilot.press("3", "tab", "t", "7")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=answered)


@pytest.mark.parametrize("size", SIZES)
def test_history_journal(
    snap_compare: SnapCompare, folders: tuple[Path, Path], tmp_path: Path, size: str
) -> None:
    history = tmp_path / "history.sqlite3"
    write_history(history)
    write_journal(history)
    app = app_on(folders, history)
    assert app.today() == TODAY

    async def to_the_journal(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=to_the_journal)


WORDS = {
    "test_check_in[80x24]": [
        "Journal for Wed 5 Mar",
        "0 to 10, one key each (t is 10)",
        "Numbness or tingling  3",
        "▸ Cold hands or feet    _",
        "Knee stiffness",
        "0 none · 10 the most",
        "Tab: pass · Esc: skip",
        "tab Pass  esc Skip the check-in",
    ],
    "test_check_in[40x12]": [
        "Journal for Wed 5 Mar",
        "▸ Cold hands or feet",
        "Knee stiffness",
        "╰",  # the whole box fits
        "tab Pass  esc Skip the check-in",
    ],
    "test_check_in_again_at_40x12": [
        "Journal for Wed 5 Mar",
        "Answering replaces today's entry.",
        "▸ Numbness or tingling",
        "Knee stiffness",
        "0 none · 10 the most",
        "╰",
        "esc Skip the check-in",
    ],
    "test_summary_after_check_in[80x24]": [
        "Well done.",
        "Journal    numbness 3, cramps 10, sleep 7",
        "Back to the library",
    ],
    "test_summary_after_check_in[40x12]": ["Well done.", "Journal    3 noted", "╰"],
    "test_history_journal[80x24]": [
        "Journal, 0 to 10 (· no entry)",
        "Numbness or tingling",
        "Sleep quality",
        "Knee stiffness",
        "0 on 5 Mar",
        "j Journal",
    ],
    "test_history_journal[40x12]": ["Journal, 0 to 10", "Numbness o…", "0 on 5 Mar", "j Journal"],
}


@pytest.mark.parametrize("name", WORDS)
def test_stored_journal_snapshots_show_the_right_words(name: str) -> None:
    path = STORED / f"{name}.svg"
    if not path.exists():
        pytest.fail(f"no stored snapshot {path.name}: run with --snapshot-update")
    lines = svg_lines(path.read_text(encoding="utf-8"))
    screen = "\n".join(lines)
    width, height = SIZES["40x12" if "40x12" in name else "80x24"]
    assert len(lines) == height
    assert all(len(line) <= width for line in lines)
    missing = [words for words in WORDS[name] if words not in screen]
    assert not missing, screen
    assert not any(word in screen.lower() for word in INTERPRETING)
