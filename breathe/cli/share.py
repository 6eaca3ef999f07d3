"""`breathe export` and `breathe import`: hand a routine over, and take one in safely."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.text import Text

from breathe.cli.console import stdout_console
from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, UsageError
from breathe.cli.new import shown_path
from breathe.cli.routines import load_catalog
from breathe.cli.validate import render_problem
from breathe.core.paste import breathe_command
from breathe.core.problems import RoutineFileError
from breathe.core.words import counted
from breathe.format.loader import ROUTINE_SUFFIXES, routine_name
from breathe.format.spec import shown
from breathe.library.locations import user_data_dir
from breathe.library.sharing import (
    MANIFEST,
    SharingError,
    apply_import,
    bundle_routine,
    check_bundle,
    read_bundle,
    write_bundle,
)

Ask = Callable[[str], bool]


def _print_problems(console: Console, error: RoutineFileError) -> None:
    for problem in error.problems:
        console.print(render_problem(problem))


def run_export(name_or_path: str, output: str, *, force: bool) -> int:
    catalog = load_catalog()
    try:
        entry = catalog.find(name_or_path)
    except LookupError as error:
        raise UsageError(f"export: {shown(str(error))}") from None
    console = stdout_console()
    target = Path(output).expanduser()
    try:
        bundle = bundle_routine(entry, catalog)
        write_bundle(bundle, target, force=force)
    except RoutineFileError as error:
        _print_problems(console, error)
        console.print(Text(f"{entry.name} has problems; nothing was exported", style="bad"))
        return EXIT_PROBLEMS
    except SharingError as error:
        console.print(Text(f"{error}; nothing was exported", style="bad"))
        return EXIT_PROBLEMS
    routines = [routine_name(Path(name)) for name in bundle.routine_paths]
    others = [name for name in routines if name != entry.name]
    sounds = [
        name for name in bundle.files if name != MANIFEST and name not in bundle.routine_paths
    ]
    what = [entry.name]
    if others:
        count = "the routine" if len(others) == 1 else f"the {len(others)} routines"
        what.append(f"{count} it includes ({', '.join(others)})")
    if sounds:
        what.append(f"{counted(len(sounds), 'sound file')}")
    console.print(Text(f"exported {' and '.join(what)} to {shown_path(target)}", style="good"))
    console.print(
        Text("to play it elsewhere: ", style="bold")
        # On another computer: there, `breathe` is the word to say.
        + Text(
            f"breathe import {shown(shlex.quote(target.name))}, "
            f"then breathe play {shown(shlex.quote(entry.name))}"
        )
    )
    return EXIT_OK


def _ask_on_terminal(question: str) -> bool:
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def run_import(source: str, *, force: bool, ask: Ask | None = None) -> int:
    path = Path(source).expanduser()
    if not path.exists() and not path.is_symlink():
        raise UsageError(f"import: no such file or folder: {shown(source)}")
    console = stdout_console()
    try:
        bundle = read_bundle(path)
        catalog = load_catalog()
        plan = check_bundle(bundle, shown(source.rstrip("/")), catalog)
    except SharingError as error:
        console.print(Text(f"{error}; nothing was imported", style="bad"))
        return EXIT_PROBLEMS
    except RoutineFileError as error:
        _print_problems(console, error)
        console.print(
            Text(
                f"{shown(source)} has {counted(error.count, 'problem')}; nothing was imported",
                style="bad",
            )
        )
        return EXIT_PROBLEMS
    folder = shown_path(plan.target)
    if plan.clashes and not force:
        clashes = ", ".join(plan.clashes)
        question = f"{folder} already holds {clashes}, with other content. Replace?"
        if ask is None and sys.stdin.isatty() and sys.stdout.isatty():
            ask = _ask_on_terminal
        if ask is None or not ask(question):
            console.print(
                Text(
                    f"{folder} already holds {clashes}, with other content; nothing was imported. ",
                    style="bad",
                )
                + Text(
                    "Add --force to replace (the old files are kept), or rename yours first.",
                    style="hint",
                )
            )
            return EXIT_PROBLEMS
    try:
        kept = apply_import(plan, user_data_dir(), replace=True)
    except (SharingError, OSError) as error:
        console.print(Text(shown(f"the import failed, nothing was changed: {error}"), style="bad"))
        return EXIT_PROBLEMS
    written = plan.to_write
    if not written:
        console.print(Text(f"already in {folder}, unchanged: nothing to import", style="good"))
    else:
        names = [
            f"{routine_name(Path(name))} ({plan.routines[routine_name(Path(name))]})"
            for name in written
            if name.endswith(ROUTINE_SUFFIXES) and "/" not in name
        ]
        sounds = [name for name in written if name not in bundle.routine_paths]
        listed = ", ".join(names) if names else "no new routine"
        if sounds:
            listed += f" and {counted(len(sounds), 'sound file')}"
        console.print(Text(f"imported into {folder}: {listed}", style="good"))
    if bundle.programs:
        console.print(
            Text(
                shown(
                    f"{', '.join(bundle.programs)} "
                    + ("is a program" if len(bundle.programs) == 1 else "are programs")
                    + ", not imported: copy what you want into the folder "
                    f"`{breathe_command('program', 'locate')}` prints"
                ),
                style="muted",
            )
        )
    for name in plan.overrides_bundled:
        console.print(Text(f"{name} now replaces the bundled routine of that name", style="muted"))
    if kept is not None:
        console.print(Text(f"the files it replaced are kept in {shown_path(kept)}", style="muted"))
    main = bundle.main if bundle.main in plan.routines else None
    if main is None and len(plan.routines) == 1:
        main = next(iter(plan.routines))
    if main is not None:
        console.print(Text("play it: ", style="bold") + Text(breathe_command("play", main)))
    return EXIT_OK
