"""`breathe validate PATH...`: every problem in every file, once or on every save."""

from __future__ import annotations

import argparse

from breathe.cli.command import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", metavar="PATH", nargs="+", help="files or folders")
    parser.add_argument(
        "--format",
        choices=("plain", "json"),
        default="plain",
        help="plain lines (the default), or JSON for editors and CI (with --watch: one "
        "JSON object per line, each time)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="warnings fail too: exit 1 when there are any (for CI); without it, only problems do",
    )
    parser.add_argument(
        "--watch", action="store_true", help="check again each time a file is saved; Ctrl-C stops"
    )


def run(args: argparse.Namespace) -> int:
    as_json = args.format == "json"
    if args.watch:
        from breathe.cli.watch import run_validate_watch

        return run_validate_watch(args.paths, as_json=as_json)
    from breathe.cli.validate import run_validate

    return run_validate(args.paths, as_json=as_json, strict=args.strict)


COMMAND = Command(
    "validate",
    help="check routine files and report every problem",
    description="Check routine files (or every .yaml file in folders). Prints one "
    "problem per line as path:line:col: key.path: message; hint, then warnings (the "
    "file plays, but something in it will not come out as written). Exit status: 0 all "
    "valid (warnings or not, unless --strict), 1 problems found (or warnings with "
    "--strict), 2 usage error.",
    add_arguments=add_arguments,
    run=run,
)
