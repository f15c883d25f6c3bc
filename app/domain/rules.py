"""Versioned rules with effective dates: forms, time rules, code format and the status map.

The law changed (Decree 118/2025/NĐ-CP replaced Decrees 61 and 107 on 1/7/2025), and will change again.
Each dossier records the rule set in force when it was received and keeps it for life; the next change is
a new entry in `resources/rules/rulesets.json`, not a code change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from app.domain.codes import CodeFormat
from app.domain.errors import NotFound, ValidationError
from app.domain.lifecycle import Status


@dataclass(frozen=True, slots=True)
class FormSpec:
    """Which template prints a document kind under a rule set (keyed by id + version, not by number)."""

    kind: str  # receipt, supplement_request, refusal, apology, control_slip, logbook, stop_notice
    form_id: str  # e.g. "TT01-2018/01"
    number: str  # the number printed on the form, "01"
    title: str
    paper: str = "A5"


class SupplementClock:
    SHIFT = "shift"  # the due time moves by the working time the applicant took
    RESTART = "restart"  # the full time limit runs again from the complete dossier


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    effective_from: date
    legal_basis: tuple[str, ...]
    code_format: CodeFormat
    status_codes: Mapping[Status, int]  # TrangThaiHoSo of the national portal
    forms: Mapping[str, FormSpec]
    due_method: str = "working_time"
    same_day_cutoff: time = time(15, 0)
    supplement_clock: str = SupplementClock.SHIFT
    max_apologies: int | None = None
    confidence: str = "high"
    notes: tuple[str, ...] = field(default=())

    def portal_status(self, status: Status) -> int:
        return self.status_codes[status]

    def form(self, kind: str) -> FormSpec:
        try:
            return self.forms[kind]
        except KeyError:
            raise NotFound(f"rule set {self.id} has no form for {kind!r}", kind=kind) from None


@dataclass(frozen=True, slots=True)
class RuleBook:
    rulesets: tuple[RuleSet, ...]  # sorted by effective_from

    def __post_init__(self) -> None:
        if not self.rulesets:
            raise ValidationError("rulesets", "at least one rule set is needed")
        ordered = tuple(sorted(self.rulesets, key=lambda r: r.effective_from))
        object.__setattr__(self, "rulesets", ordered)
        ids = [r.id for r in ordered]
        if len(set(ids)) != len(ids):
            raise ValidationError("rulesets", "rule set ids must be unique")

    def in_force(self, moment: date | datetime) -> RuleSet:
        day = moment.date() if isinstance(moment, datetime) else moment
        current = None
        for ruleset in self.rulesets:
            if ruleset.effective_from <= day:
                current = ruleset
        if current is None:
            raise NotFound(f"no rule set is in force on {day}", day=day.isoformat())
        return current

    def get(self, ruleset_id: str) -> RuleSet:
        for ruleset in self.rulesets:
            if ruleset.id == ruleset_id:
                return ruleset
        raise NotFound(f"unknown rule set {ruleset_id!r}", id=ruleset_id)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RuleBook:
        raw_sets = data.get("rulesets")
        if not isinstance(raw_sets, Sequence) or isinstance(raw_sets, str):
            raise ValidationError("rulesets", "must be a list")
        return cls(tuple(_ruleset(raw) for raw in raw_sets))


def _ruleset(raw: Mapping[str, Any]) -> RuleSet:
    where = f"ruleset {raw.get('id', '?')}"
    try:
        statuses = {Status(k): int(v) for k, v in raw["status_codes"].items()}
        missing = set(Status) - set(statuses)
        if missing:
            raise ValidationError(f"{where}.status_codes", f"missing {sorted(missing)}")
        forms = {
            kind: FormSpec(kind, f["id"], f["number"], f["title"], f.get("paper", "A5"))
            for kind, f in raw["forms"].items()
        }
        code = raw.get("dossier_code", {})
        hours, minutes = (int(x) for x in raw.get("same_day_cutoff", "15:00").split(":"))
        clock = raw.get("supplement_clock", SupplementClock.SHIFT)
        if clock not in (SupplementClock.SHIFT, SupplementClock.RESTART):
            raise ValidationError(f"{where}.supplement_clock", f"unknown value {clock!r}")
        return RuleSet(
            id=str(raw["id"]),
            effective_from=date.fromisoformat(raw["effective_from"]),
            legal_basis=tuple(raw.get("legal_basis", ())),
            code_format=CodeFormat(
                sequence_digits=int(code.get("sequence_digits", 4)),
                block_size=int(code.get("block_size", 1000)),
            ),
            status_codes=statuses,
            forms=forms,
            due_method=str(raw.get("due_method", "working_time")),
            same_day_cutoff=time(hours, minutes),
            supplement_clock=clock,
            max_apologies=raw.get("max_apologies"),
            confidence=str(raw.get("confidence", "high")),
            notes=tuple(raw.get("notes", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(where, f"malformed: {exc}") from exc
