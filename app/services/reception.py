"""Receiving a dossier at the counter: accept (Mẫu 01), ask for more (Mẫu 02) or refuse (Mẫu 03)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from app.domain.applicant import Applicant, ApplicantKind
from app.domain.calendar import DueMethod
from app.domain.catalog import Procedure
from app.domain.dossier import Dossier, ReceivedComponent, Reception
from app.domain.errors import ValidationError
from app.domain.text import nfc_or_none
from app.services.context import Services


class Decision(StrEnum):
    ACCEPT = "accept"
    SUPPLEMENT = "supplement"
    REFUSE = "refuse"


@dataclass(frozen=True, slots=True)
class ApplicantInput:
    name: str
    id_number: str | None = None
    id_kind: str | None = None
    kind: str = ApplicantKind.CITIZEN.value
    birth_date: date | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None


@dataclass(frozen=True, slots=True)
class ComponentInput:
    code: str
    received: bool = True
    originals: int | None = None
    copies: int | None = None


@dataclass(frozen=True, slots=True)
class ReceptionRequest:
    procedure_code: str
    applicant: ApplicantInput
    components: Sequence[ComponentInput] | None = None  # None: the required components, as listed
    decision: Decision = Decision.ACCEPT
    reason: str | None = None
    missing: Sequence[str] = ()
    sets: int = 1
    summary: str | None = None
    officer: str | None = None
    counter_number: int | None = None
    received_at: datetime | None = None  # None: now; set when entering a paper logbook after the fact
    return_method: str = "counter"
    extra_notes: dict[str, str] = field(default_factory=dict)


def _components(
    procedure: Procedure, given: Sequence[ComponentInput] | None
) -> tuple[ReceivedComponent, ...]:
    if given is None:  # what the procedure requires was handed in; optional papers were not
        return tuple(ReceivedComponent.from_catalogue(c, received=c.required) for c in procedure.components)
    by_code = {c.code: c for c in given}
    unknown = sorted(set(by_code) - {c.code for c in procedure.components})
    if unknown:
        known = ", ".join(c.code for c in procedure.components)
        raise ValidationError(
            "components", f"{', '.join(unknown)} not in procedure {procedure.code} (known: {known})"
        )
    result = []
    for component in procedure.components:
        entry = by_code.get(component.code)
        if entry is None:
            result.append(ReceivedComponent.from_catalogue(component, received=False))
            continue
        if (entry.originals or 0) < 0 or (entry.copies or 0) < 0:
            raise ValidationError("components", f"{component.code}: counts cannot be negative")
        result.append(
            ReceivedComponent.from_catalogue(
                component, originals=entry.originals, copies=entry.copies, received=entry.received
            )
        )
    return tuple(result)


def receive_dossier(services: Services, request: ReceptionRequest) -> Dossier:
    """Validate everything, allocate the code, write the dossier and its first event, or write nothing."""
    received_at = request.received_at or services.now()
    if received_at.tzinfo is None:
        raise ValidationError("received_at", "must carry a time zone")
    if received_at > services.now():
        raise ValidationError("received_at", "is in the future")
    local = services.local(received_at)
    officer_name = request.officer or services.desk.default_officer
    if not officer_name:
        raise ValidationError("officer", "say which officer receives the dossier")
    if request.sets < 1:
        raise ValidationError("sets", "at least one set of documents")
    raw = request.applicant
    try:
        kind = ApplicantKind(raw.kind)
    except ValueError as exc:
        raise ValidationError("applicant.kind", f"unknown kind {raw.kind!r}") from exc
    applicant = Applicant.create(
        name=raw.name,
        today=local.date(),
        kind=kind,
        id_kind=raw.id_kind,
        id_number=raw.id_number,
        birth_date=raw.birth_date,
        phone=raw.phone,
        email=raw.email,
        address=raw.address,
    )
    rules = services.rules.in_force(local)
    with services.uow() as uow:
        officer = uow.offices.officer(officer_name)
        if not officer.active:
            raise ValidationError("officer", f"{officer_name} is deactivated")
        procedure = uow.catalog.get(request.procedure_code)
        components = _components(procedure, request.components)
        n = uow.sequences.next(services.desk.unit_code, local.date(), services.desk.code_slot)
        code = rules.code_format.format(
            services.desk.unit_code, local.date(), rules.code_format.sequence(services.desk.code_slot, n)
        )
        reception = Reception(
            uid=services.new_uid(),
            code=code,
            procedure=procedure,
            procedure_version=uow.catalog.fingerprint(procedure.code),
            applicant=applicant,
            components=components,
            office_code=services.desk.office_code,
            received_at=received_at,
            received_by=officer.username,
            rules_version=rules.id,
            counter_number=request.counter_number or services.desk.counter_number,
            sets=request.sets,
            summary=nfc_or_none(request.summary),
            fee_total=procedure.total_fee,
            return_method=request.return_method,
        )
        if request.decision is Decision.ACCEPT:
            due = services.calendar.due(received_at, procedure.time_limit, DueMethod(rules.due_method))
            dossier = Dossier.receive(reception, due_at=due)
        elif request.decision is Decision.SUPPLEMENT:
            missing = list(request.missing) or [c.name for c in components if c.required and not c.received]
            dossier = Dossier.open_for_supplement(
                reception,
                reason=request.reason or "Hồ sơ chưa đầy đủ thành phần theo quy định",
                missing=missing,
            )
        else:
            if not request.reason:
                raise ValidationError("reason", "a refusal must state its reason")
            dossier = Dossier.refuse_at_counter(reception, reason=request.reason)
        uow.dossiers.add(dossier)
        uow.applicants.remember(applicant, received_at)
        uow.commit()
    return dossier
