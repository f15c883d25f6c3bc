"""Queue tickets as ESC/POS bytes: the number very large, service, time, people waiting, office, and a QR.

Text goes out as text wherever the printer can print it: ASCII always, Vietnamese through TCVN-3 on
profiles with that code page. Elsewhere each Vietnamese line is a raster image of just that line, and the
number (ASCII) stays text, so a 58 mm ticket stays near 10 KB instead of a 35 KB full-page raster.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from app.domain.errors import ValidationError
from app.services.printing.model import TicketData
from app.services.printing.ports import TicketProfileInfo
from printing.escpos import commands as c
from printing.escpos.encoding import encode_cp1258, encode_tcvn3
from printing.escpos.profiles import CODEPAGES, PROFILES
from printing.escpos.raster import image_bits, qr_image, text_image, wrap
from printing.forms.text import local

FONT_A_DOTS = 12  # width of a Font A character; 24 dots high
RASTER_PX = 22


class _Writer:
    def __init__(self, profile: TicketProfileInfo, mode: str) -> None:
        self.profile = profile
        self.mode = mode  # "codepage" or "raster"
        self.out = bytearray(c.INIT)
        self.page: int | None = None
        self.columns = profile.dots // FONT_A_DOTS

    def raw(self, data: bytes) -> None:
        self.out += data

    def line(self, text: str, *, bold: bool = False, px: int = RASTER_PX) -> None:
        """One or more lines (wrapped to the paper) of centred text."""
        if bold:
            self.out += c.BOLD_ON
        if text.isascii():
            for part in textwrap.wrap(text, self.columns) or [""]:
                self.out += part.encode("ascii") + c.LF
        elif self.mode == "codepage" and self._codepage_line(text):
            pass
        else:
            self._raster_line(text, px, "Bold" if bold else "SemiBold")
        if bold:
            self.out += c.BOLD_OFF

    def _codepage_line(self, text: str) -> bool:
        encoded: list[bytes] = []
        page = self.page
        for part in textwrap.wrap(text, self.columns):
            if self.profile.encoding == "tcvn3":
                result = encode_tcvn3(part, page)
                if result is None:
                    return False
                data, page = result
            else:
                number = CODEPAGES.get(self.profile.name, {}).get("cp1258")
                data_or_none = encode_cp1258(part)
                if number is None or data_or_none is None:
                    return False
                data = data_or_none if page == number else c.codepage(number) + data_or_none
                page = number
            encoded.append(data)
        for data in encoded:
            self.out += data + c.LF
        self.page = page
        return True

    def _raster_line(self, text: str, px: int, weight: str) -> None:
        for part in wrap(text, px, self.profile.dots, weight):
            width_bytes, height, bits = image_bits(_trim(text_image(part, px, self.profile.dots, weight)))
            self.out += c.raster(width_bytes, height, bits)

    def qr(self, data: str) -> None:
        if self.profile.native_qr:
            self.out += c.qr(data.encode("utf-8"), 5 if self.profile.paper_mm < 70 else 6) + c.LF
        else:
            width_bytes, height, bits = image_bits(qr_image(data, self.profile.dots // 2, module=3))
            self.out += c.raster(width_bytes, height, bits)


def _trim(image: object) -> object:
    """Crop blank rows above and below the ink: a few hundred bytes a line on the wire."""
    from PIL import ImageOps
    from PIL.Image import Image

    assert isinstance(image, Image)
    box = ImageOps.invert(image.convert("L")).getbbox()
    if box is None:
        return image
    return image.crop((0, max(box[1] - 1, 0), image.width, min(box[3] + 1, image.height)))


class EscposTickets:
    """The TicketRenderer port."""

    def profiles(self) -> Sequence[TicketProfileInfo]:
        return list(PROFILES.values())

    def render(self, ticket: TicketData, profile: str, vietnamese: str = "auto") -> bytes:
        info = PROFILES.get(profile)
        if info is None:
            raise ValidationError(
                "profile", f"unknown printer profile {profile!r}; see `motcua printer profiles`"
            )
        if vietnamese not in ("auto", "codepage", "raster"):
            raise ValidationError("vietnamese", "must be auto, codepage or raster")
        mode = info.vietnamese if vietnamese == "auto" else vietnamese
        if mode == "codepage" and info.encoding is None:
            raise ValidationError("vietnamese", f"{info.model} has no Vietnamese code page")
        number = ticket.number.strip()
        if not number or not number.isascii() or len(number) > 8:
            raise ValidationError("number", "a ticket number is 1-8 letters and digits, e.g. A012")
        w = _Writer(info, mode)
        w.raw(c.CENTER)
        w.line(ticket.office_name, bold=True)
        w.line("PHIẾU SỐ THỨ TỰ", bold=True)
        w.line(ticket.service_name)
        magnification = max(1, min(8, info.dots // (FONT_A_DOTS * len(number))))
        w.raw(c.size(magnification, magnification) + c.BOLD_ON + number.encode("ascii") + c.LF)
        w.raw(c.BOLD_OFF + c.size(1, 1))
        w.line(f"Số người đang chờ trước: {ticket.waiting}")
        at = local(ticket.issued_at)
        w.line(f"Giờ lấy số: {at:%H:%M} ngày {at:%d/%m/%Y}")
        for extra in ticket.lines:
            w.line(extra)
        if ticket.qr:
            w.qr(ticket.qr)
            w.line("Quét mã để theo dõi lượt gọi")
        w.raw(c.feed(3 if info.cutter else 4))
        if info.cutter:
            w.raw(c.cut())
        return bytes(w.out)
