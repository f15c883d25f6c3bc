"""The words of the scanning screen: sources, presets and scanner faults, in Vietnamese first.

The core names faults by code (app.domain.scanning.faults); here each becomes what the officer should do.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import Source


def _tr(text: str) -> str:
    return QCoreApplication.translate("Scanning", text)


def source_label(source: Source) -> str:
    return {
        Source.FLATBED: _tr("Mặt kính"),
        Source.FEEDER: _tr("Khay nạp giấy (một mặt)"),
        Source.DUPLEX: _tr("Khay nạp giấy (hai mặt)"),
    }[source]


def preset_label(name: str) -> str:
    return {
        "default": _tr("Tiêu chuẩn (xám, 200 dpi)"),
        "text": _tr("Văn bản (đen trắng, nhỏ nhất)"),
        "color": _tr("Màu (giữ màu con dấu)"),
    }.get(name, name)


def fault_text(fault: ScannerFault) -> str:
    return {
        ScannerFault.JAMMED: _tr(
            "Kẹt giấy trong khay nạp: mở nắp, lấy tờ bị kẹt ra rồi quét tiếp phần còn lại."
        ),
        ScannerFault.FEEDER_EMPTY: _tr("Khay nạp không có giấy: đặt giấy tờ vào khay rồi bấm Quét."),
        ScannerFault.SHORT_FEED: _tr(
            "Khay nạp hết giấy trước số trang đã đếm: kiểm tra tờ còn sót hoặc hai tờ bị kéo cùng lúc."
        ),
        ScannerFault.COVER_OPEN: _tr("Nắp máy quét đang mở: đóng nắp rồi quét lại."),
        ScannerFault.UNPLUGGED: _tr("Máy quét không trả lời: kiểm tra nguồn điện, cáp hoặc mạng của máy."),
        ScannerFault.BUSY: _tr("Máy quét đang bận việc khác: chờ một lát rồi quét lại."),
        ScannerFault.CANCELLED: _tr("Đã dừng quét."),
        ScannerFault.UNSUPPORTED: _tr("Máy quét không làm được việc này (kiểm tra nguồn giấy đã chọn)."),
        ScannerFault.FAILED: _tr("Máy quét báo lỗi."),
    }[fault]


def describe_scanner_error(error: ScannerError) -> str:
    """The fault in the officer's words, with how many pages were kept."""
    text = fault_text(error.fault)
    if error.pages:
        text += " " + _tr("Đã giữ {n} trang quét được.").format(n=error.pages)
    return text
