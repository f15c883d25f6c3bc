"""The scanning screen: scan the citizen's papers, arrange the pages, attach them to a component.

    screen = ScanningScreen(tasks, registry, session)   # registry: devices.scanners.registry
    screen.set_dossier(code)                            # the dossier being received
    screen.start()                                      # list the scanners

The desk app places it in its main window. Scanner work runs on its own worker (ui/scanning/runner.py),
database work through the TaskManager; widgets are only touched on the GUI thread. Pages stay in the
session until they are attached, whatever the scanner does: a jam shows its message and keeps the pages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.scanning.batch import Batch
from app.domain.scanning.crop import content_box
from app.domain.scanning.faults import ScannerError
from app.domain.scanning.finish import finish_page
from app.domain.scanning.model import DeviceInfo, ScanRequest, Source
from app.domain.scanning.presets import PRESETS
from app.services.context import Services
from app.services.scanning.attach import ScanContext, attach_scan, scan_context, scan_target
from app.services.scanning.pipeline import BuiltDocument
from app.services.scanning.ports import TextRecognizer
from app.services.scanning.session import RunResult, ScanSession
from ui.errors import describe_error
from ui.i18n import on_language_change
from ui.scanning.pages import PageList
from ui.scanning.runner import ScannerDirectory, ScanRunner, UnreadableFile, first_page
from ui.scanning.texts import describe_scanner_error, preset_label, source_label
from ui.tasks import QueryOp, TaskManager
from ui.widgets import DANGER, SUCCESS, colour_text, heading, named, scaled

log = logging.getLogger(__name__)

COMPONENT_CODE = Qt.ItemDataRole.UserRole


class ScanningScreen(QWidget):
    sig_devices_listed = Signal(int)
    sig_scan_finished = Signal(object)  # RunResult
    sig_attached = Signal(str, str)  # component code, sha256
    sig_message = Signal(str)
    sig_attached_shown = Signal(int)  # pages of the attached file now in the preview

    def __init__(
        self,
        tasks: TaskManager,
        directory: ScannerDirectory,
        session: ScanSession | None = None,
        recognizer: TextRecognizer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scanningScreen")
        self.tasks = tasks
        self.session = session or ScanSession()
        self.recognizer = recognizer  # OCR, when the desk has it switched on and tesseract installed
        self.runner = ScanRunner(directory, self.session, self)
        self.runner.sig_page.connect(self._page_arrived)
        self.runner.sig_done.connect(self._job_done)
        self._context: ScanContext | None = None
        # A reception not written yet: pages are kept beside its draft (ui/scanning/pending.py) instead of
        # being attached; `_keep` stores one PDF and returns the new context, `_read` reads a kept one.
        self._keep: Callable[[Services, str, str, BuiltDocument], ScanContext] | None = None
        self._read: Callable[[Services, str], bytes] = lambda s, sha256: s.blobs.read(sha256)
        self._undo: list[Batch] = []
        self._built_for: Batch | None = None

        self.title = heading("scanTitle", 1.25)
        self.subtitle = named(QLabel(), "scanSubtitle")
        self.subtitle.setWordWrap(True)

        self.device = named(QComboBox(), "scanDevice")
        self.device.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.refresh_devices = named(QPushButton(), "scanRefreshDevices")
        self.source = named(QComboBox(), "scanSource")
        self.preset = named(QComboBox(), "scanPreset")
        self.pages_expected = named(QSpinBox(), "scanPagesExpected")
        self.pages_expected.setRange(0, 500)
        self.import_button = named(QPushButton(), "scanImportFiles")
        self.scan_button = named(QPushButton(), "scanButton")
        self.scan_button.setDefault(True)
        self.scan_button.setFont(scaled(self.font(), 1.1, bold=True))
        self.stop_button = named(QPushButton(), "scanStopButton")
        self.stop_button.setEnabled(False)
        self.device_label, self.source_label, self.preset_label, self.pages_label = (
            named(QLabel(), n)
            for n in ("scanDeviceLabel", "scanSourceLabel", "scanPresetLabel", "scanPagesLabel")
        )
        for label, buddy in (
            (self.device_label, self.device),
            (self.source_label, self.source),
            (self.preset_label, self.preset),
            (self.pages_label, self.pages_expected),
        ):
            label.setBuddy(buddy)

        self.pages = PageList()
        self.preview = named(QLabel(), "scanPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(QSize(260, 360))
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)

        self.rotate_left = named(QPushButton(), "scanRotateLeft")
        self.rotate_right = named(QPushButton(), "scanRotateRight")
        self.delete_button = named(QPushButton(), "scanDelete")
        self.restore_button = named(QPushButton(), "scanRestore")
        self.crop_button = named(QPushButton(), "scanCrop")
        self.move_earlier = named(QPushButton(), "scanMoveEarlier")
        self.move_later = named(QPushButton(), "scanMoveLater")
        self.duplex_button = named(QPushButton(), "scanManualDuplex")
        self.reverse_button = named(QPushButton(), "scanReverse")
        self.undo_button = named(QPushButton(), "scanUndo")
        self.clear_button = named(QPushButton(), "scanClear")

        self.components_title = heading("scanComponentsTitle", 1.05)
        self.components = named(QListWidget(), "scanComponents")
        self.components.setWordWrap(True)
        self.components.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.attach_button = named(QPushButton(), "scanAttach")
        self.attach_button.setFont(scaled(self.font(), 1.05, bold=True))
        self.summary = named(QLabel(), "scanSummary")
        self.summary.setWordWrap(True)
        self.status = named(QLabel(), "scanStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._build_layout()
        self._connect()
        self._fill_choices()
        self.retranslate()
        self._update_actions()

    # ----- layout -------------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        controls = QHBoxLayout()
        for label, widget in (
            (self.device_label, self.device),
            (self.source_label, self.source),
            (self.preset_label, self.preset),
            (self.pages_label, self.pages_expected),
        ):
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(label)
            box.addWidget(widget)
            controls.addLayout(box)
        controls.addWidget(self.refresh_devices, 0, Qt.AlignmentFlag.AlignBottom)
        controls.addStretch(1)
        controls.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignBottom)
        controls.addWidget(self.scan_button, 0, Qt.AlignmentFlag.AlignBottom)
        controls.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignBottom)

        # Two rows: what acts on the selected pages, then what acts on the whole batch; one row would not
        # fit the thumbnails' side of a 1366-pixel counter screen.
        page_actions = QGridLayout()
        page_actions.setHorizontalSpacing(4)
        rows = (
            (self.rotate_left, self.rotate_right, self.move_earlier, self.move_later, self.crop_button),
            (
                self.delete_button,
                self.restore_button,
                self.duplex_button,
                self.reverse_button,
                self.undo_button,
            ),
        )
        for row, buttons in enumerate(rows):
            for column, button in enumerate(buttons):
                page_actions.addWidget(button, row, column)
        page_actions.setColumnStretch(len(rows[0]), 1)
        page_actions.addWidget(self.clear_button, 1, len(rows[0]) + 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.pages, 1)
        left_layout.addLayout(page_actions)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.components_title)
        right_layout.addWidget(self.components, 1)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.attach_button)

        splitter = named(QSplitter(Qt.Orientation.Horizontal), "scanSplitter")
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([620, 380, 330])

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.scan_button.clicked.connect(self.scan)
        self.import_button.clicked.connect(self.pick_files)
        self.stop_button.clicked.connect(self.runner.stop)
        self.refresh_devices.clicked.connect(self.runner.list_devices)
        self.rotate_left.clicked.connect(lambda: self._each_selected(lambda b, i: b.rotate(i, -1)))
        self.rotate_right.clicked.connect(lambda: self._each_selected(lambda b, i: b.rotate(i, 1)))
        self.delete_button.clicked.connect(lambda: self._each_selected(lambda b, i: b.delete(i)))
        self.restore_button.clicked.connect(lambda: self._each_selected(lambda b, i: b.restore(i)))
        self.crop_button.clicked.connect(self.crop_selected)
        self.move_earlier.clicked.connect(lambda: self._move_selected(-1))
        self.move_later.clicked.connect(lambda: self._move_selected(1))
        self.duplex_button.clicked.connect(self.manual_duplex)
        self.reverse_button.clicked.connect(lambda: self._edit(lambda b: b.reverse()))
        self.undo_button.clicked.connect(self.undo)
        self.clear_button.clicked.connect(self.clear_pages)
        self.attach_button.clicked.connect(self.attach)
        self.pages.sig_reordered.connect(lambda ids: self._edit(lambda b: b.reorder(ids)))
        self.pages.currentItemChanged.connect(lambda *_: self._show_preview())
        self.pages.itemSelectionChanged.connect(self._update_actions)
        self.components.currentItemChanged.connect(lambda *_: self._component_chosen())
        self.device.currentIndexChanged.connect(lambda _: self._fill_sources())
        for keys, slot in (
            (QKeySequence.StandardKey.Delete, self.delete_button.click),
            (QKeySequence.StandardKey.Undo, self.undo),
            (QKeySequence("Ctrl+R"), self.rotate_right.click),
            (QKeySequence("Ctrl+Shift+R"), self.rotate_left.click),
            (QKeySequence("Ctrl+Left"), self.move_earlier.click),
            (QKeySequence("Ctrl+Right"), self.move_later.click),
        ):
            QShortcut(keys, self.pages, slot, context=Qt.ShortcutContext.WidgetShortcut)

    def _fill_choices(self) -> None:
        self.preset.clear()
        for name in PRESETS:
            self.preset.addItem(preset_label(name), name)
        self._fill_sources()

    def _fill_sources(self) -> None:
        info = self.device.currentData()
        offered = info.sources if isinstance(info, DeviceInfo) and info.sources else tuple(Source)
        current = self.source.currentData()
        self.source.clear()
        for source in offered:
            # Plain strings as item data: Qt finds them again with findData (Python enums it does not).
            self.source.addItem(source_label(source), source.value)
        values = [s.value for s in offered]
        if current in values:
            self.source.setCurrentIndex(values.index(current))
        elif Source.FEEDER in offered:
            self.source.setCurrentIndex(offered.index(Source.FEEDER))

    def retranslate(self) -> None:
        self._show_title()
        self.device_label.setText(self.tr("&Máy quét"))
        self.source_label.setText(self.tr("&Nguồn giấy"))
        self.preset_label.setText(self.tr("&Chất lượng"))
        self.pages_label.setText(self.tr("Số &trang"))
        self.pages_expected.setSpecialValueText(self.tr("Tất cả"))
        self.pages_expected.setToolTip(self.tr("Số trang đã đếm; khay nạp hết giấy sớm hơn sẽ được báo"))
        for widget, text, tip in (
            (
                self.refresh_devices,
                self.tr("Tìm máy quét"),
                self.tr("Tìm lại máy quét trên máy tính và trong mạng"),
            ),
            (self.scan_button, self.tr("Quét"), self.tr("Quét giấy tờ trong khay nạp hoặc trên mặt kính")),
            (
                self.import_button,
                self.tr("Nhập tệp…"),
                self.tr("Lấy trang từ tệp ảnh hoặc PDF có sẵn (máy photo, USB)"),
            ),
            (
                self.stop_button,
                self.tr("Dừng"),
                self.tr("Dừng sau tờ đang quét (các trang đã quét được giữ lại)"),
            ),
            (
                self.rotate_left,
                self.tr("Xoay trái"),
                self.tr("Xoay các trang đã chọn sang trái (Ctrl+Shift+R)"),
            ),
            (self.rotate_right, self.tr("Xoay phải"), self.tr("Xoay các trang đã chọn sang phải (Ctrl+R)")),
            (self.move_earlier, self.tr("◀ Lên trước"), self.tr("Đưa trang đã chọn lên trước (Ctrl+←)")),
            (self.move_later, self.tr("Ra sau ▶"), self.tr("Đưa trang đã chọn ra sau (Ctrl+→)")),
            (
                self.crop_button,
                self.tr("Cắt sát"),
                self.tr(
                    "Cắt trang đã chọn sát phần có nội dung (thẻ căn cước, biên lai đặt trên mặt kính);"
                    " bấm lần nữa để bỏ cắt"
                ),
            ),
            (self.delete_button, self.tr("Xoá trang"), self.tr("Bỏ các trang đã chọn khỏi tệp (Delete)")),
            (
                self.restore_button,
                self.tr("Khôi phục"),
                self.tr("Đưa lại trang đã xoá hoặc trang trắng vào tệp"),
            ),
            (
                self.duplex_button,
                self.tr("Ghép hai mặt"),
                self.tr("Quét mặt trước, lật xấp giấy quét mặt sau, rồi bấm để xếp xen kẽ các trang"),
            ),
            (self.reverse_button, self.tr("Đảo thứ tự"), self.tr("Đảo ngược thứ tự tất cả các trang")),
            (self.undo_button, self.tr("Hoàn tác"), self.tr("Bỏ thao tác vừa làm (Ctrl+Z)")),
            (self.clear_button, self.tr("Bỏ hết"), self.tr("Bỏ tất cả các trang đã quét")),
            (
                self.attach_button,
                self.tr("Đính kèm vào thành phần"),
                self.tr("Lưu các trang thành một tệp PDF của thành phần đã chọn"),
            ),
        ):
            widget.setText(text)
            widget.setAccessibleName(text.replace("&", ""))
            widget.setToolTip(tip)
        self.pages.setAccessibleName(self.tr("Các trang đã quét"))
        self.preview.setAccessibleName(self.tr("Xem trước trang đã chọn"))
        self.components.setAccessibleName(self.tr("Thành phần hồ sơ"))
        self.components_title.setText(self.tr("Thành phần hồ sơ"))
        for i, name in enumerate(PRESETS):
            self.preset.setItemText(i, preset_label(name))
        for i in range(self.source.count()):
            self.source.setItemText(i, source_label(Source(self.source.itemData(i))))
        if self.preview.pixmap().isNull():
            self.preview.setText(self.tr("Chọn một trang để xem"))
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def _show_title(self) -> None:
        context = self._context
        if context is None:
            self.title.setText(self.tr("Quét giấy tờ"))
            self.subtitle.setText(self.tr("Chưa chọn hồ sơ: quét xong, mở hồ sơ để đính kèm."))
            return
        if self._keep is not None:
            self.title.setText(self.tr("Quét giấy tờ — hồ sơ đang tiếp nhận"))
            who = f"{context.applicant_name} · " if context.applicant_name else ""
            self.subtitle.setText(
                who
                + self.tr(
                    "{procedure}. Các trang được lưu cùng hồ sơ nhập dở và tự đính kèm khi ghi nhận."
                ).format(procedure=context.procedure_name)
            )
            return
        self.title.setText(self.tr("Quét giấy tờ — hồ sơ {code}").format(code=context.code))
        self.subtitle.setText(f"{context.applicant_name} · {context.procedure_name}")

    # ----- starting -----------------------------------------------------------------------------------

    def start(self) -> None:
        """List the scanners (in the background: network discovery takes a moment)."""
        self._say(self.tr("Đang tìm máy quét…"))
        self.runner.list_devices()

    def set_pending(
        self,
        context: ScanContext,
        keep: Callable[[Services, str, str, BuiltDocument], ScanContext],
        read: Callable[[Services, str], bytes],
    ) -> None:
        """Scan for a reception not yet written: `context` lists the form's components (code ""),
        `keep(services, component, name, document)` stores a PDF and returns the new context."""
        self._keep, self._read = keep, read
        self._show_context(context)

    def set_dossier(self, code: str) -> None:
        self._keep = None
        self._read = lambda s, sha256: s.blobs.read(sha256)
        QueryOp(op=lambda s: scan_context(s, code), success=self._show_context).failure(self._failed).run(
            self.tasks
        )

    def _show_context(self, context: ScanContext) -> None:
        self._context = context
        selected = self.selected_component()
        self.components.clear()
        for component in context.components:
            text = f"{component.code} — {component.name}"
            if component.attached:
                text += "\n" + self.tr("Đã có {n} tệp").format(n=component.attached)
            item = QListWidgetItem(text)
            item.setData(COMPONENT_CODE, component.code)
            self.components.addItem(item)
            if component.code == selected:
                self.components.setCurrentItem(item)
        self._show_title()
        self._update_actions()

    def _component_chosen(self) -> None:
        self._update_actions()
        if self.pages.currentItem() is None:
            self._show_attached()

    def _show_attached(self) -> None:
        """With no page selected, the preview shows the file already attached to the chosen component:
        the officer sees at once whether this paper was scanned before."""
        code = self.selected_component()
        context = self._context
        component = next((c for c in context.components if c.code == code), None) if context else None
        if component is None or not component.attachments:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("Chọn một trang để xem"))
            return
        sha256 = component.attachments[-1]
        width = max(300, self.preview.width())
        read = self._read
        QueryOp(op=lambda s: first_page(read(s, sha256), width), success=self._attached_shown).failure(
            self._failed
        ).latest("scanAttachedPreview").run(self.tasks)

    def _attached_shown(self, shown: tuple[QImage, int]) -> None:
        if self.pages.currentItem() is not None:
            return  # a scanned page was picked meanwhile: it has the preview
        image, pages = shown
        pixmap = QPixmap.fromImage(image).scaled(
            self.preview.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.preview.setPixmap(pixmap)
        self.preview.setToolTip(self.tr("Tệp đã đính kèm ({n} trang)").format(n=pages))
        self.sig_attached_shown.emit(pages)

    def selected_component(self) -> str | None:
        item = self.components.currentItem()
        return str(item.data(COMPONENT_CODE)) if item is not None else None

    def select_component(self, code: str) -> None:
        for i in range(self.components.count()):
            if self.components.item(i).data(COMPONENT_CODE) == code:
                self.components.setCurrentRow(i)
                return

    # ----- scanning -----------------------------------------------------------------------------------

    def scan(self) -> None:
        info = self.device.currentData()
        if not isinstance(info, DeviceInfo) or self.runner.is_busy("scan"):
            return
        preset = PRESETS[self.preset.currentData() or "default"]
        self.session.options = replace(self.session.options, preset=preset)
        request = ScanRequest(
            source=Source(self.source.currentData() or Source.FEEDER.value),
            dpi=preset.dpi,
            mode=preset.scan_mode,
            pages=self.pages_expected.value() or None,
        )
        self._remember()
        self._say(self.tr("Đang quét từ {device}…").format(device=info.name))
        self.runner.scan(info.id, request)
        self._update_actions()

    def pick_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Chọn tệp ảnh hoặc PDF"),
            "",
            self.tr("Ảnh và PDF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp)"),
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> None:
        if self.runner.is_busy():
            return
        self.session.options = replace(
            self.session.options, preset=PRESETS[self.preset.currentData() or "default"]
        )
        self._remember()
        self._say(self.tr("Đang nhập {n} tệp…").format(n=len(paths)))
        self.runner.import_files(paths, self.session.options.preset.dpi)
        self._update_actions()

    def _page_arrived(self, page_id: str, thumbnail: QImage) -> None:
        self.pages.set_image(page_id, thumbnail)
        self._refresh()
        item = self.pages.item(self.pages.count() - 1)
        if item is not None:
            self.pages.scrollToItem(item)
        self._say(self.tr("Đang quét: đã có {n} trang…").format(n=len(self.session.batch.pages)))

    def _job_done(self, name: str, ok: bool, value: object) -> None:
        if name == "devices":
            self._devices_listed(value if ok and isinstance(value, list) else [], None if ok else value)
        elif name == "scan":
            self._scan_done(value if ok else None, None if ok else value)
        elif name == "build":
            self._built(value if ok else None, None if ok else value)
        elif name == "import":
            self._refresh()
            if ok:
                self._say(self.tr("Đã nhập {n} trang.").format(n=value), success=True)
            else:
                self._say(self._describe(value), error=True)
        self._update_actions()

    def _devices_listed(self, devices: list[DeviceInfo], error: object) -> None:
        current = self.device.currentData()
        self.device.clear()
        for info in devices:
            self.device.addItem(info.name, info)
            self.device.setItemData(self.device.count() - 1, info.id, Qt.ItemDataRole.ToolTipRole)
        if isinstance(current, DeviceInfo):
            for i in range(self.device.count()):
                if self.device.itemData(i).id == current.id:
                    self.device.setCurrentIndex(i)
        self._fill_sources()
        if error is not None:
            self._say(self._describe(error), error=True)
        elif not devices:
            self._say(
                self.tr("Không tìm thấy máy quét. Kiểm tra máy đã bật và đã cắm cáp hoặc nối mạng."),
                error=True,
            )
        else:
            self._say(self.tr("Sẵn sàng: đặt giấy tờ vào máy rồi bấm Quét."))
        self.sig_devices_listed.emit(len(devices))

    def _scan_done(self, result: RunResult | None, error: object) -> None:
        self._refresh()
        if result is None:
            self._say(self._describe(error), error=True)
            self.sig_scan_finished.emit(None)
            return
        if result.error is not None:
            self._say(describe_scanner_error(result.error), error=True)
        else:
            blank = sum(1 for i in result.added if self.session.batch.page(i).left_out is not None)
            text = self.tr("Đã quét {n} trang.").format(n=len(result.added))
            if blank:
                text += " " + self.tr("{n} trang trắng được bỏ ra.").format(n=blank)
            self._say(text, success=True)
        self.sig_scan_finished.emit(result)

    # ----- arranging ----------------------------------------------------------------------------------

    def _remember(self) -> None:
        self._undo.append(self.session.batch)
        del self._undo[:-50]

    def _edit(self, change: object) -> None:
        if self.runner.is_busy("scan"):
            return
        self._remember()
        try:
            self.session.edit(change)  # type: ignore[arg-type]
        except DomainError as exc:
            self._undo.pop()
            self._say(describe_error(exc), error=True)
        self._refresh()

    def _each_selected(self, change: object) -> None:
        ids = self.pages.selected_ids()
        if not ids:
            return

        def apply(batch: Batch) -> Batch:
            for page_id in ids:
                batch = change(batch, page_id)  # type: ignore[operator]
            return batch

        self._edit(apply)
        for page_id in ids:
            self.pages.set_image(page_id, self.runner.thumbnail(page_id))
        self._refresh()

    def crop_selected(self) -> None:
        """Crop each selected page to its content (a card on the glass); a cropped page goes back whole."""
        pages = self.session.pages

        def crop(batch: Batch, page_id: str) -> Batch:
            entry = batch.page(page_id)
            if entry.crop is not None:
                return batch.set_crop(page_id, None)
            # Measured on the page as the officer sees it (straightened and turned), where the crop applies.
            shown = finish_page(pages[page_id].image, replace(entry, crop=None))
            return batch.set_crop(page_id, content_box(shown))

        self._each_selected(crop)

    def _move_selected(self, step: int) -> None:
        ids = self.pages.selected_ids()
        if len(ids) != 1:
            return
        order = self.pages.ids()
        position = order.index(ids[0]) + step
        if 0 <= position < len(order):
            self._edit(lambda b: b.move(ids[0], position))

    def manual_duplex(self) -> None:
        """Fronts then backs (the stack turned over) into one sheet-by-sheet order."""
        count = len(self.session.batch.pages)
        if count % 2:
            self._say(
                self.tr("Ghép hai mặt cần số trang chẵn: quét cả mặt sau trống của từng tờ."),
                error=True,
            )
            return
        self._edit(lambda b: b.interleave(count // 2))

    def undo(self) -> None:
        if not self._undo or self.runner.is_busy("scan"):
            return
        previous = self._undo.pop()
        self.session.edit(lambda _: previous)
        for entry in previous.pages:
            if entry.id in self.session.pages:
                self.pages.set_image(entry.id, self.runner.thumbnail(entry.id))
        self._refresh()

    def clear_pages(self) -> None:
        if self.runner.is_busy("scan"):
            return
        self._remember()
        self.session.edit(lambda _: Batch())
        self._refresh()

    def _refresh(self) -> None:
        self.pages.show_batch(self.session.batch)
        self._show_preview()
        self._show_summary()
        self._update_actions()

    def _show_preview(self) -> None:
        item = self.pages.currentItem()
        if item is None:
            self._show_attached()
            return
        self.preview.setToolTip("")
        page_id = str(item.data(Qt.ItemDataRole.UserRole))
        if page_id not in self.session.pages:
            return
        size = self.preview.size()
        image = self.session.thumbnail(page_id, max(size.width(), size.height(), 400))
        from ui.scanning.runner import to_qimage

        pixmap = QPixmap.fromImage(to_qimage(image)).scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.preview.setPixmap(pixmap)

    def _show_summary(self) -> None:
        batch = self.session.batch
        kept, left = len(batch.included()), len(batch.left_out())
        if not batch.pages:
            self.summary.setText(self.tr("Chưa có trang nào."))
            return
        text = self.tr("{n} trang sẽ được lưu").format(n=kept)
        if left:
            text += self.tr(", {n} trang bỏ ra").format(n=left)
        self.summary.setText(text + ".")

    def _update_actions(self) -> None:
        scanning = self.runner.is_busy("scan")
        building = self.runner.is_busy("build")
        has_pages = bool(self.session.batch.pages)
        selected = bool(self.pages.selectedItems())
        self.scan_button.setEnabled(not scanning and not building and self.device.count() > 0)
        self.import_button.setEnabled(not self.runner.is_busy())
        self.stop_button.setEnabled(scanning)
        for button in (
            self.rotate_left,
            self.rotate_right,
            self.crop_button,
            self.delete_button,
            self.restore_button,
        ):
            button.setEnabled(selected and not scanning)
        self.move_earlier.setEnabled(len(self.pages.selectedItems()) == 1 and not scanning)
        self.move_later.setEnabled(len(self.pages.selectedItems()) == 1 and not scanning)
        for button in (self.duplex_button, self.reverse_button, self.clear_button):
            button.setEnabled(has_pages and not scanning)
        self.undo_button.setEnabled(bool(self._undo) and not scanning)
        self.attach_button.setEnabled(
            bool(self.session.batch.included())
            and self.selected_component() is not None
            and not scanning
            and not building
        )

    # ----- attaching ----------------------------------------------------------------------------------

    def attach(self) -> None:
        component = self.selected_component()
        if self._context is None or component is None or not self.session.batch.included():
            return
        self._built_for = self.session.batch
        self._say(self.tr("Đang lưu {n} trang thành tệp PDF…").format(n=len(self.session.batch.included())))
        self.runner.build(self.recognizer)

    def _built(self, document: BuiltDocument | None, error: object) -> None:
        if document is None:
            self._say(self._describe(error), error=True)
            return
        context, component = self._context, self.selected_component()
        if context is None or component is None:
            return
        keep = self._keep
        if keep is not None:
            name = next((c.name for c in context.components if c.code == component), component)
            QueryOp(
                op=lambda s: keep(s, component, name, document),
                success=lambda kept: self._kept(component, document, kept),
            ).failure(self._failed).run(self.tasks)
            return
        code = context.code
        QueryOp(
            op=lambda s: attach_scan(s, scan_target(s, code, component), document),
            success=lambda attached: self._attached(component, attached.sha256, document),
        ).failure(self._failed).run(self.tasks)

    def _attached(self, component: str, sha256: str, document: BuiltDocument) -> None:
        if self.session.batch is self._built_for:
            self.session.clear()
            self.pages.forget()
            self._undo.clear()
        self._refresh()
        self._say(
            self.tr("Đã đính kèm {pages} trang ({kb} KB) vào thành phần {component}.").format(
                pages=document.pages, kb=round(document.size / 1000), component=component
            ),
            success=True,
        )
        if self._context is not None and self._keep is None:
            self.set_dossier(self._context.code)
        self.sig_attached.emit(component, sha256)

    def _kept(self, component: str, document: BuiltDocument, context: ScanContext) -> None:
        self._show_context(context)
        self._attached(component, document.sha256, document)
        self._say(
            self.tr(
                "Đã lưu {pages} trang ({kb} KB) cho thành phần {component}; sẽ đính kèm khi ghi nhận."
            ).format(pages=document.pages, kb=round(document.size / 1000), component=component),
            success=True,
        )

    # ----- messages -----------------------------------------------------------------------------------

    def _describe(self, error: object) -> str:
        if isinstance(error, ScannerError):
            return describe_scanner_error(error)
        if isinstance(error, UnreadableFile):
            return self.tr("Không đọc được tệp {name}: không phải ảnh hoặc PDF (hoặc tệp bị hỏng).").format(
                name=error.path.name
            )
        if isinstance(error, Exception):
            return describe_error(error)
        return self.tr("Có lỗi khi quét.")

    def _failed(self, error: Exception) -> None:
        self._say(self._describe(error), error=True)

    def _say(self, text: str, *, error: bool = False, success: bool = False) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        if error:
            colour_text(self.status, DANGER)
        elif success:
            colour_text(self.status, SUCCESS)
        else:
            self.status.setPalette(self.palette())
        self.sig_message.emit(text)

    def shutdown(self) -> None:
        self.runner.shutdown()
