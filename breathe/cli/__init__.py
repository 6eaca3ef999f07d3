"""The `breathe` command: the app, and the commands authors use on routine files."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from breathe import __version__
from breathe.cli.exits import EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError
from breathe.core import bounds
from breathe.core.paste import breathe_command, started_as

if TYPE_CHECKING:
    from breathe.core.options import PlayOptions

COMMANDS = (
    "play", "list", "show", "validate", "render", "settings", "new", "export", "import",
    "schema", "locate", "program", "today", "about", "history", "stats", "docs",
)  # fmt: skip
_OPTIONS_WITH_VALUES = ("--tempo", "--sound", "--volume")


def command_in(argv: Sequence[str]) -> str | None:
    """The command `argv` names (the first word that is not an option or its value)."""
    values_follow = False
    for word in argv:
        if values_follow:
            values_follow = False
        elif word in _OPTIONS_WITH_VALUES:
            values_follow = True
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given `argv` naming a command, only that command's part of it.

    Building every subcommand's parser (and importing the modules that declare them) costs
    more than ten milliseconds, paid before a session's first frame; `breathe --help`, no
    command, or an unknown one, still gets them all.
    """
    only = command_in(argv) if argv is not None else None
    if only not in COMMANDS:
        only = None

    def wanted(*names: str) -> bool:
        return only is None or only in names

    parser = argparse.ArgumentParser(
        prog="breathe",
        description="Guided breathing and gentle yoga in your terminal. "
        "Run without a command to open the app.",
        epilog="Routines are YAML files: `breathe docs routines` prints their reference, and "
        "`breathe docs` lists every guide. NO_COLOR turns colour off.",
    )
    parser.add_argument("--version", action="version", version=f"breathe {__version__}")
    add_play_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", action=_Commands)
    if wanted("play"):
        _add_play_parser(commands)
    if wanted("list", "show", "validate", "render", "settings"):
        _add_routine_parsers(commands)
    if wanted("new", "export", "import"):
        add_authoring_parsers(commands)
    if wanted("schema", "locate"):
        commands.add_parser("schema", help="print the JSON Schema of routine files")
        commands.add_parser("locate", help="print the folder for your own routines (creating it)")
    if wanted("program", "today", "about"):
        _add_program_parsers(commands)
    if wanted("history", "stats"):
        from breathe.cli.history import add_parsers as add_history_parsers

        add_history_parsers(commands)
    if wanted("docs"):
        from breathe.cli.docs import add_parser as add_docs_parser

        add_docs_parser(commands)
    return parser


# The options of `add_play_options` (their `dest`), as `breathe --help` spells them.
PLAY_OPTIONS = {
    "tempo": "--tempo",
    "sound": "--sound",
    "volume": "--volume",
    "reduced_motion": "--reduced-motion",
    "eyes_closed": "--eyes-closed",
}
_BEFORE_COMMAND = "play_options_before_command"


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The subcommands. Notes the play options given before the command word (`breathe
    --tempo 0.5 show x`): the command's own parser may set the same names after it."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        given = {dest: getattr(namespace, dest) for dest in PLAY_OPTIONS if dest in namespace}
        setattr(namespace, _BEFORE_COMMAND, given)
        super().__call__(parser, namespace, values, option_string)


def refuse_play_options_before(args: argparse.Namespace, words: Sequence[str]) -> None:
    """UsageError for play options given before a command that plays nothing: they would
    be ignored without a word. `play`, `today` and the app (no command) take them."""
    given: dict[str, object] = getattr(args, _BEFORE_COMMAND, {})
    if args.command in (None, "play", "today") or not given:
        return
    command = args.command
    if command == "program":
        command = f"program {args.program_command}"
    # `render` has --tempo, --volume and --eyes-closed of its own, after its name.
    own = ("tempo", "volume", "eyes_closed") if command == "render" else ()
    foreign = [dest for dest in given if dest not in own]
    names = []
    for dest in foreign or given:
        name = PLAY_OPTIONS[dest]
        if dest == "eyes_closed" and given[dest] is False:
            name = "--no-eyes-closed"
        # --no-sound or --sound off? argparse takes any unambiguous start of a name.
        elif dest == "sound" and any(len(w) > 5 and "--no-sound".startswith(w) for w in words):
            name = "--no-sound"
        names.append(name)
    one = len(names) == 1
    listed = " and ".join(names)
    if not foreign:
        metavars = {"--tempo": " X", "--volume": " N"}
        written = " ".join(name + metavars.get(name, "") for name in names)
        raise UsageError(
            f"{listed} {'goes' if one else 'go'} after the command: "
            f"{breathe_command('render', 'ROUTINE', '-o', 'FILE.wav')} {written}"
        )
    raise UsageError(
        f"{listed} {'sets' if one else 'set'} how a session plays, and `{command}` plays "
        f"none: write {'it' if one else 'them'} after `{breathe_command('play', 'ROUTINE')}` "
        f"or `{breathe_command('today')}`"
    )


def _add_play_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    play = commands.add_parser(
        "play", help="play a routine now, and return to the shell when it ends"
    )
    play.add_argument("routine", metavar="ROUTINE", help="a routine name or a file path")
    add_play_options(play)
    play.add_argument(
        "--watch",
        action="store_true",
        help="open the routine's detail, reloaded each time its file is saved (for authors)",
    )


def _add_routine_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`list`, `show`, `validate`, `render` and `settings`."""
    listing = commands.add_parser("list", help="list the routines you can play")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")

    show = commands.add_parser("show", help="show a routine's timeline with its total")
    show.add_argument("routine", metavar="ROUTINE", help="a routine name or a file path")
    show.add_argument(
        "--segments", action="store_true", help="list every breath and hold, not only the steps"
    )
    show.add_argument(
        "--watch", action="store_true", help="show it again each time the file is saved"
    )

    validate = commands.add_parser(
        "validate",
        help="check routine files and report every problem",
        description="Check routine files (or every .yaml file in folders). Prints one "
        "problem per line as path:line:col: key.path: message. Exit status: 0 all valid, "
        "1 problems found, 2 usage error.",
    )
    validate.add_argument("paths", metavar="PATH", nargs="+", help="files or folders")
    validate.add_argument(
        "--format",
        choices=("plain", "json"),
        default="plain",
        help="plain lines (the default), or JSON for editors and CI (with --watch: one "
        "JSON object per line, each time)",
    )
    validate.add_argument(
        "--watch", action="store_true", help="check again each time a file is saved; Ctrl-C stops"
    )

    render = commands.add_parser(
        "render", help="write a routine's cue track to one WAV file, to follow it anywhere"
    )
    render.add_argument("routine", metavar="ROUTINE", help="a routine name or a file path")
    render.add_argument("-o", "--output", required=True, metavar="FILE.wav", help="where to write")
    add_tempo_option(render, f"breathing speed, from {bounds.TEMPO_RANGE}")
    add_volume_option(render, bounds.VOLUME_RANGE)
    render.add_argument("--force", action="store_true", help="replace an existing file")
    add_eyes_closed_option(render)

    settings = commands.add_parser(
        "settings",
        help="print where the settings file is and the settings in effect",
        description="Print the settings file's path and the settings in effect (the file's, "
        "else the defaults). The command line's options win over the file.",
    )
    settings.add_argument("--path", action="store_true", help="print only the file's path")
    settings.add_argument(
        "--init", action="store_true", help="write a commented settings file, if there is none"
    )


def _add_program_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`program ...`, `today` and `about`."""
    from breathe.cli.program import add_parsers as add_program_parsers

    add_program_parsers(commands)
    today = commands.add_parser(
        "today", help="play today's routine of the active program, saying which day it is"
    )
    today.add_argument("--list", action="store_true", help="list today's routines; play none")
    add_play_options(today)
    commands.add_parser("about", help="the safety notice: educational, not medical advice")


def _run_program(args: argparse.Namespace) -> int:
    """`program ...`, `today` and `about`: the day is today's local date."""
    from datetime import datetime

    from breathe.cli import program

    now = datetime.now()
    if args.command == "about":
        from breathe.cli.about import run_about

        return run_about()
    if args.command == "today":
        options = play_options_or_none(args)
        if options is None:
            return EXIT_PROBLEMS
        return program.run_today(options, list_only=args.list, today=now.date(), moment=now)
    action = args.program_command
    if action == "list":
        return program.run_program_list()
    if action == "start":
        return program.run_program_start(args.name, args.date, force=args.force, today=now.date())
    if action == "status":
        return program.run_program_status(now.date(), now)
    if action in ("tick", "untick"):
        return program.run_program_tick(args.item, today=now.date(), ticked=action == "tick")
    if action == "stop":
        return program.run_program_stop(now.date())
    if action == "schema":
        return program.run_program_schema()
    return program.run_program_locate()


def add_authoring_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`new`, `export` and `import`: writing routines and sharing them."""
    from breathe.library.scaffolds import KINDS  # these commands and the app read routines anyway

    new = commands.add_parser(
        "new",
        help="write a commented, valid routine to start from",
        description="Write a new routine file, commented and valid, into your routine folder "
        "(or -o). Refuses to replace a file unless --force.",
    )
    new.add_argument("name", metavar="NAME", help="the routine's name: its file name")
    new.add_argument("--kind", choices=KINDS, help="what it starts with (default: mixed)")
    new.add_argument("--from", dest="from_routine", metavar="ROUTINE", help="copy this routine")
    new.add_argument("--title", help="the title people see (default: from NAME)")
    new.add_argument(
        "-o", "--output", metavar="PATH", help="a folder, or a .yaml file (default: your folder)"
    )
    new.add_argument("--force", action="store_true", help="replace an existing file")

    export = commands.add_parser(
        "export",
        help="bundle a routine with what it includes and its sounds, to share it",
    )
    export.add_argument("routine", metavar="ROUTINE", help="a routine name or a file path")
    export.add_argument(
        "-o", "--output", required=True, metavar="DIR|FILE.zip", help="a folder or a .zip file"
    )
    export.add_argument("--force", action="store_true", help="replace existing files")

    imported = commands.add_parser(
        "import",
        help="check a shared routine (file, folder or .zip) and add it to your routines",
    )
    imported.add_argument("source", metavar="PATH", help="a routine file, a folder or a .zip")
    imported.add_argument(
        "--force",
        action="store_true",
        help="replace your routines of the same names (the old files are kept aside)",
    )


def tempo(text: str) -> Fraction:
    """`--tempo`: a speed from 0.5 (half as fast) to 2 (twice as fast)."""
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise argparse.ArgumentTypeError(f"`{text}` is not a number, such as 0.75 or 1.5") from None
    if not bounds.MIN_TEMPO <= value <= bounds.MAX_TEMPO:
        raise argparse.ArgumentTypeError(f"{text} is out of range: from {bounds.TEMPO_RANGE}")
    return value


def volume(text: str) -> int:
    if not text.isdigit() or not bounds.MIN_VOLUME <= int(text) <= bounds.MAX_VOLUME:
        raise argparse.ArgumentTypeError(f"`{text}` is not a volume from {bounds.VOLUME_RANGE}")
    return int(text)


def add_play_options(parser: argparse.ArgumentParser) -> None:
    """How a session plays. An option not given is absent (SUPPRESS), so the settings file
    (`breathe settings`) decides it; see `breathe.cli.settings.effective_settings`."""
    add_tempo_option(
        parser, f"breathing speed, from {bounds.TEMPO_SPAN}; pose holds are not changed"
    )
    parser.add_argument(
        "--sound",
        choices=bounds.SOUND_CHOICES,
        default=argparse.SUPPRESS,
        help="how cues sound: auto (simpleaudio if it works, else silence), simpleaudio, "
        "bell (the terminal bell) or off",
    )
    parser.add_argument(
        "--no-sound",
        dest="sound",
        action="store_const",
        const="off",
        default=argparse.SUPPRESS,
        help="same as --sound off",
    )
    add_volume_option(parser, f"cue volume from {bounds.VOLUME_RANGE}")
    parser.add_argument(
        "--reduced-motion",
        action="store_true",
        default=argparse.SUPPRESS,
        help="a still picture with words and a bar instead of the moving pacer",
    )
    add_eyes_closed_option(parser)


def add_tempo_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--tempo", type=tempo, default=argparse.SUPPRESS, metavar="X", help=help)


def add_volume_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--volume", type=volume, default=argparse.SUPPRESS, metavar="N", help=help)


def add_eyes_closed_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--eyes-closed",
        action=argparse.BooleanOptionalAction,
        default=argparse.SUPPRESS,
        help="a soft count at each second of breath phases of "
        f"{bounds.COUNT_FROM_MS // 1000} seconds or more, to "
        "follow with closed eyes",
    )


def play_options_or_none(args: argparse.Namespace) -> PlayOptions | None:
    """The options a session plays with: the command line over the settings file; None
    once the settings file's problems are printed."""
    from breathe.cli.settings import effective_settings
    from breathe.core.options import PlayOptions

    settings = effective_settings(args)
    if settings is None:
        return None
    return PlayOptions(
        tempo=settings.tempo,
        reduced_motion=settings.reduced_motion,
        sound=settings.sound,
        volume=settings.volume,
        eyes_closed=settings.eyes_closed,
    )


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up makes tens of thousands of objects that live as long as the program
    # (Textual's, ours): collecting among them as they are made costs the first frame
    # about 15 ms, and a full collection soon after, 20 ms more. The app freezes them and
    # turns collection back on once its first frame is drawn (BreatheApp.on_mount); other
    # commands turn it back on as soon as they are known.
    collecting = gc.isenabled()
    gc.disable()
    if argv is None:  # a real process: the commands it prints start it as it was started
        started_as(sys.argv[0])
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    finally:
        if collecting:
            gc.enable()


def _main(words: Sequence[str]) -> int:
    parser = build_parser(words)
    args = parser.parse_args(words)
    if args.command not in (None, "play"):
        gc.enable()
    try:
        refuse_play_options_before(args, words)
        return _run(args)
    except UsageError as error:
        print(f"breathe: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error. Point stdout at devnull so
        # the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # a bug: one line, no traceback, unless asked for
        if os.environ.get("BREATHE_DEBUG"):
            raise
        print(
            f"breathe: internal error: {type(error).__name__}: {error} "
            "(set BREATHE_DEBUG=1 to see the traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _run(args: argparse.Namespace) -> int:
    command = args.command
    if command in (None, "play"):
        options = play_options_or_none(args)
        if options is None:
            return EXIT_PROBLEMS
        if command is None:
            from breathe.ui.app import run_app

            return run_app(options)
        from breathe.cli.play import run_play

        return run_play(args.routine, options, watch=args.watch)
    if command == "schema":
        from breathe.format.schema import routine_json_schema_text

        sys.stdout.write(routine_json_schema_text())
        return EXIT_OK
    if command == "locate":
        from breathe.library.locations import user_routines_dir

        print(user_routines_dir(create=True))
        return EXIT_OK
    if command == "render":
        from breathe.cli.render import run_render
        from breathe.cli.settings import effective_settings

        effective = effective_settings(args)
        if effective is None:
            return EXIT_PROBLEMS
        return run_render(
            args.routine,
            args.output,
            effective.tempo,
            effective.volume,
            eyes_closed=effective.eyes_closed,
            force=args.force,
        )
    if command == "settings":
        from breathe.cli.settings import run_settings

        return run_settings(path_only=args.path, init=args.init)
    if command in ("program", "today", "about"):
        return _run_program(args)
    if command == "docs":
        from breathe.cli.docs import run_docs

        return run_docs(args.name, path_only=args.path)
    if command in ("history", "stats"):
        from datetime import datetime

        from breathe.cli.history import run as run_history

        return run_history(args, today=datetime.now().astimezone().date())
    if command == "validate":
        if args.watch:
            from breathe.cli.watch import run_validate_watch

            return run_validate_watch(args.paths, as_json=args.format == "json")
        from breathe.cli.validate import run_validate

        return run_validate(args.paths, as_json=args.format == "json")
    if command == "new":
        from breathe.cli.new import run_new

        return run_new(
            args.name,
            kind=args.kind,
            from_routine=args.from_routine,
            output=args.output,
            title=args.title,
            force=args.force,
        )
    if command in ("export", "import"):
        from breathe.cli import share

        if command == "export":
            return share.run_export(args.routine, args.output, force=args.force)
        return share.run_import(args.source, force=args.force)
    from breathe.cli.listing import run_list, run_show

    if command == "list":
        return run_list(as_json=args.json)
    if args.watch:
        from breathe.cli.watch import run_show_watch

        return run_show_watch(args.routine, segments=args.segments)
    return run_show(args.routine, segments=args.segments)
