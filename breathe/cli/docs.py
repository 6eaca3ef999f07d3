"""`breathe docs [NAME]`: the guides that come with breathe, from any installation.

The `docs/` folder of the source tree travels in every wheel too (as `breathe/_bundled/docs`,
found like the bundled routines), so what `breathe --help` and the files `breathe new`
writes point to is there wherever breathe is installed. `breathe docs` lists the guides and
where they are; `breathe docs NAME` prints one, as Markdown (`breathe docs routines | less`);
`--path` prints only its path.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.table import Table
from rich.text import Text

from breathe.cli.console import print_table, stdout_console, whole_width
from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, UsageError
from breathe.core.paste import breathe_command
from breathe.library.locations import bundled_docs_dir

# Pages in docs/ for people changing breathe, not guides for people using it.
FOR_MAINTAINERS = frozenset({"architecture.md"})


def guides(folder: Path | None = None) -> dict[str, Path]:
    """The guides by name (the file name without `.md`), in name order."""
    folder = folder or bundled_docs_dir()
    return {
        path.stem: path
        for path in sorted(folder.glob("*.md"))
        if path.is_file() and path.name not in FOR_MAINTAINERS
    }


def guide_title(path: Path) -> str:
    """A guide's first heading (`# Writing routines for breathe`), without the `#`."""
    with path.open(encoding="utf-8") as file:
        for line in file:
            if line.startswith("# "):
                return line[2:].strip()
    return path.stem


def run_docs(name: str | None, *, path_only: bool) -> int:
    found = guides()
    console = stdout_console()
    if not found:
        console.print(
            Text(f"no guides in {bundled_docs_dir()}: this installation lacks them", "bad")
        )
        return EXIT_PROBLEMS
    if name is None:
        if path_only:
            print(bundled_docs_dir())
            return EXIT_OK
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("NAME", no_wrap=True, min_width=whole_width("NAME", found))
        table.add_column("TITLE")
        for guide, path in found.items():
            table.add_row(guide, guide_title(path))
        print_table(console, table)
        console.print(
            Text(
                f"`{breathe_command('docs', 'NAME')}` prints one; "
                f"the files are in {bundled_docs_dir()}"
            ),
            style="muted",
        )
        return EXIT_OK
    guide = name.removesuffix(".md")
    if guide not in found:
        raise UsageError(f"docs: no guide named `{name}`; the guides are: {', '.join(found)}")
    if path_only:
        print(found[guide])
    else:
        sys.stdout.write(found[guide].read_text(encoding="utf-8"))
    return EXIT_OK
