"""Every setting of a desk, declared once: key, type, default and what it means (English, Vietnamese).

Like Electrum's ConfigVar: code reads `settings.get(OFFICE_UNIT_CODE)` and gets a typed value; the TOML
loader refuses unknown keys and wrong types, so a typo in a config file is an error, not a silent default.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T", str, int, bool, float)


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    key: str  # "section.name"
    type: type[T]
    default: T
    description: str
    description_vi: str
    check: Callable[[T], str | None] | None = None  # returns the problem, or None when the value is fine

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]


_SESSIONS = re.compile(r"^\d{2}:\d{2}-\d{2}:\d{2}(,\s*\d{2}:\d{2}-\d{2}:\d{2})*$")


def _sessions(value: str) -> str | None:
    return None if _SESSIONS.match(value) else "use HH:MM-HH:MM[,HH:MM-HH:MM...]"


def _slot(value: int) -> str | None:
    return None if 0 <= value <= 9 else "must be between 0 and 9"


def _language(value: str) -> str | None:
    return None if value in ("vi", "en") else "must be vi or en"


def _positive(value: int) -> str | None:
    return None if value >= 1 else "must be 1 or more"


OFFICE_CODE = Setting(
    "office.code", str, "", "Agency identifier code of this office.", "Mã định danh của cơ quan, đơn vị."
)
OFFICE_NAME = Setting("office.name", str, "", "Name printed on forms.", "Tên cơ quan in trên các mẫu phiếu.")
OFFICE_UNIT_CODE = Setting(
    "office.unit_code",
    str,
    "",
    "Unit code that starts every dossier code (Circular 01/2018 Art. 19), e.g. 000.00.53.H48.",
    "Mã đơn vị đứng đầu mã hồ sơ (Điều 19 Thông tư 01/2018), ví dụ 000.00.53.H48.",
)
OFFICE_PLACE = Setting(
    "office.place",
    str,
    "Quảng Ngãi",
    "Place name in the date line of forms.",
    "Địa danh ghi ở dòng ngày tháng.",
)
DESK_COUNTER = Setting(
    "desk.counter", int, 1, "Counter number of this desk.", "Số quầy của máy này.", _positive
)
DESK_CODE_SLOT = Setting(
    "desk.code_slot",
    int,
    0,
    "Block of daily dossier numbers reserved for this desk (0-9); no two desks of a unit may share one.",
    "Khối số thứ tự hồ sơ trong ngày dành cho máy này (0-9); hai máy cùng đơn vị không được trùng.",
    _slot,
)
DESK_OFFICER = Setting(
    "desk.officer",
    str,
    "",
    "Officer username the CLI acts as by default.",
    "Tài khoản cán bộ mặc định của CLI.",
)
DATABASE_PATH = Setting(
    "database.path",
    str,
    "",
    "SQLite file of this desk; empty means motcua.sqlite3 in the data directory.",
    "Tệp SQLite của máy; để trống là motcua.sqlite3 trong thư mục dữ liệu.",
)
CALENDAR_SESSIONS = Setting(
    "calendar.sessions",
    str,
    "07:00-11:30,13:30-17:00",
    "Working sessions of a day.",
    "Các buổi làm việc trong ngày.",
    _sessions,
)
LOOKUP_BASE_URL = Setting(
    "lookup.base_url",
    str,
    "https://dichvucong.quangngai.gov.vn/tra-cuu?ma=",
    "Public look-up address; the dossier code is appended and printed as a QR code.",
    "Địa chỉ tra cứu công khai; mã hồ sơ được nối vào và in thành mã QR.",
)
SERVER_URL = Setting(
    "server.url",
    str,
    "",
    "Address of motcua-server; empty: work alone.",
    "Địa chỉ máy chủ; để trống: làm việc độc lập.",
)
UI_LANGUAGE = Setting(
    "ui.language", str, "vi", "Language of the desk app (vi, en).", "Ngôn ngữ (vi, en).", _language
)


# ----- printing (issue 3) -----------------------------------------------------------------------------------

_ROUTE = re.compile(r"^\s*[a-z_]+\s*=\s*[^;@=]*(@\s*A[45])?\s*$")


def _paper(value: str) -> str | None:
    return None if value in ("A5", "A4") else "must be A5 or A4"


def _routes(value: str) -> str | None:
    parts = [part for part in value.split(";") if part.strip()]
    bad = [part.strip() for part in parts if not _ROUTE.match(part)]
    return f"use kind=PRINTER[@A5|@A4] separated by ';', not {bad[0]!r}" if bad else None


def _ticket_vietnamese(value: str) -> str | None:
    return None if value in ("auto", "codepage", "raster") else "must be auto, codepage or raster"


def _copies(value: int) -> str | None:
    return None if 1 <= value <= 3 else "must be between 1 and 3"


PRINTING_GOVERNING_BODY = Setting(
    "printing.governing_body",
    str,
    "UBND TỈNH QUẢNG NGÃI",
    "Governing body printed above the office name in the forms' header (tên cơ quan chủ quản).",
    "Tên cơ quan chủ quản in phía trên tên cơ quan ở góc trái các mẫu phiếu.",
)
PRINTING_PRINTER = Setting(
    "printing.printer",
    str,
    "",
    "Printer for forms: cups:QUEUE, socket://HOST:9100, file:/DIR, qt:NAME (desk app); empty: the default.",
    "Máy in các mẫu phiếu: cups:TÊN, socket://MÁY:9100, file:/THƯ-MỤC, qt:TÊN; để trống: máy in mặc định.",
)
PRINTING_PAPER = Setting(
    "printing.paper",
    str,
    "A5",
    "Paper of the A5 forms (Circular 01/2018 prints them on A5; A4 is an office option).",
    "Khổ giấy các mẫu phiếu A5 (Thông tư 01/2018 in khổ A5; đơn vị có thể chọn A4).",
    _paper,
)
PRINTING_ROUTES = Setting(
    "printing.routes",
    str,
    "",
    "Printer and paper per document kind, over the defaults: receipt=cups:Counter1@A5; logbook=cups:Big@A4.",
    "Máy in và khổ giấy riêng cho từng loại phiếu, ví dụ: receipt=cups:Quay1@A5; logbook=cups:Laser@A4.",
    _routes,
)
PRINTING_RECEIPT_COPIES = Setting(
    "printing.receipt_copies",
    int,
    2,
    "Copies (liên) of the receipt: one for the applicant, one kept with the dossier.",
    "Số liên Giấy tiếp nhận: một liên giao người nộp, một liên lưu hồ sơ.",
    _copies,
)
PRINTING_TICKET_PRINTER = Setting(
    "printing.ticket_printer",
    str,
    "",
    "Thermal printer for queue tickets: socket://HOST:9100, serial:/dev/ttyUSB0?baudrate=9600, "
    "device:/dev/usb/lp0, cups:QUEUE (raw) or file:/DIR.",
    "Máy in nhiệt in phiếu thứ tự: socket://MÁY:9100, serial:/dev/ttyUSB0?baudrate=9600, "
    "device:/dev/usb/lp0, cups:TÊN hoặc file:/THƯ-MỤC.",
)
PRINTING_TICKET_PROFILE = Setting(
    "printing.ticket_profile",
    str,
    "epson-tm-t20ii",
    "Model profile of the ticket printer (`motcua printer profiles` lists them).",
    "Mẫu máy in phiếu thứ tự (xem `motcua printer profiles`).",
)
PRINTING_TICKET_VIETNAMESE = Setting(
    "printing.ticket_vietnamese",
    str,
    "auto",
    "How tickets print Vietnamese: auto (the profile's way), codepage, or raster (images of the lines).",
    "Cách in tiếng Việt trên phiếu: auto (theo mẫu máy), codepage (bảng mã của máy), raster (in ảnh chữ).",
    _ticket_vietnamese,
)


# ----- scanning (issue 6) -----------------------------------------------------------------------------------


def _scan_source(value: str) -> str | None:
    return None if value in ("flatbed", "adf", "duplex") else "must be flatbed, adf or duplex"


def _scan_preset(value: str) -> str | None:
    return None if value in ("default", "text", "color") else "must be default, text or color"


SCAN_DEVICE = Setting(
    "scan.device",
    str,
    "",
    "Scanner of this desk: sane:NAME, escl:URL, wia:ID or folder:PATH (`motcua scan list-devices`).",
    "Máy quét của quầy: sane:TÊN, escl:ĐỊA-CHỈ, wia:MÃ hoặc folder:THƯ-MỤC (xem `motcua scan list-devices`).",
)
SCAN_SOURCE = Setting(
    "scan.source",
    str,
    "adf",
    "Where the papers go by default: flatbed, adf (feeder, one side) or duplex (feeder, both sides).",
    "Nguồn giấy mặc định: flatbed (mặt kính), adf (khay nạp, một mặt) hoặc duplex (khay nạp, hai mặt).",
    _scan_source,
)
SCAN_PRESET = Setting(
    "scan.preset",
    str,
    "default",
    "Compression: default (200 dpi grey JPEG), text (black and white G4, smallest), color (seals in red).",
    "Mức nén: default (xám 200 dpi), text (đen trắng G4, nhỏ nhất), color (giữ màu con dấu).",
    _scan_preset,
)
SCAN_REMOVE_BLANK = Setting(
    "scan.remove_blank",
    bool,
    True,
    "Leave blank pages (the empty backs of duplex scans) out of the PDF.",
    "Bỏ các trang trắng (mặt sau trống khi quét hai mặt) khỏi tệp PDF.",
)
SCAN_PDFA = Setting(
    "scan.pdfa",
    bool,
    False,
    "Write scans as PDF/A-1b (for archives).",
    "Lưu bản quét dạng PDF/A-1b (lưu trữ).",
)
SCAN_OCR = Setting(
    "scan.ocr",
    bool,
    False,
    "Make scans searchable with tesseract (Vietnamese), where it is installed.",
    "Nhận dạng chữ (tesseract, tiếng Việt) để tìm kiếm được trong bản quét, nếu máy có cài.",
)


# ----- the counter's queue devices (issue 7) ---------------------------------------------------------------


def _address(value: int) -> str | None:
    return None if 0 <= value <= 255 else "must be between 0 and 255"


# The names of devices/displays/drivers.py DRIVERS (the core may not import devices; a GUI test keeps the
# two lists equal). The settings page refuses any other; the loader does not yet, because an unknown driver
# in a settings file is meant to leave the display out (ui/queue_controller.py open_outputs), not the desk.
DISPLAY_DRIVERS = ("edi", "alpha", "modbus", "modbus-ascii", "laserlight")


DISPLAY_URL = Setting(
    "display.url",
    str,
    "",
    "The counter's LED display: COM3, /dev/ttyUSB0, socket://HOST:PORT; empty: the on-screen display only.",
    "Bảng LED của quầy: COM3, /dev/ttyUSB0, socket://MÁY:CỔNG; để trống: chỉ hiện trên màn hình.",
)
DISPLAY_DRIVER = Setting(
    "display.driver",
    str,
    "edi",
    "Protocol of the counter's LED display (`motcua display drivers`).",
    "Giao thức của bảng LED tại quầy (xem `motcua display drivers`).",
)
DISPLAY_ADDRESS = Setting(
    "display.address",
    int,
    1,
    "Address of the counter's LED display (its DIP switches).",
    "Địa chỉ của bảng LED tại quầy (công tắc DIP).",
    _address,
)
VOICE_ENABLED = Setting(
    "voice.enabled",
    bool,
    False,
    "Announce calls from this desk's speaker (espeak-ng and aplay or paplay).",
    "Đọc số được gọi qua loa của máy này (cần espeak-ng và aplay hoặc paplay).",
)

ALL_SETTINGS: tuple[Setting[str] | Setting[int] | Setting[bool] | Setting[float], ...] = (
    OFFICE_CODE,
    OFFICE_NAME,
    OFFICE_UNIT_CODE,
    OFFICE_PLACE,
    DESK_COUNTER,
    DESK_CODE_SLOT,
    DESK_OFFICER,
    DATABASE_PATH,
    CALENDAR_SESSIONS,
    LOOKUP_BASE_URL,
    SERVER_URL,
    UI_LANGUAGE,
    PRINTING_GOVERNING_BODY,
    PRINTING_PRINTER,
    PRINTING_PAPER,
    PRINTING_ROUTES,
    PRINTING_RECEIPT_COPIES,
    PRINTING_TICKET_PRINTER,
    PRINTING_TICKET_PROFILE,
    PRINTING_TICKET_VIETNAMESE,
    SCAN_DEVICE,
    SCAN_SOURCE,
    SCAN_PRESET,
    SCAN_REMOVE_BLANK,
    SCAN_PDFA,
    SCAN_OCR,
    DISPLAY_URL,
    DISPLAY_DRIVER,
    DISPLAY_ADDRESS,
    VOICE_ENABLED,
)
BY_KEY = {s.key: s for s in ALL_SETTINGS}
