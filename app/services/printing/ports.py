"""Ports of printing: renderers, printers and the printing tables, as Protocols the adapters fill.

`printing/` renders (reportlab, ESC/POS) and talks to printers (CUPS `lp`, port 9100, serial, files);
`ui/printing/` adds Qt's system printers; `app/storage/printing_store.py` keeps the job queue in the desk
database, on the same transaction as the dossier events, so a printed form's archive entry and its job
are written together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from app.ports import UnitOfWork
from app.services.printing.model import CopyMark, FormDocument, LogbookBody, LogbookRow, TicketData

PDF = "application/pdf"
ESCPOS = "application/vnd.escpos"  # raw bytes for a thermal printer


class FormRenderer(Protocol):
    def supports(self, form_id: str) -> bool: ...

    def render(self, document: FormDocument) -> bytes:
        """The form as PDF bytes (fonts embedded, barcodes as vectors)."""
        ...

    def stamp_copy(self, pdf: bytes, mark: CopyMark) -> bytes:
        """The archived original with a visible "copy" mark on every page (content otherwise unchanged)."""
        ...


class LogbookExporter(Protocol):
    def xlsx(self, logbook: LogbookBody, title: str, office_name: str) -> bytes: ...


@dataclass(frozen=True, slots=True)
class TicketProfileInfo:
    name: str
    model: str
    paper_mm: int
    dots: int  # printable width in dots
    vietnamese: str  # "codepage" or "raster": how this model prints Vietnamese by default
    encoding: str | None  # "tcvn3" or "cp1258" when vietnamese is "codepage"
    native_qr: bool
    cutter: bool
    status: bool  # answers DLE EOT (paper near end / out)


class TicketRenderer(Protocol):
    def profiles(self) -> Sequence[TicketProfileInfo]: ...

    def render(self, ticket: TicketData, profile: str, vietnamese: str = "auto") -> bytes:
        """The exact bytes to send; `vietnamese` overrides the profile (auto, codepage, raster)."""
        ...


# ----- printers ------------------------------------------------------------------------------------------


class PrinterUnavailable(Exception):
    """Nothing was printed (printer off, unreachable, stopped, out of paper): safe to try again later."""


class PrinterUncertain(Exception):
    """Sending broke off after data left: the page may or may not have printed; never resent by itself."""


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    ready: bool
    reason: str | None = None  # why not, or a warning such as "paper near end"
    paper: str | None = None  # "ok", "near_end", "out" where the printer reports it


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One job as the output sees it."""

    uid: str
    title: str
    data: bytes
    media_type: str
    paper: str | None
    copies: int = 1


@dataclass(frozen=True, slots=True)
class Delivery:
    """What the printer system said when it took the job."""

    done: bool  # printed (or handed to a device that prints it by itself)
    external_id: str | None = None  # e.g. CUPS job id, for jobs that finish later


class Progress(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    UNKNOWN = "unknown"


class PrinterOutput(Protocol):
    address: str

    def status(self) -> PrinterStatus: ...

    def send(self, job: Outgoing) -> Delivery:
        """Raises PrinterUnavailable (nothing printed) or PrinterUncertain (maybe printed)."""
        ...

    def progress(self, external_id: str) -> tuple[Progress, str | None]:
        """For a job handed on with an external id: where it stands, and why if it is stuck."""
        ...

    def find(self, job: Outgoing) -> str | None:
        """After a crash mid-send: the external id if the printer system has this job, None if unsure."""
        ...


@dataclass(frozen=True, slots=True)
class PrinterInfo:
    address: str
    name: str
    ready: bool
    detail: str
    default: bool = False


class PrinterDirectory(Protocol):
    def open(self, address: str) -> PrinterOutput:
        """The output for an address (cups:Q, socket://H:P, serial:DEV?baudrate=N, device:PATH, file:DIR)."""
        ...

    def list(self) -> list[PrinterInfo]: ...


# ----- the job queue -------------------------------------------------------------------------------------


class JobState(StrEnum):
    QUEUED = "queued"  # waiting for its turn or for the printer to come back
    SENDING = "sending"  # claimed by a runner, data going out
    SENT = "sent"  # handed to a spooler (CUPS) that finishes it
    DONE = "done"  # printed
    UNCERTAIN = "uncertain"  # interrupted mid-send: an officer checks the paper and decides
    CANCELLED = "cancelled"
    FAILED = "failed"  # the spooler gave up on it (reported; reprint is a new job)


OPEN_STATES = frozenset({JobState.QUEUED, JobState.SENDING, JobState.SENT})


@dataclass(frozen=True, slots=True)
class PrintJob:
    id: int
    uid: str
    created_at: datetime
    kind: str  # receipt, logbook, ticket, test...
    title: str
    printer: str
    paper: str | None
    copies: int
    media_type: str
    state: JobState
    attempts: int
    next_attempt_at: datetime
    dossier_code: str | None = None
    document_sha256: str | None = None  # the archived PDF (forms); tickets carry their bytes inline
    last_error: str | None = None
    external_id: str | None = None
    lease_until: datetime | None = None
    finished_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class NewJob:
    uid: str
    kind: str
    title: str
    printer: str
    media_type: str
    paper: str | None = None
    copies: int = 1
    dossier_code: str | None = None
    document_sha256: str | None = None
    payload: bytes | None = None


class PrintJobRepository(Protocol):
    def add(self, job: NewJob, now: datetime) -> PrintJob: ...

    def get(self, job_id: int) -> PrintJob: ...

    def payload(self, job_id: int) -> bytes | None: ...

    def due(self, now: datetime, limit: int) -> list[PrintJob]:
        """Queued jobs whose time has come, oldest first."""
        ...

    def in_state(self, states: Sequence[JobState], limit: int = 200) -> list[PrintJob]: ...

    def expired_leases(self, now: datetime) -> list[PrintJob]:
        """Jobs left in `sending` by a runner that died (its lease ran out)."""
        ...

    def claim(self, job_id: int, now: datetime, lease_until: datetime) -> bool:
        """queued -> sending, atomically; False if another runner took it first."""
        ...

    def update(
        self,
        job_id: int,
        *,
        state: JobState,
        now: datetime,
        expect: JobState | None = None,
        next_attempt_at: datetime | None = None,
        last_error: str | None = None,
        external_id: str | None = None,
        clear_error: bool = False,
    ) -> bool:
        """Move a job; with `expect`, only if it is still in that state (returns whether it moved)."""
        ...

    def recent(self, limit: int = 50) -> list[PrintJob]: ...


class LogbookQuery(Protocol):
    def rows(self, first_day: date, last_day: date, tz_name: str) -> list[LogbookRow]:
        """Dossiers received in the local-date range, in order of receipt, numbered from 1."""
        ...


class PrintingStore(Protocol):
    """The printing tables, reached through the caller's unit of work (same connection, same commit)."""

    def jobs(self, uow: UnitOfWork) -> PrintJobRepository: ...

    def logbook(self, uow: UnitOfWork) -> LogbookQuery: ...
