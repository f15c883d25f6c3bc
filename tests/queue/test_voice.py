"""Voice: the spoken words, WAV files rendered by the real espeak-ng and decoded back, the announcement
queue (behind its Player port: no sound card here)."""

from __future__ import annotations

import math
import struct
import threading
import time
import wave
from pathlib import Path

import pytest

from app.cli.main import run
from devices.voice.announcer import Announcer
from devices.voice.speech import CHIME_NOTES, VoiceSettings, call_words, pcm_of, render_call, speak_wav


def samples(path_or_bytes: Path | bytes) -> tuple[int, list[int]]:
    if isinstance(path_or_bytes, Path):
        with wave.open(str(path_or_bytes)) as reader:
            assert (reader.getnchannels(), reader.getsampwidth()) == (1, 2)
            rate, raw = reader.getframerate(), reader.readframes(reader.getnframes())
    else:
        rate, raw = pcm_of(path_or_bytes)
    return rate, list(struct.unpack(f"<{len(raw) // 2}h", raw))


def goertzel_power(values: list[int], rate: int, frequency: float) -> float:
    """Energy of one frequency (the Goertzel filter: a one-bin DFT)."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    s1 = s2 = 0.0
    for v in values:
        s1, s2 = v + coefficient * s1 - s2, s1
    return s2 * s2 + s1 * s1 - coefficient * s1 * s2


def rms(values: list[int]) -> float:
    return math.sqrt(sum(v * v for v in values) / max(1, len(values)))


def test_words_of_a_call() -> None:
    assert call_words("1015", 5) == "Mời công dân có số thứ tự một nghìn không trăm mười lăm đến quầy số năm"
    assert call_words("A021", 12) == "Mời công dân có số thứ tự a hai mươi mốt đến quầy số mười hai"


def test_say_writes_a_wav_with_chime_then_speech(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "call.wav"
    assert run(["say", "--number", "1015", "--counter", "5", "--out", str(out), "--words"]) == 0
    assert "một nghìn không trăm mười lăm" in capsys.readouterr().out
    rate, values = samples(out)
    duration = len(values) / rate
    assert 3.0 < duration < 12.0
    first_note = values[: int(CHIME_NOTES[0][1] * rate)]
    # The chime is its notes: E5 far above a neighbouring frequency.
    assert goertzel_power(first_note, rate, CHIME_NOTES[0][0]) > 50 * goertzel_power(first_note, rate, 440.0)
    chime_end = int(sum(s for _, s in CHIME_NOTES) * rate)
    speech = values[chime_end + int(0.3 * rate) :]
    assert rms(speech) > 300  # espeak-ng spoke after the chime


def test_longer_numbers_take_longer_to_say() -> None:
    settings = VoiceSettings(chime=False)
    short_rate, short = pcm_of(speak_wav(call_words("5", 1, settings), settings))
    long_rate, long = pcm_of(speak_wav(call_words("1015", 1, settings), settings))
    assert short_rate == long_rate and len(long) > len(short)


def test_render_without_chime_starts_with_speech() -> None:
    rate, values = samples(render_call("A015", 3, VoiceSettings(chime=False)))
    assert goertzel_power(values[: rate // 4], rate, CHIME_NOTES[0][0]) < goertzel_power(
        samples(render_call("A015", 3))[1][: rate // 4], rate, CHIME_NOTES[0][0]
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["say", "--number", "12345", "--counter", "5", "--words"],
        ["say", "--number", "1015", "--counter", "0", "--words"],
        ["say", "--number", "1015", "--counter", "5"],
        ["say", "--number", "1015", "--counter", "5", "--words", "--template", "Mời {number}"],
        ["say", "--number", "1015", "--counter", "5", "--out", "/nonexistent/dir/x.wav"],
    ],
)
def test_say_bad_input(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("motcua: error:") and "\n" not in err


class RecordingPlayer:
    """Stands in for the sound card (none here): records when each announcement plays."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.spans: list[tuple[str, float, float]] = []
        self.playing = 0
        self.overlaps = 0
        self.lock = threading.Lock()

    def play(self, wav: bytes) -> None:
        with self.lock:
            self.playing += 1
            self.overlaps += self.playing > 1
        start = time.monotonic()
        time.sleep(self.seconds)
        with self.lock:
            self.playing -= 1
        self.spans.append((wav.decode(), start, time.monotonic()))


def test_announcements_queue_and_never_cut_each_other_off() -> None:
    player = RecordingPlayer(0.05)
    announcer = Announcer(player, render=lambda label, counter, _s: f"{label}@{counter}".encode()).start()
    for label, counter in (("A001", 1), ("B002", 2), ("A003", 1)):
        announcer.announce(label, counter)
    assert announcer.wait_idle(10)
    announcer.close()
    assert [s[0] for s in player.spans] == ["A001@1", "B002@2", "A003@1"]
    assert player.overlaps == 0
    assert all(b[1] >= a[2] for a, b in zip(player.spans, player.spans[1:], strict=False))


def test_a_failing_sound_card_does_not_stop_later_calls() -> None:
    class Broken:
        calls = 0

        def play(self, wav: bytes) -> None:
            Broken.calls += 1
            if Broken.calls == 1:
                raise OSError("device busy")

    announcer = Announcer(Broken(), render=lambda *_: b"x").start()
    announcer.announce("A001", 1)
    announcer.announce("A002", 1)
    assert announcer.wait_idle(10)
    announcer.close()
    assert (Broken.calls, announcer.spoken) == (2, 1)
