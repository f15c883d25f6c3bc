"""Ports: what the use cases need from the outside world, as Protocols.

Storage fills the unit of work; printers, displays, scanners and the sync client fill theirs from the
adapter packages (printing/, devices/, sync/, ui/), wired by the composition root.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

from app.domain.applicant import Applicant
from app.domain.catalog import Procedure
from app.domain.dossier import Dossier
from app.domain.events import DossierEvent
from app.domain.lifecycle import Status, is_overdue
from app.domain.office import Counter, Office, Officer


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


@dataclass(frozen=True, slots=True)
class DossierSummary:
    """One row of a dossier list: what the officer sees before opening it."""

    code: str
    applicant_name: str
    applicant_id_number: str | None
    applicant_phone: str | None
    procedure_code: str
    procedure_name: str
    status: Status
    received_at: datetime
    due_at: datetime | None
    counter_number: int | None
    received_by: str

    def is_overdue(self, now: datetime) -> bool:
        return is_overdue(self.status, self.due_at, now)


@dataclass(frozen=True, slots=True)
class DossierFilter:
    statuses: frozenset[Status] | None = None
    due_before: datetime | None = None
    received_from: datetime | None = None
    received_until: datetime | None = None
    procedure_code: str | None = None
    received_by: str | None = None


class DossierRepository(Protocol):
    def add(self, dossier: Dossier) -> None: ...

    def get(self, code: str) -> Dossier:
        """The dossier rebuilt from its history; NotFound if there is none. Saved on commit."""
        ...

    def history(self, code: str) -> list[DossierEvent]: ...

    def search(self, text: str, limit: int = 50) -> list[DossierSummary]: ...

    def list(self, where: DossierFilter, limit: int = 200) -> list[DossierSummary]: ...

    def count_by_status(self) -> dict[Status, int]: ...

    def count_overdue(self, now: datetime) -> int: ...


class ApplicantRepository(Protocol):
    def find(self, id_number: str) -> Applicant | None: ...

    def remember(self, applicant: Applicant, at: datetime) -> None:
        """Insert or refresh a returning applicant (keyed by ID number)."""
        ...


class CatalogRepository(Protocol):
    def get(self, code: str) -> Procedure:
        """The procedure in force; NotFound if unknown."""
        ...

    def version(self, fingerprint: str) -> Procedure: ...

    def fingerprint(self, code: str) -> str:
        """The version id of the entry in force for `code`."""
        ...

    def put(self, procedure: Procedure, at: datetime) -> tuple[str, bool]:
        """Store a catalogue entry; returns its fingerprint and whether it was new or changed."""
        ...

    def all(self) -> list[Procedure]: ...

    def find(self, text: str, limit: int = 30) -> list[Procedure]: ...


class OfficeRepository(Protocol):
    def put_office(self, office: Office) -> None: ...

    def get_office(self, code: str) -> Office: ...

    def put_counter(self, counter: Counter) -> None: ...

    def counters(self, office_code: str) -> list[Counter]: ...

    def put_officer(self, officer: Officer) -> None: ...

    def officer(self, username: str) -> Officer: ...

    def officers(self, office_code: str) -> list[Officer]: ...


class CodeSequences(Protocol):
    def next(self, unit_code: str, day: date, slot: int) -> int:
        """The next n (1, 2, 3...) of a desk slot for a day, atomically with the unit of work."""
        ...

    def high_water(self, unit_code: str) -> dict[tuple[date, int], int]: ...


class UnitOfWork(Protocol):
    """One transaction. Leaving the block without commit() rolls everything back."""

    @property
    def dossiers(self) -> DossierRepository: ...

    @property
    def applicants(self) -> ApplicantRepository: ...

    @property
    def catalog(self) -> CatalogRepository: ...

    @property
    def offices(self) -> OfficeRepository: ...

    @property
    def sequences(self) -> CodeSequences: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = True) -> UnitOfWork: ...


@dataclass(frozen=True, slots=True)
class BlobRef:
    sha256: str
    size: int


class BlobStore(Protocol):
    """Files kept by their SHA-256 (printed forms, scans): what sync uploads and the centre verifies."""

    def put(self, data: bytes) -> BlobRef:
        """Store `data` durably (idempotent: the same bytes give the same reference)."""
        ...

    def put_file(self, path: Path) -> BlobRef: ...

    def has(self, sha256: str) -> bool: ...

    def read(self, sha256: str) -> bytes:
        """The bytes, checked against their hash; NotFound if absent, DomainError if corrupt."""
        ...

    def path(self, sha256: str) -> Path:
        """Where the file lives (for viewers and printers that want a path)."""
        ...
