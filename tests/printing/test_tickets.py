"""Queue tickets: the bytes of every profile parsed back; Vietnamese through TCVN-3 or as raster lines."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

import pytest
import zxingcpp

from app.domain.errors import ValidationError
from app.services.printing.model import TicketData
from printing.escpos.encoding import decode_tcvn3, encode_cp1258, encode_tcvn3
from printing.escpos.parse import Line, parse
from printing.escpos.preview import preview
from printing.escpos.profiles import PROFILES
from printing.escpos.ticket import EscposTickets
from tests.printing.support import ARTIFACTS

OFFICE = "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi"
TICKET = TicketData(
    number="A012",
    service_code="HT",
    service_name="Hộ tịch, Chứng thực",
    issued_at=datetime(2026, 3, 2, 1, 15, tzinfo=UTC),
    waiting=7,
    office_name=OFFICE,
    qr="https://dichvucong.quangngai.gov.vn/tra-cuu?ma=A012-260302",
)
VIETNAMESE = (
    "".join(
        unicodedata.normalize("NFC", base + tone)
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
        for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    )
    + "đĐ"
)


def test_every_vietnamese_letter_has_a_tcvn3_byte_and_comes_back() -> None:
    encoded = encode_tcvn3(VIETNAMESE, None)
    assert encoded is not None
    data, _ = encoded
    # decode by following the page switches (ESC t n) the encoder inserted
    text, page, i = "", 30, 0
    while i < len(data):
        if data[i : i + 2] == b"\x1bt":
            page = data[i + 2]
            i += 3
            continue
        text += decode_tcvn3(data[i : i + 1], page)
        i += 1
    assert text == VIETNAMESE


def test_cp1258_keeps_precomposed_letters_and_decomposes_the_rest() -> None:
    data = encode_cp1258(VIETNAMESE)
    assert data is not None
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == VIETNAMESE
    assert encode_cp1258("中") is None


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_ticket_bytes_parse_back_for_every_profile(name: str) -> None:
    profile = PROFILES[name]
    data = EscposTickets().render(TICKET, name)
    parsed = parse(data)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"ticket-{name}.bin").write_bytes(data)
    preview(parsed, profile.dots).save(ARTIFACTS / f"ticket-{name}.png")
    assert data.startswith(b"\x1b@")
    big = [item for item in parsed.items if isinstance(item, Line) and item.text == "A012"]
    assert big and big[0].width >= 4 and big[0].height >= 4 and big[0].bold  # the number, very large
    assert big[0].width * 12 * len("A012") <= profile.dots
    if profile.cutter:
        assert parsed.items[-1] == "cut"
    if profile.vietnamese == "codepage":
        assert parsed.codepages <= {30, 31}
        text = " ".join(parsed.text)
        for expected in (OFFICE, "PHIẾU SỐ THỨ TỰ", TICKET.service_name, "Số người đang chờ trước: 7"):
            assert expected in text
        assert "Giờ lấy số: 08:15 ngày 02/03/2026" in text
        assert parsed.rasters == []
        assert len(data) <= 3 * 1024  # target: a standard ticket in 3 KB (3.2 s at 9600 baud)
    else:
        assert [t for t in parsed.text if t] == ["A012"]  # only the number is text; Vietnamese is images
        assert len(parsed.rasters) >= 6
        assert all(r.image.width <= profile.dots for r in parsed.rasters)
        assert len(data) <= 12 * 1024  # target without a code page
    if profile.native_qr:
        assert parsed.qr == [TICKET.qr]
    else:
        decoded = [
            r.text for raster in parsed.rasters for r in zxingcpp.read_barcodes(raster.image.convert("L"))
        ]
        assert decoded == [TICKET.qr]


def test_raster_mode_can_be_forced_and_codepage_refused_where_there_is_none() -> None:
    tickets = EscposTickets()
    forced = parse(tickets.render(TICKET, "epson-tm-t20ii", "raster"))
    assert [t for t in forced.text if t] == ["A012"] and forced.rasters
    with pytest.raises(ValidationError, match="no Vietnamese code page"):
        tickets.render(TICKET, "zj-5870", "codepage")
    with pytest.raises(ValidationError, match="unknown printer profile"):
        tickets.render(TICKET, "nope")


def test_ticket_service_and_number_checks(printing: Any) -> None:
    from app.services.printing.tickets import render_ticket, ticket_data

    ticket = ticket_data(printing, "b7", "HT", waiting=3)
    assert ticket.number == "B7" and ticket.service_name == "Hộ tịch"
    assert ticket.qr == printing.config.lookup_url("B7-260302")
    assert "Hộ tịch" in " ".join(parse(render_ticket(printing, ticket)).text)
    with pytest.raises(ValidationError, match="unknown service"):
        ticket_data(printing, "A1", "NOPE")
    with pytest.raises(ValidationError, match="negative"):
        ticket_data(printing, "A1", "HT", waiting=-1)
