"""Writing many whole dossiers fast: one transaction per batch, each batch complete or absent.

`prepare_batch` turns dossiers into plain rows; it is a module-level function so a worker process can
run it and send back rows, which cross a process boundary several times cheaper than the dossiers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func
from sqlalchemy import insert as core_insert
from sqlalchemy.dialects.sqlite import insert

from app.domain.dossier import Dossier
from app.storage.event_store import event_row, outbox_row, projection_row
from app.storage.schema import applicants, code_sequences, dossier_events, dossiers, outbox
from app.storage.types import to_millis


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    dossiers: list[dict[str, Any]]
    events: list[list[dict[str, Any]]]  # per dossier, without dossier_id
    applicants: list[dict[str, Any]]

    @property
    def event_count(self) -> int:
        return sum(len(e) for e in self.events)


def prepare_batch(batch: Sequence[Dossier]) -> PreparedBatch:
    people: dict[str, dict[str, Any]] = {}
    for d in batch:
        a = d.applicant
        if a.id_number:
            people[a.id_number] = {
                "id_number": a.id_number,
                "id_kind": a.id_kind.value if a.id_kind else None,
                "kind": a.kind.value,
                "name": a.name,
                "birth_date": a.birth_date.isoformat() if a.birth_date else None,
                "phone": a.phone,
                "email": a.email,
                "address": a.address,
                "updated_at": to_millis(d.received_at),
            }
    return PreparedBatch(
        dossiers=[_plain(projection_row(d)) for d in batch],
        events=[[_plain(event_row(e, 0)) for e in d.collect_events()] for d in batch],
        applicants=list(people.values()),
    )


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    # Milliseconds instead of datetimes: pickling datetimes is what made worker results slow to ship.
    return {k: to_millis(v) if isinstance(v, datetime) else v for k, v in row.items()}


class BulkDossierWriter:
    prepare = staticmethod(prepare_batch)

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def write(
        self, batch: PreparedBatch, sequences: Iterable[tuple[str, str, int, int]], now: datetime
    ) -> None:
        """Dossiers, their events and outbox rows, returning applicants and the code counters, atomically.

        `sequences` are (unit_code, day, slot, last) high-water marks, so a later reception never reuses a
        code that a batch already took.
        """
        with self._engine.begin() as connection:
            ids = (
                connection.execute(
                    core_insert(dossiers).returning(dossiers.c.id, sort_by_parameter_order=True),
                    batch.dossiers,
                )
                .scalars()
                .all()
            )
            event_rows = [
                dict(row, dossier_id=dossier_id)
                for dossier_id, rows in zip(ids, batch.events, strict=True)
                for row in rows
            ]
            connection.execute(core_insert(dossier_events), event_rows)
            connection.execute(core_insert(outbox), [outbox_row(row, now) for row in event_rows])
            if batch.applicants:
                # Already-known people keep their record; a bulk load never overwrites what a desk typed.
                connection.execute(insert(applicants).on_conflict_do_nothing(), batch.applicants)
            rows = [{"unit_code": u, "day": d, "slot": s, "last": n} for u, d, s, n in sequences]
            if rows:
                statement = insert(code_sequences)
                connection.execute(
                    statement.on_conflict_do_update(
                        index_elements=[
                            code_sequences.c.unit_code,
                            code_sequences.c.day,
                            code_sequences.c.slot,
                        ],
                        set_={"last": func.max(code_sequences.c.last, statement.excluded.last)},
                    ),
                    rows,
                )
