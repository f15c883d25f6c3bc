"""The desk's content-addressed files as a source of upload chunks (the BlobSource port of sync)."""

from __future__ import annotations

import hashlib

from app.ports import BlobStore

_READ = 1 << 20


class StoreBlobSource:
    def __init__(self, store: BlobStore) -> None:
        self._store = store

    def exists(self, sha256: str) -> bool:
        return self._store.has(sha256)

    def size(self, sha256: str) -> int:
        return self._store.path(sha256).stat().st_size

    def intact(self, sha256: str) -> bool:
        digest = hashlib.sha256()
        with self._store.path(sha256).open("rb") as handle:
            for chunk in iter(lambda: handle.read(_READ), b""):
                digest.update(chunk)
        return digest.hexdigest() == sha256

    def read_chunk(self, sha256: str, offset: int, length: int) -> bytes:
        with self._store.path(sha256).open("rb") as handle:
            handle.seek(offset)
            return handle.read(length)
