"""What the history adds to a program: days done and missed in `breathe program status` and
on the library's Today box, today's checklist ticked with `breathe program tick`, and a
session started from the Today box recorded as that program's day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, SelectionList

from breathe.cli import main
from breathe.core.options import PlayOptions
from breathe.history.store import Ended, NewSession, open_history
from breathe.library.locations import history_path
from breathe.library.state import start_program
from breathe.ui.app import BreatheApp, make_app
from breathe.ui.screens.detail import DetailScreen
from breathe.ui.screens.library import LibraryScreen
from breathe.ui.widgets.today import TodayBox
from tests.support.player import START, FakeClock, library_ready, screen_text
from tests.support.repo import BUNDLED_ROUTINES

PROGRAM = "circulation-60-day"
WATER = "Water through the day, within any fluid limit your clinician has set"  # item 3


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def app_at(folder: Path, now: Callable[[], datetime]) -> BreatheApp:
    """The app on the bundled routines (no user routines), silent, at the wall time `now`."""
    return make_app(
        bundled=BUNDLED_ROUTINES,
        user=folder / "none",
        clock=FakeClock(START),
        options=PlayOptions(sound="off"),
        now=now,
    )


@pytest.fixture
def started(isolated_user_dirs: Path) -> date:
    """The program started four days ago (today is day 5); days 1 and 3 were finished,
    day 2 only stopped, day 4 missed."""
    today = date.today()
    start = today - timedelta(days=4)
    start_program(PROGRAM, start)
    store = open_history(history_path())
    assert store is not None
    with store:
        for day, ended in ((1, Ended.FINISHED), (2, Ended.STOPPED), (3, Ended.FINISHED)):
            at = datetime.combine(start + timedelta(days=day - 1), datetime.min.time())
            session = store.start_session(
                NewSession(
                    "extended-exhale",
                    "Extended exhalation",
                    None,
                    at.astimezone(),
                    3,
                    program=PROGRAM,
                    day=day,
                )
            )
            store.update_session(session, practised_ms=400_000, steps_done=3, ended=ended)
    return start


def test_status_counts_days_done_and_missed(
    capsys: pytest.CaptureFixture[str], started: date
) -> None:
    code, out, _ = run(capsys, "program", "status")
    assert code == 0
    assert "Day 5 of 60" in out
    assert "2 days done, 2 missed" in out


def test_ticking_today_s_checklist(capsys: pytest.CaptureFixture[str], started: date) -> None:
    code, out, _ = run(capsys, "program", "tick", "3")
    assert (code, out) == (0, f"☑ {WATER}\n")
    assert f"  3 ☑ {WATER}" in run(capsys, "program", "status")[1]
    assert "  1 ☐ Magnesium" in run(capsys, "program", "status")[1]
    store = open_history(history_path())
    assert store is not None
    with store:
        assert store.ticked(date.today(), PROGRAM) == {WATER}
    code, out, _ = run(capsys, "program", "untick", WATER)
    assert (code, out) == (0, f"☐ {WATER}\n")
    assert f"  3 ☐ {WATER}" in run(capsys, "program", "status")[1]
    code, _, err = run(capsys, "program", "tick", "9")
    assert code == 2
    assert "`9` is not an item of the checklist; give a number from 1 to 4" in err


def test_ticking_without_a_program_says_so(
    capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path
) -> None:
    code, out, _ = run(capsys, "program", "tick", "1")
    assert code == 1
    assert "No program is active" in out


async def test_the_today_box_shows_progress_and_records_the_day(
    started: date, tmp_path: Path
) -> None:
    now = datetime.combine(date.today(), datetime.min.time()).replace(hour=20).astimezone()
    app = app_at(tmp_path, lambda: now)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert "2 days done, 2 missed" in screen_text(app)
        await pilot.press("enter")  # today's routine for now (the evening's), its detail
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    store = open_history(history_path())
    assert store is not None
    with store:
        last = store.sessions()[-1]
    assert (last.program, last.day, last.ended) == (PROGRAM, 5, Ended.STOPPED)


async def test_the_today_box_ticks_the_checklist_in_a_list_of_its_own(
    started: date, tmp_path: Path
) -> None:
    """Down from today's routines goes to the library, never into the checklist: Enter meant
    for a routine cannot tick a supplement. The checklist is reached with Tab; space ticks."""
    now = datetime.combine(date.today(), datetime.min.time()).replace(hour=8).astimezone()

    def morning_app() -> BreatheApp:
        return app_at(tmp_path, lambda: now)

    app = morning_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        routines = app.screen.query_one("#today-routines", OptionList)
        checklist = app.screen.query_one("#today-checklist", SelectionList)
        assert routines.has_focus
        await pilot.press(*["down"] * routines.option_count)
        assert app.screen.query_one(DataTable).has_focus  # past the routines: the library
        assert checklist.selected == []
        checklist.focus()
        water = next(
            index
            for index in range(checklist.option_count)
            if "Water through the day" in str(checklist.get_option_at_index(index).prompt)
        )
        checklist.highlighted = water
        await pilot.press("space")
        await pilot.pause()
        assert checklist.selected == [water]
        assert isinstance(app.screen, LibraryScreen)  # ticking opens nothing
    store = open_history(history_path())
    assert store is not None
    with store:
        assert store.ticked(date.today(), PROGRAM) == {WATER}
    app = morning_app()
    async with app.run_test(size=(100, 40)) as pilot:  # the tick is kept; space unticks
        await library_ready(pilot)
        await pilot.pause()
        checklist = app.screen.query_one("#today-checklist", SelectionList)
        assert checklist.selected == [water]
        checklist.focus()
        checklist.highlighted = water
        await pilot.press("space")
        await pilot.pause()
        assert checklist.selected == []
    with open_history(history_path()) as store:  # type: ignore[union-attr]
        assert store.ticked(date.today(), PROGRAM) == set()


async def test_the_today_box_follows_the_history_and_the_date(
    started: date, tmp_path: Path
) -> None:
    """Back from a session it shows the new progress; left open over midnight it moves on
    to the next day, and what was chosen on the old list is not acted on."""
    moment = [datetime.combine(date.today(), datetime.min.time()).replace(hour=20).astimezone()]
    app = app_at(tmp_path, lambda: moment[0])
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert "2 days done, 2 missed" in screen_text(app)
        store = app.history_store()
        assert store is not None  # a session of today, finished elsewhere (another window)
        session = store.start_session(
            NewSession(
                "extended-exhale", "Extended exhalation", None, moment[0], 3, program=PROGRAM, day=5
            )
        )
        store.update_session(session, practised_ms=400_000, steps_done=3, ended=Ended.FINISHED)
        await pilot.press("enter")  # today's routine, then back: the box is read again
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "3 days done, 2 missed" in screen_text(app)
        box = library.query_one("#today")
        assert "day 5 of 60" in str(box.border_title)
        moment[0] += timedelta(days=1)  # midnight passes, the app still open
        library.query_one("#today-routines").focus()  # where the person chooses
        await pilot.pause()
        await pilot.press("enter")  # chosen on yesterday's list: not opened
        await pilot.pause()
        assert app.screen is library and isinstance(library, LibraryScreen)
        assert "day 6 of 60" in str(box.border_title)
        library.check_for_news()  # the library's own periodic check: nothing more to do
        assert "day 6 of 60" in str(box.border_title)


async def test_tab_then_space_ticks_the_first_item(started: date, tmp_path: Path) -> None:
    now = datetime.combine(date.today(), datetime.min.time()).replace(hour=8).astimezone()
    app = app_at(tmp_path, lambda: now)
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.press("tab", "space")
        await pilot.pause()
        checklist = app.screen.query_one("#today-checklist", SelectionList)
        assert checklist.has_focus and checklist.selected == [0]


async def test_the_today_box_shows_what_another_terminal_changed(
    started: date, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`breathe program tick` and `stop` run elsewhere while the library is open: its
    periodic check fills the box again. Its own ticks are not news to it."""
    now = datetime.combine(date.today(), datetime.min.time()).replace(hour=8).astimezone()
    app = app_at(tmp_path, lambda: now)
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        box = library.query_one(TodayBox)
        checklist = library.query_one("#today-checklist", SelectionList)
        assert checklist.selected == [] and not box.has_news()

        await pilot.press("tab", "space")  # ticked here: written, and not news here
        await pilot.pause()
        assert checklist.selected == [0] and not box.has_news()

        assert run(capsys, "program", "tick", "3")[0] == 0  # another terminal
        assert box.has_news()
        checklist.highlighted = 1  # where the person is in the list
        library.check_for_news()
        await pilot.pause()
        assert sorted(checklist.selected) == [0, 2]
        assert checklist.highlighted == 1  # filled again, the same item still picked
        assert not box.has_news()

        assert run(capsys, "program", "stop")[0] == 0
        library.check_for_news()
        await pilot.pause()
        assert box.day is None and "day" not in str(box.border_title)
        assert "Start" in screen_text(app)  # the programs are offered again


def test_the_library_checks_for_news_every_few_seconds() -> None:
    assert 0 < LibraryScreen.NEWS_CHECK_SECONDS <= 2


async def test_under_a_session_the_today_box_waits_for_the_library_to_come_back(
    started: date, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The recorder writes the history at every step: the box is not read again under a
    session (mid-breath), but as soon as the library shows again."""
    now = datetime.combine(date.today(), datetime.min.time()).replace(hour=8).astimezone()
    app = app_at(tmp_path, lambda: now)
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        box = library.query_one(TodayBox)
        checklist = library.query_one("#today-checklist", SelectionList)
        await pilot.press("enter", "s")  # today's routine for now, started
        await pilot.pause()
        assert app.screen is not library
        assert run(capsys, "program", "tick", "1")[0] == 0  # another terminal
        library.check_for_news()
        assert box.has_news() and checklist.selected == []  # not read under the session
        await pilot.press("q", "y")  # stop, then the summary
        await pilot.pause()
        await pilot.press("enter")  # back to the library
        await pilot.pause()
        assert app.screen is library
        assert checklist.selected == [0] and not box.has_news()
