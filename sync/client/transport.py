"""The SyncTransport port over HTTPS with httpx.

Nothing counts as an answer of the sync server unless it carries the protocol header and the protocol
marker in a JSON body: captive portals and proxies answer 200 with HTML, and a desk that took that for an
acknowledgement would drop events (ODK learnt this: only 201/202 count). Every failure becomes one of the
SyncError codes the status line explains.
"""

from __future__ import annotations

import hashlib
import ssl
from collections.abc import Mapping
from typing import Any

import httpx

from app.services.sync.enrolment import EnrolRequest, Grant
from app.services.sync.errors import (
    BadRequest,
    BlobTooLarge,
    CertificateMismatch,
    ChunkRejected,
    NotSyncServer,
    Offline,
    OffsetMismatch,
    RequestTooLarge,
    Revoked,
    SequenceGap,
    SequenceMismatch,
    ServerUnavailable,
    SyncError,
    Unauthorized,
    VersionNotSupported,
)
from app.services.sync.ports import (
    BlobState,
    ItemVerdict,
    OutgoingBatch,
    PulledItem,
    PullPage,
    PushResult,
)
from app.services.sync.wire import PROTOCOL, PROTOCOL_HEADER, Verdict
from sync.client.tls import PinMismatchError, client_context

API = "/sync/v1"
CHUNK_HASH_HEADER = "X-Chunk-Sha256"
# Connect fast (an office without a link should learn it in seconds), but let a big batch or chunk take
# its time on a slow uplink.
TIMEOUT = httpx.Timeout(60.0, connect=10.0)


def _cause_chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


class HttpTransport:
    def __init__(
        self,
        server_url: str,
        token: str | None,
        *,
        ca_bundle: str | None = None,
        pins: tuple[str, ...] = (),
        timeout: httpx.Timeout = TIMEOUT,
    ) -> None:
        self.server_url = server_url.rstrip("/")
        headers = {"User-Agent": "motcua-desk"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        verify: ssl.SSLContext | bool = True
        if self.server_url.startswith("https://"):
            verify = client_context(ca_bundle, pins)
        self._client = httpx.Client(base_url=self.server_url, headers=headers, timeout=timeout, verify=verify)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpTransport:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----- the port ---------------------------------------------------------------------------------------

    def enrol(self, request: EnrolRequest, device_id: str) -> Grant:
        body = self._call(
            "POST",
            "/enrol",
            json={
                "code": request.code,
                "device_id": device_id,
                "label": request.label,
                "office": request.office_code,
            },
        )
        return Grant(str(body["device_id"]), str(body["office"]), str(body["token"]))

    def session(self) -> dict[str, Any]:
        return self._call("GET", "/session")

    def push(self, batch: OutgoingBatch, unavailable: Mapping[str, str]) -> PushResult:
        cited = set(batch.blobs)
        body = self._call(
            "POST",
            "/push",
            json={
                "items": [item.to_wire() for item in batch.items],
                "procedures": dict(batch.procedures),
                "unavailable": {sha: why for sha, why in unavailable.items() if sha in cited},
            },
        )
        verdicts = tuple(
            ItemVerdict(
                device_seq=int(v["device_seq"]),
                key=str(v["key"]),
                verdict=Verdict(v["verdict"]),
                server_seq=v.get("server_seq"),
                reason=v.get("reason"),
                message=v.get("message"),
            )
            for v in body["verdicts"]
        )
        expected = [item.device_seq for item in batch.items[: len(verdicts)]]
        if [v.device_seq for v in verdicts] != expected:
            raise NotSyncServer("the server's verdicts do not match the batch sent")
        return PushResult(verdicts, int(body["next_seq"]), body.get("waiting_for_blob"))

    def blob_state(self, sha256: str, size: int) -> BlobState:
        return self._blob(self._call("POST", f"/blobs/{sha256}", json={"size": size}))

    def upload_chunk(self, sha256: str, offset: int, data: bytes) -> BlobState:
        body = self._call(
            "PATCH",
            f"/blobs/{sha256}",
            params={"offset": offset},
            content=data,
            headers={
                CHUNK_HASH_HEADER: hashlib.sha256(data).hexdigest(),
                "Content-Type": "application/octet-stream",
            },
        )
        return self._blob(body)

    def pull(self, cursor: str, limit: int) -> PullPage:
        body = self._call("GET", "/pull", params={"after": cursor, "limit": limit})
        if str(body["after"]) != cursor:
            raise NotSyncServer("the server answered for another cursor")
        items = tuple(
            PulledItem(int(i["server_seq"]), str(i["kind"]), str(i["key"]), i["body"], i.get("hash"))
            for i in body["items"]
        )
        return PullPage(cursor, items, str(body["cursor"]), bool(body["more"]), body.get("procedures") or {})

    # ----- HTTP -------------------------------------------------------------------------------------------

    @staticmethod
    def _blob(body: Mapping[str, Any]) -> BlobState:
        return BlobState(int(body["size"]), int(body["offset"]), bool(body["complete"]))

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._client.request(method, API + path, **kwargs)
        except httpx.TransportError as exc:
            raise self._transport_error(exc) from exc
        return self._answer(response)

    def _transport_error(self, exc: httpx.TransportError) -> SyncError:
        for cause in _cause_chain(exc):
            if isinstance(cause, PinMismatchError):
                return CertificateMismatch(f"{self.server_url}: the server's key is not a pinned one")
            if isinstance(cause, ssl.SSLCertVerificationError):
                return CertificateMismatch(
                    f"{self.server_url}: certificate not trusted ({cause.verify_message})"
                )
        if isinstance(exc, httpx.TimeoutException):
            return Offline(f"{self.server_url} did not answer in time")
        return Offline(f"cannot reach {self.server_url}: {type(exc).__name__}")

    def _answer(self, response: httpx.Response) -> dict[str, Any]:
        status = response.status_code
        body: Any = None
        if response.headers.get(PROTOCOL_HEADER) and "json" in response.headers.get("content-type", ""):
            try:
                body = response.json()
            except ValueError:
                body = None
        if not isinstance(body, dict) or body.get("protocol") != PROTOCOL:
            if status == 413:
                raise RequestTooLarge(f"a proxy refused a request of {len(response.request.content)} bytes")
            if status >= 500:
                raise ServerUnavailable(f"{self.server_url} answered {status}")
            raise NotSyncServer(
                f"{self.server_url} answered {status} with something that is not the sync protocol "
                "(a captive portal or a proxy?)"
            )
        if status in (200, 201):
            return body
        code, message = str(body.get("error", "")), str(body.get("message", ""))
        if status == 401:
            raise Revoked(message) if code == "revoked" else Unauthorized(message)
        if code == "gap":
            raise SequenceGap(int(body["expected"]))
        if code == "sequence_mismatch":
            raise SequenceMismatch(message)
        if code == "offset_mismatch":
            raise OffsetMismatch(int(body["offset"]))
        if code in ("chunk_checksum", "hash_mismatch"):
            raise ChunkRejected(message)
        if code == "too_large":
            raise BlobTooLarge(message)
        if code == "version_not_supported":
            raise VersionNotSupported(message)
        if status >= 500:
            raise ServerUnavailable(message or f"{self.server_url} answered {status}")
        raise BadRequest(f"{code}: {message}" if code else f"{status}: {message}")
