"""The mixer behind miniaudio's one stream: cues sound whole, in the order they come, and
together when they overlap (summed, clipped at full scale), with silence between; under a
phrase of the voice, the cues are ducked."""

from __future__ import annotations

from array import array

from breathe.audio.mixer import Mixer, as_stereo, ducked
from breathe.core.bounds import DUCK_DB
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


def test_a_cue_under_a_phrase_is_ducked_and_at_its_own_level_once_the_phrase_ends() -> None:
    gain = 10 ** (DUCK_DB / 20)
    mixer = Mixer()
    mixer.add(pcm(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000), speech=True)  # 4 frames
    assert mixer.take(1) == pcm(1000, 1000)  # a phrase alone: as it is
    mixer.add(pcm(*[10_000] * 10))  # a cue of 5 frames: its first 3 under the phrase
    ducked_cue = int(10_000 * gain)
    assert ducked_cue == 3981  # -8 dB
    assert mixer.take(2) == pcm(*[1000 + ducked_cue] * 4)
    # The phrase ends after one more frame: the cue is at its own level from the next.
    assert mixer.take(2) == pcm(1000 + ducked_cue, 1000 + ducked_cue, 10_000, 10_000)
    assert mixer.take(1) == pcm(10_000, 10_000)
    assert mixer.idle


def test_a_cue_alone_and_cues_together_are_never_ducked() -> None:
    mixer = Mixer()
    mixer.add(pcm(10_000, 10_000))
    assert mixer.take(1) == pcm(10_000, 10_000)
    mixer.add(pcm(10_000, 10_000))
    mixer.add(pcm(5, 5))
    assert mixer.take(1) == pcm(10_005, 10_005)


def test_the_ducked_level_is_declared_once_and_rounds_toward_silence() -> None:
    assert DUCK_DB == -8
    assert list(ducked(array("h", [10_000, -10_000, 1, 0]))) == [3981, -3981, 0, 0]


def test_a_mono_phrase_is_made_stereo_as_it_plays() -> None:
    mixer = Mixer()
    mixer.add(pcm(1, 2, 3), channels=1, speech=True)
    assert mixer.take(2) == pcm(1, 1, 2, 2)
    mixer.add(pcm(100, 100, 100, 100))  # a stereo cue, under the phrase's last frame
    assert mixer.take(2) == pcm(3 + int(100 * 10 ** (DUCK_DB / 20)), 3 + 39, 100, 100)
    assert mixer.idle
