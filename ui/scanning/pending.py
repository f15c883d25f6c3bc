"""Scans made during a reception, before the dossier exists: kept on disk beside the draft, attached when
the dossier is written.

The PDF is on disk (written, fsynced, renamed) before the officer is told it is kept, so a crash, a power
cut or a closed window loses no page: the draft brings the form back and these files wait with it. When
the dossier is written the window *claims* the folder for that dossier (one rename, on the GUI thread,
before anything can clear the form) and attaches its files on the database worker; a file leaves the
folder only once its attachment is committed, and a claimed folder left by a crash is attached at the
next start. A form the officer throws away moves its scans to `discarded/`, never deletes them.

Qt-free: the op bodies here run on the database worker.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
CLAIMED = "claimed-"
DISCARDED = "discarded"


@dataclass(frozen=True, slots=True)
class PendingScan:
    component_code: str
    component_name: str
    file: str  # name of the PDF in the folder
    pages: int
    sha256: str


@dataclass(frozen=True, slots=True)
class AttachReport:
    code: str
    attached: tuple[PendingScan, ...]
    kept: tuple[tuple[PendingScan, str], ...]  # not attached, with the reason; the file stays on disk


def _write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


class PendingScans:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()

    # ----- reading ------------------------------------------------------------------------------------

    def list(self) -> list[PendingScan]:
        path = self.directory / MANIFEST
        try:
            entries = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            log.warning("pending scans manifest %s unreadable: %s", path, exc)
            return []
        return [PendingScan(**entry) for entry in entries]

    def by_component(self) -> dict[str, list[PendingScan]]:
        found: dict[str, list[PendingScan]] = {}
        for scan in self.list():
            found.setdefault(scan.component_code, []).append(scan)
        return found

    def read(self, sha256: str) -> bytes:
        for scan in self.list():
            if scan.sha256 == sha256:
                return (self.directory / scan.file).read_bytes()
        raise FileNotFoundError(sha256)

    def _save(self, scans: list[PendingScan]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        data = json.dumps([asdict(s) for s in scans], ensure_ascii=False, indent=1).encode("utf-8")
        _write_atomic(self.directory / MANIFEST, data)

    # ----- changing -----------------------------------------------------------------------------------

    def keep(self, component_code: str, component_name: str, document: Any) -> PendingScan:
        """Write a built PDF (BuiltDocument) and list it; durable when this returns."""
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            scans = self.list()
            name = f"{component_code}-{document.sha256[:12]}.pdf"
            _write_atomic(self.directory / name, document.data)
            scan = PendingScan(component_code, component_name, name, document.pages, document.sha256)
            self._save([s for s in scans if s.file != name] + [scan])
            return scan

    def claim(self, code: str) -> PendingScans | None:
        """Hand the scans to the dossier `code` (its own folder); None when there are none."""
        with self._lock:
            if not self.list():
                return None
            target = self.directory.with_name(f"{self.directory.name}-{CLAIMED}{code}")
            if target.exists():  # the same code again (cannot happen; never overwrite pages)
                target = target.with_name(f"{target.name}-{int(time.time())}")
            self.directory.replace(target)
            return PendingScans(target)

    def discard(self) -> int:
        """The form was thrown away: its scans go to discarded/ (kept for support, never deleted)."""
        with self._lock:
            scans = self.list()
            if not scans:
                return 0
            target = self.directory.parent / DISCARDED / f"{self.directory.name}-{int(time.time() * 1000)}"
            target.parent.mkdir(parents=True, exist_ok=True)
            self.directory.replace(target)
            return len(scans)

    def claimed(self) -> list[tuple[str, PendingScans]]:
        """Folders claimed by a dossier and not yet emptied (a crash between writing and attaching)."""
        prefix = f"{self.directory.name}-{CLAIMED}"
        parent = self.directory.parent
        if not parent.is_dir():
            return []
        return [
            (path.name.removeprefix(prefix), PendingScans(path))
            for path in sorted(parent.iterdir())
            if path.is_dir() and path.name.startswith(prefix)
        ]

    # ----- op body (database worker) --------------------------------------------------------------------

    def attach_all(self, services: Any, code: str, officer: str | None) -> AttachReport:
        """Attach every kept scan to its component of dossier `code`; each file goes once committed."""
        from app.domain.errors import DomainError
        from app.services.scanning.attach import attach_scan, scan_target
        from app.services.scanning.pipeline import BuiltDocument

        attached: list[PendingScan] = []
        kept: list[tuple[PendingScan, str]] = []
        for scan in self.list():
            path = self.directory / scan.file
            try:
                data = path.read_bytes()
                target = scan_target(services, code, scan.component_code)
                attach_scan(
                    services,
                    target,
                    BuiltDocument(data=data, pages=scan.pages, sha256=scan.sha256, page_bytes=()),
                    officer=officer,
                )
            except (DomainError, OSError) as exc:
                log.warning("scan %s not attached to %s: %s", scan.file, code, exc)
                kept.append((scan, str(exc)))
                continue
            attached.append(scan)
            with self._lock:
                self._save([s for s in self.list() if s.file != scan.file])
            path.unlink(missing_ok=True)
        if not kept:
            with self._lock:
                (self.directory / MANIFEST).unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    self.directory.rmdir()
        return AttachReport(code, tuple(attached), tuple(kept))
