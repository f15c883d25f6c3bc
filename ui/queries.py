"""Op bodies of the dossier list: plain functions of the services, run on the database worker.

No Qt here (see ui/tasks.py): they return frozen data that the GUI thread turns into rows and labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.errors import NotFound
from app.domain.lifecycle import CLOCK_RUNNING, Status
from app.ports import DossierFilter, DossierSummary
from app.services.context import Services
from app.services.queries import list_dossiers, search_dossiers
from app.services.worklists import day_bounds, due_today

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
class ListFilter:
    """The filters above the list; the empty filter lists the most recent dossiers."""

    status: Status | None = None
    overdue_only: bool = False
    due_today_only: bool = False
    procedure_code: str | None = None
    officer: str | None = None

    @property
    def is_empty(self) -> bool:
        return self == ListFilter()

    def keeps(self, row: DossierRow, services: Services) -> bool:
        """The same filter applied to rows already found (a search answers at most SEARCH_LIMIT)."""
        s = row.summary
        if self.status is not None and s.status is not self.status:
            return False
        if self.overdue_only and not row.overdue:
            return False
        if self.due_today_only:
            start, end = day_bounds(services, services.today())
            if s.status not in CLOCK_RUNNING or s.due_at is None or not start <= s.due_at < end:
                return False
        if self.procedure_code and s.procedure_code != self.procedure_code:
            return False
        return not (self.officer and s.received_by != self.officer)


@dataclass(frozen=True, slots=True)
class Overview:
    """What the list shows when the search box is empty."""

    rows: tuple[DossierRow, ...]
    officer_name: str | None
    loaded_at: datetime
    where: ListFilter = ListFilter()


@dataclass(frozen=True, slots=True)
class SearchResult:
    text: str
    rows: tuple[DossierRow, ...]
    where: ListFilter = ListFilter()


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


def _filtered(services: Services, where: ListFilter) -> list[DossierSummary]:
    if where.due_today_only:
        rows = due_today(services)
        keep = ListFilter(where.status, where.overdue_only, False, where.procedure_code, where.officer)
        return [r.summary for r in to_rows(services, rows) if keep.keeps(r, services)]
    statuses = frozenset({where.status}) if where.status is not None else None
    due_before = None
    if where.overdue_only:
        statuses = (statuses or CLOCK_RUNNING) & CLOCK_RUNNING
        due_before = services.now()
    return list_dossiers(
        services,
        DossierFilter(
            statuses=statuses,
            due_before=due_before,
            procedure_code=where.procedure_code,
            received_by=where.officer,
        ),
        RECENT_LIMIT,
    )


def load_overview(
    services: Services,
    officer: str | None = None,
    where: ListFilter = ListFilter(),
) -> Overview:
    """The most recently received dossiers (through the filters) and the signed-in officer's name."""
    username = officer or services.desk.default_officer
    rows = to_rows(services, _filtered(services, where))
    officer_name = None
    if username:
        with services.uow(write=False) as uow:
            try:
                officer_name = uow.offices.officer(username).full_name
            except NotFound:
                officer_name = None
    return Overview(rows, officer_name, services.local(services.now()), where)


def load_counts(services: Services) -> dict[Status, int]:
    """Dossiers of the office by status: a scan of the whole table, so it runs after the list."""
    with services.uow(write=False) as uow:
        return uow.dossiers.count_by_status()


def find_dossiers(services: Services, text: str, where: ListFilter = ListFilter()) -> SearchResult:
    """Code, ID number, phone, or name words with or without diacritics (the core folds them)."""
    rows = to_rows(services, search_dossiers(services, text, SEARCH_LIMIT))
    if not where.is_empty:
        rows = tuple(r for r in rows if where.keeps(r, services))
    return SearchResult(text, rows, where)
