"""The state of a reception being typed, without Qt: what the screen shows, what a draft saves, and the
request it becomes. Saving and restoring a draft is `to_dict` / `from_dict` (JSON-safe values only)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from app.domain.catalog import Procedure
from app.domain.errors import ValidationError
from app.services.reception import ApplicantInput, ComponentInput, Decision, ReceptionRequest
from ui.reception.id_check import id_kind_of

FORMAT_VERSION = 1
_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")


@dataclass
class ComponentTick:
    code: str
    received: bool
    originals: int
    copies: int


@dataclass
class ReceptionForm:
    procedure_code: str | None = None
    components: list[ComponentTick] = field(default_factory=list)
    id_number: str = ""
    name: str = ""
    birth_date: str = ""  # as typed: dd/mm/yyyy
    phone: str = ""
    email: str = ""
    address: str = ""
    organisation: bool = False
    decision: str = Decision.ACCEPT.value
    reason: str = ""
    missing: str = ""  # one paper per line
    sets: int = 1
    summary: str = ""

    @classmethod
    def for_procedure(cls, procedure: Procedure) -> ReceptionForm:
        """A fresh form: every required component ticked as handed in, optional ones not."""
        return cls(
            procedure_code=procedure.code,
            components=[
                ComponentTick(c.code, c.required, c.originals, c.copies) for c in procedure.components
            ],
        )

    def is_blank(self) -> bool:
        typed = (self.id_number, self.name, self.birth_date, self.phone, self.email, self.address)
        return self.procedure_code is None and not any(t.strip() for t in typed)

    def missing_required(self, procedure: Procedure) -> list[str]:
        """Names of the required components not ticked as handed in."""
        ticked = {t.code for t in self.components if t.received}
        return [c.name for c in procedure.components if c.required and c.code not in ticked]

    def missing_lines(self) -> list[str]:
        return [line.strip() for line in self.missing.splitlines() if line.strip()]

    def to_dict(self) -> dict[str, Any]:
        return {"version": FORMAT_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReceptionForm:
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"unknown draft version {data.get('version')!r}")
        values = {k: v for k, v in data.items() if k != "version"}
        values["components"] = [ComponentTick(**c) for c in values.get("components", [])]
        return cls(**values)

    def to_request(self, officer: str, counter: int) -> ReceptionRequest:
        """The core's request; the core validates the rest (ID number, phone, components)."""
        if self.procedure_code is None:
            raise ValidationError("procedure", "choose the procedure first")
        number = self.id_number.strip() or None
        return ReceptionRequest(
            procedure_code=self.procedure_code,
            applicant=ApplicantInput(
                name=self.name,
                id_number=number,
                id_kind=id_kind_of(number) if number else None,
                kind="organisation" if self.organisation else "citizen",
                birth_date=parse_birth_date(self.birth_date),
                phone=self.phone.strip() or None,
                email=self.email.strip() or None,
                address=self.address.strip() or None,
            ),
            components=[ComponentInput(t.code, t.received, t.originals, t.copies) for t in self.components],
            decision=Decision(self.decision),
            reason=self.reason.strip() or None,
            missing=self.missing_lines(),
            sets=self.sets,
            summary=self.summary.strip() or None,
            officer=officer,
            counter_number=counter,
        )


def parse_birth_date(text: str) -> date | None:
    """dd/mm/yyyy (also with dots or dashes); empty is fine, anything else is refused."""
    raw = text.strip()
    if not raw:
        return None
    match = _DATE.fullmatch(raw)
    if match is None:
        raise ValidationError("applicant.birth_date", "use day/month/year, e.g. 14/05/1990")
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError("applicant.birth_date", "no such day") from None
