"""How a session ended, in the words the summary, the History screen and `breathe history`
share.

A session that skipped steps on purpose and played the rest to its end is finished, and
says which steps it left out, calmly: following a safety note ("leave out inversions") or
a routine's own "skip any part that does not suit you" is practising, not failing. Only
stopping early is "stopped".
"""

from __future__ import annotations

from collections.abc import Sequence

from breathe.core.engine import SkippedStep
from breathe.core.words import counted
from breathe.history.store import SessionRecord

INTERRUPTED = "interrupted"  # no ending recorded: killed mid-session, or playing right now
SKIPPING_IS_PRACTICE = "Leaving out what does not suit you today is part of practising."


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
    (only a finished session names skipped steps)."""
    if record.ended is None:
        return INTERRUPTED
    if record.skipped:
        if short:
            return f"{len(record.skipped)} skipped"
        return f"{record.ended} · {skipped_count(record.skipped)}"
    return str(record.ended)
