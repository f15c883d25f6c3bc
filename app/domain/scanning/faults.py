"""What goes wrong at a scanner, as codes the front ends word for the officer (the CLI in English, the
desk app in Vietnamese), each with what to do about it."""

from __future__ import annotations

from enum import StrEnum

from app.domain.errors import DomainError


class ScannerFault(StrEnum):
    JAMMED = "jammed"
    FEEDER_EMPTY = "feeder_empty"  # nothing in the feeder
    SHORT_FEED = "short_feed"  # the feeder ran dry before the pages the officer counted
    COVER_OPEN = "cover_open"
    UNPLUGGED = "unplugged"  # not found, switched off, cable or network gone
    BUSY = "busy"  # another computer is scanning
    CANCELLED = "cancelled"
    UNSUPPORTED = "unsupported"  # the device cannot do what the profile asks (no feeder, no duplex)
    FAILED = "failed"  # an I/O or protocol error with no better name


_ADVICE = {
    ScannerFault.JAMMED: "paper jam in the feeder: open the cover, take the sheet out and scan the rest",
    ScannerFault.FEEDER_EMPTY: "the feeder is empty: put the papers in the feeder, face as the profile says",
    ScannerFault.SHORT_FEED: (
        "the feeder ran out before the pages expected: look for a sheet left in the tray or two sheets fed "
        "together, then scan the rest"
    ),
    ScannerFault.COVER_OPEN: "the scanner's cover is open: close it and scan again",
    ScannerFault.UNPLUGGED: "the scanner does not answer: check that it is on and its cable or network",
    ScannerFault.BUSY: "the scanner is busy with another job: wait for it and scan again",
    ScannerFault.CANCELLED: "the scan was cancelled",
    ScannerFault.UNSUPPORTED: "the scanner cannot do this",
    ScannerFault.FAILED: "the scanner reported an error",
}


def advice(fault: ScannerFault) -> str:
    return _ADVICE[fault]


class ScannerError(DomainError):
    """A scanner failed. `pages` says how many pages of the run had arrived (they are kept)."""

    code = "scanner_error"

    def __init__(self, fault: ScannerFault, detail: str = "", /, *, device: str = "", pages: int = 0) -> None:
        text = advice(fault)
        if detail:
            text = f"{text} ({detail})"
        super().__init__(text, fault=fault.value, device=device, pages=pages)
        self.fault = fault
        self.detail = detail
        self.device = device
        self.pages = pages

    def with_pages(self, pages: int) -> ScannerError:
        return ScannerError(self.fault, self.detail, device=self.device, pages=pages)
