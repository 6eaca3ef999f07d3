"""Where routines come from: bundled, the user's folder, and explicit file paths.

A user routine with the name of a bundled one wins, and its entry says so. A broken file is
an entry with its problems, never an exception: the app and `breathe list` keep working.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from breathe.core.problems import FILE_KEY, Problem, RoutineFileError, count_problems
from breathe.core.words import counted

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from breathe.core.model import IncludeStep, Routine
    from breathe.core.timeline import Timeline

# The routine format (its YAML reader, its checks) and the timeline are imported where a
# file is first read or compiled, not with this module: the library paints its first
# frame before it reads any routine (breathe.ui.screens.library), and the app that
# imports the catalog need not wait for the format to load.


class Source(StrEnum):
    BUNDLED = "bundled"
    USER = "user"
    FILE = "file"


class Entry:
    """A routine file as listed: its routine when the file is valid, else its problems.

    The file is read when its routine or problems are first asked for, not when the
    folder is listed: `breathe play NAME` reads one file (and what it includes), not all.
    """

    __slots__ = ("_display_path", "_loaded", "_real_path", "name", "overrides", "path", "source")

    def __init__(
        self,
        name: str,
        path: Path,
        source: Source,
        *,
        overrides: Path | None = None,
        display_path: str | None = None,
        problems: tuple[Problem, ...] | None = None,
    ) -> None:
        self.name = name
        self.path = path
        self.source = source
        self.overrides = overrides  # the bundled file this user file replaces
        self._display_path = display_path
        self._real_path: Path | None = None  # path.resolve(), once asked for or listed
        self._loaded: tuple[Routine | None, tuple[Problem, ...]] | None = (
            None if problems is None else (None, problems)
        )

    def __repr__(self) -> str:
        return f"Entry({self.name!r}, {str(self.path)!r}, {self.source.value})"

    def _load(self) -> tuple[Routine | None, tuple[Problem, ...]]:
        if self._loaded is None:
            from breathe.format.loader import load_routine

            try:
                self._loaded = (load_routine(self.path, self._display_path), ())
            except RoutineFileError as error:
                self._loaded = (None, tuple(error.problems))
        return self._loaded

    @property
    def real_path(self) -> Path:
        """The file's path resolved (links followed), worked out once."""
        if self._real_path is None:
            self._real_path = self.path.resolve()
        return self._real_path

    @property
    def routine(self) -> Routine | None:
        return self._load()[0]

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._load()[1]

    @property
    def ok(self) -> bool:
        return self.routine is not None

    @property
    def shown_path(self) -> str:
        """The file's path as the person typed it, else from `~` where it is in their home."""
        return self._display_path or folder_as_typed(self.path)

    @property
    def part(self) -> bool:
        """Written only to be included in others (`part: true`): not listed on its own."""
        routine = self.routine
        return routine is not None and routine.part


def source_files(folder: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    """The routine (or program, given their `suffixes`) files directly in `folder`, sorted;
    none if it does not exist. One directory read: `is_file` is answered from it, not by a
    `stat` of each file (5,000 of them took a while), except for links, which it follows."""
    if suffixes is None:
        from breathe.format.loader import ROUTINE_SUFFIXES

        suffixes = ROUTINE_SUFFIXES
    try:
        with os.scandir(folder) as children:
            found = [
                Path(child.path)
                for child in children
                if os.path.splitext(child.name)[1] in suffixes
                and not child.name.startswith(".")
                and _is_file(child)
            ]
    except OSError:
        return []
    return sorted(found)


def _is_file(child: os.DirEntry[str]) -> bool:
    try:
        return child.is_file()
    except OSError:
        return False


def routine_name(path: Path) -> str:
    """The routine's name: its file name without the suffix (breathe.format.loader's)."""
    from breathe.format.loader import routine_name as name_of

    return name_of(path)


def load_entry(path: Path, source: Source, display_path: str | None = None) -> Entry:
    """The entry for one routine file, read when first needed."""
    return Entry(routine_name(path), path, source, display_path=display_path)


def name_clash(paths: list[Path]) -> Problem:
    """Two files in one folder give the same routine name (`x.yaml` and `x.yml`)."""
    names = " and ".join(path.name for path in paths)
    return Problem(
        str(paths[-1]),
        1,
        1,
        FILE_KEY,
        f"two routine files are named `{routine_name(paths[0])}`: {names}",
        "rename or remove one of them",
    )


def odd_name(path: Path) -> Problem:
    """A file name with control characters in it (an escape sequence, a line break)."""
    from breathe.format.spec import shown

    return Problem(
        shown(str(path)),
        1,
        1,
        FILE_KEY,
        f"the file name `{shown(path.name)}` contains control characters",
        "rename the file: a routine's name is its file name without `.yaml`",
    )


def load_folder(folder: Path, source: Source) -> list[Entry]:
    """Every routine file in `folder`; a name given by two files is a broken entry."""
    from breathe.format.spec import shown

    by_name: dict[str, list[Path]] = {}
    for path in source_files(folder):
        by_name.setdefault(routine_name(path), []).append(path)
    entries = []
    for name, paths in by_name.items():
        if shown(name) != name:  # never echoed raw to a terminal, never played
            entries.append(Entry(shown(name), paths[0], source, problems=(odd_name(paths[0]),)))
        elif len(paths) == 1:
            # Its problems name it as a person types it: `~/.local/share/...`, not the full path.
            shown_as = folder_as_typed(paths[0]) if source is Source.USER else None
            entries.append(load_entry(paths[0], source, shown_as))
        else:
            entries.append(Entry(name, paths[0], source, problems=(name_clash(paths),)))
    return entries


@dataclass
class Catalog:
    """The routines a user can play, by name."""

    bundled_dir: Path
    user_dir: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    _by_path: dict[Path, Entry] = field(default_factory=dict, repr=False)
    _timelines: dict[Path, Timeline] = field(default_factory=dict, repr=False)
    _totals: dict[Path, int] = field(default_factory=dict, repr=False)
    # Included routines played in place of others: a program's alternatives, as chosen.
    instead: dict[str, str] = field(default_factory=dict)
    listed: bool = True  # False until `list_folders` (see `unlisted`)

    @classmethod
    def load(cls, bundled_dir: Path, user_dir: Path) -> Catalog:
        """The routines of both folders, listed now (each file is read when first needed)."""
        catalog = cls(bundled_dir, user_dir)
        catalog.list_folders()
        return catalog

    @classmethod
    def unlisted(cls, bundled_dir: Path, user_dir: Path) -> Catalog:
        """The catalog of both folders, not listed yet: the library lists it (and reads
        every routine) once its first frame is on the screen; `list_folders` does."""
        catalog = cls(bundled_dir, user_dir)
        catalog.listed = False
        return catalog

    def list_folders(self) -> None:
        """List both folders' routines (bundled, then the user's, which win by name), once.
        The entries are made apart and put in place in one step each, so a list made in a
        worker thread is never seen half made."""
        if self.listed and self.entries:
            return
        entries: dict[str, Entry] = {}
        by_path: dict[Path, Entry] = {}
        for source, folder in ((Source.BUNDLED, self.bundled_dir), (Source.USER, self.user_dir)):
            real_folder = folder.resolve()
            for entry in load_folder(folder, source):
                replaced = entries.get(entry.name)
                if replaced is not None and replaced.source is Source.BUNDLED:
                    entry.overrides = replaced.path
                entries[entry.name] = entry
                entry._real_path = _resolved_in(real_folder, entry.path)
                by_path[entry._real_path] = entry
        self._by_path.update(by_path)
        self.entries.update(entries)
        self.listed = True

    def read_every_file(self, stop: Callable[[], bool] = lambda: False) -> bool:
        """Read every listed routine file now (each is otherwise read when first asked
        for), asking `stop` before each; False if it said to stop."""
        for entry in list(self.entries.values()):
            if stop():
                return False
            entry._load()
        return True

    def choosing(self, instead: Mapping[str, str]) -> Catalog:
        """The same routines, each routine named in `instead` replaced, wherever another
        includes it, by the one it maps to (the alternatives a person chose for a program);
        its lengths and timelines are its own."""
        if not instead:
            return self
        return Catalog(
            self.bundled_dir,
            self.user_dir,
            self.entries,
            self._by_path,
            instead=dict(instead),
            listed=self.listed,
        )

    def sorted_entries(self, *, parts: bool = False) -> list[Entry]:
        """The routines to list, by name: a part of others (`part: true`) only with `parts`
        (it is still found by name, played and included)."""
        return sorted(
            (entry for entry in self.entries.values() if parts or not entry.part),
            key=lambda entry: entry.name,
        )

    def parts(self) -> list[Entry]:
        """The routines written only to be included in others, by name."""
        return [entry for entry in self.sorted_entries(parts=True) if entry.part]

    def find(self, name_or_path: str) -> Entry:
        """An entry by routine name (or a unique start of one, or some of its words, as
        breathe.library.names matches them), or a routine file by path.

        Raises LookupError with a message for people when there is no such routine.
        """
        if name_or_path in self.entries:
            return self.entries[name_or_path]
        from breathe.format.files import not_a_regular_file
        from breathe.format.loader import ROUTINE_SUFFIXES
        from breathe.library.names import resolve_name

        path = Path(name_or_path).expanduser()
        looks_like_path = path.suffix in ROUTINE_SUFFIXES or len(path.parts) > 1
        if path.is_file():
            return self.file_entry(path)
        what = not_a_regular_file(path)  # a FIFO, a device, a link that loops, a folder
        if what is not None and (looks_like_path or not path.is_dir()):
            raise LookupError(f"{name_or_path} {what}")
        if looks_like_path:
            raise LookupError(f"no routine file at {name_or_path}")
        # Not typed exactly: a unique start of a name, or some of its words.
        name = resolve_name(
            "routine", name_or_path, self.entries, "`breathe list` shows the routines there are"
        )
        return self.entries[name]

    def file_entry(self, path: Path, display_path: str | None = None) -> Entry:
        resolved = path.resolve()
        if resolved in self._by_path:
            return self._by_path[resolved]
        entry = load_entry(path, Source.FILE, display_path)
        self._by_path[resolved] = entry
        return entry

    def timeline(self, entry: Entry) -> Timeline:
        """The entry's timeline, includes resolved; RoutineFileError if it has problems."""
        if entry.routine is None:
            raise RoutineFileError(entry.problems)
        from breathe.core.timeline import compile_timeline

        key = entry.real_path
        if key not in self._timelines:
            self._timelines[key] = compile_timeline(entry.routine, self.resolve_include)
        return self._timelines[key]

    def total_ms(self, entry: Entry) -> int:
        """How long the entry plays, with every check `timeline` makes but without making
        its segments (the library lists every routine's length as it opens: segments for
        all of them took most of that); RoutineFileError if it has problems."""
        if entry.routine is None:
            raise RoutineFileError(entry.problems)
        key = entry.real_path
        if key in self._timelines:
            return self._timelines[key].total_ms
        if key not in self._totals:
            from breathe.core.timeline import check_timeline

            self._totals[key] = check_timeline(entry.routine, self.resolve_include)
        return self._totals[key]

    def resolve_include(self, step: IncludeStep, including: Routine) -> Routine:
        """Find what `step` names: next to a routine file given by path, else by name."""
        from breathe.format.loader import ROUTINE_SUFFIXES

        entry = None
        where = step.location
        folder = including.path.parent.resolve()
        if folder not in (self.bundled_dir.resolve(), self.user_dir.resolve()):
            siblings = [
                folder / f"{step.name}{suffix}"
                for suffix in ROUTINE_SUFFIXES
                if (folder / f"{step.name}{suffix}").is_file()
            ]
            if len(siblings) > 1:
                raise RoutineFileError([name_clash(siblings)])
            if siblings:
                # Shown the way the including file is shown (often relative, as typed).
                shown = Path(where.path).parent / siblings[0].name
                entry = self.file_entry(siblings[0], str(shown))
        if entry is None:
            entry = self.entries.get(self.instead.get(step.name, step.name))
        if entry is None:
            raise RoutineFileError([self._not_found(step, including)])
        if entry.routine is None:
            count = count_problems(entry.problems)
            raise RoutineFileError(
                [
                    _include_problem(
                        step,
                        f"`{step.name}` cannot be included: {entry.problems[0].path} has "
                        f"{counted(count, 'problem')}",
                        f"first: {entry.problems[0]}",
                    )
                ]
            )
        return entry.routine

    def _not_found(self, step: IncludeStep, including: Routine) -> Problem:
        """No routine has the name `step` includes: where breathe looked, as a person would
        type those folders, and the closest name there (a file beside the including one, or
        a routine of the library)."""
        from breathe.format.spec import did_you_mean

        folder = including.path.parent.resolve()
        library = (self.bundled_dir.resolve(), self.user_dir.resolve())
        places = []
        beside: list[str] = []
        if folder not in library:
            beside = [routine_name(path) for path in source_files(folder)]
            places.append(f"`{Path(step.location.path).parent}` (beside this file)")
        places.append(f"`{folder_as_typed(self.user_dir)}` (your routines)")
        places.append("breathe's bundled routines")
        hint = did_you_mean(step.name, [*beside, *self.entries])
        return _include_problem(
            step,
            f"no routine is named `{step.name}` in {', '.join(places[:-1])} or {places[-1]}",
            hint or "a routine's name is its file name without `.yaml`",
        )


def _resolved_in(real_folder: Path, path: Path) -> Path:
    """`path.resolve()` for a file listed in a folder whose real path is `real_folder`: a
    file that is no link is there under its own name (one `lstat`, where resolving the
    whole path again looks at each of its folders: most of listing 1,000 files)."""
    return path.resolve() if os.path.islink(path) else real_folder / path.name


def folder_as_typed(folder: Path) -> str:
    """`folder` as a person types it: from `~` when it is in their home, else whole."""
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except (ValueError, RuntimeError):
        return str(folder)


def _include_problem(step: IncludeStep, message: str, hint: str) -> Problem:
    """A problem with what `step` includes, at the name it gives."""
    from breathe.core.model import key_location  # the model is read after the first paint

    where = key_location(step, "include")
    return Problem(where.path, where.line, where.column, where.key_path, message, hint)
