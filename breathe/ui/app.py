"""The Textual app: library, detail, session and summary screens."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import signal
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding

from breathe.core.options import PlayOptions
from breathe.core.problems import RoutineFileError
from breathe.library.catalog import Catalog, Entry
from breathe.library.locations import bundled_routines_dir, history_path, user_routines_dir
from breathe.library.routine_choices import RoutineChoices
from breathe.library.state import (
    StateFileError,
    hide_safety_note,
    notice_due,
    remember_sound_notice,
    safety_note_due,
    sound_notice_due,
)
from breathe.ui.sound import AppSound
from breathe.ui.themes import offer_themes

# What only a session needs (the engine, the timeline's transforms, the session screen)
# is imported when the first session starts: the library's first frame does not wait for
# it. (`breathe play` imports them before its first frame anyway, to read the routine.)
if TYPE_CHECKING:
    from datetime import date

    from textual.screen import Screen
    from textual.theme import Theme

    from breathe.audio.cue_player import CuePlayer
    from breathe.audio.cues import Cue
    from breathe.core.engine import Clock, SessionEnded
    from breathe.core.timeline import Timeline
    from breathe.history.recorder import Now, Recorder
    from breathe.history.store import HistoryStore
    from breathe.library.watch import RoutineWatch
    from breathe.ui.live import LiveRoutine
    from breathe.ui.screens.library import LibraryScreen
    from breathe.ui.screens.session import SessionScreen
    from breathe.ui.widgets.today import TodayBox


class BreatheApp(App["SessionEnded | None"]):
    """Guided breathing and gentle yoga.

    With `play`, the app starts that routine at once; when it ends, its summary stays
    until the person leaves (or plays it again), and the app returns the engine's
    SessionEnded (for `breathe play`); otherwise it opens on the library.
    """

    TITLE = "breathe"
    # No icon in the header: Textual's ⭘ is its own mark, not a calm one; the title is enough.
    CSS = "HeaderIcon { visibility: hidden; }"
    # Ctrl+C too: people press it to leave a terminal program (Textual would only say to
    # use Ctrl+Q); the session ends, recorded, as it does for Ctrl+Q.
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, system=True),  # once in help
    ]
    notice_on_start = False  # show the first-run notice (run_app, breathe play): screens/notice

    def __init__(
        self,
        catalog: Catalog,
        *,
        options: PlayOptions | None = None,
        clock: Clock | None = None,
        play: Entry | None = None,
        history: Path | None = None,
        now: Now | None = None,
        live: RoutineWatch | None = None,
        program: str | None = None,
        day: int | None = None,
    ) -> None:
        super().__init__()
        self.live = live  # `play FILE --watch`: a detail screen that follows the file
        self.live_view: LiveRoutine | None = None
        self.catalog = catalog
        self.options = options or PlayOptions()
        self._clock = clock  # None: breathe.core.engine's, whole ms of CLOCK_MONOTONIC
        self._freezing = False  # whether the app froze its start-up (see on_mount)
        self.play = play
        self.play_program = (program, day)  # recorded with `play`, for `breathe today`
        self.sound = AppSound(self, self.options.sound, self.options.volume, self._sound_failed)
        self.sound_problem: str | None = None  # why there is no sound, once known
        self.history_path = history or history_path()
        # Wall-clock time for the history (the session itself runs on `clock`).
        self.now: Now = now or _local_now
        self.history_error: str | None = None  # why the history cannot be used, if so
        self._history: HistoryStore | None = None
        self._history_closed = False  # the app has ended, and closed it
        self._signals: dict[int, Callable[..., object] | int | None] = {}
        self.exit_signal: int | None = None  # the signal that ended the app, if one did
        self.play_ended: SessionEnded | None = None  # `play`: the last session's end
        # The tempo and length of each routine: chosen on its page or in its session,
        # remembered in the state file, or the command line's and settings' (see there).
        self.routine_choices = RoutineChoices(self.options)
        offer_themes(self)  # breathe's own, each checked for contrast; not Textual's twenty
        self.theme = self.options.theme
        if live is None:  # `play --watch` opens on the routine's page
            self._read_first_screen_styles_at_start()

    def _read_first_screen_styles_at_start(self) -> None:
        """The first screen's styles (`breathe play`'s session, else the library's) are
        read with the app's own, and parsed once as the app starts. Read as Textual does
        when the screen is first pushed, they made it parse every style read so far again
        and restyle the app, just before the first frame (about 15 ms of the session's,
        under load; 8 ms of the library's in a trace)."""
        first: type[SessionScreen | LibraryScreen]
        if self.play is not None:
            from breathe.ui.screens.session import SessionScreen as first
        else:  # not the session's module: the library's first frame does not wait for it
            from breathe.ui.screens.library import LibraryScreen as first
        folder = Path(inspect.getfile(first)).parent
        self.css_path = [*self.css_path, (folder / first.CSS_PATH).resolve()]

    @property
    def clock(self) -> Clock:
        """The sessions' clock: the one given, else the engine's (imported when first
        asked for, as a session starts)."""
        if self._clock is None:
            from breathe.core.engine import monotonic_ms

            self._clock = monotonic_ms
        return self._clock

    @property
    def return_value(self) -> SessionEnded | None:
        """With `play`, the last session's end from the moment it ends: the summary stays
        on screen, and however the app is then left, `breathe play` prints its line."""
        returned = super().return_value
        return self.play_ended if returned is None and self.play is not None else returned

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette offers the keys the footer shows (pause, next, stop...), then Textual's."""
        textual_commands = list(super().get_system_commands(screen))
        seen = {command.title for command in textual_commands}  # one Quit, not two
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or active.node is self or binding.description in seen:
                continue
            seen.add(binding.description)
            yield SystemCommand(
                binding.description,
                f"key: {self.get_key_display(binding)}",
                partial(self.run_action, binding.action, active.node),
            )
        from breathe.ui.screens.history import HistoryScreen

        if "History" not in seen and not (
            isinstance(screen, HistoryScreen) or screen in self._session_screens()
        ):
            yield SystemCommand(
                "History", "your practice: calendar, streaks, minutes", self.action_history
            )
        yield SystemCommand(
            "About breathe", "the safety notice: educational, not medical advice", self.action_about
        )
        yield from textual_commands

    def action_about(self) -> None:
        from breathe.ui.screens.notice import NoticeScreen

        self.push_screen(NoticeScreen(first_run=False))

    def _collect_garbage_from_now_on(self) -> None:
        """After the first frame: what start-up made (with collection off, see breathe.cli)
        lives as long as the app, so it is frozen out of every later collection, which then
        looks only at what sessions make: no full collection of Textual's objects
        mid-breath."""
        if not gc.isenabled():  # started by the command line (in tests, collection stays on)
            self._freezing = True
            gc.freeze()
            gc.enable()

    def _freeze_what_the_session_keeps(self) -> None:
        """Once a session's screen is painted: what it keeps for its whole length (the
        routines read after the library's first frame, the timeline, the screen's widgets)
        joins what start-up froze. A full collection would otherwise walk all of it on the
        event loop's thread, holding the GIL for tens of milliseconds, while the sound
        device's thread, which needs the GIL every few milliseconds, waits mid-breath."""
        if self._freezing:
            gc.freeze()

    def on_session_screen_began(self, _: SessionScreen.Began) -> None:
        """Freeze again as the session begins: by then the sound device is open and the
        voice's first minute made, and their modules (miniaudio; piper, onnxruntime and
        numpy), imported after the screen's first paint, would otherwise be walked by every
        full collection of the session (16-43 ms each, against 8-11 ms frozen, measured
        under load with the voice and sound on)."""
        self._freeze_what_the_session_keeps()

    def on_mount(self) -> None:
        self.call_after_refresh(self._collect_garbage_from_now_on)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._handle_signals()
        if self.options.reduced_motion:
            self.animation_level = "none"
        # In a worker, started once the first frame is drawn: started here, its imports
        # and reading the cues took the GIL from the first frame's making (120-135 ms of
        # the worker's CPU before `breathe play`'s first frame, under load).
        self.call_after_refresh(self.sound.open)
        if self.live is not None:
            from breathe.ui.live import LiveRoutine

            self.live_view = LiveRoutine(self, self.live, self.start_session, self.routine_choices)
            self.live_view.start()
        elif self.play is not None:
            program, day = self.play_program
            start = partial(
                self.start_session,
                self.play,
                self.catalog.timeline(self.play),
                program=program,
                day=day,
            )
            if self.notice_on_start and notice_due():  # the notice comes before the session
                from breathe.ui.screens.notice import show_notice_then

                show_notice_then(self, start)
            else:
                start()
        else:
            from breathe.ui.screens.library import LibraryScreen  # not needed by `breathe play`

            self.push_screen(LibraryScreen(self.catalog, self))
            if self.notice_on_start and notice_due():  # over the library: what comes next
                from breathe.ui.screens.notice import show_notice_then

                show_notice_then(self, lambda: None)

    def _remember_theme(self, theme: Theme) -> None:
        """A theme chosen in the palette is the one the app opens in next time: it is
        written to the settings file (only its `theme` line), where a person can see it."""
        from breathe.library.locations import settings_path
        from breathe.library.settings import SettingsError, remember_theme

        try:
            remember_theme(settings_path(), theme.name)
        except (SettingsError, OSError) as error:
            self.notify(
                f"The settings file could not be written: {error}",
                title=f"{theme.name} is used until breathe closes",
                severity="warning",
                timeout=10,
                markup=False,
            )

    @property
    def cue_player(self) -> CuePlayer | None:
        """The player, once the device is open (see breathe.ui.sound)."""
        return self.sound.player

    def when_sound_ready(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the session's sounds can be heard, or sound has failed."""
        self.sound.when_ready(callback)

    def _sound_failed(self, reason: str) -> None:
        """Say why the cues do not play through a sound device: once, calmly, covering
        nothing.

        A session says it on its status line (for that session). The library says it in a
        quiet line below its routines, once: the state file remembers the reason said, and
        it is said again only when the reason changes (another missing piece). `breathe
        play` says it in the shell afterwards, on the same terms (breathe.cli.play).
        """
        self.sound_problem = reason
        for screen in self._session_screens():
            screen.show_sound_problem(reason)
        if self.play is None:
            self._say_sound_notice_once(reason)

    def _say_sound_notice_once(self, reason: str) -> None:
        from breathe.ui.screens.library import LibraryScreen
        from breathe.ui.sound_notice import sound_line

        libraries = [screen for screen in self.screen_stack if isinstance(screen, LibraryScreen)]
        if not libraries or not sound_notice_due(reason):
            return
        libraries[0].show_sound_notice(sound_line(reason))
        with contextlib.suppress(StateFileError, OSError):  # then it is said again next time
            remember_sound_notice(reason)

    def play_cues(self, cues: list[Cue]) -> None:
        self.sound.play(cues)

    def on_unmount(self) -> None:
        try:
            self.sound.close()
            self._restore_signals()
        finally:
            self._close_history()

    def _close_history(self) -> None:
        """The app opened the history (on first use), so the app closes it, as it ends:
        Textual unmounts every screen before the app, so each has recorded its session by
        then. Closing checkpoints the WAL, so the file is whole on its own. It is not opened
        again after that."""
        self._history_closed = True
        if self._history is not None:
            self._history.close()
            self._history = None

    # -- signals: a session ended by kill, Ctrl+C from outside or a closed terminal --

    def _handle_signals(self) -> None:
        """SIGINT, SIGTERM and SIGHUP stop the session, record it, and exit cleanly.

        Textual's Linux driver sets handlers only for SIGWINCH, SIGTSTP and SIGCONT (and
        reads Ctrl+C as a key in raw mode), so these three are free. They go through the
        event loop (`add_signal_handler`), so the handler runs between callbacks, never in
        the middle of one.
        """
        try:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                previous = signal.getsignal(signum)
                loop.add_signal_handler(signum, self.stop_for_signal, signum)
                self._signals[signum] = previous
        except (ValueError, RuntimeError, NotImplementedError):  # not the main thread
            pass

    def _restore_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for signum, previous in self._signals.items():
            loop.remove_signal_handler(signum)
            if previous is not None:
                signal.signal(signum, previous)
        self._signals.clear()

    def stop_for_signal(self, signum: int) -> None:
        """Record every session in progress as stopped, with its exact time, then exit."""
        self.exit_signal = signum
        self._end_sessions_and_exit()

    async def action_quit(self) -> None:
        """Ctrl+Q, the emergency exit: no question. A session in progress ends at once,
        recorded as stopped, and `breathe play` still prints its one-line summary."""
        self._end_sessions_and_exit()

    def _session_screens(self) -> list[SessionScreen]:
        """The session screens in the stack. None before the first session: its module,
        imported when a session first starts, is not even loaded (and a quit from the
        library does not load it just to look)."""
        module = sys.modules.get("breathe.ui.screens.session")
        if module is None:
            return []
        return [screen for screen in self.screen_stack if isinstance(screen, module.SessionScreen)]

    def _end_sessions_and_exit(self) -> None:
        ended: SessionEnded | None = None
        for screen in self._session_screens():
            ended = screen.end_now() or ended
        self.exit((ended or self.play_ended) if self.play is not None else None)

    # -- history --

    def history_store(self) -> HistoryStore | None:
        """The history, opened on first use; None (and `history_error`) if it is unusable,
        and None once the app has ended."""
        # sqlite3 is imported here, when a session or a screen first needs the history.
        from breathe.history.store import HistoryError, open_history

        if self._history is None and self.history_error is None and not self._history_closed:
            try:
                self._history = open_history(self.history_path)
            except HistoryError as error:
                self.history_error = str(error)
        return self._history

    def today(self) -> date:
        return self.now().date()

    def action_history(self) -> None:
        from breathe.ui.screens.history import read_history_screen

        self.push_screen(read_history_screen(self, self.today()))

    def _recorder(
        self,
        entry: Entry,
        timeline: Timeline,
        program: str | None,
        day: int | None,
        from_step: int = 1,
    ) -> Recorder | None:
        from breathe.core.from_step import left_out
        from breathe.history.recorder import Played, Recorder, file_sha256

        store = self.history_store()
        if store is None:
            if self.history_error is not None:
                self._history_failed(self.history_error)
            return None
        played = Played(
            routine=entry.name,
            title=timeline.title,
            file_sha256=file_sha256(entry.path),
            tempo=float(self.routine_choices.tempo(entry.name)),
            program=program,
            day=day,
            left_out=left_out(timeline, from_step),  # honest: not the whole routine
        )
        return Recorder(store, played, now=self.now, on_error=self._history_failed)

    def _history_failed(self, reason: str) -> None:
        self.notify(
            reason,
            title="History is not being recorded",
            severity="warning",
            timeout=15,
            markup=False,
        )

    def open_routine(
        self,
        entry: Entry,
        *,
        program: str | None = None,
        day: int | None = None,
        instead: Mapping[str, str] | None = None,
    ) -> None:
        """The routine's detail, then its session (recorded as `program`'s `day`, if given;
        `instead`: the program's alternatives chosen, played in place of what it includes)."""
        try:
            timeline = self.catalog.choosing(instead or {}).timeline(entry)
        except RoutineFileError as error:
            self.notify(
                str(error.first), title=f"{entry.name} has problems", severity="error", markup=False
            )
            return

        def chosen(start: bool | None) -> None:
            if start:
                again = partial(self.open_routine, entry, program=program, day=day, instead=instead)
                self.start_session(
                    entry, timeline, program=program, day=day, back=again, from_step=page.from_step
                )

        from breathe.ui.screens.detail import DetailScreen

        page = DetailScreen(entry, timeline, choices=self.routine_choices)
        self.push_screen(page, chosen)

    def on_library_screen_open_routine(self, message: LibraryScreen.OpenRoutine) -> None:
        self.open_routine(message.entry)

    def on_today_box_open_routine(self, message: TodayBox.OpenRoutine) -> None:
        self.open_routine(
            message.entry, program=message.program, day=message.day, instead=message.instead
        )

    def start_session(
        self,
        entry: Entry,
        timeline: Timeline,
        *,
        program: str | None = None,
        day: int | None = None,
        back: Callable[[], None] | None = None,
        from_step: int | None = None,
    ) -> None:
        """Play `timeline`; `program` and `day` are recorded with it when it is a program's.

        Every session starts here, so here its safety note comes first (the routine's own
        and its includes'), unless the person chose not to see this routine's note again.
        Back on the note starts nothing: `back` is called (the routine's page again), or
        `breathe play` ends, or `--watch` shows the routine's page. It starts from step
        `from_step` (numbered from 1), else from the one the options say (`--from-step`).
        """
        number = self.options.from_step if from_step is None else from_step
        begin = partial(
            self._begin_session, entry, timeline, program=program, day=day, from_step=number
        )
        if not timeline.safety or not safety_note_due(entry.name):
            begin()
            return
        from breathe.ui.screens.safety_note import SafetyChoice, SafetyNoteScreen

        def chosen(choice: SafetyChoice | None) -> None:
            if choice is SafetyChoice.BEGIN_AND_HIDE:
                self._hide_safety_note(entry.name)
            if choice in (SafetyChoice.BEGIN, SafetyChoice.BEGIN_AND_HIDE):
                begin()
            elif self.live_view is not None:
                self.live_view.open_detail()
            elif self.play is not None:
                self.exit(self.play_ended)
            elif back is not None:
                back()

        title = entry.routine.title if entry.routine else entry.name
        self.push_screen(SafetyNoteScreen(title, timeline.safety), chosen)

    def _hide_safety_note(self, routine: str) -> None:
        try:
            hide_safety_note(routine)
        except (StateFileError, OSError) as error:
            from breathe.ui.screens.notice import say_not_remembered

            say_not_remembered(self, "Safety note", error)

    def _begin_session(
        self,
        entry: Entry,
        timeline: Timeline,
        *,
        program: str | None,
        day: int | None,
        from_step: int = 1,
    ) -> None:
        from breathe.core.from_step import from_step as from_step_on
        from breathe.core.reshape import lengthened
        from breathe.core.timeline import with_tempo
        from breathe.ui.screens.session import SessionScreen

        # At the tempo and length chosen for the routine; the tempo may change as it plays
        # (from `base`, the routine at its length, at tempo 1).
        tempo = self.routine_choices.tempo(entry.name)
        base = lengthened(timeline, self.routine_choices.length(entry.name), tempo)
        base = from_step_on(base, from_step)  # `--from-step`, or a step on the page
        played = with_tempo(base, tempo)
        title = entry.routine.title if entry.routine else entry.name
        if self.options.sound != "off":
            self.sound.load_session_sounds(played)

        def ended(result: SessionEnded | None) -> None:
            if self.live_view is not None:  # `play --watch`: back to the detail, to try again
                self.live_view.session_ended(title, result)
                return
            if result is None:
                return
            from breathe.ui.screens.after_practice import read_after_practice
            from breathe.ui.screens.journal_checkin import is_evening_session
            from breathe.ui.screens.summary import SummaryScreen

            if self.play is not None:
                self.play_ended = result
            tags = entry.routine.tags if entry.routine else ()
            evening = is_evening_session(tags, program, self.now())  # the journal's check-in
            after = read_after_practice(self, self.catalog)  # today, streak, the program
            summary = SummaryScreen(
                title,
                result,
                evening=evening,
                after=after,
                again=True,
                to_shell=bool(self.play),
                journal=self,
            )

            def closed(again: bool | None) -> None:
                if again:
                    self.start_session(
                        entry, timeline, program=program, day=day, from_step=from_step
                    )
                elif self.play is not None:
                    self.exit(self.play_ended)

            self.push_screen(summary, closed)

        screen = SessionScreen(
            played,
            options=self.options,
            clock=self.clock,
            play_cues=self.play_cues,
            recorder=partial(self._recorder, entry, timeline, program, day, from_step),
            wait_for_sound=None if self.options.sound == "off" else self.when_sound_ready,
            sound_problem=self.sound_problem,
            voice=self.sound,
            base=base,
            tempo=tempo,
            on_tempo=partial(self.routine_choices.choose_tempo, entry.name),
        )
        self.push_screen(screen, ended)
        self.call_after_refresh(self._freeze_what_the_session_keeps)


def _local_now() -> datetime:
    return datetime.now().astimezone()


def make_app(
    bundled: Path | None = None,
    user: Path | None = None,
    *,
    options: PlayOptions | None = None,
    clock: Clock | None = None,
    history: Path | None = None,
    now: Now | None = None,
) -> BreatheApp:
    """Build the app on a catalog; tests point it at folders of their own. The catalog is
    listed, and its routines read, once the library's first frame is on the screen."""
    catalog = Catalog.unlisted(bundled or bundled_routines_dir(), user or user_routines_dir())
    return BreatheApp(catalog, options=options, clock=clock, history=history, now=now)


def run_app(options: PlayOptions | None = None) -> int:
    app = make_app(options=options)
    app.notice_on_start = True
    app.run()
    return 128 + app.exit_signal if app.exit_signal else 0
