"""The scanning screen as a page of the desk's main window, for a written dossier or for the reception
being typed (its pages kept beside the draft, ui/scanning/pending.py).

Built the first time the officer scans: the scanner backends' imports (SANE, eSCL discovery, PIL) cost
more than the window's start may spend, and most counters scan a few times a day.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.domain.catalog import Procedure
from app.services.context import Services
from app.services.scanning.attach import ComponentChoice, ScanContext
from app.services.scanning.pipeline import BuiltDocument
from ui.i18n import on_language_change
from ui.scanning.pending import PendingScans
from ui.scanning.runner import ScannerDirectory
from ui.scanning.screen import ScanningScreen
from ui.tasks import TaskManager
from ui.widgets import named

log = logging.getLogger(__name__)


def desk_scanners(settings: Any) -> ScannerDirectory:
    """The desk's scanners: scanners.toml, what the backends find, and `scan.device` first."""
    from app.domain.scanning.model import ScanProfile
    from app.settings.spec import SCAN_DEVICE
    from devices.scanners.profiles import Configured
    from devices.scanners.registry import default_registry

    registry = default_registry(settings.paths.config_dir)
    device = settings.get(SCAN_DEVICE)
    if device:
        device_id = registry.resolve(device)
        if all(c.profile.device != device_id for c in registry.configured):
            registry.configured = [Configured(ScanProfile(device_id), ""), *registry.configured]
    return registry


def pending_context(procedure: Procedure, applicant_name: str, pending: PendingScans) -> ScanContext:
    kept = pending.by_component()
    return ScanContext(
        code="",
        applicant_name=applicant_name,
        procedure_name=procedure.name,
        components=tuple(
            ComponentChoice(c.code, c.name, c.required, tuple(s.sha256 for s in kept.get(c.code, [])))
            for c in procedure.components
        ),
    )


class ScanPage(QWidget):
    sig_back = Signal()
    sig_kept = Signal()  # a scan was kept for the reception being typed
    sig_attached = Signal(str)  # a scan was attached to this written dossier

    def __init__(
        self, tasks: TaskManager, directory: ScannerDirectory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scanPage")
        self.scanning = ScanningScreen(tasks, directory)
        self.back_button = named(QPushButton(), "scanBackButton")
        self.back_button.clicked.connect(self.sig_back)
        self._started = False
        self._code: str | None = None
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.scanning, 1)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setObjectName("scanBackShortcut")
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.sig_back)
        self.scanning.sig_attached.connect(self._attached)
        self.retranslate()

    def retranslate(self) -> None:
        text = self.tr("◀ Quay lại (Esc)")
        self.back_button.setText(text)
        self.back_button.setAccessibleName(self.tr("Quay lại"))
        self.setAccessibleName(self.tr("Quét giấy tờ"))

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def _start(self) -> None:
        if not self._started:
            self._started = True
            self.scanning.start()

    def for_dossier(self, code: str) -> None:
        self._code = code
        self._start()
        self.scanning.set_dossier(code)

    def for_reception(
        self, procedure: Procedure, component: str, applicant_name: str, pending: PendingScans
    ) -> None:
        self._code = None

        def keep(_services: Services, code: str, name: str, document: BuiltDocument) -> ScanContext:
            pending.keep(code, name, document)
            return pending_context(procedure, applicant_name, pending)

        def read(_services: Services, sha256: str) -> bytes:
            return pending.read(sha256)

        self._start()
        self.scanning.set_pending(pending_context(procedure, applicant_name, pending), keep, read)
        self.scanning.select_component(component)

    def _attached(self, _component: str, _sha256: str) -> None:
        # The attach button is disabled now: the keyboard goes to the components, for the next paper
        # (or Esc, back to the page that asked).
        self.scanning.components.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._code is None:
            self.sig_kept.emit()
        else:
            self.sig_attached.emit(self._code)

    def focus_start(self) -> None:
        button = self.scanning.scan_button
        target = button if button.isEnabled() else self.scanning.import_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def shutdown(self) -> None:
        self.scanning.shutdown()
