"""Op bodies of the main window: plain functions of the services, run on the database worker.

No Qt here (see ui/tasks.py): they return frozen data that the GUI thread turns into rows and labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.errors import NotFound
from app.domain.lifecycle import Status
from app.ports import DossierFilter, DossierSummary
from app.services.context import Services
from app.services.queries import list_dossiers, search_dossiers

RECENT_LIMIT = 200
SEARCH_LIMIT = 100


@dataclass(frozen=True, slots=True)
class DossierRow:
    """A dossier as listed at the counter: the summary plus what is derived for display."""

    summary: DossierSummary
    received_local: datetime
    due_local: datetime | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class Overview:
    """What the window shows when the search box is empty."""

    rows: tuple[DossierRow, ...]
    counts: dict[Status, int]
    officer_name: str | None
    loaded_at: datetime


@dataclass(frozen=True, slots=True)
class SearchResult:
    text: str
    rows: tuple[DossierRow, ...]


def to_rows(services: Services, summaries: list[DossierSummary]) -> tuple[DossierRow, ...]:
    now = services.now()
    return tuple(
        DossierRow(
            summary=s,
            received_local=services.local(s.received_at),
            due_local=services.local(s.due_at) if s.due_at is not None else None,
            overdue=s.is_overdue(now),
        )
        for s in summaries
    )


def load_overview(services: Services) -> Overview:
    """The most recently received dossiers, the counts by status and the signed-in officer's name."""
    rows = to_rows(services, list_dossiers(services, DossierFilter(), RECENT_LIMIT))
    with services.uow(write=False) as uow:
        counts = uow.dossiers.count_by_status()
        officer_name = None
        if services.desk.default_officer:
            try:
                officer_name = uow.offices.officer(services.desk.default_officer).full_name
            except NotFound:
                officer_name = None
    return Overview(rows, counts, officer_name, services.local(services.now()))


def find_dossiers(services: Services, text: str) -> SearchResult:
    """Code, ID number, phone, or name words with or without diacritics (the core folds them)."""
    return SearchResult(text, to_rows(services, search_dossiers(services, text, SEARCH_LIMIT)))
