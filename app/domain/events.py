"""Append-only dossier events: the history the law asks for, and what sync sends to the centre."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class EventType(StrEnum):
    RECEIVED = "received"  # accepted at the counter; first event, carries the snapshot
    OPENED_FOR_SUPPLEMENT = "opened_for_supplement"  # incomplete at the counter (Mẫu 02); first event
    REFUSED_AT_COUNTER = "refused_at_counter"  # refused at the counter (Mẫu 03); first event
    PROCESSING_STARTED = "processing_started"
    STEP_COMPLETED = "step_completed"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENT_RECEIVED = "supplement_received"
    REFUSED = "refused"
    RESULT_READY = "result_ready"
    RESULT_RETURNED = "result_returned"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    APOLOGISED = "apologised"
    NOTE_ADDED = "note_added"
    DOCUMENT_ADDED = "document_added"  # a printed form, a scan or a result file, stored by its SHA-256


CREATION_EVENTS: frozenset[EventType] = frozenset(
    {EventType.RECEIVED, EventType.OPENED_FOR_SUPPLEMENT, EventType.REFUSED_AT_COUNTER}
)


@dataclass(frozen=True, slots=True)
class DossierEvent:
    dossier_uid: str
    seq: int  # 1, 2, 3... within the dossier; also its optimistic-concurrency version
    type: EventType
    occurred_at: datetime  # aware, UTC
    actor: str  # username of the officer, or a system name
    payload: dict[str, Any]

    @property
    def key(self) -> str:
        """Globally unique: the dossier's id and the event's place in its history. The sync protocol's
        idempotency key: the same key with the same content is a replay, with other content a conflict."""
        return f"{self.dossier_uid}.{self.seq}"

    def __post_init__(self) -> None:
        if self.occurred_at.tzinfo is None:
            raise ValueError("event time must be timezone-aware")
        object.__setattr__(self, "occurred_at", self.occurred_at.astimezone(UTC))


def iso(moment: datetime | None) -> str | None:
    """RFC 3339 in UTC with `Z`, e.g. 2026-03-02T01:00:00Z."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_iso(text: str | None) -> datetime | None:
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without a zone: {text}")
    return moment.astimezone(UTC)
