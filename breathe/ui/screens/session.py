"""The session: the pacer, the words, the step card and the progress, driven by the engine.

Nothing here counts frames. The engine knows every deadline; the screen sets a one-shot
timer for the next moment something visible changes (a segment boundary, or the next whole
second of a countdown), asks the engine what happened, shows it and sets the next timer.

What matters is large and central, under the orb: the phase (`Breathe in  ·  4 s`), or in a
pose the pose's name over its clock; paused, the word Paused and what space does, the orb
dimmed. A step's instructions are shown in full for its first seconds, then folded to a few
lines that scroll (a scrollbar says there is more). With reduced motion the orb gives way to
the count in large digits and labelled bars in the phase's colour.

Before it starts, a session waits for its sounds (a moment), and, when a voice is starting,
for the phrases of its first minute, with a progress bar and a key to start at once; the
session's clock does not run meanwhile. `e` turns the screen into the eyes-closed view: dark,
low-glare, the phase word and the count large and central, nothing else but the time left.

`-` and `+` play the session slower or faster as it goes (the tempos of
`bounds.TEMPO_STEPS`). The change lands at the start of the next breath (or the next step,
where the current one is not a breath): the breath under way ends as it began, never
stretched or squeezed halfway through an exhale, which is what a practitioner notices and
dislikes; a pause or a hold is not cut short either. It is an exact timeline transform
(breathe.core.reshape.retempo_from): what has been played stays as played, the engine's
clock and every deadline already reached are untouched, and the rest of the session, its
total and the time left follow the new tempo, to the millisecond. The status line says the
tempo, and "from the next breath" until it lands; the tempo is remembered for the routine.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, ProgressBar, Static

from breathe.audio.ahead import CuesAhead
from breathe.audio.cues import Cue, count_cue, count_offsets
from breathe.core.durations import format_clock
from breathe.core.engine import (
    Clock,
    Event,
    Paused,
    Resumed,
    SegmentStarted,
    Session,
    SessionEnded,
    SessionState,
    StepStarted,
    monotonic_ms,
)
from breathe.core.options import PlayOptions
from breathe.core.reshape import next_breath, next_tempo, retempo_from
from breathe.core.timeline import BREATH_KINDS, Segment, SegmentKind, Timeline, TimelineStep
from breathe.ui.screens.breakpoints import SHORT_OR_ROOMY, band_classes
from breathe.ui.widgets.footer import KeysFirstFooter
from breathe.ui.widgets.pacer import Breath, Pacer, phase_colours
from breathe.ui.widgets.progress import QuietProgressBar

if TYPE_CHECKING:
    from breathe.audio.cue_player import CuePlayer
    from breathe.format.wav import Sound
    from breathe.history.recorder import Recorder
    from breathe.voice.guide import Guide

PHASE_WORDS = {
    SegmentKind.INHALE: "Breathe in",
    SegmentKind.TOP_UP: "Breathe in a little more",
    SegmentKind.HOLD: "Hold",
    SegmentKind.EXHALE: "Breathe out",
    SegmentKind.HOLD_EMPTY: "Hold, empty",
    SegmentKind.POSE: "Hold the pose",
    SegmentKind.SWITCH: "Change sides",
    SegmentKind.REST: "Rest",
}
SOUND_WAIT_SECONDS = 2.0  # the longest a session waits for its sounds before it starts
PREPARING_CHECK_SECONDS = 0.2  # how often the waiting screen looks at the voice's progress
PREPARING_SHOWN_AFTER_SECONDS = 0.3
"""A voice ready sooner (its phrases cached) begins the session without a flash of a bar."""
VOICE_GAP_MS = 300  # the least silence before an aside (Paused, Go on) after a phrase
INSTRUCTIONS_IN_FULL_MS = 15_000  # a step's instructions in full, before they fold
FOLDED_INSTRUCTION_LINES = 4  # ...to this many lines, which scroll


STEP_KEYS = Binding.Group("Step")
TEMPO_KEYS = Binding.Group("Tempo")  # "- + Tempo" in the footer
TEMPO_IN_FOOTER_COLUMNS = 67
"""The footer's room for its keys with "- + Tempo" beside "? Help"; MUTE_KEY_COLUMNS more
with `m`, VOICE_KEY_COLUMNS more with `v` (88 with both). Narrower, "- + Tempo" gives way
to the others: the keys work all the same, the help panel lists them and the status line
names them."""
MUTE_KEY_COLUMNS = len(" m Unmute ")
VOICE_KEY_COLUMNS = len(" v Voice off ")
PALETTE_HINT_COLUMNS = 96  # narrower, the footer's room goes to the keys (ctrl+p still works)


class SessionVoice(Protocol):
    """Where the voice of a session comes from and speaks (the app's sound, ui/sound.py),
    and the player the cues sound through (None until the device is open, or without)."""

    player: CuePlayer | None

    def start_voice(
        self, timeline: Timeline, options: PlayOptions, on_guide: Callable[[Guide | None], None]
    ) -> None: ...

    def speak(self, phrase: Sound) -> None: ...


class SessionScreen(Screen[SessionEnded]):
    """Plays one timeline; dismisses with the engine's SessionEnded.

    A key of two meanings is two bindings, one shown at a time (`check_action`): `space`
    is Start now while the session waits for its voice, Pause while it runs and Go on while
    it is paused; `m` Mute or Unmute, `v` Voice off or Voice on, `e` Eyes closed or Eyes
    open; so the footer and the palette always say what a key will do.
    """

    class Began(Message):
        """The session has begun: its clock runs from now on (after the wait for the
        voice's first minute, if there was one), and what it keeps is all made."""

    CSS_PATH = "session.tcss"
    VERTICAL_BREAKPOINTS = SHORT_OR_ROOMY  # `-compact`: the pacer, the phase, the time left

    BINDINGS = [
        Binding("space", "start_now", "Start now", id="start-now"),
        Binding("enter", "start_now", "Start now", show=False, id="start-now-enter"),
        Binding("space", "pause", "Pause", id="pause"),
        Binding("space", "resume", "Go on", id="resume"),
        # One entry in the footer ("n p r Step"), each its own in the palette and the help:
        # with the voice and view keys, the footer fits 80 columns.
        Binding("n", "next_step", "Next", id="next", group=STEP_KEYS),
        Binding("p", "previous_step", "Previous", id="previous", group=STEP_KEYS),
        Binding("r", "restart_step", "Restart step", id="restart", group=STEP_KEYS),
        Binding("minus", "tempo(-1)", "Slower", id="slower", group=TEMPO_KEYS),
        Binding("plus,equals_sign", "tempo(1)", "Faster", id="faster", group=TEMPO_KEYS),
        Binding("minus", "tempo_unshown(-1)", "Slower", show=False, id="slower-unshown"),
        Binding("plus,equals_sign", "tempo_unshown(1)", "Faster", show=False, id="faster-unshown"),
        Binding("m", "mute", "Mute", id="mute"),
        Binding("m", "unmute", "Unmute", id="unmute"),
        Binding("v", "voice_off", "Voice off", id="voice-off"),
        Binding("v", "voice_on", "Voice on", id="voice-on"),
        Binding("e", "eyes_closed", "Eyes closed", id="eyes-closed"),
        Binding("e", "eyes_open", "Eyes open", id="eyes-open"),
        Binding("q", "leave", "Leave", id="leave"),  # before the session begins
        Binding("q", "stop", "Stop", id="stop"),
        Binding("escape", "escape", "Stop", show=False, id="escape"),
        Binding("question_mark", "toggle_help", "Help", id="help"),
        # Textual's own, kept working but out of the help panel: nothing here takes focus
        # or holds text to copy, and the panel should list only what a practice needs.
        Binding("tab", "app.focus_next", "Focus Next", show=False, system=True),
        Binding("shift+tab", "app.focus_previous", "Focus Previous", show=False, system=True),
        Binding("super+c", "screen.copy_text", "Copy selected text", show=False, system=True),
    ]

    def __init__(
        self,
        timeline: Timeline,
        *,
        options: PlayOptions | None = None,
        clock: Clock = monotonic_ms,
        play_cues: Callable[[list[Cue]], None] | None = None,
        recorder: Recorder | Callable[[], Recorder | None] | None = None,
        wait_for_sound: Callable[[Callable[[], None]], None] | None = None,
        sound_problem: str | None = None,
        voice: SessionVoice | None = None,
        base: Timeline | None = None,
        tempo: Fraction | None = None,
        on_tempo: Callable[[Fraction], str | None] | None = None,
    ) -> None:
        """`timeline` is `base` (the routine at its length, at tempo 1) at `tempo`; `-` and
        `+` play `base` at another tempo from the next breath, and tell `on_tempo` (which
        remembers it, and says why not if it could not). Without `base`, `timeline` is its
        own, at tempo 1."""
        # The classes the first picture needs, given now: each class changed after mount
        # restyles the whole screen, a few milliseconds before the first frame.
        first = timeline.segments[0] if timeline.segments else None
        self._first_kind = first.kind if first else None
        classes = []
        if (options or PlayOptions()).reduced_motion:
            classes.append("-still")
        if (options or PlayOptions()).eyes_closed:
            classes.append("-eyes-closed")
        if first is not None and first.kind not in BREATH_KINDS:
            classes.append("-countdown")
        super().__init__(classes=" ".join(classes))
        with contextlib.suppress(RuntimeError):  # no app running (NoActiveAppError): on resize
            self.update_classes(band_classes(self.app.size.height, SHORT_OR_ROOMY))
        # Starts the session once its sounds are ready (BreatheApp.when_sound_ready).
        self.wait_for_sound = wait_for_sound
        self.timeline = timeline
        self.options = options or PlayOptions()
        self.base = base if base is not None else timeline
        self.tempo = tempo if tempo is not None else Fraction(1)
        self.on_tempo = on_tempo
        self._tempo_lands: int | None = None  # the segment where a new tempo begins
        self._tempo_shown = True  # "- + Tempo" in the footer (see TEMPO_IN_FOOTER_COLUMNS)
        self.clock = clock
        self.session = Session(timeline, clock)
        self.muted = False  # `m`; `--sound off` is a choice, not a state to show
        self.play_cues = play_cues
        self._ahead = CuesAhead()  # the cues handed to the player before their moments
        self._counted = (-1, -1)  # (segment index, offset) of the last soft count sounded
        # Writes the session to the history as it goes. Given as a function, it is opened
        # when the screen mounts, before the session can start (see on_mount).
        self.recorder: Recorder | None = None
        self._open_recorder: Callable[[], Recorder | None] | None = None
        self._unrecorded: list[list[Event]] = []
        if callable(recorder):
            self._open_recorder = recorder
        else:
            self.recorder = recorder
        self._timer: asyncio.TimerHandle | None = None
        self._paused_at: int | None = None  # on `clock` (ms)
        self._phase_words = ""
        self._phase_kind: SegmentKind | None = None
        self._step_start_ms = 0  # where the current step begins, on the timeline (ms)
        self._lines: dict[str, str] = {}
        self._wake_at: int | None = None  # see `wake_at`
        # Why there is no sound, if the app found it before this session began (one found
        # later comes by `show_sound_problem`).
        self._sound_note = sound_problem.split(" (", 1)[0] if sound_problem else ""
        self._note = ""  # news for the status line, such as a watched file saved
        # The voice: started when the screen mounts, and handed over when its phrases are
        # being made (never waited for: a phrase not ready at its moment is left out).
        self.voice = voice
        self.guide: Guide | None = None
        self.voice_on = self.options.voice != "off"  # `v`
        self.eyes_closed = self.options.eyes_closed  # `e`: the eyes-closed view
        self._voice_asked = False  # start_voice was called (once a session is enough)
        self._voice_options = self.options  # what it was called with (`v` may turn it on)
        self._voice_reseek = False  # restarted for a new tempo: from where the session is
        self._voice_turned_on = False  # ...by `v`, mid-session: its absence is told
        self._voice_quiet_at = 0  # on `clock`: when the last phrase said has ended
        # Waiting to begin: for the sound (a moment), then for the voice's first minute.
        self._sound_settled = wait_for_sound is None
        self._voice_pending = False  # a voice is starting and its first minute not ready
        self._start_anyway = False  # `space` while waiting: begin without the voice
        self._preparing_timer: Timer | None = None

    @property
    def wake_at(self) -> int | None:
        """When the screen next wakes to show what changed, on `clock` (ms); None while
        nothing is due (paused, or ended)."""
        return self._wake_at if self._timer is not None else None

    @property
    def still(self) -> bool:
        return self.options.reduced_motion or self.app.animation_level == "none"

    def compose(self) -> ComposeResult:
        with Vertical(id="step-card"):
            yield Static(id="step-title", markup=False)
            with VerticalScroll(id="instructions-box", can_focus=False):
                yield Static(id="instructions", markup=False)
        first = f" -{self._first_kind.value}" if self._first_kind else ""
        with Center(id="stage"):
            with Center(id="orb"):  # session.tcss says why the orb has a row of its own
                yield Pacer(id="pacer", clock=self.clock)
            yield Static(id="pose-name", markup=False)  # in a pose or a rest: its name
            yield Static(id="big-phase", markup=False)  # the eyes-closed view's phase word
            yield Digits(id="countdown")
            # The word that matters, large and central: the phase (or Paused).
            yield Static(id="phase", classes=f"phase{first}", markup=False)
            yield Static("space to go on", id="pause-hint", markup=False)
            with Vertical(id="preparing"):
                yield Static("Preparing the voice…", id="preparing-line", markup=False)
                # Given a total until the waiting screen shows: an indeterminate bar
                # animates 15 times a second, shown or hidden (see _reveal_preparing).
                yield QuietProgressBar(
                    id="preparing-bar", show_eta=False, show_percentage=False, total=1
                )
                yield Static(
                    "space starts now, leaving out the phrases not ready",
                    id="preparing-keys",
                    markup=False,
                )
        # Everything at the bottom, the footer too, in one container: at each frame of the
        # orb Textual renders every widget whose container overlaps the cells repainted,
        # and none of these change with it.
        with Vertical(id="below-stage"):
            with Horizontal(id="phase-row", classes="bar-row"):  # reduced motion's
                yield Static("this phase", classes="bar-label", markup=False)
                yield Static(id="phase-bar", markup=False)
            yield Static(id="cycle", markup=False)
            yield Static(id="next-up", markup=False)
            with Vertical(id="session-progress"):
                with Horizontal(classes="bar-row"):
                    yield Static("session", classes="bar-label", markup=False)
                    yield QuietProgressBar(
                        id="progress",
                        show_eta=False,
                        show_percentage=False,
                        total=max(1, self.timeline.total_ms),
                    )
                yield Static(id="times", markup=False)
            yield Static(id="status", markup=False)
            yield Static(id="eyes-keys", markup=False)  # the eyes-closed view's few keys
            yield KeysFirstFooter(palette_from=PALETTE_HINT_COLUMNS)

    def on_resize(self) -> None:
        room = self._tempo_in_footer()
        if room is not self._tempo_shown:  # "- + Tempo" in the footer where it fits...
            self._tempo_shown = room
            self.refresh_bindings()
            self._show_status()  # ...or named on the status line

    def on_mount(self) -> None:
        self.query_one(Pacer).hold_still(self.still or self.eyes_closed)
        self.watch(self.app, "theme", self._theme_changed, init=False)
        self.set_class(self.still, "-still")
        self._show_eyes_keys()
        # Opened before the session can start, so the call that starts it writes its row
        # too: from its first frame on, a `kill -9` finds the session recorded. (Opened
        # after the first frame, as it was, the row came when Textual got round to it, or
        # when a busy history file let it, with the session already running.)
        self.open_recorder()
        if self.voice_on:
            self._start_voice(self.options)
        if self.wait_for_sound is not None:
            # Opening the device and loading the cues takes a moment (usually well under
            # a second): the session waits for it, so that the start bells and the first
            # breath are heard, but never long; without sound by then, it starts silent.
            self._line("#status", "getting the sound ready…")
            self.set_timer(SOUND_WAIT_SECONDS, self._sound_waited)
            self.wait_for_sound(self._sound_ready)
        self._begin_when_ready()

    def _sound_ready(self) -> None:
        self._sound_settled = True
        self.refresh_bindings()  # `m` and `v` now know whether anything can sound
        self._show_status()
        self._begin_when_ready()

    def _sound_waited(self) -> None:
        """The sound did not come in time: begin silent. The voice waits for the sound,
        so it has not started either; if it comes later it speaks from then on."""
        if not self._sound_settled:
            self._sound_settled = True
            self._voice_pending = False
            self._begin_when_ready()

    def _begin_when_ready(self) -> None:
        """Begin once the sound is settled and, if a voice is starting, once the phrases
        of its first minute are ready (or `space` said not to wait)."""
        if self.session.state is not SessionState.READY or not self.is_attached:
            return  # begun already, or stopped while waiting
        if not self._sound_settled:
            return
        if self._voice_pending and not self._start_anyway:
            self._show_preparing()
            return
        self._end_preparing()
        self._apply(self.session.start())
        self._show_eyes_keys()
        self.sync()
        self.refresh_bindings()  # the session's keys, now that it runs
        self.post_message(self.Began())

    @property
    def waiting(self) -> bool:
        """Whether the session waits for its voice, the waiting screen showing."""
        return self.has_class("-preparing") and self.session.state is SessionState.READY

    def _show_preparing(self) -> None:
        """Wait for the voice: a word on the status line at once, and the waiting screen
        (what is being made, how far it is, how to start at once) if it takes a while."""
        if self._preparing_timer is None:
            self._line("#status", "getting the voice ready…")
            self._preparing_timer = self.set_interval(
                PREPARING_CHECK_SECONDS, self._check_preparation
            )
            self.set_timer(PREPARING_SHOWN_AFTER_SECONDS, self._reveal_preparing)
        self._check_preparation()

    def _reveal_preparing(self) -> None:
        if self._preparing_timer is None or self.has_class("-preparing"):
            return  # begun meanwhile
        self.add_class("-preparing")
        if self.guide is None:  # the engine is being opened: the bar moves without a count
            self.query_one("#preparing-bar", ProgressBar).update(total=None)
        self._line("#status", "")
        self.refresh_bindings()  # space: Start now; q: Leave

    def _check_preparation(self) -> None:
        guide = self.guide
        if guide is None:
            return  # the engine is being opened: the bar moves without a count
        progress = guide.preparation.progress()
        bar = self.query_one("#preparing-bar", ProgressBar)
        bar.update(total=max(1, progress.needed), progress=progress.ready)
        self._line(
            "#preparing-line",
            f"Preparing the voice…  {progress.ready} of {progress.needed} phrases",
        )
        if guide.preparation.first_minute.is_set():
            self._voice_pending = False
            self._begin_when_ready()

    def _end_preparing(self) -> None:
        if self._preparing_timer is not None:
            self._preparing_timer.stop()
            self._preparing_timer = None
        bar = self.query_one("#preparing-bar", ProgressBar)
        if bar.total is None:  # its stripes stop: hidden, they would still wake the app
            bar.update(total=1, progress=0)
        if self.has_class("-preparing"):
            self.remove_class("-preparing")
            self.refresh_bindings()

    # -- driving the engine --

    def sync(self) -> None:
        """Take in whatever is due now, refresh the changing texts, set the next timer."""
        self._apply(self.session.poll())
        self._speak_due()
        self._sound_count()
        self._show_clock_texts()
        self._schedule()

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._wake_at = None
        self._hand_cues_ahead()
        if self.session.state is not SessionState.RUNNING:
            return
        now = self.clock()
        wake = [self.session.next_deadline() or now]
        segment = self.session.current_segment()
        if segment is not None:  # the next number of the countdown
            position = self.session.position_ms()
            change = segment.next_count_change(position)
            if change is not None:
                wake.append(now + change - position)
        counts = self._counts_to_come()
        if counts:
            wake.append(counts[0][1])
        self._wake_at = min(wake)  # on the session's clock
        delay = max(0, self._wake_at - now) / 1000  # the event loop's timers take seconds
        # The event loop's own timer, not Textual's set_timer: in Textual 8.2 a one-shot
        # timer of 0 s dies of a ZeroDivisionError and one of a few microseconds can be
        # skipped, and either would stop the session for good.
        self._timer = asyncio.get_running_loop().call_later(delay, self._wake)

    def _wake(self) -> None:
        self._timer = None
        self.sync()

    def _hand_cues_ahead(self) -> None:
        """Hand the cues of the next boundaries (and soft counts) to the player with their
        moments, to start on their frames however late this loop wakes; withdraw them
        when the session pauses, skips, ends or is muted (breathe.audio.ahead). Only on
        the real clock: the player's moments are on it."""
        player = self.voice.player if self.voice is not None else None
        now = self.clock()
        deadline = self.session.next_deadline()
        segment = self.session.current_segment()
        sounding = not self.muted and self.play_cues is not None
        on_time = deadline is not None and self.clock is monotonic_ms
        wanted = (
            self._ahead.wanted(self.session, self._counts_to_come(), now)
            if sounding and on_time
            else {}
        )
        since = now if deadline is None or segment is None else deadline - segment.duration_ms
        self._ahead.hand(player, wanted, now=now, since=since)

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._ahead.withdraw(self.clock())  # the player stays, for the next session
        if self.guide is not None:
            self.guide.stop(timeout=0)  # the worker ends after the phrase it is making
        self.end_now()  # the app quit (or was told to) mid-session: record it as stopped

    def end_now(self) -> SessionEnded | None:
        """Stop the session at once and record it, without a screen change (for quitting
        and signals). None if it had already ended."""
        events = self.session.stop()
        self.open_recorder()  # ended before it was mounted: record it all the same
        self._record(events)
        ended = [event for event in events if isinstance(event, SessionEnded)]
        return ended[-1] if ended else None

    def _record(self, events: list[Event]) -> None:
        if self._open_recorder is not None:
            self._unrecorded.append(events)
        elif self.recorder is not None:
            self.recorder.observe(events, self.session)

    def open_recorder(self) -> None:
        """Open the history's recorder now (if it was given as a function) and record what
        has happened so far."""
        opener, self._open_recorder = self._open_recorder, None
        if opener is None:
            return
        self.recorder = opener()
        batches, self._unrecorded = self._unrecorded, []
        for events in batches:
            self._record(events)

    def _apply(self, events: list[Event]) -> None:
        # Cues first: they are due now, at the deadline this call was scheduled for.
        if events and self.play_cues is not None and not self.muted:
            self.play_cues(self._ahead.to_play(events, self.timeline, self.clock()))
        self._record(events)
        for event in events:
            if isinstance(event, StepStarted):
                self._show_step(event.step)
            elif isinstance(event, SegmentStarted):
                if self._tempo_lands is not None and event.index >= self._tempo_lands:
                    self._tempo_lands = None  # the new tempo has begun
                    self._show_status()
                self._show_segment(event.segment, event.deadline)
            elif isinstance(event, Paused):
                self._paused_at = self.clock()
                self.query_one(Pacer).freeze(self._paused_at)
                self.add_class("-paused")
                self._show_big_phase()
                self._colour_phase()
                self._show_status()
                self.refresh_bindings()  # space: Go on
            elif isinstance(event, Resumed):
                if self._paused_at is not None:
                    self.query_one(Pacer).thaw(self.clock() - self._paused_at)
                self._paused_at = None
                self.remove_class("-paused")
                self._show_big_phase()
                self._colour_phase()
                self._show_status()
                self.refresh_bindings()  # space: Pause
            elif isinstance(event, SessionEnded):
                if self._timer is not None:
                    self._timer.cancel()
                    self._timer = None
                self.dismiss(event)
                return

    def _counts_to_come(self) -> list[tuple[int, int]]:
        """With closed eyes: the current segment's soft counts not sounded yet, each as
        (timeline ms, clock time). The times come from the engine's deadline for the end of
        the segment, so they move with pauses and skips exactly as the boundaries do."""
        if not self.options.eyes_closed:
            return []
        segment = self.session.current_segment()
        boundary = self.session.next_deadline()  # the end of `segment`, on the clock
        if segment is None or boundary is None:
            return []
        index, done = self._counted
        after = done if index == self.session.current_segment_index() else -1
        return [
            (ms, boundary - (segment.end_ms - ms)) for ms in count_offsets(segment) if ms > after
        ]

    def _sound_count(self) -> None:
        """Sound the soft count whose time has come (one, however late the wake-up)."""
        now = self.clock()
        due = [(ms, at) for ms, at in self._counts_to_come() if at <= now]
        index = self.session.current_segment_index()
        if not due or index is None:
            return
        self._counted = (index, due[-1][0])
        segment = self.timeline.segments[index]
        if self._ahead.count_handed(due[-1][1]):
            return  # handed ahead: sounding on its frame
        if self.play_cues is not None and not self.muted:
            tick = count_cue(self.timeline, segment)
            if tick is not None:
                self.play_cues([tick])

    # -- the voice --

    def _start_voice(self, options: PlayOptions) -> None:
        """Ask for the voice (once): the guide comes to `_voice_ready`, or None."""
        if self.voice is None or self._voice_asked:
            return
        self._voice_asked = True
        self._voice_options = options
        self._voice_pending = self.session.state is SessionState.READY
        self.voice.start_voice(self.timeline, options, self._voice_ready)

    def _voice_ready(self, guide: Guide | None) -> None:
        """The voice's phrases are being made (None: no voice will come). Before the
        session begins, it waits for the first minute's; from then on, each phrase is
        said at its moment."""
        if not self.is_attached:
            if guide is not None:
                guide.stop(timeout=0)
            return
        if guide is None:
            self._voice_pending = False
            if self._voice_turned_on:  # `v` asked for it, and there is none to hear
                self.voice_on = False
                self._note = "no voice can speak here"
                self._show_status()
                self.refresh_bindings()
            self._begin_when_ready()
            return
        self.guide = guide
        if self._voice_reseek:  # what was said before the tempo changed is not said again
            self._voice_reseek = False
            guide.seek(self.session.position_ms())
        if self.session.state is SessionState.READY:
            if guide.preparation.first_minute.is_set():  # a warm cache: no wait at all
                self._voice_pending = False
            self._begin_when_ready()
            return
        self._speak_due()  # a phrase whose moment passed just now is said if not late

    @property
    def voice_heard(self) -> bool:
        """Whether a phrase said now would be heard: a voice on, not muted."""
        return self.voice is not None and self.voice_on and not self.muted

    def _speak_due(self) -> None:
        """Say the phrases whose moment has come (each once; one not ready is left out)."""
        guide = self.guide
        if guide is None or self.session.state not in (SessionState.RUNNING, SessionState.FINISHED):
            return  # not begun, or paused: the phrases wait for their moments
        for _, sound in guide.due(self.session.position_ms()):
            if self.voice_heard:
                self._say(sound)

    def _say(self, sound: Sound) -> None:
        assert self.voice is not None
        self.voice.speak(sound)
        self._voice_quiet_at = self.clock() + round(sound.seconds * 1000)

    def _say_aside(self, text: str) -> None:
        """Say `text` (Paused, Go on) now, if it is ready and would collide with nothing:
        not over a phrase still being said, not into the next one; else nothing."""
        guide = self.guide
        if guide is None or not self.voice_heard:
            return
        if self.clock() < self._voice_quiet_at + VOICE_GAP_MS:
            return
        sound = guide.aside(text, self.session.position_ms())
        if sound is not None:
            self._say(sound)

    def _voice_seek(self) -> None:
        """After a skip, going back or a restart: the phrases from here on are due again."""
        if self.guide is not None:
            self.guide.seek(self.session.position_ms())
            self._speak_due()

    # -- showing --

    def _line(self, selector: str, text: str) -> None:
        """Show `text` in a one-line Static (its size is fixed: no layout), if it changed."""
        if self._lines.get(selector) != text:
            self._lines[selector] = text
            self.query_one(selector, Static).update(text, layout=False)

    def _show_step(self, step: TimelineStep) -> None:
        title = step.title
        if step.rounds:
            title += "  ·  " + ", ".join(f"round {n} of {of}" for n, of in step.rounds)
        self.query_one("#step-title", Static).update(title)
        self.query_one("#instructions", Static).update(step.instructions.strip())
        self._step_start_ms = step.start_ms
        self._fold_instructions(False)
        self._line("#pose-name", step.title)
        following = (
            self.timeline.steps[step.index + 1]
            if step.index + 1 < len(self.timeline.steps)
            else None
        )
        self.query_one("#next-up", Static).update(
            f"Next: {following.title}" if following else "Last step"
        )

    def _show_segment(self, segment: Segment, deadline: int) -> None:
        breath = segment.kind in BREATH_KINDS
        pacer = self.query_one(Pacer)
        pacer.show(Breath(segment.kind, deadline, segment.duration_ms) if breath else None)
        if self.session.state is SessionState.PAUSED:
            pacer.freeze(self._paused_at if self._paused_at is not None else self.clock())
        self.set_class(not breath, "-countdown")
        phase = self.query_one("#phase", Static)
        for kind in SegmentKind:
            phase.set_class(kind is segment.kind, f"-{kind.value}")
        side = f"  ·  {segment.side} side" if segment.side else ""
        self._phase_words = PHASE_WORDS[segment.kind] + side
        self._phase_kind = segment.kind
        self._colour_phase()
        self._show_big_phase()
        cycle = ""
        if segment.cycle and segment.cycles:
            cycle = f"breath {segment.cycle} of {segment.cycles}"
        self._line("#cycle", cycle)

    def _fold_instructions(self, folded: bool) -> None:
        """A step's instructions in full (its first seconds), or folded to a few lines
        that scroll, a scrollbar showing there is more: never cut silently."""
        box = self.query_one("#instructions-box", VerticalScroll)
        if box.has_class("-folded") != folded:
            box.set_class(folded, "-folded")
            box.scroll_home(animate=False)

    def _theme_changed(self) -> None:
        self._colour_phase()
        self._lines.pop("#phase-bar", None)
        self._show_clock_texts()

    def _colour_phase(self) -> None:
        """The phase's words in the orb's colour for the phase (the theme's text colour
        for a pose, a rest, and while paused)."""
        kind = self._phase_kind
        colours = phase_colours(self.app.theme_variables)
        paused = self.session.state is SessionState.PAUSED
        colour = None if paused or kind is None else colours.get(kind)
        phase = self.query_one("#phase", Static)
        if phase.styles.color != colour:
            phase.styles.color = colour

    def _show_phase_bar(self, done: float) -> None:
        """Reduced motion's bar for the phase: its share done, in the phase's colour."""
        bar = self.query_one("#phase-bar", Static)
        width = bar.size.width
        filled = min(width, max(0, round(width * done)))
        key = f"{filled}/{width}/{self._phase_kind}"
        if self._lines.get("#phase-bar") == key:
            return
        self._lines["#phase-bar"] = key
        variables = self.app.theme_variables
        colour = phase_colours(variables).get(self._phase_kind or SegmentKind.INHALE)
        background = Color.parse(variables.get("background", "#000000"))
        track = background.blend(Color.parse(variables.get("foreground", "#E0E0E0")), 0.25)
        text = Text("━" * filled, style=Style(color=(colour or track).rich_color))
        text.append("━" * (width - filled), style=Style(color=track.rich_color))
        bar.update(text, layout=False)

    def _show_big_phase(self) -> None:
        """The eyes-closed view's phase word (kept up to date in either view: it is one
        line, and the view may change at any moment)."""
        paused = self.session.state is SessionState.PAUSED
        self._line("#big-phase", "Paused" if paused else self._phase_words)

    def _show_clock_texts(self) -> None:
        segment = self.session.current_segment()
        position = self.session.position_ms()
        if segment is not None:
            left_ms = max(0, segment.end_ms - position)
            seconds = segment.count_at(min(position, segment.end_ms))
            breath = segment.kind in BREATH_KINDS
            digits = str(seconds) if breath else format_clock(seconds * 1000)
            if self._lines.get("#countdown") != digits:  # Digits repaints even if equal
                self._lines["#countdown"] = digits
                self.query_one("#countdown", Digits).update(digits)
            words = f"{self._phase_words}  ·  {seconds} s" if breath else self._phase_words
            paused = self.session.state is SessionState.PAUSED
            self._line("#phase", "Paused" if paused else words)
            if self.has_class("-still"):
                self._show_phase_bar(1 - left_ms / segment.duration_ms)
            if position - self._step_start_ms >= INSTRUCTIONS_IN_FULL_MS:
                self._fold_instructions(True)
        # The session bar only when it will look different: it draws half cells, and
        # a ProgressBar repaints at every new value, drawn the same or not.
        bar = self.query_one("#progress", ProgressBar)
        halves = 2 * bar.query_one("#bar").size.width
        step = position * halves // max(1, self.timeline.total_ms) if halves else position
        if self._lines.get("#progress") != str(step):
            self._lines["#progress"] = str(step)
            bar.update(progress=position)
        # Whole seconds, so that elapsed + left always add up to the total shown.
        elapsed_s = position // 1000
        total_s = math.ceil(self.timeline.total_ms / 1000)
        self._line(
            "#times",
            f"{format_clock(elapsed_s * 1000)} of {format_clock(total_s * 1000)}"
            f"  ·  {format_clock((total_s - elapsed_s) * 1000)} left",
        )
        self._show_status()

    def show_note(self, note: str) -> None:
        """A word for the status line (a watched file saved meanwhile), until the next."""
        self._note = note
        self._show_status()

    def show_sound_problem(self, reason: str) -> None:
        """Why there is no sound, on the status line: its first clause (how to get sound
        is told after the session, in the shell or by a notification)."""
        self._sound_note = reason.split(" (", 1)[0]
        self._show_status()
        self.refresh_bindings()  # nothing may sound any more: no Mute to offer

    @property
    def sounding(self) -> str | None:
        """What the cues sound through: "device" (the voice too), "bell" (the terminal's),
        "" (nothing: sound off, or no device and no bell), or None while not known yet."""
        if self.options.sound == "off" or self.play_cues is None:
            return ""
        player = self.voice.player if self.voice is not None else None
        if player is None:
            return None if not self._sound_settled or self.voice is not None else "device"
        if player.can_speak:
            return "device"
        from breathe.audio.playback import BellBackend  # only once the player is open

        return "bell" if isinstance(player.backend, BellBackend) else ""

    def _show_status(self) -> None:
        if self.waiting:
            return  # the waiting screen says what is happening
        words = []
        if self.session.state is SessionState.PAUSED and self.eyes_closed:
            words.append("paused: space to go on")  # the usual view says so in its centre
        if self.muted:
            words.append("muted")
        if not self.voice_on and self._voice_asked:  # turned off by `v`
            words.append("voice off")
        keys_unshown = self.is_attached and not self._tempo_in_footer()
        tempo_at = len(words)
        if self.tempo != 1 or self._tempo_lands is not None or keys_unshown:
            tempo = f"tempo {float(self.tempo):g}×"
            if self._tempo_lands is not None:
                tempo += " from the next breath"
            words.append(tempo + (" (- or +)" if keys_unshown else ""))
        sounding = self.sounding
        if sounding == "bell":
            words.append("cues ring the terminal bell")  # calmly: it is how they sound here
        elif self._sound_note:
            words.append(self._sound_note)
        if cell_len("  ·  ".join(words)) > self.size.width and tempo_at < len(words):
            # Too narrow for all: the tempo's reminder of its keys goes first (the ? panel
            # lists them), then the tempo itself when it is the routine's own; never cut.
            reminder = words[tempo_at].removesuffix(" (- or +)")
            keep = self.tempo != 1 or self._tempo_lands is not None
            words[tempo_at : tempo_at + 1] = [reminder] if keep else []
        line = "  ·  ".join([*words, self._note] if self._note else words)
        if self._note and cell_len(line) > self.size.width:
            line = self._note  # the news whole: the standing words give way to it
        self._line("#status", line)
        self._show_eyes_keys()

    def _show_eyes_keys(self) -> None:
        """The eyes-closed view's footer: the few keys it needs, dim, on one line."""
        if not self.eyes_closed:
            return
        state = self.session.state
        first = {SessionState.READY: "start now", SessionState.PAUSED: "go on"}.get(state, "pause")
        last = "leave" if state is SessionState.READY else "stop"
        self._line("#eyes-keys", f"space {first}  ·  e eyes open  ·  q {last}")

    # -- commands --

    def _command(self, events: list[Event]) -> None:
        self._apply(events)
        if self.is_current or self.session.state in (SessionState.RUNNING, SessionState.PAUSED):
            self._show_clock_texts()
            self._schedule()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer each key for what it does now (see the class docstring); before the
        session begins (waiting for its sound or voice), only Start now, Leave, the view
        and Help. Mute and the voice keys only where something can sound."""
        ready = self.session.state is SessionState.READY
        if action == "start_now":
            return self.waiting
        if action == "leave":
            return ready
        if action == "stop":
            return not ready
        if action == "eyes_closed" and self.waiting:
            return False  # one thing at a time (and room at 40 columns for q Leave)
        if ready and action not in ("toggle_help", "escape", "eyes_closed", "eyes_open"):
            return False
        sounding = self.sounding
        if action in ("tempo", "tempo_unshown"):
            if self.session.state not in (SessionState.RUNNING, SessionState.PAUSED):
                return False
            if (action == "tempo") is not self._tempo_in_footer():
                return False
            direction = parameters[0] if parameters else 0
            if not isinstance(direction, int):
                return False
            return None if next_tempo(self.tempo, direction) is None else True  # dim at a bound
        if action in ("mute", "unmute"):
            return sounding != "" and self.muted is (action == "unmute")
        if action in ("voice_off", "voice_on"):
            if self.voice is None or sounding in ("", "bell"):
                return False
            return self.voice_on is (action == "voice_off")
        if action == "eyes_closed":
            return not self.eyes_closed
        if action == "eyes_open":
            return self.eyes_closed
        if action == "pause":
            return self.session.state is not SessionState.PAUSED
        if action == "resume":
            return self.session.state is SessionState.PAUSED
        return True

    def action_start_now(self) -> None:
        """Begin without waiting for the voice: its phrases not ready are left out."""
        self._start_anyway = True
        self._sound_settled = True
        self._begin_when_ready()

    def action_leave(self) -> None:
        """Leave before the session has begun: nothing was practised, nothing to ask."""
        self._end_preparing()
        self._command(self.session.stop())

    def action_pause(self) -> None:
        self._command(self.session.pause())
        if self.session.state is SessionState.PAUSED:
            from breathe.voice.guide import PAUSED_TEXT

            self._say_aside(PAUSED_TEXT)

    def action_resume(self) -> None:
        self._command(self.session.resume())
        if self.session.state is SessionState.RUNNING:
            from breathe.voice.guide import GO_ON_TEXT

            self._say_aside(GO_ON_TEXT)

    def action_voice_off(self) -> None:
        self._set_voice(False)

    def action_voice_on(self) -> None:
        """The voice on again; started now if it never was (its phrases are made from
        here, and those not ready at their moment are left out)."""
        self._set_voice(True)
        if not self._voice_asked:
            self._voice_turned_on = True
            voice = self.options.voice if self.options.voice != "off" else "auto"
            self._start_voice(replace(self.options, voice=voice))

    def _set_voice(self, on: bool) -> None:
        self.voice_on = on
        if on and self._note == "no voice can speak here":
            self._note = ""
        self._show_status()
        self.refresh_bindings()

    def action_eyes_closed(self) -> None:
        self._set_eyes_closed(True)

    def action_eyes_open(self) -> None:
        self._set_eyes_closed(False)

    def _set_eyes_closed(self, closed: bool) -> None:
        """Switch to the eyes-closed view (dark, large type, no orb) or back."""
        self.eyes_closed = closed
        self.set_class(closed, "-eyes-closed")
        self.query_one(Pacer).hold_still(self.still or closed)
        self._show_eyes_keys()
        self._show_big_phase()
        self.refresh_bindings()

    def action_toggle_help(self) -> None:
        """`?` shows the keys beside the session, and hides them again."""
        if self.query("HelpPanel"):
            self.app.action_hide_help_panel()
        else:
            self.app.action_show_help_panel()

    def action_next_step(self) -> None:
        self._command(self.session.next_step())
        self._voice_seek()

    def action_previous_step(self) -> None:
        self._command(self.session.previous_step())
        self._voice_seek()

    def action_restart_step(self) -> None:
        self._command(self.session.restart_step())
        self._voice_seek()

    def _tempo_in_footer(self) -> bool:
        """Whether the footer has room for "- + Tempo" (TEMPO_IN_FOOTER_COLUMNS)."""
        sounding = self.sounding
        needed = TEMPO_IN_FOOTER_COLUMNS
        if sounding != "":  # `m` is offered
            needed += MUTE_KEY_COLUMNS
        if self.voice is not None and sounding not in ("", "bell"):  # `v` is offered
            needed += VOICE_KEY_COLUMNS
        return self.app.size.width >= needed

    def action_tempo_unshown(self, direction: int) -> None:
        """The tempo keys where the footer has no room to show them."""
        self.action_tempo(direction)

    def action_tempo(self, direction: int) -> None:
        """One step slower (-1) or faster (1), from the next breath on (see the module)."""
        tempo = next_tempo(self.tempo, direction)
        if tempo is None or self.session.state not in (SessionState.RUNNING, SessionState.PAUSED):
            return
        self._apply(self.session.poll())  # where the session really is, first
        if self.session.state not in (SessionState.RUNNING, SessionState.PAUSED):
            return  # it ended just now
        first = next_breath(self.timeline, self.session.current_segment_index())
        timeline = retempo_from(self.base, self.timeline, tempo, first)
        self._apply(self.session.change_timeline(timeline))
        self.timeline = timeline
        self.tempo = tempo
        self._tempo_lands = first if first < len(timeline.segments) else None
        self.query_one("#progress", ProgressBar).update(total=max(1, timeline.total_ms))
        self._lines.pop("#progress", None)  # its half cells are of another length now
        self._restart_voice()
        if self.on_tempo is not None:
            problem = self.on_tempo(tempo)
            if problem is not None:
                self.notify(
                    problem, title="Not remembered", severity="warning", timeout=10, markup=False
                )
        self._show_clock_texts()
        self._schedule()
        self.refresh_bindings()  # `-` or `+` dims at a bound

    def _restart_voice(self) -> None:
        """The voice again for the retimed session: its phrases from here on, at their new
        moments (those already made come from the cache at once)."""
        if self.guide is None:
            return
        self.guide.stop(timeout=0)
        self.guide = None
        self._voice_asked = False
        self._voice_reseek = True
        self._start_voice(self._voice_options)

    def action_mute(self) -> None:
        self._set_muted(True)

    def action_unmute(self) -> None:
        self._set_muted(False)

    def _set_muted(self, muted: bool) -> None:
        self.muted = muted
        self._hand_cues_ahead()  # muted: what was handed ahead is taken back
        self._show_status()
        self.refresh_bindings()

    def action_escape(self) -> None:
        """Escape closes the help panel if it is open; otherwise it stops, as `q` does."""
        if self.query("HelpPanel"):
            self.app.action_hide_help_panel()
        elif self.session.state is SessionState.READY:
            self.action_leave()
        else:
            self.action_stop()

    def action_stop(self) -> None:
        """Ask first; the session waits, paused, for the answer."""
        was_running = self.session.state is SessionState.RUNNING
        self._command(self.session.pause())
        if self.session.state is not SessionState.PAUSED:
            return  # it ended while we looked

        def answered(stop: bool | None) -> None:
            if stop:
                self._command(self.session.stop())
            elif was_running:
                self._command(self.session.resume())

        from breathe.ui.screens.confirm import ConfirmStop  # only when asked to stop

        self.app.push_screen(ConfirmStop(self.session.practised_ms()), answered)
