"""Watching files: the poller on real files (saves, atomic renames, half-written files,
files that vanish and come back, folders), one routine reloaded with its includes, the
CLI loops driven through their sleep, one real process stopped by Ctrl-C, and the app's
detail screen following a file through Pilot."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from breathe.cli.watch import run_show_watch, run_validate_watch
from breathe.core.options import PlayOptions
from breathe.library.catalog import Catalog
from breathe.library.watch import Broken, Change, Loaded, RoutineWatch, Watcher, wait_for_changes
from breathe.ui.app import BreatheApp
from breathe.ui.screens.detail import DetailScreen
from breathe.ui.screens.session import SessionScreen
from tests.support.player import START, FakeClock, library_ready, text
from tests.support.repo import BUNDLED_ROUTINES
from tests.support.toasts import toasts

GOOD = "title: Calm\nsteps:\n  - rest: Sit\n    duration: 10s\n"
LONGER = "title: Calmer\nsteps:\n  - rest: Sit\n    duration: 20s\n"
BROKEN = "title: Calm\nsteps:\n  - rest: Sit\n    duration: 10x\n"


def save(path: Path, content: str) -> None:
    path.write_text(content, encoding="utf-8")


def save_atomically(path: Path, content: str) -> None:
    """As many editors save: a temporary file renamed over the original."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(content, encoding="utf-8")
    os.replace(temporary, path)


def settle(watcher: Watcher) -> list[Change]:
    """Two polls: a change is reported once it has settled."""
    first = watcher.poll()
    assert first == [], "a change is reported only once two polls agree"
    return watcher.poll()


# -- the poller -------------------------------------------------------------------------------


def test_a_save_is_reported_once_settled(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    watcher = Watcher([path])
    assert watcher.poll() == []
    save(path, LONGER)
    assert settle(watcher) == [Change(path, exists=True)]
    assert watcher.poll() == []


def test_an_atomic_save_by_rename_is_a_change(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    watcher = Watcher([path])
    save_atomically(path, LONGER)
    assert settle(watcher) == [Change(path, exists=True)]


def test_same_content_saved_again_is_not_a_change(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    watcher = Watcher([path])
    save_atomically(path, GOOD)
    os.utime(path, (1, 1))
    assert watcher.poll() == []
    assert watcher.poll() == []


def test_a_half_written_file_is_never_reported(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    watcher = Watcher([path])
    save(path, LONGER[:10])  # the editor is still writing at this poll
    assert watcher.poll() == []
    save(path, LONGER)
    assert watcher.poll() == []  # changed again since the last poll: not settled
    assert watcher.poll() == [Change(path, exists=True)]
    assert watcher.poll() == []


def test_a_file_that_vanishes_and_comes_back(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    watcher = Watcher([path])
    path.unlink()
    assert settle(watcher) == [Change(path, exists=False)]
    assert watcher.poll() == []
    save(path, LONGER)
    assert settle(watcher) == [Change(path, exists=True)]


def test_a_moment_without_the_file_is_not_a_vanishing(tmp_path: Path) -> None:
    """Rename away, then write anew (vim's way): only the new content is reported."""
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    watcher = Watcher([path])
    path.rename(tmp_path / "r.yaml~")
    assert watcher.poll() == []
    save(path, LONGER)
    assert watcher.poll() == []
    assert watcher.poll() == [Change(path, exists=True)]


def test_folders_notice_new_and_removed_files(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    first = folder / "a.yaml"
    save(first, GOOD)
    watcher = Watcher([folder], expand=lambda found: sorted(found.glob("*.yaml")))
    second = folder / "b.yaml"
    save(second, GOOD)
    assert settle(watcher) == [Change(second, exists=True)]
    first.unlink()
    assert settle(watcher) == [Change(first, exists=False)]
    assert watcher.poll() == []


def test_wait_for_changes_sleeps_between_polls(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    watcher = Watcher([path])
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) == 3:
            save(path, LONGER)

    assert wait_for_changes(watcher, interval=0.15, sleep=sleep) == [Change(path, True)]
    assert slept == [0.15] * 4


# -- one routine, reloaded ------------------------------------------------------------------


def catalog_factory(user: Path) -> Callable[[], Catalog]:
    return lambda: Catalog.load(BUNDLED_ROUTINES, user)


def test_a_routine_reloads_keeps_the_last_good_version_and_follows_includes(
    tmp_path: Path, user_routines: Path
) -> None:
    warm = tmp_path / "warm.yaml"
    save(warm, "title: Warm\nsteps:\n  - rest: Arrive\n    duration: 5s\n")
    path = tmp_path / "main.yaml"
    save(path, GOOD + "  - include: warm\n")
    live = RoutineWatch(path, catalog_factory(user_routines))
    assert isinstance(live.current, Loaded)
    assert live.current.timeline.total_ms == 15_000
    assert live.poll() is None

    save(path, BROKEN + "  - include: warm\n")
    live.poll()
    version = live.poll()
    assert isinstance(version, Broken)
    assert [(p.line, p.column, p.key_path) for p in version.problems] == [
        (4, 15, "steps[1].duration")
    ]
    assert live.last_good is not None
    assert live.last_good.timeline.total_ms == 15_000

    save(path, GOOD + "  - include: warm\n")
    live.poll()
    assert isinstance(live.poll(), Loaded)
    save(warm, "title: Warm\nsteps:\n  - rest: Arrive\n    duration: 25s\n")  # the include
    live.poll()
    version = live.poll()
    assert isinstance(version, Loaded)
    assert version.timeline.total_ms == 35_000


# -- the CLI loops ----------------------------------------------------------------------------


def scripted(*actions: Callable[[], None]) -> Callable[[float], None]:
    """A `sleep` that does one action per call, then presses Ctrl-C."""
    queue = list(actions)

    def sleep(_seconds: float) -> None:
        if not queue:
            raise KeyboardInterrupt
        queue.pop(0)()

    return sleep


def nothing() -> None:
    pass


def test_validate_watch_prints_each_new_result_and_ctrl_c_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    sleep = scripted(
        lambda: save(path, BROKEN),
        nothing,
        lambda: path.unlink(),
        nothing,
        lambda: save_atomically(path, GOOD),
        nothing,
    )
    assert run_validate_watch(["r.yaml"], as_json=False, sleep=sleep) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if not line.startswith("── ")] == [
        "checked 1 file: valid",
        "watching 1 path for changes; Ctrl-C to stop",
        "r.yaml:4:15: steps[1].duration: `10x` is not a duration; write a duration like "
        "`90`, `90s`, `2m`, `1m30s` or `1.5s`",
        "checked 1 file: 0 valid, 1 with problems (1 problem)",
        "r.yaml:1:1: (file): cannot read the file: No such file or directory; check the path: "
        "no file is there",
        "checked 1 file: 0 valid, 1 with problems (1 problem)",
        "checked 1 file: valid",
    ]
    separators = [line.split(" ", 2)[2] for line in lines if line.startswith("── ")]
    assert separators == ["r.yaml saved", "r.yaml gone", "r.yaml saved"]


def test_validate_watch_json_is_one_object_per_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "set").mkdir()
    path = tmp_path / "set" / "r.yaml"
    save(path, GOOD)
    sleep = scripted(lambda: save(path, BROKEN), nothing)
    assert run_validate_watch(["set"], as_json=True, sleep=sleep) == 0
    captured = capsys.readouterr()
    assert captured.err == "watching 1 path for changes; Ctrl-C to stop\n"
    first, second = (json.loads(line) for line in captured.out.splitlines())
    assert first["ok"] is True
    assert first["changed"] == []
    assert second["ok"] is False
    assert second["changed"] == [{"path": "set/r.yaml", "exists": True}]
    assert second["problems"] == [
        {
            "path": "set/r.yaml",
            "line": 4,
            "column": 15,
            "key_path": "steps[1].duration",
            "message": "`10x` is not a duration",
            "hint": "write a duration like `90`, `90s`, `2m`, `1m30s` or `1.5s`",
            "severity": "error",
        }
    ]


def test_show_watch_reprints_the_timeline_and_shows_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    sleep = scripted(lambda: save(path, LONGER), nothing, lambda: save(path, BROKEN), nothing)
    assert run_show_watch("r.yaml", segments=False, sleep=sleep) == 0
    out = capsys.readouterr().out
    assert out.count("Total 0:10") == 1
    assert out.count("Total 0:20") == 1
    assert out.index("Total 0:10") < out.index("Calmer") < out.index("Total 0:20")
    assert "r.yaml:4:15: steps[1].duration: `10x` is not a duration" in out
    assert out.rstrip().endswith("does not play as saved; fix it and save again")


def watch_process(
    tmp_path: Path, *args: str, sigint: signal.Handlers = signal.SIG_DFL
) -> subprocess.Popen[str]:
    """A real `breathe ARGS` process, started with SIGINT set to `sigint` whatever this
    process has: pytest itself may run with SIGINT ignored (`cmd &` from a script)."""
    return subprocess.Popen(
        [sys.executable, "-m", "breathe", *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, sigint),
    )


@pytest.mark.slow
def test_a_real_watch_process_sees_a_save_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    with watch_process(tmp_path, "validate", "--watch", "--format", "json", "r.yaml") as process:
        try:
            assert process.stdout is not None
            assert json.loads(process.stdout.readline())["ok"] is True
            save_atomically(path, BROKEN)
            changed = json.loads(process.stdout.readline())  # how soon: a benchmark's figure
            assert changed["ok"] is False
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=10) == 0
        finally:
            process.kill()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "stop", "sigint"),
    [
        ("validate", signal.SIGINT, signal.SIG_IGN),  # started by `cmd &` from a script
        ("show", signal.SIGINT, signal.SIG_IGN),
        ("validate", signal.SIGTERM, signal.SIG_DFL),  # `kill`
        ("show", signal.SIGTERM, signal.SIG_IGN),
    ],
    ids=["validate-ctrl-c-ignored", "show-ctrl-c-ignored", "validate-kill", "show-kill"],
)
def test_a_watch_stops_cleanly_however_it_was_started(
    command: str, stop: signal.Signals, sigint: signal.Handlers, tmp_path: Path
) -> None:
    """Ctrl-C and `kill` stop a watch with status 0, its last result printed whole, even
    when the process was started with SIGINT ignored (then Python has no Ctrl-C of its own)."""
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    args = (
        ("validate", "--watch", "r.yaml")
        if command == "validate"
        else ("show", "--watch", "r.yaml")
    )
    with watch_process(tmp_path, *args, sigint=sigint) as process:
        try:
            assert process.stdout is not None
            lines = []
            while not (line := process.stdout.readline()).startswith("watching "):
                assert line, "the watch ended before it began"
                lines.append(line)
            save_atomically(path, LONGER)
            last = "checked 1 file: valid" if command == "validate" else "Total 0:20"
            while last not in (line := process.stdout.readline()):
                assert line, "the watch ended before it saw the save"
            process.send_signal(stop)
            assert process.wait(timeout=10) == 0
            assert process.stdout.read() == ""  # nothing after the result: it was whole
            assert process.stderr is not None
            assert process.stderr.read() == ""
        finally:
            process.kill()


# -- the app ---------------------------------------------------------------------------------


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float = 3) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the app did not catch up with the save"
        await pilot.pause(0.05)


async def test_play_watch_detail_reloads_shows_problems_and_spares_the_session(
    tmp_path: Path, user_routines: Path
) -> None:
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    make_catalog = catalog_factory(user_routines)
    live = RoutineWatch(path, make_catalog)
    clock = FakeClock(START)
    app = BreatheApp(make_catalog(), options=PlayOptions(sound="off"), clock=clock, live=live)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        assert detail.sub_title == f"watching {path}"

        def title() -> str:
            """The detail's title; "" while a reload rebuilds the screen."""
            found = app.screen.query("#detail-title").results(Static)
            return next((text(widget) for widget in found), "")

        assert title() == "Calm"

        save_atomically(path, LONGER)  # how soon it shows is a figure for a benchmark, not a test
        await wait_until(pilot, lambda: title() == "Calmer")
        assert "Total 0:20" in text(app.screen.query_one("#detail-total", Static))

        save(path, BROKEN)
        await wait_until(
            pilot, lambda: bool(app.screen.query("#detail-problems")) and title() == "Calmer"
        )
        problems = text(app.screen.query_one("#detail-problems", Static))
        assert "Saved with 1 problem" in problems
        assert "r.yaml:4:15: steps[1].duration: `10x` is not a duration" in problems
        assert title() == "Calmer"  # the last good version stays, and plays

        await pilot.press("s")
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        assert session.timeline.total_ms == 20_000

        save(path, GOOD)  # during the session: a word on its status line, nothing else

        def status() -> str:
            return text(session.query_one("#status", Static))

        await wait_until(pilot, lambda: isinstance(live.current, Loaded) and "r.yaml" in status())
        assert app.screen is session and isinstance(session, SessionScreen)
        assert session.timeline.total_ms == 20_000
        assert "A new version of r.yaml is ready; it plays at the next start." in status()

        clock.advance(25)
        session.sync()
        # Back on the detail, with the new version.
        await wait_until(pilot, lambda: isinstance(app.screen, DetailScreen) and title() == "Calm")
        assert not app.screen.query("#detail-problems")


def test_a_watched_routine_that_is_deleted_is_broken_until_it_comes_back(
    tmp_path: Path, user_routines: Path
) -> None:
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    live = RoutineWatch(path, catalog_factory(user_routines))
    path.unlink()
    live.poll()
    version = live.poll()
    assert isinstance(version, Broken)
    assert version.gone
    assert [str(p) for p in version.problems] == [
        f"{path}:1:1: (file): the file is gone: it was deleted, moved or renamed; "
        "save it there again to go on"
    ]
    save(path, LONGER)
    live.poll()
    version = live.poll()
    assert isinstance(version, Loaded)
    assert version.timeline.title == "Calmer"


async def test_play_watch_says_a_deleted_file_is_gone_not_saved(
    tmp_path: Path, user_routines: Path
) -> None:
    path = tmp_path / "r.yaml"
    save(path, GOOD)
    make_catalog = catalog_factory(user_routines)
    live = RoutineWatch(path, make_catalog)
    app = BreatheApp(
        make_catalog(), options=PlayOptions(sound="off"), clock=FakeClock(START), live=live
    )
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        path.unlink()
        # The problems are shown, the page is rebuilt, and then the notice comes.
        await wait_until(
            pilot,
            lambda: (
                bool(app.screen.query("#detail-problems"))
                and bool(app.screen.query("#detail-title"))
                and bool(toasts(app))
            ),
        )
        problems = text(app.screen.query_one("#detail-problems", Static))
        assert problems.startswith(f"The file is gone — {path} was deleted, moved or renamed.")
        assert "Saved" not in problems
        assert "is gone" in toasts(app)[-1]
        assert text(app.screen.query_one("#detail-title", Static)) == "Calm"  # still plays
        save(path, BROKEN)  # back, but broken: now it was saved with a problem
        await wait_until(
            pilot,
            lambda: (
                "Saved with 1 problem"
                in "".join(text(w) for w in app.screen.query("#detail-problems").results(Static))
            ),
        )


async def test_start_pressed_while_a_save_rebuilds_the_detail_plays_the_last_good_version(
    tmp_path: Path, user_routines: Path
) -> None:
    """A save's reload rebuilds the detail screen over a few frames; Start pressed in the
    middle closes it. The rebuild then stops quietly (it once failed on the missing table)."""
    import asyncio

    path = tmp_path / "r.yaml"
    save(path, GOOD)
    make_catalog = catalog_factory(user_routines)
    live = RoutineWatch(path, make_catalog)
    app = BreatheApp(
        make_catalog(), options=PlayOptions(sound="off"), clock=FakeClock(START), live=live
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        assert live.last_good is not None
        rebuild = asyncio.ensure_future(
            detail.show_version(live.last_good.entry, live.last_good.timeline)
        )
        await asyncio.sleep(0)  # the rebuild has begun: the old widgets are going
        detail.action_start()  # Start, while the rebuild is under way
        await rebuild
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.timeline.total_ms == 10_000
