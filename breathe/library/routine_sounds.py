"""The author's own sound files a routine uses, with the routines it includes: what has to
travel with it (for `breathe export`) so that it plays the same elsewhere. A teacher's
recordings (a step's `say:`) are own sound files too.

Bundled sounds are not listed: every breathe has them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from breathe.core.model import (
    BreathingStep,
    IncludeStep,
    PoseStep,
    RepeatBlock,
    RestStep,
    Routine,
    SayKind,
    Sounds,
    SoundSource,
    Step,
)
from breathe.core.problems import Location
from breathe.core.timeline import IncludeResolver


@dataclass(frozen=True, slots=True)
class SoundFile:
    """One own sound file, as one routine names it."""

    routine: Path  # the routine file that names it
    written: str  # the path as written there: relative to that routine file's folder
    path: Path  # the file itself, resolved
    location: Location | None  # where it is named
    # Said by the voice (a step's `say:`), which may be long; otherwise a cue, at most
    # 10 s. A file named both ways is a recording.
    recording: bool = False


def routine_sound_files(
    routine: Routine, resolve: IncludeResolver | None = None
) -> list[SoundFile]:
    """Every own sound file of `routine` and of the routines it includes (found with
    `resolve`, such as `Catalog.resolve_include`), once per routine and path, in the order
    they are first named. An include `resolve` cannot find raises its RoutineFileError."""
    found: dict[tuple[Path, str], SoundFile] = {}
    visited: set[Path] = set()

    def add(sounds: Sounds, owner: Routine) -> None:
        for _, choice in sounds.chosen:
            if choice.source is SoundSource.FILE and choice.path is not None:
                key = (owner.path, choice.written)
                found.setdefault(
                    key, SoundFile(owner.path, choice.written, choice.path, choice.location)
                )

    def walk(steps: tuple[Step, ...], owner: Routine) -> None:
        for step in steps:
            if isinstance(step, BreathingStep | PoseStep | RestStep):
                add(step.sounds, owner)
                say = step.say
                if say is not None and say.kind is SayKind.RECORDING and say.path is not None:
                    key = (owner.path, say.written)
                    named = found.get(key)
                    found[key] = (
                        SoundFile(owner.path, say.written, say.path, say.location, recording=True)
                        if named is None
                        else replace(named, recording=True)
                    )
            elif isinstance(step, RepeatBlock):
                walk(step.steps, owner)
            elif isinstance(step, IncludeStep) and resolve is not None:
                visit(resolve(step, owner))

    def visit(current: Routine) -> None:
        key = current.path.resolve()
        if key in visited:  # included twice, or a loop (which the timeline reports)
            return
        visited.add(key)
        add(current.sounds, current)
        walk(current.steps, current)

    visit(routine)
    return list(found.values())
