"""History: the SQLite store and its figures."""
