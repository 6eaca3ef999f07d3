"""A session's cues handed to the player ahead of their moments, so that they sound on
time however late the event loop is.

The screen wakes at each boundary; under load it wakes late (a few milliseconds, tens at
worst), and a cue played then is as late. Instead, as soon as the session knows its next
boundaries (right after the one before), the cues there (those of the next AHEAD_MS, and
at least the next boundary's), and the soft counts before it with closed eyes, are
handed to the player with their moment on the monotonic clock (`CuePlayer.schedule`);
the player's device thread starts each on the frame of that moment.
When the screen reaches the boundary, the cues handed for it are not played again
(`to_play`, `count_handed`). A moment no longer to come as handed (paused, skipped, gone
back, stopped, muted, the screen gone) is withdrawn, unless it is sounding already.

A player that cannot start a sound at a moment (simpleaudio, the terminal bell, silence)
takes nothing ahead: the screen plays the cues at their moment, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from breathe.audio.cues import Cue, boundary_cues, count_cue, cues_for
from breathe.core.engine import Event, SegmentStarted, Session, SessionEnded

if TYPE_CHECKING:
    from collections.abc import Sequence

    from breathe.audio.cue_player import CuePlayer
    from breathe.core.timeline import Timeline

AHEAD_MS = 1000
"""How far ahead the cues are handed over: the screen may wake this late at a boundary
(under a heavy load) and every cue still starts on its frame. Not further: a cue handed
over is taken back and handed again at each pause or skip."""
END = -1  # the moment the session ends
COUNT = -2  # a soft count's moment


@dataclass(frozen=True, slots=True)
class Moment:
    at: int  # on the session's clock (ms)
    what: int  # the segment starting then, END or COUNT


class CuesAhead:
    """What of one session's cues is handed to its player, ahead of their moments."""

    def __init__(self) -> None:
        self._handed: dict[Moment, list[object]] = {}
        self._player: CuePlayer | None = None

    def wanted(
        self, session: Session, counts: Sequence[tuple[int, int]], now: int
    ) -> dict[Moment, list[Cue]]:
        """The cues of the session's boundaries from the next one to AHEAD_MS from `now`
        (the next one however far), and of its soft counts before the next boundary
        (`counts`: those to come, as (timeline ms, clock ms)), by moment."""
        deadline = session.next_deadline()
        index = session.current_segment_index()
        if deadline is None or index is None:
            return {}
        timeline = session.timeline
        segments = timeline.segments
        origin = deadline - (
            segments[index + 1].start_ms if index + 1 < len(segments) else timeline.total_ms
        )
        wanted: dict[Moment, list[Cue]] = {}
        for following in range(index + 1, len(segments) + 1):
            offset = (
                segments[following].start_ms if following < len(segments) else timeline.total_ms
            )
            at = origin + offset
            if wanted and at > now + AHEAD_MS:
                break
            what = following if following < len(segments) else END
            wanted[Moment(at, what)] = boundary_cues(timeline, following)
        tick = count_cue(timeline, segments[index])
        if tick is not None:
            for _, at in counts:
                if at < deadline and at <= now + AHEAD_MS:
                    wanted[Moment(at, COUNT)] = [tick]
        return wanted

    def hand(
        self,
        player: CuePlayer | None,
        wanted: dict[Moment, list[Cue]],
        *,
        now: int,
        since: int,
    ) -> None:
        """Make what `player` holds ahead what is `wanted` (empty: nothing; paused, muted,
        ended): withdraw the moments to come that are no longer wanted, hand over those not
        handed yet. Moments before `since` (the current segment's start) are forgotten:
        they have sounded, or been passed by a skip."""
        for moment in [m for m in self._handed if m.at < since]:
            del self._handed[moment]
        for moment, handles in list(self._handed.items()):
            unwanted = moment not in wanted or player is not self._player
            if moment.at > now and unwanted:
                if self._player is not None:
                    self._player.withdraw(handles)
                del self._handed[moment]
        self._player = player
        if player is None:
            return
        for moment, cues in wanted.items():
            if moment in self._handed or moment.at <= now:
                continue  # handed already, or due: the screen plays it now
            scheduled = player.schedule(cues, moment.at)
            if scheduled is not None:
                self._handed[moment] = scheduled

    def withdraw(self, now: int) -> None:
        """Take back every cue still to come (the screen is going)."""
        self.hand(self._player, {}, now=now, since=now)

    def to_play(self, events: list[Event], timeline: Timeline, now: int) -> list[Cue]:
        """The cues of `events` (what happened at one moment of `timeline`, or at several
        if the screen woke late) that were not handed ahead: to play now."""
        cues: list[Cue] = []
        batch: list[Event] = []
        for event in events:
            batch.append(event)
            if isinstance(event, SegmentStarted):
                moment: Moment | None = Moment(event.deadline, event.index)
            elif isinstance(event, SessionEnded):
                moment = self._ending(now)
            else:
                continue
            if moment is not None and self._handed.pop(moment, None) is not None:
                batch = []  # its cues are sounding, started on their frame
                continue
            cues.extend(cues_for(batch, timeline))
            batch = []
        if batch:
            cues.extend(cues_for(batch, timeline))
        return cues

    def _ending(self, now: int) -> Moment | None:
        """The end handed ahead, if the session reached it by playing on: its moment
        has come (an end skipped to before its moment is not the one handed)."""
        for moment in self._handed:
            if moment.what == END and moment.at <= now:
                return moment
        return None

    def count_handed(self, at: int) -> bool:
        """Whether the soft count due at `at` (clock ms) was handed ahead (and so is not
        to be played now)."""
        return self._handed.pop(Moment(at, COUNT), None) is not None
