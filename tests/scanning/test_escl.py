"""eSCL (AirScan) against the fake scanner on 127.0.0.1: capabilities, flatbed, feeder, duplex, the
faults a network MFP reports through its status, and mDNS discovery on the loopback interface."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import ColorMode, ScanProfile, ScanRequest, Source
from app.services.scanning.session import ScanSession
from devices.scanners.escl.backend import EsclBackend, discover
from devices.scanners.escl.scanner import EsclScanner
from devices.scanners.escl.xml import parse_status
from devices.scanners.fake.escl_server import FakeEsclServer, FakeState, announce

DPI = 100  # the fake renders every page it serves: small pages keep the tests quick


@pytest.fixture
def fake() -> Iterator[FakeEsclServer]:
    with FakeEsclServer(FakeState(sheets=3)) as server:
        yield server


@pytest.fixture
def scanner(fake: FakeEsclServer) -> Iterator[EsclScanner]:
    opened = EsclBackend(discovery_seconds=0).open(f"escl:{fake.url}")
    yield opened
    opened.close()


def run(scanner: EsclScanner, source: Source, **kw: object) -> tuple[ScanSession, object]:
    session = ScanSession()
    result = session.run(scanner, ScanRequest(source=source, dpi=DPI, **kw), ScanProfile(scanner.info.id))  # type: ignore[arg-type]
    return session, result


def test_capabilities(scanner: EsclScanner) -> None:
    assert scanner.info.name == "MotCua Fake eSCL Scanner"
    assert scanner.info.sources == (Source.FLATBED, Source.FEEDER, Source.DUPLEX)
    assert scanner.capabilities.inputs[Source.FEEDER].resolutions == (150, 200, 300)


def test_flatbed(scanner: EsclScanner, fake: FakeEsclServer) -> None:
    session, result = run(scanner, Source.FLATBED)
    assert result.ok and result.added == ("p1",)  # type: ignore[attr-defined]
    assert session.pages["p1"].dpi == 150.0  # the smallest offered resolution at or above 100
    assert session.pages["p1"].image.size == (1240, 1754)  # A4 at 150 dpi


def test_feeder_until_404_then_duplex_with_its_blank_backs(
    scanner: EsclScanner, fake: FakeEsclServer
) -> None:
    session, result = run(scanner, Source.FEEDER)
    assert result.ok and len(result.added) == 3  # type: ignore[attr-defined]
    fake.state.sheets = 2
    result = session.run(scanner, ScanRequest(source=Source.DUPLEX, dpi=DPI), ScanProfile(scanner.info.id))
    assert result.ok and result.added == ("p4", "p5", "p6", "p7")
    # The fake's backs are blank: left out after the sheets were paired.
    assert [p.id for p in session.batch.left_out()] == ["p5", "p7"]
    assert session.build().pages == 5


def test_grey_and_colour(scanner: EsclScanner, fake: FakeEsclServer) -> None:
    session, _ = run(scanner, Source.FLATBED, mode=ColorMode.COLOR)
    assert session.pages["p1"].image.mode == "RGB"
    session, _ = run(scanner, Source.FLATBED)
    assert session.pages["p1"].image.mode == "L"


def test_a_jam_keeps_the_pages_already_read(scanner: EsclScanner, fake: FakeEsclServer) -> None:
    fake.state.sheets, fake.state.jam_after = 5, 2
    session, result = run(scanner, Source.FEEDER)
    assert result.added == ("p1", "p2")  # type: ignore[attr-defined]
    assert result.error.fault is ScannerFault.JAMMED  # type: ignore[attr-defined]
    assert len(session.batch.pages) == 2


def test_empty_feeder_and_open_cover_are_reported_before_a_job(
    scanner: EsclScanner, fake: FakeEsclServer
) -> None:
    fake.state.sheets = 0
    _, result = run(scanner, Source.FEEDER)
    assert result.error.fault is ScannerFault.FEEDER_EMPTY  # type: ignore[attr-defined]
    fake.state.sheets, fake.state.cover_open = 3, True
    _, result = run(scanner, Source.FEEDER)
    assert result.error.fault is ScannerFault.COVER_OPEN  # type: ignore[attr-defined]
    assert not any(r.startswith("POST") for r in fake.state.requests)


def test_busy_and_not_ready_answers_are_waited_out(fake: FakeEsclServer) -> None:
    fake.state.busy_answers, fake.state.not_ready_answers = 2, 1
    scanner = EsclScanner(f"escl:{fake.url}", retry_delay=0.01)
    _, result = run(scanner, Source.FLATBED)
    assert result.ok  # type: ignore[attr-defined]
    assert sum(r == "POST /eSCL/ScanJobs" for r in fake.state.requests) == 3


def test_a_scanner_busy_for_good_is_reported(fake: FakeEsclServer) -> None:
    fake.state.busy_answers = 100
    scanner = EsclScanner(f"escl:{fake.url}", retry_delay=0.001, max_retries=5)
    _, result = run(scanner, Source.FLATBED)
    assert result.error.fault is ScannerFault.BUSY  # type: ignore[attr-defined]


def test_stopping_early_cancels_the_job(scanner: EsclScanner, fake: FakeEsclServer) -> None:
    _, result = run(scanner, Source.FEEDER, pages=1)
    assert result.ok and len(result.added) == 1  # type: ignore[attr-defined]
    assert any(r.startswith("DELETE /eSCL/ScanJobs/") for r in fake.state.requests)
    status = parse_status(scanner._client.get(f"{fake.url}/ScannerStatus").content)
    assert set(status.jobs.values()) == {"Canceled"}


def test_a_scanner_that_went_away() -> None:
    with FakeEsclServer() as server:
        url = server.url
    with pytest.raises(ScannerError) as raised:
        EsclBackend(discovery_seconds=0).open(f"escl:{url}")
    assert raised.value.fault is ScannerFault.UNPLUGGED


def test_a_scanner_that_goes_away_mid_run_keeps_the_pages(fake: FakeEsclServer) -> None:
    fake.state.sheets = 4
    scanner = EsclScanner(f"escl:{fake.url}", timeout=2)
    session = ScanSession()

    def unplug(entry: object) -> None:
        fake.stop()

    result = session.run(
        scanner, ScanRequest(source=Source.FEEDER, dpi=DPI), ScanProfile(scanner.info.id), unplug
    )
    assert result.added == ("p1",)
    assert result.error is not None and result.error.fault is ScannerFault.UNPLUGGED


@pytest.mark.slow
def test_discovery_over_mdns_on_loopback(fake: FakeEsclServer) -> None:
    withdraw = announce(fake, "127.0.0.1", interfaces=["127.0.0.1"])
    try:
        found = discover(2.0, interfaces=["127.0.0.1"])
    finally:
        withdraw()
    urls = {a.url for a in found}
    assert fake.url in urls
    device = next(a for a in found if a.url == fake.url).device()
    assert device.id == f"escl:{fake.url}"
    assert device.sources == (Source.FLATBED, Source.FEEDER, Source.DUPLEX)
