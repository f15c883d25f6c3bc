"""Ticket printer profiles: width, how Vietnamese prints, QR and cutter. Facts from escpos-printer-db
(data/profile/*.yml: media width in dots, code pages, `qrCode` and cutter features) and queue.md §3.

`vietnamese` is the default way; the office can override it per desk (printing.ticket_vietnamese) after a
test print shows how its printer renders the code page.
"""

from __future__ import annotations

from app.services.printing.ports import TicketProfileInfo

PROFILES: dict[str, TicketProfileInfo] = {
    p.name: p
    for p in (
        # Epson TM-T20II: 80 mm paper, 576 dots, TCVN-3 on pages 30/31, native QR, cutter, DLE EOT status.
        TicketProfileInfo("epson-tm-t20ii", "Epson TM-T20II", 80, 576, "codepage", "tcvn3", True, True, True),
        # Epson TM-T88V: 80 mm, 512 dots, TCVN-3 on pages 30/31.
        TicketProfileInfo("epson-tm-t88v", "Epson TM-T88V", 80, 512, "codepage", "tcvn3", True, True, True),
        # Rongta RP326: 80 mm, CP1258 only (page 35): tone marks would print beside letters -> raster.
        TicketProfileInfo("rongta-rp326", "Rongta RP326", 80, 576, "raster", "cp1258", True, True, True),
        # The common 58 mm POS-5890 clones (Xprinter XP-58...): CP1258 on 27/94, no native QR, no cutter.
        TicketProfileInfo("pos-5890", "POS-5890 (58 mm)", 58, 384, "raster", "cp1258", False, False, True),
        # Zjiang ZJ-5870: 58 mm, no Vietnamese code page in the database at all.
        TicketProfileInfo("zj-5870", "Zjiang ZJ-5870 (58 mm)", 58, 384, "raster", None, False, False, False),
    )
}

# Code page numbers (ESC t n) per profile and encoding.
CODEPAGES: dict[str, dict[str, int]] = {
    "epson-tm-t20ii": {"cp1258": 52},
    "epson-tm-t88v": {"cp1258": 52},
    "rongta-rp326": {"cp1258": 35},
    "pos-5890": {"cp1258": 27},
}
