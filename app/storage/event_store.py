"""Writing dossiers with their events and outbox rows, shared by the unit of work and the bulk loader."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert

from app.domain.dossier import Dossier
from app.domain.events import DossierEvent, EventType
from app.domain.text import fold
from app.storage.schema import dossier_events, dossiers, outbox

DOSSIER_STREAM = "dossier"


def projection_row(dossier: Dossier) -> dict[str, Any]:
    """The `dossiers` row: what lists, filters and search read without replaying events."""
    applicant = dossier.applicant
    return {
        "uid": dossier.uid,
        "code": dossier.code,
        "procedure_code": dossier.procedure_code,
        "field_code": dossier.field_code,
        "applicant_name": applicant.name,
        "applicant_name_folded": fold(applicant.name),
        "applicant_id_number": applicant.id_number,
        "applicant_phone": applicant.phone,
        "office_code": dossier.office_code,
        "counter_number": dossier.counter_number,
        "received_by": dossier.received_by,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "original_due_at": dossier.original_due_at,
        "status": dossier.status.value,
        "step_index": dossier.step_index,
        "result_ready_at": dossier.result_ready_at,
        "returned_at": dossier.returned_at,
        "closed_at": dossier.closed_at,
        "version": dossier.version,
    }


def dump_payload(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def event_row(event: DossierEvent, dossier_id: int) -> dict[str, Any]:
    return {
        "dossier_id": dossier_id,
        "seq": event.seq,
        "type": event.type.value,
        "occurred_at": event.occurred_at,
        "actor": event.actor,
        "payload": dump_payload(event.payload),
    }


def event_from_row(row: Row[Any], dossier_uid: str) -> DossierEvent:
    return DossierEvent(
        dossier_uid=dossier_uid,
        seq=row.seq,
        type=EventType(row.type),
        occurred_at=row.occurred_at,
        actor=row.actor,
        payload=json.loads(row.payload),
    )


def append_events(
    connection: Connection, items: Sequence[tuple[int, Sequence[DossierEvent]]], now: datetime
) -> int:
    """Insert events of several dossiers and one outbox row per event, in event order; returns the count."""
    rows = [event_row(event, dossier_id) for dossier_id, events in items for event in events]
    if not rows:
        return 0
    connection.execute(insert(dossier_events), rows)
    connection.execute(insert(outbox), [outbox_row(row, now) for row in rows])
    return len(rows)


def outbox_row(event: dict[str, Any], now: datetime | int) -> dict[str, Any]:
    return {
        "stream": DOSSIER_STREAM,
        "aggregate_id": event["dossier_id"],
        "event_seq": event["seq"],
        "created_at": now,
    }


def insert_new_dossiers(connection: Connection, new: Sequence[Dossier], now: datetime) -> list[int]:
    """Insert projection rows for new dossiers and all their pending events; returns their row ids."""
    if not new:
        return []
    ids = list(
        connection.execute(
            insert(dossiers).returning(dossiers.c.id, sort_by_parameter_order=True),
            [projection_row(d) for d in new],
        ).scalars()
    )
    append_events(connection, [(row_id, d.collect_events()) for row_id, d in zip(ids, new, strict=True)], now)
    return ids
