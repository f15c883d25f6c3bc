"""The words of the scanning screen: sources, presets and scanner faults, in Vietnamese first.

The core names faults by code (app.domain.scanning.faults); here each becomes what the officer should do.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import Source


# Every text is a literal inside QCoreApplication.translate("Scanning", ...): lupdate reads only such calls,
# so a helper taking the text as a variable would leave the English out.
def source_label(source: Source) -> str:
    return {
        Source.FLATBED: QCoreApplication.translate("Scanning", "Mặt kính"),
        Source.FEEDER: QCoreApplication.translate("Scanning", "Khay nạp giấy (một mặt)"),
        Source.DUPLEX: QCoreApplication.translate("Scanning", "Khay nạp giấy (hai mặt)"),
    }[source]


def preset_label(name: str) -> str:
    return {
        "default": QCoreApplication.translate("Scanning", "Tiêu chuẩn (xám, 200 dpi)"),
        "text": QCoreApplication.translate("Scanning", "Văn bản (đen trắng, nhỏ nhất)"),
        "color": QCoreApplication.translate("Scanning", "Màu (giữ màu con dấu)"),
    }.get(name, name)


def fault_text(fault: ScannerFault) -> str:
    return {
        ScannerFault.JAMMED: QCoreApplication.translate(
            "Scanning", "Kẹt giấy trong khay nạp: mở nắp, lấy tờ bị kẹt ra rồi quét tiếp phần còn lại."
        ),
        ScannerFault.FEEDER_EMPTY: QCoreApplication.translate(
            "Scanning", "Khay nạp không có giấy: đặt giấy tờ vào khay rồi bấm Quét."
        ),
        ScannerFault.SHORT_FEED: QCoreApplication.translate(
            "Scanning",
            "Khay nạp hết giấy trước số trang đã đếm: kiểm tra tờ còn sót hoặc hai tờ bị kéo cùng lúc.",
        ),
        ScannerFault.COVER_OPEN: QCoreApplication.translate(
            "Scanning", "Nắp máy quét đang mở: đóng nắp rồi quét lại."
        ),
        ScannerFault.UNPLUGGED: QCoreApplication.translate(
            "Scanning", "Máy quét không trả lời: kiểm tra nguồn điện, cáp hoặc mạng của máy."
        ),
        ScannerFault.BUSY: QCoreApplication.translate(
            "Scanning", "Máy quét đang bận việc khác: chờ một lát rồi quét lại."
        ),
        ScannerFault.CANCELLED: QCoreApplication.translate("Scanning", "Đã dừng quét."),
        ScannerFault.UNSUPPORTED: QCoreApplication.translate(
            "Scanning", "Máy quét không làm được việc này (kiểm tra nguồn giấy đã chọn)."
        ),
        ScannerFault.FAILED: QCoreApplication.translate("Scanning", "Máy quét báo lỗi."),
    }[fault]


def describe_scanner_error(error: ScannerError) -> str:
    """The fault in the officer's words, with how many pages were kept."""
    text = fault_text(error.fault)
    if error.pages:
        text += " " + QCoreApplication.translate("Scanning", "Đã giữ {n} trang quét được.").format(
            n=error.pages
        )
    return text
