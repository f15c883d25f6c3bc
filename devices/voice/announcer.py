"""Announcements one after another: a new call waits for the one being spoken (Novo SGA #78: a new call
cut the previous one off), and a failing sound card never reaches the caller.

The Announcer port of the queue (app/services/queue/ports.py) is `announce(label, counter)`; rendering
and playing happen on the announcer's own thread.
"""

from __future__ import annotations

import logging
import queue
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from devices.voice.speech import VoiceSettings, render_call

log = logging.getLogger("motcua.voice")


class Player(Protocol):
    def play(self, wav: bytes) -> None:
        """Play to the end (blocking)."""
        ...


class CommandPlayer:
    """Plays through the system's own player: aplay (ALSA) or paplay (PulseAudio/PipeWire)."""

    def __init__(self, command: list[str] | None = None) -> None:
        if command is None:
            found = shutil.which("paplay") or shutil.which("aplay")
            if found is None:
                raise RuntimeError("no audio player found (install alsa-utils or pulseaudio-utils)")
            command = [found] if found.endswith("paplay") else [found, "-q"]
        self.command = command

    def play(self, wav: bytes) -> None:
        subprocess.run([*self.command, "-"], input=wav, check=True, timeout=60, capture_output=True)


@dataclass
class Announcer:
    player: Player
    settings: VoiceSettings = field(default_factory=VoiceSettings)
    render: Callable[[str, int, VoiceSettings], bytes] = render_call
    max_waiting: int = 20
    _queue: queue.Queue[tuple[str, int] | None] = field(default_factory=queue.Queue, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    spoken: int = 0

    def start(self) -> Announcer:
        self._thread = threading.Thread(target=self._run, name="announcer", daemon=True)
        self._thread.start()
        return self

    def announce(self, label: str, counter: int) -> None:
        if self._queue.qsize() >= self.max_waiting:  # a jammed sound card must not grow a backlog for ever
            log.warning("announcement of %s dropped: %d waiting", label, self._queue.qsize())
            return
        self._queue.put((label, counter))

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Whether everything announced so far has been spoken within `timeout`."""
        done = threading.Event()
        threading.Thread(target=lambda: (self._queue.join(), done.set()), daemon=True).start()
        return done.wait(timeout)

    def close(self) -> None:
        """Finish what is queued, then stop."""
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout=60)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                label, counter = item
                try:
                    self.player.play(self.render(label, counter, self.settings))
                    self.spoken += 1
                except Exception:
                    log.exception("announcing %s at counter %d failed", label, counter)
            finally:
                self._queue.task_done()
