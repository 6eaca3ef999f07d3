"""The mixer behind miniaudio's one stream: cues sound whole, in the order they come, and
together when they overlap (summed, clipped at full scale), with silence between."""

from __future__ import annotations

from array import array

from breathe.audio.mixer import Mixer, as_stereo
from breathe.format.wav import Sound


def pcm(*values: int) -> bytes:
    return array("h", values).tobytes()


def test_a_mono_sound_plays_on_both_channels_and_stereo_stays_as_it_is() -> None:
    assert as_stereo(Sound(pcm(1, -2, 3), 1, 44_100)) == pcm(1, 1, -2, -2, 3, 3)
    assert as_stereo(Sound(pcm(1, 2, 3, 4), 2, 44_100)) == pcm(1, 2, 3, 4)


def test_nothing_to_play_is_silence() -> None:
    mixer = Mixer()
    assert mixer.idle
    assert mixer.take(3) == bytes(12)
    mixer.add(b"")
    assert mixer.idle


def test_a_sound_plays_whole_then_silence() -> None:
    mixer = Mixer()
    mixer.add(pcm(1, 2, 3, 4, 5, 6))  # three stereo frames
    assert not mixer.idle
    assert mixer.take(2) == pcm(1, 2, 3, 4)
    assert mixer.take(2) == pcm(5, 6, 0, 0)  # its end, then silence
    assert mixer.idle
    assert mixer.take(1) == pcm(0, 0)


def test_a_sound_added_while_another_plays_is_summed_from_the_next_take() -> None:
    mixer = Mixer()
    mixer.add(pcm(10, 10, 20, 20, 30, 30, 40, 40))
    assert mixer.take(1) == pcm(10, 10)
    mixer.add(pcm(1, 2, 3, 4, 5, 6, 7, 8))
    assert mixer.take(2) == pcm(21, 22, 33, 34)
    assert mixer.take(2) == pcm(45, 46, 7, 8)  # the first ended; the second goes on
    assert mixer.take(1) == pcm(0, 0)


def test_a_sum_louder_than_full_scale_is_clipped() -> None:
    mixer = Mixer()
    mixer.add(pcm(30_000, -30_000))
    mixer.add(pcm(10_000, -10_000))
    assert mixer.take(1) == pcm(32_767, -32_768)


def test_clearing_stops_every_sound() -> None:
    mixer = Mixer()
    mixer.add(pcm(1, 1, 2, 2))
    mixer.clear()
    assert mixer.idle and mixer.take(1) == pcm(0, 0)
