"""The printing tables on the caller's unit of work: the job queue and the logbook (Mẫu 06) query."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, and_, func, insert, select, update

from app.domain.errors import NotFound
from app.domain.events import EventType
from app.ports import UnitOfWork
from app.services.printing.model import LogbookRow
from app.services.printing.ports import JobState, NewJob, PrintJob
from app.storage.printing_schema import print_jobs
from app.storage.schema import dossier_events, dossiers, procedure_versions, procedures
from app.storage.uow import SqlUnitOfWork

_JOB_COLUMNS = [c for c in print_jobs.c if c.name != "payload"]


def _job(row: Any) -> PrintJob:
    return PrintJob(
        id=row.id,
        uid=row.uid,
        created_at=row.created_at,
        kind=row.kind,
        title=row.title,
        printer=row.printer,
        paper=row.paper,
        copies=row.copies,
        media_type=row.media_type,
        state=JobState(row.state),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        dossier_code=row.dossier_code,
        document_sha256=row.document_sha256,
        last_error=row.last_error,
        external_id=row.external_id,
        lease_until=row.lease_until,
        finished_at=row.finished_at,
    )


class SqlPrintJobRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def add(self, job: NewJob, now: datetime) -> PrintJob:
        new_id = self._c.execute(
            insert(print_jobs).values(
                uid=job.uid,
                created_at=now,
                kind=job.kind,
                title=job.title,
                printer=job.printer,
                paper=job.paper,
                copies=job.copies,
                media_type=job.media_type,
                dossier_code=job.dossier_code,
                document_sha256=job.document_sha256,
                payload=job.payload,
                state=JobState.QUEUED.value,
                attempts=0,
                next_attempt_at=now,
                updated_at=now,
            )
        ).inserted_primary_key
        assert new_id is not None
        return self.get(int(new_id[0]))

    def get(self, job_id: int) -> PrintJob:
        row = self._c.execute(select(*_JOB_COLUMNS).where(print_jobs.c.id == job_id)).one_or_none()
        if row is None:
            raise NotFound(f"no print job {job_id}", job=job_id)
        return _job(row)

    def payload(self, job_id: int) -> bytes | None:
        data = self._c.execute(
            select(print_jobs.c.payload).where(print_jobs.c.id == job_id)
        ).scalar_one_or_none()
        return None if data is None else bytes(data)

    def due(self, now: datetime, limit: int) -> list[PrintJob]:
        rows = self._c.execute(
            select(*_JOB_COLUMNS)
            .where(print_jobs.c.state == JobState.QUEUED.value, print_jobs.c.next_attempt_at <= now)
            .order_by(print_jobs.c.id)
            .limit(limit)
        )
        return [_job(r) for r in rows]

    def in_state(self, states: Sequence[JobState], limit: int = 200) -> list[PrintJob]:
        rows = self._c.execute(
            select(*_JOB_COLUMNS)
            .where(print_jobs.c.state.in_([s.value for s in states]))
            .order_by(print_jobs.c.id)
            .limit(limit)
        )
        return [_job(r) for r in rows]

    def expired_leases(self, now: datetime) -> list[PrintJob]:
        rows = self._c.execute(
            select(*_JOB_COLUMNS)
            .where(print_jobs.c.state == JobState.SENDING.value, print_jobs.c.lease_until < now)
            .order_by(print_jobs.c.id)
        )
        return [_job(r) for r in rows]

    def claim(self, job_id: int, now: datetime, lease_until: datetime) -> bool:
        result = self._c.execute(
            update(print_jobs)
            .where(and_(print_jobs.c.id == job_id, print_jobs.c.state == JobState.QUEUED.value))
            .values(
                state=JobState.SENDING.value,
                attempts=print_jobs.c.attempts + 1,
                lease_until=lease_until,
                updated_at=now,
            )
        )
        return result.rowcount == 1

    def update(
        self,
        job_id: int,
        *,
        state: JobState,
        now: datetime,
        expect: JobState | None = None,
        next_attempt_at: datetime | None = None,
        last_error: str | None = None,
        external_id: str | None = None,
        clear_error: bool = False,
    ) -> bool:
        values: dict[str, Any] = {"state": state.value, "updated_at": now, "lease_until": None}
        if next_attempt_at is not None:
            values["next_attempt_at"] = next_attempt_at
        if last_error is not None:
            values["last_error"] = last_error[:2000]
        elif clear_error:
            values["last_error"] = None
        if external_id is not None:
            values["external_id"] = external_id
        if state in (JobState.DONE, JobState.CANCELLED, JobState.FAILED):
            values["finished_at"] = now
        statement = update(print_jobs).where(print_jobs.c.id == job_id)
        if expect is not None:
            statement = statement.where(print_jobs.c.state == expect.value)
        return self._c.execute(statement.values(**values)).rowcount == 1

    def recent(self, limit: int = 50) -> list[PrintJob]:
        rows = self._c.execute(select(*_JOB_COLUMNS).order_by(print_jobs.c.id.desc()).limit(limit))
        return [_job(r) for r in rows]


class SqlLogbookQuery:
    """Mẫu 06 rows in one pass: the projection for dates, the first event for what the projection leaves
    out (address, number of sets), the first `processing_started` for the handover to the agency."""

    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def rows(self, first_day: date, last_day: date, tz_name: str) -> list[LogbookRow]:
        tz = ZoneInfo(tz_name)
        start = datetime.combine(first_day, time(0), tz)
        end = datetime.combine(last_day + timedelta(days=1), time(0), tz)
        first_event = dossier_events.alias("first_event")
        started = (
            select(func.min(dossier_events.c.occurred_at))
            .where(
                dossier_events.c.dossier_id == dossiers.c.id,
                dossier_events.c.type == EventType.PROCESSING_STARTED.value,
            )
            .scalar_subquery()
        )
        statement = (
            select(
                dossiers.c.code,
                dossiers.c.procedure_code,
                dossiers.c.applicant_name,
                dossiers.c.applicant_phone,
                dossiers.c.received_at,
                dossiers.c.due_at,
                dossiers.c.original_due_at,
                dossiers.c.result_ready_at,
                dossiers.c.returned_at,
                dossiers.c.status,
                procedures.c.name.label("procedure_name"),
                first_event.c.payload,
                started.label("started_at"),
            )
            .select_from(
                dossiers.join(
                    first_event, and_(first_event.c.dossier_id == dossiers.c.id, first_event.c.seq == 1)
                ).outerjoin(procedures, procedures.c.code == dossiers.c.procedure_code)
            )
            .where(dossiers.c.received_at >= start, dossiers.c.received_at < end)
            .order_by(dossiers.c.received_at, dossiers.c.id)
        )
        agencies: dict[str, str] = {}
        result: list[LogbookRow] = []
        for number, row in enumerate(self._c.execute(statement), start=1):
            payload = json.loads(row.payload)
            fingerprint = payload["procedure"]["version"]
            if fingerprint not in agencies:
                agencies[fingerprint] = self._agency(fingerprint)
            applicant = payload.get("applicant", {})
            contact = "; ".join(x for x in (applicant.get("address"), row.applicant_phone) if x)
            note = ""
            if row.original_due_at is not None:
                note = "Đã hẹn lại ngày trả"
            if row.status in ("refused", "withdrawn", "stopped"):
                note = {"refused": "Từ chối", "withdrawn": "Rút hồ sơ", "stopped": "Dừng xử lý"}[row.status]
            result.append(
                LogbookRow(
                    number=number,
                    code=row.code,
                    procedure=row.procedure_name or row.procedure_code,
                    sets=int(payload.get("sets", 1)),
                    applicant=row.applicant_name,
                    contact=contact,
                    handling_agency=agencies[fingerprint],
                    received_at=row.received_at,
                    due_at=row.due_at,
                    transferred_at=row.started_at if row.started_at is None else _aware(row.started_at),
                    result_at=row.result_ready_at,
                    returned_at=row.returned_at,
                    note=note,
                )
            )
        return result

    def _agency(self, fingerprint: str) -> str:
        data = self._c.execute(
            select(procedure_versions.c.data).where(procedure_versions.c.fingerprint == fingerprint)
        ).scalar_one_or_none()
        if data is None:
            return ""
        return str(json.loads(data).get("handling_agency") or "")


def _aware(value: Any) -> datetime:
    # A scalar subquery's value skips the column type: it comes back as raw epoch milliseconds.
    from app.storage.types import from_millis

    return value if isinstance(value, datetime) else from_millis(int(value))


class SqlPrintingStore:
    def jobs(self, uow: UnitOfWork) -> SqlPrintJobRepository:
        return SqlPrintJobRepository(_connection(uow))

    def logbook(self, uow: UnitOfWork) -> SqlLogbookQuery:
        return SqlLogbookQuery(_connection(uow))


def _connection(uow: UnitOfWork) -> Connection:
    # The port hands over the abstract unit of work; only the SQLite one has a connection to share, and
    # sharing it is the point: a job row commits or rolls back with the dossier event it belongs to.
    if not isinstance(uow, SqlUnitOfWork):
        raise TypeError(f"printing tables need the SQLite unit of work, got {type(uow).__name__}")
    return uow.connection
