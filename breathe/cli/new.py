"""`breathe new NAME`: a commented, valid routine to start from, written where it is found."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

from breathe.cli.console import stdout_console
from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, UsageError
from breathe.cli.routines import load_catalog
from breathe.cli.validate import render_problem
from breathe.core.paste import breathe_command
from breathe.core.problems import RoutineFileError
from breathe.core.timeline import check_timeline
from breathe.format.loader import ROUTINE_SUFFIXES, parse_routine
from breathe.format.routine_spec import MAX_TITLE_LENGTH
from breathe.format.schema import routine_json_schema_text
from breathe.format.spec import shown
from breathe.library.catalog import Catalog
from breathe.library.locations import user_data_dir, user_routines_dir
from breathe.library.scaffolds import (
    name_problem,
    retitled,
    scaffold,
    schema_file_to_write,
    schema_reference,
    split_name,
    title_from_name,
    with_schema_line,
)
from breathe.library.sharing import set_aside


def shown_path(path: Path) -> str:
    """A path as people like to read it: relative to here, or from `~`, else absolute.

    Control characters in it are escaped (`\\x1b`): a name must not drive the terminal.
    """
    absolute = Path(os.path.abspath(path))
    try:
        return shown(str(absolute.relative_to(Path.cwd())))
    except ValueError:
        pass
    try:
        return shown(str(Path("~") / absolute.relative_to(Path.home())))
    except (ValueError, RuntimeError):
        return shown(str(absolute))


def destination(name_given: str, output: str | None) -> tuple[str, Path]:
    """The routine's name and its file: in the user folder, a folder, or a file path."""
    name = split_name(name_given)
    if output is not None:
        path = Path(output).expanduser()
        if path.suffix in ROUTINE_SUFFIXES:
            name = path.stem
        else:
            path = path / f"{name}.yaml"
    else:
        path = user_routines_dir() / f"{name}.yaml"
    problem = name_problem(name)
    if problem:
        raise UsageError(f"new: {problem}")
    return name, path


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run_new(
    name_given: str,
    *,
    kind: str | None,
    from_routine: str | None,
    output: str | None,
    title: str | None,
    force: bool,
) -> int:
    if kind is not None and from_routine is not None:
        raise UsageError("new: --kind and --from do not go together: --from copies a routine")
    name, path = destination(name_given, output)
    # The title comes from NAME as typed, also when `-o` names the file (and so the name).
    title = (title or title_from_name(split_name(name_given))).strip()
    if not title or len(title) > MAX_TITLE_LENGTH:
        raise UsageError(f"new: a title is 1 to {MAX_TITLE_LENGTH} characters")
    console = stdout_console()
    taken = [path.with_suffix(suffix) for suffix in ROUTINE_SUFFIXES]
    taken = [other for other in taken if other.exists()]
    if taken and not (force and taken == [path]):
        console.print(
            Text(f"{shown_path(taken[0])} already exists; nothing was written. ", style="bad")
            + Text(
                "Choose another name, or add --force to replace it."
                if taken == [path]
                else "A routine can have only one file; choose another name.",
                style="hint",
            )
        )
        return EXIT_PROBLEMS
    catalog = load_catalog()
    reference = schema_reference(path.parent)
    if from_routine is not None:
        text = _copied(catalog, from_routine, title, console)
        if text is None:
            return EXIT_PROBLEMS
        text = with_schema_line(text, reference)
        what = f"a copy of {from_routine}"
    else:
        text = scaffold(kind or "mixed", title, schema_ref=reference, file_name=path.name)
        what = f"a {kind or 'mixed'} routine to start from"
    # The file must load and play where it will live (includes resolve from there).
    try:
        routine = parse_routine(text.encode("utf-8"), shown_path(path), name, path)
        check_timeline(routine, catalog.resolve_include)
    except RoutineFileError as error:
        for problem in error.problems:
            console.print(render_problem(problem))
        console.print(
            Text(f"{shown_path(path)} would not play there; nothing was written.", style="bad")
        )
        return EXIT_PROBLEMS
    kept = None
    if taken:
        kept = set_aside(taken, user_data_dir(), relative_to=path.parent)
    write_atomically(path, text)
    console.print(Text(f"wrote {shown_path(path)}: {what}, titled “{title}”", style="good"))
    if kept is not None:
        console.print(Text(f"the file it replaced is kept in {shown_path(kept)}", style="muted"))
    schema = schema_file_to_write(path.parent)
    if schema is not None:
        write_atomically(schema, routine_json_schema_text())
        console.print(
            Text(
                f"wrote {shown_path(schema)}: the schema editors check routines with", style="muted"
            )
        )
    in_user_folder = path.parent.resolve() == user_routines_dir().resolve()
    play = name if in_user_folder else shown_path(path)
    console.print(
        Text("next: ", style="bold")
        + Text(
            f"edit it, check it with `{breathe_command('validate', shown_path(path))}`, "
            f"and try it with `{breathe_command('play', play, '--watch')}`"
        )
    )
    return EXIT_OK


def _copied(catalog: Catalog, from_routine: str, title: str, console: Console) -> str | None:
    """`from_routine`'s file, comments and all, under the new title; None if it is broken."""
    try:
        entry = catalog.find(from_routine)
    except LookupError as error:
        raise UsageError(f"new: --from: {shown(str(error))}") from None
    if entry.routine is None:
        for problem in entry.problems:
            console.print(render_problem(problem))
        console.print(Text(f"{from_routine} has problems; fix them before copying it", style="bad"))
        return None
    data = entry.path.read_bytes()
    return retitled(data, str(entry.path), title)
