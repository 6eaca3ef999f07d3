"""Turns a session's engine events into its history row.

The row is written when the session starts and brought up to date at every step boundary
and pause, so a process killed without warning (`kill -9`, a power cut of the terminal)
loses at most the step it was in. The end writes the exact practice time, pauses excluded,
and the steps a finished session skipped (the engine names them; see breathe.core.engine).

Recording never stops a session: a write that fails is reported once through `on_error`,
and the next event writes the whole row again (an insert if the first one failed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from breathe.core.engine import (
    Event,
    Paused,
    Session,
    SessionEnded,
    SessionStarted,
    SkippedStep,
    StepStarted,
)
from breathe.history.store import Ended, HistoryError, HistoryStore, NewSession

Now = Callable[[], datetime]


def local_now() -> datetime:
    """Now, in local time with its UTC offset."""
    return datetime.now().astimezone()


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a routine file's bytes, or None if it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class Played:
    """What is recorded of the routine being played."""

    routine: str
    title: str
    file_sha256: str | None
    tempo: float = 1.0
    program: str | None = None
    day: int | None = None
    # The steps before the one a session started from (`--from-step`): the routine's
    # steps are counted whole, and a finished session names these as left out.
    left_out: tuple[SkippedStep, ...] = ()


class Recorder:
    """Feed it every batch of events a Session returns, with that session."""

    def __init__(
        self,
        store: HistoryStore,
        played: Played,
        *,
        now: Now = local_now,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.played = played
        self.now = now
        self.on_error = on_error
        self.session_id: int | None = None
        self.error: str | None = None
        self._started_at: datetime | None = None
        self._ended: SessionEnded | None = None

    def observe(self, events: Iterable[Event], session: Session) -> None:
        changed = False
        for event in events:
            if isinstance(event, SessionStarted):
                self._started_at = self.now()
                changed = True
            elif isinstance(event, SessionEnded):
                self._ended = event
                changed = True
            elif isinstance(event, StepStarted | Paused):
                changed = True
        if changed and self._started_at is not None:
            self._save(session)

    def _save(self, session: Session) -> None:
        assert self._started_at is not None
        ended = self._ended
        skipped: tuple[SkippedStep, ...] = ()
        before = self.played.left_out
        if ended is not None:
            practised, done = ended.practised_ms, ended.steps_completed
            how: Ended | None = Ended.FINISHED if ended.finished else Ended.STOPPED
            if ended.finished:  # numbered in the whole routine, after those left out
                later = (SkippedStep(s.index + len(before), s.title) for s in ended.skipped)
                skipped = (*before, *later)
        else:
            practised, done, how = session.practised_ms(), session.steps_completed(), None
        try:
            if self.session_id is None:
                played = self.played
                self.session_id = self.store.start_session(
                    NewSession(
                        routine=played.routine,
                        title=played.title,
                        file_sha256=played.file_sha256,
                        started_at=self._started_at,
                        steps_total=len(before) + len(session.timeline.steps),
                        tempo=played.tempo,
                        program=played.program,
                        day=played.day,
                    )
                )
            self.store.update_session(
                self.session_id,
                practised_ms=practised,
                steps_done=done,
                ended=how,
                skipped=skipped,
            )
        except HistoryError as error:
            if self.error is None and self.on_error is not None:
                self.on_error(str(error))
            self.error = str(error)
        else:
            self.error = None
