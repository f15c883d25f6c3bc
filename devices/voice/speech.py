"""Speaking a call offline: a chime, then our words read by espeak-ng, as one WAV.

espeak-ng gets the words, never the digits: it reads 15 as "mười năm" (queue.md §4), our words.py says
"mười lăm". Synthesis takes about 20 ms for a 3 s sentence, so calls are rendered when they happen.
"""

from __future__ import annotations

import io
import math
import shutil
import struct
import subprocess
import wave
from dataclasses import dataclass

from app.domain.queue.announcement import DEFAULT_TEMPLATE, render
from app.domain.queue.words import NORTH, Phrasing

SAMPLE_RATE = 22050  # espeak-ng's own rate: chime and speech join without resampling
CHIME_NOTES = ((659.25, 0.28), (523.25, 0.42))  # E5 then C5: the two-tone "ding-dong" of halls
PAUSE_S = 0.25


class VoiceUnavailable(RuntimeError):
    """No speech engine here (espeak-ng is not installed)."""


@dataclass(frozen=True, slots=True)
class VoiceSettings:
    voice: str = "vi"  # also vi-vn-x-central, vi-vn-x-south
    speed: int = 140  # words per minute: slower than espeak's 175, for a hall with echo
    template: str = DEFAULT_TEMPLATE
    phrasing: Phrasing = NORTH
    chime: bool = True


def espeak_path() -> str:
    path = shutil.which("espeak-ng")
    if path is None:
        raise VoiceUnavailable("espeak-ng is not installed (Debian/Ubuntu: apt-get install espeak-ng)")
    return path


def speak_wav(words: str, settings: VoiceSettings) -> bytes:
    """The WAV espeak-ng makes of `words` (UTF-8 on standard input, so no shell quoting can break it)."""
    done = subprocess.run(
        [espeak_path(), "-v", settings.voice, "-s", str(settings.speed), "-b", "1", "--stdout"],
        input=words.encode("utf-8"),
        capture_output=True,
        timeout=30,
        check=False,
    )
    if done.returncode != 0 or not done.stdout:
        raise VoiceUnavailable(f"espeak-ng failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def pcm_of(wav_bytes: bytes) -> tuple[int, bytes]:
    """(sample rate, 16-bit mono frames) of a WAV. espeak-ng writes its streamed WAV with unknown sizes
    (0xFFFFFFFF), which the wave module refuses, so the data chunk is found by hand."""
    if wav_bytes[:4] != b"RIFF" or wav_bytes[8:12] != b"WAVE":
        raise ValueError("not a WAV file")
    position, rate, channels, width = 12, 0, 0, 0
    while position + 8 <= len(wav_bytes):
        chunk, size = (
            wav_bytes[position : position + 4],
            struct.unpack("<I", wav_bytes[position + 4 : position + 8])[0],
        )
        body = position + 8
        if chunk == b"fmt ":
            _, channels, rate, _, _, bits = struct.unpack("<HHIIHH", wav_bytes[body : body + 16])
            width = bits // 8
        elif chunk == b"data":
            end = len(wav_bytes) if size in (0, 0xFFFFFFFF) or body + size > len(wav_bytes) else body + size
            if (channels, width) != (1, 2):
                raise ValueError(f"expected 16-bit mono, got {channels} channels of {width * 8} bits")
            return rate, wav_bytes[body:end]
        position = body + size + (size & 1)
    raise ValueError("WAV without a data chunk")


def tone(frequency: float, seconds: float, rate: int = SAMPLE_RATE, volume: float = 0.45) -> bytes:
    """A bell-like note: a sine with a quick attack and an exponential decay."""
    count = int(seconds * rate)
    samples = []
    for i in range(count):
        t = i / rate
        envelope = min(1.0, t / 0.01) * math.exp(-4.0 * t / seconds)
        value = (
            volume
            * envelope
            * (math.sin(2 * math.pi * frequency * t) + 0.3 * math.sin(4 * math.pi * frequency * t))
        )
        samples.append(int(max(-1.0, min(1.0, value)) * 32767))
    return struct.pack(f"<{count}h", *samples)


def chime_pcm(rate: int = SAMPLE_RATE) -> bytes:
    return b"".join(tone(f, s, rate) for f, s in CHIME_NOTES)


def silence(seconds: float, rate: int = SAMPLE_RATE) -> bytes:
    return b"\x00\x00" * int(seconds * rate)


def to_wav(pcm: bytes, rate: int = SAMPLE_RATE) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(pcm)
    return out.getvalue()


def call_words(label: str, counter: int, settings: VoiceSettings | None = None) -> str:
    settings = settings or VoiceSettings()
    return render(settings.template, label, counter, settings.phrasing)


def render_call(label: str, counter: int, settings: VoiceSettings | None = None) -> bytes:
    """The whole announcement of a call as one WAV: chime, a short pause, the sentence."""
    settings = settings or VoiceSettings()
    rate, speech = pcm_of(speak_wav(call_words(label, counter, settings), settings))
    head = chime_pcm(rate) + silence(PAUSE_S, rate) if settings.chime else b""
    return to_wav(head + speech + silence(PAUSE_S, rate), rate)
