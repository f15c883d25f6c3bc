"""Op bodies of the dossier page (no Qt): load everything the page shows in one read, apply an action."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain.dossier import Dossier
from app.domain.errors import NotFound
from app.domain.events import EventType, parse_iso
from app.domain.lifecycle import Action, allowed_actions
from app.services.context import Services
from app.services.desk_lookups import ApologyPreview, office_officers, preview_apology
from app.services.queries import show_dossier
from app.services.transitions import TransitionRequest, transition

# Payload keys that hold a moment; the page shows them in local time.
_TIME_KEYS = ("due_at", "new_due_at", "previous_due_at")


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    seq: int
    when: datetime  # local
    actor: str
    actor_name: str
    type: EventType
    payload: dict[str, Any]
    times: dict[str, datetime] = field(default_factory=dict)  # local moments of the payload


@dataclass(frozen=True, slots=True)
class DossierPageData:
    dossier: Dossier
    portal_status: int
    overdue: bool
    late_working_days: float | None  # how late, in working days, while overdue
    received_local: datetime
    due_local: datetime | None
    original_due_local: datetime | None
    received_by_name: str
    actions: tuple[Action, ...]
    timeline: tuple[TimelineEntry, ...]
    loaded_at: datetime


def _names(services: Services) -> dict[str, str]:
    try:
        return {o.username: o.full_name for o in office_officers(services)}
    except NotFound:
        return {}


def load_dossier(services: Services, code: str) -> DossierPageData:
    view = show_dossier(services, code)
    d = view.dossier
    names = _names(services)
    now = services.now()
    late = None
    if view.overdue and d.due_at is not None:
        minutes = services.calendar.working_minutes_between(d.due_at, now)
        late = minutes / services.calendar.minutes_per_day
    timeline = []
    for event in view.history:
        times = {}
        for key in _TIME_KEYS:
            moment = parse_iso(event.payload.get(key)) if isinstance(event.payload.get(key), str) else None
            if moment is not None:
                times[key] = services.local(moment)
        timeline.append(
            TimelineEntry(
                seq=event.seq,
                when=services.local(event.occurred_at),
                actor=event.actor,
                actor_name=names.get(event.actor, event.actor),
                type=event.type,
                payload=dict(event.payload),
                times=times,
            )
        )
    return DossierPageData(
        dossier=d,
        portal_status=view.portal_status,
        overdue=view.overdue,
        late_working_days=late,
        received_local=services.local(d.received_at),
        due_local=services.local(d.due_at) if d.due_at else None,
        original_due_local=services.local(d.original_due_at) if d.original_due_at else None,
        received_by_name=names.get(d.received_by, d.received_by),
        actions=tuple(a for a in allowed_actions(d.status) if a is not Action.ADD_DOCUMENT),
        timeline=tuple(timeline),
        loaded_at=services.local(now),
    )


def apply_action(services: Services, request: TransitionRequest) -> DossierPageData:
    transition(services, request)
    return load_dossier(services, request.code)


def apology_preview(services: Services, code: str, extra_days: float) -> tuple[float, ApologyPreview]:
    preview = preview_apology(services, code, extra_days)
    return extra_days, ApologyPreview(services.local(preview.current_due), services.local(preview.new_due))
