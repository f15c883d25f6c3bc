"""What a form or a ticket says, as plain data: the use cases fill it, the templates in printing/ lay it out.

Times are aware datetimes (templates show them in Asia/Ho_Chi_Minh); text is NFC, as the domain keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.rules import FormSpec

PAPERS = ("A5", "A4")


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The national header's left half and the date line."""

    governing_body: str  # tên cơ quan chủ quản, e.g. UBND TỈNH QUẢNG NGÃI
    office_name: str  # the receiving office (Bộ phận Một cửa / Trung tâm PVHCC)
    place: str  # địa danh of the date line
    issued_on: date


@dataclass(frozen=True, slots=True)
class DossierMarks:
    """The dossier code as Code128 and the public look-up address as QR, on every form naming a dossier."""

    code: str
    lookup_url: str


@dataclass(frozen=True, slots=True)
class Applicant:
    name: str
    id_number: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class ComponentLine:
    name: str
    originals: int
    copies: int


@dataclass(frozen=True, slots=True)
class ReceiptBody:
    """Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    applicant: Applicant
    request: str  # nội dung yêu cầu giải quyết
    components: tuple[ComponentLine, ...]
    sets: int
    time_limit: str  # "5 ngày làm việc"
    received_at: datetime
    due_at: datetime
    return_place: str
    officer_name: str
    copies: tuple[str, ...] = ("Giao người nộp hồ sơ",)  # one page per liên, with what it is for


@dataclass(frozen=True, slots=True)
class SupplementBody:
    """Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

    applicant: Applicant
    request: str
    missing: tuple[str, ...]
    reason: str
    guide_name: str  # người hướng dẫn
    contact: str  # where to ask (office and phone)
    legal_basis: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RefusalBody:
    """Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    applicant: Applicant
    request: str
    reason: str
    officer_name: str


@dataclass(frozen=True, slots=True)
class ApologyBody:
    """Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả."""

    applicant: Applicant
    request: str
    received_at: datetime
    previous_due_at: datetime
    new_due_at: datetime
    reason: str
    handling_agency: str
    number: str  # "Số: …/PXL": the apology's number in the dossier (1, 2...)


@dataclass(frozen=True, slots=True)
class Handover:
    """One row of Mẫu 05: who gave the dossier to whom, when, and how the step went."""

    giver: str
    receiver: str
    at: datetime | None  # None: a planned handover, filled in by hand
    result: str | None = None  # Trước hạn / Đúng hạn / Quá hạn
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ControlSlipBody:
    """Mẫu 05: Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    applicant: Applicant
    request: str
    received_at: datetime
    due_at: datetime | None
    handling_agency: str
    coordinating_agency: str
    handovers: tuple[Handover, ...]


@dataclass(frozen=True, slots=True)
class LogbookRow:
    """One dossier in Mẫu 06 (Sổ theo dõi hồ sơ)."""

    number: int
    code: str
    procedure: str
    sets: int
    applicant: str
    contact: str  # address and phone
    handling_agency: str
    received_at: datetime
    due_at: datetime | None
    transferred_at: datetime | None  # handed to the handling agency
    result_at: datetime | None  # result received back from it
    returned_at: datetime | None  # result handed to the applicant
    note: str = ""


@dataclass(frozen=True, slots=True)
class LogbookBody:
    """Mẫu 06, for a range of receipt dates (both ends included)."""

    first_day: date
    last_day: date
    rows: tuple[LogbookRow, ...]


Body = ReceiptBody | SupplementBody | RefusalBody | ApologyBody | ControlSlipBody | LogbookBody


@dataclass(frozen=True, slots=True)
class FormDocument:
    """Everything a template needs; `spec.form_id` picks the template (post-2025 forms are new ids)."""

    spec: FormSpec
    paper: str
    letterhead: Letterhead
    body: Body
    marks: DossierMarks | None = None


@dataclass(frozen=True, slots=True)
class CopyMark:
    """Stamped on a reprint: it says it is a copy, when it was made and of which original."""

    reprinted_at: datetime
    original_sha256: str
    original_printed_at: datetime
    officer_name: str


@dataclass(frozen=True, slots=True)
class TicketData:
    """A queue ticket (phiếu số thứ tự)."""

    number: str  # "A012"
    service_code: str
    service_name: str
    issued_at: datetime
    waiting: int  # people ahead
    office_name: str
    qr: str | None = None
    lines: tuple[str, ...] = field(default=())  # extra short lines (e.g. counter hint)
