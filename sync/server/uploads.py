"""Resumable, verified uploads (tus-like): begin with the size, append chunks at the server's offset, each
chunk checked against its own SHA-256, the whole file against its name before it counts.

A file counts (a `blobs` row, so events may cite it) only after the whole-file hash matched; a partial
file is invisible to everything else, and survives server restarts so that an upload resumes from the
last durable chunk.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, select

from sync.server.blobstore import BlobStore
from sync.server.ledger import append_audit
from sync.server.sql import insert_ignore
from sync.server.tables import blobs, uploads

_SHA256 = re.compile(r"[0-9a-f]{64}")


class UploadError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, **extra: object) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra


class TooLarge(UploadError):
    status, code = 413, "too_large"


class NoUpload(UploadError):
    status, code = 404, "no_upload"


class ChunkChecksum(UploadError):
    status, code = 422, "chunk_checksum"


class HashMismatch(UploadError):
    status, code = 422, "hash_mismatch"


class SizeMismatch(UploadError):
    status, code = 409, "size_mismatch"


@dataclass(frozen=True, slots=True)
class UploadState:
    sha256: str
    size: int
    offset: int
    complete: bool

    def to_wire(self) -> dict[str, object]:
        return {"sha256": self.sha256, "size": self.size, "offset": self.offset, "complete": self.complete}


def check_sha(sha256: str) -> str:
    if not _SHA256.fullmatch(sha256):
        raise UploadError("a file is named by 64 lower-case hex digits (its SHA-256)")
    return sha256


@dataclass
class Uploads:
    engine: Engine
    store: BlobStore
    max_bytes: int

    def _stored_size(self, sha256: str) -> int | None:
        with self.engine.connect().execution_options(write=False) as connection:
            size = connection.execute(
                select(blobs.c.size).where(blobs.c.sha256 == sha256)
            ).scalar_one_or_none()
        return None if size is None else int(size)

    def begin(self, device_id: str, sha256: str, size: int, now: datetime) -> UploadState:
        """ "Have you got this?": complete, or the offset to continue from (an upload is started if none)."""
        check_sha(sha256)
        stored = self._stored_size(sha256)
        if stored is not None:
            return UploadState(sha256, stored, stored, True)
        if size < 0:
            raise UploadError("size cannot be negative")
        if size > self.max_bytes:
            raise TooLarge(
                f"files up to {self.max_bytes} bytes are accepted; this one has {size}", limit=self.max_bytes
            )
        with self.engine.begin() as connection:
            insert_ignore(
                connection,
                uploads,
                [{"sha256": sha256, "size": size, "device_id": device_id, "started_at": now}],
            )
            declared = connection.execute(
                select(uploads.c.size).where(uploads.c.sha256 == sha256)
            ).scalar_one()
        if int(declared) != size:
            raise SizeMismatch(f"an upload of this file with {declared} bytes is in progress")
        offset = self.store.partial_size(sha256)
        if offset >= size or self.store.has(sha256):
            return self._finish(device_id, sha256, size, now)
        return UploadState(sha256, size, offset, False)

    def append(
        self, device_id: str, sha256: str, offset: int, data: bytes, chunk_sha256: str, now: datetime
    ) -> UploadState:
        check_sha(sha256)
        stored = self._stored_size(sha256)
        if stored is not None:
            return UploadState(sha256, stored, stored, True)
        with self.engine.connect().execution_options(write=False) as connection:
            declared = connection.execute(
                select(uploads.c.size).where(uploads.c.sha256 == sha256)
            ).scalar_one_or_none()
        if declared is None:
            raise NoUpload("no upload of this file was started; ask for its state first")
        size = int(declared)
        if hashlib.sha256(data).hexdigest() != chunk_sha256:
            raise ChunkChecksum("the chunk does not match its checksum; send it again")
        if offset < 0 or offset + len(data) > size:
            raise UploadError(f"the chunk does not fit a file of {size} bytes")
        new_offset = self.store.append(sha256, offset, data)
        if new_offset >= size:
            return self._finish(device_id, sha256, size, now)
        return UploadState(sha256, size, new_offset, False)

    def _finish(self, device_id: str, sha256: str, size: int, now: datetime) -> UploadState:
        if not self.store.complete(sha256):
            with self.engine.begin() as connection:
                connection.execute(delete(uploads).where(uploads.c.sha256 == sha256))
            raise HashMismatch("the whole file does not match its SHA-256; it was discarded, send it again")
        with self.engine.begin() as connection:
            insert_ignore(
                connection,
                blobs,
                [{"sha256": sha256, "size": size, "stored_at": now, "device_id": device_id}],
            )
            connection.execute(delete(uploads).where(uploads.c.sha256 == sha256))
            append_audit(
                connection,
                device_id,
                at=now,
                actor=device_id,
                action="blob",
                subject=sha256,
                detail={"size": size},
            )
        return UploadState(sha256, size, size, True)
