"""Where programs come from (bundled and the user's folder), and whether their routines exist.

Programs live in a `programs` folder: the bundled one inside the bundled routines folder
(`routines/programs/`), the user's in the user data folder. As with routines, a user
program with a bundled program's name replaces it, and a broken file is an entry with
its problems, never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from breathe.core.paste import breathe_command
from breathe.core.problems import Problem, RoutineFileError, count_problems
from breathe.core.program import Program
from breathe.core.words import counted
from breathe.format.program_spec import PROGRAM_SUFFIXES, load_program, program_name
from breathe.format.spec import did_you_mean
from breathe.library.catalog import Catalog, Entry, Source, source_files
from breathe.library.names import resolve_name


@dataclass(frozen=True, slots=True)
class ProgramEntry:
    """A program file as listed: its program when the file is valid, else its problems."""

    name: str
    path: Path
    source: Source
    program: Program | None
    problems: tuple[Problem, ...] = ()
    overrides: Path | None = None


def load_program_entry(path: Path, source: Source, display_path: str | None = None) -> ProgramEntry:
    try:
        program = load_program(path, display_path)
    except RoutineFileError as error:
        return ProgramEntry(program_name(path), path, source, None, error.problems)
    return ProgramEntry(program.name, path, source, program)


@dataclass
class ProgramCatalog:
    """The programs a user can start, by name."""

    bundled_dir: Path
    user_dir: Path
    entries: dict[str, ProgramEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, bundled_dir: Path, user_dir: Path) -> ProgramCatalog:
        catalog = cls(bundled_dir, user_dir)
        for path in source_files(bundled_dir, PROGRAM_SUFFIXES):
            entry = load_program_entry(path, Source.BUNDLED)
            catalog.entries[entry.name] = entry
        for path in source_files(user_dir, PROGRAM_SUFFIXES):
            entry = load_program_entry(path, Source.USER)
            replaced = catalog.entries.get(entry.name)
            if replaced is not None and replaced.source is Source.BUNDLED:
                entry = ProgramEntry(
                    entry.name,
                    entry.path,
                    entry.source,
                    entry.program,
                    entry.problems,
                    overrides=replaced.path,
                )
            catalog.entries[entry.name] = entry
        return catalog

    def sorted_entries(self) -> list[ProgramEntry]:
        return sorted(self.entries.values(), key=lambda entry: entry.name)

    def find(self, name: str) -> ProgramEntry:
        """The program named `name` (or a unique start of its name, or some of its words);
        LookupError with a message for people if none or several are."""
        listing = f"`{breathe_command('program', 'list')}` shows them"
        return self.entries[resolve_name("program", name, self.entries, listing)]


def routine_problems(
    program: Program, routines: Mapping[str, Entry], *, check_files: bool = True
) -> list[Problem]:
    """Every routine `program` names (in its schedule, its lighter days and its
    alternatives) that is not in `routines`, located where it is named, in the file's order.

    With `check_files`, a routine that exists but whose file has problems is one too (its
    first problem is quoted): the program could not play it.
    """
    lighter = program.lighter_days.routines if program.lighter_days else ()
    planned_routines = [planned for stage in program.stages for planned in stage.routines]
    named = [(planned.routine, planned.location) for planned in [*planned_routines, *lighter]]
    for alternative in program.alternatives:
        named.append((alternative.routine, alternative.location))
        named.extend((choice.name, choice.location) for choice in alternative.instead)
    problems: list[Problem] = []
    for name, where in named:
        found = _missing(name, routines, check_files=check_files)
        if found is not None:
            problems.append(Problem(where.path, where.line, where.column, where.key_path, *found))
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


def _missing(
    name: str, routines: Mapping[str, Entry], *, check_files: bool
) -> tuple[str, str] | None:
    """Why the routine `name` could not be played, and a hint; None if it can."""
    entry = routines.get(name)
    if entry is None:
        hint = did_you_mean(name, list(routines)) or (
            "a routine's name is its file name without `.yaml`; "
            f"`{breathe_command('list')}` shows the routines there are"
        )
        return f"no routine is named `{name}`", hint
    if check_files and not entry.ok:
        count = count_problems(entry.problems)
        return (
            f"`{name}` cannot be played: {entry.path} has {counted(count, 'problem')}",
            f"first: {entry.problems[0]}",
        )
    return None


def program_file_problems(path: Path, catalog: Catalog) -> list[Problem]:
    """Everything wrong with one program file: its format, then the routines it names."""
    entry = load_program_entry(path, Source.FILE)
    if entry.program is None:
        return list(entry.problems)
    return routine_problems(entry.program, catalog.entries)
