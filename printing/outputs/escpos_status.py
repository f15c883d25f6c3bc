"""Real-time paper status of ESC/POS printers: DLE EOT 4 answers one byte (Epson ESC/POS reference,
"Transmit real-time status", n=4 roll paper sensor): bits 2-3 set = paper near its end, bits 5-6 = out."""

from __future__ import annotations

from app.services.printing.ports import PrinterStatus

QUERY_PAPER = b"\x10\x04\x04"
NEAR_END = 0x0C
OUT = 0x60
_FIXED = 0x12  # bits 1 and 4 are always 1, bit 0 and 7 always 0: tells a status byte from noise


def paper_status(reply: bytes) -> PrinterStatus:
    if len(reply) != 1 or reply[0] & 0x93 != _FIXED:
        return PrinterStatus(True, None, None)  # no answer (many printers stay silent): assume paper
    byte = reply[0]
    if byte & OUT:
        return PrinterStatus(False, "out of paper", "out")
    if byte & NEAR_END:
        return PrinterStatus(True, "paper near end", "near_end")
    return PrinterStatus(True, None, "ok")
