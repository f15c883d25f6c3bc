"""What can go wrong when a desk talks to the centre, as codes the status line and the CLI can explain.

`retry` says whether trying again later may help on its own (the network comes back, the portal goes
away); the others need a person (re-enrol, update the app, check the certificate).
"""

from __future__ import annotations


class SyncError(Exception):
    code = "sync_error"
    retry = True

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotEnrolled(SyncError):
    code = "not_enrolled"
    retry = False


class Offline(SyncError):
    """No answer: no route, refused, reset, timed out (the usual state of a district office)."""

    code = "offline"


class ServerUnavailable(SyncError):
    """The server answered but cannot serve now (5xx, 503 while its database is down)."""

    code = "server_unavailable"


class NotSyncServer(SyncError):
    """Something answered that is not the sync server: a captive portal's login page, a proxy's error."""

    code = "not_sync_server"


class Unauthorized(SyncError):
    code = "unauthorized"
    retry = False


class Revoked(Unauthorized):
    code = "revoked"


class VersionNotSupported(SyncError):
    code = "version_not_supported"
    retry = False


class CertificateMismatch(SyncError):
    """TLS did not verify against the configured CA bundle, or the key is not one of the pinned ones."""

    code = "certificate"
    retry = False


class SequenceGap(SyncError):
    """The server expects another device sequence number (it lost an acknowledged tail, or we did)."""

    code = "sequence_gap"

    def __init__(self, expected: int) -> None:
        super().__init__(f"the server expects device sequence {expected}")
        self.expected = expected


class SequenceMismatch(SyncError):
    """The server holds other events under this desk's sequence numbers (a database restored from an old
    backup reused them): a person must look before anything more is sent."""

    code = "sequence_mismatch"
    retry = False


class OffsetMismatch(SyncError):
    code = "offset_mismatch"

    def __init__(self, offset: int) -> None:
        super().__init__(f"the server holds {offset} bytes of this file")
        self.offset = offset


class ChunkRejected(SyncError):
    """A chunk (or the whole file) arrived with another hash than it was sent with: send it again."""

    code = "chunk_rejected"


class BlobTooLarge(SyncError):
    code = "too_large"
    retry = False


class RequestTooLarge(SyncError):
    """Something between the desk and the server (a reverse proxy's body limit) refused the request's
    size: send smaller chunks or batches."""

    code = "request_too_large"


class BadRequest(SyncError):
    """The server refused the request itself (a bug on one side); the message says why."""

    code = "bad_request"
    retry = False
