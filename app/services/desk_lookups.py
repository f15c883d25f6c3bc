"""Look-ups the counter screen makes while a reception is typed: procedures, returning applicants, the
appointment a dossier would get, who works in this office, and what a new appointment would be.

Each is a plain read; the desk app runs them on its database worker and shows the answers live.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from app.domain.applicant import Applicant
from app.domain.calendar import DueMethod
from app.domain.catalog import Procedure
from app.domain.errors import InvalidIdNumber, ValidationError
from app.domain.identity import guess_id_kind, normalise_id_number
from app.domain.lifecycle import Action
from app.domain.office import Officer
from app.services.context import Services
from app.services.transitions import TransitionRequest, apology_due


def all_procedures(services: Services) -> list[Procedure]:
    """Every procedure in force, by code: the desk filters them in memory as the officer types."""
    with services.uow(write=False) as uow:
        return uow.catalog.all()


def get_procedure(services: Services, code: str) -> Procedure:
    with services.uow(write=False) as uow:
        return uow.catalog.get(code.strip())


def canonical_id_number(text: str, services: Services) -> str | None:
    """The form an ID number is stored under, or None when it cannot be one (nothing to look up)."""
    raw = text.strip()
    if not raw:
        return None
    kind = guess_id_kind(raw)
    if kind is None:
        cleaned = re.sub(r"\s", "", raw).upper()
        return cleaned if len(cleaned) >= 6 else None
    try:
        return normalise_id_number(kind, raw, services.today())
    except InvalidIdNumber:
        return None


def find_applicant(services: Services, id_number: str) -> Applicant | None:
    """A returning applicant by ID number (CCCD, CMND, passport or tax code), as last recorded."""
    number = canonical_id_number(id_number, services)
    if number is None:
        return None
    with services.uow(write=False) as uow:
        return uow.applicants.find(number)


def appointment_for(services: Services, procedure: Procedure, at: datetime | None = None) -> datetime:
    """The appointment (hẹn trả) a complete dossier of `procedure` received at `at` (default now) gets,
    under the rules in force then: the same computation `receive_dossier` makes."""
    moment = at or services.now()
    rules = services.rules.in_force(services.local(moment))
    return services.calendar.due(moment, procedure.time_limit, DueMethod(rules.due_method))


def office_officers(services: Services) -> list[Officer]:
    """The officers of this desk's office (active or not: old dossiers name them too)."""
    with services.uow(write=False) as uow:
        return uow.offices.officers(services.desk.office_code)


@dataclass(frozen=True, slots=True)
class ApologyPreview:
    current_due: datetime
    new_due: datetime


def preview_apology(services: Services, code: str, extra_working_days: float) -> ApologyPreview:
    """The appointment an apology adding `extra_working_days` would give, without writing anything."""
    with services.uow(write=False) as uow:
        dossier = uow.dossiers.get(code)
    if dossier.due_at is None:
        raise ValidationError("new_due_at", "the dossier has no appointment to move")
    request = TransitionRequest(code, Action.APOLOGISE, extra_working_days=extra_working_days)
    return ApologyPreview(dossier.due_at, apology_due(services, dossier, request))
