"""What audio tests share."""

from __future__ import annotations

from pathlib import Path

from breathe.core.model import SoundChoice


def path_of(choice: SoundChoice) -> Path:
    """The file `choice` plays (a cue's sound always has one)."""
    assert choice.path is not None, choice
    return choice.path
