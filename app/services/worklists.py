"""The counter's worklists: dossiers due today, the overdue list with its filters, and today's report.

They read the `dossiers` projection through `DossierFilter`; days are local days (Asia/Ho_Chi_Minh), so
"today" turns at local midnight.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from app.domain.lifecycle import CLOCK_RUNNING, Status
from app.ports import DossierFilter, DossierSummary
from app.services.context import Services

# The longest time limit in a published catalogue is a few months; a dossier received earlier than this and
# still running is overdue anyway, so "due today" need not look further back.
DUE_TODAY_LOOKBACK = timedelta(days=400)
DAY_LIMIT = 20_000  # more dossiers than the busiest centre receives in one day
LIST_LIMIT = 500


def day_bounds(services: Services, day: date) -> tuple[datetime, datetime]:
    """Local midnight of `day` and of the next day, as aware datetimes."""
    start = datetime.combine(day, time(0), tzinfo=services.tz)
    return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=services.tz)


def due_today(services: Services, limit: int = LIST_LIMIT) -> list[DossierSummary]:
    """Dossiers whose appointment falls today while their clock runs (late ones of today included),
    earliest appointment first."""
    start, end = day_bounds(services, services.today())
    with services.uow(write=False) as uow:
        rows = uow.dossiers.list(
            DossierFilter(statuses=CLOCK_RUNNING, due_before=end, received_from=start - DUE_TODAY_LOOKBACK),
            DAY_LIMIT,
        )
    today = [r for r in rows if r.due_at is not None and r.due_at >= start]
    return sorted(today, key=lambda r: (r.due_at, r.code))[:limit]


@dataclass(frozen=True, slots=True)
class OverdueQuery:
    procedure_code: str | None = None
    received_by: str | None = None
    limit: int = LIST_LIMIT


def overdue(services: Services, query: OverdueQuery = OverdueQuery()) -> list[DossierSummary]:
    """Dossiers past their appointment while the legal clock runs, longest overdue first."""
    now = services.now()
    where = DossierFilter(
        statuses=CLOCK_RUNNING,
        due_before=now,
        procedure_code=query.procedure_code or None,
        received_by=query.received_by or None,
    )
    with services.uow(write=False) as uow:
        rows = uow.dossiers.list(where, query.limit)
    return sorted(rows, key=lambda r: (r.due_at, r.code))


@dataclass(frozen=True, slots=True)
class DayReport:
    """What the counter did on one day: dossiers received that day, by their status now."""

    day: date
    officer: str | None
    received: dict[Status, int] = field(default_factory=dict)  # the whole office
    received_by_officer: dict[Status, int] = field(default_factory=dict)
    by_officer: dict[str, int] = field(default_factory=dict)  # username -> received that day
    due_today: int = 0
    overdue_now: int = 0

    @property
    def received_total(self) -> int:
        return sum(self.received.values())

    @property
    def officer_total(self) -> int:
        return sum(self.received_by_officer.values())


def day_report(services: Services, officer: str | None, day: date | None = None) -> DayReport:
    """Counts per status of the dossiers received on `day` (default today), for the office and for
    `officer`, with how many are due today and overdue now."""
    the_day = day or services.today()
    start, end = day_bounds(services, the_day)
    with services.uow(write=False) as uow:
        rows = uow.dossiers.list(DossierFilter(received_from=start, received_until=end), DAY_LIMIT)
        overdue_now = uow.dossiers.count_overdue(services.now())
    mine = [r for r in rows if officer is not None and r.received_by == officer]
    return DayReport(
        day=the_day,
        officer=officer,
        received=dict(Counter(r.status for r in rows)),
        received_by_officer=dict(Counter(r.status for r in mine)),
        by_officer=dict(Counter(r.received_by for r in rows)),
        due_today=len(due_today(services, DAY_LIMIT)) if the_day == services.today() else 0,
        overdue_now=overdue_now,
    )
