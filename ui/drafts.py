"""A reception in progress, saved to disk on every change so that a crash, a power cut of the app or a
killed process loses nothing of what the officer typed in front of the citizen.

`save()` never blocks the GUI thread: it hands the newest state to a writer thread, which writes it
atomically (temporary file, fsync, rename) and skips states overtaken by a newer one. `load()` on the next
start finds the draft, and the window offers it back.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_CLEAR = object()


@dataclass(frozen=True, slots=True)
class Draft:
    saved_at: datetime
    officer: str | None
    form: dict[str, Any]


class DraftStore:
    def __init__(self, directory: Path, name: str = "reception") -> None:
        self.path = directory / f"{name}.json"
        self._condition = threading.Condition()
        self._pending: object | None = None  # a dict to write, _CLEAR, or None when idle
        self._busy = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=f"draft-writer-{name}", daemon=True)
        self._thread.start()

    # ----- GUI thread --------------------------------------------------------------------------------

    def save(self, form: dict[str, Any], officer: str | None) -> None:
        record = {"saved_at": datetime.now().astimezone().isoformat(), "officer": officer, "form": form}
        with self._condition:
            self._pending = record
            self._condition.notify()

    def clear(self) -> None:
        with self._condition:
            self._pending = _CLEAR
            self._condition.notify()

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything saved so far is on disk (tests, and before the app exits)."""
        with self._condition:
            return self._condition.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def close(self) -> None:
        self.flush()
        with self._condition:
            self._closed = True
            self._condition.notify()
        self._thread.join(timeout=5)

    def load(self) -> Draft | None:
        """The saved draft, or None (none, or unreadable: a half-written file never replaces a good one)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Draft(datetime.fromisoformat(data["saved_at"]), data.get("officer"), dict(data["form"]))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, OSError) as exc:
            log.warning("draft %s unreadable: %s", self.path, exc)
            return None

    # ----- writer thread -----------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending is not None or self._closed)
                if self._pending is None and self._closed:
                    return
                job, self._pending = self._pending, None
                self._busy = True
            try:
                if job is _CLEAR:
                    self.path.unlink(missing_ok=True)
                else:
                    self._write(job)
            except OSError as exc:
                log.error("could not save the draft to %s: %s", self.path, exc)
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()

    def _write(self, record: object) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".json.tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(self.path)
