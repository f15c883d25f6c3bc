"""Mẫu 06, the dossier logbook, for any range of receipt dates (local days, both ends included)."""

from __future__ import annotations

from datetime import date

from app.domain.errors import NotFound, ValidationError
from app.services.printing.context import Printing
from app.services.printing.model import FormDocument, Letterhead, LogbookBody

MAX_DAYS = 366


def build_logbook(printing: Printing, first_day: date, last_day: date) -> FormDocument:
    if last_day < first_day:
        raise ValidationError("to", f"the last day {last_day} is before the first day {first_day}")
    if (last_day - first_day).days >= MAX_DAYS:
        raise ValidationError("to", f"a logbook covers at most {MAX_DAYS} days; print it year by year")
    services = printing.services
    with services.uow(write=False) as uow:
        rows = printing.store.logbook(uow).rows(first_day, last_day, str(services.tz))
        office_name = printing.config.office_name
        if not office_name:
            try:
                office_name = uow.offices.get_office(services.desk.office_code).name
            except NotFound:
                office_name = ""
    spec = services.rules.in_force(last_day).form("logbook")
    return FormDocument(
        spec=spec,
        paper="A4",
        letterhead=Letterhead(
            printing.config.governing_body, office_name, printing.config.place, services.today()
        ),
        body=LogbookBody(first_day, last_day, tuple(rows)),
    )


def logbook_pdf(printing: Printing, first_day: date, last_day: date) -> bytes:
    return printing.forms.render(build_logbook(printing, first_day, last_day))


def logbook_xlsx(printing: Printing, first_day: date, last_day: date) -> bytes:
    document = build_logbook(printing, first_day, last_day)
    assert isinstance(document.body, LogbookBody)
    return printing.logbook_export.xlsx(document.body, document.spec.title, document.letterhead.office_name)
