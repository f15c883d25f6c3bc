"""Dossiers in SQLite: loaded by replaying their events, saved as new events plus the projection row."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, column, func, literal_column, select, table, update

from app.domain.catalog import Procedure
from app.domain.codes import parse_code
from app.domain.dossier import Dossier, replay
from app.domain.errors import ConcurrentChange, NotFound
from app.domain.events import DossierEvent
from app.domain.lifecycle import CLOCK_RUNNING, Status
from app.domain.text import search_tokens
from app.ports import DossierFilter, DossierSummary
from app.storage.event_store import append_events, event_from_row, insert_new_dossiers, projection_row
from app.storage.schema import dossier_events, dossiers, procedures

_FTS = table("dossier_fts", column("rowid"))
_PASSPORT_LIKE = re.compile(r"[A-Za-z]{1,2}\d{6,9}")
_SUMMARY_COLUMNS = (
    dossiers.c.code,
    dossiers.c.applicant_name,
    dossiers.c.applicant_id_number,
    dossiers.c.applicant_phone,
    dossiers.c.procedure_code,
    procedures.c.name.label("procedure_name"),
    dossiers.c.status,
    dossiers.c.received_at,
    dossiers.c.due_at,
    dossiers.c.counter_number,
    dossiers.c.received_by,
)


def _summaries() -> Select[Any]:
    return select(*_SUMMARY_COLUMNS).select_from(
        dossiers.outerjoin(procedures, procedures.c.code == dossiers.c.procedure_code)
    )


def _summary(row: Any) -> DossierSummary:
    return DossierSummary(
        code=row.code,
        applicant_name=row.applicant_name,
        applicant_id_number=row.applicant_id_number,
        applicant_phone=row.applicant_phone,
        procedure_code=row.procedure_code,
        procedure_name=row.procedure_name or row.procedure_code,
        status=Status(row.status),
        received_at=row.received_at,
        due_at=row.due_at,
        counter_number=row.counter_number,
        received_by=row.received_by,
    )


class SqlDossierRepository:
    def __init__(self, connection: Connection, procedure_version: Callable[[str], Procedure]) -> None:
        self._connection = connection
        self._procedure_version = procedure_version
        # uid -> (row id or None if new, version when loaded, the aggregate)
        self._seen: dict[str, tuple[int | None, int, Dossier]] = {}

    # ----- aggregate access --------------------------------------------------------------------------------

    def add(self, dossier: Dossier) -> None:
        self._seen[dossier.uid] = (None, 0, dossier)

    def get(self, code: str) -> Dossier:
        row = self._connection.execute(
            select(dossiers.c.id, dossiers.c.uid).where(dossiers.c.code == code)
        ).one_or_none()
        if row is None:
            raise NotFound(f"no dossier with code {code}", code=code)
        events = self._events(row.id, row.uid)
        # The first event cites the catalogue version the dossier was received under.
        dossier = replay(events, self._procedure_version(events[0].payload["procedure"]["version"]))
        self._seen[dossier.uid] = (row.id, dossier.version, dossier)
        return dossier

    def history(self, code: str) -> list[DossierEvent]:
        row = self._connection.execute(
            select(dossiers.c.id, dossiers.c.uid).where(dossiers.c.code == code)
        ).one_or_none()
        if row is None:
            raise NotFound(f"no dossier with code {code}", code=code)
        return self._events(row.id, row.uid)

    def _events(self, dossier_id: int, dossier_uid: str) -> list[DossierEvent]:
        rows = self._connection.execute(
            select(dossier_events)
            .where(dossier_events.c.dossier_id == dossier_id)
            .order_by(dossier_events.c.seq)
        )
        return [event_from_row(r, dossier_uid) for r in rows]

    def flush(self, now: datetime) -> None:
        """Write what changed since loading; called by the unit of work's commit."""
        new = [d for row_id, _, d in self._seen.values() if row_id is None and d.pending]
        insert_new_dossiers(self._connection, new, now)
        changed: list[tuple[int, list[DossierEvent]]] = []
        for row_id, loaded_version, dossier in self._seen.values():
            if row_id is None or not dossier.pending:
                continue
            result = self._connection.execute(
                update(dossiers)
                .where(and_(dossiers.c.id == row_id, dossiers.c.version == loaded_version))
                .values(**projection_row(dossier))
            )
            if result.rowcount != 1:
                raise ConcurrentChange(f"dossier {dossier.code} was changed elsewhere; open it again")
            changed.append((row_id, dossier.collect_events()))
        append_events(self._connection, changed, now)
        self._seen.clear()

    # ----- queries ----------------------------------------------------------------------------------------

    def search(self, text_query: str, limit: int = 50) -> list[DossierSummary]:
        """Find by dossier code, ID number, phone, or name words without diacritics (as you type)."""
        query = text_query.strip()
        if not query:
            return []
        base = _summaries()
        compact = re.sub(r"[\s.]", "", query)
        if parse_code(query) is not None:
            statement: Select[Any] = base.where(dossiers.c.code.in_({query, query.upper()}))
        elif "-" in query and any(ch.isdigit() for ch in query):
            # A code being typed: a prefix range on the unique index.
            prefix = query.upper()
            statement = base.where(dossiers.c.code >= prefix, dossiers.c.code < prefix + "\uffff")
        elif compact.isdigit() and len(compact) >= 6:
            # ID numbers and phone numbers share the digits-only shape (a tax code looks like a phone).
            statement = base.where(
                (dossiers.c.applicant_id_number == compact) | (dossiers.c.applicant_phone == compact)
            )
        elif _PASSPORT_LIKE.fullmatch(compact):
            statement = base.where(dossiers.c.applicant_id_number == compact.upper())
        else:
            tokens = search_tokens(query)
            if not tokens:
                return []
            match = " ".join(f'"{token}"*' for token in tokens)
            hits = (
                select(_FTS.c.rowid.label("id"))
                .where(literal_column("dossier_fts").op("MATCH")(match))
                .order_by(_FTS.c.rowid.desc())
                .limit(limit)
                .subquery()
            )
            statement = base.join(hits, hits.c.id == dossiers.c.id)
        rows = self._connection.execute(statement.order_by(dossiers.c.id.desc()).limit(limit))
        return [_summary(r) for r in rows]

    def list(self, where: DossierFilter, limit: int = 200) -> list[DossierSummary]:
        statement = _summaries()
        if where.statuses is not None:
            statement = statement.where(dossiers.c.status.in_([s.value for s in where.statuses]))
        if where.due_before is not None:
            statement = statement.where(dossiers.c.due_at < where.due_before)
        if where.received_from is not None:
            statement = statement.where(dossiers.c.received_at >= where.received_from)
        if where.received_until is not None:
            statement = statement.where(dossiers.c.received_at < where.received_until)
        if where.procedure_code is not None:
            statement = statement.where(dossiers.c.procedure_code == where.procedure_code)
        if where.received_by is not None:
            statement = statement.where(dossiers.c.received_by == where.received_by)
        rows = self._connection.execute(statement.order_by(dossiers.c.received_at.desc()).limit(limit))
        return [_summary(r) for r in rows]

    def count_by_status(self) -> dict[Status, int]:
        rows = self._connection.execute(select(dossiers.c.status, func.count()).group_by(dossiers.c.status))
        return {Status(status): count for status, count in rows}

    def count_overdue(self, now: datetime) -> int:
        statement = select(func.count()).where(
            dossiers.c.status.in_([s.value for s in CLOCK_RUNNING]), dossiers.c.due_at < now
        )
        return int(self._connection.execute(statement).scalar_one())
