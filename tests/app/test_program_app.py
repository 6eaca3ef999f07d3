"""The app with programs and the safety notice, through Pilot: the Today box, the first-run
notice (dismissed for good, it stays away), the About screen, and each routine's own
safety note on its detail screen."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from textual.widgets import (
    Button,
    DataTable,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
)

from breathe.core.options import PlayOptions
from breathe.history.store import Ended, NewSession, open_history
from breathe.library.locations import history_path
from breathe.library.state import active_program, load_state, start_program, state_path
from breathe.ui.app import BreatheApp, make_app
from breathe.ui.screens.detail import DetailScreen
from breathe.ui.screens.library import LibraryScreen
from breathe.ui.screens.notice import NoticeScreen
from breathe.ui.screens.program import ProgramScreen
from breathe.ui.screens.program_start import ProgramStartScreen
from breathe.ui.screens.program_stop import ConfirmProgramStop
from breathe.ui.screens.session import SessionScreen
from breathe.ui.widgets.today import TodayBox
from tests.support.player import library_ready, screen_text
from tests.support.repo import BUNDLED_ROUTINES
from tests.support.toasts import toasts

EVENING = datetime(2025, 3, 8, 19, 30)  # day 8 of a program started on 1 March
MORNING = EVENING.replace(hour=7)


def app_at(moment: datetime, user: Path, *, notice: bool = False) -> BreatheApp:
    app = make_app(bundled=BUNDLED_ROUTINES, user=user, options=PlayOptions(sound="off"))
    app.now = lambda: moment
    app.notice_on_start = notice
    return app


async def test_no_program_no_today_box(user_routines: Path) -> None:
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert app.screen.query_one(DataTable).has_focus
        assert "Today" not in screen_text(app)


async def test_made_short_the_today_box_still_shows_the_routine_for_now(
    user_routines: Path,
) -> None:
    """A small terminal shows one line of today's routines: the highlighted one, also
    when the terminal is made small with the library open."""
    start_program("circulation-60-day", date(2025, 3, 1))
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert app.screen.has_class("-compact")
        lines = screen_text(app).splitlines()
        assert any("evening" in line for line in lines), lines
        assert not any("morning" in line for line in lines), lines


async def test_today_box_shows_the_day_and_enter_opens_the_routine_for_now(
    user_routines: Path,
) -> None:
    start_program("circulation-60-day", date(2025, 3, 1))
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        box = app.screen.query_one(TodayBox)
        assert box.border_title == "Today · day 8 of 60"
        options = box.query_one(OptionList)
        assert options.has_focus
        assert [planned.routine for planned in box.planned] == [
            "joint-mobility",
            "slow-walking",
            "extended-exhale",
        ]
        assert options.highlighted == 2  # evening: the evening routine
        text = screen_text(app)
        assert "60 days of gentle movement and breathing · Wake up the joints" in text
        assert "Extended exhalation" in text and "now" in text
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.entry.name == "extended-exhale"
        await pilot.press("escape")
        await pilot.press("up", "enter")  # the afternoon routine
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.entry.name == "slow-walking"
        await pilot.press("escape")
        options = app.screen.query_one(TodayBox).query_one(OptionList)
        assert options.highlighted == 1
        # Past the last routine, on to the library (the checklist is a list of its own).
        assert options.option_count == 3
        await pilot.press("down", "down")
        assert app.screen.query_one(DataTable).has_focus


async def test_in_the_morning_the_morning_routine(user_routines: Path) -> None:
    start_program("circulation-60-day", date(2025, 2, 20))  # day 17: week 3
    app = app_at(MORNING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        box = app.screen.query_one(TodayBox)
        assert box.border_title == "Today · day 17 of 60"
        assert box.planned[box.query_one(OptionList).highlighted or 0].routine == (
            "coherent-breathing-beginner"
        )


async def test_a_program_not_started_yet_or_finished(user_routines: Path) -> None:
    start_program("circulation-60-day", date(2025, 3, 10))
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert "Starts on 2025-03-10, in 2 days." in screen_text(app)
        assert app.screen.query_one(DataTable).has_focus
    start_program("circulation-60-day", EVENING.date() - timedelta(days=60))
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert "Finished on 2025-03-07: all 60 days. Well done." in screen_text(app)


async def test_first_run_notice_dismissed_for_good_is_not_shown_next_launch(
    user_routines: Path,
) -> None:
    app = app_at(EVENING, user_routines, notice=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        text = screen_text(app)
        for words in ("Before you practise", "educational, not medical advice", "kidney disease"):
            assert words in text
        await pilot.press("d")
        assert isinstance(app.screen, LibraryScreen)
    assert load_state().notice_dismissed

    again = app_at(EVENING, user_routines, notice=True)
    async with again.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert isinstance(again.screen, LibraryScreen)
        assert not any(isinstance(screen, NoticeScreen) for screen in again.screen_stack)


async def test_show_next_time_closes_it_for_now_only(user_routines: Path) -> None:
    """The default button (Enter) dismisses it for good: tests/app/test_first_run_notice."""
    for _ in range(2):
        app = app_at(EVENING, user_routines, notice=True)
        async with app.run_test(size=(100, 32)) as pilot:
            await library_ready(pilot)
            await pilot.pause()
            assert isinstance(app.screen, NoticeScreen)
            assert app.screen.query_one("#for-good", Button).has_focus
            await pilot.press("escape")
            assert isinstance(app.screen, LibraryScreen)
    assert not load_state().notice_dismissed


async def test_a_damaged_state_file_keeps_the_notice_and_the_file(user_routines: Path) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text("{oops")
    app = app_at(EVENING, user_routines, notice=True)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("d")
        await pilot.pause(0.2)
        assert isinstance(app.screen, LibraryScreen)
        assert any("\nThis could not be remembered: the state file" in note for note in toasts(app))
        about = app.screen.query_one("#today-about", Static)
        assert "is not valid JSON" in str(about.render())  # the Today box says why, too
    assert path.read_text() == "{oops"


async def test_the_notice_comes_before_a_session(user_routines: Path) -> None:
    app = app_at(EVENING, user_routines, notice=True)
    app.catalog.list_folders()  # as `breathe play` does before it starts the app
    app.play = app.catalog.entries["extended-exhale"]
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        assert not any(isinstance(screen, SessionScreen) for screen in app.screen_stack)
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)


async def test_about_screen_shows_the_same_words(user_routines: Path) -> None:
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "About breathe" in titles
        app.action_about()
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        assert not app.screen.first_run
        text = screen_text(app)
        assert "About breathe" in text and "Before you practise" not in text
        assert "educational, not medical advice" in text and "Close" in text
        assert "Don't show again" not in text
        await pilot.press("d")  # only the first-run notice is dismissed for good
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
    assert not state_path().exists()


async def test_each_routine_shows_its_own_safety_note_before_it_starts(
    user_routines: Path,
) -> None:
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        with_notes = [
            entry
            for entry in app.catalog.sorted_entries()
            if entry.routine and entry.routine.safety
        ]
        assert len(with_notes) >= 10
        for entry in with_notes:
            app.open_routine(entry)
            await pilot.pause()
            assert isinstance(app.screen, DetailScreen)
            notes = [str(note.render()) for note in app.screen.query(".safety").results(Static)]
            assert entry.routine is not None
            assert any(" ".join(entry.routine.safety.split()) in " ".join(n.split()) for n in notes)
            await pilot.press("escape")


async def test_without_a_program_the_library_offers_one_to_look_at_and_start(
    user_routines: Path,
) -> None:
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        box = app.screen.query_one(TodayBox)
        assert box.display and box.border_title == "Programs"
        assert "Start  60 days of gentle movement and breathing  ·  60 days" in screen_text(app)
        assert app.screen.query_one(DataTable).has_focus  # routines first; the offer is above
        await pilot.press("up")  # from the table's first row, up to the offer
        options = box.query_one(OptionList)
        assert options.has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgramStartScreen)
        text = screen_text(app)
        assert "Start a program · 60 days" in text
        assert "Safety  Talk to your doctor before you begin" in text
        await pilot.press("escape")  # not now: nothing started
        await pilot.pause()
        assert active_program() is None
        assert box.border_title == "Programs"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        started = active_program()
        assert started is not None and started.name == "circulation-60-day"
        assert started.started == EVENING.date()
        assert box.border_title == "Today · day 1 of 60"
        assert box.planned and options.has_focus


async def test_the_start_screen_offers_the_alternatives_and_keeps_the_choice(
    user_routines: Path,
) -> None:
    """Someone with glaucoma chooses constructive rest for legs up the wall once, as the
    program starts; the forward bend stays as planned."""
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.press("up", "enter")  # the offer of the bundled program
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgramStartScreen)
        text = " ".join(str(s.render()) for s in screen.query(Static).results(Static))
        assert "Instead of Legs up the wall?" in text
        assert "Instead of Seated forward bend?" in text
        assert "peripheral artery disease" in text
        legs = screen.query_one("#choice-0", RadioSet)
        assert [str(b.label) for b in legs.query(RadioButton).results(RadioButton)] == [
            "Legs up the wall, as planned",
            "Constructive rest",
            "Legs on a chair",
        ]
        assert legs.pressed_index == 0  # as planned, unless chosen
        legs.focus()
        await pilot.press("down", "enter")  # Constructive rest
        await pilot.press("s")
        await pilot.pause()
        started = active_program()
        assert started is not None
        assert started.choices == {"legs-up-the-wall": "constructive-rest"}
        assert "Constructive rest instead of Legs up the wall" in screen_text(app)


async def test_the_today_box_plays_the_alternative_chosen_inside_the_daily_session(
    user_routines: Path,
) -> None:
    start = MORNING.date() - timedelta(days=28)  # day 29: the daily session, in the morning
    start_program("circulation-60-day", start, instead={"legs-up-the-wall": "legs-on-a-chair"})
    app = app_at(MORNING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        box = app.screen.query_one(TodayBox)
        assert box.border_title == "Today · day 29 of 60"
        text = screen_text(app)
        assert "Legs on a chair instead of Legs up the wall" in text
        assert "25:06" in text  # the session as it plays: legs on a chair is 5 s shorter
        await pilot.press("enter")  # the routine for now: the daily session
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        assert detail.entry.name == "circulation-and-nerve-recovery"
        titles = [step.title for step in detail.timeline.steps]
        assert not any("up the wall" in title.lower() for title in titles), titles
        assert any("chair" in title.lower() for title in titles[-6:]), titles
        notes = " ".join(" ".join(detail.timeline.safety).split())
        assert "Even a gentle inversion" not in notes  # legs up the wall's own note
        chair = app.catalog.entries["legs-on-a-chair"].routine
        assert chair is not None
        assert " ".join(chair.safety.split())[:60] in notes  # legs on a chair's
        # The same routine opened from the library is the routine as written.
        await pilot.press("escape")
        app.open_routine(app.catalog.entries["circulation-and-nerve-recovery"])
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert any("up the wall" in step.title.lower() for step in app.screen.timeline.steps)


# -- the checklist's keys, the Program screen, stopping a program (issue 16 §7) ------------

CHECKLIST_FIRST = "Magnesium in the evening, as your own clinician advises"


def footer_line(app: BreatheApp) -> str:
    return screen_text(app).splitlines()[-1]


def record_session(day: date, number: int) -> None:
    """A finished session of the circulation program's day `number`, on `day`."""
    store = open_history(history_path())
    assert store is not None
    with store:
        at = datetime.combine(day, datetime.min.time()).replace(hour=9).astimezone()
        session = store.start_session(
            NewSession(
                "extended-exhale",
                "Extended exhalation",
                None,
                at,
                3,
                program="circulation-60-day",
                day=number,
            )
        )
        store.update_session(session, practised_ms=400_000, steps_done=3, ended=Ended.FINISHED)


async def test_the_checklist_shows_boxes_and_space_reaches_and_ticks_it(
    user_routines: Path,
) -> None:
    """Each item has its box, ☐ or ☑ (not a dim X, which reads as done or rejected); space
    goes to the checklist from the routines or the table (never into the filter), and ticks
    there; the footer says so at each place."""
    start_program("circulation-60-day", date(2025, 3, 1))
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        text = screen_text(app)
        assert f"☐ {CHECKLIST_FIRST}" in text
        assert "X " + CHECKLIST_FIRST not in text
        assert "Daily checklist  ·  space to tick" in text
        assert "space Checklist" in footer_line(app) and "p Program" in footer_line(app)
        await pilot.press("space")  # from today's routines
        checklist = app.screen.query_one("#today-checklist", SelectionList)
        assert checklist.has_focus
        assert "space Tick / untick" in footer_line(app)
        await pilot.press("space")
        await pilot.pause()
        assert checklist.selected == [0]
        text = screen_text(app)
        assert f"☑ {CHECKLIST_FIRST}" in text
        assert "space ticks ☑ or unticks ☐" in text
        await pilot.press("escape")  # back up to today's routines; the filter untouched
        assert app.screen.query_one("#today-routines", OptionList).has_focus
        app.screen.query_one(DataTable).focus()
        await pilot.press("space")  # from the table too
        assert checklist.has_focus
        assert app.screen.query_one("#filter", Input).value == ""
    with open_history(history_path()) as store:  # type: ignore[union-attr]
        assert store.ticked(EVENING.date(), "circulation-60-day") == {CHECKLIST_FIRST}


async def test_without_a_program_space_and_p_type_nothing_odd(user_routines: Path) -> None:
    """No program: the footer offers neither key; p filters, a space never starts a filter."""
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert "Checklist" not in footer_line(app) and "Program" not in footer_line(app)
        await pilot.press("space")
        assert app.screen.query_one("#filter", Input).value == ""
        await pilot.press("p")
        assert app.screen.query_one("#filter", Input).value == "p"


async def test_the_palette_offers_the_program_and_the_checklist(user_routines: Path) -> None:
    start_program("circulation-60-day", date(2025, 3, 1))
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Program" in titles and "Checklist" in titles
        app.screen.query_one("#today-checklist").focus()
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Tick / untick" in titles


async def test_p_shows_the_program_its_status_and_all_its_days(user_routines: Path) -> None:
    """The Program screen says what `breathe program status` says, draws the journal, and
    lists all 60 days: what each plays, the lighter days, the days done, today picked."""
    start_program("circulation-60-day", date(2025, 3, 1))
    for number in (1, 2, 5):
        record_session(date(2025, 3, number), number)
    with open_history(history_path()) as store:  # type: ignore[union-attr]
        store.journal_answer(date(2025, 3, 7), "sleep", 7, replace_day=True)
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgramScreen)
        text = screen_text(app)
        assert "60 days of gentle movement and breathing" in text
        assert "Day 8 of 60  ·  week 2: Wake up the joints, and walk" in text
        assert "Started 2025-03-01; the last day is 2025-04-29." in text
        assert "3 days done, 4 missed" in text
        assert "Journal (0 to 10, · no entry)" in text and "Sleep quality" in text
        assert "All 60 days, every 7th lighter" in text
        assert "esc Back" in footer_line(app) and "s Stop program" in footer_line(app)
        days = screen.query_one(DataTable)
        assert days.row_count == 60
        assert days.cursor_row == 7  # today, day 8
        assert days.has_focus
        lines = text.splitlines()
        today = next(line for line in lines if line.lstrip().startswith("▸"))
        assert " 8 " in today and "Sat 8 Mar" in today and "Joint mobility" in today
        assert any(line.split()[:2] == ["✓", "5"] for line in lines if line.strip())
        assert any("A lighter day" in line and " 14 " in line for line in lines)
        assert "as day 8" in text  # a stage's days play the same: said once
        await pilot.press("end")
        await pilot.pause()
        assert " 60 " in screen_text(app)  # the last day, whatever the screen's height
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert active_program() is not None


async def test_the_program_is_stopped_after_a_confirmation_and_the_history_kept(
    user_routines: Path,
) -> None:
    start_program("circulation-60-day", date(2025, 3, 1))
    record_session(date(2025, 3, 2), 2)
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.press("p", "s")
        await pilot.pause()
        asking = app.screen
        assert isinstance(asking, ConfirmProgramStop)
        text = screen_text(app)
        assert "Stop following 60 days of gentle movement and breathing?" in text
        assert "Your history is kept" in text
        assert "--date 2025-03-01" in text  # how to take it up again where it is
        await pilot.press("n")  # keep it
        await pilot.pause()
        program = app.screen  # a fresh name: app.screen was narrowed to the dialog above
        assert isinstance(program, ProgramScreen)
        assert active_program() is not None
        await pilot.press("s", "y")
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert active_program() is None
        box = library.query_one(TodayBox)
        assert box.border_title == "Programs"  # it offers programs to start again
        assert "Program" not in footer_line(app)
        await pilot.pause()
        assert any("Your history is kept" in toast for toast in toasts(app)), toasts(app)
    with open_history(history_path()) as store:  # type: ignore[union-attr]
        assert [record.day for record in store.sessions()] == [2]


async def test_at_40x12_space_shows_the_checklist_while_it_is_ticked(
    user_routines: Path,
) -> None:
    """A small terminal leaves the checklist out of the box; space brings it in to tick,
    Esc folds it away again."""
    start_program("circulation-60-day", date(2025, 3, 1))
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(40, 12)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert "☐" not in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        checklist = app.screen.query_one("#today-checklist", SelectionList)
        assert checklist.has_focus
        assert "☐ Magnesium in the evening" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert "☑ Magnesium in the evening" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "☑" not in screen_text(app)
    with open_history(history_path()) as store:  # type: ignore[union-attr]
        assert store.ticked(EVENING.date(), "circulation-60-day") == {CHECKLIST_FIRST}


async def test_stopping_says_how_to_take_it_up_again_with_the_alternatives_chosen(
    user_routines: Path,
) -> None:
    """Someone who chose constructive rest for their eyes gets it back when they take the
    program up again with the command the dialog gives."""
    start_program(
        "circulation-60-day", date(2025, 3, 1), instead={"legs-up-the-wall": "constructive-rest"}
    )
    app = app_at(EVENING, user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert "Chosen for the whole program: Constructive rest instead of Legs up the wall" in (
            screen_text(app)
        )
        await pilot.press("s")
        await pilot.pause()
        again = str(app.screen.query_one("#stop-again", Static).render())
        assert again.endswith("--date 2025-03-01 --instead legs-up-the-wall=constructive-rest")
