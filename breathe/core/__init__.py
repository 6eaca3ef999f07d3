"""The core: routines and programs as data, their timelines and the session engine.

No UI, no audio, no disk: everything here is plain Python that the layers above use.
"""
