"""Sound: cue synthesis, cue tracks and playback backends."""
