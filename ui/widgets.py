"""Small helpers every screen uses: names for tests and screen readers, headings, rules, and the
"not available yet" state of a control whose feature has not landed (disabled, never faked)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QScrollBar, QToolButton, QWidget

W = TypeVar("W", bound=QWidget)

# Colours that keep WCAG AA contrast on white (and on the selection colour for red).
DANGER = QColor("#b3261e")
SUCCESS = QColor("#1b6e2d")
WARNING = QColor("#8a5300")
MUTED = QColor("#4b5563")


def named(widget: W, object_name: str) -> W:
    widget.setObjectName(object_name)
    return widget


def say(widget: QWidget, text: str, accessible: str | None = None, tip: str | None = None) -> None:
    """Set a control's visible text (where it has one), accessible name and tooltip at once."""
    setter = getattr(widget, "setText", None)
    if callable(setter):
        setter(text)
    widget.setAccessibleName(accessible or text.replace("&", ""))
    if tip is not None:
        widget.setToolTip(tip)


def scaled(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    """A font relative to the application's (points, so it follows the screen's scaling)."""
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    font.setBold(bold)
    return font


def heading(object_name: str, factor: float = 1.3) -> QLabel:
    label = named(QLabel(), object_name)
    label.setFont(scaled(label.font(), factor, bold=True))
    return label


def rule(object_name: str) -> QFrame:
    line = named(QFrame(), object_name)
    line.setAccessibleName(QCoreApplication.translate("Widgets", "Đường kẻ"))
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def colour_text(widget: QWidget, colour: QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    palette.setColor(QPalette.ColorRole.Text, colour)
    widget.setPalette(palette)


def legible_when_disabled(widget: QWidget) -> None:
    """The default disabled grey is about 1.6:1 on a window background: keep disabled text readable."""
    palette = widget.palette()
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    mixed = QColor.fromRgbF(
        text.redF() * 0.6 + window.redF() * 0.4,
        text.greenF() * 0.6 + window.greenF() * 0.4,
        text.blueF() * 0.6 + window.blueF() * 0.4,
    )
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text):
        palette.setColor(QPalette.ColorGroup.Disabled, role, mixed)
    widget.setPalette(palette)


def name_internals(root: QWidget) -> None:
    """Name the helpers Qt adds by itself (scroll bars, the clear button of a line edit), so that screen
    readers can say them and tests can find them; called again on a language change."""
    translate = QCoreApplication.translate
    for bar in root.findChildren(QScrollBar):
        owner = bar.parentWidget()
        while owner is not None and not owner.objectName():
            owner = owner.parentWidget()
        vertical = bar.orientation().name == "Vertical"
        if not bar.objectName() or bar.objectName().endswith(("ScrollBarV", "ScrollBarH")):
            base = owner.objectName() if owner is not None else "scroll"
            bar.setObjectName(f"{base}ScrollBar{'V' if vertical else 'H'}")
        bar.setAccessibleName(
            translate("Widgets", "Thanh cuộn dọc") if vertical else translate("Widgets", "Thanh cuộn ngang")
        )
    for edit in root.findChildren(QLineEdit):
        for button in edit.findChildren(QToolButton):
            if not button.objectName() or button.objectName().startswith("_q_"):
                button.setObjectName(f"{edit.objectName()}ClearButton")
            button.setAccessibleName(translate("Widgets", "Xoá nội dung ô"))


def unavailable(widget: QWidget, reason: str) -> None:
    """Disable a control whose feature has not landed, saying why (tooltip and screen reader)."""
    widget.setEnabled(False)
    widget.setToolTip(reason)
    widget.setAccessibleDescription(reason)
    legible_when_disabled(widget)


class Reasons:
    """Why a control is disabled, for features other issues bring (printing 3, queue 4, sync 5, scan 6)."""

    @staticmethod
    def printing() -> str:
        return QCoreApplication.translate(
            "Reasons", "Chưa có máy in được cấu hình: chức năng in đang được hoàn thiện"
        )

    @staticmethod
    def printing_missing() -> str:
        return QCoreApplication.translate("Reasons", "Chức năng in chưa được cài đặt trên máy này")

    @staticmethod
    def printing_starting() -> str:
        return QCoreApplication.translate("Reasons", "Chức năng in đang khởi động…")

    @staticmethod
    def no_printer() -> str:
        return QCoreApplication.translate(
            "Reasons", "Chưa có máy in được cấu hình: hãy chọn máy in trong Cài đặt (printing.printer)"
        )

    @staticmethod
    def scanning() -> str:
        return QCoreApplication.translate("Reasons", "Chức năng quét chưa sẵn sàng")

    @staticmethod
    def queue() -> str:
        return QCoreApplication.translate("Reasons", "Chức năng gọi số thứ tự chưa sẵn sàng")

    @staticmethod
    def sync() -> str:
        return QCoreApplication.translate("Reasons", "Chức năng đồng bộ với máy chủ chưa sẵn sàng")

    @staticmethod
    def displays() -> str:
        return QCoreApplication.translate("Reasons", "Chức năng bảng hiển thị (LED) chưa sẵn sàng")
