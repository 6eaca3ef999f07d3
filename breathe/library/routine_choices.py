"""The tempo and length each routine plays at, and what a person chooses for them.

Which wins, for a routine, in one run of breathe:
1. a choice made in this run, on the routine's page or during its session;
2. the command line's `--tempo` or `--length` (for this run only: `PlayOptions.given`);
3. the choice the person made for this routine before, remembered in the state file
   (`breathe.library.state`, `routines`);
4. the settings file's `tempo` and `length`, else the defaults (1, as written).

A choice is remembered at once, so that quitting (or a crash) a moment later loses nothing;
a state file breathe cannot read or write is left alone and the choice holds for this run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

from breathe.core.options import PlayOptions
from breathe.library.state import (
    RoutineChoice,
    StateFileError,
    change_routine_choice,
    routine_choice,
)


class RoutineChoices:
    """The tempo and length of each routine for one run of the app (see the module)."""

    def __init__(self, options: PlayOptions, path: Path | None = None) -> None:
        self.options = options
        self.path = path  # the state file; None: the user's own
        self._chosen: dict[str, RoutineChoice] = {}  # in this run

    def _remembered(self, routine: str) -> RoutineChoice:
        return routine_choice(routine, self.path)

    def tempo(self, routine: str) -> Fraction:
        """The tempo `routine` plays at now."""
        now = self._chosen.get(routine)
        if now is not None and now.tempo is not None:
            return now.tempo
        if "tempo" in self.options.given:
            return self.options.tempo
        remembered = self._remembered(routine).tempo
        return remembered if remembered is not None else self.options.tempo

    def length(self, routine: str) -> int | None:
        """The length `routine` plays at now, in minutes (None: as written)."""
        now = self._chosen.get(routine)
        if now is not None and now.length_chosen:
            return now.length
        if "length" in self.options.given:
            return self.options.length
        remembered = self._remembered(routine)
        return remembered.length if remembered.length_chosen else self.options.length

    def choose_tempo(self, routine: str, tempo: Fraction) -> str | None:
        """Play `routine` at `tempo` from now on, and remember it; why it could not be
        remembered, if it could not (it holds for this run all the same)."""
        chosen = self._chosen.get(routine, RoutineChoice())
        self._chosen[routine] = replace(chosen, tempo=tempo)
        return self._remember(routine, lambda choice: replace(choice, tempo=tempo))

    def choose_length(self, routine: str, minutes: int | None) -> str | None:
        """Play `routine` about `minutes` long (None: as written), and remember it; why it
        could not be remembered, if it could not."""
        chosen = self._chosen.get(routine, RoutineChoice())
        self._chosen[routine] = replace(chosen, length=minutes, length_chosen=True)
        return self._remember(
            routine, lambda choice: replace(choice, length=minutes, length_chosen=True)
        )

    def _remember(
        self, routine: str, change: Callable[[RoutineChoice], RoutineChoice]
    ) -> str | None:
        try:
            change_routine_choice(routine, change, self.path)
        except (StateFileError, OSError) as error:
            return str(error)
        return None
