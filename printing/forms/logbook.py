"""Mẫu 06, Sổ theo dõi hồ sơ: an A4 landscape table for a range of dates, as PDF and as XLSX.

No official text of the columns was found (shared/reference/domain.md §1); these are the circular's
appendix as remembered and as provincial systems print it: receipt and return dates, the handover to the
handling agency and back, and a column to sign at collection.
"""

from __future__ import annotations

import io

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.services.printing.model import FormDocument, LogbookBody
from printing.forms.layout import build_pdf, grid, national_header, p, page_for, styles_for
from printing.forms.text import local, short

HEADERS = (
    "TT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Trả kết quả cho cá nhân, tổ chức",
    "Ký nhận",
    "Ghi chú",
)
# Relative widths of the columns above (they add up to 100).
_WIDTHS = (3, 14.5, 12.5, 4, 9, 11, 8, 6.2, 6.2, 6.2, 6.2, 6.2, 4, 3)


def period(body: LogbookBody) -> str:
    first, last = body.first_day, body.last_day
    if first == last:
        return f"Ngày {first:%d/%m/%Y}"
    return f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"


def logbook(document: FormDocument) -> bytes:
    body = document.body
    assert isinstance(body, LogbookBody)
    page = page_for("A4", wide=True)
    st = styles_for(page)
    story: list[Flowable] = national_header(document, page, st)
    story.append(p(document.spec.title.upper(), st.title))
    story.append(p(f"({period(body)}; {len(body.rows)} hồ sơ)", st.subtitle))
    story.append(Spacer(1, 3 * mm))
    code_style = ParagraphStyle("code", parent=st.cell, fontSize=st.cell.fontSize - 0.5, splitLongWords=False)
    rows = [[p(h, st.cell_center) for h in HEADERS]]
    for r in body.rows:
        rows.append(
            [
                p(str(r.number), st.cell_center),
                p(r.code, code_style),
                p(r.procedure, st.cell),
                p(str(r.sets), st.cell_center),
                p(r.applicant, st.cell),
                p(r.contact, st.cell),
                p(r.handling_agency, st.cell),
                p(short(r.received_at), st.cell_center),
                p(short(r.due_at), st.cell_center),
                p(short(r.transferred_at), st.cell_center),
                p(short(r.result_at), st.cell_center),
                p(short(r.returned_at), st.cell_center),
                p("", st.cell),
                p(r.note, st.cell),
            ]
        )
    if not body.rows:
        rows.append([p("", st.cell)] + [p("Không có hồ sơ trong thời gian này", st.cell)] + [""] * 12)
    widths = [page.width * w / 100 for w in _WIDTHS]
    story.append(grid(rows, widths))
    return build_pdf(document, page, story, title=f"{document.spec.title} {period(body)}")


def logbook_xlsx(body: LogbookBody, title: str, office_name: str) -> bytes:
    """The same table as a workbook (real dates in date cells, so offices can filter and count)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sổ theo dõi hồ sơ"
    sheet.append([office_name])
    sheet.append([f"{title.upper()} — {period(body)}"])
    sheet.append([])
    sheet.append(list(HEADERS))
    header_row = 4
    thin = Side(style="thin")
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    sheet["A1"].font = Font(bold=True)
    sheet["A2"].font = Font(bold=True, size=13)

    def naive(moment: object) -> object:
        # Excel has no time zones: write the local wall-clock time, as officers read it.
        from datetime import datetime

        return local(moment).replace(tzinfo=None) if isinstance(moment, datetime) else None

    for r in body.rows:
        sheet.append(
            [
                r.number,
                r.code,
                r.procedure,
                r.sets,
                r.applicant,
                r.contact,
                r.handling_agency,
                naive(r.received_at),
                naive(r.due_at),
                naive(r.transferred_at),
                naive(r.result_at),
                naive(r.returned_at),
                None,
                r.note or None,
            ]
        )
    for row in sheet.iter_rows(min_row=header_row + 1, min_col=8, max_col=12):
        for cell in row:
            cell.number_format = "dd/mm/yyyy hh:mm"
    widths = (5, 26, 40, 9, 24, 34, 26, 16, 16, 16, 16, 16, 10, 16)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
