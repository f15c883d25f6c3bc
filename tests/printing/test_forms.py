"""Forms 01-06 rendered, read back (text, Code128, QR at 150 dpi), archived in the dossier and reprinted."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.dossier import DocumentKind
from app.domain.errors import ValidationError
from app.domain.events import EventType
from app.domain.lifecycle import Action
from app.services.printing.forms import build_form, print_form, reprint_form
from app.services.printing.ports import PDF, JobState
from app.services.queries import show_dossier
from tests.printing.conftest import move
from tests.printing.support import decode_pages, page_count, pdf_text, save_render, unembedded_fonts


def _assert_marks(printing: Any, pdf: bytes, code: str) -> None:
    pages = decode_pages(pdf, dpi=150)
    assert pages, "no page rendered"
    assert unembedded_fonts(pdf) == set()
    for number, found in enumerate(pages, start=1):
        assert found.get("Code128") == code, f"page {number}: {found}"
        assert found.get("QRCode") == printing.config.lookup_url(code), f"page {number}: {found}"


def test_receipt_prints_the_dossier_with_barcodes_and_is_archived(
    desk: Any, printing: Any, received: str
) -> None:
    printed = print_form(printing, received, "receipt", queue=False)
    save_render(printed.pdf, "mau01-receipt")
    pdf = printed.pdf
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == 2  # one page per liên: the applicant's and the file's
    _assert_marks(printing, pdf, received)
    text = pdf_text(pdf)
    dossier = show_dossier(desk.services, received).dossier
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Quảng Ngãi, ngày 02 tháng 3 năm 2026",
        "Nguyễn Thị Ngọc Ánh",
        "051190001234",
        "Số 12 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi",
        "anh.nguyen@example.vn",
        "Thủ tục đăng ký khai sinh (Đăng ký khai sinh cho con)",
        "Tờ khai đăng ký khai sinh theo mẫu",
        "2. Số lượng hồ sơ: 01 bộ",
        "1 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 02 tháng 3 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, ngày 03 tháng 3 năm 2026",
        "Quầy số 1",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Nguyễn Thị Lan",
        "Liên 1: Giao người nộp hồ sơ",
        "Liên 2: Lưu tại Bộ phận tiếp nhận và trả kết quả",
    ):
        assert expected in text, expected
    for component in dossier.components:
        if component.received:
            assert component.name[:30] in text
    # archived: the exact bytes, by hash, in the dossier's history
    assert printed.document.kind is DocumentKind.FORM and printed.document.copy_of is None
    assert desk.services.blobs.read(printed.document.sha256) == pdf
    view = show_dossier(desk.services, received)
    last = view.history[-1]
    assert last.type is EventType.DOCUMENT_ADDED and last.payload["sha256"] == printed.document.sha256
    assert printed.job is None


def test_receipt_render_is_deterministic(printing: Any, received: str) -> None:
    document = build_form(printing, received, "receipt")
    assert printing.forms.render(document) == printing.forms.render(document)


def test_a_reprint_is_the_original_stamped_as_a_copy(desk: Any, printing: Any, received: str) -> None:
    original = print_form(printing, received, "receipt", queue=False)
    copy = reprint_form(printing, received, kind="receipt", queue=False)
    save_render(copy.pdf, "mau01-receipt-copy")
    assert copy.document.copy_of == original.document.sha256
    assert copy.document.name.endswith("(bản in lại)")
    assert page_count(copy.pdf) == page_count(original.pdf)
    text = pdf_text(copy.pdf)
    assert "BẢN IN LẠI" in text
    assert pdf_text(original.pdf).replace(" ", "")[:400] in text.replace(" ", "")  # original content kept
    _assert_marks(printing, copy.pdf, received)
    documents = show_dossier(desk.services, received).dossier.documents
    assert [d.copy_of for d in documents] == [None, original.document.sha256]


def test_forms_02_to_05(desk: Any, printing: Any, incomplete: str, refused: str, received: str) -> None:
    supplement = print_form(printing, incomplete, "supplement_request", queue=False).pdf
    save_render(supplement, "mau02-supplement")
    text = pdf_text(supplement)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "1. Giấy chứng sinh (bản chính)" in text and "2. Văn bản ủy quyền có chứng thực" in text
    assert "Lý do: Thiếu Giấy chứng sinh bản chính" in text and "NGƯỜI HƯỚNG DẪN" in text
    _assert_marks(printing, supplement, incomplete)

    refusal = print_form(printing, refused, "refusal", queue=False).pdf
    save_render(refusal, "mau03-refusal")
    text = pdf_text(refusal)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị" in text
    _assert_marks(printing, refusal, refused)

    desk.services.clock.advance(hours=2)
    move(desk, received, Action.START_PROCESSING)
    desk.services.clock.advance(hours=1)
    move(desk, received, Action.COMPLETE_STEP)
    move(
        desk,
        received,
        Action.APOLOGISE,
        reason="Chờ xác minh thông tin của cơ quan khác",
        extra_working_days=2,
    )
    apology = print_form(printing, received, "apology", queue=False).pdf
    save_render(apology, "mau04-apology")
    text = pdf_text(apology)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text and "Số: 1/PXL" in text
    assert "Kính gửi: Nguyễn Thị Ngọc Ánh" in text
    assert "Chờ xác minh thông tin của cơ quan khác" in text
    assert "08 giờ 00 phút, ngày 03 tháng 3 năm 2026" in text  # the first appointment
    assert "08 giờ 00 phút, ngày 05 tháng 3 năm 2026" in text  # the new one, 2 working days later
    _assert_marks(printing, apology, received)

    control = print_form(printing, received, "control_slip", queue=False).pdf
    save_render(control, "mau05-control-slip")
    text = pdf_text(control)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Công chức Tư pháp - Hộ tịch UBND cấp xã" in text
    # The desk's step (1 hour from 08:00) ended at 11:00, when it handed the dossier on: late.
    assert "1. Giao: Bộ phận tiếp nhận và trả kết quả Nhận: Công chức Tư pháp" in text
    assert "11:00 02/03/2026 Người giao Người nhận Quá hạn" in text
    _assert_marks(printing, control, received)


def test_a_form_the_dossier_has_no_reason_for_is_refused_and_writes_nothing(
    desk: Any, printing: Any, refused: str, received: str
) -> None:
    before = len(show_dossier(desk.services, refused).history)
    with pytest.raises(ValidationError, match="no appointment"):
        print_form(printing, refused, "receipt")
    with pytest.raises(ValidationError, match="apology"):
        print_form(printing, received, "apology")
    assert len(show_dossier(desk.services, refused).history) == before
    with desk.services.uow(write=False) as uow:
        assert printing.store.jobs(uow).recent() == []


def test_queued_form_is_a_job_with_its_archive_entry(
    desk: Any, printing: Any, received: str, tmp_path: Any
) -> None:
    printed = print_form(printing, received, "receipt", printer=f"file:{tmp_path}")
    assert printed.job is not None
    assert printed.job.state is JobState.QUEUED and printed.job.document_sha256 == printed.document.sha256
    assert printed.job.media_type == PDF and printed.job.paper == "A5"


def test_office_option_a4_and_per_kind_routes(desk: Any, received: str) -> None:
    import dataclasses

    from app.services.printing.config import parse_routes
    from printing.wiring import open_printing

    base = open_printing(desk)
    printing = dataclasses.replace(
        base,
        config=dataclasses.replace(
            base.config, paper="A4", routes=parse_routes("receipt=cups:Counter1@A5; control_slip=cups:Laser")
        ),
    )
    assert build_form(printing, received, "receipt").paper == "A5"  # the route wins
    slip = build_form(printing, received, "control_slip")
    assert slip.paper == "A4" and printing.config.printer_for("control_slip") == "cups:Laser"
    pdf = printing.forms.render(slip)
    save_render(pdf, "mau05-control-slip-a4")
    import pypdfium2 as pdfium

    width, height = pdfium.PdfDocument(pdf)[0].get_size()
    assert (round(width), round(height)) == (595, 842)
    _assert_marks(printing, pdf, received)


def test_forms_are_keyed_by_id_so_a_new_set_needs_a_template(desk: Any, printing: Any, received: str) -> None:
    import dataclasses

    from app.services.printing.model import FormDocument

    document = build_form(printing, received, "receipt")
    future: FormDocument = dataclasses.replace(
        document, spec=dataclasses.replace(document.spec, form_id="TT03-2025/01")
    )
    assert not printing.forms.supports("TT03-2025/01")
    with pytest.raises(Exception, match="no template"):
        printing.forms.render(future)
