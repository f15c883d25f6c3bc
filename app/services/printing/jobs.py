"""The print job queue: every job is a row in the desk database, so it survives a restart; a runner claims
one job at a time, and the row's state says what happened to the paper.

Exactly once: a job is claimed (queued -> sending, committed) before its data leave, and marked done (or
sent, for a spooler that finishes it) right after. A printer that is off, unreachable, stopped or out of
paper raises PrinterUnavailable before anything printed: the job goes back to the queue with its reason and
a later attempt time, however long the printer stays away. If data may have left when sending broke off, or
a runner died mid-send (its lease ran out), nothing resends it by itself: the job becomes `uncertain`, the
officer looks at the tray and says whether it printed (`resolve`). That is the only way a page is never
printed twice without one ever being silently lost.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.errors import NotFound, ValidationError
from app.services.printing.context import Printing
from app.services.printing.ports import (
    ESCPOS,
    OPEN_STATES,
    JobState,
    NewJob,
    Outgoing,
    PrinterUnavailable,
    PrinterUncertain,
    PrintJob,
    Progress,
)

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=3)  # longer than any send may take (network and serial timeouts are shorter)
FIRST_RETRY = timedelta(seconds=5)
MAX_RETRY = timedelta(seconds=60)  # a printer that comes back is picked up within a minute


def backoff(attempts: int) -> timedelta:
    delay: timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(delay, MAX_RETRY)


@dataclass(frozen=True, slots=True)
class RunReport:
    printed: list[int]
    waiting: list[int]  # back in the queue (printer unavailable)
    uncertain: list[int]
    finished: list[int]  # spooled jobs the spooler finished in this pass
    failed: list[int]

    @property
    def busy(self) -> bool:
        return bool(self.printed or self.finished)


def enqueue(
    printing: Printing,
    *,
    kind: str,
    title: str,
    printer: str,
    data: bytes,
    media_type: str = ESCPOS,
    paper: str | None = None,
    copies: int = 1,
) -> PrintJob:
    """A job whose bytes travel with it (tickets, test pages); forms are queued by `forms.print_form`."""
    if not printer:
        raise ValidationError("printer", "say which printer (e.g. socket://192.0.2.10:9100)")
    if copies < 1:
        raise ValidationError("copies", "must be 1 or more")
    services = printing.services
    with services.uow() as uow:
        job = printing.store.jobs(uow).add(
            NewJob(
                uid=services.new_uid(),
                kind=kind,
                title=title,
                printer=printer,
                media_type=media_type,
                paper=paper,
                copies=copies,
                payload=data,
            ),
            services.now(),
        )
        uow.commit()
    return job


def run_due(printing: Printing, *, limit: int = 20) -> RunReport:
    """One pass: settle jobs of runners that died, follow spooled jobs, then send what is due (in order)."""
    report = RunReport([], [], [], [], [])
    _recover(printing, report)
    _follow(printing, report)
    services = printing.services
    with services.uow(write=False) as uow:
        due = printing.store.jobs(uow).due(services.now(), limit)
    unavailable: dict[str, str] = {}  # printer -> reason, so later jobs for it wait and keep their order
    for job in due:
        if job.printer in unavailable:
            _requeue(printing, job, unavailable[job.printer], attempts=job.attempts)
            report.waiting.append(job.id)
            continue
        outcome = _send(printing, job)
        if outcome is None:
            continue  # another runner took it
        state, reason = outcome
        if state is JobState.QUEUED:
            unavailable[job.printer] = reason or "unavailable"
            report.waiting.append(job.id)
        elif state is JobState.UNCERTAIN:
            report.uncertain.append(job.id)
        elif state is JobState.FAILED:
            report.failed.append(job.id)
        else:
            report.printed.append(job.id)
    return report


def _send(printing: Printing, job: PrintJob) -> tuple[JobState, str | None] | None:
    services = printing.services
    now = services.now()
    with services.uow() as uow:
        jobs = printing.store.jobs(uow)
        if not jobs.claim(job.id, now, now + LEASE):
            return None
        data = jobs.payload(job.id)
        uow.commit()
    try:
        if data is None:
            if job.document_sha256 is None:
                raise ValidationError("job", f"print job {job.id} has nothing to print")
            data = services.blobs.read(job.document_sha256)
        output = printing.printers.open(job.printer)
        status = output.status()
        if not status.ready:
            raise PrinterUnavailable(status.reason or "printer not ready")
        delivery = output.send(
            Outgoing(job.uid, job.title, data, job.media_type, job.paper, job.copies),
        )
    except PrinterUnavailable as exc:
        _requeue(printing, job, str(exc), attempts=job.attempts + 1, expect=JobState.SENDING)
        return JobState.QUEUED, str(exc)
    except PrinterUncertain as exc:
        _mark(printing, job, JobState.UNCERTAIN, error=f"interrupted while sending: {exc}")
        return JobState.UNCERTAIN, str(exc)
    except (ValidationError, NotFound) as exc:
        # A bad address or a missing file will not heal by waiting: say so, keep the job for the officer.
        _mark(printing, job, JobState.FAILED, error=str(exc))
        return JobState.FAILED, str(exc)
    state = JobState.DONE if delivery.done else JobState.SENT
    _mark(printing, job, state, external_id=delivery.external_id, clear=True)
    log.info("print job %s (%s) %s on %s", job.id, job.title, state.value, job.printer)
    return state, None


def _requeue(
    printing: Printing, job: PrintJob, reason: str, *, attempts: int, expect: JobState | None = None
) -> None:
    services = printing.services
    now = services.now()
    with services.uow() as uow:
        printing.store.jobs(uow).update(
            job.id,
            state=JobState.QUEUED,
            now=now,
            expect=expect,
            next_attempt_at=now + backoff(attempts),
            last_error=reason,
        )
        uow.commit()


def _mark(
    printing: Printing,
    job: PrintJob,
    state: JobState,
    *,
    error: str | None = None,
    external_id: str | None = None,
    clear: bool = False,
) -> None:
    services = printing.services
    with services.uow() as uow:
        printing.store.jobs(uow).update(
            job.id,
            state=state,
            now=services.now(),
            expect=JobState.SENDING,
            last_error=error,
            external_id=external_id,
            clear_error=clear,
        )
        uow.commit()


def _recover(printing: Printing, report: RunReport) -> None:
    """Jobs whose runner died mid-send: a spooler may know them (then they were taken); otherwise unsure."""
    services = printing.services
    with services.uow(write=False) as uow:
        stale = printing.store.jobs(uow).expired_leases(services.now())
    for job in stale:
        found: str | None = None
        try:
            found = printing.printers.open(job.printer).find(_outgoing(job))
        except (PrinterUnavailable, PrinterUncertain, ValidationError):
            found = None
        if found is not None:  # then followed like any spooled job (`_follow`, right after)
            _mark(printing, job, JobState.SENT, external_id=found, clear=True)
        else:
            _mark(printing, job, JobState.UNCERTAIN, error="the desk stopped while this job was being sent")
            report.uncertain.append(job.id)


def _outgoing(job: PrintJob) -> Outgoing:
    return Outgoing(job.uid, job.title, b"", job.media_type, job.paper, job.copies)


def _follow(printing: Printing, report: RunReport) -> None:
    services = printing.services
    with services.uow(write=False) as uow:
        spooled = printing.store.jobs(uow).in_state([JobState.SENT])
    for job in spooled:
        if job.external_id is None:
            continue
        try:
            progress, reason = printing.printers.open(job.printer).progress(job.external_id)
        except (PrinterUnavailable, ValidationError) as exc:
            progress, reason = Progress.UNKNOWN, str(exc)
        with services.uow() as uow:
            jobs = printing.store.jobs(uow)
            now = services.now()
            if progress is Progress.DONE:
                jobs.update(job.id, state=JobState.DONE, now=now, expect=JobState.SENT, clear_error=True)
                report.finished.append(job.id)
            elif progress is Progress.FAILED:
                jobs.update(job.id, state=JobState.FAILED, now=now, expect=JobState.SENT, last_error=reason)
                report.failed.append(job.id)
            elif reason:  # still in the spooler: say why (printer stopped, out of paper...)
                jobs.update(job.id, state=JobState.SENT, now=now, expect=JobState.SENT, last_error=reason)
            uow.commit()


def resolve(printing: Printing, job_id: int, action: str) -> PrintJob:
    """The officer's word on a job: `printed` (it came out), `retry` (it did not: send again), `cancel`."""
    services = printing.services
    with services.uow() as uow:
        jobs = printing.store.jobs(uow)
        job = jobs.get(job_id)
        now = services.now()
        if action == "printed" and job.state in (JobState.UNCERTAIN, JobState.SENT, JobState.FAILED):
            jobs.update(job_id, state=JobState.DONE, now=now, clear_error=True)
        elif action == "retry" and job.state in (JobState.UNCERTAIN, JobState.FAILED, JobState.QUEUED):
            jobs.update(job_id, state=JobState.QUEUED, now=now, next_attempt_at=now, clear_error=True)
        elif action == "cancel" and (job.state in OPEN_STATES or job.state is JobState.UNCERTAIN):
            if job.state is JobState.SENDING:
                raise ValidationError("job", f"print job {job_id} is being sent right now")
            jobs.update(job_id, state=JobState.CANCELLED, now=now)
        else:
            raise ValidationError("job", f"cannot {action} print job {job_id} while it is {job.state.value}")
        uow.commit()
        return jobs.get(job_id)


def list_jobs(
    printing: Printing, *, states: Sequence[JobState] | None = None, limit: int = 50
) -> list[PrintJob]:
    with printing.services.uow(write=False) as uow:
        jobs = printing.store.jobs(uow)
        return jobs.in_state(states, limit) if states else jobs.recent(limit)


def job_to_dict(printing: Printing, job: PrintJob) -> dict[str, object]:
    local = printing.services.local

    def when(moment: datetime | None) -> str | None:
        return None if moment is None else local(moment).isoformat()

    return {
        "id": job.id,
        "uid": job.uid,
        "kind": job.kind,
        "title": job.title,
        "printer": job.printer,
        "paper": job.paper,
        "copies": job.copies,
        "state": job.state.value,
        "attempts": job.attempts,
        "next_attempt": when(job.next_attempt_at) if job.state is JobState.QUEUED else None,
        "last_error": job.last_error,
        "external_id": job.external_id,
        "dossier": job.dossier_code,
        "document": job.document_sha256,
        "created": when(job.created_at),
        "finished": when(job.finished_at),
    }
