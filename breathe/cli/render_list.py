"""`breathe render ROUTINE --list`: what the voice will say in the track, and when, without
making a sound or writing a file.

It answers at once: nothing is synthesised and no voice is loaded. Each phrase's length
is its real one where the phrase cache holds it (a session or a render made it before),
else the estimate the script plans with (marked `~`); a render plans again with the real
lengths, so where estimates were used it can say a little more, never less. A teacher's
own recording (`say:` a WAV) is shown as the recording, with its exact length, read from
its header.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from rich.text import Text

from breathe.cli.console import stdout_console
from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS
from breathe.cli.routines import named_timeline
from breathe.core.durations import format_clock
from breathe.core.timeline import Timeline, with_tempo
from breathe.core.words import counted
from breathe.format.spec import shown

if TYPE_CHECKING:
    from breathe.voice.script import Phrase


def run_render_list(name_or_path: str, tempo: Fraction, *, eyes_closed: bool, voice: str) -> int:
    found = named_timeline("render", name_or_path)
    if found is None:
        return EXIT_PROBLEMS
    timeline = with_tempo(found[2], tempo)
    for line in spoken_listing(timeline, voice, eyes_closed=eyes_closed):
        stdout_console().print(line)
    return EXIT_OK


def clock(ms: int) -> str:
    """`01:05.3`: a moment on the track, to the tenth of a second (mm:ss.s)."""
    tenths = max(0, ms) // 100
    minutes, tenths = divmod(tenths, 600)
    return f"{minutes:02d}:{tenths // 10:02d}.{tenths % 10}"


def seconds(ms: int) -> str:
    return f"{ms / 1000:.1f}s"


def said(phrase: Phrase) -> str:
    """What a phrase says, for the listing: its words, or which recording plays."""
    if phrase.recording is not None:
        return f"[recording: {shown(phrase.text)}]"  # the path as the routine writes it
    return shown(phrase.text)


def spoken_listing(timeline: Timeline, voice: str, *, eyes_closed: bool) -> list[Text]:
    """The lines of the listing: a heading, one line per phrase, then what is left out."""
    from breathe.voice.engines import open_engine
    from breathe.voice.script import ScriptOptions, estimate_ms, plan_script

    choice = open_engine(voice)
    known: dict[str, int] = {}  # the real lengths, from the cache
    if choice.engine is not None:
        from breathe.voice.cache import PhraseCache

        cache = PhraseCache(choice.engine)

        def duration_of(text: str) -> int:
            length = cache.duration_ms(text)
            if length is None:
                return estimate_ms(text)
            known[text] = length
            return length

        speaker = f"{choice.engine.name} {choice.engine.voice}".strip()
    else:
        duration_of = estimate_ms
        speaker = "no voice" if voice != "off" else "the voice is off"
    script = plan_script(timeline, ScriptOptions(count_breaths=eyes_closed), duration_of)
    phrases = script.phrases

    def exact(phrase: Phrase) -> bool:
        return phrase.recording is not None or phrase.text in known

    estimated = sum(1 for phrase in phrases if not exact(phrase))
    recorded = any(phrase.recording is not None for phrase in phrases)
    lines = [
        Text(
            f"{shown(timeline.title)} ({format_clock(timeline.total_ms)}): "
            f"{counted(len(phrases), 'phrase')}, {speaker}; "
            + (
                ("every length exact" if recorded else "every length from the phrase cache")
                if not estimated
                else f"{counted(estimated, 'length')} estimated (~)"
            )
        )
    ]
    for phrase in phrases:
        mark = " " if exact(phrase) else "~"
        length = f"{mark}{seconds(phrase.duration_ms)}".rjust(7)
        lines.append(Text(f"  {clock(phrase.at_ms)} {length}  {said(phrase)}"))
    if script.overruns:
        lines.append(Text("Said shorter or left out (breathe validate warns of each):"))
        for overrun in script.overruns:
            step = timeline.steps[overrun.step_index]
            lines.append(
                Text(
                    f"  step {overrun.step_index + 1} `{shown(step.title)}`, "
                    f"{overrun.kind.value}: `{shown(overrun.text)}`: {overrun.describe()}"
                )
            )
    if choice.engine is None:
        hint = (
            '--voice auto (or voice = "auto" in the settings file) puts it in the track'
            if voice == "off"
            else choice.notice or "no voice can speak here"
        )
        if recorded:  # a recording plays without a speech engine (voice.guide)
            lines.append(Text(f"Only the recordings are in the track: {hint}", style="hint"))
        else:
            lines.append(Text(f"Nothing of this is in the track: {hint}", style="hint"))
    elif estimated:
        lines.append(
            Text(
                "~: estimated from the text (not yet made); a render makes each phrase and "
                "places it by its real length",
                style="hint",
            )
        )
    return lines
