"""The dossier (hồ sơ) aggregate: its state is the fold of its events.

Every command checks the state machine, builds one event and applies it; loading from storage restores the
last state and `replay` rebuilds it from the history alone, which is how the centre can trust a desk's
events. Time and identifiers come in from the caller, so this module stays pure and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.domain.applicant import Applicant, ApplicantKind
from app.domain.catalog import Component, Procedure, ProcessStep
from app.domain.errors import IllegalTransition, ValidationError
from app.domain.events import CREATION_EVENTS, DossierEvent, EventType, iso, parse_iso
from app.domain.identity import IdKind, guess_id_kind
from app.domain.lifecycle import ALLOWED, NEEDS_REASON, TERMINAL, Action, Status, is_overdue
from app.domain.text import nfc, nfc_or_none
from app.domain.timelimit import TimeLimit

MAX_REASON_LENGTH = 2000
_CLOSING = {
    EventType.REFUSED: Status.REFUSED,
    EventType.WITHDRAWN: Status.WITHDRAWN,
    EventType.STOPPED: Status.STOPPED,
    EventType.RESULT_RETURNED: Status.RETURNED,
}


_SHA256 = re.compile(r"[0-9a-f]{64}")


class DocumentKind(StrEnum):
    FORM = "form"  # a printed official form (Mẫu 01-06), archived as the PDF that was printed
    SCAN = "scan"  # a scanned paper the applicant handed in
    RESULT = "result"  # the digitised result
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Document:
    """A file of the dossier, kept in the content-addressed store by its SHA-256."""

    sha256: str
    size: int
    kind: DocumentKind
    name: str
    media_type: str
    added_at: datetime
    added_by: str
    component_code: str | None = None  # the component a scan proves
    copy_of: str | None = None  # a reprint names the SHA-256 of the original printout


class Timeliness(StrEnum):
    EARLY = "early"  # trước hạn
    ON_TIME = "on_time"  # đúng hạn
    LATE = "late"  # quá hạn


@dataclass(frozen=True, slots=True)
class ReceivedComponent:
    """A component as handed in: how many originals and copies, and the scans that prove it."""

    code: str
    name: str
    required: bool
    originals: int
    copies: int
    received: bool = True
    attachments: tuple[str, ...] = ()  # SHA-256 of the scanned PDFs

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "required": self.required,
            "originals": self.originals,
            "copies": self.copies,
            "received": self.received,
            "attachments": list(self.attachments),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReceivedComponent:
        return cls(
            code=data["code"],
            name=data["name"],
            required=bool(data["required"]),
            originals=int(data["originals"]),
            copies=int(data["copies"]),
            received=bool(data.get("received", True)),
            attachments=tuple(data.get("attachments", ())),
        )

    @classmethod
    def from_catalogue(
        cls,
        component: Component,
        *,
        originals: int | None = None,
        copies: int | None = None,
        received: bool = True,
    ) -> ReceivedComponent:
        return cls(
            code=component.code,
            name=component.name,
            required=component.required,
            originals=component.originals if originals is None else originals,
            copies=component.copies if copies is None else copies,
            received=received,
        )


def applicant_to_dict(applicant: Applicant, *, compact: bool = False) -> dict[str, Any]:
    data = {
        "name": applicant.name,
        "kind": applicant.kind.value,
        "id_kind": applicant.id_kind.value if applicant.id_kind else None,
        "id_number": applicant.id_number,
        "birth_date": applicant.birth_date.isoformat() if applicant.birth_date else None,
        "phone": applicant.phone,
        "email": applicant.email,
        "address": applicant.address,
    }
    if compact:  # events: a million dossiers make every byte count; leave out what the data already say
        if applicant.id_number and applicant.id_kind is guess_id_kind(applicant.id_number):
            data["id_kind"] = None
        return {k: v for k, v in data.items() if v is not None and (k, v) != ("kind", "citizen")}
    return data


def _implied_kind(data: dict[str, Any]) -> IdKind | None:
    """The kind `applicant_to_dict(compact=True)` left out because the number's shape says it."""
    number = data.get("id_number")
    return None if number is None else guess_id_kind(number)


def applicant_from_dict(data: dict[str, Any]) -> Applicant:
    return Applicant(
        name=data["name"],
        kind=ApplicantKind(data.get("kind", ApplicantKind.CITIZEN)),
        id_kind=IdKind(data["id_kind"]) if data.get("id_kind") else _implied_kind(data),
        id_number=data.get("id_number"),
        birth_date=date.fromisoformat(data["birth_date"]) if data.get("birth_date") else None,
        phone=data.get("phone"),
        email=data.get("email"),
        address=data.get("address"),
    )


@dataclass(frozen=True, slots=True)
class Reception:
    """What the counter records when a dossier is handed in."""

    uid: str
    code: str
    procedure: Procedure
    procedure_version: str  # fingerprint of the catalogue entry in force; its steps are read from it
    applicant: Applicant
    components: tuple[ReceivedComponent, ...]
    office_code: str
    received_at: datetime
    received_by: str
    rules_version: str
    counter_number: int | None = None
    sets: int = 1  # số bộ hồ sơ
    summary: str | None = None  # trích yếu / nội dung yêu cầu
    fee_total: int = 0
    return_method: str = "counter"
    channel: str = "counter"  # KenhThucHien 1 (trực tiếp)

    def snapshot(self) -> dict[str, Any]:
        """The first event's payload. Names of the procedure and its components live in the catalogue
        version it cites (immutable, content-addressed), so each dossier stores only what varies."""
        known = {c.code for c in self.procedure.components}
        stray = [c.code for c in self.components if c.code not in known]
        if stray:
            raise ValidationError("components", f"not in procedure {self.procedure.code}: {stray}")
        data: dict[str, Any] = {
            "code": self.code,
            "procedure": {"code": self.procedure.code, "version": self.procedure_version},
            "applicant": applicant_to_dict(self.applicant, compact=True),
            # code -> [originals, copies] of what was handed in; absent components were not.
            "components": {c.code: [c.originals, c.copies] for c in self.components if c.received},
            "office": self.office_code,
            "counter": self.counter_number,
            "rules": self.rules_version,
        }
        optional = {
            "sets": (self.sets, 1),
            "summary": (self.summary, None),
            "fee_total": (self.fee_total, 0),
            "return_method": (self.return_method, "counter"),
            "channel": (self.channel, "counter"),
        }
        data.update({key: value for key, (value, default) in optional.items() if value != default})
        return data


@dataclass(slots=True)
class Dossier:
    uid: str
    code: str
    procedure_code: str
    procedure_name: str
    field_code: str
    procedure_version: str
    time_limit: TimeLimit
    steps: tuple[ProcessStep, ...]
    applicant: Applicant
    components: tuple[ReceivedComponent, ...]
    office_code: str
    received_at: datetime
    received_by: str
    rules_version: str
    status: Status
    counter_number: int | None = None
    sets: int = 1
    summary: str | None = None
    fee_total: int = 0
    return_method: str = "counter"
    channel: str = "counter"
    due_at: datetime | None = None
    original_due_at: datetime | None = None  # the first appointment, kept when an apology moves it
    step_index: int = 0  # steps completed so far
    paused_at: datetime | None = None  # when the clock stopped for a supplement
    result_ready_at: datetime | None = None
    returned_at: datetime | None = None
    closed_at: datetime | None = None
    apologies: int = 0
    documents: tuple[Document, ...] = ()
    version: int = 0  # seq of the last applied event
    pending: list[DossierEvent] = field(default_factory=list)

    # ----- creation -------------------------------------------------------------------------------------

    @classmethod
    def receive(cls, reception: Reception, *, due_at: datetime) -> Dossier:
        """Accept a complete dossier at the counter (Mẫu 01)."""
        _check_aware(reception.received_at, "received_at")
        _check_aware(due_at, "due_at")
        if due_at <= reception.received_at:
            raise ValidationError("due_at", "must be after the time of receipt")
        missing = [c.name for c in reception.components if c.required and not c.received]
        if missing:
            raise ValidationError(
                "components", "required components are missing: " + "; ".join(missing), missing=missing
            )
        payload = reception.snapshot() | {"due_at": iso(due_at)}
        return cls._create(reception, EventType.RECEIVED, payload)

    @classmethod
    def open_for_supplement(cls, reception: Reception, *, reason: str, missing: Sequence[str]) -> Dossier:
        """Record an incomplete dossier and what is missing (Mẫu 02); the clock has not started."""
        payload = reception.snapshot() | {
            "reason": _reason(reason),
            "missing": [nfc(m) for m in missing],
        }
        if not payload["missing"]:
            raise ValidationError("missing", "list what the applicant must add")
        return cls._create(reception, EventType.OPENED_FOR_SUPPLEMENT, payload)

    @classmethod
    def refuse_at_counter(cls, reception: Reception, *, reason: str) -> Dossier:
        """Record a refusal at the counter (Mẫu 03)."""
        payload = reception.snapshot() | {"reason": _reason(reason)}
        return cls._create(reception, EventType.REFUSED_AT_COUNTER, payload)

    @classmethod
    def _create(cls, reception: Reception, kind: EventType, payload: dict[str, Any]) -> Dossier:
        _check_aware(reception.received_at, "received_at")
        event = DossierEvent(
            dossier_uid=reception.uid,
            seq=1,
            type=kind,
            occurred_at=reception.received_at,
            actor=reception.received_by,
            payload=payload,
        )
        dossier = _from_creation_event(event, reception.procedure)
        dossier.pending.append(event)
        return dossier

    # ----- commands ---------------------------------------------------------------------------------------

    def start_processing(self, *, at: datetime, actor: str, unit: str | None = None) -> None:
        self._do(
            Action.START_PROCESSING,
            EventType.PROCESSING_STARTED,
            at,
            actor,
            {"unit": nfc_or_none(unit) or (self.steps[0].unit if self.steps else None)},
        )

    def complete_step(
        self,
        *,
        at: datetime,
        actor: str,
        note: str | None = None,
        next_unit: str | None = None,
    ) -> None:
        self._check(Action.COMPLETE_STEP)
        if self.step_index >= len(self.steps):
            raise IllegalTransition(
                f"{self.code} has no step left to complete; mark the result ready",
                action=Action.COMPLETE_STEP,
                status=self.status,
            )
        step = self.steps[self.step_index]
        self._do(
            Action.COMPLETE_STEP,
            EventType.STEP_COMPLETED,
            at,
            actor,
            {
                "step": self.step_index + 1,
                "name": step.name,
                "unit": step.unit,
                "next_unit": nfc_or_none(next_unit),
                "note": nfc_or_none(note),
            },
        )

    def request_supplement(
        self, *, at: datetime, actor: str, reason: str, missing: Sequence[str] = ()
    ) -> None:
        self._do(
            Action.REQUEST_SUPPLEMENT,
            EventType.SUPPLEMENT_REQUESTED,
            at,
            actor,
            {"reason": _reason(reason), "missing": [nfc(m) for m in missing]},
        )

    def receive_supplement(
        self,
        *,
        at: datetime,
        actor: str,
        due_at: datetime,
        received_codes: Sequence[str] = (),
    ) -> None:
        """The applicant brought what was missing; the caller computes the new due time under the rules."""
        self._check(Action.RECEIVE_SUPPLEMENT)
        _check_aware(due_at, "due_at")
        # No "due after now" check: a dossier that was already late stays late once complete again.
        unknown = set(received_codes) - {c.code for c in self.components}
        if unknown:
            raise ValidationError("components", f"not components of this dossier: {sorted(unknown)}")
        missing = [
            c.name for c in self.components if c.required and not c.received and c.code not in received_codes
        ]
        if missing:
            raise ValidationError("components", "still missing: " + "; ".join(missing), missing=missing)
        self._do(
            Action.RECEIVE_SUPPLEMENT,
            EventType.SUPPLEMENT_RECEIVED,
            at,
            actor,
            {"due_at": iso(due_at), "received": list(received_codes)},
        )

    def refuse(self, *, at: datetime, actor: str, reason: str) -> None:
        self._do(Action.REFUSE, EventType.REFUSED, at, actor, {"reason": _reason(reason)})

    def mark_result_ready(self, *, at: datetime, actor: str, result: str | None = None) -> None:
        self._do(
            Action.MARK_RESULT_READY,
            EventType.RESULT_READY,
            at,
            actor,
            {"result": nfc_or_none(result)},
        )

    def return_result(
        self,
        *,
        at: datetime,
        actor: str,
        collector_name: str,
        collector_id: str | None = None,
        fee_paid: int | None = None,
    ) -> None:
        name = nfc(collector_name)
        if not name:
            raise ValidationError("collector_name", "say who collected the result")
        self._do(
            Action.RETURN_RESULT,
            EventType.RESULT_RETURNED,
            at,
            actor,
            {"collector_name": name, "collector_id": nfc_or_none(collector_id), "fee_paid": fee_paid},
        )

    def withdraw(self, *, at: datetime, actor: str, reason: str) -> None:
        self._do(Action.WITHDRAW, EventType.WITHDRAWN, at, actor, {"reason": _reason(reason)})

    def stop(self, *, at: datetime, actor: str, reason: str) -> None:
        self._do(Action.STOP, EventType.STOPPED, at, actor, {"reason": _reason(reason)})

    def apologise(
        self,
        *,
        at: datetime,
        actor: str,
        reason: str,
        new_due_at: datetime,
        max_apologies: int | None = None,
    ) -> None:
        """Mẫu 04: a new appointment with the reason for the delay; the first due time is kept."""
        self._check(Action.APOLOGISE)
        _check_aware(new_due_at, "new_due_at")
        if self.due_at is None:
            raise IllegalTransition(
                f"{self.code} has no appointment to move", action=Action.APOLOGISE, status=self.status
            )
        if new_due_at <= self.due_at:
            raise ValidationError("new_due_at", "the new appointment must be later than the current one")
        if new_due_at <= at:
            raise ValidationError("new_due_at", "the new appointment must be in the future")
        if max_apologies is not None and self.apologies >= max_apologies:
            raise IllegalTransition(
                f"{self.code} was already re-appointed {self.apologies} time(s); "
                f"the rules allow {max_apologies}",
                action=Action.APOLOGISE,
                status=self.status,
            )
        self._do(
            Action.APOLOGISE,
            EventType.APOLOGISED,
            at,
            actor,
            {"reason": _reason(reason), "previous_due_at": iso(self.due_at), "new_due_at": iso(new_due_at)},
        )

    def add_note(self, *, at: datetime, actor: str, text: str) -> None:
        self._do(Action.ADD_NOTE, EventType.NOTE_ADDED, at, actor, {"text": _reason(text)})

    def add_document(
        self,
        *,
        at: datetime,
        actor: str,
        kind: DocumentKind,
        sha256: str,
        size: int,
        name: str,
        media_type: str = "application/pdf",
        component_code: str | None = None,
        copy_of: str | None = None,
    ) -> None:
        """Record a stored file (printed form, scan, result) in the dossier's history."""
        if not _SHA256.fullmatch(sha256):
            raise ValidationError("sha256", "must be 64 lower-case hex digits")
        if size < 0:
            raise ValidationError("size", "cannot be negative")
        if component_code is not None and component_code not in {c.code for c in self.components}:
            raise ValidationError("component", f"{component_code!r} is not a component of {self.code}")
        if copy_of is not None and copy_of not in {d.sha256 for d in self.documents}:
            raise ValidationError("copy_of", "a reprint must name a document of this dossier")
        clean_name = nfc(name)
        if not clean_name:
            raise ValidationError("name", "is empty")
        self._do(
            Action.ADD_DOCUMENT,
            EventType.DOCUMENT_ADDED,
            at,
            actor,
            {
                "kind": DocumentKind(kind).value,
                "sha256": sha256,
                "size": size,
                "name": clean_name,
                "media_type": media_type,
                "component": component_code,
                "copy_of": copy_of,
            },
        )

    # ----- queries ----------------------------------------------------------------------------------------

    def is_overdue(self, now: datetime) -> bool:
        return is_overdue(self.status, self.due_at, now)

    def timeliness(self, working_day_of: Callable[[datetime], date] | None = None) -> Timeliness | None:
        """Early, on time or late, once a result exists (the reporting columns of QĐ 766)."""
        if self.result_ready_at is None or self.due_at is None:
            return None
        if self.result_ready_at > self.due_at:
            return Timeliness.LATE
        day_of = working_day_of or (lambda moment: moment.date())
        return Timeliness.ON_TIME if day_of(self.result_ready_at) == day_of(self.due_at) else Timeliness.EARLY

    @property
    def current_step(self) -> ProcessStep | None:
        if self.status is not Status.IN_PROCESSING or self.step_index >= len(self.steps):
            return None
        return self.steps[self.step_index]

    def collect_events(self) -> list[DossierEvent]:
        events, self.pending = self.pending, []
        return events

    # ----- machinery --------------------------------------------------------------------------------------

    def _check(self, action: Action) -> None:
        if self.status not in ALLOWED[action]:
            raise IllegalTransition(
                f"cannot {action.value} dossier {self.code} while it is {self.status.value}",
                action=action,
                status=self.status,
            )

    def _do(
        self,
        action: Action,
        kind: EventType,
        at: datetime,
        actor: str,
        payload: dict[str, Any],
    ) -> None:
        self._check(action)
        _check_aware(at, "at")
        if action in NEEDS_REASON and not any(payload.get(k) for k in ("reason", "text")):
            raise ValidationError("reason", f"{action.value} needs a reason")
        if not actor:
            raise ValidationError("actor", "who did this?")
        compact = {key: value for key, value in payload.items() if value is not None}
        event = DossierEvent(self.uid, self.version + 1, kind, at, actor, compact)
        self.apply(event)
        self.pending.append(event)

    def apply(self, event: DossierEvent) -> None:
        """Move the state by one event; the only place where state changes."""
        if event.seq != self.version + 1:
            raise ValidationError("event.seq", f"expected {self.version + 1}, got {event.seq}")
        if event.type in CREATION_EVENTS:
            raise ValidationError("event.type", f"{event.type} can only start a dossier's history")
        p = event.payload
        at = event.occurred_at
        match event.type:
            case EventType.PROCESSING_STARTED:
                self.status = Status.IN_PROCESSING
            case EventType.STEP_COMPLETED:
                self.step_index = int(p["step"])
            case EventType.SUPPLEMENT_REQUESTED:
                self.status = Status.SUPPLEMENT_REQUESTED
                self.paused_at = at
            case EventType.SUPPLEMENT_RECEIVED:
                self.status = Status.IN_PROCESSING if self.step_index > 0 else Status.RECEIVED
                received = set(p.get("received", ()))
                self.components = tuple(
                    replace(c, received=True) if c.code in received else c for c in self.components
                )
                new_due = parse_iso(p["due_at"])
                if self.due_at is None:
                    self.due_at = new_due
                elif self.original_due_at is None and new_due != self.due_at:
                    self.original_due_at = self.due_at
                self.due_at = new_due
                self.paused_at = None
            case EventType.REFUSED | EventType.WITHDRAWN | EventType.STOPPED | EventType.RESULT_RETURNED:
                self.status = _CLOSING[event.type]
                self.closed_at = at
                if event.type is EventType.RESULT_RETURNED:
                    self.returned_at = at
            case EventType.RESULT_READY:
                self.status = Status.RESULT_READY
                self.result_ready_at = at
            case EventType.APOLOGISED:
                if self.original_due_at is None:
                    self.original_due_at = parse_iso(p["previous_due_at"])
                self.due_at = parse_iso(p["new_due_at"])
                self.apologies += 1
            case EventType.NOTE_ADDED:
                pass
            case EventType.DOCUMENT_ADDED:
                document = Document(
                    sha256=p["sha256"],
                    size=int(p["size"]),
                    kind=DocumentKind(p["kind"]),
                    name=p["name"],
                    media_type=p.get("media_type", "application/pdf"),
                    added_at=at,
                    added_by=event.actor,
                    component_code=p.get("component"),
                    copy_of=p.get("copy_of"),
                )
                self.documents = (*self.documents, document)
                if document.component_code is not None:
                    self.components = tuple(
                        replace(c, attachments=(*c.attachments, document.sha256))
                        if c.code == document.component_code
                        else c
                        for c in self.components
                    )
        self.version = event.seq


def _from_creation_event(event: DossierEvent, procedure: Procedure) -> Dossier:
    if event.seq != 1 or event.type not in CREATION_EVENTS:
        raise ValidationError("event", f"a history starts with a creation event at seq 1, got {event.type}")
    p = event.payload
    proc = p["procedure"]
    if proc["code"] != procedure.code:
        raise ValidationError("procedure", f"history cites {proc['code']}, given {procedure.code}")
    status = {
        EventType.RECEIVED: Status.RECEIVED,
        EventType.OPENED_FOR_SUPPLEMENT: Status.SUPPLEMENT_REQUESTED,
        EventType.REFUSED_AT_COUNTER: Status.REFUSED,
    }[event.type]
    handed_in: dict[str, list[int]] = p["components"]
    components = tuple(
        ReceivedComponent.from_catalogue(c, originals=handed_in[c.code][0], copies=handed_in[c.code][1])
        if c.code in handed_in
        else ReceivedComponent.from_catalogue(c, received=False)
        for c in procedure.components
    )
    return Dossier(
        uid=event.dossier_uid,
        code=p["code"],
        procedure_code=proc["code"],
        procedure_name=procedure.name,
        field_code=procedure.field_code,
        time_limit=procedure.time_limit,
        procedure_version=proc["version"],
        steps=procedure.steps,
        applicant=applicant_from_dict(p["applicant"]),
        components=components,
        office_code=p["office"],
        counter_number=p.get("counter"),
        received_at=event.occurred_at,
        received_by=event.actor,
        rules_version=p["rules"],
        sets=int(p.get("sets", 1)),
        summary=p.get("summary"),
        fee_total=int(p.get("fee_total", 0)),
        return_method=p.get("return_method", "counter"),
        channel=p.get("channel", "counter"),
        status=status,
        due_at=parse_iso(p.get("due_at")),
        paused_at=event.occurred_at if status is Status.SUPPLEMENT_REQUESTED else None,
        closed_at=event.occurred_at if status in TERMINAL else None,
        version=1,
    )


def replay(events: Iterable[DossierEvent], procedure: Procedure) -> Dossier:
    """Rebuild a dossier from its whole history and the catalogue version its first event cites."""
    iterator = iter(events)
    try:
        first = next(iterator)
    except StopIteration:
        raise ValidationError("events", "a dossier needs at least one event") from None
    dossier = _from_creation_event(first, procedure)
    for event in iterator:
        dossier.apply(event)
    return dossier


def _check_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValidationError(name, "must carry a time zone")


def _reason(text: str) -> str:
    cleaned = nfc(text)
    if not cleaned:
        raise ValidationError("reason", "is empty")
    if len(cleaned) > MAX_REASON_LENGTH:
        raise ValidationError("reason", f"is longer than {MAX_REASON_LENGTH} characters")
    return cleaned
