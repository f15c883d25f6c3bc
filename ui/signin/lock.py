"""The lock screen (Ctrl+L): covers the work without closing it; the same or another officer unlocks.

The window's pages stay as they were underneath (a half-typed reception included), only hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.office import Officer
from ui.i18n import on_language_change
from ui.session import Session
from ui.signin.credentials import CredentialsForm
from ui.tasks import TaskManager
from ui.widgets import heading, named


class LockScreen(QWidget):
    sig_unlocked = Signal(object)  # Session

    def __init__(self, tasks: TaskManager, counter: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._counter = counter
        self._session: Session | None = None

        self.title = heading("lockTitle", 1.6)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = named(QLabel(), "lockWho")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = named(QLabel(), "lockHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.form = CredentialsForm(tasks)
        self.form.submit_label = lambda: self.tr("Mở khoá")
        self.form.retranslate()

        card = named(QFrame(), "lockCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(self.fontMetrics().averageCharWidth() * 70)
        inner = QVBoxLayout(card)
        inner.addWidget(self.title)
        inner.addWidget(self.who)
        inner.addWidget(self.hint)
        inner.addSpacing(self.fontMetrics().height())
        inner.addWidget(self.form)

        # Stretches rather than an alignment: a card placed by alignment gets its size hint, which is too
        # short once its wrapped text is laid out at the card's real width.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.form.sig_signed_in.connect(self._signed_in)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Màn hình khoá"))
        self.findChild(QFrame, "lockCard").setAccessibleName(self.tr("Mở khoá quầy"))
        self.title.setText(self.tr("Quầy {number} đang tạm khoá").format(number=self._counter))
        self.title.setAccessibleName(self.title.text())
        self.who.setAccessibleName(self.tr("Cán bộ đang làm việc"))
        self.hint.setText(
            self.tr(
                "Công việc đang làm vẫn được giữ nguyên. Nhập mật khẩu để mở khoá, hoặc nhập tài khoản "
                "khác để đổi cán bộ."
            )
        )
        self.hint.setAccessibleName(self.hint.text())
        self._say_who()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def lock(self, session: Session) -> None:
        self._session = session
        self.form.username.setText(session.username)
        self.form.password.clear()
        self.form.message.clear()
        self._say_who()
        self.form.focus()

    def _say_who(self) -> None:
        if self._session is not None:
            self.who.setText(
                self.tr("Cán bộ: {name} ({username})").format(
                    name=self._session.full_name, username=self._session.username
                )
            )

    def _signed_in(self, officer: Officer) -> None:
        self.sig_unlocked.emit(Session.of(officer, self._counter))
