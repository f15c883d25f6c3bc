"""Queue statistics for supervisors: waiting, walking, service and idle times per service, counter,
officer, hour of day, day or priority class, computed from the tickets' events (queue.md §1 "Stats",
§6 item 6 "Metrics").

Everything is derived from the append-only events; the repository only reads them (`report_rows`), in
ticket order, for the tickets issued on the local days of the range (Asia/Ho_Chi_Minh: a ticket issued
at 23:50 belongs to its day, one at 00:10 to the next).

What each figure means:

- issued: numbered tickets taken (walk-ins are counted apart, as `walk_ins`, and have no wait).
- waiting: issue -> first call. A transferred or recycled ticket keeps its first wait only: the citizen
  was called once; what follows is walking and service. Tickets never called have no wait.
- walking: a call -> the start of service (recalls do not restart it; a recycled call has no walk).
  When the officer completes without pressing "start", the domain says service began at the call
  (`Ticket.complete`), so walking is 0 and the service time runs from the call.
- service: start (or resume after a hold) -> completion, hold or transfer, summed per ticket, counted at
  the counter, officer and service where it happened: a transferred ticket's service is split between
  the counters that served it; its wait counts from its issue, at the first counter that called it.
- served / no-show / recycled / transferred: tickets, counted where that step happened. No-show % is
  no-shows over tickets finished there (served + no-show).
- over service level: of the tickets called, those whose wait exceeded the level (default 15 min).
- idle (per counter or officer only): the events say when a counter takes a ticket (call, walk-in,
  resume) and lets it go (completion, no-show, recycle, transfer, hold), not when it is open. So idle is
  the time from letting the last ticket go to the next call on the same local day, and a gap longer than
  `idle_gap_limit_min` (default 60) is taken as the counter being closed (lunch, a meeting) and left
  out; the time before the day's first call and after its last ticket is not counted either.

Grouping by service, counter or officer puts each step where it happened; by hour, day or priority, all
of a ticket's figures go to its issue (hour of issue, local time).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from app.domain.errors import ValidationError
from app.domain.queue.model import LOCAL_TZ, Priority
from app.services.queue.context import QueueContext

GROUPINGS = ("service", "counter", "officer", "hour", "day", "priority")
DEFAULT_SERVICE_LEVEL_MIN = 15.0
DEFAULT_IDLE_GAP_LIMIT_MIN = 60.0
MAX_RANGE_DAYS = 366
NOT_CALLED = ""  # the group of tickets no counter called (grouped by counter or officer)

# One event of a ticket, as the repository reads it (plain tuples: a report reads hundreds of thousands):
# (ticket id, issue day ISO, priority, the ticket's service now, event type, UTC ms, counter, actor,
#  the payload of a "transferred" event, else None)
ReportRow = tuple[int, str, str, str, str, int, int | None, str, str | None]


@runtime_checkable
class ReportSource(Protocol):
    def report_rows(self, office_code: str, first: date, last: date) -> list[ReportRow]:
        """Events of the office's tickets issued on local days first..last, by ticket id then seq."""
        ...


# -- per ticket -----------------------------------------------------------------------------------------

Place = tuple[int | None, str | None, str]  # (counter, officer, service) where a step happened


@dataclass(slots=True)
class TicketStory:
    """What one ticket's events say, with where each step happened."""

    day: str
    priority: str
    issued_at: int
    walk_in: bool = False
    first_call: Place | None = None
    issued_service: str = ""
    wait_ms: int | None = None
    walks: list[tuple[Place, int]] = field(default_factory=list)
    services: list[tuple[Place, int]] = field(default_factory=list)
    served: list[Place] = field(default_factory=list)
    no_shows: list[Place] = field(default_factory=list)
    recycles: list[Place] = field(default_factory=list)
    transfers: list[Place] = field(default_factory=list)


def stories(rows: Iterable[ReportRow]) -> list[TicketStory]:
    """Each ticket's story from its events (rows of one ticket together, in seq order)."""
    return [_story(list(events)) for _, events in groupby(rows, key=itemgetter(0))]


def _story(events: list[ReportRow]) -> TicketStory:
    _, day, priority, now_service, _, first_at, _, _, _ = events[0]
    story = TicketStory(day, priority, first_at)
    # Only "transferred" rows carry a payload (see report_rows).
    transfers = [json.loads(e[8]) for e in events if e[8] is not None]
    # The row names the service the ticket is in now; before its first transfer it was in the one that
    # transfer names as its origin.
    service = str(transfers[0].get("from_service") or now_service) if transfers else now_service
    story.issued_service = service
    call: tuple[int, Place] | None = None  # the call the citizen is walking to
    serving: tuple[int, Place] | None = None
    started_at: int | None = None
    transfer_index = 0
    for _id, _day, _priority, _now, kind, at, counter, actor, _payload in events:
        if kind == "issued":
            continue
        place: Place = (counter, actor, service)
        if kind == "walked_in":
            story.walk_in = True
            story.first_call = place
            serving = (at, place)
        elif kind == "called":
            if story.first_call is None:
                story.first_call = place
                story.wait_ms = at - story.issued_at
            call = (at, place)
        elif kind == "started":
            if call is not None:
                story.walks.append((call[1], at - call[0]))
            serving, started_at = (at, place), at
            continue
        elif kind == "completed":
            if started_at == at and call is not None and serving is not None:
                # complete() without "start": service began at the call (see the module docstring).
                story.walks[-1] = (call[1], 0)
                serving = (call[0], serving[1])
            if serving is not None:
                story.services.append((serving[1], at - serving[0]))
            story.served.append(place)
            call = serving = None
        elif kind == "no_show":
            story.no_shows.append(place)
            call = None
        elif kind == "recycled":
            story.recycles.append(place)
            call = None
        elif kind == "held":
            if serving is not None:
                story.services.append((serving[1], at - serving[0]))
            elif call is not None:  # held before "start": the citizen had come, so service began
                story.walks.append((call[1], at - call[0]))
            call = serving = None
        elif kind == "resumed":
            serving = (at, place)
        elif kind == "transferred":
            if serving is not None:
                story.services.append((serving[1], at - serving[0]))
            story.transfers.append(place)
            data = transfers[transfer_index]
            transfer_index += 1
            if data.get("service"):
                service = str(data["service"])
            call = serving = None
        started_at = None
    return story


# -- figures ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Durations:
    """Seconds; None when there is no sample."""

    count: int
    median_s: float | None
    mean_s: float | None
    p90_s: float | None
    max_s: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def quantile(ordered: Sequence[int], fraction: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default; the median for 0.5)."""
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def durations(values_ms: Sequence[int]) -> Durations:
    if not values_ms:
        return Durations(0, None, None, None, None)
    ordered = sorted(values_ms)

    def s(ms: float) -> float:
        return round(ms / 1000, 1)

    return Durations(
        len(ordered),
        s(quantile(ordered, 0.5)),
        s(sum(ordered) / len(ordered)),
        s(quantile(ordered, 0.9)),
        s(ordered[-1]),
    )


@dataclass(frozen=True, slots=True)
class GroupFigures:
    key: str
    issued: int
    walk_ins: int
    served: int
    no_show: int
    no_show_pct: float | None
    transferred: int
    recycled: int
    wait: Durations
    walk: Durations
    service: Durations
    over_service_level: int
    over_service_level_pct: float | None
    idle_s: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)  # its Durations nested as dicts too


@dataclass(slots=True)
class _Acc:
    issued: int = 0
    walk_ins: int = 0
    served: int = 0
    no_show: int = 0
    transferred: int = 0
    recycled: int = 0
    waits: list[int] = field(default_factory=list)
    walks: list[int] = field(default_factory=list)
    services: list[int] = field(default_factory=list)

    def figures(self, key: str, level_ms: int, idle_ms: int | None) -> GroupFigures:
        finished = self.served + self.no_show
        over = sum(1 for w in self.waits if w > level_ms)
        return GroupFigures(
            key=key,
            issued=self.issued,
            walk_ins=self.walk_ins,
            served=self.served,
            no_show=self.no_show,
            no_show_pct=_pct(self.no_show, finished),
            transferred=self.transferred,
            recycled=self.recycled,
            wait=durations(self.waits),
            walk=durations(self.walks),
            service=durations(self.services),
            over_service_level=over,
            over_service_level_pct=_pct(over, len(self.waits)),
            idle_s=None if idle_ms is None else round(idle_ms / 1000, 1),
        )


def _merged(accs: Iterable[_Acc]) -> _Acc:
    """The sum of groups that split the tickets between them (each ticket in exactly one)."""
    total = _Acc()
    for a in accs:
        total.issued += a.issued
        total.walk_ins += a.walk_ins
        total.served += a.served
        total.no_show += a.no_show
        total.transferred += a.transferred
        total.recycled += a.recycled
        total.waits += a.waits
        total.walks += a.walks
        total.services += a.services
    return total


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _place_key(by: str, place: Place) -> str:
    counter, officer, service = place
    if by == "counter":
        return NOT_CALLED if counter is None else str(counter)
    if by == "officer":
        return officer or NOT_CALLED
    return service


def _ticket_key(by: str, story: TicketStory, tz: ZoneInfo) -> str:
    if by == "day":
        return story.day
    if by == "priority":
        return story.priority
    if by == "hour":
        return f"{datetime.fromtimestamp(story.issued_at / 1000, tz).hour:02d}"
    return ""  # the total


def aggregate(story_list: Sequence[TicketStory], by: str, tz: ZoneInfo = LOCAL_TZ) -> dict[str, _Acc]:
    accs: dict[str, _Acc] = {}

    def acc(key: str) -> _Acc:
        found = accs.get(key)
        if found is None:
            found = accs[key] = _Acc()
        return found

    by_place = by in ("service", "counter", "officer")
    for story in story_list:
        if not by_place:
            a = acc(_ticket_key(by, story, tz))
            if story.walk_in:
                a.walk_ins += 1
            else:
                a.issued += 1
            if story.wait_ms is not None:
                a.waits.append(story.wait_ms)
            if story.walks:
                a.walks.append(sum(ms for _, ms in story.walks))
            if story.services:
                a.services.append(sum(ms for _, ms in story.services))
            a.served += bool(story.served)
            a.no_show += bool(story.no_shows)
            a.transferred += bool(story.transfers)
            a.recycled += bool(story.recycles)
            continue
        origin: Place = story.first_call or (None, None, story.issued_service)
        a = acc(_place_key(by, (origin[0], origin[1], story.issued_service)))
        if story.walk_in:
            a.walk_ins += 1
        else:
            a.issued += 1
        if story.wait_ms is not None:
            a.waits.append(story.wait_ms)
        for pairs, target in ((story.walks, "walks"), (story.services, "services")):
            if not pairs:
                continue
            sums: dict[str, int] = {}
            for place, ms in pairs:
                key = _place_key(by, place)
                sums[key] = sums.get(key, 0) + ms
            for key, ms in sums.items():
                getattr(acc(key), target).append(ms)
        for places, name in (
            (story.served, "served"),
            (story.no_shows, "no_show"),
            (story.transfers, "transferred"),
            (story.recycles, "recycled"),
        ):
            for key in {_place_key(by, p) for p in places}:
                a2 = acc(key)
                setattr(a2, name, getattr(a2, name) + 1)
    return accs


_TAKES = frozenset({"called", "walked_in", "resumed"})
_LETS_GO = frozenset({"completed", "no_show", "recycled", "transferred", "held"})


def idle_times(
    rows: Iterable[ReportRow], by: str, gap_limit_ms: int, tz: ZoneInfo = LOCAL_TZ
) -> dict[str, int]:
    """Idle milliseconds per counter (by="counter") or officer (by="officer"); see the module docstring."""
    steps: list[tuple[str, int, int, bool]] = []  # (resource, at, ticket, takes)
    for ticket_id, _day, _priority, _service, kind, at, counter, actor, _payload in rows:
        takes = kind in _TAKES
        if not takes and kind not in _LETS_GO:
            continue
        if by == "counter":
            if counter is None:
                continue
            steps.append((str(counter), at, ticket_id, takes))
        else:
            steps.append((actor, at, ticket_id, takes))
    steps.sort(key=lambda s: (s[0], s[1], s[3]))  # at one instant, letting go comes before taking
    idle: dict[str, int] = {}
    resource: str | None = None
    active: set[int] = set()
    free_since: int | None = None
    for name, at, ticket, takes in steps:
        if name != resource:
            resource, active, free_since = name, set(), None
            idle.setdefault(name, 0)
        if takes:
            if not active and free_since is not None:
                gap = at - free_since
                if gap <= gap_limit_ms and _local_day(free_since, tz) == _local_day(at, tz):
                    idle[name] += gap
            active.add(ticket)
        else:
            active.discard(ticket)
            if not active:
                free_since = at
    return idle


def _local_day(ms: int, tz: ZoneInfo) -> date:
    return datetime.fromtimestamp(ms / 1000, tz).date()


# -- the report ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueReport:
    office_code: str
    first: date
    last: date
    by: str
    service_level_min: float
    groups: list[GroupFigures]
    priorities: list[GroupFigures]
    total: GroupFigures
    names: dict[str, str]  # service code -> name

    def as_dict(self) -> dict[str, Any]:
        return {
            "office": self.office_code,
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "by": self.by,
            "service_level_min": self.service_level_min,
            "groups": [g.as_dict() | {"label": self.label(g.key)} for g in self.groups],
            "priorities": [g.as_dict() for g in self.priorities],
            "total": self.total.as_dict(),
            "services": self.names,
        }

    def label(self, key: str) -> str:
        if self.by == "service":
            return f"{key} {self.names[key]}" if key in self.names else key
        if key == NOT_CALLED and self.by in ("counter", "officer"):
            return "(not called)"
        if self.by == "hour":
            return f"{key}:00-{int(key) + 1:02d}:00"
        return key


def check_range(first: date, last: date) -> None:
    if last < first:
        raise ValidationError("to", f"{last.isoformat()} is before {first.isoformat()}")
    if (last - first).days >= MAX_RANGE_DAYS:
        raise ValidationError("to", f"a report covers at most {MAX_RANGE_DAYS} days")


def build_report(
    rows: Sequence[ReportRow],
    *,
    office_code: str,
    first: date,
    last: date,
    by: str = "service",
    service_level_min: float = DEFAULT_SERVICE_LEVEL_MIN,
    idle_gap_limit_min: float = DEFAULT_IDLE_GAP_LIMIT_MIN,
    service_order: Sequence[tuple[str, str]] = (),
    tz: ZoneInfo = LOCAL_TZ,
) -> QueueReport:
    """The report from the rows of `ReportSource.report_rows` (pure: no I/O)."""
    if by not in GROUPINGS:
        raise ValidationError("by", f"unknown grouping {by!r} (one of {', '.join(GROUPINGS)})")
    if not 0 < service_level_min <= 24 * 60:
        raise ValidationError(
            "service_level", f"must be 1 second to 24 hours in minutes, got {service_level_min}"
        )
    check_range(first, last)
    level_ms = round(service_level_min * 60_000)
    story_list = stories(rows)
    accs = aggregate(story_list, by, tz)
    idle: dict[str, int] = {}
    if by in ("counter", "officer"):
        idle = idle_times(rows, by, round(idle_gap_limit_min * 60_000), tz)
    keys = _ordered(by, set(accs) | set(idle), [code for code, _ in service_order])
    groups = [
        accs.get(k, _Acc()).figures(k, level_ms, idle.get(k, 0) if by in ("counter", "officer") else None)
        for k in keys
    ]
    priority_accs = accs if by == "priority" else aggregate(story_list, "priority", tz)
    order = [p.value for p in Priority]
    priorities = [
        priority_accs[k].figures(k, level_ms, None)
        for k in sorted(priority_accs, key=lambda k: order.index(k) if k in order else len(order))
    ]
    total_acc = _merged(priority_accs.values())
    total = total_acc.figures("total", level_ms, sum(idle.values()) if idle else None)
    return QueueReport(
        office_code, first, last, by, service_level_min, groups, priorities, total, dict(service_order)
    )


def _ordered(by: str, keys: set[str], services: list[str]) -> list[str]:
    if by == "service":
        return sorted(keys, key=lambda k: (services.index(k) if k in services else len(services), k))
    if by == "counter":
        return sorted(keys, key=lambda k: (k == NOT_CALLED, int(k) if k.isdigit() else 0, k))
    if by == "priority":
        order = [p.value for p in Priority]
        return sorted(keys, key=lambda k: order.index(k) if k in order else len(order))
    return sorted(keys, key=lambda k: (k == NOT_CALLED, k))


def queue_report(
    ctx: QueueContext,
    first: date,
    last: date,
    *,
    by: str = "service",
    service_level_min: float = DEFAULT_SERVICE_LEVEL_MIN,
    idle_gap_limit_min: float = DEFAULT_IDLE_GAP_LIMIT_MIN,
) -> QueueReport:
    """The office's queue report for local days first..last (one read transaction)."""
    if by not in GROUPINGS:
        raise ValidationError("by", f"unknown grouping {by!r} (one of {', '.join(GROUPINGS)})")
    check_range(first, last)
    with ctx.uow(write=False) as uow:
        source = uow.tickets
        if not isinstance(source, ReportSource):
            raise TypeError("this queue store cannot read reports")
        rows = source.report_rows(ctx.office_code, first, last)
        services = [(s.code, s.name) for s in uow.setup.services(ctx.office_code)]
    return build_report(
        rows,
        office_code=ctx.office_code,
        first=first,
        last=last,
        by=by,
        service_level_min=service_level_min,
        idle_gap_limit_min=idle_gap_limit_min,
        service_order=services,
        tz=ctx.tz,
    )


def today_range(ctx: QueueContext) -> tuple[date, date]:
    day = ctx.day()
    return day, day


# -- as a table (CLI text, CSV, XLSX) --------------------------------------------------------------------

TABLE_HEADERS = (
    "group",
    "issued",
    "walk-ins",
    "served",
    "no-show",
    "no-show %",
    "transferred",
    "recycled",
    "wait median (min)",
    "wait mean (min)",
    "wait p90 (min)",
    "wait max (min)",
    "walk median (min)",
    "walk mean (min)",
    "walk p90 (min)",
    "walk max (min)",
    "service median (min)",
    "service mean (min)",
    "service p90 (min)",
    "service max (min)",
    "over service level",
    "over service level %",
    "idle (min)",
)


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def table_row(label: str, g: GroupFigures) -> list[str | int | float | None]:
    times: list[str | int | float | None] = []
    for d in (g.wait, g.walk, g.service):
        times += [_minutes(d.median_s), _minutes(d.mean_s), _minutes(d.p90_s), _minutes(d.max_s)]
    return [
        label,
        g.issued,
        g.walk_ins,
        g.served,
        g.no_show,
        g.no_show_pct,
        g.transferred,
        g.recycled,
        *times,
        g.over_service_level,
        g.over_service_level_pct,
        _minutes(g.idle_s),
    ]


def report_table(report: QueueReport) -> list[list[str | int | float | None]]:
    """The groups, the total, then each priority class: the rows under TABLE_HEADERS (times in minutes)."""
    rows = [table_row(report.label(g.key), g) for g in report.groups]
    rows.append(table_row("total", report.total))
    rows += [table_row(f"priority: {g.key}", g) for g in report.priorities]
    return rows
