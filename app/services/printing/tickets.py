"""Queue tickets: what one says (from the catalogue's fields or the queue's services) and its bytes for the
desk's ticket printer, queued like every other print job."""

from __future__ import annotations

from datetime import datetime

from app.domain.errors import NotFound, ValidationError
from app.services.printing.context import Printing
from app.services.printing.jobs import enqueue
from app.services.printing.model import TicketData
from app.services.printing.ports import ESCPOS, PrintJob


def service_name(printing: Printing, code: str) -> str:
    """A service is a field of the catalogue (HT: Hộ tịch) or a procedure code."""
    with printing.services.uow(write=False) as uow:
        for procedure in uow.catalog.all():
            if procedure.field_code == code:
                return procedure.field_name
            if procedure.code == code:
                return procedure.name
    raise ValidationError(
        "service", f"unknown service {code!r}: give a field code of the catalogue (e.g. HT)"
    )


def ticket_data(
    printing: Printing,
    number: str,
    service_code: str,
    *,
    waiting: int = 0,
    name: str | None = None,
    at: datetime | None = None,
    qr: str | None = None,
) -> TicketData:
    services = printing.services
    if waiting < 0:
        raise ValidationError("waiting", "cannot be negative")
    moment = at or services.now()
    office = printing.config.office_name
    if not office:
        with services.uow(write=False) as uow:
            try:
                office = uow.offices.get_office(services.desk.office_code).name
            except NotFound:
                office = ""
    day = services.local(moment).strftime("%y%m%d")
    return TicketData(
        number=number.strip().upper(),
        service_code=service_code,
        service_name=name or service_name(printing, service_code),
        issued_at=moment,
        waiting=waiting,
        office_name=office,
        qr=qr if qr is not None else printing.config.lookup_url(f"{number.strip().upper()}-{day}"),
    )


def render_ticket(printing: Printing, ticket: TicketData, profile: str | None = None) -> bytes:
    return printing.tickets.render(
        ticket, profile or printing.config.ticket_profile, printing.config.ticket_vietnamese
    )


def print_ticket(printing: Printing, ticket: TicketData, printer: str | None = None) -> PrintJob:
    data = render_ticket(printing, ticket)
    target = printer or printing.config.ticket_printer
    if not target:
        raise ValidationError("printer", "no ticket printer set (printing.ticket_printer)")
    return enqueue(
        printing, kind="ticket", title=f"Phiếu {ticket.number}", printer=target, data=data, media_type=ESCPOS
    )
