"""breathe: guided breathing and gentle yoga in the terminal."""

__version__ = "0.1.0"
