"""`breathe play FILE --watch`: the detail screen follows the file as its author saves it.

A timer polls `breathe.library.watch.RoutineWatch` every POLL_SECONDS (a stat and a read of one
small file, on the event loop: microseconds). A saved version that plays replaces the one
shown; one that does not shows its problems, with line and column, above the last version
that plays, which Start still plays. A running session is never touched: a notice says a
new version is ready, and the detail shown when the session ends has it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.timer import Timer

from breathe.core.engine import SessionEnded
from breathe.library.routine_choices import RoutineChoices
from breathe.library.watch import Broken, Loaded, RoutineWatch
from breathe.ui.screens.detail import DetailScreen
from breathe.ui.screens.session import SessionScreen

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App


POLL_SECONDS = 0.1  # with the watcher's settling poll, a save shows within 0.2 s


class LiveRoutine:
    """Keeps the app's detail screen in step with a routine file.

    A controller beside the app (breathe.ui.app), not a screen: it pushes the detail screen
    and plays a version through `start_session`, the app's own.
    """

    def __init__(
        self,
        app: App[Any],
        watch: RoutineWatch,
        start_session: Callable[..., None],  # BreatheApp.start_session
        choices: RoutineChoices,  # the app's tempo and length of each routine
    ) -> None:
        self.app = app
        self.choices = choices
        self.watch = watch
        self.start_session = start_session
        self.timer: Timer | None = None

    def start(self) -> None:
        self.timer = self.app.set_interval(POLL_SECONDS, self.poll, name="watch routine")
        self.open_detail()

    def _problems(self) -> tuple[Broken, ...]:
        current = self.watch.current
        return (current,) if isinstance(current, Broken) else ()

    def open_detail(self) -> None:
        good = self.watch.last_good
        assert good is not None  # `play --watch` refuses a file that is broken at the start
        broken = self._problems()
        screen = DetailScreen(
            good.entry,
            good.timeline,
            broken[0].problems if broken else (),
            choices=self.choices,
        )
        screen.sub_title = f"watching {self.watch.path}"

        def chosen(start: bool | None) -> None:
            latest = self.watch.last_good  # what the screen shows by now
            if start and latest is not None:
                self.start_session(latest.entry, latest.timeline, from_step=screen.from_step)
            else:
                self.app.exit()

        self.app.push_screen(screen, chosen)

    def session_ended(self, title: str, ended: SessionEnded | None) -> None:
        """Back to the detail, with the latest version, after a session."""
        if ended is not None:
            from breathe.ui.screens.summary import summary_sentence

            self.app.notify(summary_sentence(title, ended), timeout=6, markup=False)
        self.open_detail()

    async def poll(self) -> None:
        try:
            version = self.watch.poll()
        except Exception as error:  # never let a watch stop the app
            self.app.notify(f"cannot reload: {error}", severity="error", markup=False)
            return
        if version is None:
            return
        screen = self.app.screen
        name = self.watch.path.name
        if isinstance(screen, DetailScreen):
            good = self.watch.last_good
            assert good is not None
            problems = version.problems if isinstance(version, Broken) else ()
            await screen.show_version(good.entry, good.timeline, problems)
            if isinstance(version, Loaded):
                self.app.notify(f"{name} reloaded", timeout=3, markup=False)
            elif version.gone:
                self.app.notify(f"{name} is gone", severity="warning", timeout=5, markup=False)
            else:
                self.app.notify(
                    f"{name} was saved with problems; they are shown above the last version "
                    "that plays",
                    severity="warning",
                    timeout=5,
                    markup=False,
                )
            return
        if isinstance(version, Loaded):
            message = f"A new version of {name} is ready; it plays at the next start."
        elif version.gone:
            message = f"{name} is gone; the session goes on unchanged."
        else:
            message = f"{name} was saved with problems; the session goes on unchanged."
        gone = isinstance(version, Broken) and version.gone
        if isinstance(screen, SessionScreen):  # on its status line: a toast would cover it
            screen.show_note(message)
            return
        self.app.notify(message, title="Gone" if gone else "Saved", timeout=6, markup=False)
