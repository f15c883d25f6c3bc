"""The sync protocol's wire format, shared by the desk and the server so both hash the same bytes.

An event's content hash is SHA-256 over canonical JSON (sorted keys, no spaces, UTF-8) of what the event
says; the same key with the same hash is a replay, with another hash a conflict. `prev` (the hash of the
dossier's previous event as the desk knew it) is not part of the content: it names the version the change
was made on, which is how the server tells a stale or diverged change from the next one.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Any

from app.domain.events import DossierEvent, EventType, iso, parse_iso
from app.domain.queue.ticket import TicketEvent, TicketEventType

PROTOCOL = "motcua-sync/1"  # every answer of the server carries it: a captive portal's 200 does not
PROTOCOL_HEADER = "X-Motcua-Sync"
EVENT_SCHEMA_VERSION = 1
DOSSIER_STREAM = "dossier"
# Queue ticket events (app/storage/queue_repo.py writes their outbox rows under this name).
TICKET_STREAM = "ticket"
TICKET_SCHEMA_VERSION = 1
_HEX = frozenset("0123456789abcdef")


class Verdict(StrEnum):
    ACCEPTED = "accepted"  # stored now
    DUPLICATE = "duplicate"  # the server already had this exact event
    CONFLICT = "conflict"  # made on a stale or diverged version: kept for a supervisor, not applied
    REJECTED = "rejected"  # refused (malformed, illegal, not this office's...): a dead letter

    @property
    def delivered(self) -> bool:
        return self in (Verdict.ACCEPTED, Verdict.DUPLICATE)


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def event_content(event: DossierEvent) -> dict[str, Any]:
    return {
        "dossier": event.dossier_uid,
        "seq": event.seq,
        "type": event.type.value,
        "occurred_at": iso(event.occurred_at),
        "actor": event.actor,
        "payload": event.payload,
    }


def event_hash(event: DossierEvent) -> str:
    return sha256_hex(canonical_json(event_content(event)))


def event_body(event: DossierEvent, prev: str | None) -> dict[str, Any]:
    """What a pushed dossier event carries: its content, the hash of the version it was made on, and the
    schema version of the content."""
    return {**event_content(event), "prev": prev, "v": EVENT_SCHEMA_VERSION}


def event_from_body(body: Any) -> DossierEvent:
    """Parse a dossier event from the wire; ValueError (with a reason) when it is not one."""
    if not isinstance(body, dict):
        raise ValueError("the event is not a JSON object")
    try:
        occurred_at = parse_iso(body["occurred_at"])
        if occurred_at is None:
            raise ValueError("occurred_at is missing")
        uid, seq, payload, actor = body["dossier"], body["seq"], body["payload"], body["actor"]
        if not isinstance(uid, str) or len(uid) != 32 or not _HEX.issuperset(uid):
            raise ValueError("dossier must be 32 lower-case hex digits")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            raise ValueError("seq must be a whole number from 1")
        if not isinstance(payload, dict) or not isinstance(actor, str) or not actor:
            raise ValueError("payload must be an object and actor a name")
        return DossierEvent(uid, seq, EventType(body["type"]), occurred_at, actor, payload)
    except KeyError as exc:
        raise ValueError(f"the event has no {exc.args[0]!r}") from None
    except (TypeError, AttributeError) as exc:
        raise ValueError(f"the event is malformed: {exc}") from None


def cited_blobs(event: DossierEvent) -> tuple[str, ...]:
    """Files an event cites: they must be at the centre before the event is."""
    if event.type is EventType.DOCUMENT_ADDED:
        sha = event.payload.get("sha256")
        return (sha,) if isinstance(sha, str) else ()
    return ()


def cited_procedure(event: DossierEvent) -> str | None:
    """The catalogue version a creation event cites (the server must hold it to replay the dossier)."""
    procedure = event.payload.get("procedure")
    if event.seq == 1 and isinstance(procedure, dict) and isinstance(procedure.get("version"), str):
        return str(procedure["version"])
    return None


# ----- queue tickets ------------------------------------------------------------------------------------


def ticket_event_to_wire(event: TicketEvent) -> dict[str, Any]:
    """A ticket event as JSON: what a pushed ticket event carries (and what /queue/{office}/import takes)."""
    return {
        "ticket_uid": event.ticket_uid,
        "seq": event.seq,
        "type": event.type.value,
        "at": iso(event.occurred_at),
        "actor": event.actor,
        "counter": event.counter,
        "payload": event.payload,
    }


def ticket_event_hash(event: TicketEvent) -> str:
    return sha256_hex(canonical_json(ticket_event_to_wire(event)))


def ticket_event_key(event: TicketEvent) -> str:
    # Named apart from dossier keys (both are uid.seq) so a desk's or a supervisor's list tells them apart.
    return f"{TICKET_STREAM}:{event.key}"


def ticket_event_body(event: TicketEvent) -> dict[str, Any]:
    """A ticket's history is linear and only its own desk changes it offline, so no `prev` is needed: the
    server takes event n only after n - 1."""
    return {**ticket_event_to_wire(event), "v": TICKET_SCHEMA_VERSION}


def ticket_event_from_wire(body: Any) -> TicketEvent:
    """Parse a ticket event from the wire; ValueError (with a reason) when it is not one."""
    if not isinstance(body, dict):
        raise ValueError("the event is not a JSON object")
    try:
        uid, seq, actor, counter, payload = (
            body["ticket_uid"],
            body["seq"],
            body["actor"],
            body["counter"],
            body["payload"],
        )
        if not isinstance(uid, str) or len(uid) != 32 or not _HEX.issuperset(uid):
            raise ValueError("ticket_uid must be 32 lower-case hex digits")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            raise ValueError("seq must be a whole number from 1")
        if not isinstance(actor, str) or not 0 < len(actor) <= 64:
            raise ValueError("actor must be a name of at most 64 characters")
        if counter is not None and (not isinstance(counter, int) or isinstance(counter, bool)):
            raise ValueError("counter must be a whole number or null")
        if not isinstance(payload, dict):
            raise ValueError("payload must be an object")
        occurred_at = parse_iso(body["at"])
        if occurred_at is None:
            raise ValueError("at is missing")
        return TicketEvent(uid, seq, TicketEventType(body["type"]), occurred_at, actor, counter, payload)
    except KeyError as exc:
        raise ValueError(f"the event has no {exc.args[0]!r}") from None
    except (TypeError, AttributeError) as exc:
        raise ValueError(f"the event is malformed: {exc}") from None
