"""`breathe validate PATH...`: every problem in every file, one per line."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from breathe.catalog import Catalog, Source, load_entry
from breathe.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from breathe.cli.console import counted, stdout_console
from breathe.format.loader import ROUTINE_SUFFIXES
from breathe.locations import bundled_routines_dir, user_routines_dir
from breathe.problems import Problem, RoutineFileError
from breathe.timeline import check_timeline


def collect_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(
                sorted(
                    found
                    for found in path.rglob("*")
                    if found.suffix in ROUTINE_SUFFIXES
                    and found.is_file()
                    and not any(part.startswith(".") for part in found.relative_to(path).parts)
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"validate: no such file or folder: {given}")
    return files


def problems_in(path: Path, catalog: Catalog) -> list[Problem]:
    """Everything wrong with one file: format problems, then includes and totals."""
    from breathe.format.program_spec import looks_like_program

    if looks_like_program(path):  # a program (docs/programs.md): its format and routines
        from breathe.program_catalog import program_file_problems

        return program_file_problems(path, catalog)
    entry = load_entry(path, Source.FILE)
    if entry.routine is None:
        return list(entry.problems)
    try:
        check_timeline(entry.routine, catalog.resolve_include)
    except RoutineFileError as error:
        return list(error.problems)
    return []


def render_problem(problem: Problem) -> Text:
    text = Text()
    text.append(f"{problem.path}:{problem.line}:{problem.column}:", style="location")
    text.append(" ")
    text.append(problem.key_path, style="key")
    text.append(f": {problem.message}")
    if problem.hint:
        text.append("; ")
        text.append(problem.hint, style="hint")
    return text


def run_validate(paths: list[str]) -> int:
    files = collect_files(paths)
    console = stdout_console()
    catalog = Catalog.load(bundled_routines_dir(), user_routines_dir())
    shown: set[Problem] = set()
    broken = 0
    for path in files:
        problems = [problem for problem in problems_in(path, catalog) if problem not in shown]
        broken += bool(problems)
        for problem in problems:
            shown.add(problem)
            console.print(render_problem(problem))
    console.print(summary(len(files), broken, len(shown)))
    return EXIT_PROBLEMS if shown or not files else EXIT_OK


def summary(files: int, broken: int, problems: int) -> Text:
    if not files:
        return Text("no routine files (*.yaml, *.yml) found", style="bad")
    checked = f"checked {counted(files, 'file')}: "
    if not problems:
        return Text(checked + ("valid" if files == 1 else "all valid"), style="good")
    return Text(
        checked + f"{files - broken} valid, {broken} with problems "
        f"({counted(problems, 'problem')})",
        style="bad",
    )
