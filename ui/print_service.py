"""The desk's printing, through the printing package's port (issue 3): a dossier's forms, their preview,
and the logbook (Mẫu 06).

Rendering and queueing run on the database worker (they write the form's archive entry in the dossier's
history); sending to the printer runs on the print runner's own thread, because a printer may take seconds
or be off. Without a printer the controls stay disabled and say so; a printer that is off keeps the job
queued, and it prints once the printer is back (the printing package's queue).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.services.context import Services

log = logging.getLogger(__name__)

NO_PRINTER = "no_printer"


@dataclass(frozen=True, slots=True)
class Printed:
    """A form archived in its dossier and queued for its printer."""

    code: str
    name: str
    job_id: int | None


@dataclass(frozen=True, slots=True)
class JobState:
    job_id: int
    state: str  # the printing queue's JobState value: pending, printing, done, failed...
    reason: str | None


class DeskPrinting:
    """Owns the printing port and the runner thread; `open()` returns None when printing is not there."""

    def __init__(self, printing: Any, runner: Any) -> None:
        self.printing = printing
        self._runner = runner
        self._thread = threading.Thread(target=runner.run_forever, name="print-runner", daemon=True)
        self._thread.start()

    @classmethod
    def open(cls, desk: Any) -> DeskPrinting | None:
        try:
            from printing.outputs.directory import Printers
            from printing.runner import JobRunner
            from printing.wiring import open_printing
            from ui.printing.qt_output import QtPrinters
        except ImportError as exc:  # an install without the printing package
            log.info("printing not available: %s", exc)
            return None
        printing = open_printing(desk, printers=QtPrinters(Printers()))
        return cls(printing, JobRunner(printing))

    def wake(self) -> None:
        self._runner.wake()

    def close(self) -> None:
        self._runner.stop()
        self._thread.join(timeout=10)

    # ----- op bodies (database worker; no Qt) ---------------------------------------------------------

    def problem(self, _services: Services, kind: str) -> str | None:
        """NO_PRINTER when neither a printer is set for `kind` nor a default printer exists; else None."""
        if self.printing.config.printer_for(kind):
            return None
        try:
            printers = self.printing.printers.list()
        except Exception:  # a broken spooler: the job queue will say more when a job is sent
            log.exception("listing printers failed")
            return NO_PRINTER
        return None if any(p.default for p in printers) else NO_PRINTER

    def print_form(self, _services: Services, code: str, kind: str, officer: str) -> Printed:
        from app.services.printing.forms import print_form

        printed = print_form(self.printing, code, kind, officer=officer, queue=True)
        self.wake()
        return Printed(code, printed.document.name, printed.job.id if printed.job else None)

    def reprint_form(self, _services: Services, code: str, kind: str, officer: str) -> Printed:
        """A copy stamped as such when the form was printed before; else the form itself."""
        from app.domain.errors import ValidationError
        from app.services.printing.forms import reprint_form

        try:
            printed = reprint_form(self.printing, code, kind=kind, officer=officer, queue=True)
        except ValidationError:
            return self.print_form(_services, code, kind, officer)
        self.wake()
        return Printed(code, printed.document.name, printed.job.id if printed.job else None)

    def preview_form(self, _services: Services, code: str, kind: str) -> tuple[str, bytes]:
        from app.services.printing.forms import build_form, document_name

        document = build_form(self.printing, code, kind)
        return document_name(document), self.printing.forms.render(document)

    def print_logbook(self, _services: Services, day: date) -> Printed:
        from app.services.printing.jobs import enqueue
        from app.services.printing.logbook import logbook_pdf

        pdf = logbook_pdf(self.printing, day, day)
        config = self.printing.config
        printer = config.printer_for("logbook") or "cups:"
        job = enqueue(
            self.printing,
            kind="logbook",
            title=f"Mẫu 06 {day:%d/%m/%Y}",
            printer=printer,
            data=pdf,
            media_type="application/pdf",
            paper=config.paper_for("logbook", "A4"),
        )
        self.wake()
        return Printed("", f"Mẫu 06 {day:%d/%m/%Y}", job.id)

    def export_logbook(self, _services: Services, day: date, path: Path) -> Path:
        from app.services.printing.logbook import logbook_pdf, logbook_xlsx

        data = (
            logbook_xlsx(self.printing, day, day)
            if path.suffix.lower() == ".xlsx"
            else logbook_pdf(self.printing, day, day)
        )
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
        return path

    def job_state(self, services: Services, job_id: int) -> JobState:
        with services.uow(write=False) as uow:
            job = self.printing.store.jobs(uow).get(job_id)
        return JobState(job_id, job.state.value, job.last_error)
