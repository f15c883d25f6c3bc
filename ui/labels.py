"""Words the desk shows for the core's codes: statuses, actions, time limits, dates, money.

The core returns enums, the UI says them. Source strings are Vietnamese and go through
`QCoreApplication.translate` at display time (never cached), so a language switched at run time is
honoured by the next call; the literal calls are what pyside6-lupdate extracts into the .ts files.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from app.domain.lifecycle import Action, Status
from app.domain.timelimit import TimeLimit, TimeUnit

# Display order of the counts panel: the life of a dossier, then the ways it ends early.
STATUS_ORDER: tuple[Status, ...] = (
    Status.RECEIVED,
    Status.IN_PROCESSING,
    Status.SUPPLEMENT_REQUESTED,
    Status.RESULT_READY,
    Status.RETURNED,
    Status.REFUSED,
    Status.WITHDRAWN,
    Status.STOPPED,
)


def status_label(status: Status) -> str:
    translate = QCoreApplication.translate
    labels = {
        Status.RECEIVED: translate("Status", "Đã tiếp nhận"),
        Status.IN_PROCESSING: translate("Status", "Đang xử lý"),
        Status.SUPPLEMENT_REQUESTED: translate("Status", "Chờ bổ sung"),
        Status.REFUSED: translate("Status", "Từ chối"),
        Status.RESULT_READY: translate("Status", "Có kết quả"),
        Status.RETURNED: translate("Status", "Đã trả kết quả"),
        Status.WITHDRAWN: translate("Status", "Đã rút"),
        Status.STOPPED: translate("Status", "Dừng xử lý"),
    }
    return labels[status]


def action_label(action: Action) -> str:
    """The button that performs `action` on a dossier."""
    translate = QCoreApplication.translate
    labels = {
        Action.START_PROCESSING: translate("Action", "Chuyển xử lý"),
        Action.COMPLETE_STEP: translate("Action", "Hoàn thành bước"),
        Action.REQUEST_SUPPLEMENT: translate("Action", "Yêu cầu bổ sung"),
        Action.RECEIVE_SUPPLEMENT: translate("Action", "Nhận hồ sơ bổ sung"),
        Action.REFUSE: translate("Action", "Từ chối giải quyết"),
        Action.MARK_RESULT_READY: translate("Action", "Đã có kết quả"),
        Action.RETURN_RESULT: translate("Action", "Trả kết quả"),
        Action.WITHDRAW: translate("Action", "Rút hồ sơ"),
        Action.STOP: translate("Action", "Dừng xử lý"),
        Action.APOLOGISE: translate("Action", "Xin lỗi, hẹn lại"),
        Action.ADD_NOTE: translate("Action", "Ghi chú"),
        Action.ADD_DOCUMENT: translate("Action", "Đính kèm tệp"),
    }
    return labels[action]


def time_limit_label(limit: TimeLimit) -> str:
    translate = QCoreApplication.translate
    number = f"{limit.value:g}".replace(".", ",")
    texts = {
        TimeUnit.WORKING_DAYS: translate("TimeLimit", "{n} ngày làm việc"),
        TimeUnit.WORKING_HOURS: translate("TimeLimit", "{n} giờ làm việc"),
        TimeUnit.CALENDAR_DAYS: translate("TimeLimit", "{n} ngày"),
        TimeUnit.SAME_DAY: translate("TimeLimit", "Trong ngày"),
    }
    return texts[limit.unit].format(n=number)


def weekday_label(day: date) -> str:
    translate = QCoreApplication.translate
    names = (
        translate("Weekday", "Thứ Hai"),
        translate("Weekday", "Thứ Ba"),
        translate("Weekday", "Thứ Tư"),
        translate("Weekday", "Thứ Năm"),
        translate("Weekday", "Thứ Sáu"),
        translate("Weekday", "Thứ Bảy"),
        translate("Weekday", "Chủ nhật"),
    )
    return names[day.weekday()]


def format_date(day: date) -> str:
    """Day first, as on every Vietnamese form: 30/11/2026."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def format_datetime(moment: datetime) -> str:
    """Local time already converted by the caller: 30/11/2026 14:05."""
    return f"{format_date(moment.date())} {moment.hour:02d}:{moment.minute:02d}"


def format_appointment(moment: datetime) -> str:
    """What a citizen is told: 14:05 Thứ Năm, 12/03/2026."""
    return (
        f"{moment.hour:02d}:{moment.minute:02d} {weekday_label(moment.date())}, {format_date(moment.date())}"
    )


def format_count(n: int) -> str:
    """Vietnamese groups thousands with a dot: 3.000."""
    return f"{n:,}".replace(",", ".")


def format_money(amount: int) -> str:
    """VND as printed on receipts: 50.000 đ; nothing to pay is said in words."""
    if amount == 0:
        return QCoreApplication.translate("Money", "Không thu phí")
    return QCoreApplication.translate("Money", "{amount} đ").format(amount=format_count(amount))
