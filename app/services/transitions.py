"""Moving a dossier through its lifecycle, with the rule set it was received under."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from app.domain.calendar import DueMethod
from app.domain.dossier import Dossier
from app.domain.errors import ValidationError
from app.domain.lifecycle import Action
from app.domain.rules import SupplementClock
from app.services.context import Services


@dataclass(frozen=True, slots=True)
class TransitionRequest:
    code: str
    action: Action
    officer: str | None = None
    reason: str | None = None
    missing: Sequence[str] = ()
    received_components: Sequence[str] = ()
    new_due_at: datetime | None = None
    extra_working_days: float | None = None  # apology: move the appointment by this many working days
    collector_name: str | None = None
    collector_id: str | None = None
    fee_paid: int | None = None
    result: str | None = None
    unit: str | None = None


class _Common(TypedDict):
    at: datetime
    actor: str


def _supplement_due(services: Services, dossier: Dossier, now: datetime) -> datetime:
    rules = services.rules.get(dossier.rules_version)
    method = DueMethod(rules.due_method)
    if dossier.due_at is None or rules.supplement_clock == SupplementClock.RESTART:
        return services.calendar.due(now, dossier.time_limit, method)
    paused_since = dossier.paused_at or now
    taken = services.calendar.working_minutes_between(paused_since, now)
    # Zero minutes must leave the due time alone (adding 0 to a 17:00 due would move it to 07:00 next day).
    return services.calendar.add_working_minutes(dossier.due_at, taken) if taken > 0 else dossier.due_at


def _apology_due(services: Services, dossier: Dossier, request: TransitionRequest) -> datetime:
    if request.new_due_at is not None:
        if request.new_due_at.tzinfo is None:
            raise ValidationError("new_due_at", "must carry a time zone")
        return request.new_due_at
    if request.extra_working_days is None or dossier.due_at is None:
        raise ValidationError("new_due_at", "give the new appointment or how many working days to add")
    minutes = round(request.extra_working_days * services.calendar.minutes_per_day)
    if minutes <= 0:
        raise ValidationError("extra_working_days", "must be more than zero")
    start = max(dossier.due_at, services.now())
    return services.calendar.add_working_minutes(services.calendar.next_working_moment(start), minutes)


def apology_due(services: Services, dossier: Dossier, request: TransitionRequest) -> datetime:
    """The appointment an apology would set: what `transition` writes, for screens that preview it."""
    return _apology_due(services, dossier, request)


def transition(services: Services, request: TransitionRequest) -> Dossier:
    """Apply one action to one dossier in one transaction; an illegal one raises and writes nothing."""
    officer_name = request.officer or services.desk.default_officer
    if not officer_name:
        raise ValidationError("officer", "say which officer acts")
    now = services.now()
    with services.uow() as uow:
        officer = uow.offices.officer(officer_name)
        dossier = uow.dossiers.get(request.code)
        common = _Common(at=now, actor=officer.username)
        reason = request.reason or ""
        match request.action:
            case Action.START_PROCESSING:
                dossier.start_processing(**common, unit=request.unit)
            case Action.COMPLETE_STEP:
                dossier.complete_step(**common, note=request.reason, next_unit=request.unit)
            case Action.REQUEST_SUPPLEMENT:
                dossier.request_supplement(**common, reason=reason, missing=request.missing)
            case Action.RECEIVE_SUPPLEMENT:
                dossier.receive_supplement(
                    **common,
                    due_at=_supplement_due(services, dossier, now),
                    received_codes=request.received_components
                    or [c.code for c in dossier.components if not c.received],
                )
            case Action.REFUSE:
                dossier.refuse(**common, reason=reason)
            case Action.MARK_RESULT_READY:
                dossier.mark_result_ready(**common, result=request.result)
            case Action.RETURN_RESULT:
                dossier.return_result(
                    **common,
                    collector_name=request.collector_name or dossier.applicant.name,
                    collector_id=request.collector_id,
                    fee_paid=request.fee_paid,
                )
            case Action.WITHDRAW:
                dossier.withdraw(**common, reason=reason)
            case Action.STOP:
                dossier.stop(**common, reason=reason)
            case Action.APOLOGISE:
                rules = services.rules.get(dossier.rules_version)
                dossier.apologise(
                    **common,
                    reason=reason,
                    new_due_at=_apology_due(services, dossier, request),
                    max_apologies=rules.max_apologies,
                )
            case Action.ADD_NOTE:
                dossier.add_note(**common, text=reason)
            case Action.ADD_DOCUMENT:
                raise ValidationError("action", "documents are added with their file (attach_document)")
        uow.commit()
    return dossier
