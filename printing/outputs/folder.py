"""Print to a folder: each job becomes a file (written whole, then renamed), named after the job's uid, so a
job resent after a crash overwrites its own file instead of making a second one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from app.services.printing.ports import PDF, Delivery, Outgoing, PrinterStatus, Progress


class FolderOutput:
    def __init__(self, address: str, folder: str) -> None:
        self.address = address
        self._folder = Path(folder).expanduser()

    def status(self) -> PrinterStatus:
        if not self._folder.is_dir():
            return PrinterStatus(False, f"folder {self._folder} not found (share not mounted?)")
        return PrinterStatus(True)

    def path_for(self, job: Outgoing) -> Path:
        return self._folder / f"{job.uid}{'.pdf' if job.media_type == PDF else '.bin'}"

    def send(self, job: Outgoing) -> Delivery:
        from app.services.printing.ports import PrinterUnavailable

        target = self.path_for(job)
        try:
            descriptor, temporary = tempfile.mkstemp(dir=self._folder, prefix=".printing-")
        except OSError as exc:
            raise PrinterUnavailable(f"cannot write in {self._folder}: {exc}") from exc
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(job.data * max(job.copies, 1) if job.media_type != PDF else job.data)
                handle.flush()
                os.fsync(handle.fileno())
            Path(temporary).replace(target)
        except OSError as exc:
            Path(temporary).unlink(missing_ok=True)
            raise PrinterUnavailable(f"cannot write {target}: {exc}") from exc
        return Delivery(done=True, external_id=target.name)

    def progress(self, external_id: str) -> tuple[Progress, str | None]:
        return Progress.DONE, None

    def find(self, job: Outgoing) -> str | None:
        target = self.path_for(job)
        return target.name if target.exists() else None
