"""Page, styles and the parts every form shares: the national header, the title, the barcode row, the
signature block, and a footer with the page count. Templates compose these into a story."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from app.services.printing.model import DossierMarks, FormDocument
from printing.barcodes import code128_width, draw_code128, draw_qr
from printing.fonts import BOLD, FAMILY, ITALIC, register_form_fonts
from printing.forms.text import place_date


@dataclass(frozen=True, slots=True)
class Page:
    size: tuple[float, float]
    left: float
    right: float
    top: float
    bottom: float
    base: float  # body font size

    @property
    def width(self) -> float:
        return self.size[0] - self.left - self.right


def page_for(paper: str, *, wide: bool = False) -> Page:
    if wide:  # the logbook: A4 landscape, many columns
        return Page(landscape(A4), 15 * mm, 10 * mm, 12 * mm, 14 * mm, 9)
    if paper == "A4":
        # Decree 30/2020 margins for A4 (left 30-35 mm, right 15-20 mm, top and bottom 20-25 mm).
        return Page(A4, 30 * mm, 15 * mm, 20 * mm, 20 * mm, 13)
    # The top band (13 mm) holds the form number and, on a reprint, the copy stamp, clear of the header.
    return Page(A5, 12 * mm, 10 * mm, 13 * mm, 11 * mm, 10)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_left: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    head_left: ParagraphStyle
    head_left_bold: ParagraphStyle
    head_right_bold: ParagraphStyle
    motto: ParagraphStyle
    date: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    sign_title: ParagraphStyle
    sign_hint: ParagraphStyle
    sign_name: ParagraphStyle


def styles_for(page: Page) -> Styles:
    register_form_fonts()
    size = page.base
    lead = size * 1.22

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {"fontName": FAMILY, "fontSize": size, "leading": lead}
        base.update(kw)
        return ParagraphStyle(name, **base)

    head = size - 1.5 if page.size[0] < 450 else size - 1  # A5 header fits two columns
    return Styles(
        body=style("body", alignment=TA_JUSTIFY, spaceAfter=size * 0.12),
        body_left=style("body_left", alignment=TA_LEFT, spaceAfter=size * 0.12),
        small=style(
            "small", fontSize=size - 3, leading=(size - 3) * 1.2, textColor=colors.HexColor("#333333")
        ),
        cell=style("cell", fontSize=size - 1, leading=(size - 1) * 1.2),
        cell_center=style("cell_center", fontSize=size - 1, leading=(size - 1) * 1.2, alignment=TA_CENTER),
        head_left=style("head_left", fontSize=head, leading=head * 1.2, alignment=TA_CENTER),
        head_left_bold=style(
            "head_left_bold", fontName=BOLD, fontSize=head, leading=head * 1.2, alignment=TA_CENTER
        ),
        head_right_bold=style(
            "head_right_bold", fontName=BOLD, fontSize=head, leading=head * 1.2, alignment=TA_CENTER
        ),
        motto=style("motto", fontName=BOLD, fontSize=head + 0.5, leading=head * 1.3, alignment=TA_CENTER),
        date=style("date", fontName=ITALIC, alignment=TA_RIGHT),
        title=style(
            "title", fontName=BOLD, fontSize=size + 2, leading=(size + 2) * 1.25, alignment=TA_CENTER
        ),
        subtitle=style("subtitle", fontName=ITALIC, alignment=TA_CENTER),
        sign_title=style("sign_title", fontName=BOLD, alignment=TA_CENTER),
        sign_hint=style("sign_hint", fontName=ITALIC, fontSize=size - 1, alignment=TA_CENTER),
        sign_name=style("sign_name", fontName=BOLD, alignment=TA_CENTER),
    )


def p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: applicants' names may hold '<' or '&')."""
    return Paragraph(escape(text), style)


def markup(template: str, style: ParagraphStyle, **values: str) -> Paragraph:
    """A paragraph with our own <b>/<i> markup around escaped values."""
    return Paragraph(template.format(**{k: escape(v) for k, v in values.items()}), style)


def national_header(document: FormDocument, page: Page, st: Styles) -> list[Flowable]:
    """Left: governing body and office (bold), underlined; right: the national name and motto, underlined;
    then the place and date line, as every administrative document of Decree 30/2020 has it."""
    lh = document.letterhead
    left_width = page.width * 0.43
    right_width = page.width - left_width
    left = [
        p(lh.governing_body.upper(), st.head_left),
        p(lh.office_name.upper(), st.head_left_bold),
        HRFlowable(width="35%", thickness=0.6, color=colors.black, spaceBefore=3, spaceAfter=0),
    ]
    right = [
        p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st.head_right_bold),
        p("Độc lập - Tự do - Hạnh phúc", st.motto),
        HRFlowable(width="55%", thickness=0.6, color=colors.black, spaceBefore=3, spaceAfter=0),
    ]
    table = Table([[left, right]], colWidths=[left_width, right_width])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    date_line = p(place_date(lh.place, lh.issued_on), st.date)
    return [table, Spacer(1, 1.5 * mm), date_line, Spacer(1, 0.5 * mm)]


class MarksRow(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """The dossier code as Code128 (left, with the code in words under it) and the look-up QR (right)."""

    def __init__(self, marks: DossierMarks, width: float, font_size: float) -> None:
        super().__init__()
        self.marks = marks
        self.width = width
        self.font_size = font_size
        self.bar_height = 10 * mm
        self.qr_size = min(20 * mm, width - code128_width(marks.code))
        self.height = max(self.bar_height + font_size * 1.4, self.qr_size)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        text_y = self.height - self.bar_height - self.font_size * 1.2
        used = draw_code128(canvas, self.marks.code, 0, self.height - self.bar_height, self.bar_height)
        canvas.setFont(FAMILY, self.font_size)
        canvas.drawCentredString(used / 2, text_y, f"Mã hồ sơ: {self.marks.code}")
        draw_qr(
            canvas, self.marks.lookup_url, self.width - self.qr_size, self.height - self.qr_size, self.qr_size
        )


def signatures(
    columns: Sequence[tuple[str, str, str]], page: Page, st: Styles, *, space: float = 15 * mm
) -> Table:
    """Signature blocks side by side: (TITLE, hint, printed name)."""
    cells = [
        [p(title, st.sign_title), p(hint, st.sign_hint), Spacer(1, space), p(name, st.sign_name)]
        for title, hint, name in columns
    ]
    width = page.width / len(columns)
    table = Table([cells], colWidths=[width] * len(columns))
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    table.keepWithNext = False
    return table


def grid(rows: list[list[Any]], widths: Sequence[float], *, header_rows: int = 1) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=header_rows)
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle whose cells default to the form font: reportlab's default, Helvetica, has no Vietnamese
    and would be listed in the PDF, unembedded, even where every cell holds a Paragraph."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY), *commands])


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end so the footer can say "Trang 1/3" (reportlab's documented recipe)."""

    footer: Callable[[Canvas, int, int], None] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802  (reportlab's name)
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            if self.footer is not None:
                self.footer(self, self._pageNumber, total)
            super().showPage()
        super().save()


def build_pdf(
    document: FormDocument,
    page: Page,
    story: list[Flowable],
    *,
    title: str,
) -> bytes:
    buffer = io.BytesIO()
    frame = Frame(
        page.left,
        page.bottom,
        page.width,
        page.size[1] - page.top - page.bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    spec = document.spec
    label = f"Mẫu số {spec.number}"
    lookup = document.marks.lookup_url if document.marks else ""

    def footer(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(FAMILY, 7)
        canvas.setFillColor(colors.HexColor("#444444"))
        right = page.size[0] - page.right
        canvas.drawRightString(right, page.size[1] - page.top + 3 * mm, label)
        y = page.bottom - 6 * mm
        if lookup:
            canvas.drawString(page.left, y, f"Tra cứu hồ sơ: {lookup}")
        canvas.drawRightString(right, y, f"{spec.form_id} · Trang {number}/{total}")
        canvas.restoreState()

    canvas_class = type("FormCanvas", (_NumberedCanvas,), {"footer": staticmethod(footer)})
    template = BaseDocTemplate(
        buffer,
        pagesize=page.size,
        leftMargin=page.left,
        rightMargin=page.right,
        topMargin=page.top,
        bottomMargin=page.bottom,
        title=title,
        author=document.letterhead.office_name,
        subject=f"{spec.form_id} {spec.title}",
        creator="MotCua Desk",
        pageTemplates=[PageTemplate(id="form", frames=[frame])],
        # reportlab starts each page in Helvetica: no Vietnamese, and listed in the PDF unembedded
        initialFontName=FAMILY,
        invariant=True,  # same input, same bytes: archived copies and tests can compare hashes
    )
    template.build(story, canvasmaker=canvas_class)
    return buffer.getvalue()


ALIGN_CENTER = TA_CENTER
