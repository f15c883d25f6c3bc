"""The pipeline end to end on rendered pages: measured as they arrive, arranged, built into one PDF."""

from __future__ import annotations

import pytest
from PIL import Image

from app.domain.errors import ValidationError
from app.domain.scanning.batch import Crop
from app.domain.scanning.deskew import skew_angle
from app.domain.scanning.finish import finish_page
from app.domain.scanning.presets import TEXT
from app.services.scanning.pdf import PdfOptions
from app.services.scanning.pipeline import PipelineOptions
from app.services.scanning.session import ScanSession
from devices.scanners.fake.pages import PageSpec
from tests.scanning.support import page, pdf_page_sizes, render_pdf, similarity


def test_manual_duplex_with_blank_backs_gives_the_text_pages_in_order() -> None:
    session = ScanSession()
    fronts = [page(PageSpec(lines=20 + i, angle=1.5 * (i - 1), seed=i)) for i in range(3)]
    backs = [page(PageSpec(lines=0, noise=3, seed=10 + i)) for i in range(3)]
    backs[0] = page(PageSpec(lines=6, seed=20))  # sheet 1 has text on its back
    for image in fronts + backs[::-1]:  # the stack turned over: last back first
        session.add_image(image, 200)
    session.edit(lambda b: b.interleave(3))
    included = session.batch.included()
    assert [p.id for p in included] == ["p1", "p6", "p2", "p3"]  # f1, b1, f2, f3
    assert [p.id for p in session.batch.left_out()] == ["p5", "p4"]  # the blank backs of sheets 2, 3
    assert [round(p.skew, 1) for p in included] == pytest.approx([-1.5, 0.0, 0.0, 1.5], abs=0.5)

    document = session.build()
    assert document.pages == 4
    rendered = render_pdf(document.data)
    # The same sheets fed straight: what the straightened pages should look like.
    level = [page(PageSpec(lines=20 + i, seed=i)) for i in range(3)]
    expected = [level[0], backs[0], level[1], level[2]]
    for source, back in zip(expected, rendered, strict=True):
        assert similarity(source, back) > 0.8
    # The pages went in straightened: measured again, they are level.
    assert all(abs(skew_angle(r)) <= 0.3 for r in rendered)


def test_rotate_crop_and_delete_show_in_the_pdf() -> None:
    session = ScanSession(PipelineOptions(preset=TEXT, pdf=PdfOptions(force_a4=False)))
    for i in range(3):
        session.add_image(page(PageSpec(lines=12, seed=30 + i)), 200)
    session.edit(lambda b: b.rotate("p1").delete("p2").set_crop("p3", Crop(0.0, 0.0, 1.0, 0.5)))
    document = session.build()
    assert document.pages == 2
    sizes = pdf_page_sizes(document.data)
    assert sizes[0] == pytest.approx((841.9, 595.3), abs=1)  # turned: landscape
    assert sizes[1] == pytest.approx((595.3, 421.0), abs=1)  # the top half


def test_thumbnails_show_the_page_as_it_will_be_saved() -> None:
    session = ScanSession()
    session.add_image(page(PageSpec(lines=12, seed=40)), 200)
    session.edit(lambda b: b.rotate("p1"))
    thumb = session.thumbnail("p1", 200)
    assert thumb.width > thumb.height  # turned
    assert max(thumb.size) <= 200


def test_finish_turns_clockwise() -> None:
    image = Image.new("L", (20, 10), 255)
    image.putpixel((0, 0), 0)  # top left
    from app.domain.scanning.batch import PageEntry

    turned = finish_page(image, PageEntry("x", rotation=90))
    assert turned.size == (10, 20)
    assert turned.getpixel((9, 0)) == 0  # top left went to top right


def test_nothing_to_build_when_every_page_is_left_out() -> None:
    session = ScanSession()
    session.add_image(page(PageSpec(lines=0)), 200)
    assert session.batch.pages[0].blank
    with pytest.raises(ValidationError):
        session.build()
    session.clear()
    assert session.batch.pages == ()


def _card_on_the_glass() -> Image.Image:
    """A citizen ID card (85.6 x 54 mm) in the corner of an A4 flatbed scan at 200 dpi; the lid is white."""
    from PIL import ImageDraw

    mm = 200 / 25.4
    scan = Image.new("L", (1654, 2339), 246)
    card = page(PageSpec(lines=38, seed=80)).crop((0, 0, round(85.6 * mm), round(54 * mm)))
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, card.width - 1, card.height - 1), outline=90, width=3)  # the card's edge
    scan.paste(card, (round(20 * mm), round(15 * mm)))
    return scan


def test_crop_to_content_keeps_an_id_card_at_its_real_size() -> None:
    from app.domain.scanning.crop import content_box

    scan = _card_on_the_glass()
    box = content_box(scan)
    assert box is not None
    assert box.left == pytest.approx(20 / 210, abs=0.02)
    assert box.right == pytest.approx(105.6 / 210, abs=0.02)
    assert box.top == pytest.approx(15 / 297, abs=0.02)
    assert box.bottom == pytest.approx(69 / 297, abs=0.02)
    assert content_box(page(PageSpec(lines=0))) is None  # blank: nothing to crop to
    assert content_box(Image.new("L", (800, 1100), 0)) is None  # all dark: leave it

    session = ScanSession()
    session.add_image(scan, 200)
    session.edit(lambda b: b.set_crop("p1", box))
    document = session.build()
    (size,) = pdf_page_sizes(document.data)
    assert size == pytest.approx((841.9, 595.3), abs=0.5)  # A4, turned the card's way
    (rendered,) = render_pdf(document.data, dpi=100)
    # On an A4 sheet, the card is as wide as a card (plus the margins of the crop), not blown up.
    import numpy as np

    dark = np.flatnonzero((np.asarray(rendered) < 128).any(axis=0))
    width_mm = (dark[-1] - dark[0]) / 100 * 25.4
    assert width_mm == pytest.approx(85.6, abs=3)


def test_a_scanner_that_fails_before_its_first_page_is_a_result_not_an_exception() -> None:
    from app.domain.scanning.faults import ScannerError, ScannerFault
    from app.domain.scanning.model import DeviceInfo, ScanProfile, ScanRequest

    class Refusing:
        info = DeviceInfo("x:1", "x", "x")

        def scan(self, request: ScanRequest, profile: ScanProfile) -> list[object]:
            raise ScannerError(ScannerFault.BUSY, device="x:1")

        def cancel(self) -> None: ...

        def close(self) -> None: ...

    session = ScanSession()
    session.add_image(page(PageSpec(lines=5, seed=50)), 200)
    result = session.run(Refusing(), ScanRequest(), ScanProfile("x:1"))  # type: ignore[arg-type]
    assert result.added == () and result.error is not None and result.error.fault is ScannerFault.BUSY
    assert len(session.batch.pages) == 1  # the page from before is still there
