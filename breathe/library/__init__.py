"""The library on disk: routines, programs, settings, state, sharing and watched files."""
