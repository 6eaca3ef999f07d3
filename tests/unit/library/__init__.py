"""The library on disk: catalogs, settings, state, sharing, scaffolds."""
