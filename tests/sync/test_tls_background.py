"""TLS with a private CA and key pinning; the background runner with backoff; the status a person reads."""

from __future__ import annotations

import ssl
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import trustme

from app.services.sync.background import Backoff
from app.services.sync.errors import CertificateMismatch
from app.services.sync.ports import SyncAttempts, SyncCounts
from app.services.sync.status import SyncState, SyncStatus, derive_state, status_line
from sync.client.background import start_background_sync
from sync.client.tls import spki_pin
from sync.client.wiring import read_status
from sync.devtools.faultproxy import FaultProxy
from sync.server.tables import enrol_codes
from tests.sync.support import ServerProcess, assert_agree, enrol_desk, receive, server_count, sync


@pytest.fixture
def tls_server(server_process: ServerProcess, tmp_path: Path):
    ca = trustme.CA(organization_name="So Thong tin va Truyen thong (test)")
    certificate = ca.issue_cert("127.0.0.1")
    ca_path, cert_path, key_path = tmp_path / "ca.pem", tmp_path / "server.pem", tmp_path / "server.key"
    ca.cert_pem.write_to_path(str(ca_path))
    certificate.cert_chain_pems[0].write_to_path(str(cert_path))
    certificate.private_key_pem.write_to_path(str(key_path))
    server_process.args = ("--ssl-certfile", str(cert_path), "--ssl-keyfile", str(key_path))
    server_process.start()
    pin = spki_pin(ssl.PEM_cert_to_DER_cert(certificate.cert_chain_pems[0].bytes().decode()))
    return server_process, str(ca_path), pin


def test_https_with_a_private_ca_and_a_pinned_key(make_desk, tls_server) -> None:
    server, ca_path, pin = tls_server
    assert server.url.startswith("https://")
    desk = make_desk()
    device = enrol_desk(desk, server, ca_bundle=ca_path, pins=(pin, "A" * 43 + "="))  # with a backup pin
    receive(desk, 2)
    assert sync(desk).pushed == 2
    assert_agree(desk, server, device)


def test_a_server_outside_the_ca_bundle_is_refused(make_desk, tls_server) -> None:
    server, _, _ = tls_server
    desk = make_desk()
    with pytest.raises(CertificateMismatch, match="not trusted"):
        enrol_desk(desk, server)  # the system's CAs do not know the province's private CA


def test_a_wrong_pin_is_refused_inside_the_handshake(make_desk, tls_server) -> None:
    server, ca_path, _ = tls_server
    desk = make_desk()
    code_count = server_count(server, enrol_codes)
    with pytest.raises(CertificateMismatch, match="pinned"):
        enrol_desk(desk, server, ca_bundle=ca_path, pins=("B" * 43 + "=",))
    from sqlalchemy import func, select

    with server.engine.connect() as connection:
        used = connection.execute(select(func.count()).where(enrol_codes.c.used_at.is_not(None))).scalar_one()
    assert used == 0 and server_count(server, enrol_codes) == code_count + 1  # the code never left the desk


def test_background_sync_backs_off_while_offline_and_catches_up(make_desk, server) -> None:
    desk = make_desk()
    with FaultProxy("127.0.0.1", server.port) as proxy:
        device = enrol_desk(desk, server, url=proxy.url)
        receive(desk, 3)
        proxy.link_down()
        statuses: list[SyncStatus] = []
        runner = start_background_sync(
            desk,
            statuses.append,
            backoff=Backoff(interval=0.2, first=0.05, cap=0.4, floor=0.0),
        )
        runner._draw = lambda: 1.0  # no jitter: the delays can be checked
        try:
            deadline = time.monotonic() + 20
            while runner.failures < 4 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert runner.failures >= 4
            assert {status.attempts.last_error_code for status in statuses} == {"offline"}
            assert runner.last_delay == 0.4  # 0.05, 0.1, 0.2, then capped
            status = read_status(desk)
            assert status.state is SyncState.OFFLINE and status.counts.pending == 3
            assert "không kết nối được máy chủ" in status_line(status, datetime.now(UTC))
            proxy.link_down(False)
            runner.nudge()
            deadline = time.monotonic() + 20
            while read_status(desk).state is not SyncState.SYNCED and time.monotonic() < deadline:
                time.sleep(0.02)
        finally:
            assert runner.stop(10)
    assert read_status(desk).state is SyncState.SYNCED
    assert runner.failures == 0
    assert_agree(desk, server, device)


def counts(**values: int) -> SyncCounts:
    return SyncCounts(
        **{
            "pending": 0,
            "dead_letters": 0,
            "conflicts": 0,
            "held": 0,
            "acked_seq": 0,
            "pull_cursor": 0,
            **values,
        }
    )


def attempts(**values: object) -> SyncAttempts:
    base: dict[str, object] = {
        "last_attempt_at": None,
        "last_success_at": None,
        "last_error_code": None,
        "last_error_message": None,
        "last_error_at": None,
        "failures": 0,
    }
    return SyncAttempts(**{**base, **values})  # type: ignore[arg-type]


def test_status_lines_say_what_an_officer_needs_first_in_vietnamese() -> None:
    now = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)

    def line(enrolled: bool, c: SyncCounts, a: SyncAttempts, language: str = "vi") -> str:
        state = derive_state(enrolled, c, a)
        return status_line(SyncStatus(state, "https://x", "Q", "d", c, a), now, language=language)

    assert line(False, counts(), attempts()) == "Làm việc độc lập (chưa đăng ký máy chủ)"
    assert line(True, counts(), attempts()) == "Chưa đồng bộ lần nào"
    synced = attempts(last_success_at=now - timedelta(minutes=3))
    assert line(True, counts(), synced) == "Đồng bộ 3 phút trước"
    assert (
        line(True, counts(pending=12, dead_letters=1), synced)
        == "Đồng bộ 3 phút trước · 12 chờ gửi · 1 mục cần xử lý"
    )
    revoked = attempts(last_success_at=now - timedelta(hours=5), last_error_code="revoked", failures=2)
    assert derive_state(True, counts(), revoked) is SyncState.ATTENTION
    assert line(True, counts(pending=4), revoked) == (
        "Đồng bộ 5 giờ trước · 4 chờ gửi · máy này đã bị thu hồi quyền đồng bộ; cần đăng ký lại"
    )
    offline = attempts(last_success_at=now - timedelta(days=3), last_error_code="offline", failures=9)
    assert line(True, counts(pending=40), offline, "en") == "Synced 3 days ago · 40 waiting · offline"
