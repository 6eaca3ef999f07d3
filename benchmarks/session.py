"""What does a session cost while it plays, and how exact are its boundaries?

The issue's goals: while the pacer animates, breathe uses at most 3% of one CPU core; its
first frame comes at most 1.2x as late as a bare Textual hello-world's; over 600 phases of
50 ms with the UI running, segment boundaries are handled less than 5 ms late at the 99th
percentile, and the end comes less than 2 ms off the time the timeline says.

Everything is measured in real terminals: each measurement is a child process (this same
script, `--child KIND`) running alone in a detached tmux session of 100 x 30 cells on a
private tmux server, rendering through Textual's real Linux driver. The child builds the
app in-process, observes it through wrappers that call the original methods (nothing
measured is replaced or skipped), writes its figures to a JSON file and exits; the parent
then reads the file and removes the tmux server. The children:

- `hello`: a bare `textual.app.App` showing one `Static("Hello")`;
- `library-first`: exactly what `breathe` with no command runs (`breathe.cli.main([])`):
  the library, measured for its first frame only (and for the frame that shows its
  routines, which it reads after its first frame);
- `breathe`: exactly what `breathe play extended-exhale --no-sound` runs (`breathe.cli.main`),
  so start-up includes the imports and loading the catalog (without sound because, on a
  machine with no sound device, `--sound auto` shows a notice for ten seconds). The
  routine opens with a 20 s rest (a countdown, no orb), so after a few seconds of it the
  child presses `n` (posted as a key event, the way the driver posts a key press) to go to
  the first breathing step, 4-4 for 48 s, where the orb moves all the time;
- `boundaries`: the same command, with `Catalog.timeline` answering a timeline built here:
  600 segments of 50 ms alternating inhale and exhale (the routine format's shortest
  phase is 0.5 s), with the pacer animating through all of it.

- `peer`: breathe-cli 1.14.0 from PyPI (pip installs it into the benchmark's temporary
  folder; its module is also called `breathe`, so it is loaded from there under another
  name), breathing 4-4 as breathe does in its window, after its 3 s countdown. Its stdout is
  wrapped to count the bytes written and the flushes (it flushes once a frame); a thread
  reads the process's CPU time over the same steady window. Without pip access the peer's
  rows are left out, and the report says so.

- `floor`: a bare Textual app that repaints one line of a small widget, at breathe's frames
  per second of the same run for `--seconds`, after a rest-long window of one repaint a
  second: the least any Textual app pays for the same screen updates (each goes through
  Textual's refresh messages, its compositor and its output thread), to tell breathe's own
  cost from Textual's.

The figures:

- pacer fps: screen updates in which `Pacer.render_line` drew at least one line (one per
  repaint of the orb, whole or partial) per second, over a steady window of `--seconds`
  while the orb moves;
- CPU per painted frame: the CPU of the animating window over its pacer frames (for the
  peer, over its frames), and its ratio to breathe-cli's; a rest's CPU against the idle
  hello-world's;
- CPU: user + system time of the whole process (all threads, `time.process_time`) over
  wall time in the same window, as a percentage of one core;
- peak memory: `ru_maxrss` of the child at its end;
- first frame: from the first line of this script (before any import of Textual or
  breathe; the interpreter's own start-up, the same for both, is not included) to the
  moment `App._display` has handed the first frame of the content screen (the session
  screen for `breathe play`; the library screen for `breathe`; the hello screen) to the
  driver. The median of `--first-frame-runs` launches of each, interleaved, after one
  warm-up launch of each. For the library, also the first frame that shows its routines
  (the screen's `loaded`, once it has read them; the first frame itself on a library that
  reads them before it). Both run from compiled bytecode, as
  an installed package does: a private bytecode cache that the warm-ups fill (an editable
  install under PYTHONDONTWRITEBYTECODE would otherwise compile breathe at every launch);
- boundary lateness: for every `SegmentStarted` the screen applies, the time at the moment
  `SessionScreen._apply` receives it minus the event's deadline (the screen's clock counts
  whole milliseconds of CLOCK_MONOTONIC; the probe reads the same clock to the
  microsecond, `time.monotonic()`, so that its figures are finer than a tick), and for the end,
  the moment `SessionEnded` is applied minus (start + total): the final drift. Only events
  delivered by `SessionScreen.sync` as called by the screen's own one-shot timer count
  (the first segment, announced by `start()` at mount, is not a boundary); the report says
  how many came that way. If the end has not come 5 s after it was due, the session has
  stalled: the report says where, and what became of the screen's pending timer.

Run from the repository root: `python benchmarks/session.py [--seconds 20]`. It takes about
a minute and a half with the defaults.
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # first frames are timed from here: keep this line at the top

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import shlex  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the working tree's breathe, as benchmarks/validate.py does
WIDTH, HEIGHT = 100, 30
ROUTINE = "extended-exhale"
REST_SECONDS = 4.0  # measured in the opening rest, before pressing `n`
# `--sound`: ALSA's `file` plugin as the sound device (shared/NOTES.md), as in audio.py.
CAPTURE_SINK = """
pcm.!default {
    type file
    slave { pcm { type null } }
    file { @func getenv vars [ AUDIO_CAPTURE_FILE ] default "/tmp/alsa-capture.raw" }
    format "raw"
    truncate true
}
"""
SETTLE_SECONDS = 1.0  # after the first frame, or after `n`, before a window opens

GOAL_CPU_PERCENT = 3.0
GOAL_FRAME_RATIO = 2.0  # CPU per painted frame, against breathe-cli's
GOAL_REST_RATIO = 2.0  # CPU in a rest or a pose's countdown, against an idle app's
GOAL_FIRST_FRAME_RATIO = 1.2
GOAL_P99_MS = 5.0
GOAL_DRIFT_MS = 2.0


# ---------------------------------------------------------------------------------------
# The child: one app in one terminal, observed
# ---------------------------------------------------------------------------------------


class Probe:
    """Counters the wrappers feed, and the windows the plan opens and closes."""

    def __init__(self) -> None:
        self.first_display: float | None = None  # perf_counter, any screen
        self.first_frame: float | None = None  # perf_counter, the content screen
        self.filled_frame: float | None = None  # the content screen, its content read
        self.run_called: float | None = None  # perf_counter, App.run entered
        self.displays = 0  # frames handed to the driver
        self.bytes = 0  # characters written to the terminal
        self.pacer_frames = 0  # screen updates in which the pacer drew at least one line
        self.pacer_frame_display = -1
        self.pacer_refreshes = 0
        self.pacer_ticks = 0
        self.syncs = 0
        self.in_sync = False
        self.wake_target: float | None = None  # when the screen's pending timer should fire
        self.wakes: list[float] = []  # each sync by the timer: seconds after its target
        self.delays: list[float] = []  # each delay the screen asked of set_timer
        self.lateness: list[tuple[int, float, bool]] = []  # (index, seconds late, by sync)
        self.origin: float | None = None
        self.ended_at: float | None = None
        self.ended_by_sync = False
        self.windows: dict[str, dict[str, float]] = {}
        self.marks: dict[str, dict[str, float]] = {}

    def counters(self) -> dict[str, float]:
        return {
            "wall": time.monotonic(),
            "cpu": time.process_time(),
            "main_cpu": time.thread_time(),  # counters() runs on the event loop's thread
            "pacer_frames": self.pacer_frames,
            "pacer_refreshes": self.pacer_refreshes,
            "pacer_ticks": self.pacer_ticks,
            "displays": self.displays,
            "bytes": self.bytes,
            "syncs": self.syncs,
        }

    def window(self, name: str, start: dict[str, float]) -> None:
        end = self.counters()
        self.windows[name] = {key: end[key] - start[key] for key in end}


def wrap(owner: type, name: str, make: Any) -> None:
    """Replace `owner.name` by `make(original)`, a wrapper that calls the original."""
    setattr(owner, name, make(getattr(owner, name)))


def install_textual_probes(probe: Probe, content: type, on_first_frame: Any) -> None:
    from textual.app import App
    from textual.drivers.linux_driver import LinuxDriver

    def display_wrapper(original: Any) -> Any:
        def _display(self: App[Any], screen: Any, renderable: Any) -> None:
            original(self, screen, renderable)
            if renderable is None or self._batch_count or not self._running or self._closed:
                return  # nothing was written
            probe.displays += 1
            now = time.perf_counter()
            if probe.first_display is None:
                probe.first_display = now
            if probe.first_frame is None and isinstance(screen, content):
                probe.first_frame = now
                on_first_frame(self)
            if (
                probe.filled_frame is None
                and isinstance(screen, content)
                and getattr(screen, "loaded", True)  # the library, its routines read
            ):
                probe.filled_frame = now

        return _display

    def write_wrapper(original: Any) -> Any:
        def write(self: LinuxDriver, data: str) -> None:
            probe.bytes += len(data)
            original(self, data)

        return write

    def run_wrapper(original: Any) -> Any:
        def run(self: App[Any], *args: Any, **kwargs: Any) -> Any:
            probe.run_called = time.perf_counter()
            return original(self, *args, **kwargs)

        return run

    wrap(App, "_display", display_wrapper)
    wrap(LinuxDriver, "write", write_wrapper)
    wrap(App, "run", run_wrapper)


def install_breathe_probes(probe: Probe) -> None:
    from breathe.core.engine import SegmentStarted, SessionEnded
    from breathe.ui.screens.session import SessionScreen
    from breathe.ui.widgets.pacer import Pacer

    def render_line_wrapper(original: Any) -> Any:
        def render_line(self: Pacer, y: int) -> Any:
            if probe.pacer_frame_display != probe.displays:  # its first line in this update
                probe.pacer_frame_display = probe.displays
                probe.pacer_frames += 1
            return original(self, y)

        return render_line

    def refresh_wrapper(original: Any) -> Any:
        def refresh(self: Pacer, *args: Any, **kwargs: Any) -> Any:
            probe.pacer_refreshes += 1
            return original(self, *args, **kwargs)

        return refresh

    def tick_wrapper(original: Any) -> Any:
        def repaint_if_changed(self: Pacer) -> None:
            probe.pacer_ticks += 1
            original(self)

        return repaint_if_changed

    def set_timer_wrapper(original: Any) -> Any:
        def set_timer(self: SessionScreen, delay: float, *args: Any, **kwargs: Any) -> Any:
            if kwargs.get("name") == "session-boundary":
                probe.delays.append(delay)
                probe.wake_target = time.monotonic() + delay
            return original(self, delay, *args, **kwargs)

        return set_timer

    def sync_wrapper(original: Any) -> Any:
        def sync(self: SessionScreen) -> None:
            probe.syncs += 1
            # When the last sync set the screen to wake (its public `wake_at`, read as that
            # sync ended: the timer has fired by the time this one runs), else set_timer's.
            target = probe.wake_target
            if target is not None:
                probe.wakes.append(time.monotonic() - target)
                probe.wake_target = None
            probe.in_sync = True
            try:
                original(self)
            finally:
                probe.in_sync = False
            wake_at = getattr(self, "wake_at", None)
            if wake_at is not None:
                probe.wake_target = wake_at / 1000

        return sync

    def apply_wrapper(original: Any) -> Any:
        def _apply(self: SessionScreen, events: list[Any]) -> None:
            now = time.monotonic()
            for event in events:
                if isinstance(event, SegmentStarted):
                    deadline = event.deadline / 1000
                    if event.index == 0:
                        probe.origin = deadline  # = origin + 0 ms
                    probe.lateness.append((event.index, now - deadline, probe.in_sync))
                elif isinstance(event, SessionEnded):
                    probe.ended_at = now
                    probe.ended_by_sync = probe.in_sync
                    if "session" in probe.marks:
                        probe.window("session", probe.marks.pop("session"))
            original(self, events)

        return _apply

    wrap(Pacer, "render_line", render_line_wrapper)
    wrap(Pacer, "refresh", refresh_wrapper)
    wrap(Pacer, "repaint_if_changed", tick_wrapper)
    wrap(SessionScreen, "sync", sync_wrapper)
    wrap(SessionScreen, "set_timer", set_timer_wrapper)
    wrap(SessionScreen, "_apply", apply_wrapper)


def boundary_timeline(count: int, phase_ms: int) -> Any:
    from breathe.core.timeline import Segment, SegmentKind, StepKind, Timeline, TimelineStep

    title = "Boundaries"
    words = f"{count} phases of {phase_ms} ms"
    cycles = math.ceil(count / 2)
    segments = tuple(
        Segment(
            SegmentKind.INHALE if index % 2 == 0 else SegmentKind.EXHALE,
            index * phase_ms,
            phase_ms,
            0,
            title,
            None,
            index // 2 + 1,
            cycles,
            words,
        )
        for index in range(count)
    )
    total = count * phase_ms
    step = TimelineStep(
        0, StepKind.BREATHING, title, 0, total, 0, count, words, "", (), (), "boundaries"
    )
    return Timeline("boundaries", title, (step,), segments, total)


PEER = "breathe-cli==1.14.0"  # the lightest peer: draws its bar with raw escape codes
PEER_ARGS = ["--ratio", "4-4", "--duration", "2", "--no-sound", "--no-log"]
PEER_COUNTDOWN_SECONDS = 3.0  # breathe-cli counts 3, 2, 1 before its first breath


class CountingOutput:
    """The peer's stdout, counting what it writes and each flush (it flushes once a frame)."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped
        self.bytes = 0
        self.flushes = 0

    def write(self, text: str) -> int:
        self.bytes += len(text)
        return int(self.wrapped.write(text))

    def flush(self) -> None:
        self.flushes += 1
        self.wrapped.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def run_peer_child(folder: Path, out: Path, seconds: float) -> None:
    """breathe-cli (its single file, installed in `folder`: it is also called breathe.py,
    so it is loaded under another name) breathing 4-4, as breathe's window does; a thread
    reads the process's CPU time, its flushes and bytes over the same steady window."""
    import importlib.util
    import threading

    spec = importlib.util.spec_from_file_location("breathe_cli_peer", folder / "breathe.py")
    assert spec is not None and spec.loader is not None
    peer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(peer)
    output = CountingOutput(sys.stdout)
    sys.stdout = output

    def counters() -> dict[str, float]:
        return {
            "wall": time.monotonic(),
            "cpu": time.process_time(),
            "pacer_frames": output.flushes,
            "bytes": output.bytes,
        }

    def measure() -> None:
        time.sleep(PEER_COUNTDOWN_SECONDS + SETTLE_SECONDS)
        start = counters()
        time.sleep(seconds)
        end = counters()
        window = {key: end[key] - start[key] for key in end}
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result = {"kind": "peer", "windows": {"moving": window}, "maxrss_kib": usage.ru_maxrss}
        partial = out.with_suffix(".partial")
        partial.write_text(json.dumps(result))
        partial.rename(out)
        os._exit(0)

    threading.Thread(target=measure, daemon=True).start()
    sys.argv = ["breathe", *PEER_ARGS]
    peer.main()


def install_peer(folder: Path) -> Path | None:
    """breathe-cli from PyPI into a folder of its own (it would shadow breathe), or None if
    pip cannot get it here."""
    target = folder / "peer"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            PEER,
        ],
        capture_output=True,
        text=True,
    )
    return target if done.returncode == 0 and (target / "breathe.py").exists() else None


FLOOR_FPS = [6.0]  # the floor's frames per second: breathe's, measured in the same run
FLOOR_WIDTH, FLOOR_HEIGHT = 22, 11  # the size of breathe's pacer (its widest guide ring)


async def repaint_at(probe: Probe, widget: Any, rate: float, seconds: float, name: str) -> None:
    """Repaint one line of `widget` `rate` times a second for `seconds`, on the event loop's
    own one-shot timer as breathe's pacer does, and keep the window's counters as `name`."""
    from textual.geometry import Region

    loop = asyncio.get_running_loop()
    start = probe.counters()
    began = loop.time()
    done = asyncio.Event()
    count = 0

    def frame() -> None:
        nonlocal count
        count += 1
        widget.count = count
        widget.refresh(Region(0, FLOOR_HEIGHT // 2, FLOOR_WIDTH, 1))
        probe.pacer_frames += 1
        if count < rate * seconds:
            loop.call_at(began + (count + 1) / rate, frame)
        else:
            done.set()

    loop.call_at(began + 1 / rate, frame)
    await done.wait()
    probe.window(name, start)


def run_child(
    kind: str, out: Path, seconds: float, phases: int, phase_ms: int, sound: bool = False
) -> None:
    probe = Probe()
    tasks: set[asyncio.Task[None]] = set()
    result: dict[str, Any] = {"kind": kind}

    def later(app: Any, plan: Any) -> None:
        task = asyncio.get_running_loop().create_task(plan(app))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    async def first_frame_only(app: Any) -> None:
        app.exit()

    async def until_filled(app: Any) -> None:
        for _ in range(3000):  # at most 30 s
            if probe.filled_frame is not None:
                break
            await asyncio.sleep(0.01)
        app.exit()

    async def hello_plan(app: Any) -> None:
        await asyncio.sleep(SETTLE_SECONDS)
        start = probe.counters()
        await asyncio.sleep(seconds)
        probe.window("idle", start)
        app.exit()

    async def breathe_plan(app: Any) -> None:
        from textual import events

        from breathe.ui.widgets.pacer import Pacer

        await asyncio.sleep(SETTLE_SECONDS)
        start = probe.counters()
        await asyncio.sleep(REST_SECONDS)
        probe.window("rest", start)
        app.post_message(events.Key("n", "n"))  # as the driver posts a key press
        await asyncio.sleep(SETTLE_SECONDS)
        pacer = app.screen.query_one(Pacer)
        result["moving_at_start"] = pacer.moving
        start = probe.counters()
        (out.parent / (out.name + ".moving")).touch()  # the parent looks at the screen now
        await asyncio.sleep(seconds)
        probe.window("moving", start)
        result["moving_at_end"] = pacer.moving
        result["pacer_size"] = [pacer.size.width, pacer.size.height]
        app.exit()

    async def boundaries_plan(app: Any) -> None:
        """Measure from the first frame to the end; if the end never comes, say why."""
        from breathe.ui.screens.session import SessionScreen

        screen = app.screen
        assert isinstance(screen, SessionScreen)
        while probe.origin is None:  # with a voice, the session waits for its first minute
            await asyncio.sleep(0.01)
        probe.marks["session"] = probe.counters()
        await asyncio.sleep(probe.origin + phases * phase_ms / 1000 + 5 - time.monotonic())
        if probe.ended_at is not None:
            app.exit()  # `breathe play` keeps its summary on screen until the person leaves
            return
        # Stalled: no SessionEnded 5 s after the end was due. Look at the pending timer.
        timer = getattr(screen, "_timer", None)
        task = getattr(timer, "_task", None)
        error = None
        if task is not None and task.done() and not task.cancelled():
            error = repr(task.exception())
        last = probe.lateness[-1]
        result["stall"] = {
            "last_index": last[0],
            "missed_at_s": (last[0] + 1) * phase_ms / 1000,  # the boundary that never came
            "timer_error": error,
            "timer_pending": (task is not None and not task.done())
            or (isinstance(timer, asyncio.TimerHandle) and not timer.cancelled()),
            "last_delay": probe.delays[-1] if probe.delays else None,
        }
        app.exit()

    async def floor_plan(app: Any) -> None:
        widget = app.query_one("#line")
        await asyncio.sleep(SETTLE_SECONDS)
        await repaint_at(probe, widget, 1, REST_SECONDS, "rest")
        await repaint_at(probe, widget, FLOOR_FPS[0], seconds, "moving")
        app.exit()

    if kind == "floor":
        from rich.segment import Segment
        from textual.app import App, ComposeResult
        from textual.screen import Screen
        from textual.strip import Strip
        from textual.widget import Widget

        class Line(Widget):
            DEFAULT_CSS = f"Line {{ width: {FLOOR_WIDTH}; height: {FLOOR_HEIGHT}; }}"
            count = 0

            def render_line(self, y: int) -> Strip:
                text = f"{self.count:^{FLOOR_WIDTH}}" if y == FLOOR_HEIGHT // 2 else ""
                return Strip([Segment(text.ljust(FLOOR_WIDTH))], FLOOR_WIDTH)

        class Floor(App[None]):
            def compose(self) -> ComposeResult:
                yield Line(id="line")

        install_textual_probes(probe, Screen, lambda app: later(app, floor_plan))
        Floor().run()
    elif kind in ("hello", "hello-first"):
        from textual.app import App, ComposeResult
        from textual.screen import Screen
        from textual.widgets import Static

        class Hello(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("Hello")

        plan = hello_plan if kind == "hello" else first_frame_only
        install_textual_probes(probe, Screen, lambda app: later(app, plan))
        Hello().run()
    elif kind == "library-first":
        import gc

        gc.disable()  # as for `breathe play` below
        from breathe.ui.screens.library import LibraryScreen

        install_textual_probes(probe, LibraryScreen, lambda app: later(app, until_filled))
        from breathe.cli import main

        result["exit_status"] = main(["--no-sound"])
    elif kind in ("breathe", "breathe-first", "boundaries"):
        # `breathe.cli.main` turns garbage collection off first thing, and the command
        # imports the rest of breathe inside it; the probes import it here, before main:
        # off here too, so that these imports cost what they cost the real command.
        import gc

        gc.disable()
        from breathe.library.catalog import Catalog
        from breathe.ui.screens.session import SessionScreen

        plans = {"breathe": breathe_plan, "boundaries": boundaries_plan}
        plan = plans.get(kind, first_frame_only)
        install_textual_probes(probe, SessionScreen, lambda app: later(app, plan))
        install_breathe_probes(probe)
        if kind == "boundaries":  # the routine found by name plays the timeline built here
            timeline = boundary_timeline(phases, phase_ms)
            wrap(Catalog, "timeline", lambda original: lambda self, entry: timeline)
            result["total_ms"] = timeline.total_ms
        from breathe.cli import main

        # Without sound: on a machine with no sound device, `auto` shows a notice for 10 s.
        # With --sound (the boundary run only), the defaults: cues and the voice, played
        # into the ALSA capture sink the parent set up.
        quiet = [] if sound and kind == "boundaries" else ["--no-sound"]
        result["exit_status"] = main(["play", ROUTINE, *quiet])
    else:
        raise SystemExit(f"unknown child kind {kind}")

    usage = resource.getrusage(resource.RUSAGE_SELF)
    result.update(
        {
            "first_frame": None if probe.first_frame is None else probe.first_frame - _T0,
            "filled_frame": None if probe.filled_frame is None else probe.filled_frame - _T0,
            "first_display": None if probe.first_display is None else probe.first_display - _T0,
            "run_called": None if probe.run_called is None else probe.run_called - _T0,
            "maxrss_kib": usage.ru_maxrss,
            "windows": probe.windows,
            "lateness": probe.lateness,
            "origin": probe.origin,
            "ended_at": probe.ended_at,
            "ended_by_sync": probe.ended_by_sync,
            "syncs": probe.syncs,
            "wakes": probe.wakes,
            "delays": probe.delays,
        }
    )
    partial = out.with_suffix(".partial")
    partial.write_text(json.dumps(result))
    partial.rename(out)


# ---------------------------------------------------------------------------------------
# The parent: terminals, children, the report
# ---------------------------------------------------------------------------------------


class Terminal:
    """A private tmux server running one child in a detached session of fixed size."""

    def __init__(self, folder: Path, name: str) -> None:
        self.socket = f"breathe-bench-{os.getpid()}-{name}"
        self.folder = folder
        self.name = name
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        self.env.pop("NO_COLOR", None)
        self.env["COLORTERM"] = "truecolor"
        # Bytecode as an installed package has it (pip compiles it on install): a private
        # cache, filled by the warm-up launches. Without it, an editable install under
        # PYTHONDONTWRITEBYTECODE (as on these machines) compiles breathe's source at every
        # launch, which no user pays, while Textual's own is compiled in site-packages.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
        )

    def run(self, argv: list[str], timeout: float, on_moving: Any = None) -> dict[str, Any]:
        out = self.folder / f"{self.name}.json"
        moving = self.folder / f"{self.name}.json.moving"
        for stale in (out, moving):
            stale.unlink(missing_ok=True)
        command = f"cd {shlex.quote(str(ROOT))} && exec {shlex.join(argv)} --out {out}"
        self.tmux("new-session", "-d", "-s", "bench", "-x", str(WIDTH), "-y", str(HEIGHT), command)
        try:
            started = time.monotonic()
            checked = started
            while not out.exists():
                time.sleep(0.05)
                now = time.monotonic()
                if on_moving is not None and moving.exists():
                    on_moving(self)
                    on_moving = None
                if now - checked > 2:  # the child may have died without a word
                    checked = now
                    if self.tmux("has-session", "-t", "bench", check=False).returncode:
                        time.sleep(0.2)
                        if not out.exists():
                            raise RuntimeError(f"child {self.name} ended without results")
                if now - started > timeout:
                    screen = self.tmux("capture-pane", "-p", "-t", "bench", check=False).stdout
                    raise RuntimeError(f"child {self.name} timed out; its screen:\n{screen}")
        finally:
            self.tmux("kill-server", check=False)
        measured: dict[str, Any] = json.loads(out.read_text())
        return measured


def describe_tree() -> str:
    """The commit measured, and whether the working tree differs from it."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "breathe"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    edited = sorted(line[3:] for line in changed if line.strip())
    return f"{head}" + (f" with uncommitted changes to {', '.join(edited)}" if edited else "")


def child_argv(kind: str, args: argparse.Namespace) -> list[str]:
    peer = ["--peer", str(args.peer)] if kind == "peer" else []
    if kind == "floor":
        peer = ["--floor-fps", f"{args.floor_fps:.3f}"]
    return [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        kind,
        "--seconds",
        str(args.seconds),
        "--phases",
        str(args.phases),
        "--phase-ms",
        str(args.phase_ms),
        *peer,
        *(["--sound"] if args.sound and kind == "boundaries" else []),
    ]


def isolate_user_dirs(folder: Path) -> None:
    """Children get user folders of their own (inherited through the environment): they
    record no history of yours, read no settings of yours, and the first-run notice is
    already dismissed there, as it is for anyone past their first session, and so is the
    routine's own safety note ("Don't show again")."""
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(folder / "home" / variable.lower())
    from dataclasses import replace

    from breathe.library.state import dismiss_notice, update_state

    dismiss_notice()
    update_state(lambda state: replace(state, safety_notes_hidden=frozenset({ROUTINE})))


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def cpu_percent(window: dict[str, float]) -> float:
    return 100 * window["cpu"] / window["wall"]


def per_second(window: dict[str, float], key: str) -> float:
    return window[key] / window["wall"]


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="breathe-bench-"))
    isolate_user_dirs(folder)
    results: dict[str, Any] = {
        "first": {"hello": [], "breathe": [], "library": []},
        "before_run": {"hello": [], "breathe": [], "library": []},
        "library_filled": [],
        "screen": "",
    }
    count = 0

    def run(kind: str, timeout: float, on_moving: Any = None) -> dict[str, Any]:
        nonlocal count
        count += 1
        result = Terminal(folder, f"{count:02d}-{kind}").run(
            child_argv(kind, args), timeout, on_moving
        )
        if "error" in result:
            raise RuntimeError(f"child {kind} failed:\n{result['error']}")
        return result

    def look(terminal: Terminal) -> None:
        time.sleep(0.5)
        screen = terminal.tmux("capture-pane", "-p", "-t", "bench", check=False).stdout
        results["screen"] = screen

    try:
        # Not in the first frames: the interpreter's own start-up (and exit), alike for both.
        starts = []
        for _ in range(5):
            began = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            starts.append(time.perf_counter() - began)
        results["interpreter"] = statistics.median(starts)
        results["tree"] = describe_tree()
        if args.sound:
            capture = folder / "capture.raw"
            (folder / "asound.conf").write_text(CAPTURE_SINK)
            os.environ["ALSA_CONFIG_PATH"] = str(folder / "asound.conf")
            os.environ["AUDIO_CAPTURE_FILE"] = str(capture)
        if args.boundaries_only:
            run_boundaries(run, args, results)
            if args.sound:
                results["captured_bytes"] = capture.stat().st_size if capture.exists() else 0
            return results
        print("first frames", end="", flush=True)
        run("hello-first", 30)  # warm-ups: bytecode caches, the file system cache
        run("breathe-first", 30)
        run("library-first", 30)
        for _ in range(args.first_frame_runs):
            for name in ("hello", "breathe", "library"):
                child = run(f"{name}-first", 30)
                results["first"][name].append(child["first_frame"])
                results["before_run"][name].append(child["run_called"])
                if name == "library":
                    results["library_filled"].append(child["filled_frame"])
                print(".", end="", flush=True)
        print()
        if args.first_frame_only:
            return results
        print(f"hello-world, {args.seconds:g} s", flush=True)
        results["hello"] = run("hello", args.seconds + 30)
        print(
            f"breathe play {ROUTINE}, {REST_SECONDS:g} s of rest + {args.seconds:g} s of breathing"
        )
        results["breathe"] = run("breathe", args.seconds + REST_SECONDS + 30, look)
        moving = results["breathe"]["windows"]["moving"]
        args.floor_fps = max(1.0, per_second(moving, "pacer_frames"))
        print(f"bare Textual, one line repainted at {args.floor_fps:.1f} frames/s", flush=True)
        results["floor"] = run("floor", args.seconds + REST_SECONDS + 30)
        peer = install_peer(folder)
        if peer is None:
            print(f"{PEER}: pip could not install it here; no peer figures")
        else:
            print(f"{PEER} {' '.join(PEER_ARGS)}, {args.seconds:g} s of breathing", flush=True)
            args.peer = peer
            results["peer"] = run("peer", args.seconds + PEER_COUNTDOWN_SECONDS + 30)
        run_boundaries(run, args, results)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return results


def run_boundaries(run: Any, args: argparse.Namespace, results: dict[str, Any]) -> None:
    """The boundary run, with a busy process on the other core if asked (`--busy`)."""
    seconds = args.phases * args.phase_ms / 1000
    sound = ", with the cues and the voice into an ALSA capture sink" if args.sound else ""
    busy = ", a busy process on the other core" if args.busy else ""
    print(f"boundaries: {args.phases} phases of {args.phase_ms} ms ({seconds:g} s){sound}{busy}")
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    try:
        # With a voice, the session first waits for its first minute of phrases.
        results["boundaries"] = run("boundaries", seconds + (60 if args.sound else 30))
    finally:
        if spinner is not None:
            spinner.kill()
            spinner.wait()


def report_first_frames(results: dict[str, Any]) -> None:
    """The short report of `--first-frame-only`, for trying a change to start-up quickly."""
    first = {name: statistics.median(times) for name, times in results["first"].items()}
    before = {name: statistics.median(times) for name, times in results["before_run"].items()}
    hello = first["hello"]
    for name, shown in (("breathe", "breathe play"), ("library", "breathe (library)")):
        ratio = first[name] / hello
        verdict = "met" if ratio <= GOAL_FIRST_FRAME_RATIO else "NOT MET"
        print(
            f"first frame, median: {shown} {1000 * first[name]:.0f} ms, hello-world "
            f"{1000 * hello:.0f} ms: {ratio:.2f}x (goal <= {GOAL_FIRST_FRAME_RATIO:g}x, "
            f"{verdict})"
        )
    filled = statistics.median(results["library_filled"])
    print(
        f"library showing its routines, median: {1000 * filled:.0f} ms "
        f"({filled / hello:.2f}x hello-world's first frame)"
    )
    print(
        f"before App.run, median: breathe play {1000 * before['breathe']:.0f} ms, library "
        f"{1000 * before['library']:.0f} ms, hello-world {1000 * before['hello']:.0f} ms"
    )
    for name, times in results["first"].items():
        print(f"  {name}: " + ", ".join(f"{1000 * value:.0f}" for value in times))
    print(
        "  library, routines shown: "
        + ", ".join(f"{1000 * v:.0f}" for v in results["library_filled"])
    )
    print(f"  load average: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")


def boundary_figures(bounds: dict[str, Any]) -> tuple[list[float], list[float], float | None]:
    """Each segment start's lateness through the timer-driven sync, in ms; those and the
    end's; the end's drift (None if it never came)."""
    lateness_ms = [1000 * late for _, late, via_sync in bounds["lateness"] if via_sync]
    drift_ms = None
    if bounds["ended_at"] is not None:
        drift_ms = 1000 * (bounds["ended_at"] - (bounds["origin"] + bounds["total_ms"] / 1000))
    return lateness_ms, [*lateness_ms, *([] if drift_ms is None else [drift_ms])], drift_ms


def report_boundaries(results: dict[str, Any], args: argparse.Namespace) -> None:
    """The short report of `--boundaries-only`."""
    bounds = results["boundaries"]
    _, all_ms, drift_ms = boundary_figures(bounds)
    p50, p99, worst = (percentile(all_ms, share) for share in (0.5, 0.99, 1.0))
    stalled = bounds.get("stall") is not None
    met = "met" if p99 < GOAL_P99_MS and not stalled else "NOT MET"
    print(f"boundary lateness, ms (n={len(all_ms)}): p50 {p50:.2f}, p99 {p99:.2f} ", end="")
    print(f"(goal < {GOAL_P99_MS:g}: {met}), max {worst:.2f}")
    if drift_ms is None:
        print(f"final drift: STALLED {bounds['stall']}")
    else:
        met = "met" if abs(drift_ms) < GOAL_DRIFT_MS else "NOT MET"
        print(f"final drift after {args.phases} x {args.phase_ms} ms: {drift_ms:+.2f} ms ", end="")
        print(f"(goal |d| < {GOAL_DRIFT_MS:g}: {met})")
    session = bounds["windows"].get("session")
    if session is not None:  # what competes with the event loop: with --sound, the mixing
        loop = 100 * session["main_cpu"] / session["wall"]
        print(f"  CPU from the start to the end, % of a core: {cpu_percent(session):.1f}, ", end="")
        print(f"the event loop's thread {loop:.1f}, the others {cpu_percent(session) - loop:.1f}")
    late = sum(1 for ms in all_ms if ms >= GOAL_P99_MS)
    print(f"  {late} of {len(all_ms)} were {GOAL_P99_MS:g} ms late or more; exit status ", end="")
    print(f"{bounds['exit_status']}")
    if args.sound:
        seconds = results["captured_bytes"] / (44_100 * 2 * 2)  # the sink: 16-bit stereo
        print(
            f"  sound: {results['captured_bytes']:,} bytes reached the ALSA capture sink ", end=""
        )
        print(f"(about {seconds:.1f} s of 16-bit stereo at 44.1 kHz)")
    print(f"  tree measured: {results['tree']}")
    print(f"  load average at the end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")


def report(results: dict[str, Any], args: argparse.Namespace) -> None:
    hello, breathe, bounds = results["hello"], results["breathe"], results["boundaries"]
    idle = hello["windows"]["idle"]
    moving = breathe["windows"]["moving"]
    rest = breathe["windows"]["rest"]
    first_hello = statistics.median(results["first"]["hello"])
    first_breathe = statistics.median(results["first"]["breathe"])
    interpreter = results["interpreter"]

    lateness_ms, all_ms, drift_ms = boundary_figures(bounds)
    stall = bounds.get("stall")

    rows: list[tuple[str, ...]] = []

    def row(figure: str, ours: str, bare: str = "", ratio: str = "", goal: str = "") -> None:
        rows.append((figure, ours, bare, ratio, goal))

    def verdict(line: tuple[str, ...], ok: bool) -> None:
        rows[-1] = (*line, "met" if ok else "NOT MET")

    cpu_moving, cpu_idle = cpu_percent(moving), cpu_percent(idle)
    row("pacer frames per second", f"{per_second(moving, 'pacer_frames'):.1f}", "-")
    row(
        "CPU while animating, % of a core (vs idle hello-world)",
        f"{cpu_moving:.2f}",
        f"{cpu_idle:.2f}",
        f"{cpu_moving / cpu_idle:.1f}x" if cpu_idle > 0 else "-",
        f"<= {GOAL_CPU_PERCENT:g}",
    )
    verdict(rows[-1], cpu_moving <= GOAL_CPU_PERCENT)
    frames = moving["pacer_frames"]
    frame_ms = 1000 * moving["cpu"] / frames if frames else math.inf
    peer = results.get("peer")
    if peer is not None:
        theirs = peer["windows"]["moving"]
        their_ms = 1000 * theirs["cpu"] / theirs["pacer_frames"] if theirs["pacer_frames"] else 0
        row(
            "CPU per painted frame, ms (vs breathe-cli)",
            f"{frame_ms:.2f}",
            f"{their_ms:.2f}",
            f"{frame_ms / their_ms:.1f}x" if their_ms else "-",
            f"<= {GOAL_FRAME_RATIO:g}x",
        )
        verdict(rows[-1], their_ms > 0 and frame_ms / their_ms <= GOAL_FRAME_RATIO)
        row(
            "frames per second (vs breathe-cli)",
            f"{per_second(moving, 'pacer_frames'):.1f}",
            f"{per_second(theirs, 'pacer_frames'):.1f}",
        )
        row(
            "CPU while animating, % (vs breathe-cli)",
            f"{cpu_moving:.2f}",
            f"{cpu_percent(theirs):.2f}",
            f"{cpu_moving / cpu_percent(theirs):.1f}x" if theirs["cpu"] else "-",
        )
        row(
            "KiB/s to the terminal (vs breathe-cli)",
            f"{per_second(moving, 'bytes') / 1024:.1f}",
            f"{per_second(theirs, 'bytes') / 1024:.1f}",
            f"{per_second(moving, 'bytes') / max(1, per_second(theirs, 'bytes')):.1f}x",
        )
    else:
        row("CPU per painted frame, ms (no breathe-cli here)", f"{frame_ms:.2f}")
    floor = results.get("floor")
    floor_ms = math.inf
    if floor is not None:
        floor_moving = floor["windows"]["moving"]
        floor_frames = floor_moving["pacer_frames"]
        floor_ms = 1000 * floor_moving["cpu"] / floor_frames if floor_frames else math.inf
        row(
            "CPU per painted frame, ms (vs bare Textual, one line)",
            f"{frame_ms:.2f}",
            f"{floor_ms:.2f}",
            f"{frame_ms / floor_ms:.1f}x" if floor_ms else "-",
        )
    cpu_rest = cpu_percent(rest)
    row(
        "CPU in a rest (countdown), % (vs idle)",
        f"{cpu_rest:.2f}",
        f"{cpu_idle:.2f}",
        f"{cpu_rest / cpu_idle:.1f}x" if cpu_idle > 0 else "-",
        f"<= {GOAL_REST_RATIO:g}x",
    )
    verdict(rows[-1], cpu_idle > 0 and cpu_rest / cpu_idle <= GOAL_REST_RATIO)
    if floor is not None:
        floor_rest = cpu_percent(floor["windows"]["rest"])
        row(
            "CPU in a rest, % (vs bare Textual, a line a second)",
            f"{cpu_rest:.2f}",
            f"{floor_rest:.2f}",
            f"{cpu_rest / floor_rest:.1f}x" if floor_rest > 0 else "-",
        )
    row(
        "peak memory, MiB (vs hello-world)",
        f"{breathe['maxrss_kib'] / 1024:.1f}",
        f"{hello['maxrss_kib'] / 1024:.1f}",
        f"{breathe['maxrss_kib'] / hello['maxrss_kib']:.2f}x",
    )
    for figure, median in (
        ("time to first frame, `breathe play`, ms (vs hello-world)", first_breathe),
        (
            "time to first frame, `breathe` (library), ms",
            statistics.median(results["first"]["library"]),
        ),
    ):
        ratio = median / first_hello
        row(
            figure,
            f"{1000 * median:.0f}",
            f"{1000 * first_hello:.0f}",
            f"{ratio:.2f}x",
            f"<= {GOAL_FIRST_FRAME_RATIO:g}x",
        )
        verdict(rows[-1], ratio <= GOAL_FIRST_FRAME_RATIO)
    filled = statistics.median(results["library_filled"])
    row(
        "library showing its routines, ms",
        f"{1000 * filled:.0f}",
        f"{1000 * first_hello:.0f}",
        f"{filled / first_hello:.2f}x",
    )
    p50, p99, worst = (percentile(all_ms, share) for share in (0.5, 0.99, 1.0))
    row(f"boundary lateness p50, ms (n={len(all_ms)})", f"{p50:.2f}")
    row("boundary lateness p99, ms", f"{p99:.2f}", goal=f"< {GOAL_P99_MS:g}")
    verdict(rows[-1], p99 < GOAL_P99_MS and stall is None)
    row("boundary lateness max, ms", f"{worst:.2f}")
    figure = f"final drift after {args.phases} x {args.phase_ms} ms, ms"
    if drift_ms is None:
        row(figure, "STALLED", goal=f"|d| < {GOAL_DRIFT_MS:g}")
        verdict(rows[-1], False)
    else:
        row(figure, f"{drift_ms:+.2f}", goal=f"|d| < {GOAL_DRIFT_MS:g}")
        verdict(rows[-1], abs(drift_ms) < GOAL_DRIFT_MS)

    header = ("figure", "breathe", "baseline", "ratio", "goal", "")
    table = [header, *[(*line, "")[:6] for line in rows]]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    print()
    for line in table:
        cells = [line[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(line[1:5], widths[1:5], strict=True)
        ]
        print("  ".join([*cells, line[5]]).rstrip())

    def ms_list(values: list[float]) -> str:
        return ", ".join(f"{1000 * value:.0f}" for value in values)

    session = bounds["windows"].get("session")
    screen = results["screen"]
    orb_drawn = any(glyph in screen for glyph in "█▀▄")
    words_shown = "Breathe in" in screen or "Breathe out" in screen
    late = sum(1 for ms in all_ms if ms >= GOAL_P99_MS)
    wakes_ms = [1000 * wake for wake in bounds["wakes"]]
    early = [ms for ms in wakes_ms if ms < 0]
    tiny = [delay for delay in bounds["delays"] if delay < 0.001]
    timer_line = "session timer: no figures (neither wake_at nor set_timer)"
    if wakes_ms:
        timer_line = (
            f"session timer: {len(wakes_ms)} wakes, median {statistics.median(wakes_ms):.2f} ms "
            f"after their target, {len(early)} before it (by up to "
            f"{-min(early, default=0):.2f} ms)"
        )
    if bounds["delays"]:
        timer_line += (
            f"; set_timer delays under 1 ms: {len(tiny)} (of which 0 s: "
            f"{sum(1 for delay in tiny if delay == 0)})"
        )
    lines = [
        f"window: {moving['wall']:.1f} s of breathing (4-4), the orb moving at its start and "
        f"end: {breathe['moving_at_start']}/{breathe['moving_at_end']}; pacer "
        f"{breathe['pacer_size'][0]}x{breathe['pacer_size'][1]} cells in a {WIDTH}x{HEIGHT} "
        "terminal",
        f"pacer: {per_second(moving, 'pacer_ticks'):.1f} checks/s (its ticker), "
        f"{per_second(moving, 'pacer_refreshes'):.1f} refresh()/s, "
        f"{per_second(moving, 'pacer_frames'):.1f} repaints/s; session syncs "
        f"{per_second(moving, 'syncs'):.1f}/s",
        f"terminal: {per_second(moving, 'displays'):.1f} updates/s, "
        f"{per_second(moving, 'bytes') / 1024:.1f} KiB/s written while animating; "
        f"hello-world {per_second(idle, 'displays'):.1f} updates/s",
        f"CPU while animating by thread: {100 * moving['main_cpu'] / moving['wall']:.2f}% "
        "the event loop's, "
        f"{100 * (moving['cpu'] - moving['main_cpu']) / moving['wall']:.2f}% the others "
        "(Textual's output and input threads)",
        f"CPU during the opening rest (countdown, no orb): {cpu_percent(rest):.2f}% over "
        f"{rest['wall']:.1f} s",
        "bare Textual (the floor): "
        + (
            f"{floor_ms:.2f} ms of CPU per repaint of one line at "
            f"{per_second(floor['windows']['moving'], 'pacer_frames'):.1f}/s, "
            f"{cpu_percent(floor['windows']['rest']):.2f}% repainting it once a second"
            + (
                f"; per frame {floor_ms / their_ms:.1f}x breathe-cli's"
                if peer is not None and their_ms
                else ""
            )
            if floor is not None
            else "not measured"
        ),
        f"first frames, ms, each launch: breathe play {ms_list(results['first']['breathe'])}; "
        f"library {ms_list(results['first']['library'])} (its routines shown: "
        f"{ms_list(results['library_filled'])}); "
        f"hello-world {ms_list(results['first']['hello'])}; of which before App.run "
        f"(imports; for breathe play also reading the routine), median: breathe play "
        f"{1000 * statistics.median(results['before_run']['breathe']):.0f}, library "
        f"{1000 * statistics.median(results['before_run']['library']):.0f}, hello-world "
        f"{1000 * statistics.median(results['before_run']['hello']):.0f}",
        f"interpreter start-up and exit (`python -c pass`), not in the first frames: "
        f"{1000 * interpreter:.0f} ms; counting it for both, the ratio would be "
        f"{(first_breathe + interpreter) / (first_hello + interpreter):.2f}x",
        f"boundaries: {len(lateness_ms)} segment starts"
        + (" and the end" if bounds["ended_by_sync"] else "")
        + f" came through the timer-driven sync() ({bounds['syncs']} syncs); {late} of "
        f"{len(all_ms)} were {GOAL_P99_MS:g} ms late or more",
        f"boundary run: CPU {cpu_percent(session):.1f}% from first frame to end, "
        f"{per_second(session, 'pacer_frames'):.1f} pacer repaints/s, "
        f"peak memory {bounds['maxrss_kib'] / 1024:.1f} MiB"
        if session
        else "boundary run: no end, no CPU figure",
        timer_line,
        f"screen check while animating: orb drawn {orb_drawn}, phase words shown {words_shown}",
        f"tree measured: {results['tree']}",
        f"load average at the end: {', '.join(f'{value:.2f}' for value in os.getloadavg())}",
    ]
    if stall is not None:
        lines.append(
            f"STALL: no boundary after segment {stall['last_index']} (the one due at "
            f"{stall['missed_at_s']:g} s never came); the screen's timer task "
            + (
                f"died with {stall['timer_error']}"
                if stall["timer_error"]
                else ("is still waiting" if stall["timer_pending"] else "is gone")
            )
            + f"; the last delay asked was {stall['last_delay']!r} s"
            + f"; `breathe play` exited with status {bounds['exit_status']}"
        )
    print("\ndetails")
    for detail in lines:
        print(f"  {detail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20, help="length of each steady window")
    parser.add_argument("--phases", type=int, default=600, help="phases in the boundary run")
    parser.add_argument("--phase-ms", type=int, default=50, help="length of each phase")
    parser.add_argument(
        "--first-frame-runs", type=int, default=5, help="launches of each app for first frames"
    )
    parser.add_argument(
        "--first-frame-only", action="store_true", help="measure only the first frames"
    )
    parser.add_argument(
        "--boundaries-only", action="store_true", help="measure only the boundary run"
    )
    parser.add_argument(
        "--sound",
        action="store_true",
        help="the boundary run plays its cues and its voice (breathe's defaults) into an "
        "ALSA capture sink (needs libasound) instead of --no-sound",
    )
    parser.add_argument(
        "--busy", action="store_true", help="a busy process runs beside the boundary run"
    )
    parser.add_argument("--json", type=Path, help="also save the raw measurements here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--peer", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--floor-fps", type=float, default=6.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    FLOOR_FPS[0] = args.floor_fps
    if args.child:
        try:
            if args.child == "peer":
                run_peer_child(args.peer, args.out, args.seconds)
            run_child(args.child, args.out, args.seconds, args.phases, args.phase_ms, args.sound)
        except BaseException:
            args.out.write_text(json.dumps({"error": traceback.format_exc()}))
            raise
        return
    if shutil.which("tmux") is None:
        raise SystemExit("this benchmark needs tmux")
    results = run_all(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    if args.boundaries_only:
        report_boundaries(results, args)
    elif args.first_frame_only:
        report_first_frames(results)
    else:
        report(results, args)


if __name__ == "__main__":
    main()
