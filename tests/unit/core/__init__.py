"""The core: timelines, the engine on the fake clock, programs."""
