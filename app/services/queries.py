"""Read-side use cases: a dossier's page and search, shaped for the CLI and the desk app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain.dossier import Dossier, applicant_to_dict
from app.domain.events import DossierEvent
from app.domain.lifecycle import allowed_actions
from app.ports import DossierFilter, DossierSummary
from app.services.context import Services


@dataclass(frozen=True, slots=True)
class DossierView:
    dossier: Dossier
    history: list[DossierEvent]
    overdue: bool
    portal_status: int


def show_dossier(services: Services, code: str) -> DossierView:
    with services.uow(write=False) as uow:
        dossier = uow.dossiers.get(code.strip())
        history = uow.dossiers.history(dossier.code)
    rules = services.rules.get(dossier.rules_version)
    return DossierView(
        dossier, history, dossier.is_overdue(services.now()), rules.portal_status(dossier.status)
    )


def search_dossiers(services: Services, text: str, limit: int = 50) -> list[DossierSummary]:
    with services.uow(write=False) as uow:
        return uow.dossiers.search(text, limit)


def list_dossiers(services: Services, where: DossierFilter, limit: int = 200) -> list[DossierSummary]:
    with services.uow(write=False) as uow:
        return uow.dossiers.list(where, limit)


def _local_iso(services: Services, moment: datetime | None) -> str | None:
    return None if moment is None else services.local(moment).isoformat()


def dossier_to_dict(services: Services, view: DossierView) -> dict[str, Any]:
    d = view.dossier
    return {
        "code": d.code,
        "uid": d.uid,
        "status": d.status.value,
        "portal_status": view.portal_status,
        "overdue": view.overdue,
        "procedure": {
            "code": d.procedure_code,
            "name": d.procedure_name,
            "version": d.procedure_version,
            "time_limit": d.time_limit.to_dict(),
        },
        "applicant": applicant_to_dict(d.applicant),
        "components": [c.to_dict() for c in d.components],
        "office_code": d.office_code,
        "counter": d.counter_number,
        "received_by": d.received_by,
        "received": _local_iso(services, d.received_at),
        "due": _local_iso(services, d.due_at),
        "original_due": _local_iso(services, d.original_due_at),
        "result_ready": _local_iso(services, d.result_ready_at),
        "returned": _local_iso(services, d.returned_at),
        "step": d.step_index,
        "steps": [{"name": s.name, "unit": s.unit, "hours": s.hours} for s in d.steps],
        "rules_version": d.rules_version,
        "fee_total": d.fee_total,
        "allowed_actions": [a.value for a in allowed_actions(d.status)],
        "documents": [
            {
                "sha256": doc.sha256,
                "size": doc.size,
                "kind": doc.kind.value,
                "name": doc.name,
                "media_type": doc.media_type,
                "added": _local_iso(services, doc.added_at),
                "added_by": doc.added_by,
                "component": doc.component_code,
                "copy_of": doc.copy_of,
            }
            for doc in d.documents
        ],
        "history": [
            {
                "seq": e.seq,
                "type": e.type.value,
                "at": _local_iso(services, e.occurred_at),
                "actor": e.actor,
                "key": e.key,
                "payload": e.payload,
            }
            for e in view.history
        ],
    }


def summary_to_dict(services: Services, s: DossierSummary) -> dict[str, Any]:
    return {
        "code": s.code,
        "applicant_name": s.applicant_name,
        "id_number": s.applicant_id_number,
        "phone": s.applicant_phone,
        "procedure_code": s.procedure_code,
        "procedure_name": s.procedure_name,
        "status": s.status.value,
        "received": _local_iso(services, s.received_at),
        "due": _local_iso(services, s.due_at),
    }
