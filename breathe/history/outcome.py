"""How a session ended, in the words the summary, the History screen and `breathe history`
share.

A session that skipped steps on purpose and played the rest to its end is finished, and
says which steps it left out, calmly: following a safety note ("leave out inversions") or
a routine's own "skip any part that does not suit you" is practising, not failing. Only
stopping early is "stopped".

What counts as a practice, declared here once (`counts`) for the streaks, the calendar, the
totals, the favourites, a program's days done, the History screen, the summary and
`breathe history` / `breathe stats`: a session that was finished (played to its end, steps
left out on purpose included), or one with at least a minute practised however it ended
(stopped, or cut off by a closed terminal). A session opened by mistake and stopped after a
few seconds is still recorded (nothing a person did is lost, and `breathe history` lists it)
but it does not make a day, a streak or a program's day.
"""

from __future__ import annotations

from collections.abc import Sequence

from breathe.core.engine import SkippedStep
from breathe.core.words import counted

# An unfinished session counts from a minute practised: declared in breathe.history.store,
# whose summary tables apply the same rule inside SQLite.
from breathe.history.store import MINIMUM_PRACTICE_MS as MINIMUM_PRACTICE_MS
from breathe.history.store import Ended, SessionRecord

INTERRUPTED = "interrupted"  # no ending recorded: killed mid-session, or playing right now
SKIPPING_IS_PRACTICE = "Leaving out what does not suit you today is part of practising."
NOT_COUNTED = "not counted"  # no wider than `interrupted`: the History screen's column
PRACTICE_RULE = "A session counts once finished, or after a minute of practice."


def counts(record: SessionRecord) -> bool:
    """Whether `record` is a practice: finished, or at least a minute practised."""
    return record.ended is Ended.FINISHED or record.practised_ms >= MINIMUM_PRACTICE_MS


def skipped_names(skipped: Sequence[SkippedStep]) -> str:
    """`Legs up the wall`, `Settle, Twist ×2`: each title once, in order, with how many
    times it was skipped when more than once (a step repeated in rounds)."""
    times: dict[str, int] = {}
    for step in skipped:
        times[step.title] = times.get(step.title, 0) + 1
    return ", ".join(title if n == 1 else f"{title} ×{n}" for title, n in times.items())


def skipped_count(skipped: Sequence[SkippedStep]) -> str:
    """`1 step skipped`, `2 steps skipped`."""
    return f"{counted(len(skipped), 'step')} skipped"


def how_it_ended(record: SessionRecord, *, short: bool = False) -> str:
    """`finished`, `finished · 1 step skipped`, `stopped`, or `interrupted`. Short, for a
    column no wider than `interrupted`: a finished session that skipped steps is `1 skipped`
    (only a finished session names skipped steps), and one that does not count (`counts`)
    is `not counted`."""
    if short and not counts(record):
        return NOT_COUNTED
    if record.ended is None:
        return INTERRUPTED
    if record.skipped:
        if short:
            return f"{len(record.skipped)} skipped"
        return f"{record.ended} · {skipped_count(record.skipped)}"
    return str(record.ended)
