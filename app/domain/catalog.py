"""The procedure catalogue (danh mục thủ tục hành chính) and each procedure's internal process."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.domain.errors import ValidationError
from app.domain.text import nfc, nfc_or_none
from app.domain.timelimit import TimeLimit, TimeUnit


class Level(StrEnum):
    PROVINCE = "province"
    COMMUNE = "commune"
    DISTRICT = "district"  # abolished on 1/7/2025, kept for dossiers received before
    MINISTRY = "ministry"


class OnlineService(StrEnum):
    FULL = "full"  # dịch vụ công trực tuyến toàn trình
    PARTIAL = "partial"  # một phần
    NONE = "none"


class ReturnMethod(StrEnum):
    COUNTER = "counter"
    POST = "post"
    ONLINE = "online"


@dataclass(frozen=True, slots=True)
class Fee:
    name: str
    amount: int  # VND; 0 when exempt
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Component:
    """A document the applicant hands in (thành phần hồ sơ)."""

    code: str
    name: str
    originals: int = 1
    copies: int = 0
    required: bool = True
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ProcessStep:
    """One step of the published internal process (quy trình nội bộ) with its time budget."""

    name: str
    unit: str
    hours: float


@dataclass(frozen=True, slots=True)
class Procedure:
    code: str  # mã TTHC as the province publishes it, e.g. 1.001193.000.00.00.H48
    name: str
    field_code: str
    field_name: str
    time_limit: TimeLimit
    level: Level = Level.PROVINCE
    online: OnlineService = OnlineService.NONE
    national_code: str | None = None
    fees: tuple[Fee, ...] = ()
    components: tuple[Component, ...] = ()
    steps: tuple[ProcessStep, ...] = ()
    result_name: str | None = None
    return_methods: tuple[ReturnMethod, ...] = (ReturnMethod.COUNTER,)
    handling_agency: str | None = None
    legal_basis: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)  # source notes kept for export, never read

    @property
    def total_fee(self) -> int:
        return sum(fee.amount for fee in self.fees)

    @property
    def required_components(self) -> tuple[Component, ...]:
        return tuple(c for c in self.components if c.required)

    def component(self, code: str) -> Component:
        for candidate in self.components:
            if candidate.code == code:
                return candidate
        raise ValidationError("component", f"{code!r} is not a component of {self.code}")

    def step_hours_within(self, minutes_per_day: int = 480) -> bool:
        """Whether the internal process fits the legal limit (only checkable for working-time limits)."""
        limit = self.time_limit
        if limit.unit is TimeUnit.WORKING_DAYS:
            budget = limit.value * minutes_per_day / 60
        elif limit.unit is TimeUnit.WORKING_HOURS:
            budget = limit.value
        else:
            return True
        return sum(step.hours for step in self.steps) <= budget + 1e-9


def _text(data: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"{where}.{key}", "is missing")
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{where}.{key}", f"must be text, got {type(value).__name__}")
    return nfc(value)


def _int(data: Mapping[str, Any], key: str, where: str, default: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or value != int(value):
        raise ValidationError(f"{where}.{key}", f"must be a whole number >= 0, got {value!r}")
    return int(value)


def _list(data: Mapping[str, Any], key: str, where: str) -> Sequence[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ValidationError(f"{where}.{key}", "must be a list")
    return value


def procedure_from_dict(data: Mapping[str, Any]) -> Procedure:
    """Build a procedure from the catalogue's JSON shape (see README, "Catalogue format")."""
    if not isinstance(data, Mapping):
        raise ValidationError("procedure", "must be an object")
    code = _text(data, "code", "procedure")
    assert code is not None
    where = f"procedure {code}"
    field_data = data.get("field") or {}
    if not isinstance(field_data, Mapping):
        raise ValidationError(f"{where}.field", "must be an object with code and name")
    limit_data = data.get("time_limit")
    if not isinstance(limit_data, Mapping):
        raise ValidationError(f"{where}.time_limit", "must be an object with value and unit")
    try:
        time_limit = TimeLimit.parse(limit_data.get("value", 0), str(limit_data.get("unit", "")))
        level = Level(data.get("level", Level.PROVINCE))
        online = OnlineService(data.get("online", OnlineService.NONE))
        result = data.get("result") or {}
        methods = tuple(ReturnMethod(m) for m in result.get("methods", ["counter"]))
    except ValueError as exc:
        raise ValidationError(where, str(exc)) from exc
    except ValidationError as exc:
        raise ValidationError(where, exc.message) from exc

    components = []
    seen: set[str] = set()
    for index, raw in enumerate(_list(data, "components", where), start=1):
        c_where = f"{where}.components[{index}]"
        if not isinstance(raw, Mapping):
            raise ValidationError(c_where, "must be an object")
        c_code = _text(raw, "code", c_where, required=False) or f"C{index}"
        if c_code in seen:
            raise ValidationError(c_where, f"duplicate component code {c_code!r}")
        seen.add(c_code)
        required = raw.get("required", True)
        if not isinstance(required, bool):
            raise ValidationError(f"{c_where}.required", "must be true or false")
        name = _text(raw, "name", c_where)
        assert name is not None
        components.append(
            Component(
                code=c_code,
                name=name,
                originals=_int(raw, "originals", c_where, 1),
                copies=_int(raw, "copies", c_where, 0),
                required=required,
                note=_text(raw, "note", c_where, required=False),
            )
        )
    fees = []
    for index, raw in enumerate(_list(data, "fees", where), start=1):
        f_where = f"{where}.fees[{index}]"
        if not isinstance(raw, Mapping):
            raise ValidationError(f_where, "must be an object")
        name = _text(raw, "name", f_where)
        assert name is not None
        fees.append(Fee(name, _int(raw, "amount", f_where, 0), _text(raw, "note", f_where, required=False)))
    steps = []
    for index, raw in enumerate(_list(data, "steps", where), start=1):
        s_where = f"{where}.steps[{index}]"
        if not isinstance(raw, Mapping):
            raise ValidationError(s_where, "must be an object")
        hours = raw.get("hours", 0)
        if isinstance(hours, bool) or not isinstance(hours, int | float) or hours < 0:
            raise ValidationError(f"{s_where}.hours", f"must be a number >= 0, got {hours!r}")
        name = _text(raw, "name", s_where)
        unit = _text(raw, "unit", s_where)
        assert name is not None and unit is not None
        steps.append(ProcessStep(name, unit, float(hours)))

    name = _text(data, "name", where)
    assert name is not None
    known = {
        "code",
        "name",
        "field",
        "time_limit",
        "level",
        "online",
        "national_code",
        "fees",
        "components",
        "steps",
        "result",
        "handling_agency",
        "legal_basis",
    }
    return Procedure(
        code=code,
        name=name,
        field_code=_text(field_data, "code", f"{where}.field") or "",
        field_name=_text(field_data, "name", f"{where}.field") or "",
        time_limit=time_limit,
        level=level,
        online=online,
        national_code=_text(data, "national_code", where, required=False),
        fees=tuple(fees),
        components=tuple(components),
        steps=tuple(steps),
        result_name=nfc_or_none(result.get("name")),
        return_methods=methods,
        handling_agency=_text(data, "handling_agency", where, required=False),
        legal_basis=tuple(nfc(str(x)) for x in _list(data, "legal_basis", where)),
        extra={k: v for k, v in data.items() if k not in known},
    )


def procedure_to_dict(procedure: Procedure) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": procedure.code,
        "national_code": procedure.national_code,
        "name": procedure.name,
        "field": {"code": procedure.field_code, "name": procedure.field_name},
        "level": procedure.level.value,
        "online": procedure.online.value,
        "time_limit": procedure.time_limit.to_dict(),
        "fees": [{"name": f.name, "amount": f.amount, "note": f.note} for f in procedure.fees],
        "components": [
            {
                "code": c.code,
                "name": c.name,
                "originals": c.originals,
                "copies": c.copies,
                "required": c.required,
                "note": c.note,
            }
            for c in procedure.components
        ],
        "result": {"name": procedure.result_name, "methods": [m.value for m in procedure.return_methods]},
        "handling_agency": procedure.handling_agency,
        "legal_basis": list(procedure.legal_basis),
        "steps": [{"name": s.name, "unit": s.unit, "hours": s.hours} for s in procedure.steps],
    }
    data.update(procedure.extra)
    return data


def procedure_fingerprint(procedure: Procedure) -> str:
    """A short, stable id of this catalogue entry's substance; dossiers cite it to keep the rules they got.

    Source notes (`extra`) are left out: re-importing the same procedure with other annotations, or from
    an XLSX file that has no place for them, is not a new version.
    """
    substance = procedure_to_dict(procedure)
    for key in procedure.extra:
        substance.pop(key, None)
    canonical = json.dumps(substance, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
