"""The Textual app through App.run_test() and Pilot, and its snapshots."""
