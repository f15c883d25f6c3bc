"""The JSON shape of a reception (`motcua dossier receive --file`), validated with pydantic.

Documented in the README ("Dossier input"); `reception_schema()` gives the JSON Schema.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticError

from app.domain.errors import ValidationError
from app.services.reception import ApplicantInput, ComponentInput, Decision, ReceptionRequest


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ApplicantModel(_Strict):
    name: str = Field(min_length=1, max_length=200)
    id_number: str | None = None
    id_kind: Literal["cccd", "cmnd", "passport", "tax_code"] | None = None
    kind: Literal["citizen", "organisation"] = "citizen"
    birth_date: date | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None


class ComponentModel(_Strict):
    code: str = Field(min_length=1)
    received: bool = True
    originals: int | None = Field(default=None, ge=0)
    copies: int | None = Field(default=None, ge=0)


class ReceptionModel(_Strict):
    procedure: str = Field(min_length=1, description="procedure code from the catalogue")
    applicant: ApplicantModel
    components: list[ComponentModel | str] | None = Field(
        default=None, description="component codes handed in; omitted: every component of the procedure"
    )
    decision: Literal["accept", "supplement", "refuse"] = "accept"
    reason: str | None = None
    missing: list[str] = []
    sets: int = Field(default=1, ge=1, le=100)
    summary: str | None = Field(default=None, max_length=1000)
    officer: str | None = None
    counter: int | None = Field(default=None, ge=1)
    received_at: datetime | None = None
    return_method: Literal["counter", "post", "online"] = "counter"


def reception_schema() -> dict[str, Any]:
    return ReceptionModel.model_json_schema()


def _location(error: Any) -> str:
    return ".".join(str(part) for part in error["loc"]) or "input"


def request_from_json(data: Any) -> ReceptionRequest:
    try:
        model = ReceptionModel.model_validate(data)
    except PydanticError as exc:
        first = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ValidationError(_location(first), first["msg"] + more) from None
    components = None
    if model.components is not None:
        components = [
            ComponentInput(code=c)
            if isinstance(c, str)
            else ComponentInput(c.code, c.received, c.originals, c.copies)
            for c in model.components
        ]
    received_at = model.received_at
    if received_at is not None and received_at.tzinfo is None:
        from zoneinfo import ZoneInfo

        received_at = received_at.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    a = model.applicant
    return ReceptionRequest(
        procedure_code=model.procedure,
        applicant=ApplicantInput(
            a.name, a.id_number, a.id_kind, a.kind, a.birth_date, a.phone, a.email, a.address
        ),
        components=components,
        decision=Decision(model.decision),
        reason=model.reason,
        missing=model.missing,
        sets=model.sets,
        summary=model.summary,
        officer=model.officer,
        counter_number=model.counter,
        received_at=received_at,
        return_method=model.return_method,
    )
