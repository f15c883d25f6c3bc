"""Files (scans, printed forms) reach the centre before the events that cite them, in chunks that resume
from the server's offset after a cut, each chunk checked and the whole file verified before it counts."""

from __future__ import annotations

import hashlib
import random
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.dossier import DocumentKind
from app.services.documents import NewDocument, attach_document
from app.services.sync.errors import SyncError
from sync.devtools.faultproxy import FaultProxy
from sync.server.tables import blobs, events, receipts, uploads
from tests.sync.support import (
    ServerProcess,
    act,
    assert_agree,
    enrol_desk,
    receive,
    server_count,
    sync,
    sync_until_quiet,
)

CHUNK = 256 * 1024


def scan(desk, code: str, data: bytes, name: str = "scan.pdf") -> str:
    document = attach_document(
        desk.services, NewDocument(code=code, data=data, kind=DocumentKind.SCAN, name=name)
    )
    return document.sha256


def stored_file(server: ServerProcess, sha: str) -> Path:
    return server.workdir / "blobs" / "objects" / sha[:2] / sha[2:4] / sha


@pytest.fixture
def proxy(server: ServerProcess):
    with FaultProxy("127.0.0.1", server.port) as running:
        yield running


def test_a_file_goes_before_the_event_that_cites_it(make_desk, server) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server)
    (code,) = receive(desk)
    data = random.Random(1).randbytes(700_000)
    sha = scan(desk, code, data)
    report = sync(desk, chunk_size=CHUNK)
    assert report.files == 1 and report.uploaded_bytes == len(data)
    assert stored_file(server, sha).read_bytes() == data
    assert_agree(desk, server, device)
    with server.engine.connect() as connection:
        blob_time = connection.execute(select(blobs.c.stored_at)).scalar_one()
        event_time = connection.execute(select(events.c.received_at).where(events.c.seq == 2)).scalar_one()
    assert blob_time <= event_time
    # The same file cited again (a second dossier) is not uploaded again: "have you got this?" says yes.
    (other,) = receive(desk)
    scan(desk, other, data)
    assert sync(desk).uploaded_bytes == 0
    assert server_count(server, blobs) == 1


@pytest.mark.parametrize("seed", [11, 22, 33])
def test_cuts_at_random_byte_offsets_resume_and_resend_at_most_one_chunk_per_cut(
    make_desk, server, proxy: FaultProxy, seed: int
) -> None:
    rng = random.Random(seed)
    desk = make_desk()
    device = enrol_desk(desk, server, url=proxy.url)
    (code,) = receive(desk)
    data = rng.randbytes(3_000_000)
    sha = scan(desk, code, data)
    act(desk, code, "start")
    # A cut every 500-900 kB of upstream traffic, at an offset that lands anywhere: headers, chunk bodies.
    proxy.cut_every(rng.randrange(500_000, 900_000))
    report = sync_until_quiet(desk, chunk_size=CHUNK)
    proxy.cut_every(None)
    cuts = proxy.stats.cuts
    assert cuts >= 3
    assert stored_file(server, sha).read_bytes() == data
    assert hashlib.sha256(stored_file(server, sha).read_bytes()).hexdigest() == sha
    assert report.resent_bytes <= cuts * CHUNK
    assert server_count(server, uploads) == 0
    assert not list((server.workdir / "blobs" / "incoming").glob("*.part"))
    sync(desk)
    assert_agree(desk, server, device)


def test_a_partial_file_is_invisible_and_its_event_waits(make_desk, server, proxy: FaultProxy) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server, url=proxy.url)
    (code,) = receive(desk)
    data = random.Random(5).randbytes(1_500_000)
    sha = scan(desk, code, data)
    proxy.link_down()
    with pytest.raises(SyncError):
        sync(desk, chunk_size=CHUNK, upload_retries=0)
    proxy.link_down(False)
    proxy.cut_after(600_000)
    with pytest.raises(SyncError):
        sync(desk, chunk_size=CHUNK, upload_retries=0)
    with server.engine.connect() as connection:
        assert connection.execute(select(blobs)).all() == []  # not a file yet
        cited = connection.execute(select(events.c.seq).where(events.c.type == "document_added")).all()
    assert cited == []  # and no event cites a file the centre does not have
    partial = server.workdir / "blobs" / "incoming" / f"{sha}.part"
    assert 0 < partial.stat().st_size < len(data)
    report = sync(desk, chunk_size=CHUNK)
    assert report.uploaded_bytes <= len(data) - partial.stat().st_size if partial.exists() else True
    assert stored_file(server, sha).read_bytes() == data
    assert_agree(desk, server, device)


def test_an_oversized_file_is_a_dead_letter_and_does_not_block(
    make_desk, server_process: ServerProcess
) -> None:
    server_process.extra_env["MOTCUA_MAX_FILE_MB"] = "1"
    server = server_process.start()
    desk = make_desk()
    device = enrol_desk(desk, server)
    (code,) = receive(desk)
    scan(desk, code, random.Random(2).randbytes(1_300_000), "big.pdf")
    act(desk, code, "start")
    report = sync(desk)
    assert report.unavailable == {next(iter(report.unavailable)): "too_large"}
    from app.storage.sync_store import SqlSyncStore

    store = SqlSyncStore(desk.database.engine, desk.services.clock)
    letters = store.dead_letters()
    # The history stays whole: the scan's event is taken, flagged without its file, and the next follows.
    assert [(d.device_seq, d.verdict.value, d.reason) for d in letters] == [(2, "accepted", "file_too_large")]
    assert store.counts().missing_files == 1
    assert server_count(server, events) == 3
    assert server_count(server, blobs) == 0
    assert_agree(desk, server, device)


def test_a_file_damaged_on_the_desk_is_never_uploaded(make_desk, server) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server)
    (code,) = receive(desk)
    sha = scan(desk, code, b"%PDF-1.7 original scan")
    path = desk.services.blobs.path(sha)
    path.write_bytes(b"%PDF-1.7 bit rot")
    sync(desk)
    with server.engine.connect() as connection:
        assert connection.execute(select(blobs)).all() == []
        receipt = connection.execute(select(receipts).where(receipts.c.device_seq == 2)).one()
    assert (receipt.verdict, receipt.reason) == ("accepted", "file_corrupt")
    assert_agree(desk, server, device)


def test_a_server_killed_mid_upload_resumes_from_its_last_durable_chunk(
    make_desk, server_process: ServerProcess
) -> None:
    server = server_process.start()
    desk = make_desk()
    device = enrol_desk(desk, server)
    (code,) = receive(desk)
    data = random.Random(9).randbytes(8_000_000)
    sha = scan(desk, code, data)
    partial = server.workdir / "blobs" / "incoming" / f"{sha}.part"
    errors: list[BaseException] = []

    def upload() -> None:
        try:
            sync(desk, chunk_size=CHUNK, upload_retries=0)
        except SyncError as exc:
            errors.append(exc)

    thread = threading.Thread(target=upload)
    thread.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (partial.exists() and partial.stat().st_size > 2_000_000):
        time.sleep(0.005)
    server.kill()
    thread.join(60)
    assert errors, "the upload should have been cut by the kill"
    kept = partial.stat().st_size
    assert 0 < kept < len(data)
    server.start()
    report = sync(desk, chunk_size=CHUNK)
    assert report.uploaded_bytes <= len(data) - kept + CHUNK
    assert stored_file(server, sha).read_bytes() == data
    assert_agree(desk, server, device)
