"""The server's verdict on each pushed event, before anything is written.

Server-authoritative: an event is replayed onto the dossier's accepted history with the same domain code
the desks run (app.domain.dossier), so the centre keeps only histories that make sense. Verdicts:
accepted; duplicate (the same key and hash is already here); conflict (made on a stale or diverged
version: kept for a supervisor, never applied over what is here); rejected (a dead letter: malformed,
illegal in the dossier's state, another office's dossier, a file that will never come).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, or_, select
from sqlalchemy.exc import SQLAlchemyError

from app.domain.catalog import Procedure, procedure_fingerprint, procedure_from_dict
from app.domain.dossier import Dossier, replay
from app.domain.errors import DomainError
from app.domain.events import DossierEvent, EventType
from app.domain.lifecycle import ALLOWED, Action
from app.services.sync.wire import (
    DOSSIER_STREAM,
    EVENT_SCHEMA_VERSION,
    TICKET_STREAM,
    Verdict,
    cited_blobs,
    cited_procedure,
    event_from_body,
    event_hash,
)
from sync.server.devices import Device
from sync.server.tables import blobs, dossiers, events, procedure_versions
from sync.server.tickets import TicketJudge

log = logging.getLogger("motcua.server")

ACTION_OF: dict[EventType, Action] = {
    EventType.PROCESSING_STARTED: Action.START_PROCESSING,
    EventType.STEP_COMPLETED: Action.COMPLETE_STEP,
    EventType.SUPPLEMENT_REQUESTED: Action.REQUEST_SUPPLEMENT,
    EventType.SUPPLEMENT_RECEIVED: Action.RECEIVE_SUPPLEMENT,
    EventType.REFUSED: Action.REFUSE,
    EventType.RESULT_READY: Action.MARK_RESULT_READY,
    EventType.RESULT_RETURNED: Action.RETURN_RESULT,
    EventType.WITHDRAWN: Action.WITHDRAW,
    EventType.STOPPED: Action.STOP,
    EventType.APOLOGISED: Action.APOLOGISE,
    EventType.NOTE_ADDED: Action.ADD_NOTE,
    EventType.DOCUMENT_ADDED: Action.ADD_DOCUMENT,
}
# Device clocks are data, not order (order is server_seq and device_seq); absurd ones are flagged.
EARLIEST_PLAUSIBLE = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_TOLERANCE = timedelta(days=1)

# Built once, run on every push (see push.py).
_VERSION = select(procedure_versions.c.data).where(
    procedure_versions.c.fingerprint == bindparam("fingerprint")
)
_PRESENT_BLOBS = select(blobs.c.sha256).where(blobs.c.sha256.in_(bindparam("shas", expanding=True)))
_DOSSIERS = select(dossiers).where(
    or_(
        dossiers.c.uid.in_(bindparam("uids", expanding=True)),
        dossiers.c.code.in_(bindparam("codes", expanding=True)),
    )
)
_HISTORIES = (
    select(events)
    .where(events.c.dossier_uid.in_(bindparam("uids", expanding=True)))
    .order_by(events.c.dossier_uid, events.c.seq)
)


@dataclass(frozen=True, slots=True)
class PushItem:
    device_seq: int
    stream: str
    key: str
    hash: str
    body: Any


@dataclass
class Outcome:
    item: PushItem
    verdict: Verdict
    reason: str | None = None
    message: str | None = None
    server_seq: int | None = None
    event: DossierEvent | None = None  # accepted dossier events
    clock_flag: str | None = None


@dataclass
class DossierState:
    uid: str
    code: str
    office_code: str
    procedure_version: str
    version: int
    head_hash: str
    hashes: dict[int, str]  # seq -> content hash of every accepted event
    history: list[DossierEvent]
    dossier: Dossier
    masked_name: str
    received_at: datetime
    new: bool = False
    changed: bool = False


class ProcedureCache:
    """Parsed catalogue versions by fingerprint: immutable and content-addressed, so safe to keep."""

    def __init__(self) -> None:
        self._parsed: dict[str, Procedure] = {}

    def get(self, connection: Connection, fingerprint: str) -> Procedure | None:
        cached = self._parsed.get(fingerprint)
        if cached is not None:
            return cached
        data = connection.execute(_VERSION, {"fingerprint": fingerprint}).scalar_one_or_none()
        if data is None:
            return None
        procedure = procedure_from_dict(json.loads(data))
        self._parsed[fingerprint] = procedure
        return procedure

    def offer(self, fingerprint: str, data: Any) -> Procedure | None:
        """A version a desk sent with its batch; None unless its content really has that fingerprint."""
        try:
            procedure = procedure_from_dict(data)
        except (DomainError, ValueError, KeyError, TypeError):
            return None
        if procedure_fingerprint(procedure) != fingerprint:
            return None
        self._parsed.setdefault(fingerprint, procedure)
        return procedure


def mask_name(name: str) -> str:
    """ "Nguyễn Thị Ngọc Ánh" -> "N***** T** N*** Á**": enough for the holder of the receipt to recognise,
    too little for anyone else."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())


def clock_flag(moment: datetime, now: datetime) -> str | None:
    if moment < EARLIEST_PLAUSIBLE:
        return "past"
    if moment > now + FUTURE_TOLERANCE:
        return "future"
    return None


@dataclass
class Judge:
    connection: Connection
    device: Device
    procedures: ProcedureCache
    offered: Mapping[str, Any]  # fingerprint -> catalogue entry sent with the batch
    unavailable: Mapping[str, str]  # sha256 -> why the desk cannot send it
    now: datetime
    states: dict[str, DossierState | None] = field(default_factory=dict)
    present_blobs: set[str] = field(default_factory=set)
    new_versions: dict[str, Any] = field(default_factory=dict)  # to store with the accepted events
    codes: dict[str, str] = field(default_factory=dict)  # dossier code -> uid: stored, or in this batch
    tickets: TicketJudge | None = None  # made for the first queue ticket event of the batch

    def run(self, items: Iterable[PushItem]) -> tuple[list[Outcome], str | None]:
        """Verdicts in order; stops at the first event citing a file the server does not hold yet."""
        items = list(items)
        self._preload(items)
        outcomes: list[Outcome] = []
        for item in items:
            try:
                outcome = self._judge(item)
            except SQLAlchemyError:
                raise  # the database's trouble, not the event's: the push is retried or fails whole
            except Exception as exc:
                # A bug meeting an unforeseen event must not wedge this desk's queue behind it (PowerSync's
                # Jepsen runs found such wedges): refuse the event, keep it, log the bug.
                log.exception("judging %s failed", item.key)
                outcome = Outcome(
                    item, Verdict.REJECTED, "server_fault", f"the server could not judge it: {exc}"[:500]
                )
                if isinstance(item.body, dict) and isinstance(item.body.get("dossier"), str):
                    self._forget(item.body["dossier"])
            if isinstance(outcome, str):
                return outcomes, outcome
            outcomes.append(outcome)
        return outcomes, None

    def _forget(self, uid: str) -> None:
        """After a fault in the middle of judging, this dossier's in-memory state may be half-moved:
        rebuild it from the history accepted so far."""
        state = self.states.get(uid)
        if state is None:
            return
        procedure = self.procedures.get(self.connection, state.procedure_version)
        if procedure is not None:
            state.dossier = replay(state.history, procedure)

    # ----- loading ----------------------------------------------------------------------------------------

    def _preload(self, items: list[PushItem]) -> None:
        uids: set[str] = set()
        shas: set[str] = set()
        codes: set[str] = set()
        for item in items:
            body = item.body
            if (
                item.stream == DOSSIER_STREAM
                and isinstance(body, dict)
                and isinstance(body.get("dossier"), str)
            ):
                uids.add(body["dossier"])
                payload = body.get("payload")
                if not isinstance(payload, dict):
                    continue
                if body.get("type") == EventType.DOCUMENT_ADDED.value:
                    shas.add(str(payload.get("sha256")))
                if body.get("seq") == 1 and isinstance(payload.get("code"), str):
                    codes.add(payload["code"])
        if shas:
            self.present_blobs = set(self.connection.execute(_PRESENT_BLOBS, {"shas": list(shas)}).scalars())
        if not uids:
            return
        # One query for the batch's dossiers and for the codes its new dossiers take, not one per
        # dossier: round trips are what a push spends its time on.
        found = self.connection.execute(_DOSSIERS, {"uids": list(uids), "codes": list(codes)}).all()
        self.codes.update((row.code, row.uid) for row in found)
        self._load_states(uids, [row for row in found if row.uid in uids])

    def _load_states(self, uids: set[str], rows: list[Any]) -> None:
        histories: dict[str, list[DossierEvent]] = {r.uid: [] for r in rows}
        hashes: dict[str, dict[int, str]] = {r.uid: {} for r in rows}
        if rows:
            for e in self.connection.execute(_HISTORIES, {"uids": list(histories)}):
                histories[e.dossier_uid].append(stored_event(e))
                hashes[e.dossier_uid][e.seq] = e.hash
        for uid in uids:
            self.states[uid] = None
        for r in rows:
            procedure = self.procedures.get(self.connection, r.procedure_version)
            if procedure is None:  # pragma: no cover - a dossier is only stored with its catalogue version
                raise RuntimeError(f"catalogue version {r.procedure_version} of dossier {r.uid} is missing")
            self.states[r.uid] = DossierState(
                uid=r.uid,
                code=r.code,
                office_code=r.office_code,
                procedure_version=r.procedure_version,
                version=r.version,
                head_hash=r.head_hash,
                hashes=hashes[r.uid],
                history=histories[r.uid],
                dossier=replay(histories[r.uid], procedure),
                masked_name=r.applicant_masked,
                received_at=r.received_at,
            )

    # ----- verdicts ---------------------------------------------------------------------------------------

    def _judge(self, item: PushItem) -> Outcome | str:
        def reject(reason: str, message: str) -> Outcome:
            return Outcome(item, Verdict.REJECTED, reason, message)

        if item.stream == TICKET_STREAM:
            if self.tickets is None:
                self.tickets = TicketJudge(self.connection, self.device.office_code)
            ticket = self.tickets.judge(item.key, item.hash, item.body)
            return Outcome(item, ticket.verdict, ticket.reason, ticket.message)
        if item.stream != DOSSIER_STREAM:
            return reject("unsupported_stream", f"this server does not take {item.stream!r} events yet")
        try:
            event = event_from_body(item.body)
        except ValueError as exc:
            return reject("malformed", str(exc))
        if item.body.get("v") != EVENT_SCHEMA_VERSION:
            return reject("version_not_supported", f"event schema version {item.body.get('v')!r} is unknown")
        if item.key != event.key:
            return reject("malformed", f"key {item.key!r} does not name event {event.key}")
        if event.occurred_at.microsecond % 1000:
            return reject("malformed", "event times are kept to the millisecond")
        digest = event_hash(event)
        if digest != item.hash:
            return reject("hash_mismatch", "the event does not match its hash (changed on the way?)")
        state = self.states.get(event.dossier_uid)
        if state is not None and event.seq in state.hashes:
            if state.hashes[event.seq] == digest:
                return Outcome(item, Verdict.DUPLICATE)
            return Outcome(
                item,
                Verdict.CONFLICT,
                "stale_version",
                f"dossier {state.code} was already changed at the centre (event {event.seq}); "
                "a supervisor decides",
            )
        if event.seq == 1:
            return self._create(item, event, digest)
        return self._append(item, event, digest, state)

    def _create(self, item: PushItem, event: DossierEvent, digest: str) -> Outcome:
        def reject(reason: str, message: str) -> Outcome:
            return Outcome(item, Verdict.REJECTED, reason, message)

        office = event.payload.get("office")
        if office != self.device.office_code:
            return reject(
                "forbidden_office", f"this desk pushes for office {self.device.office_code}, not {office}"
            )
        fingerprint = cited_procedure(event)
        if fingerprint is None:
            return reject("invalid_event", "a new dossier must cite its catalogue version")
        procedure = self.procedures.get(self.connection, fingerprint)
        if procedure is None and fingerprint in self.offered:
            procedure = self.procedures.offer(fingerprint, self.offered[fingerprint])
            if procedure is not None:
                self.new_versions[fingerprint] = self.offered[fingerprint]
        if procedure is None:
            return reject(
                "unknown_procedure_version", f"catalogue version {fingerprint} was not sent with it"
            )
        try:
            dossier = replay([event], procedure)
        except (DomainError, ValueError, KeyError, TypeError, IndexError) as exc:
            return reject("invalid_event", f"the new dossier does not replay: {exc}")
        taken = self.codes.get(dossier.code)  # preloaded from the database, and this batch's own
        if taken is not None and taken != event.dossier_uid:
            return reject("code_taken", f"dossier code {dossier.code} belongs to another dossier")
        self.codes[dossier.code] = event.dossier_uid
        self.states[event.dossier_uid] = DossierState(
            uid=event.dossier_uid,
            code=dossier.code,
            office_code=dossier.office_code,
            procedure_version=fingerprint,
            version=1,
            head_hash=digest,
            hashes={1: digest},
            history=[event],
            dossier=dossier,
            masked_name=mask_name(dossier.applicant.name),
            received_at=dossier.received_at,
            new=True,
            changed=True,
        )
        return self._accepted(item, event)

    def _append(
        self, item: PushItem, event: DossierEvent, digest: str, state: DossierState | None
    ) -> Outcome | str:
        def reject(reason: str, message: str) -> Outcome:
            return Outcome(item, Verdict.REJECTED, reason, message)

        if state is None:
            return reject("unknown_dossier", f"the centre has no dossier {event.dossier_uid}")
        if state.office_code != self.device.office_code:
            return reject("forbidden_office", f"dossier {state.code} belongs to office {state.office_code}")
        if event.seq > state.version + 1:
            # The event before it was refused or is in conflict: this one builds on a history the centre
            # does not hold. A supervisor settles the dossier; other dossiers' events keep flowing.
            return reject(
                "follows_refused",
                f"the centre holds dossier {state.code} up to event {state.version}; an earlier event of it "
                "was refused or is in conflict",
            )
        if item.body.get("prev") != state.head_hash:
            return Outcome(
                item,
                Verdict.CONFLICT,
                "diverged",
                f"made on a version of dossier {state.code} the centre does not have; a supervisor decides",
            )
        missing: list[str] = []
        for sha in cited_blobs(event):
            if sha in self.unavailable:
                # The history stays whole (later events of the dossier build on this one); the file is
                # recorded as missing, with why, for an admin to chase.
                missing.append(sha)
            elif sha not in self.present_blobs:
                return sha  # upload first, then push again from here
        action = ACTION_OF.get(event.type)
        if action is None:
            return reject("invalid_event", f"{event.type} can only start a dossier")
        if state.dossier.status not in ALLOWED[action]:
            return reject(
                "illegal_transition",
                f"cannot {action.value} dossier {state.code} while it is {state.dossier.status.value}",
            )
        try:
            state.dossier.apply(event)
        except (DomainError, ValueError, KeyError, TypeError, IndexError) as exc:
            procedure = self.procedures.get(self.connection, state.procedure_version)
            assert procedure is not None
            state.dossier = replay(state.history, procedure)  # apply() may have half-moved the state
            return reject("invalid_event", f"the event does not apply: {exc}")
        state.history.append(event)
        state.version = event.seq
        state.head_hash = digest
        state.hashes[event.seq] = digest
        state.changed = True
        outcome = self._accepted(item, event)
        if missing:
            why = self.unavailable[missing[0]]
            outcome.reason = f"file_{why}"[:48]
            outcome.message = f"accepted without its file {missing[0]} ({why} on the desk)"
        return outcome

    def _accepted(self, item: PushItem, event: DossierEvent) -> Outcome:
        return Outcome(
            item, Verdict.ACCEPTED, event=event, clock_flag=clock_flag(event.occurred_at, self.now)
        )


def stored_event(row: Any) -> DossierEvent:
    return DossierEvent(
        row.dossier_uid, row.seq, EventType(row.type), row.occurred_at, row.actor, json.loads(row.payload)
    )


def stored_hash(row: Any, hash_of: Callable[[DossierEvent], str] = event_hash) -> str:
    return hash_of(stored_event(row))
