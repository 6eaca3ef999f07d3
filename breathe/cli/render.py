"""`breathe render ROUTINE -o guide.wav`: the session's cues and the voice's phrases, at
their exact times."""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

from rich.text import Text

from breathe.audio.cue_player import load_sounds
from breathe.audio.cues import timeline_sounds
from breathe.audio.render import render_track
from breathe.cli.console import stdout_console
from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, UsageError
from breathe.cli.routines import named_timeline
from breathe.core.durations import format_clock
from breathe.core.timeline import Timeline, with_tempo
from breathe.format.spec import shown
from breathe.format.wav import Sound


def run_render(
    name_or_path: str,
    output: str,
    tempo: Fraction,
    volume: int,
    *,
    eyes_closed: bool = False,
    force: bool = False,
    voice: str = "off",
    voice_volume: int = 100,
) -> int:
    target = Path(output)
    if target.suffix.lower() != ".wav":
        raise UsageError(f"render: the output must be a .wav file, not {shown(output)}")
    if not target.parent.is_dir():
        raise UsageError(f"render: no such folder: {shown(str(target.parent))}")
    found = named_timeline("render", name_or_path)
    if found is None:
        return EXIT_PROBLEMS
    if (target.exists() or target.is_symlink()) and not force:
        # As `new` and `export`: a file someone made is never replaced without being asked.
        stdout_console().print(
            Text(f"{shown(output)} already exists; nothing was written. ", style="bad")
            + Text("Choose another name, or add --force to replace it.", style="hint")
        )
        return EXIT_PROBLEMS
    timeline = with_tempo(found[2], tempo)
    sounds, problems = load_sounds(timeline_sounds(timeline), volume, mono=True)
    for problem in problems:  # a file changed since the routine was checked
        print(f"breathe: render: {problem}", file=sys.stderr)
    spoken, voice_notice = _spoken(timeline, voice, voice_volume, eyes_closed=eyes_closed)
    partial = target.with_name(target.name + ".partial")
    try:
        samples = render_track(timeline, sounds, partial, eyes_closed=eyes_closed, spoken=spoken)
        partial.replace(target)  # never leave a half-written guide under the real name
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UsageError(
            f"render: cannot write {shown(output)}: {error.strerror or error}"
        ) from None
    summary = f"wrote {shown(str(target))} ({format_clock(samples * 1000 // 44_100)})"
    if voice != "off":
        summary += f", {len(spoken)} phrase{'' if len(spoken) == 1 else 's'} spoken"
    stdout_console().print(Text(summary))
    if voice_notice:
        stdout_console().print(Text(voice_notice, style="hint"))
    _print_safety(timeline)
    return EXIT_OK


def _print_safety(timeline: Timeline) -> None:
    """The routine's safety note (its own, then its includes', each sentence once), after
    the summary: whoever plays the guide from a phone has no screen to show it before the
    first cue, so it is read here. On stderr, as breathe's other notices, so stdout stays
    the one line saying what was written (for scripts)."""
    if not timeline.safety:
        return
    console = stdout_console()
    console.file = sys.stderr
    for note in timeline.safety:
        console.print(Text("Safety: ", style="bold") + Text(note))


def _spoken(
    timeline: Timeline, voice: str, volume: int, *, eyes_closed: bool
) -> tuple[list[tuple[int, Sound]], str | None]:
    """The voice's phrases to mix in, each at its moment, at the voice's volume; and one
    calm line when the voice asked for cannot speak here (with how to get one)."""
    if voice == "off":
        return [], None
    from breathe.audio.playback import at_volume
    from breathe.voice.engines import open_engine
    from breathe.voice.guide import spoken_track
    from breathe.voice.script import ScriptOptions

    choice = open_engine(voice)  # without one, the teachers' own recordings are still mixed in
    said = spoken_track(timeline, choice.engine, ScriptOptions(count_breaths=eyes_closed))
    return [(phrase.at_ms, at_volume(sound, volume)) for phrase, sound in said], choice.notice
