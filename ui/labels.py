"""Words the desk shows for the core's codes: statuses, dates. The core returns enums, the UI says them.

Source strings are Vietnamese; `QCoreApplication.translate` lets a later .ts file give other languages.
Every call happens at display time, so a translator installed later is honoured.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from app.domain.lifecycle import Status

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


def _t(text: str) -> str:
    return QCoreApplication.translate("Status", text)


def status_label(status: Status) -> str:
    labels = {
        Status.RECEIVED: _t("Đã tiếp nhận"),
        Status.IN_PROCESSING: _t("Đang xử lý"),
        Status.SUPPLEMENT_REQUESTED: _t("Chờ bổ sung"),
        Status.REFUSED: _t("Từ chối"),
        Status.RESULT_READY: _t("Có kết quả"),
        Status.RETURNED: _t("Đã trả kết quả"),
        Status.WITHDRAWN: _t("Đã rút"),
        Status.STOPPED: _t("Dừng xử lý"),
    }
    return labels[status]


def weekday_label(day: date) -> str:
    names = (
        QCoreApplication.translate("Weekday", "Thứ Hai"),
        QCoreApplication.translate("Weekday", "Thứ Ba"),
        QCoreApplication.translate("Weekday", "Thứ Tư"),
        QCoreApplication.translate("Weekday", "Thứ Năm"),
        QCoreApplication.translate("Weekday", "Thứ Sáu"),
        QCoreApplication.translate("Weekday", "Thứ Bảy"),
        QCoreApplication.translate("Weekday", "Chủ nhật"),
    )
    return names[day.weekday()]


def format_date(day: date) -> str:
    """Day first, as on every Vietnamese form: 30/11/2026."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def format_datetime(moment: datetime) -> str:
    """Local time already converted by the caller: 30/11/2026 14:05."""
    return f"{format_date(moment.date())} {moment.hour:02d}:{moment.minute:02d}"


def format_count(n: int) -> str:
    """Vietnamese groups thousands with a dot: 3.000."""
    return f"{n:,}".replace(",", ".")
