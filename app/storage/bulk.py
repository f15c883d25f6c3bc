"""Writing many whole dossiers fast: one transaction per batch, each batch complete or absent.

`prepare_batch` turns dossiers into plain tuples in column order (uids as bytes, times as milliseconds); it
is a module-level function so a worker process can run it and send back rows, which cross a process
boundary several times cheaper than the dossiers. `write` hands the tuples to SQLite's executemany
directly: SQLAlchemy's per-row parameter processing, not SQLite, was most of the cost at this volume.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.dialects.sqlite import insert

from app.domain.dossier import Dossier
from app.storage.event_store import DOSSIER_STREAM, event_row, projection_row
from app.storage.schema import code_sequences, dossiers
from app.storage.types import to_millis

_APPLICANT_COLUMNS = (
    "id_number",
    "id_kind",
    "kind",
    "name",
    "birth_date",
    "phone",
    "email",
    "address",
    "updated_at",
)


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    dossier_columns: tuple[str, ...]
    dossiers: list[tuple[Any, ...]]
    event_columns: tuple[str, ...]  # without dossier_id, which is known only when writing
    events: list[list[tuple[Any, ...]]]  # per dossier
    applicants: list[tuple[Any, ...]]

    @property
    def event_count(self) -> int:
        return sum(len(e) for e in self.events)


def _plain(value: Any) -> Any:
    return to_millis(value) if isinstance(value, datetime) else value


def prepare_batch(batch: Sequence[Dossier]) -> PreparedBatch:
    if not batch:
        return PreparedBatch((), [], (), [], [])
    people: dict[str, tuple[Any, ...]] = {}
    for d in batch:
        a = d.applicant
        if a.id_number:
            people[a.id_number] = (
                a.id_number,
                a.id_kind.value if a.id_kind else None,
                a.kind.value,
                a.name,
                a.birth_date.isoformat() if a.birth_date else None,
                a.phone,
                a.email,
                a.address,
                to_millis(d.received_at),
            )
    projections = [projection_row(d) for d in batch]
    dossier_columns = tuple(projections[0])
    events = [[event_row(e, 0) for e in d.collect_events()] for d in batch]
    event_columns = tuple(k for k in events[0][0] if k != "dossier_id")
    return PreparedBatch(
        dossier_columns=dossier_columns,
        dossiers=[
            tuple(bytes.fromhex(v) if k == "uid" else _plain(v) for k, v in row.items())
            for row in projections
        ],
        event_columns=event_columns,
        events=[[tuple(_plain(row[k]) for k in event_columns) for row in rows] for rows in events],
        applicants=list(people.values()),
    )


def _insert_sql(table: str, columns: Sequence[str], conflict: str = "") -> str:
    return f"INSERT {conflict}INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


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
            if batch.dossiers:
                self._write_dossiers(connection, batch, to_millis(now))
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

    @staticmethod
    def _write_dossiers(connection: Connection, batch: PreparedBatch, now_ms: int) -> None:
        # Ids are given, not returned: this transaction holds the write lock, so max(id) cannot move.
        first = (connection.execute(select(func.max(dossiers.c.id))).scalar() or 0) + 1
        ids = range(first, first + len(batch.dossiers))
        connection.exec_driver_sql(
            _insert_sql("dossiers", ("id", *batch.dossier_columns)),
            [(i, *row) for i, row in zip(ids, batch.dossiers, strict=True)],
        )
        seq_index = batch.event_columns.index("seq")
        events = [(i, *row) for i, rows in zip(ids, batch.events, strict=True) for row in rows]
        connection.exec_driver_sql(
            _insert_sql("dossier_events", ("dossier_id", *batch.event_columns)), events
        )
        connection.exec_driver_sql(
            _insert_sql("outbox", ("stream", "aggregate_id", "event_seq", "created_at")),
            [(DOSSIER_STREAM, e[0], e[1 + seq_index], now_ms) for e in events],
        )
        if batch.applicants:
            # Already-known people keep their record; a bulk load never overwrites what a desk typed.
            connection.exec_driver_sql(
                _insert_sql("applicants", _APPLICANT_COLUMNS, "OR IGNORE "), batch.applicants
            )
