"""The one fake clock of the tests: the engine's clock is whole milliseconds from
`time.monotonic_ns()`; this one moves only when a test says so."""

from __future__ import annotations

from breathe.core.engine import Session


def ms(seconds: float) -> int:
    """`seconds` in whole milliseconds (a test that means a fraction of one is wrong)."""
    whole = round(seconds * 1000)
    assert abs(seconds * 1000 - whole) < 1e-6, f"{seconds} s is not a whole number of ms"
    return whole


class FakeClock:
    """A monotonic clock that moves only when told: whole milliseconds, as the real one
    (`monotonic_ms`). `now` is in ms; `advance` takes seconds, for readable tests."""

    def __init__(self, start_ms: int = 1_000_000) -> None:
        self.now = start_ms

    def __call__(self) -> int:
        return self.now

    def advance(self, seconds: float) -> None:
        self.advance_ms(ms(seconds))

    def advance_ms(self, milliseconds: int) -> None:
        self.now += milliseconds


def to_next_deadline(session: Session, clock: FakeClock) -> bool:
    """Set `clock` to the session's next deadline, as a driver on time does; False once
    there is none. A deadline the clock has reached already would loop forever: an error."""
    deadline = session.next_deadline()
    if deadline is None:
        return False
    if deadline <= clock.now:
        raise RuntimeError(f"the next deadline, {deadline} ms, is not after the clock: {clock.now}")
    clock.now = deadline
    return True
