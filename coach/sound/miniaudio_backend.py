"""Playback through miniaudio.

miniaudio's wheels carry the compiled C library for Linux, macOS and Windows and find the
system's audio (PulseAudio/PipeWire, ALSA, JACK, Core Audio, WASAPI…) at run time, so a plain
``pip install`` plays sound with no compiler and no extra system packages.

The device is opened once, when the player starts: opening is the moment audio libraries
print, and reopening per cue would print again and add latency. Between cues it is fed
silence, which keeps the countdown's ticks on time; after a few quiet seconds the player
calls :meth:`MiniaudioBackend.rest` and the device is stopped (not closed), so a long hold
costs no CPU. The next cue starts it again.
"""

from __future__ import annotations

import array
import contextlib
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coach.sound.backends import BackendUnavailable, DeviceInfo
from coach.sound.cues import MAX_CUE_SECONDS, CueFile, builtin_cue, read_cue
from coach.sound.pcm import SAMPLE_RATE, Mixer, scale
from coach.sound.quiet import quiet_stderr

NO_DEVICE = "no sound device found"
BUFFER_MS = 40
"""Device period: short enough that a cue starts within a blink, long enough to be cheap."""
LATENCY_PERIODS = 3
"""Periods of sound the device may hold between being handed samples and playing them."""


def _library() -> Any:
    try:
        import miniaudio
    except ImportError as error:  # a platform without a wheel, or a broken install
        raise BackendUnavailable("the miniaudio package is not installed") from error
    return miniaudio


class MiniaudioBackend:
    """Sound through the system's audio, by way of miniaudio.

    ``backends`` names miniaudio's audio APIs to try in order (``"pulseaudio"``,
    ``"alsa"``, ``"null"``…); by default every one this build supports except ``null``,
    which would "play" into nothing and hide a missing device. Tests pass ``["null"]`` to
    drive the real code path without a sound card.
    """

    def __init__(self, backends: Sequence[str] | None = None, buffer_ms: int = BUFFER_MS) -> None:
        self._backend_names = tuple(backends) if backends else None
        self._buffer_ms = buffer_ms
        self._mixer = Mixer(SAMPLE_RATE)
        self._device: Any = None
        self._decoded: dict[Path, array.array[int]] = {}
        self._prepared: dict[tuple[Path, int], bytes] = {}

    @property
    def name(self) -> str:
        return "miniaudio"

    def _backends(self, miniaudio: Any) -> list[Any]:
        if self._backend_names is not None:
            try:
                return [miniaudio.Backend[name.upper()] for name in self._backend_names]
            except KeyError as error:
                raise BackendUnavailable(f"unknown audio backend {error.args[0]}") from None
        usable = miniaudio.get_enabled_backends() - {
            miniaudio.Backend.NULL,
            miniaudio.Backend.CUSTOM,
        }
        # miniaudio numbers its backends in its own order of preference.
        return sorted(usable, key=lambda backend: backend.value)

    def open(self) -> str:
        miniaudio = _library()
        backends = self._backends(miniaudio)
        failed = False
        with quiet_stderr():
            try:
                device = miniaudio.PlaybackDevice(
                    output_format=miniaudio.SampleFormat.SIGNED16,
                    nchannels=1,
                    sample_rate=SAMPLE_RATE,
                    buffersize_msec=self._buffer_ms,
                    backends=backends,
                    app_name="coach",
                )
            except Exception:
                failed = True
            else:
                try:
                    device.start(self._mixer.stream())
                except Exception:
                    failed = True
                    device.close()
                else:
                    self._device = device
        if failed:
            raise BackendUnavailable(NO_DEVICE)
        return str(self._device.backend)

    def _samples(self, cue: CueFile) -> array.array[int]:
        cached = self._decoded.get(cue.path)
        if cached is not None:
            return cached
        miniaudio = _library()
        try:
            decoded = miniaudio.decode(
                read_cue(cue),
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=1,
                sample_rate=SAMPLE_RATE,
            )
            samples: array.array[int] = decoded.samples
            if len(samples) > MAX_CUE_SECONDS * SAMPLE_RATE:
                raise ValueError("longer than a cue may last")
        except Exception:
            if cue.builtin:
                raise
            # The user's file will not play: the built-in cue still marks the moment.
            fallback = self._decoded[cue.path] = self._samples(builtin_cue(cue.name))
            return fallback
        self._decoded[cue.path] = samples
        return samples

    def play(self, cue: CueFile, volume: int) -> float:
        key = (cue.path, volume)
        pcm = self._prepared.get(key)
        if pcm is None:
            pcm = self._prepared[key] = scale(self._samples(cue), volume)
        self._mixer.load(pcm)
        device = self._device
        if device is not None and not device.running:
            device.start(self._mixer.stream())
        return len(pcm) / 2 / SAMPLE_RATE

    def rest(self) -> None:
        device = self._device
        if device is not None and device.running and self._mixer.finished.is_set():
            device.stop()

    def wait(self, timeout: float) -> bool:
        if not self._mixer.finished.wait(timeout):
            return False
        # The last samples are in the device's buffer now, not yet out of the speaker.
        time.sleep(LATENCY_PERIODS * self._buffer_ms / 1000)
        return True

    def devices(self) -> tuple[DeviceInfo, ...]:
        miniaudio = _library()
        backends = self._backends(miniaudio)
        found: list[DeviceInfo] = []
        with quiet_stderr():
            try:
                context = miniaudio.Devices(backends=backends)
                found = _playback_devices(miniaudio, context)
                del context
            except Exception:
                found = []
        return tuple(found)

    def close(self) -> None:
        device, self._device = self._device, None
        if device is not None:
            with quiet_stderr(), contextlib.suppress(Exception):
                device.close()


def _playback_devices(miniaudio: Any, context: Any) -> list[DeviceInfo]:
    """Playback devices with the default one marked.

    miniaudio's Python ``get_playbacks()`` leaves out which device is the default, so this
    reads the same C list through its ``ffi`` handle.
    """
    ffi, lib = miniaudio.ffi, miniaudio.lib
    devices: list[DeviceInfo] = []
    try:
        with ffi.new("ma_device_info**") as infos, ffi.new("ma_uint32*") as count:
            result = lib.ma_context_get_devices(context._context, infos, count, ffi.NULL, ffi.NULL)
            if result != lib.MA_SUCCESS:
                return []
            for i in range(count[0]):
                info = infos[0][i]
                name = ffi.string(info.name).decode("utf-8", "replace")
                devices.append(DeviceInfo(name, bool(info.isDefault)))
    except Exception:
        names = [str(entry["name"]) for entry in context.get_playbacks()]
        devices = [DeviceInfo(name, i == 0) for i, name in enumerate(names)]
    return devices
