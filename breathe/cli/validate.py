"""`breathe validate PATH...`: every problem in every file, one per line; then warnings,
which leave a file valid (unless `--strict`): the voice's phrases that cannot be said in
the time they describe (breathe.voice.script's overruns), at the step's `say:` or
`instructions:`, and instructions too long to read in their step's time."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.text import Text

from breathe.cli.console import stdout_console
from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, UsageError
from breathe.core.durations import format_duration
from breathe.core.model import IncludeStep, RepeatBlock, Routine, Step, TimedStep
from breathe.core.problems import Location, Problem, RoutineFileError, count_problems
from breathe.core.timeline import Timeline, compile_timeline
from breathe.core.words import counted
from breathe.format.files import not_a_regular_file
from breathe.format.loader import ROUTINE_SUFFIXES, parse_routine, routine_name
from breathe.format.spec import shown
from breathe.format.yaml_source import read_source
from breathe.library.catalog import Catalog
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


@dataclass(frozen=True, slots=True)
class Checked:
    """One file, checked: its problems (it is valid without any), and its warnings."""

    path: Path
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)


def problems_in(path: Path, catalog: Catalog) -> list[Problem]:
    """Everything wrong with one file: format problems, then includes and totals."""
    return check_file(path, catalog).problems


def check_file(path: Path, catalog: Catalog) -> Checked:
    """One file's problems, else its warnings. A routine's file is read once, parsed once
    and its timeline made once (the warnings need it; making it makes every check)."""
    from breathe.format.program_spec import in_programs_folder, reads_like_program

    if in_programs_folder(path):
        return _program_checked(path, catalog)
    try:
        data = read_source(path, str(path))
        program = reads_like_program(data)
        if not program:
            routine = parse_routine(data, str(path), routine_name(path), path)
            timeline = compile_timeline(routine, catalog.resolve_include)
    except RoutineFileError as error:
        return Checked(path, list(error.problems))
    if program:
        return _program_checked(path, catalog)
    spoken = voice_warnings(timeline)
    read = reading_warnings(routine, timeline, spoken)
    return Checked(path, [], [*routine.warnings, *spoken, *read])


def _program_checked(path: Path, catalog: Catalog) -> Checked:
    """A program (docs/programs.md): its format and routines."""
    from breathe.library.program_catalog import program_file_problems

    return Checked(path, program_file_problems(path, catalog))


def voice_warnings(timeline: Timeline) -> list[Problem]:
    """Each phrase of the voice that would run past the moment it describes (estimated
    from its text; a recording by its real length), located where its words are written:
    the step's `say:`, else its `instructions:`, else the step. Once per place (a step in
    a `repeat` is written once)."""
    from breathe.voice.script import PhraseKind, plan_script

    warnings: dict[tuple[str, int, int], Problem] = {}
    for overrun in plan_script(timeline).overruns:
        step = timeline.steps[overrun.step_index]
        side = overrun.kind is PhraseKind.SIDE
        where = step.location if side else step.voice_location
        if where is None:
            continue
        if side:
            hint = "lengthen `switch:`, the pause to change sides"
        elif overrun.recording:
            hint = "trim the recording"
        elif where.key_path.endswith(".say"):
            hint = "shorten it, or make the step longer"
        else:
            hint = "shorten the instructions, or give the step a shorter `say:`"
        message = f"`{_quoted(overrun.text)}`: {overrun.describe()}"
        key = (where.path, where.line, where.column)
        warnings.setdefault(
            key, Problem(where.path, where.line, where.column, where.key_path, message, hint)
        )
    return list(warnings.values())


# How fast a person reads a step's instructions on the session screen while practising:
# slower than reading at a desk (about 250 words a minute), so a step's words are warned
# of only when they clearly cannot be read in its time. No bundled routine comes near it.
READING_WORDS_PER_MINUTE = 180


def reading_warnings(routine: Routine, timeline: Timeline, already: list[Problem]) -> list[Problem]:
    """Instructions that take longer to read than their step lasts, at their
    `instructions:` (the routine's own steps; an included routine is checked as itself).

    The session screen never cuts them (they are shown whole for a step's first 15 s,
    then scroll), but words a step is over before anyone can read them are still lost.
    Where the voice already cannot say them in time (`already`), that warning says it."""
    written = {_place(step.location): step for step in _timed_steps(routine.steps)}
    warned = {_place(problem) for problem in already}
    warnings: dict[tuple[str, int, int], Problem] = {}
    for played in timeline.steps:
        step = written.get(_place(played.location)) if played.location else None
        where = step.instructions_location if step is not None else None
        if step is None or where is None or _place(where) in warned | set(warnings):
            continue
        words = len(step.instructions.split())
        reading_ms = words * 60_000 // READING_WORDS_PER_MINUTE
        if reading_ms <= played.duration_ms:
            continue
        warnings[_place(where)] = Problem(
            where.path,
            where.line,
            where.column,
            where.key_path,
            f"`{_quoted(step.instructions)}`: {words} words take about "
            f"{format_duration(-(-reading_ms // 1000) * 1000)} to read; the step lasts "
            f"{format_duration(played.duration_ms)}",
            "shorten the instructions, or make the step longer",
        )
    return list(warnings.values())


def _place(where: Location | Problem) -> tuple[str, int, int]:
    return (where.path, where.line, where.column)


def _timed_steps(steps: tuple[Step, ...]) -> list[TimedStep]:
    """The routine's own timed steps, those in its repeats too (not its includes')."""
    found: list[TimedStep] = []
    for step in steps:
        if isinstance(step, RepeatBlock):
            found.extend(_timed_steps(step.steps))
        elif not isinstance(step, IncludeStep):
            found.append(step)
    return found


def _quoted(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_problem(problem: Problem, *, warning: bool = False) -> Text:
    """One problem as a line (a warning says so before its message); control characters
    in any part are escaped (`\\x1b`)."""
    text = Text()
    text.append(f"{shown(problem.path)}:{problem.line}:{problem.column}:", style="location")
    text.append(" ")
    text.append(shown(problem.key_path), style="key")
    text.append(": ")
    if warning:
        text.append("warning:", style="yellow")
        text.append(" ")
    text.append(shown(problem.message))
    if problem.hint:
        text.append("; ")
        text.append(shown(problem.hint), style="hint")
    return text


def check_files(files: list[Path]) -> list[Checked]:
    """Each file with its problems and warnings; one found through two files (an included
    routine's) is listed once."""
    catalog = Catalog.load(bundled_routines_dir(), user_routines_dir())
    listed: set[Problem] = set()
    results = []
    for path in files:
        checked = check_file(path, catalog)
        problems = [problem for problem in checked.problems if problem not in listed]
        warnings = [warning for warning in checked.warnings if warning not in listed]
        listed.update(problems, warnings)
        results.append(Checked(path, problems, warnings))
    return results


def print_results(results: list[Checked], *, as_json: bool = False, strict: bool = False) -> int:
    """Print what `check_files` found, as lines or as one JSON object; the exit status:
    warnings alone leave it 0, unless `strict`."""
    problems = [problem for checked in results for problem in checked.problems]
    warnings = [warning for checked in results for warning in checked.warnings]
    broken = sum(bool(checked.problems) for checked in results)
    if as_json:
        import json

        sys.stdout.write(json.dumps(results_json(results), ensure_ascii=False, indent=2) + "\n")
    else:
        console = stdout_console()
        for problem in problems:
            console.print(render_problem(problem))
        for warning in warnings:
            console.print(render_problem(warning, warning=True))
        console.print(summary(len(results), broken, count_problems(problems), len(warnings)))
    failed = problems or (strict and warnings) or not results
    return EXIT_PROBLEMS if failed else EXIT_OK


def severe(problem: Problem, severity: str) -> dict[str, str | int | None]:
    """A problem for JSON, with its severity: `error` (the file does not play) or
    `warning` (it plays; something in it will not come out as written)."""
    return {**problem.as_dict(), "severity": severity}


def results_json(results: list[Checked]) -> dict[str, Any]:
    """For editors and CI: every problem and warning with its place, and a verdict per
    file (warnings leave a file ok)."""
    problems = [problem for checked in results for problem in checked.problems]
    warnings = [warning for checked in results for warning in checked.warnings]
    broken = sum(bool(checked.problems) for checked in results)
    return {
        "ok": bool(results) and not problems,
        "files": [{"path": str(checked.path), "ok": not checked.problems} for checked in results],
        "problems": [severe(problem, "error") for problem in problems],
        "warnings": [severe(warning, "warning") for warning in warnings],
        "summary": {
            "files": len(results),
            "valid": len(results) - broken,
            "with_problems": broken,
            "problems": count_problems(problems),
            "warnings": len(warnings),
        },
    }


def run_validate(paths: list[str], *, as_json: bool = False, strict: bool = False) -> int:
    return print_results(check_files(collect_files(paths)), as_json=as_json, strict=strict)


def summary(files: int, broken: int, problems: int, warnings: int = 0) -> Text:
    if not files:
        return Text("no routine files (*.yaml, *.yml) found", style="bad")
    checked = f"checked {counted(files, 'file')}: "
    if not problems:
        verdict = "valid" if files == 1 else "all valid"
        if warnings:
            verdict += f" ({counted(warnings, 'warning')})"
        return Text(checked + verdict, style="good")
    counts = counted(problems, "problem")
    if warnings:
        counts += f", {counted(warnings, 'warning')}"
    return Text(checked + f"{files - broken} valid, {broken} with problems ({counts})", style="bad")
