"""Argument types the commands share, below the `breathe.cli` package that imports them."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    """`--date`, `--since`: a calendar date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"`{text}` is not a date; write it as YYYY-MM-DD, such as 2025-03-01"
        ) from None
