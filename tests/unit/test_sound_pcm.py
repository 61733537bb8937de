"""Loudness arithmetic and the mixer that feeds the audio device, without any device."""

from __future__ import annotations

import array
import math

import pytest

from coach.sound.pcm import FADE_SECONDS, SAMPLE_RATE, Mixer, amplitude, fade_out, gain_db, scale


def pcm(*values: int) -> bytes:
    return array.array("h", values).tobytes()


def values(data: bytes) -> list[int]:
    out = array.array("h")
    out.frombytes(data)
    return out.tolist()


@pytest.mark.parametrize(("volume", "factor"), [(0, 0.0), (50, 0.25), (100, 1.0), (-5, 0.0),
                                                (150, 1.0)])
def test_volume_is_squared_and_clamped(volume: int, factor: float) -> None:
    assert amplitude(volume) == factor


def test_gain_in_decibels() -> None:
    assert gain_db(100) == 0.0
    assert gain_db(50) == pytest.approx(-12.04, abs=0.01)
    assert gain_db(0) == -math.inf


def test_scale_leaves_full_volume_alone_and_scales_otherwise() -> None:
    samples = array.array("h", [1000, -2000, 32767])
    assert scale(samples, 100) == samples.tobytes()
    assert values(scale(samples, 50)) == [250, -500, 8191]
    assert values(scale(samples, 0)) == [0, 0, 0]


def test_fade_out_ramps_to_silence() -> None:
    faded = values(fade_out(pcm(*[10000] * 10)))
    assert faded[0] > 8000 and faded[-1] < 1000
    assert faded == sorted(faded, reverse=True)
    assert fade_out(b"\x01") == b""


def test_mixer_plays_silence_until_loaded() -> None:
    mixer = Mixer()
    assert mixer.finished.is_set()
    assert mixer.chunk(4) == bytes(8)


def test_mixer_plays_a_sound_then_silence() -> None:
    mixer = Mixer()
    mixer.load(pcm(1, 2, 3, 4, 5))
    assert not mixer.finished.is_set()
    assert values(mixer.chunk(3)) == [1, 2, 3]
    assert values(mixer.chunk(3)) == [4, 5, 0]
    assert mixer.finished.is_set()
    assert values(mixer.chunk(2)) == [0, 0]


def test_a_new_sound_cuts_the_old_one_with_a_short_fade() -> None:
    mixer = Mixer()
    fade = round(SAMPLE_RATE * FADE_SECONDS)
    mixer.load(pcm(*[10000] * (fade * 4)))
    mixer.chunk(fade)
    mixer.load(pcm(*[7] * 5))
    out = values(mixer.chunk(fade + 5))
    tail, new = out[:fade], out[fade:]
    assert tail[0] > 9000 and tail[-1] < 200
    assert new == [7] * 5


def test_the_generator_feeds_what_the_device_asks_for() -> None:
    mixer = Mixer()
    mixer.load(pcm(9, 9))
    stream = mixer.stream()
    assert values(stream.send(3)) == [9, 9, 0]
    assert len(stream.send(100)) == 200


def test_chunk_never_raises() -> None:
    mixer = Mixer()
    mixer._pcm = None  # type: ignore[assignment]  # as if broken mid-flight
    assert mixer.chunk(2) == bytes(4)
