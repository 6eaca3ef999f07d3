"""`breathe settings`, and the settings in effect for a command: the file's, under the
options given on the command line."""

from __future__ import annotations

import argparse
import sys

from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS
from breathe.core.options import OPTION_NAMES, PlayOptions
from breathe.library.locations import settings_path
from breathe.library.settings import TEMPLATE, SettingsError, describe, load_settings


def effective_settings(args: argparse.Namespace) -> PlayOptions | None:
    """The play options: the command line's over the settings file's, the file's over the
    defaults; None once the file's problems are printed (the command then exits with
    status 1: a bad file is never guessed around). An option not given on the command line
    is absent from `args` (argparse.SUPPRESS); one given is marked in `given`."""
    try:
        from_file = load_settings(settings_path()).options
    except SettingsError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return None
    # Given, as the command line marks them: a routine's remembered tempo and length give
    # way to these for this run (`--length own` is given, as None).
    given = {name: getattr(args, name) for name in OPTION_NAMES if name in vars(args)}
    return from_file.for_run(
        {name: value for name, value in given.items() if value is not None or name == "length"}
    )


def run_settings(*, path_only: bool, init: bool) -> int:
    path = settings_path()
    if path_only:
        print(path)
        return EXIT_OK
    if init:
        return _write_template()
    try:
        settings = load_settings(path)
    except SettingsError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    exists = path.is_file()
    print(f"# {path}" + ("" if exists else " (no file: the defaults)"))
    for line in describe(settings.options, settings.given):
        print(line)
    return EXIT_OK


def _write_template() -> int:
    """A commented settings file where there is none; an existing one is left alone."""
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # "x": never over an existing file
            file.write(TEMPLATE)
    except FileExistsError:
        print(
            f"breathe: settings: {path} exists already; breathe never changes it "
            "(edit it, or move it away first)",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    except OSError as error:
        print(f"breathe: settings: cannot write {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {path}")
    return EXIT_OK
