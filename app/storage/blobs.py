"""The desk's content-addressed file store: `<root>/ab/cd/<sha256>`, written atomically, read verified."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.domain.errors import DomainError, NotFound, ValidationError
from app.ports import BlobRef

_CHUNK = 1 << 20


class CorruptBlob(DomainError):
    code = "corrupt_blob"


class FileBlobStore:
    def __init__(self, root: Path) -> None:
        self._root = root

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValidationError("sha256", "must be 64 lower-case hex digits")
        return self._root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def put(self, data: bytes) -> BlobRef:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if not target.exists():
            self._install(target, lambda handle: handle.write(data))
        return BlobRef(digest, len(data))

    def put_file(self, path: Path) -> BlobRef:
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as source:
            for chunk in iter(lambda: source.read(_CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
        target = self.path(digest.hexdigest())
        if not target.exists():

            def copy(handle: BinaryIO) -> None:
                with path.open("rb") as source:
                    shutil.copyfileobj(source, handle)

            self._install(target, copy)
        return BlobRef(digest.hexdigest(), size)

    def read(self, sha256: str) -> bytes:
        target = self.path(sha256)
        try:
            data = target.read_bytes()
        except FileNotFoundError:
            raise NotFound(f"no stored file {sha256}", sha256=sha256) from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise CorruptBlob(f"stored file {sha256} does not match its hash (disk error?)", sha256=sha256)
        return data

    def _install(self, target: Path, write: Callable[[BinaryIO], object]) -> None:
        # Temp file in the same directory, fsync, then rename: a crash leaves the old state or the whole
        # file, never a torn one under the final name.
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            Path(temporary).replace(target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
