"""Forms of a dossier: fill the form the dossier's rule set names, render it, archive it, queue it.

Which template prints a kind is the rule set's business (`rules.form(kind)` gives id, number, paper), so a
dossier received under the 2018 rules keeps its 2018 forms, and a new set is data plus templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.catalog import Procedure
from app.domain.dossier import Document, DocumentKind, Dossier, Timeliness
from app.domain.errors import NotFound, ValidationError
from app.domain.events import DossierEvent, EventType, parse_iso
from app.ports import UnitOfWork
from app.services.printing import vietnamese as vi
from app.services.printing.context import Printing
from app.services.printing.model import (
    ApologyBody,
    Applicant,
    Body,
    ComponentLine,
    ControlSlipBody,
    DossierMarks,
    FormDocument,
    Handover,
    Letterhead,
    ReceiptBody,
    RefusalBody,
    SupplementBody,
)
from app.services.printing.ports import PDF, NewJob, PrintJob

DOSSIER_FORMS = ("receipt", "supplement_request", "refusal", "apology", "control_slip")
FORM_NUMBERS = {
    "01": "receipt",
    "02": "supplement_request",
    "03": "refusal",
    "04": "apology",
    "05": "control_slip",
}


@dataclass(frozen=True, slots=True)
class PrintedForm:
    document: Document  # the archive entry in the dossier's history
    pdf: bytes
    job: PrintJob | None  # None when the form only went to a file


def form_kind(number_or_kind: str) -> str:
    kind = FORM_NUMBERS.get(number_or_kind.strip().zfill(2), number_or_kind.strip())
    if kind not in DOSSIER_FORMS:
        raise ValidationError(
            "form", f"unknown form {number_or_kind!r}; use 01-05 or {', '.join(DOSSIER_FORMS)}"
        )
    return kind


# ----- filling ---------------------------------------------------------------------------------------------


def build_form(printing: Printing, code: str, kind: str, *, at: datetime | None = None) -> FormDocument:
    """The form `kind` for dossier `code`, as its rule set prints it, dated `at` (default: now)."""
    services = printing.services
    moment = at or services.now()
    with services.uow(write=False) as uow:
        dossier = uow.dossiers.get(code.strip())
        history = uow.dossiers.history(dossier.code)
        procedure = uow.catalog.version(dossier.procedure_version)
        office_name = _office_name(printing, uow)
        ruleset = services.rules.get(dossier.rules_version)
        spec = ruleset.form(kind)
        body = _body(printing, uow, kind, dossier, history, procedure, office_name)
    letterhead = Letterhead(
        governing_body=printing.config.governing_body,
        office_name=office_name,
        place=printing.config.place,
        issued_on=services.local(moment).date(),
    )
    return FormDocument(
        spec=spec,
        paper=printing.config.paper_for(kind, spec.paper),
        letterhead=letterhead,
        body=body,
        marks=DossierMarks(dossier.code, printing.config.lookup_url(dossier.code)),
    )


def _office_name(printing: Printing, uow: UnitOfWork) -> str:
    if printing.config.office_name:
        return printing.config.office_name
    try:
        return uow.offices.get_office(printing.services.desk.office_code).name
    except NotFound:
        return ""


def _officer_name(uow: UnitOfWork, username: str) -> str:
    try:
        return uow.offices.officer(username).full_name
    except NotFound:
        return username


def _applicant(dossier: Dossier) -> Applicant:
    a = dossier.applicant
    return Applicant(a.name, a.id_number, a.address, a.phone, a.email)


def _request(dossier: Dossier) -> str:
    if dossier.summary and dossier.summary != dossier.procedure_name:
        return f"{dossier.procedure_name} ({dossier.summary})"
    return dossier.procedure_name


def _last(history: list[DossierEvent], *types: EventType) -> DossierEvent | None:
    return next((e for e in reversed(history) if e.type in types), None)


def _body(
    printing: Printing,
    uow: UnitOfWork,
    kind: str,
    dossier: Dossier,
    history: list[DossierEvent],
    procedure: Procedure,
    office_name: str,
) -> Body:
    applicant = _applicant(dossier)
    request = _request(dossier)
    agency = procedure.handling_agency or office_name
    if kind == "receipt":
        if dossier.due_at is None:
            raise ValidationError(
                "form", f"{dossier.code} has no appointment yet (incomplete or refused): no receipt to print"
            )
        copies = vi.RECEIPT_COPIES[: printing.config.receipt_copies]
        return ReceiptBody(
            applicant=applicant,
            request=request,
            components=tuple(
                ComponentLine(c.name, c.originals, c.copies) for c in dossier.components if c.received
            ),
            sets=dossier.sets,
            time_limit=dossier.time_limit.describe_vi(),
            received_at=dossier.received_at,
            due_at=dossier.due_at,
            return_place=_return_place(dossier, office_name),
            officer_name=_officer_name(uow, dossier.received_by),
            copies=copies,
        )
    if kind == "supplement_request":
        event = _last(history, EventType.SUPPLEMENT_REQUESTED, EventType.OPENED_FOR_SUPPLEMENT)
        if event is None:
            raise ValidationError("form", f"{dossier.code} was never asked for a supplement")
        missing = tuple(event.payload.get("missing", ())) or tuple(
            c.name for c in dossier.components if c.required and not c.received
        )
        return SupplementBody(
            applicant=applicant,
            request=request,
            missing=missing,
            reason=event.payload.get("reason", ""),
            guide_name=_officer_name(uow, event.actor),
            contact=_contact(printing, uow, office_name),
            legal_basis=procedure.legal_basis,
        )
    if kind == "refusal":
        event = _last(history, EventType.REFUSED_AT_COUNTER, EventType.REFUSED)
        if event is None:
            raise ValidationError("form", f"{dossier.code} was not refused")
        return RefusalBody(applicant, request, event.payload["reason"], _officer_name(uow, event.actor))
    if kind == "apology":
        apologies = [e for e in history if e.type is EventType.APOLOGISED]
        if not apologies:
            raise ValidationError(
                "form", f"{dossier.code} has no apology (use `dossier transition ... apologise`)"
            )
        event = apologies[-1]
        previous, new = parse_iso(event.payload["previous_due_at"]), parse_iso(event.payload["new_due_at"])
        assert previous is not None and new is not None  # the domain writes both
        return ApologyBody(
            applicant=applicant,
            request=request,
            received_at=dossier.received_at,
            previous_due_at=previous,
            new_due_at=new,
            reason=event.payload["reason"],
            handling_agency=agency,
            number=str(len(apologies)),
        )
    if kind == "control_slip":
        return ControlSlipBody(
            applicant=applicant,
            request=request,
            received_at=dossier.received_at,
            due_at=dossier.due_at,
            handling_agency=agency,
            coordinating_agency=_coordinating(procedure, agency),
            handovers=_handovers(printing, dossier, history, office_name),
        )
    raise ValidationError("form", f"{kind!r} is not a form of one dossier")


def _return_place(dossier: Dossier, office_name: str) -> str:
    if dossier.return_method == "post":
        where = f", tại địa chỉ: {dossier.applicant.address}" if dossier.applicant.address else ""
        return f"Qua dịch vụ bưu chính công ích{where}"
    if dossier.return_method == "online":
        return "Trực tuyến, trên Cổng Dịch vụ công"
    counter = f", Quầy số {dossier.counter_number}" if dossier.counter_number else ""
    return f"{office_name}{counter}"


def _contact(printing: Printing, uow: UnitOfWork, office_name: str) -> str:
    try:
        office = uow.offices.get_office(printing.services.desk.office_code)
    except NotFound:
        return office_name
    phone = f", số điện thoại {office.phone}" if office.phone else ""
    return f"{office_name}{phone}"


def _coordinating(procedure: Procedure, agency: str) -> str:
    units = []
    for step in procedure.steps:
        if step.unit not in units and step.unit != agency and "Một cửa" not in step.unit:
            units.append(step.unit)
    return "; ".join(units)


def _is_desk(unit: str) -> bool:
    return "một cửa" in unit.lower() or "tiếp nhận và trả kết quả" in unit.lower()


def _handovers(
    printing: Printing, dossier: Dossier, history: list[DossierEvent], office_name: str
) -> tuple[Handover, ...]:
    """One row per handover of the published process: done ones with their time and whether the step kept
    its time budget (working hours from receipt, as the process publishes them), planned ones blank.
    Consecutive steps of one unit are one hop; the desk's own steps hand over to no one."""
    calendar = printing.services.calendar
    desk = "Bộ phận tiếp nhận và trả kết quả"
    completed = {int(e.payload["step"]): e for e in history if e.type is EventType.STEP_COMPLETED}
    started = _last(history, EventType.PROCESSING_STARTED)
    returned = _last(history, EventType.RESULT_RETURNED)
    # (unit, moment it hands over, deadline of that handover in working time)
    hops: list[tuple[str, datetime | None, datetime | None]] = []
    budget = 0.0
    for index, step in enumerate(dossier.steps):
        budget += step.hours * 60
        event = completed.get(index + 1)
        deadline = calendar.add_working_minutes(dossier.received_at, round(budget))
        unit = desk if _is_desk(step.unit) else step.unit
        moment = event.occurred_at if event else None
        if index == 0 and unit == desk and started is not None and moment is None:
            moment = started.occurred_at  # the desk's step ends when processing starts
        if hops and hops[-1][0] == unit:
            hops[-1] = (unit, moment, deadline)
        else:
            hops.append((unit, moment, deadline))
    if not hops or hops[0][0] != desk:
        hops.insert(0, (desk, started.occurred_at if started else None, None))
    if hops[-1][0] != desk:
        hops.append((desk, returned.occurred_at if returned else None, dossier.due_at))
    else:
        hops[-1] = (desk, returned.occurred_at if returned else None, dossier.due_at)
    receivers = [unit for unit, _, _ in hops[1:]] + [dossier.applicant.name]
    rows = []
    for (giver, handed_at, hop_deadline), receiver in zip(hops, receivers, strict=True):
        done = handed_at and hop_deadline and _timeliness(handed_at, hop_deadline)
        note = "Trả kết quả" if receiver == dossier.applicant.name else None
        rows.append(Handover(giver, receiver, handed_at, vi.TIMELINESS[done] if done else None, note))
    return tuple(rows)


def _timeliness(done: datetime, deadline: datetime) -> Timeliness:
    if done > deadline:
        return Timeliness.LATE
    return Timeliness.ON_TIME if deadline - done < timedelta(hours=1) else Timeliness.EARLY


# ----- printing and archiving ----------------------------------------------------------------------------


def document_name(document: FormDocument, *, copy: bool = False) -> str:
    suffix = " (bản in lại)" if copy else ""
    return f"Mẫu {document.spec.number} - {document.spec.title}{suffix}"


def print_form(
    printing: Printing,
    code: str,
    kind: str,
    *,
    printer: str | None = None,
    queue: bool = True,
    officer: str | None = None,
) -> PrintedForm:
    """Render the form, archive the PDF in the dossier's history and (with `queue`) add its print job, in
    one transaction: a form is never printed without its archive entry, nor archived without its job."""
    document = build_form(printing, code, kind)
    if not printing.forms.supports(document.spec.form_id):
        raise ValidationError("form", f"no template for form {document.spec.form_id} ({kind})")
    pdf = printing.forms.render(document)
    return _archive_and_queue(
        printing,
        code=document.marks.code if document.marks else code,
        pdf=pdf,
        name=document_name(document),
        kind=kind,
        paper=document.paper,
        printer=printing.config.printer_for(kind) if printer is None else printer,
        queue=queue,
        officer=officer,
        copy_of=None,
    )


def reprint_form(
    printing: Printing,
    code: str,
    *,
    sha256: str | None = None,
    kind: str | None = None,
    printer: str | None = None,
    queue: bool = True,
    officer: str | None = None,
) -> PrintedForm:
    """A copy of an archived printout, stamped as such; archived as a document naming its original."""
    services = printing.services
    with services.uow(write=False) as uow:
        dossier = uow.dossiers.get(code.strip())
        actor = officer or services.desk.default_officer or dossier.received_by
        officer_name = _officer_name(uow, actor)
    originals = [d for d in dossier.documents if d.kind is DocumentKind.FORM and d.copy_of is None]
    if sha256 is not None:
        originals = [d for d in originals if d.sha256 == sha256]
    elif kind is not None:
        number = services.rules.get(dossier.rules_version).form(kind).number
        originals = [d for d in originals if d.name.startswith(f"Mẫu {number} ")]
    if not originals:
        raise ValidationError("document", f"{dossier.code} has no printed form to copy{_which(sha256, kind)}")
    original = originals[-1]
    from app.services.printing.model import CopyMark

    mark = CopyMark(services.now(), original.sha256, original.added_at, officer_name)
    pdf = printing.forms.stamp_copy(services.blobs.read(original.sha256), mark)
    form_kind_name = kind or _kind_of(services.rules.get(dossier.rules_version).forms, original.name)
    paper = printing.config.paper_for(form_kind_name, "A4" if form_kind_name == "logbook" else "A5")
    return _archive_and_queue(
        printing,
        code=dossier.code,
        pdf=pdf,
        name=f"{original.name} (bản in lại)",
        kind=form_kind_name,
        paper=paper,
        printer=printing.config.printer_for(form_kind_name) if printer is None else printer,
        queue=queue,
        officer=officer,
        copy_of=original.sha256,
    )


def _which(sha256: str | None, kind: str | None) -> str:
    if sha256:
        return f" with SHA-256 {sha256}"
    return f" of kind {kind}" if kind else ""


def _kind_of(forms: object, name: str) -> str:
    from collections.abc import Mapping

    assert isinstance(forms, Mapping)
    for kind, spec in forms.items():
        if name.startswith(f"Mẫu {spec.number} "):
            return str(kind)
    return "receipt"


def _archive_and_queue(
    printing: Printing,
    *,
    code: str,
    pdf: bytes,
    name: str,
    kind: str,
    paper: str,
    printer: str,
    queue: bool,
    officer: str | None,
    copy_of: str | None,
) -> PrintedForm:
    services = printing.services
    stored = services.blobs.put(pdf)  # durable before the event that cites it (see attach_document)
    with services.uow() as uow:
        dossier = uow.dossiers.get(code)
        actor = uow.offices.officer(officer or services.desk.default_officer or dossier.received_by).username
        dossier.add_document(
            at=services.now(),
            actor=actor,
            kind=DocumentKind.FORM,
            sha256=stored.sha256,
            size=stored.size,
            name=name,
            media_type=PDF,
            copy_of=copy_of,
        )
        job = None
        if queue:
            job = printing.store.jobs(uow).add(
                NewJob(
                    uid=services.new_uid(),
                    kind=kind,
                    title=f"{code} {name}",
                    printer=printer,
                    media_type=PDF,
                    paper=paper,
                    dossier_code=code,
                    document_sha256=stored.sha256,
                ),
                services.now(),
            )
        uow.commit()
    return PrintedForm(dossier.documents[-1], pdf, job)
