"""Printing settings of a desk, read once into a typed value (per-kind printer and paper included)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.domain.errors import ValidationError
from app.settings.spec import (
    LOOKUP_BASE_URL,
    OFFICE_NAME,
    OFFICE_PLACE,
    PRINTING_GOVERNING_BODY,
    PRINTING_PAPER,
    PRINTING_PRINTER,
    PRINTING_RECEIPT_COPIES,
    PRINTING_ROUTES,
    PRINTING_TICKET_PRINTER,
    PRINTING_TICKET_PROFILE,
    PRINTING_TICKET_VIETNAMESE,
)
from app.settings.store import Settings


@dataclass(frozen=True, slots=True)
class Route:
    printer: str | None  # None: the default printer
    paper: str | None  # None: the form's own paper (or the office's A4 option)


@dataclass(frozen=True, slots=True)
class PrintingConfig:
    governing_body: str = "UBND TỈNH QUẢNG NGÃI"
    office_name: str = ""  # empty: the office's name from the database
    place: str = "Quảng Ngãi"
    lookup_base_url: str = "https://dichvucong.quangngai.gov.vn/tra-cuu?ma="
    printer: str = ""
    paper: str = "A5"
    routes: Mapping[str, Route] = field(default_factory=dict)
    receipt_copies: int = 2
    ticket_printer: str = ""
    ticket_profile: str = "epson-tm-t20ii"
    ticket_vietnamese: str = "auto"

    def lookup_url(self, code: str) -> str:
        return f"{self.lookup_base_url}{code}"

    def paper_for(self, kind: str, form_paper: str) -> str:
        """A route's paper wins; else A4 forms (the logbook) stay A4 and A5 forms follow the office."""
        route = self.routes.get(kind)
        if route is not None and route.paper:
            return route.paper
        return "A4" if form_paper == "A4" else self.paper

    def printer_for(self, kind: str) -> str:
        route = self.routes.get(kind)
        if route is not None and route.printer:
            return route.printer
        return self.printer


def parse_routes(text: str) -> dict[str, Route]:
    routes: dict[str, Route] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        kind, _, target = part.partition("=")
        printer, _, paper = target.partition("@")
        kind, printer, paper = kind.strip(), printer.strip(), paper.strip()
        if not kind or paper not in ("", "A5", "A4"):
            raise ValidationError("printing.routes", f"cannot read {part.strip()!r}")
        routes[kind] = Route(printer or None, paper or None)
    return routes


def printing_config(settings: Settings) -> PrintingConfig:
    return PrintingConfig(
        governing_body=settings.get(PRINTING_GOVERNING_BODY),
        office_name=settings.get(OFFICE_NAME),
        place=settings.get(OFFICE_PLACE),
        lookup_base_url=settings.get(LOOKUP_BASE_URL),
        printer=settings.get(PRINTING_PRINTER),
        paper=settings.get(PRINTING_PAPER),
        routes=parse_routes(settings.get(PRINTING_ROUTES)),
        receipt_copies=settings.get(PRINTING_RECEIPT_COPIES),
        ticket_printer=settings.get(PRINTING_TICKET_PRINTER),
        ticket_profile=settings.get(PRINTING_TICKET_PROFILE),
        ticket_vietnamese=settings.get(PRINTING_TICKET_VIETNAMESE),
    )
