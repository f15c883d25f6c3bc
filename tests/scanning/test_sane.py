"""SANE's `test` device (libsane1): a real backend with a feeder that empties after 10 sheets and
simulated faults (its read-return-value option): jam, no documents, cover open.

Runs with a simulated fault scan small pages (SMALL): the test backend reads in a thread that sane_cancel
kills with asynchronous cancellation, and killed in the middle of malloc or the dynamic loader it leaves
a lock held that hangs the process later (seen under load). A page that fits in the pipe lets that
thread finish on its own before the run is cancelled."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from app.domain.scanning.batch import PageEntry
from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import ColorMode, ScanProfile, ScanRequest, Source
from app.services.scanning.session import ScanSession
from devices.scanners.profiles import profile_for
from devices.scanners.sane_scanner import SaneBackend, SaneScanner

pytest.importorskip("sane", reason="python-sane is a dependency on Linux")


@pytest.fixture
def scanner() -> Iterator[SaneScanner]:
    opened = SaneBackend().open("sane:test")
    yield opened
    opened.close()


# 40 x 40 mm at 50 dpi: 79 x 79 pixels, 6 KB, written whole into the backend's pipe at once.
SMALL = {"br-x": 40, "br-y": 40}


@pytest.fixture
def profile() -> ScanProfile:
    return profile_for("sane:test")


@pytest.fixture
def small(profile: ScanProfile) -> ScanProfile:
    return ScanProfile(profile.device, profile.source_names, options={**profile.options, **SMALL})


def test_flatbed_gives_one_page_at_the_resolution_asked(scanner: SaneScanner, profile: ScanProfile) -> None:
    pages = list(scanner.scan(ScanRequest(source=Source.FLATBED, dpi=150), profile))
    assert len(pages) == 1
    assert pages[0].dpi == (150.0, 150.0)
    assert pages[0].image.mode == "L"
    # The test device's largest area is 200 x 200 mm (not quite A4): 1181 pixels at 150 dpi.
    assert pages[0].image.size == (1181, 1181)


def test_colour_mode(scanner: SaneScanner, profile: ScanProfile) -> None:
    pages = list(scanner.scan(ScanRequest(source=Source.FLATBED, dpi=75, mode=ColorMode.COLOR), profile))
    assert pages[0].image.mode == "RGB"


def test_feeder_runs_until_empty_then_stops(scanner: SaneScanner, profile: ScanProfile) -> None:
    session = ScanSession()
    result = session.run(scanner, ScanRequest(source=Source.FEEDER, dpi=100), profile)
    assert result.ok
    assert len(result.added) == 10  # the test device's feeder holds 10 sheets


def test_pages_asked_for_are_counted(scanner: SaneScanner, profile: ScanProfile) -> None:
    session = ScanSession()
    assert session.run(scanner, ScanRequest(source=Source.FEEDER, dpi=100, pages=3), profile).added == (
        "p1",
        "p2",
        "p3",
    )
    # The officer counted 12 sheets; the 7 left of the feeder's 10 come through.
    short = session.run(scanner, ScanRequest(source=Source.FEEDER, dpi=100, pages=12), profile)
    assert len(short.added) == 7
    assert short.error is not None and short.error.fault is ScannerFault.SHORT_FEED
    assert "7 of 12" in str(short.error)
    assert len(session.batch.pages) == 10  # every page kept


def test_a_jam_on_the_fourth_sheet_keeps_the_three_before(scanner: SaneScanner, small: ScanProfile) -> None:
    session = ScanSession()

    def jam_after_three(entry: PageEntry) -> None:
        if entry.id == "p3":
            scanner.set_option("read-return-value", "SANE_STATUS_JAMMED")

    result = session.run(scanner, ScanRequest(source=Source.FEEDER, dpi=50), small, on_page=jam_after_three)
    assert result.added == ("p1", "p2", "p3")
    assert result.error is not None
    assert result.error.fault is ScannerFault.JAMMED
    assert result.error.pages == 3
    assert "paper jam" in str(result.error)
    assert [p.id for p in session.batch.pages] == ["p1", "p2", "p3"]
    # Jam cleared: the rest goes into the same session.
    scanner.set_option("read-return-value", "Default")
    rest = session.run(scanner, ScanRequest(source=Source.FEEDER, dpi=50, pages=2), small)
    assert rest.ok and rest.added == ("p4", "p5")
    assert session.build().pages == 5


@pytest.mark.parametrize(
    ("status", "fault"),
    [
        ("SANE_STATUS_NO_DOCS", ScannerFault.FEEDER_EMPTY),
        ("SANE_STATUS_COVER_OPEN", ScannerFault.COVER_OPEN),
        ("SANE_STATUS_JAMMED", ScannerFault.JAMMED),
        ("SANE_STATUS_DEVICE_BUSY", ScannerFault.BUSY),
        ("SANE_STATUS_IO_ERROR", ScannerFault.UNPLUGGED),
        ("SANE_STATUS_NO_MEM", ScannerFault.FAILED),
    ],
)
def test_faults_on_the_first_sheet(scanner: SaneScanner, status: str, fault: ScannerFault) -> None:
    profile = ScanProfile(
        "sane:test",
        {Source.FLATBED: "Flatbed", Source.FEEDER: "Automatic Document Feeder"},
        options={"read-return-value": status, **SMALL},
    )
    result = ScanSession().run(scanner, ScanRequest(source=Source.FEEDER, dpi=50), profile)
    assert result.added == ()
    assert result.error is not None and result.error.fault is fault


def test_unplugged_scanner(profile: ScanProfile) -> None:
    with pytest.raises(ScannerError) as raised:
        SaneBackend().open("sane:nonexistent:usb:001:042")
    assert raised.value.fault is ScannerFault.UNPLUGGED


def test_sources_are_named_by_the_profile_never_guessed(scanner: SaneScanner) -> None:
    assert scanner.info.sources == (Source.FLATBED, Source.FEEDER)
    # No duplex on the test device, and a profile naming a source it does not have: said plainly.
    for request, profile in (
        (ScanRequest(source=Source.DUPLEX), ScanProfile("sane:test")),
        (ScanRequest(source=Source.FEEDER), ScanProfile("sane:test", {Source.FEEDER: "ADF Front"})),
    ):
        result = ScanSession().run(scanner, request, profile)
        assert result.error is not None and result.error.fault is ScannerFault.UNSUPPORTED
    with pytest.raises(ScannerError):
        scanner.set_option("no-such-option", 1)


def test_after_a_scan_a_closed_pipe_is_still_an_exception_not_death(
    scanner: SaneScanner, small: ScanProfile
) -> None:
    # libsane resets SIGPIPE to its default (kill the process) when it cancels a scan; the adapter puts
    # Python's "ignore" back, so a closed socket elsewhere in the desk app raises BrokenPipeError.
    ScanSession().run(scanner, ScanRequest(source=Source.FLATBED, dpi=50), small)
    scanner.close()
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        with pytest.raises(BrokenPipeError):
            os.write(write_end, b"x")
    finally:
        os.close(write_end)
