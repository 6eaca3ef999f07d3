"""Problems found in a routine file, and the one exception type the loader raises."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from breathe.core.words import is_or_are, plural

# A file may hold thousands of mistakes (a 1 MiB file of unknown keys, 60,000 of them);
# like a compiler, breathe lists the first hundred of each file and says how many more.
MAX_LISTED = 100
# The key paths of problems that no key of the file holds: the file itself (empty, not
# readable, too large), its syntax, and the line that stands for problems not listed.
FILE_KEY = "(file)"
SYNTAX_KEY = "(syntax)"
MORE_KEY = "(more)"


def item_path(key_path: str, index: int) -> str:
    """The key path of the list item at 0-based `index` under `key_path`. Items count
    from 1 (`steps[1]` is the first step), as the routine's page, `breathe show` and
    `--from-step` number steps: a person reads every key path, `--format json` too."""
    return f"{key_path}[{index + 1}]"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value was written: file, 1-based line and column, key path."""

    path: str
    line: int
    column: int
    key_path: str


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in a file, located to the line and column (both 1-based)."""

    path: str
    line: int
    column: int
    key_path: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.key_path}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "key_path": self.key_path,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True, slots=True)
class MoreProblems(Problem):
    """The line standing for a file's problems past the first MAX_LISTED: `count` of
    them, the first at its line and column."""

    count: int = 0


def more_problems(path: str, line: int, column: int, count: int) -> MoreProblems:
    noun = "problem" if count == 1 else plural("problem")
    return MoreProblems(
        path,
        line,
        column,
        MORE_KEY,
        f"{count:,} more {noun} {is_or_are(count)} not listed, from here on",
        "fix the ones above and check again",
        count,
    )


def count_problems(problems: Iterable[Problem]) -> int:
    """How many problems `problems` stands for: each, and the count of each `(more)` line."""
    return sum(p.count if isinstance(p, MoreProblems) else 1 for p in problems)


def capped(problems: Iterable[Problem]) -> list[Problem]:
    """`problems` in their order, but at most MAX_LISTED of each file: the rest of a file
    are one MoreProblems line at the first of them, after everything listed."""
    listed: list[Problem] = []
    kept: dict[str, int] = {}
    more: dict[str, tuple[Problem, int]] = {}  # by file: the first left out, and how many
    for problem in problems:
        path = problem.path
        if not isinstance(problem, MoreProblems) and kept.get(path, 0) < MAX_LISTED:
            kept[path] = kept.get(path, 0) + 1
            listed.append(problem)
            continue
        first, count = more.get(path, (problem, 0))
        more[path] = (first, count + count_problems([problem]))
    for path, (first, count) in more.items():
        listed.append(more_problems(path, first.line, first.column, count))
    return listed


class RoutineFileError(Exception):
    """A file could not be turned into a routine; `problems` lists the reasons found, at
    most MAX_LISTED of each file and then a MoreProblems line (`capped`)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(capped(problems))
        if not self.problems:
            raise ValueError("RoutineFileError needs at least one problem")
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def count(self) -> int:
        """How many problems were found, listed or not."""
        return count_problems(self.problems)

    @property
    def first(self) -> Problem:
        return self.problems[0]
