"""Ports of the sync cycle: the network (filled by sync/client over HTTPS), the desk's sync state (filled by
app/storage/sync_store.py on the desk's SQLite) and the files to upload.

The data classes are what crosses those ports; the wire format of their JSON is in wire.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from app.services.sync.wire import Verdict


@dataclass(frozen=True, slots=True)
class OutgoingItem:
    """One outbox row as sent: its device sequence number, what it names and what it says."""

    device_seq: int
    stream: str
    key: str
    hash: str
    body: Mapping[str, Any] | None  # None: a stream this desk cannot encode (the server dead-letters it)
    blobs: tuple[str, ...] = ()

    def to_wire(self) -> dict[str, Any]:
        return {
            "device_seq": self.device_seq,
            "stream": self.stream,
            "key": self.key,
            "hash": self.hash,
            "body": self.body,
        }


@dataclass(frozen=True, slots=True)
class OutgoingBatch:
    items: tuple[OutgoingItem, ...]
    procedures: Mapping[str, Any] = field(default_factory=dict)  # fingerprint -> catalogue entry it cites

    @property
    def first_seq(self) -> int:
        return self.items[0].device_seq

    @property
    def last_seq(self) -> int:
        return self.items[-1].device_seq

    @property
    def blobs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(sha for item in self.items for sha in item.blobs))


@dataclass(frozen=True, slots=True)
class ItemVerdict:
    device_seq: int
    key: str
    verdict: Verdict
    server_seq: int | None = None
    reason: str | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class PushResult:
    """Verdicts for a prefix of the batch, in order; the server stops early at an event whose file it
    lacks (upload it, then push again)."""

    verdicts: tuple[ItemVerdict, ...]
    next_seq: int
    waiting_for_blob: str | None = None


@dataclass(frozen=True, slots=True)
class BlobState:
    size: int
    offset: int
    complete: bool


@dataclass(frozen=True, slots=True)
class PulledItem:
    server_seq: int
    kind: str  # "event", "procedure", "calendar", "officer"
    key: str
    body: Mapping[str, Any]
    hash: str | None = None  # events: their content hash


@dataclass(frozen=True, slots=True)
class PullPage:
    after: str  # the cursor this page continues from (opaque, from the server)
    items: tuple[PulledItem, ...]
    cursor: str  # the cursor to store with the page
    more: bool
    procedures: Mapping[str, Any] = field(default_factory=dict)


class SyncTransport(Protocol):
    """The centre, reached over the network. Every method raises a SyncError subclass on failure."""

    def push(self, batch: OutgoingBatch, unavailable: Mapping[str, str]) -> PushResult:
        """Send a batch; `unavailable` names cited files this desk cannot provide, with why."""
        ...

    def blob_state(self, sha256: str, size: int) -> BlobState:
        """ "Have you got this?": the server's offset of the file, starting an upload if it has none."""
        ...

    def upload_chunk(self, sha256: str, offset: int, data: bytes) -> BlobState: ...

    def pull(self, cursor: str, limit: int) -> PullPage: ...


class BlobSource(Protocol):
    """The desk's files, read in chunks for upload."""

    def exists(self, sha256: str) -> bool: ...

    def size(self, sha256: str) -> int: ...

    def intact(self, sha256: str) -> bool:
        """Whether the stored bytes still hash to their name (a disk error must not be uploaded)."""
        ...

    def read_chunk(self, sha256: str, offset: int, length: int) -> bytes: ...


@dataclass(frozen=True, slots=True)
class DeadLetter:
    device_seq: int
    key: str
    verdict: Verdict
    reason: str | None
    message: str | None
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class HeldItem:
    server_seq: int
    key: str
    reason: str
    held_at: datetime


@dataclass(frozen=True, slots=True)
class SyncCounts:
    pending: int  # outbox rows not yet acknowledged
    dead_letters: int  # rejected by the server
    conflicts: int  # made on a stale version: a supervisor decides
    held: int  # pulled changes not applied because they would overwrite local ones
    acked_seq: int
    pull_cursor: str  # opaque: the server's position in what this desk has pulled
    missing_files: int = 0  # events the centre took without their file (too large, lost, damaged)


@dataclass(frozen=True, slots=True)
class SyncAttempts:
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_error_code: str | None
    last_error_message: str | None
    last_error_at: datetime | None
    failures: int  # consecutive failed attempts


class SyncStore(Protocol):
    """The desk's side of the protocol: what to send, what was acknowledged, what was pulled."""

    def pending_batch(self, limit: int, after: int | None = None) -> OutgoingBatch | None:
        """The next outbox rows after `after` (default: after the acknowledged watermark), in device
        sequence order."""
        ...

    def record_push(self, result: PushResult) -> int:
        """Store verdicts and move the acknowledged watermark, in one transaction; returns how many
        outbox rows this acknowledged for the first time."""
        ...

    def rewind(self, acked_seq: int) -> None:
        """Send again from acked_seq + 1 (the server lost a tail it had acknowledged)."""
        ...

    def pull_cursor(self) -> str: ...

    def apply_page(self, page: PullPage) -> int:
        """Apply a page and store its cursor in one transaction; returns how many items were applied.
        A page that does not continue from the stored cursor (another process applied it) is ignored."""
        ...

    def counts(self) -> SyncCounts: ...

    def dead_letters(self, limit: int = 100) -> Sequence[DeadLetter]: ...

    def held(self, limit: int = 100) -> Sequence[HeldItem]: ...

    def attempts(self) -> SyncAttempts: ...

    def note_attempt(self, at: datetime) -> None: ...

    def note_success(self, at: datetime) -> None: ...

    def note_failure(self, at: datetime, code: str, message: str) -> None: ...
