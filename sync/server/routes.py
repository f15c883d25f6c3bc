"""The sync protocol over HTTP: /sync/v1/enrol, /session, /push, /blobs/{sha256}, /pull.

Every answer is JSON carrying `"protocol": "motcua-sync/1"` and the X-Motcua-Sync header: a desk counts
nothing as done unless both are there, so a captive portal's "200 OK" login page or a proxy's error page is
never taken for an acknowledgement. Errors are `{"error": CODE, "message": ...}` with a fitting status.
Handlers that touch the database run in the thread pool; only body reading is async.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from app.services.sync.wire import PROTOCOL, PROTOCOL_HEADER
from sync.server import devices as device_registry
from sync.server.blobstore import OffsetMismatch
from sync.server.devices import Device, EnrolmentRefused
from sync.server.judge import PushItem
from sync.server.pull import MAX_PAGE, START, BadCursor, parse_cursor, pull
from sync.server.push import (
    MAX_BATCH,
    DeviceRevoked,
    Gap,
    NotAuthenticated,
    PushRequest,
    SequenceMismatch,
    push,
)
from sync.server.services import SyncServices, sync_services
from sync.server.uploads import UploadError

log = logging.getLogger("motcua.server")
router = APIRouter(prefix="/sync/v1")

MAX_JSON_BYTES = 32 * 1024 * 1024
MAX_CHUNK_BYTES = 16 * 1024 * 1024
CHUNK_HASH_HEADER = "X-Chunk-Sha256"


class SyncHTTPError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


def answer(body: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"protocol": PROTOCOL, **body}, status_code=status, headers={PROTOCOL_HEADER: "1", **(headers or {})}
    )


def error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return answer({"error": code, "message": message, **extra}, status)


def handled(handler: Callable[..., Awaitable[JSONResponse]]) -> Callable[..., Awaitable[JSONResponse]]:
    @wraps(handler)
    async def wrapper(*args: Any, **kwargs: Any) -> JSONResponse:
        try:
            return await handler(*args, **kwargs)
        except SyncHTTPError as exc:
            return error(exc.status, exc.code, exc.message, **exc.extra)
        except UploadError as exc:
            return error(exc.status, exc.code, exc.message, **exc.extra)

    return wrapper


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise SyncHTTPError(413, "too_large", f"requests up to {limit} bytes are accepted", limit=limit)
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise SyncHTTPError(413, "too_large", f"requests up to {limit} bytes are accepted", limit=limit)
    return bytes(data)


def parse(model: type[BaseModel], data: bytes) -> Any:
    try:
        return model.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SyncHTTPError(
            400, "bad_request", f"{where}: {first['msg']}" if where else str(first["msg"])
        ) from None


def bearer_token(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise SyncHTTPError(401, "unauthorized", "a device token is required (enrol this desk first)")
    return token.strip()


def authenticated(services: SyncServices, request: Request) -> Device:
    token = bearer_token(request)
    with services.engine.connect().execution_options(write=False) as connection:
        device = device_registry.authenticate(connection, token)
    if device is None:
        raise SyncHTTPError(401, "unauthorized", "this device token is not known here")
    if device.revoked:
        raise SyncHTTPError(401, "revoked", "this desk's token was revoked; enrol it again")
    return device


# ----- enrolment ----------------------------------------------------------------------------------------


class EnrolBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=4, max_length=64)
    device_id: str = Field(min_length=32, max_length=32)
    label: str = Field(default="", max_length=200)
    office: str | None = Field(default=None, max_length=64)


@router.post("/enrol")
@handled
async def enrol(request: Request) -> JSONResponse:
    body: EnrolBody = parse(EnrolBody, await read_body(request, 64 * 1024))
    services = sync_services(request)

    def work() -> JSONResponse:
        try:
            device, token = device_registry.enrol(
                services.engine,
                code=body.code,
                device_id=body.device_id,
                label=body.label,
                office_code=body.office,
                now=services.now(),
            )
        except EnrolmentRefused as exc:
            status = 400 if exc.code == "bad_request" else 403
            return error(status, exc.code, exc.message)
        return answer(
            {
                "device_id": device.id,
                "office": device.office_code,
                "token": token,
                "next_seq": device.next_seq,
            },
            201,
        )

    return await run_in_threadpool(work)


@router.get("/session")
@handled
async def session(request: Request) -> JSONResponse:
    services = sync_services(request)
    device = await run_in_threadpool(authenticated, services, request)
    return answer({"device_id": device.id, "office": device.office_code, "next_seq": device.next_seq})


# ----- push ---------------------------------------------------------------------------------------------


class ItemBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    device_seq: int = Field(ge=1)
    stream: str = Field(min_length=1, max_length=32)
    key: str = Field(min_length=1, max_length=96)
    hash: str = Field(max_length=64)
    body: Any = None


class PushBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[ItemBody] = Field(min_length=1, max_length=MAX_BATCH)
    procedures: dict[str, Any] = Field(default_factory=dict)
    unavailable: dict[str, str] = Field(default_factory=dict)


@router.post("/push")
@handled
async def push_batch(request: Request) -> JSONResponse:
    services = sync_services(request)
    token = bearer_token(request)  # checked in the push's own transaction (push.py)
    data = await read_body(request, MAX_JSON_BYTES)
    try:
        body: PushBody = parse(PushBody, data)
        first = body.items[0].device_seq
        if any(item.device_seq != first + i for i, item in enumerate(body.items)):
            raise SyncHTTPError(400, "bad_request", "items must have consecutive device sequence numbers")
    except SyncHTTPError:
        # A stranger learns nothing about the protocol: an unknown token is a 401 whatever it sent.
        await run_in_threadpool(authenticated, services, request)
        raise
    request_data = PushRequest(
        items=[PushItem(i.device_seq, i.stream, i.key, i.hash, i.body) for i in body.items],
        procedures=body.procedures,
        unavailable=body.unavailable,
    )

    def work() -> JSONResponse:
        try:
            result = push(services.engine, token, request_data, services.now(), services.procedures)
        except Gap as gap:
            return error(
                409, "gap", f"this server expects device sequence {gap.expected}", expected=gap.expected
            )
        except SequenceMismatch as exc:
            return error(409, "sequence_mismatch", str(exc))
        except DeviceRevoked:
            return error(401, "revoked", "this desk's token was revoked; enrol it again")
        except NotAuthenticated:
            return error(401, "unauthorized", "this device token is not known here")
        return answer(
            {
                "next_seq": result.next_seq,
                "verdicts": [v.to_wire() for v in result.verdicts],
                "waiting_for_blob": result.waiting_for_blob,
            }
        )

    return await anyio.to_thread.run_sync(work, limiter=services.push_limiter)


# ----- files --------------------------------------------------------------------------------------------


class BlobBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    size: int = Field(ge=0)


@router.post("/blobs/{sha256}")
@handled
async def blob_state(request: Request, sha256: str) -> JSONResponse:
    """ "Have you got this?" (and start an upload if not)."""
    services = sync_services(request)
    device = await run_in_threadpool(authenticated, services, request)
    body: BlobBody = parse(BlobBody, await read_body(request, 4096))
    state = await run_in_threadpool(services.uploads.begin, device.id, sha256, body.size, services.now())
    return answer(state.to_wire())


@router.patch("/blobs/{sha256}")
@handled
async def blob_chunk(request: Request, sha256: str, offset: int) -> JSONResponse:
    services = sync_services(request)
    device = await run_in_threadpool(authenticated, services, request)
    checksum = request.headers.get(CHUNK_HASH_HEADER, "").lower()
    if not checksum:
        raise SyncHTTPError(400, "bad_request", f"a chunk needs its SHA-256 in {CHUNK_HASH_HEADER}")
    data = await read_body(request, MAX_CHUNK_BYTES)
    try:
        state = await run_in_threadpool(
            services.uploads.append, device.id, sha256, offset, data, checksum, services.now()
        )
    except OffsetMismatch as mismatch:
        return error(409, "offset_mismatch", str(mismatch), offset=mismatch.offset)
    return answer(state.to_wire())


# ----- pull ---------------------------------------------------------------------------------------------


@router.get("/pull")
@handled
async def pull_page(request: Request, after: str = START, limit: int = 500) -> JSONResponse:
    services = sync_services(request)
    device = await run_in_threadpool(authenticated, services, request)
    if not 1 <= limit <= MAX_PAGE:
        raise SyncHTTPError(400, "bad_request", f"limit must be 1-{MAX_PAGE}")
    try:
        parse_cursor(after)
    except BadCursor as exc:
        raise SyncHTTPError(400, "bad_request", str(exc)) from None
    page = await run_in_threadpool(pull, services.engine, device, after, limit)
    return answer(page.to_wire())
