"""The voice that guides a session: what is said and when, speech engines, the phrase cache."""
