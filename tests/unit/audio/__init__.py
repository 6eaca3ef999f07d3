"""Audio: cues, tracks, renders and playback into the fake ALSA sink."""
