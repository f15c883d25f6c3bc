"""Where the server keeps files: content-addressed by SHA-256, with resumable partial uploads.

`BlobStore` is the interface; `FileBlobStore` keeps files on a local disk. An S3-compatible store can fill
the same interface later (a multipart upload per partial file, `complete` after the hash check; note that
S3's own multipart checksum is not the file's SHA-256, so the hash is still computed here).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol

_READ = 1 << 20


class OffsetMismatch(Exception):
    def __init__(self, offset: int) -> None:
        super().__init__(f"the partial file holds {offset} bytes")
        self.offset = offset


class BlobStore(Protocol):
    def has(self, sha256: str) -> bool:
        """Whether the whole, verified file is stored."""
        ...

    def partial_size(self, sha256: str) -> int:
        """Bytes received so far of an unfinished upload (0 when none)."""
        ...

    def append(self, sha256: str, offset: int, data: bytes) -> int:
        """Add a verified chunk at `offset` (which must be the current size; OffsetMismatch otherwise) and
        make it durable; returns the new size. Idempotent for a chunk already wholly there."""
        ...

    def complete(self, sha256: str) -> bool:
        """Check the whole partial file against its name and publish it; on a mismatch discard it (the
        upload starts again) and return False."""
        ...

    def open(self, sha256: str) -> BinaryIO: ...


class FileBlobStore:
    """`<root>/objects/ab/cd/<sha256>` for whole files, `<root>/incoming/<sha256>.part` for uploads.

    Several uvicorn workers may receive chunks of the same file (a client retrying on a new connection):
    an exclusive flock on the partial file serialises them, and the offset check makes a stale retry
    harmless.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def _object(self, sha256: str) -> Path:
        return self.root / "objects" / sha256[:2] / sha256[2:4] / sha256

    def _partial(self, sha256: str) -> Path:
        return self.root / "incoming" / f"{sha256}.part"

    def has(self, sha256: str) -> bool:
        return self._object(sha256).exists()

    def partial_size(self, sha256: str) -> int:
        try:
            return self._partial(sha256).stat().st_size
        except FileNotFoundError:
            return 0

    @contextmanager
    def _locked(self, sha256: str) -> Iterator[BinaryIO]:
        path = self._partial(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield handle
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def append(self, sha256: str, offset: int, data: bytes) -> int:
        with self._locked(sha256) as handle:
            size = os.fstat(handle.fileno()).st_size
            if offset + len(data) <= size and offset < size:
                # A retry of a chunk that did arrive (its answer was lost): nothing to do.
                return size
            if offset != size:
                raise OffsetMismatch(size)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            return size + len(data)

    def complete(self, sha256: str) -> bool:
        target = self._object(sha256)
        if target.exists():
            return True
        with self._locked(sha256) as handle:
            handle.seek(0)
            digest = hashlib.sha256()
            for chunk in iter(lambda: handle.read(_READ), b""):
                digest.update(chunk)
            partial = self._partial(sha256)
            if digest.hexdigest() != sha256:
                partial.unlink(missing_ok=True)
                return False
            target.parent.mkdir(parents=True, exist_ok=True)
            partial.replace(target)  # same file system: atomic; readers see no file or the whole one
            _fsync_dir(target.parent)
        return True

    def open(self, sha256: str) -> BinaryIO:
        return self._object(sha256).open("rb")


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
