"""The one calm line that says why the cues do not play through a sound device, and where
to read more: said once (the state file remembers the reason said, see
`breathe.library.state`), again only when the reason changes.

The reason comes from `breathe.audio.playback.open_backend` as "no sound: WHY", with
"; the terminal bell rings the cues instead" when `auto` fell back to the bell. Falling back
to the bell is not a failure: the cues still sound, so the line says so first, calmly
("Cues ring the terminal bell"), and what is missing only after it. Any command in WHY was
written for this person's own Python (breathe.core.paste), so it works pasted.
"""

from __future__ import annotations

from breathe.core.paste import breathe_command

NO_SOUND = "no sound: "
BELL_INSTEAD = "; the terminal bell rings the cues instead"


def sound_line(reason: str) -> str:
    """`reason` as one calm sentence: what the cues do now, then why, then where to read."""
    why = reason.removeprefix(NO_SOUND)
    if why.endswith(BELL_INSTEAD):
        now = "Cues ring the terminal bell"
        why = why.removesuffix(BELL_INSTEAD)
    else:
        now = "Cues are silent"
    return f"{now}: {why}. See `{breathe_command('play', '--help')}` (--sound)."


def sound_headline(reason: str) -> str:
    """What the cues do now, in a few words, for a terminal too small for the whole line."""
    return sound_line(reason).split(":", 1)[0]
