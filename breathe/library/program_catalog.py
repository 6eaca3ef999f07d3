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
from breathe.library.catalog import Catalog, Entry, Source, source_files, unknown_name


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
        """The program named `name`; LookupError with a message for people if none is."""
        if name in self.entries:
            return self.entries[name]
        raise unknown_name(
            "program",
            name,
            list(self.entries),
            f"`{breathe_command('program', 'list')}` shows them",
        )


def routine_problems(
    program: Program, routines: Mapping[str, Entry], *, check_files: bool = True
) -> list[Problem]:
    """Every routine `program` names that is not in `routines`, located where it is named.

    With `check_files`, a routine that exists but whose file has problems is one too (its
    first problem is quoted): the program could not play it.
    """
    problems: list[Problem] = []
    names = list(routines)
    for stage in program.stages:
        for planned in stage.routines:
            where = planned.location
            entry = routines.get(planned.routine)
            if entry is None:
                hint = did_you_mean(planned.routine, names) or (
                    "a routine's name is its file name without `.yaml`; "
                    f"`{breathe_command('list')}` shows the routines there are"
                )
                message = f"no routine is named `{planned.routine}`"
            elif check_files and not entry.ok:
                count = count_problems(entry.problems)
                message = (
                    f"`{planned.routine}` cannot be played: {entry.path} has "
                    f"{counted(count, 'problem')}"
                )
                hint = f"first: {entry.problems[0]}"
            else:
                continue
            problems.append(
                Problem(where.path, where.line, where.column, where.key_path, message, hint)
            )
    return problems


def program_file_problems(path: Path, catalog: Catalog) -> list[Problem]:
    """Everything wrong with one program file: its format, then the routines it names."""
    entry = load_program_entry(path, Source.FILE)
    if entry.program is None:
        return list(entry.problems)
    return routine_problems(entry.program, catalog.entries)
