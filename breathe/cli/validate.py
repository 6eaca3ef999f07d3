"""`breathe validate PATH...`: every problem in every file, one per line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from rich.text import Text

from breathe.cli.console import stdout_console
from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, UsageError
from breathe.core.problems import Problem, RoutineFileError, count_problems
from breathe.core.timeline import check_timeline
from breathe.core.words import counted
from breathe.format.files import not_a_regular_file
from breathe.format.loader import ROUTINE_SUFFIXES
from breathe.format.spec import shown
from breathe.library.catalog import Catalog, Source, load_entry
from breathe.library.locations import bundled_routines_dir, user_routines_dir


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
        elif (what := not_a_regular_file(path)) is not None:  # a FIFO, a link that loops
            raise UsageError(f"validate: {shown(given)} {what}")
        else:
            raise UsageError(f"validate: no such file or folder: {shown(given)}")
    return files


def problems_in(path: Path, catalog: Catalog) -> list[Problem]:
    """Everything wrong with one file: format problems, then includes and totals."""
    from breathe.format.program_spec import looks_like_program

    if looks_like_program(path):  # a program (docs/programs.md): its format and routines
        from breathe.library.program_catalog import program_file_problems

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
    """One problem as a line; control characters in any part are escaped (`\\x1b`)."""
    text = Text()
    text.append(f"{shown(problem.path)}:{problem.line}:{problem.column}:", style="location")
    text.append(" ")
    text.append(shown(problem.key_path), style="key")
    text.append(f": {shown(problem.message)}")
    if problem.hint:
        text.append("; ")
        text.append(shown(problem.hint), style="hint")
    return text


def check_files(files: list[Path]) -> list[tuple[Path, list[Problem]]]:
    """Each file with its problems; a problem found through two files is listed once."""
    catalog = Catalog.load(bundled_routines_dir(), user_routines_dir())
    listed: set[Problem] = set()
    results = []
    for path in files:
        problems = [problem for problem in problems_in(path, catalog) if problem not in listed]
        listed.update(problems)
        results.append((path, problems))
    return results


def print_results(results: list[tuple[Path, list[Problem]]], *, as_json: bool = False) -> int:
    """Print what `check_files` found, as lines or as one JSON object; the exit status."""
    problems = [problem for _, found in results for problem in found]
    broken = sum(bool(found) for _, found in results)
    if as_json:
        import json

        sys.stdout.write(json.dumps(results_json(results), ensure_ascii=False, indent=2) + "\n")
    else:
        console = stdout_console()
        for problem in problems:
            console.print(render_problem(problem))
        console.print(summary(len(results), broken, count_problems(problems)))
    return EXIT_PROBLEMS if problems or not results else EXIT_OK


def results_json(results: list[tuple[Path, list[Problem]]]) -> dict[str, Any]:
    """For editors and CI: every problem with its place, and a verdict per file."""
    problems = [problem for _, found in results for problem in found]
    broken = sum(bool(found) for _, found in results)
    return {
        "ok": bool(results) and not problems,
        "files": [{"path": str(path), "ok": not found} for path, found in results],
        "problems": [problem.as_dict() for problem in problems],
        "summary": {
            "files": len(results),
            "valid": len(results) - broken,
            "with_problems": broken,
            "problems": count_problems(problems),
        },
    }


def run_validate(paths: list[str], *, as_json: bool = False) -> int:
    return print_results(check_files(collect_files(paths)), as_json=as_json)


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
