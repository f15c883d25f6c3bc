"""The band at the top of the window: which office, which counter, who is working, which day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.desk_info import DeskInfo
from ui.i18n import on_language_change
from ui.labels import format_date, weekday_label
from ui.widgets import scaled


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    """A font relative to the application's (points, so it follows the screen's scaling)."""
    return scaled(base, factor, bold=bold)


class DeskHeader(QFrame):
    def __init__(self, info: DeskInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskHeader")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._info = info
        self._username = info.officer
        self._full_name: str | None = None
        self._today: date | None = None

        self.office_label = QLabel()
        self.office_label.setObjectName("officeLabel")
        self.office_label.setFont(scaled_font(self.font(), 1.35, bold=True))
        self.office_label.setWordWrap(True)

        self.counter_label = QLabel()
        self.counter_label.setObjectName("counterLabel")
        self.counter_label.setFont(scaled_font(self.font(), 1.1, bold=True))

        self.officer_label = QLabel()
        self.officer_label.setObjectName("officerLabel")
        self.officer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.date_label = QLabel()
        self.date_label.setObjectName("dateLabel")
        self.date_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.date_label.setFont(scaled_font(self.font(), 1.1))

        details = QHBoxLayout()
        details.setSpacing(self.fontMetrics().horizontalAdvance("M") * 2)
        details.addWidget(self.counter_label)
        details.addWidget(self.officer_label)
        details.addStretch(1)

        left = QVBoxLayout()
        left.setSpacing(2)
        left.addWidget(self.office_label)
        left.addLayout(details)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addWidget(self.date_label, 0, Qt.AlignmentFlag.AlignTop)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Thông tin quầy"))
        self.office_label.setText(self._info.office_name or self.tr("(chưa đặt tên cơ quan)"))
        self.office_label.setAccessibleName(self.tr("Cơ quan"))
        self.counter_label.setText(self.tr("Quầy {number}").format(number=self._info.counter))
        self.counter_label.setAccessibleName(self.tr("Quầy"))
        self.officer_label.setAccessibleName(self.tr("Cán bộ"))
        self.date_label.setAccessibleName(self.tr("Ngày làm việc"))
        self._show_officer()
        self._show_today()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def set_officer(self, username: str, full_name: str | None) -> None:
        self._username = username
        self._full_name = full_name
        self._show_officer()

    def set_officer_name(self, full_name: str | None) -> None:
        self._full_name = full_name
        self._show_officer()

    def _show_officer(self) -> None:
        username, full_name = self._username, self._full_name
        if not username:
            text = self.tr("Cán bộ: (chưa đăng nhập)")
        elif full_name:
            text = self.tr("Cán bộ: {name} ({username})").format(name=full_name, username=username)
        else:
            text = self.tr("Cán bộ: {username}").format(username=username)
        self.officer_label.setText(text)

    def set_today(self, day: date) -> None:
        self._today = day
        self._show_today()

    def _show_today(self) -> None:
        if self._today is not None:
            self.date_label.setText(f"{weekday_label(self._today)}, {format_date(self._today)}")
