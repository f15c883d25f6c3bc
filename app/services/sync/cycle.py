"""One sync cycle: files first, then the outbox in order, then what changed elsewhere.

Push before pull, as PowerSync does: a pulled change never lands on a dossier with unsent local events
(the store holds such changes back rather than overwrite them). Every step is idempotent against the
server, so a cycle cut anywhere is simply run again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from app.ports import Clock
from app.services.sync.errors import (
    BlobTooLarge,
    ChunkRejected,
    Offline,
    OffsetMismatch,
    RequestTooLarge,
    SequenceGap,
    ServerUnavailable,
    SyncError,
)
from app.services.sync.ports import BlobSource, OutgoingBatch, SyncStore, SyncTransport

DEFAULT_BATCH = 500  # ~350 kB of JSON: under a reverse proxy's usual 1 MB body limit
DEFAULT_PAGE = 500
DEFAULT_CHUNK = 1 << 20  # 1 MiB: a cut costs at most this much sent twice
MIN_CHUNK = 64 * 1024
MAX_REWINDS = 3


@dataclass
class SyncReport:
    pushed: int = 0  # outbox rows acknowledged in this cycle
    pulled: int = 0  # changes from elsewhere applied in this cycle
    uploaded_bytes: int = 0
    resent_bytes: int = 0  # bytes of chunks sent again after a cut
    files: int = 0  # files completed at the centre in this cycle
    unavailable: dict[str, str] = field(default_factory=dict)  # sha256 -> why it cannot be sent


@dataclass
class SyncCycle:
    store: SyncStore
    transport: SyncTransport
    files: BlobSource
    clock: Clock
    batch_size: int = DEFAULT_BATCH
    page_size: int = DEFAULT_PAGE
    chunk_size: int = DEFAULT_CHUNK
    upload_retries: int = 8  # consecutive failed chunks before the cycle gives up (and runs again later)
    sleep: Callable[[float], None] = time.sleep
    last_report: SyncReport | None = field(default=None, init=False)  # also when run() raised

    def run(self) -> SyncReport:
        """Push then pull; raises the SyncError that stopped it after recording it for the status."""
        report = self.last_report = SyncReport()
        self.store.note_attempt(self.clock.now())
        try:
            self.push(report)
            self.pull(report)
        except SyncError as exc:
            self.store.note_failure(self.clock.now(), exc.code, exc.message)
            raise
        self.store.note_success(self.clock.now())
        return report

    # ----- push -------------------------------------------------------------------------------------------

    def push(self, report: SyncReport) -> None:
        # While the server works on one batch, a helper thread reads and encodes the next (the socket wait
        # releases the GIL): desk and server work at once instead of taking turns.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="motcua-sync-read") as reader:
            self._push(report, reader)

    def _push(self, report: SyncReport, reader: ThreadPoolExecutor) -> None:
        rewinds = 0
        stuck_at: int | None = None
        batch = self.store.pending_batch(self.batch_size)
        while batch is not None:
            self._upload_files(batch, report)
            upcoming: Future[OutgoingBatch | None] = reader.submit(
                self.store.pending_batch, self.batch_size, batch.last_seq
            )
            try:
                result = self.transport.push(batch, report.unavailable)
            except RequestTooLarge:
                # A proxy's body limit (nginx's default is 1 MB): smaller batches get through.
                upcoming.cancel()
                if len(batch.items) == 1:
                    raise
                self.batch_size = max(1, len(batch.items) // 2)
                batch = self.store.pending_batch(self.batch_size)
                continue
            except SequenceGap as gap:
                # The server's expectation wins: the outbox keeps every row, so anything can be sent again.
                upcoming.cancel()
                rewinds += 1
                if rewinds > MAX_REWINDS:
                    raise
                self.store.rewind(gap.expected - 1)
                batch = self.store.pending_batch(self.batch_size)
                continue
            report.pushed += self.store.record_push(result)
            if result.verdicts and result.verdicts[-1].device_seq == batch.last_seq:
                batch = upcoming.result()  # the whole batch was answered: the prefetched one is next
                continue
            upcoming.cancel()
            if not result.verdicts:
                # The server waits for a file we believe we uploaded: once is a race, twice is a fault.
                if stuck_at == batch.first_seq:
                    raise ServerUnavailable(f"the server still lacks file {result.waiting_for_blob}")
                stuck_at = batch.first_seq
            batch = self.store.pending_batch(self.batch_size)

    def _upload_files(self, batch: OutgoingBatch, report: SyncReport) -> None:
        for sha in batch.blobs:
            if sha in report.unavailable:
                continue
            if not self.files.exists(sha):
                report.unavailable[sha] = "lost"
                continue
            try:
                self._upload(sha, report)
            except BlobTooLarge:
                report.unavailable[sha] = "too_large"

    def _upload(self, sha: str, report: SyncReport) -> None:
        size = self.files.size(sha)
        state = self.transport.blob_state(sha, size)
        if state.complete:
            return
        if not self.files.intact(sha):
            report.unavailable[sha] = "corrupt"
            return
        offset, sent_to, failures = state.offset, state.offset, 0
        while True:
            if offset >= size:
                # Every byte is there but the file did not complete (a cut after the last chunk was
                # stored): ask again, which completes or reports what is missing.
                state = self.transport.blob_state(sha, size)
                if state.complete:
                    report.files += 1
                    return
                offset = state.offset
            data = self.files.read_chunk(sha, offset, min(self.chunk_size, size - offset))
            if offset < sent_to:
                report.resent_bytes += min(len(data), sent_to - offset)
            try:
                state = self.transport.upload_chunk(sha, offset, data)
            except OffsetMismatch as mismatch:
                offset = mismatch.offset
                continue
            except RequestTooLarge:
                if self.chunk_size <= MIN_CHUNK:
                    raise
                self.chunk_size = max(MIN_CHUNK, self.chunk_size // 2)
                continue
            except (Offline, ServerUnavailable, ChunkRejected):
                failures += 1
                if failures > self.upload_retries:
                    raise
                self.sleep(min(0.05 * 2**failures, 2.0))
                sent_to = max(sent_to, offset + len(data))
                offset = self._server_offset(sha, size, failures)
                continue
            failures = 0
            report.uploaded_bytes += len(data)
            sent_to = max(sent_to, offset + len(data))
            offset = state.offset
            if state.complete:
                report.files += 1
                return

    def _server_offset(self, sha: str, size: int, failures: int) -> int:
        """After a cut the server's offset is the truth (it keeps every verified chunk)."""
        while True:
            try:
                return self.transport.blob_state(sha, size).offset
            except (Offline, ServerUnavailable):
                failures += 1
                if failures > self.upload_retries:
                    raise
                self.sleep(min(0.05 * 2**failures, 2.0))

    # ----- pull -------------------------------------------------------------------------------------------

    def pull(self, report: SyncReport) -> None:
        while True:
            page = self.transport.pull(self.store.pull_cursor(), self.page_size)
            report.pulled += self.store.apply_page(page)
            if not page.more:
                return
