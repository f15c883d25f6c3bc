"""The six forms of Circular 01/2018/TT-VPCP (Mẫu 01-06), laid out after the circular's appendix.

Wording follows the circular's templates; what the circular leaves as dotted blanks for the officer is
filled from the dossier where the software knows it, and left as dots where only a pen can fill it (the
logbook volume number, signatures).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table

from app.services.printing.model import (
    ApologyBody,
    ControlSlipBody,
    FormDocument,
    ReceiptBody,
    RefusalBody,
    SupplementBody,
)
from printing.forms.layout import (
    MarksRow,
    Page,
    Styles,
    build_pdf,
    grid,
    markup,
    national_header,
    p,
    page_for,
    signatures,
    styles_for,
    table_style,
)
from printing.forms.text import local, long_date, short, time_and_date, two_digits

DOTS = "…………"
DESK = "Bộ phận tiếp nhận và trả kết quả"


def _title(document: FormDocument, st: Styles, copy_label: str | None = None) -> list[Flowable]:
    story: list[Flowable] = [p(document.spec.title.upper(), st.title)]
    if copy_label:
        story.append(p(f"(Liên {copy_label})", st.subtitle))
    story.append(Spacer(1, 2 * mm))
    return story


def _marks(document: FormDocument, page: Page, st: Styles) -> list[Flowable]:
    if document.marks is None:
        return []
    return [MarksRow(document.marks, page.width, page.base - 1), Spacer(1, 2 * mm)]


def _applicant_lines(body: ReceiptBody | SupplementBody | RefusalBody, st: Styles) -> list[Flowable]:
    a = body.applicant
    lines = [markup("Tiếp nhận hồ sơ của: <b>{name}</b>", st.body_left, name=a.name)]
    if a.id_number:
        lines.append(p(f"Số định danh cá nhân / giấy tờ: {a.id_number}", st.body_left))
    lines.append(p(f"Địa chỉ: {a.address or DOTS}", st.body_left))
    lines.append(p(f"Số điện thoại: {a.phone or DOTS}        Email: {a.email or DOTS}", st.body_left))
    lines.append(markup("Nội dung yêu cầu giải quyết: {request}", st.body, request=body.request))
    return lines


# ----- Mẫu 01 ----------------------------------------------------------------------------------------------


def receipt(document: FormDocument) -> bytes:
    body = document.body
    assert isinstance(body, ReceiptBody)
    page = page_for(document.paper)
    st = styles_for(page)
    story: list[Flowable] = []
    for index, purpose in enumerate(body.copies, start=1):
        if index > 1:
            story.append(PageBreak())
        story += national_header(document, page, st)
        story += _title(document, st, f"{index}: {purpose}" if len(body.copies) > 1 else None)
        story += _marks(document, page, st)
        story.append(
            markup("{office} tiếp nhận hồ sơ của:", st.body_left, office=document.letterhead.office_name)
        )
        a = body.applicant
        story.append(markup("Ông/Bà: <b>{name}</b>", st.body_left, name=a.name))
        if a.id_number:
            story.append(p(f"Số định danh cá nhân / giấy tờ: {a.id_number}", st.body_left))
        story.append(p(f"Địa chỉ: {a.address or DOTS}", st.body_left))
        story.append(p(f"Số điện thoại: {a.phone or DOTS}        Email: {a.email or DOTS}", st.body_left))
        story.append(markup("Nội dung yêu cầu giải quyết: {request}", st.body, request=body.request))
        story.append(p("1. Thành phần hồ sơ nộp gồm:", st.body_left))
        rows = [
            [
                p("TT", st.cell_center),
                p("Tên giấy tờ", st.cell_center),
                p("Bản chính", st.cell_center),
                p("Bản sao", st.cell_center),
            ]
        ]
        for number, line in enumerate(body.components, start=1):
            rows.append(
                [
                    p(str(number), st.cell_center),
                    p(line.name, st.cell),
                    p(str(line.originals), st.cell_center),
                    p(str(line.copies), st.cell_center),
                ]
            )
        story.append(grid(rows, [8 * mm, page.width - 8 * mm - 2 * 15 * mm, 15 * mm, 15 * mm]))
        story.append(Spacer(1, 1.5 * mm))
        story.append(p(f"2. Số lượng hồ sơ: {two_digits(body.sets)} bộ", st.body_left))
        story.append(p(f"3. Thời gian giải quyết hồ sơ theo quy định là: {body.time_limit}", st.body_left))
        story.append(p(f"4. Thời gian nhận hồ sơ: {time_and_date(body.received_at)}", st.body_left))
        story.append(
            markup(
                "5. Thời gian trả kết quả giải quyết hồ sơ: <b>{due}</b>",
                st.body_left,
                due=time_and_date(body.due_at),
            )
        )
        story.append(p(f"6. Đăng ký nhận kết quả tại: {body.return_place}", st.body_left))
        story.append(p(f"Vào Sổ theo dõi hồ sơ, Quyển số: {DOTS} Số thứ tự: {DOTS}", st.body_left))
        story.append(Spacer(1, 2 * mm))
        story.append(
            KeepTogether(
                signatures(
                    [
                        ("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", a.name),
                        ("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", body.officer_name),
                    ],
                    page,
                    st,
                )
            )
        )
    return build_pdf(document, page, story, title=f"{document.spec.title} {_code(document)}")


def _code(document: FormDocument) -> str:
    return document.marks.code if document.marks else ""


# ----- Mẫu 02 ----------------------------------------------------------------------------------------------


def supplement_request(document: FormDocument) -> bytes:
    body = document.body
    assert isinstance(body, SupplementBody)
    page = page_for(document.paper)
    st = styles_for(page)
    story = national_header(document, page, st) + _title(document, st) + _marks(document, page, st)
    story.append(markup("{office}", st.body_left, office=document.letterhead.office_name))
    story += _applicant_lines(body, st)
    story.append(p("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", st.body_left))
    for number, item in enumerate(body.missing, start=1):
        story.append(p(f"{number}. {item}", st.body_left))
    if body.reason:
        story.append(markup("Lý do: {reason}", st.body, reason=body.reason))
    if body.legal_basis:
        story.append(p("Căn cứ: " + "; ".join(body.legal_basis) + ".", st.body))
    story.append(
        p(
            "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với "
            f"{body.guide_name} ({body.contact}) để được hướng dẫn.",
            st.body,
        )
    )
    story.append(Spacer(1, 2 * mm))
    story.append(
        KeepTogether(signatures([("NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", body.guide_name)], page, st))
    )
    return build_pdf(document, page, story, title=f"{document.spec.title} {_code(document)}")


# ----- Mẫu 03 ----------------------------------------------------------------------------------------------


def refusal(document: FormDocument) -> bytes:
    body = document.body
    assert isinstance(body, RefusalBody)
    page = page_for(document.paper)
    st = styles_for(page)
    office = document.letterhead.office_name
    story = national_header(document, page, st) + _title(document, st) + _marks(document, page, st)
    story.append(markup("{office}", st.body_left, office=office))
    story += _applicant_lines(body, st)
    story.append(
        markup(
            "Qua xem xét, {office} từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: "
            "<b>{reason}</b>",
            st.body,
            office=office,
            reason=body.reason,
        )
    )
    story.append(p("Xin thông báo cho Ông/Bà được biết và thực hiện./.", st.body))
    story.append(Spacer(1, 2 * mm))
    story.append(
        KeepTogether(
            signatures(
                [
                    ("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", body.applicant.name),
                    ("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", body.officer_name),
                ],
                page,
                st,
            )
        )
    )
    return build_pdf(document, page, story, title=f"{document.spec.title} {_code(document)}")


# ----- Mẫu 04 ----------------------------------------------------------------------------------------------


def apology(document: FormDocument) -> bytes:
    body = document.body
    assert isinstance(body, ApologyBody)
    page = page_for(document.paper)
    st = styles_for(page)
    agency = body.handling_agency
    story = national_header(document, page, st)
    story.insert(1, p(f"Số: {body.number}/PXL", st.body_left))
    story += _title(document, st) + _marks(document, page, st)
    story.append(markup("Kính gửi: <b>{name}</b>", st.body_left, name=body.applicant.name))
    received = local(body.received_at).date()
    story.append(
        markup(
            "Ngày {date}, {agency} tiếp nhận giải quyết hồ sơ đề nghị {request} của Ông/Bà.",
            st.body,
            date=long_date(received).removeprefix("ngày "),
            agency=agency,
            request=body.request,
        )
    )
    story.append(p(f"Mã hồ sơ: {_code(document)}", st.body_left))
    story.append(
        p(f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {time_and_date(body.previous_due_at)}.", st.body)
    )
    story.append(
        markup(
            "Tuy nhiên đến nay, {agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà. Lý do: {reason}",
            st.body,
            agency=agency,
            reason=body.reason,
        )
    )
    story.append(
        markup(
            "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. {agency} xin lỗi Ông/Bà "
            "và sự bất tiện này.",
            st.body,
            agency=agency,
        )
    )
    story.append(
        markup(
            "{agency} sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào <b>{due}</b>.",
            st.body,
            agency=agency,
            due=time_and_date(body.new_due_at),
        )
    )
    story.append(p("Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.", st.body))
    story.append(Spacer(1, 2 * mm))
    story.append(
        KeepTogether(
            signatures(
                [("", "", ""), ("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "(Ký, ghi rõ họ tên và đóng dấu)", "")],
                page,
                st,
                space=20 * mm,
            )
        )
    )
    return build_pdf(document, page, story, title=f"{document.spec.title} {_code(document)}")


# ----- Mẫu 05 ----------------------------------------------------------------------------------------------


def control_slip(document: FormDocument) -> bytes:
    body = document.body
    assert isinstance(body, ControlSlipBody)
    page = page_for(document.paper)
    st = styles_for(page)
    story = national_header(document, page, st) + _title(document, st) + _marks(document, page, st)
    story.append(markup("Kèm theo hồ sơ của: <b>{name}</b>", st.body_left, name=body.applicant.name))
    story.append(p(f"Mã hồ sơ: {_code(document)}", st.body_left))
    story.append(p(f"Ngày, giờ nhận hồ sơ: {time_and_date(body.received_at)}", st.body_left))
    due = time_and_date(body.due_at) if body.due_at else DOTS
    story.append(p(f"Ngày, giờ hẹn trả kết quả: {due}", st.body_left))
    story.append(p(f"Cơ quan (bộ phận) giải quyết hồ sơ: {body.handling_agency}", st.body_left))
    story.append(p(f"Cơ quan phối hợp giải quyết hồ sơ: {body.coordinating_agency or DOTS}", st.body_left))
    rows = [
        [
            p("TÊN CƠ QUAN", st.cell_center),
            p("THỜI GIAN GIAO, NHẬN HỒ SƠ", st.cell_center),
            p("KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)", st.cell_center),
            p("GHI CHÚ", st.cell_center),
        ]
    ]
    widths = [page.width * 0.36, page.width * 0.30, page.width * 0.20, page.width * 0.14]
    for number, row in enumerate(body.handovers, start=1):
        when = short(row.at) if row.at else "…giờ…phút, ngày…/…/…"
        rows.append(
            [
                [p(f"{number}. Giao: {row.giver}", st.cell), p(f"Nhận: {row.receiver}", st.cell)],
                [
                    p(when, st.cell_center),
                    Spacer(1, 7 * mm),
                    _givers(widths[1], st),
                ],
                p(row.result or "", st.cell_center),
                p(row.note or "", st.cell),
            ]
        )
    story.append(CondPageBreak(30 * mm))
    story.append(grid(rows, widths))
    return build_pdf(document, page, story, title=f"{document.spec.title} {_code(document)}")


def _givers(width: float, st: Styles) -> Table:
    """ "Người giao" and "Người nhận" side by side over the space where each signs."""
    table = Table(
        [[p("Người giao", st.cell_center), p("Người nhận", st.cell_center)]], colWidths=[width / 2 - 3] * 2
    )
    table.setStyle(table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table
