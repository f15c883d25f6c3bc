"""Op bodies of the reception screen (no Qt; run on the database worker)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.applicant import Applicant
from app.domain.catalog import Procedure
from app.domain.lifecycle import Status
from app.services.context import Services
from app.services.desk_lookups import appointment_for, find_applicant
from app.services.reception import ReceptionRequest, receive_dossier


@dataclass(frozen=True, slots=True)
class Appointment:
    procedure_code: str
    due_local: datetime
    computed_at: datetime


@dataclass(frozen=True, slots=True)
class Received:
    """What the screen tells the officer (and the citizen) once the dossier is written."""

    code: str
    status: Status
    applicant_name: str
    procedure_name: str
    received_local: datetime
    due_local: datetime | None
    fee_total: int


def lookup_applicant(services: Services, id_number: str) -> tuple[str, Applicant | None]:
    return id_number, find_applicant(services, id_number)


def preview_appointment(services: Services, procedure: Procedure) -> Appointment:
    now = services.now()
    return Appointment(procedure.code, services.local(appointment_for(services, procedure, now)), now)


def receive(services: Services, request: ReceptionRequest) -> Received:
    dossier = receive_dossier(services, request)
    return Received(
        code=dossier.code,
        status=dossier.status,
        applicant_name=dossier.applicant.name,
        procedure_name=dossier.procedure_name,
        received_local=services.local(dossier.received_at),
        due_local=services.local(dossier.due_at) if dossier.due_at else None,
        fee_total=dossier.fee_total,
    )
