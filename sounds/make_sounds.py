"""Make coach's built-in sound cues: ``python sounds/make_sounds.py [FOLDER]``.

Each cue is a short motif of soft sine tones, shaped so it can be told apart without looking:
``start`` rises, ``end`` falls, ``halfway`` taps twice on one note, ``switch`` swings
high-low-high like a change of side, ``tick`` is a short wooden click, and ``done`` is a
major arpeggio that settles on a chord. Every tone has a quick fade-in (no click) and decays
to silence like a struck bell, and every cue is brought to the same loudness, so no cue
startles and none gets lost.

The output is deterministic (no randomness, fixed 22,050 Hz 16-bit mono), so running the
script again reproduces the shipped files byte for byte; a test checks that. Writes
``<cue>.wav`` into FOLDER, by default the folder of this script.
"""

from __future__ import annotations

import sys
import warnings
import wave
from pathlib import Path

with warnings.catch_warnings():
    # pydub warns about a missing ffmpeg on import; WAV needs no ffmpeg.
    warnings.simplefilter("ignore")
    from pydub import AudioSegment
    from pydub.generators import Sine, Triangle

SAMPLE_RATE = 22050
LOUDNESS_DBFS = -16.0
"""Every cue's average level (RMS); one number keeps them equally loud."""

# Equal-tempered pitches in Hz.
G5, A5, C5, E5, G4 = 783.99, 880.00, 523.25, 659.26, 392.00
C6, D6, E6 = 1046.50, 1174.66, 1318.51


def tone(freq: float, ms: int, *, attack: int = 6, wooden: bool = False) -> AudioSegment:
    """One note: a sine with a touch of its octave for warmth, decaying like a bell.

    ``wooden`` uses a triangle wave instead, whose soft odd harmonics sound like a tap.
    """
    if wooden:
        body = Triangle(freq, sample_rate=SAMPLE_RATE).to_audio_segment(ms, volume=-12.0)
    else:
        body = Sine(freq, sample_rate=SAMPLE_RATE).to_audio_segment(ms, volume=-12.0)
        octave = Sine(freq * 2, sample_rate=SAMPLE_RATE).to_audio_segment(ms, volume=-26.0)
        body = body.overlay(octave)
    return body.fade_in(attack).fade_out(ms - attack)


def motif(notes: list[tuple[int, AudioSegment]], length: int) -> AudioSegment:
    """Place notes (start in ms, sound) on a silent canvas ``length`` ms long."""
    canvas = AudioSegment.silent(duration=length, frame_rate=SAMPLE_RATE)
    for start, note in notes:
        canvas = canvas.overlay(note, position=start)
    return canvas


def chord(freqs: list[float], ms: int) -> AudioSegment:
    """Notes sounded together, each softer so the chord is not much louder than one note."""
    out = tone(freqs[0], ms, attack=10).apply_gain(-6.0)
    for freq in freqs[1:]:
        out = out.overlay(tone(freq, ms, attack=10).apply_gain(-6.0))
    return out


def cues() -> dict[str, AudioSegment]:
    return {
        "start": motif([(0, tone(G5, 150)), (120, tone(C6, 300))], 430),
        "tick": motif([(0, tone(E6, 70, attack=2, wooden=True))], 80),
        "halfway": motif([(0, tone(D6, 160)), (190, tone(D6, 220))], 420),
        "switch": motif([(0, tone(E6, 130)), (120, tone(A5, 130)), (240, tone(E6, 220))], 470),
        "end": motif([(0, tone(C6, 150)), (120, tone(G5, 300))], 430),
        "done": motif(
            [(0, tone(C5, 180)), (120, tone(E5, 180)), (240, tone(G5, 180)),
             (360, chord([C5, E5, G5, C6], 700))],
            1080,
        ),
    }


def level(segment: AudioSegment) -> AudioSegment:
    """Bring a cue to the shared loudness."""
    louder = segment.apply_gain(LOUDNESS_DBFS - segment.dBFS)
    if louder.max_dBFS > -0.5:
        raise ValueError("a cue would clip at the shared loudness; lower LOUDNESS_DBFS")
    return louder


def write_wav(segment: AudioSegment, path: Path) -> None:
    """Write plain PCM with the standard library so the bytes never depend on ffmpeg."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(segment.raw_data)


def make(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, segment in cues().items():
        path = folder / f"{name}.wav"
        write_wav(level(segment.set_channels(1).set_sample_width(2)), path)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parent
    for path in make(folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
