"""Sound: which cues a session sounds, their tracks, and the playback backends."""
