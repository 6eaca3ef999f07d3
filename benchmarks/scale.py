"""How does breathe grow with the library, the history and the routine's length?

Issue 18's scale goals: nothing a person does takes more than 100 ms at 1,000 routine files
or 10,000 recorded sessions, and every figure grows linearly or better.

Everything is built in a temporary folder (its own HOME, XDG_DATA_HOME, XDG_CONFIG_HOME and
XDG_STATE_HOME, so your own routines and history are never read or touched):

- user routine folders of 10, 100, 1,000 and 5,000 files (copies of a bundled routine, each
  with its own title and tags);
- histories of 100, 10,000 and 100,000 sessions, created by breathe's own history store
  (`open_history`, so the schema and its migrations are the real ones) and filled with SQL
  through its connection, one transaction;
- routines of 1, 100 and 1,000 steps (1,000: a block of 200, the most a routine lists,
  repeated 5 times).

The figures:

- CLI commands (`breathe list`, `validate DIR`, `history`, its `--json` and `--csv`
  exports, `stats`, `show`): wall time of the whole process (`python -m breathe ...`,
  output to a pipe), the median of the runs, and under it the CPU time the process used
  (user + system, from `os.wait4`) and, for the history, its peak memory;
- the app's figures come from a child process (this script, `--child ...`) that builds the
  real app in-process and runs it headless (`App.run_test`, 100 x 30): `first frame` is
  from the child's first line to the first time `App._display` is handed a frame of the
  content screen (the library; the session screen for `play`), `filled` to the moment the
  library's table holds every routine, `paints` how many frames of the library were
  handed over in its first 300 ms; a filter keystroke is the time `pilot.press` takes to
  deliver one letter plus a `pilot.pause()` (the screen has handled it and refreshed; the
  first letter also opens the filter), then a backspace with the filter open (every
  routine's row back: the most a keystroke refills); the History screen from
  `action_history` until it is on screen and refreshed. Beside the keystrokes, Textual's
  own part of them: a bare Textual app with an Input over a DataTable of as many rows,
  emptied and filled with the matching rows at each keystroke, as the library does. With
  a program active, `library filled, program on (Today)` is the moment the Today box and
  the table are filled (the Today box reads the program's sessions then, after the first
  paint). Each app figure has a CPU row too: the child's CPU time (`time.process_time`,
  every thread) over the same span.

On a shared machine wall times swing with the load (the load average is printed at the
start and the end); the CPU rows hardly do, so growth and the SUPERLINEAR flag are best
read from them.

Growth is the difference between the largest and the smallest size divided by the
difference in files, sessions or steps. A figure is flagged SUPERLINEAR when its cost per
unit at the largest size is more than 1.5 times the cost per unit between the two middle
sizes, and SLOW when it is over 100 ms at 1,000 routines or 10,000 sessions.

Run from the repository root: `python benchmarks/scale.py` (about four minutes), or with
`--quick` (one run per figure, no 5,000 routines or 100,000 sessions: about a minute);
`--only routines|sessions|steps` runs one part. `--against DIR` measures another checkout
of breathe too (say the commit before a change: `git worktree add /tmp/before HEAD~1`),
each figure in both one after the other on the same folders (each with its own history
file, written by its own breathe), and prints this tree's figures with the ratio to that
one's: on a busy machine, a ratio from the same run says more than two runs apart.
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # the app's first frames are timed from here: keep it at the top

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from datetime import datetime, timedelta, timezone  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the working tree's breathe, as benchmarks/session.py does
SOURCE_ROUTINE = ROOT / "routines" / "belly-breathing.yaml"
PROGRAM = "circulation-60-day"
LIMIT_MS = 100.0
PAINT_WINDOW_S = 0.3
CHILD_TIMEOUT_S = 120

ROUTINE_SIZES = (10, 100, 1000, 5000)
SESSION_SIZES = (100, 10_000, 100_000)
STEP_SIZES = (1, 100, 1000)
MAX_WRITTEN_STEPS = 200  # breathe.format.routine_spec's STEPS.max_items
QUICK_ROUTINE_SIZES = (10, 100, 1000)
QUICK_SESSION_SIZES = (100, 10_000)
PARTS = ("routines", "sessions", "steps")


# -- building the folders --


def environment(home: Path, root: Path = ROOT) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONPATH=str(root),
        COLUMNS="100",
        LINES="30",
    )
    return env


def routines_dir(home: Path) -> Path:
    return home / "data" / "breathe" / "routines"


def write_routines(home: Path, count: int) -> Path:
    """`count` valid routine files in the user folder of `home`."""
    folder = routines_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    text = SOURCE_ROUTINE.read_text(encoding="utf-8")
    for index in range(count):
        body = text.replace("title: Belly breathing", f"title: Practice number {index}")
        body = body.replace("tags: [breathing,", f"tags: [set-{index % 37}, breathing,")
        (folder / f"practice-{index:05d}.yaml").write_text(body, encoding="utf-8")
    return folder


def routine_of_steps(path: Path, steps: int) -> Path:
    """A routine that plays `steps` steps. A routine lists at most MAX_WRITTEN_STEPS (the
    format's limit), so a longer one repeats a block of them: 1,000 is 200 played 5 times."""
    written = min(steps, MAX_WRITTEN_STEPS)
    rounds, indent = steps // written, "    " if steps > written else ""
    lines = ["format: 1", f"title: {steps} steps", "steps:"]
    if rounds > 1:
        lines += [f"  - repeat: {rounds}", "    steps:"]
    for index in range(written):
        if index % 2:
            lines += [f"{indent}  - rest: Rest {index}", f"{indent}    duration: 5s"]
        else:
            lines += [
                f"{indent}  - breathe: Breath {index}",
                f"{indent}    pattern: 4-4",
                f"{indent}    cycles: 1",
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_history_with(root: Path, home: Path, count: int) -> None:
    """`write_history` by the breathe of `root` (its own schema version), in a child."""
    subprocess.run(
        [sys.executable, __file__, "--write-history", str(count), str(home), "--root", str(root)],
        env=environment(home, root),
        check=True,
    )


def write_history(home: Path, count: int) -> None:
    """`count` sessions over the last years, a few a day, through the real store's file."""
    saved = dict(os.environ)
    os.environ.update(environment(home))
    try:
        from breathe.history.store import open_history
        from breathe.library.locations import history_path

        path = history_path()
        store = open_history(path)
        assert store is not None
    finally:
        os.environ.clear()
        os.environ.update(saved)
    zone = timezone(timedelta(hours=1))
    now = datetime(2026, 12, 7, 7, 0, tzinfo=zone)
    rows = []
    for index in range(count):
        started = now - timedelta(hours=6 * (count - index))
        text = started.isoformat(timespec="seconds")
        ended = "finished" if index % 5 else "stopped"
        rows.append(
            (
                f"practice-{index % 50}",
                f"Practice number {index % 50}",
                text,
                300_000 if ended == "finished" else 20_000,
                ended,
                5,
                5,
                PROGRAM if index % 3 == 0 else None,
                1 + index % 60 if index % 3 == 0 else None,
                text,
            )
        )
    with store:
        db = store._db  # the store's own connection: the real file, schema and pragmas
        db.execute("BEGIN IMMEDIATE")
        db.executemany(
            "INSERT INTO sessions (routine, title, started_at, practised_ms, ended, steps_done, "
            "steps_total, program, day, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.execute("COMMIT")


# -- measuring --


def run_cli(home: Path, *args: str, runs: int, root: Path = ROOT) -> dict[str, float]:
    """The medians of `breathe ARGS` in `home`: wall time (`wall`) and CPU time (`cpu`,
    user + system) in ms, peak memory (`mib`)."""
    found: list[dict[str, float]] = []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "breathe", *args],
            env=environment(home, root),
            cwd=root,  # `-m` puts the current folder first on the path, before PYTHONPATH
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        found.append(
            {
                "wall": (time.perf_counter() - start) * 1000,
                "cpu": (usage.ru_utime + usage.ru_stime) * 1000,
                "mib": usage.ru_maxrss / 1024,
            }
        )
    return {key: statistics.median(run[key] for run in found) for key in found[0]}


def run_child(home: Path, kind: str, runs: int, *extra: str, root: Path = ROOT) -> dict[str, float]:
    """The median of each figure a `--child KIND` process reports."""
    results: list[dict[str, float]] = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--root", str(root), *extra],
            env=environment(home, root),
            capture_output=True,
            text=True,
            check=False,
            timeout=CHILD_TIMEOUT_S,  # a child that never paints fails loudly, not forever
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if not lines:
            raise RuntimeError(f"child {kind} failed:\n{done.stdout}\n{done.stderr}")
        results.append(json.loads(lines[-1]))
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


# -- the child: the real app, headless --


async def time_filter_keys(pilot: Any, figures: dict[str, float]) -> None:
    """The library filter's two keystrokes, timed alike for breathe and the bare table: a
    letter that opens the filter (no row matches `9`), then backspace, every row back."""
    start, cpu = time.perf_counter(), time.process_time()
    await pilot.press("9")
    await pilot.pause()
    figures["keystroke_ms"] = (time.perf_counter() - start) * 1000
    figures["keystroke_cpu_ms"] = (time.process_time() - cpu) * 1000
    start, cpu = time.perf_counter(), time.process_time()
    await pilot.press("backspace")  # the filter open: every row back
    await pilot.pause()
    figures["unfilter_ms"] = (time.perf_counter() - start) * 1000
    figures["unfilter_cpu_ms"] = (time.process_time() - cpu) * 1000


def textual_table(count: int) -> None:
    """Textual's own part of a filter keystroke: a bare app with an Input over a DataTable
    of `count` rows of four columns (a routine's name, title, length and tags), which a
    keystroke in the Input empties and fills with the rows that match, as breathe's library
    does. Prints the keystroke's wall and CPU time as the app child does."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Input

    rows = [
        (f"practice-{index:05d}", f"Practice number {index}", "5:00", f"set-{index % 37}")
        for index in range(count)
    ]

    class Filtered(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("NAME", "TITLE", "LENGTH", "TAGS")
            table.add_rows(rows)
            self.query_one(Input).focus()

        def on_input_changed(self, event: Input.Changed) -> None:
            table = self.query_one(DataTable)
            table.clear()
            table.add_rows(
                row for row in rows if all(w in " ".join(row) for w in event.value.split())
            )

    app = Filtered()
    figures: dict[str, float] = {}

    async def plan() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await time_filter_keys(pilot, figures)

    asyncio.run(plan())
    print(json.dumps(figures))
    sys.stdout.flush()
    os._exit(0)


def child(kind: str, extra: list[str]) -> None:
    if kind == "textual-table":
        textual_table(int(extra[0]))
    from textual.app import App

    from breathe.ui.app import make_app

    figures: dict[str, float] = {}
    paints: list[float] = []
    content: type[Any]
    if kind == "play":
        from breathe.ui.screens.session import SessionScreen

        content = SessionScreen
    else:
        from breathe.ui.screens.library import LibraryScreen

        content = LibraryScreen
    original = App._display

    cpu_at_first_paint: list[float] = []

    def display(self: App[Any], screen: Any, renderable: Any) -> None:
        if renderable is not None and isinstance(screen, content):
            paints.append(time.perf_counter())
            if not cpu_at_first_paint:
                cpu_at_first_paint.append(time.process_time())
        original(self, screen, renderable)

    App._display = display  # type: ignore[method-assign]

    app: App[Any]
    if kind == "play":  # as `breathe play FILE --no-sound --voice off` builds it
        from breathe.core.options import PlayOptions
        from breathe.library.catalog import Catalog
        from breathe.library.locations import bundled_routines_dir, user_routines_dir
        from breathe.ui.app import BreatheApp

        catalog = Catalog.load(bundled_routines_dir(), user_routines_dir())
        entry = catalog.file_entry(Path(extra[0]))
        options = PlayOptions(sound="off", voice="off")
        app = BreatheApp(catalog, options=options, play=entry)
    else:
        app = make_app()

    async def plan() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            while not paints:
                await asyncio.sleep(0.001)
            figures["first_frame_ms"] = (paints[0] - _T0) * 1000
            figures["first_frame_cpu_ms"] = cpu_at_first_paint[0] * 1000
            if kind == "play":
                return
            from textual.widgets import DataTable

            expected = int(extra[0])
            # The table may be mounted only once the routines are read.
            while not any(table.row_count >= expected for table in app.screen.query(DataTable)):
                await asyncio.sleep(0.001)
            figures["filled_ms"] = (time.perf_counter() - _T0) * 1000
            figures["filled_cpu_ms"] = time.process_time() * 1000
            await asyncio.sleep(PAINT_WINDOW_S)
            figures["paints"] = float(
                sum(1 for moment in paints if moment - paints[0] <= PAINT_WINDOW_S)
            )
            await time_filter_keys(pilot, figures)
            await pilot.press("escape")
            await pilot.pause()
            start, cpu = time.perf_counter(), time.process_time()
            app.action_history()
            await pilot.pause()
            await pilot.pause()
            figures["history_screen_ms"] = (time.perf_counter() - start) * 1000
            figures["history_screen_cpu_ms"] = (time.process_time() - cpu) * 1000

    asyncio.run(plan())
    print(json.dumps(figures))
    sys.stdout.flush()
    os._exit(0)


# -- the report --


def growth(sizes: tuple[int, ...], values: list[float], unit: str, at: int) -> str:
    """How a figure grows, and flags for superlinear or slow."""
    per = (values[-1] - values[0]) / (sizes[-1] - sizes[0])
    text = f"{per * 1000:+.1f} µs per {unit}"
    flags = []
    if len(sizes) >= 3:
        middle = (values[-2] - values[0]) / (sizes[-2] - sizes[0])
        if per > 1.5 * max(middle, 1e-3):
            flags.append("SUPERLINEAR")
    if at in sizes and values[sizes.index(at)] > LIMIT_MS:
        flags.append(f"SLOW at {at:,}")
    return text + ("  " + " ".join(flags) if flags else "")


def table(
    title: str,
    unit: str,
    at: int,
    sizes: tuple[int, ...],
    rows: dict[str, list[float]],
    against: dict[str, list[float]] | None = None,
) -> None:
    print(f"\n{title}")
    print(f"  {'':{NAME_WIDTH}}" + "".join(f"{size:>11,}" for size in sizes) + "   growth")
    for name, values in rows.items():
        counted = "paints" in name or name.endswith("MiB")
        cells = "".join(
            f"{value:>9.0f}ms" if not counted else f"{value:>11.0f}" for value in values
        )
        grows = "" if counted else growth(sizes, values, unit, at)
        print(f"  {name:{NAME_WIDTH}}{cells}   {grows}", flush=True)
    if against:
        print("  ratio to --against, same run")
        for name, values in rows.items():
            ratios = "".join(
                f"{value / max(other, 1e-9):>10.2f}x"
                for value, other in zip(values, against[name], strict=True)
            )
            print(f"  {name:{NAME_WIDTH}}{ratios}", flush=True)


NAME_WIDTH = 38


def add_cli(
    rows: dict[str, list[float]], name: str, figures: dict[str, float], *, memory: bool = False
) -> None:
    """A command's wall time, its CPU time and (with `memory`) its peak memory, as rows."""
    rows.setdefault(name, []).append(figures["wall"])
    rows.setdefault(f"{name}, CPU", []).append(figures["cpu"])
    if memory:
        rows.setdefault(f"{name}, peak MiB", []).append(figures["mib"])


def add_app(rows: dict[str, list[float]], name: str, app: dict[str, float], key: str) -> None:
    """An app figure (`KEY_ms`) and its CPU time (`KEY_cpu_ms`), as rows."""
    rows.setdefault(name, []).append(app[f"{key}_ms"])
    rows.setdefault(f"{name}, CPU", []).append(app[f"{key}_cpu_ms"])


def measure_routines(
    base: Path, roots: list[Path], sizes: tuple[int, ...], runs: int
) -> list[dict[str, list[float]]]:
    """The library's figures for each of `roots`, on the same folders, one after the other."""
    found: list[dict[str, list[float]]] = [{} for _ in roots]
    for size in sizes:
        home = base / f"routines-{size}"
        folder = write_routines(home, size)
        for root, rows in zip(roots, found, strict=True):
            bundled = len(list((root / "routines").glob("*.yaml")))
            app = run_child(home, "library", runs, str(size + bundled - 1), root=root)
            add_app(rows, "app first frame", app, "first_frame")
            add_app(rows, "app library filled", app, "filled")
            rows.setdefault("library paints in 300 ms", []).append(app["paints"])
            add_app(rows, "filter keystroke", app, "keystroke")
            bare = run_child(home, "textual-table", runs, str(size), root=root)
            add_app(rows, "  Textual's part: bare DataTable", bare, "keystroke")
            add_app(rows, "filter open, backspace: all rows", app, "unfilter")
            add_app(rows, "  Textual's part: bare DataTable ", bare, "unfilter")
            add_cli(rows, "breathe list", run_cli(home, "list", runs=runs, root=root))
            add_cli(
                rows,
                "breathe validate DIR",
                run_cli(home, "validate", str(folder), runs=runs, root=root),
            )
        shutil.rmtree(home)
    return found


def measure_sessions(
    base: Path, roots: list[Path], sizes: tuple[int, ...], runs: int
) -> list[dict[str, list[float]]]:
    """The history's figures for each of `roots`, each with its own history file."""
    found: list[dict[str, list[float]]] = [{} for _ in roots]
    for size in sizes:
        for number, (root, rows) in enumerate(zip(roots, found, strict=True)):
            home = base / f"sessions-{size}-{number}"
            write_history_with(root, home, size)
            subprocess.run(
                [sys.executable, "-m", "breathe", "program", "start", PROGRAM],
                env=environment(home, root),
                cwd=root,
                capture_output=True,
                check=True,
            )
            for name, args in (
                ("breathe history", ("history",)),
                ("breathe history --all", ("history", "--all")),
                ("breathe history --json", ("history", "--json")),
                ("breathe history --csv", ("history", "--csv")),
                ("breathe stats", ("stats",)),
            ):
                add_cli(rows, name, run_cli(home, *args, runs=runs, root=root), memory=True)
            bundled = len(list((root / "routines").glob("*.yaml")))
            app = run_child(home, "library", runs, str(bundled - 1), root=root)
            add_app(rows, "History screen", app, "history_screen")
            add_app(rows, "app first frame, program on", app, "first_frame")
            add_app(rows, "library filled, program on (Today)", app, "filled")
            shutil.rmtree(home)
    return found


def measure_steps(base: Path, roots: list[Path], runs: int) -> list[dict[str, list[float]]]:
    """A routine's length: validate, show and play's first frame, for each of `roots`."""
    found: list[dict[str, list[float]]] = [{} for _ in roots]
    home = base / "steps"
    home.mkdir()
    for size in STEP_SIZES:
        path = routine_of_steps(home / f"steps-{size}.yaml", size)
        for root, rows in zip(roots, found, strict=True):
            validate = run_cli(home, "validate", str(path), runs=runs, root=root)
            add_cli(rows, "breathe validate FILE", validate)
            add_cli(
                rows, "breathe show FILE", run_cli(home, "show", str(path), runs=runs, root=root)
            )
            app = run_child(home, "play", runs, str(path), root=root)
            add_app(rows, "play first frame", app, "first_frame")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, one run each")
    parser.add_argument("--runs", type=int, help="runs per figure (default 3, --quick 1)")
    parser.add_argument(
        "--only", action="append", choices=PARTS, help="run this part only (may be repeated)"
    )
    parser.add_argument(
        "--against", type=Path, help="another checkout of breathe, measured in the same run"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--write-history", type=int, help=argparse.SUPPRESS)
    parser.add_argument("extra", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child or args.write_history is not None:
        sys.path.insert(0, str(args.root))  # that tree's breathe, not necessarily this one
        if args.child:
            child(args.child, args.extra)
        else:
            write_history(Path(args.extra[0]), args.write_history)
        return
    runs = args.runs or (1 if args.quick else 3)
    routine_sizes = QUICK_ROUTINE_SIZES if args.quick else ROUTINE_SIZES
    session_sizes = QUICK_SESSION_SIZES if args.quick else SESSION_SIZES
    parts = args.only or PARTS
    roots = [ROOT] + ([args.against.resolve()] if args.against else [])
    print(f"breathe scale benchmark, {runs} run(s) a figure, times are medians")
    if args.against:
        print(f"this tree: {ROOT}; against: {roots[1]}")
    print(f"load average at the start: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="breathe-scale-") as temp:
        base = Path(temp)
        if "routines" in parts:
            mine, *other = measure_routines(base, roots, routine_sizes, runs)
            table("User routine files", "file", 1000, routine_sizes, mine, *other)
        if "sessions" in parts:
            mine, *other = measure_sessions(base, roots, session_sizes, runs)
            table("Recorded sessions", "session", 10_000, session_sizes, mine, *other)
        if "steps" in parts:
            mine, *other = measure_steps(base, roots, runs)
            table("Steps in one routine", "step", 1000, STEP_SIZES, mine, *other)
    print(f"\n({time.perf_counter() - started:.0f} s, load average at the end: ", end="")
    print(f"{' '.join(f'{n:.2f}' for n in os.getloadavg())})")


if __name__ == "__main__":
    main()
