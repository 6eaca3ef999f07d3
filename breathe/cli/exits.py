"""How the `breathe` command ends: its exit statuses, and the error for bad input (status 2).

Every command module reads them from here, below the `breathe.cli` package that imports
those modules, so none of them imports the package back.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70


class UsageError(Exception):
    """Bad command-line input: reported in one line, exit status 2."""
