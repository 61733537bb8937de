"""Raw 16-bit mono samples: loudness and the stream an audio device pulls from.

Kept free of any audio library so the arithmetic can be tested on its own.
"""

from __future__ import annotations

import array
import math
import sys
import threading
from collections.abc import Generator

SAMPLE_RATE = 22050
"""Rate of the built-in cues; other files are converted to it when loaded."""
SAMPLE_WIDTH = 2
FADE_SECONDS = 0.006
"""A cue cut short by the next one fades out this fast: quick, but no click."""
_ONE = 1 << 16
_HALF = 1 << 15
_FLIP_TOP_BIT = bytes(value ^ 0x80 for value in range(256))


def amplitude(volume: int) -> float:
    """Sample factor for a 0–100 volume.

    Squared, because loudness is heard logarithmically: 50 is about -12 dB, 10 is -40 dB,
    so the low end of the range stays usable instead of jumping from silent to loud.
    """
    volume = max(0, min(100, volume))
    return (volume / 100) ** 2


def gain_db(volume: int) -> float:
    """The same curve in decibels (``-inf`` for 0), for listings."""
    factor = amplitude(volume)
    return 20 * math.log10(factor) if factor > 0 else -math.inf


def scale(samples: array.array[int], volume: int) -> bytes:
    """Samples at ``volume``, as bytes ready for the device: each is ``floor(s * k / 2**16)``
    for the factor ``k / 2**16`` nearest to :func:`amplitude`.

    No Python code runs per sample. The samples are made unsigned (``s + 2**15``, which is
    flipping the top bit of each high byte) and spread one per 32-bit field of a single big
    integer; one multiplication by ``k`` and one addition scale every field at once, since
    no field can carry into the next (``u * k + c < 2**32``); the top 16 bits of each field
    are the results, unsigned, and flipping their top bit again makes them signed. Every
    step is a C loop over bytes (slicing, ``translate``, ``int.from_bytes``), so a cue of a
    million samples takes milliseconds.
    """
    factor = amplitude(volume)
    data = samples.tobytes()
    if factor >= 1.0:
        return data
    k = round(factor * _ONE)
    count = len(data) // SAMPLE_WIDTH
    if k == 0 or count == 0:
        return bytes(count * SAMPLE_WIDTH)
    low, high = (0, 1) if sys.byteorder == "little" else (1, 0)
    wide = bytearray(4 * count)
    wide[0::4] = data[low::2]
    wide[1::4] = data[high::2].translate(_FLIP_TOP_BIT)
    offset = (_HALF * (_ONE - k)).to_bytes(4, "little") * count
    total = int.from_bytes(wide, "little") * k + int.from_bytes(offset, "little")
    result = total.to_bytes(4 * count, "little")
    out = bytearray(2 * count)
    out[low::2] = result[2::4]
    out[high::2] = result[3::4].translate(_FLIP_TOP_BIT)
    return bytes(out)


def fade_out(pcm: bytes) -> bytes:
    """A straight ramp down to silence over the whole of ``pcm``."""
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % SAMPLE_WIDTH])
    count = len(samples)
    for i in range(count):
        samples[i] = samples[i] * (count - i) // (count + 1)
    return samples.tobytes()


class Mixer:
    """The one sound playing now, fed to the device in the chunks it asks for.

    The device's own thread calls :meth:`chunk`; the player's thread calls :meth:`load`.
    Loading a new sound while one plays fades the old one out over a few milliseconds and
    goes on with the new one, so a cue cut short ends cleanly.
    """

    def __init__(self, sample_rate: int = SAMPLE_RATE) -> None:
        self._lock = threading.Lock()
        self._pcm = memoryview(b"")
        self._pos = 0
        self._fade_bytes = max(1, round(sample_rate * FADE_SECONDS)) * SAMPLE_WIDTH
        self.finished = threading.Event()
        """Set while nothing is playing."""
        self.finished.set()

    def load(self, pcm: bytes) -> None:
        with self._lock:
            tail = bytes(self._pcm[self._pos : self._pos + self._fade_bytes])
            self._pcm = memoryview(fade_out(tail) + pcm)
            self._pos = 0
            if self._pcm:
                self.finished.clear()
            else:
                self.finished.set()

    def chunk(self, frames: int) -> bytes:
        """Exactly ``frames`` frames: the sound playing, then silence.

        Never raises: an exception here would surface on the audio library's thread, where
        it would be printed on the terminal.
        """
        size = max(0, frames) * SAMPLE_WIDTH
        try:
            with self._lock:
                if self._pos >= len(self._pcm):
                    return bytes(size)
                part = bytes(self._pcm[self._pos : self._pos + size])
                self._pos += len(part)
                if self._pos >= len(self._pcm):
                    self.finished.set()
            return part + bytes(size - len(part))
        except Exception:
            return bytes(size)

    def stream(self) -> Generator[bytes, int, None]:
        """A started generator in the shape miniaudio's playback device expects."""

        def feed() -> Generator[bytes, int, None]:
            frames = yield b""
            while True:
                frames = yield self.chunk(frames)

        generator = feed()
        next(generator)
        return generator
