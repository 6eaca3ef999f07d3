"""The mixer behind miniaudio's one stream: cues sound whole, in the order they come, and
together when they overlap (summed, clipped at full scale), with silence between; under a
phrase of the voice, the cues are ducked."""

from __future__ import annotations

import itertools
from array import array

from breathe.audio.mixer import (
    DUCK_GAIN,
    DUCK_RAMP_FRAMES,
    DUCK_STEP,
    Mixer,
    as_stereo,
    ducked,
)
from breathe.core.bounds import DUCK_DB
from breathe.format.wav import Sound


def pcm(*values: int) -> bytes:
    return array("h", values).tobytes()


def samples(data: bytes) -> array[int]:
    return array("h", data)


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


def test_sounds_are_summed_whole_then_clipped_not_clipped_along_the_way() -> None:
    """Two loud cues and a third in the opposite phase: what is heard is their sum,
    within full scale, not the first two clipped and then the third taken from that."""
    mixer = Mixer()
    mixer.add(pcm(30_000, -30_000))
    mixer.add(pcm(30_000, -30_000))
    mixer.add(pcm(-30_000, 30_000))
    assert mixer.take(1) == pcm(30_000, -30_000)


def test_cues_under_a_phrase_are_ducked_together_and_summed_with_it() -> None:
    mixer = Mixer()
    mixer.add(pcm(*[1000] * 2 * 2 * DUCK_RAMP_FRAMES), speech=True)
    mixer.add(pcm(*[5_000] * 2 * 2 * DUCK_RAMP_FRAMES))
    mixer.add(pcm(*[-2_000] * 2 * 2 * DUCK_RAMP_FRAMES))
    heard = samples(mixer.take(2 * DUCK_RAMP_FRAMES))
    assert heard[0] == 1000 + int(3_000 * (1 - DUCK_STEP))  # a step down from the first frame
    assert set(heard[2 * DUCK_RAMP_FRAMES :]) == {1000 + int(3_000 * DUCK_GAIN)}


def test_clearing_stops_every_sound() -> None:
    mixer = Mixer()
    mixer.add(pcm(1, 1, 2, 2))
    mixer.clear()
    assert mixer.idle and mixer.take(1) == pcm(0, 0)


def test_a_cue_under_a_phrase_is_ducked_and_at_its_own_level_once_the_phrase_ends() -> None:
    gain = 10 ** (DUCK_DB / 20)
    ramp = DUCK_RAMP_FRAMES
    mixer = Mixer()
    phrase = 3 * ramp  # frames
    mixer.add(pcm(*[1000] * 2 * phrase), speech=True)
    assert mixer.take(1) == pcm(1000, 1000)  # a phrase alone: as it is
    mixer.add(pcm(*[10_000] * 2 * 5 * ramp))  # a cue, longer than the phrase
    under = samples(mixer.take(phrase - 1))  # the rest of the phrase, the cue under it
    ducked_cue = int(10_000 * gain)
    assert ducked_cue == 3981  # -8 dB
    assert set(under[2 * ramp :]) == {1000 + ducked_cue}  # down by the ramp's end
    after = samples(mixer.take(2 * ramp))
    assert set(after[2 * ramp - 2 :]) == {10_000}  # its own level again, to the last bit
    assert after[0] < 10_000  # ...on a ramp up from the phrase's end


def test_ducking_ramps_down_and_up_with_no_step_larger_than_the_ramp_allows() -> None:
    """A steady cue and a phrase of silence: what is heard is the cues' level alone. It
    moves over DUCK_RAMP_MS, a small step a frame; never 10,000 to 3,981 at once."""
    mixer = Mixer()
    mixer.add(pcm(*[10_000] * 2 * 4000))
    heard = samples(mixer.take(500))
    mixer.add(bytes(4 * 1000), speech=True)  # 1000 frames of silence, said
    for _ in range(20):
        heard += samples(mixer.take(150))  # in periods, as a device asks
    left = heard[0::2]
    assert heard[1::2] == left
    steps = [abs(b - a) for a, b in itertools.pairwise(left)]
    assert max(steps) <= 10_000 * DUCK_STEP + 1
    ducked_level = int(10_000 * DUCK_GAIN)
    assert left[499] == 10_000 and left[500] < 10_000  # from the phrase's first frame
    assert left[500 + DUCK_RAMP_FRAMES - 1] == ducked_level  # down by the ramp's end
    assert left[1500 - 1] == ducked_level and left[1500] > ducked_level  # up from its end
    assert left[1500 + DUCK_RAMP_FRAMES - 1] == 10_000 and set(left[1500 + DUCK_RAMP_FRAMES :]) == {
        10_000
    }


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
    level = int(100 * (1 - 3 * DUCK_STEP))  # its third frame under speech
    assert mixer.take(2) == pcm(3 + level, 3 + level, 99, 99)  # and going up again


def test_a_scheduled_sound_starts_on_the_frame_of_its_moment() -> None:
    """The stream says when its next frame sounds; a sound scheduled for a moment starts
    on that moment's frame (44.1 frames a millisecond), in whatever take it falls."""
    mixer = Mixer()
    mixer.set_clock(1_000 * 1_000_000)  # frame 0 sounds at 1 s on the monotonic clock
    mixer.schedule(pcm(7, 7), 1_001)  # one frame, at 1.001 s: frame 44 (44.1, rounded)
    assert not mixer.sounding and mixer.next_start_ms() == 1_001
    assert mixer.take(40) == bytes(160)
    assert mixer.take(10) == bytes(16) + pcm(7, 7) + bytes(20)  # frame 44 = 40 + 4
    assert mixer.idle


def test_a_scheduled_sound_not_begun_can_be_withdrawn_and_one_begun_cannot() -> None:
    mixer = Mixer()
    mixer.set_clock(0)
    later = mixer.schedule(pcm(5, 5), 10)
    sounding = mixer.schedule(pcm(*[9] * 8), 0)
    assert later is not None and sounding is not None
    assert mixer.take(1) == pcm(9, 9)
    assert not mixer.withdraw(sounding)  # it plays on
    assert mixer.withdraw(later)
    assert mixer.take(500) == pcm(9, 9, 9, 9, 9, 9) + bytes(4 * 497)


def test_time_a_device_lost_moves_the_frames_of_what_is_scheduled() -> None:
    """A device that ran dry for 10 ms plays every frame after it 10 ms later: a sound
    scheduled after that keeps its moment, 441 frames earlier in the stream."""
    mixer = Mixer()
    mixer.set_clock(0)
    mixer.schedule(pcm(3, 3), 20)  # frame 882
    mixer.shift_clock(10 * 1_000_000)
    assert mixer.take(441) == bytes(4 * 441)
    assert mixer.take(2) == pcm(3, 3, 0, 0)  # at frame 441: 20 ms, 10 ms of it lost
