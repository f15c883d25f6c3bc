"""The desk's main window, built around the counter's flow: the queue bar, the jobs on the left (receive,
find, return, overdue, today's report), the page of the job on the right, and the status bar.

It only composes: each page owns its widgets and its background ops (ui/tasks.py); the window routes
between them (a scanned receipt opens its dossier from anywhere), locks and unlocks the desk, keeps the
draft of a reception on disk, and switches the language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizeGrip,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalog import Procedure
from app.domain.lifecycle import Action, Status
from app.domain.office import Officer, Role
from app.services.context import Services
from app.services.desk_lookups import all_procedures, office_officers
from app.services.worklists import DayReport, day_report
from app.settings.store import Settings
from ui.desk_info import DeskInfo
from ui.dossier_page.page import DossierPage
from ui.draft_banner import DraftBanner
from ui.drafts import DraftStore
from ui.header import DeskHeader
from ui.i18n import Translations, on_language_change
from ui.labels import format_count
from ui.logbook.page import ReportPage
from ui.navigation import NavBar
from ui.overdue.page import OverduePage
from ui.print_controller import PrintController
from ui.print_service import DeskPrinting
from ui.queue_bar import QueueBar
from ui.queue_controller import QueueController
from ui.queue_service import QueueResult
from ui.reception.form import ReceptionForm
from ui.reception.ops import Received
from ui.reception.page import ReceptionPage
from ui.returns.page import ReturnsPage
from ui.scanner import BarcodeScanner
from ui.search_page import SearchPage
from ui.session import Session
from ui.signin.lock import LockScreen
from ui.sync_status import SyncController, SyncStatusLabel
from ui.tasks import CollectionOp, QueryOp, TaskManager
from ui.widgets import name_internals, named, rule

translate = QCoreApplication.translate  # literal calls: what pyside6-lupdate extracts
log = logging.getLogger(__name__)

SEARCH, RECEPTION, DOSSIER, RETURNS, OVERDUE, REPORT = (
    "search",
    "reception",
    "dossier",
    "returns",
    "overdue",
    "report",
)
SCAN = "scan"


def load_start_data(services: Services) -> tuple[list[Procedure], list[Officer]]:
    """The catalogue and the office's officers, read once at start (op body, no Qt)."""
    return all_procedures(services), office_officers(services)


class MainWindow(QMainWindow):
    # The dossier list has been shown (after the first load and each refresh).
    sig_loaded = Signal()
    # The list now shows the result for this query ("" = the recent dossiers).
    sig_results_shown = Signal(str)
    sig_page_changed = Signal(str)
    sig_locked = Signal(bool)
    # The catalogue and officers are in (procedure pickers and filters can be used).
    sig_ready = Signal()

    def __init__(
        self,
        info: DeskInfo,
        tasks: TaskManager,
        parent: QWidget | None = None,
        *,
        session: Session | None = None,
        drafts: DraftStore | None = None,
        translations: Translations | None = None,
        settings: Settings | None = None,
        printing: DeskPrinting | None = None,
        scanners: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.info = info
        self.tasks = tasks
        self.tasks.setParent(self)
        self.drafts = drafts
        self.translations = translations
        self.settings = settings
        self.session = session or Session(info.officer, "", Role.OFFICER, info.counter)
        self._history: list[str] = []
        self._locked = False
        self._started = False
        self._draft_offered = False
        self._draft: ReceptionForm | None = None
        self._today: DayReport | None = None
        # The scanning page is built on first use (its imports are heavy); `scanners` makes its directory.
        self.scanners = scanners
        self.scan_page: Any = None
        self.pending_scans: Any = None
        if drafts is not None:
            from ui.scanning.pending import PendingScans

            self.pending_scans = PendingScans(drafts.path.with_name(drafts.path.stem + "-scans"))

        self._build_actions()
        self.header = DeskHeader(info)
        self.queue_bar = QueueBar()
        self.queue = QueueController(self)
        self.sync = SyncController(self)
        self.nav = NavBar(
            [
                (
                    RECEPTION,
                    lambda: translate("MainWindow", "Tiếp nhận hồ sơ"),
                    self.reception_action.shortcut(),
                ),
                (SEARCH, lambda: translate("MainWindow", "Tra cứu hồ sơ"), self.find_action.shortcut()),
                (RETURNS, lambda: translate("MainWindow", "Trả kết quả"), self.returns_action.shortcut()),
                (OVERDUE, lambda: translate("MainWindow", "Hồ sơ quá hạn"), self.overdue_action.shortcut()),
                (REPORT, lambda: translate("MainWindow", "Báo cáo hôm nay"), self.report_action.shortcut()),
                ("settings", lambda: translate("MainWindow", "Cài đặt"), self.settings_action.shortcut()),
                ("lock", lambda: translate("MainWindow", "Khoá màn hình"), self.lock_action.shortcut()),
            ]
        )
        self.search_page = SearchPage(
            tasks,
            [
                (self.reception_action.shortcut(), lambda: translate("MainWindow", "Tiếp nhận hồ sơ mới")),
                (self.find_action.shortcut(), lambda: translate("MainWindow", "Tìm hồ sơ")),
                (self.refresh_action.shortcut(), lambda: translate("MainWindow", "Làm mới danh sách")),
                (QKeySequence(Qt.Key.Key_Escape), lambda: translate("MainWindow", "Xoá ô tìm kiếm")),
                (self.lock_action.shortcut(), lambda: translate("MainWindow", "Khoá màn hình")),
            ],
        )
        self.reception_page = ReceptionPage(tasks)
        self.dossier_page = DossierPage(tasks)
        self.returns_page = ReturnsPage(tasks)
        self.overdue_page = OverduePage(tasks)
        self.report_page = ReportPage(tasks)
        self.pages = named(QStackedWidget(), "pages")
        self.page_by_key: dict[str, QWidget] = {
            SEARCH: self.search_page,
            RECEPTION: self.reception_page,
            DOSSIER: self.dossier_page,
            RETURNS: self.returns_page,
            OVERDUE: self.overdue_page,
            REPORT: self.report_page,
        }
        for page in self.page_by_key.values():
            self.pages.addWidget(page)
        self.draft_banner = DraftBanner()
        self.lock_screen = LockScreen(tasks, info.counter)
        self.scanner = BarcodeScanner(self)
        self.printer = PrintController(tasks, printing, self)
        for page in (self.reception_page, self.dossier_page, self.report_page):
            page.set_printer(self.printer)

        self._build_layout()
        self._build_status_bar()
        self._wire()
        self._set_session(self.session)
        self.retranslate()

    # ----- construction ------------------------------------------------------------------------------

    def _action(self, name: str, keys: list[QKeySequence], slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.setShortcuts(keys)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.reception_action = self._action(
            "receptionAction", [key("Ctrl+N"), key(Qt.Key.Key_F2)], self.new_reception
        )
        self.find_action = self._action(
            "findAction", [key(key.StandardKey.Find), key(Qt.Key.Key_F3)], self.focus_search
        )
        self.returns_action = self._action("returnsAction", [key(Qt.Key.Key_F4)], lambda: self.go(RETURNS))
        self.overdue_action = self._action("overdueAction", [key(Qt.Key.Key_F7)], lambda: self.go(OVERDUE))
        self.report_action = self._action("reportAction", [key(Qt.Key.Key_F8)], lambda: self.go(REPORT))
        self.refresh_action = self._action("refreshAction", [key(key.StandardKey.Refresh)], self.refresh)
        self.settings_action = self._action("settingsAction", [key("Ctrl+,")], self.open_settings)
        self.lock_action = self._action("lockAction", [key("Ctrl+L")], self.lock)
        # F2 already opens a reception: calling has F9, the key queue keypads and FQM's desks use.
        self.call_next_action = self._action("callNextAction", [key(Qt.Key.Key_F9)], self.call_next)
        self.recall_action = self._action("recallAction", [key("Shift+F9")], lambda: self.queue_act("recall"))
        self.serve_action = self._action("serveAction", [key(Qt.Key.Key_F10)], self._serve_key)
        self.work_actions = [
            self.reception_action,
            self.find_action,
            self.returns_action,
            self.overdue_action,
            self.report_action,
            self.refresh_action,
            self.settings_action,
            self.lock_action,
            self.call_next_action,
            self.recall_action,
            self.serve_action,
        ]

    def _build_layout(self) -> None:
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        workspace = named(QWidget(), "workspace")
        work_layout = QVBoxLayout(workspace)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.addWidget(self.queue_bar)
        work_layout.addWidget(self.draft_banner)
        work_layout.addLayout(body, 1)
        self.workspace = workspace

        self.screens = named(QStackedWidget(), "screens")
        self.screens.addWidget(workspace)
        self.screens.addWidget(self.lock_screen)

        central = named(QWidget(), "centralWidget")
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addWidget(rule("headerRule"))
        layout.addWidget(self.screens, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.database_label = named(QLabel(), "databaseLabel")
        self.database_label.setToolTip(str(self.info.database_path))
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sync_label = SyncStatusLabel(self.info.server_url or "")
        for grip in bar.findChildren(QSizeGrip):
            grip.setObjectName("statusBarSizeGrip")
        bar.addPermanentWidget(self.database_label, 1)
        bar.addPermanentWidget(self.sync_label)

    def _wire(self) -> None:
        self.nav.sig_go.connect(self._nav)
        self.search_page.sig_loaded.connect(self.sig_loaded)
        self.search_page.sig_results_shown.connect(self.sig_results_shown)
        self.search_page.sig_open.connect(self.open_dossier)
        self.search_page.sig_officer_name.connect(self._officer_name)
        self.search_page.sig_day.connect(self._day)
        self.reception_page.sig_form_changed.connect(self._save_draft)
        self.reception_page.sig_cleared.connect(self._clear_draft)
        self.reception_page.sig_received.connect(self._received)
        self.reception_page.sig_open.connect(self.open_dossier)
        self.reception_page.sig_scan.connect(self.scan_for_reception)
        self.dossier_page.sig_scan.connect(self.scan_for_dossier)
        self.dossier_page.sig_back.connect(self.back)
        self.returns_page.sig_return.connect(lambda code: self.open_dossier(code, returning=True))
        self.overdue_page.sig_apologise.connect(lambda code: self.open_dossier(code, apologise=True))
        self.overdue_page.sig_open.connect(self.open_dossier)
        self.lock_screen.sig_unlocked.connect(self.unlock)
        self.draft_banner.sig_restore.connect(self.restore_draft)
        self.draft_banner.sig_discard.connect(self.discard_draft)
        self.scanner.sig_code.connect(self.scanned)
        self.tasks.sig_failed.connect(self._show_failure)
        self.tasks.sig_data_changed.connect(self._data_changed)
        self.queue_bar.sig_call_next.connect(self.call_next)
        self.queue_bar.sig_recall.connect(lambda: self.queue_act("recall"))
        self.queue_bar.sig_start.connect(lambda: self.queue_act("start"))
        self.queue_bar.sig_complete.connect(lambda: self.queue_act("complete"))
        self.queue_bar.sig_no_show.connect(lambda: self.queue_act("no_show"))
        self.queue_bar.sig_transfer.connect(self.queue_transfer)
        self.queue.sig_view.connect(self._queue_view)
        self.queue.sig_busy.connect(self.queue_bar.set_busy)
        self.queue.sig_unavailable.connect(self.queue_bar.show_unavailable)
        self.queue.sig_result.connect(self._queue_result)
        self.queue.sig_failed.connect(self._show_failure)
        self.sync.sig_status.connect(self.sync_label.show_status)

    # ----- language ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Cửa sổ chính MotCua Desk"))
        self.setWindowTitle(
            self.tr("MotCua Desk — {office}").format(office=self.info.office_name or "MotCua")
        )
        self.centralWidget().setAccessibleName(self.tr("Nội dung chính"))
        self.workspace.setAccessibleName(self.tr("Khu làm việc"))
        self.screens.setAccessibleName(self.tr("Màn hình"))
        self.pages.setAccessibleName(self.tr("Trang làm việc"))
        self.statusBar().setAccessibleName(self.tr("Thanh trạng thái"))
        for grip in self.statusBar().findChildren(QSizeGrip):
            grip.setAccessibleName(self.tr("Kéo để đổi cỡ cửa sổ"))
        self.database_label.setText(self.tr("CSDL: {path}").format(path=self.info.database_path))
        self.database_label.setAccessibleName(self.tr("Tệp cơ sở dữ liệu"))
        names = {
            self.reception_action: self.tr("Tiếp nhận hồ sơ"),
            self.find_action: self.tr("Tìm hồ sơ"),
            self.returns_action: self.tr("Trả kết quả"),
            self.overdue_action: self.tr("Hồ sơ quá hạn"),
            self.report_action: self.tr("Báo cáo hôm nay"),
            self.refresh_action: self.tr("Làm mới"),
            self.settings_action: self.tr("Cài đặt"),
            self.lock_action: self.tr("Khoá màn hình"),
            self.call_next_action: self.tr("Gọi số tiếp"),
            self.recall_action: self.tr("Gọi lại"),
            self.serve_action: self.tr("Bắt đầu hoặc hoàn thành phục vụ"),
        }
        for action, text in names.items():
            action.setText(text)
        self._say_today(None)
        name_internals(self)

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 190, metrics.height() * 42)

    # ----- compatibility: the list's widgets, as the first version of the window exposed them -----------

    @property
    def search_box(self) -> Any:
        return self.search_page.search_box

    @property
    def model(self) -> Any:
        return self.search_page.model

    @property
    def table(self) -> Any:
        return self.search_page.table

    @property
    def results_label(self) -> Any:
        return self.search_page.results_label

    @property
    def overdue_label(self) -> Any:
        return self.search_page.overdue_label

    @property
    def counts_panel(self) -> Any:
        return self.search_page.counts_panel

    @property
    def refresh_button(self) -> Any:
        return self.search_page.refresh_button

    def shown_query(self) -> str | None:
        return self.search_page.shown_query()

    # ----- start, session, lock ----------------------------------------------------------------------

    def start(self) -> None:
        """Load the first data and listen for the barcode scanner; call once the window is shown."""
        if not self._started:
            self._started = True
            app = QApplication.instance()
            if isinstance(app, QApplication):
                self.scanner.install(app)
            QueryOp(op=load_start_data, success=self._on_start_data).failure(
                lambda e: log.error("loading the catalogue failed", exc_info=e)
            ).run(self.tasks)
            self.printer.check()
            self._attach_left_over()
            self._show_pending_scans()
        self.go(SEARCH)
        self.refresh()

    def _on_start_data(self, answer: tuple[list[Procedure], list[Officer]]) -> None:
        procedures, officers = answer
        for page in (self.search_page, self.reception_page, self.overdue_page):
            page.set_procedures(procedures)
        self.search_page.set_officers(officers)
        self.overdue_page.set_officers(officers)
        if not self._draft_offered:  # once the catalogue is in, so the offer names the procedure
            self._draft_offered = True
            self.offer_draft()
        self.sig_ready.emit()

    def _set_session(self, session: Session) -> None:
        self.session = session
        self.header.set_officer(session.username, session.full_name or None)
        for page in (self.reception_page, self.dossier_page, self.report_page):
            page.set_session(session)
        self.search_page.set_officer(session.username or None)

    def _officer_name(self, full_name: str) -> None:
        if not self.session.full_name:
            self.session = Session(self.session.username, full_name, self.session.role, self.session.counter)
            self._set_session(self.session)

    def _day(self, day: object) -> None:
        from datetime import date

        if isinstance(day, date):
            self.header.set_today(day)
            self.reception_page.set_today(day)

    def is_locked(self) -> bool:
        return self._locked

    def lock(self) -> None:
        if self._locked:
            return
        self._locked = True
        self.lock_screen.lock(self.session)
        self.screens.setCurrentWidget(self.lock_screen)
        for action in self.work_actions:
            action.setEnabled(False)
        self.scanner.set_enabled(False)
        self.lock_screen.form.focus()
        self.sig_locked.emit(True)

    def unlock(self, session: Session) -> None:
        self._locked = False
        if session.username != self.session.username:
            self._set_session(session)
            self.refresh()
        self.screens.setCurrentWidget(self.workspace)
        for action in self.work_actions:
            action.setEnabled(True)
        self.scanner.set_enabled(True)
        self._focus_page(self.current_page())
        self.sig_locked.emit(False)

    # ----- navigation --------------------------------------------------------------------------------

    def current_page(self) -> str:
        current = self.pages.currentWidget()
        return next(key for key, page in self.page_by_key.items() if page is current)

    def _nav(self, key: str) -> None:
        if key == "settings":
            self.open_settings()
        elif key == "lock":
            self.lock()
        elif key == RECEPTION:
            self.new_reception()
        else:
            self.go(key)

    def go(self, key: str) -> None:
        if self._locked:
            return
        previous = self.current_page()
        if key not in (DOSSIER, SCAN, previous):
            self._history.clear()
        self.pages.setCurrentWidget(self.page_by_key[key])
        self.nav.set_current(key if key not in (DOSSIER, SCAN) else None)
        if key == RETURNS:
            self.returns_page.refresh()
        elif key == OVERDUE:
            self.overdue_page.refresh()
        elif key == REPORT:
            self.report_page.refresh()
        self._focus_page(key)
        self.sig_page_changed.emit(key)

    def _focus_page(self, key: str) -> None:
        if key == SEARCH:
            self.search_page.focus_search()
        elif key == RECEPTION:
            self.reception_page.focus_start()
        elif key in (RETURNS, OVERDUE, REPORT, SCAN):
            page = self.page_by_key[key]
            page.focus_start()  # type: ignore[attr-defined]

    def focus_search(self) -> None:
        self.go(SEARCH)
        self.search_page.focus_search()

    def new_reception(self) -> None:
        """Ctrl+N: the reception screen; a new one if it shows a finished reception (or on a second
        Ctrl+N over a half-typed one, see ReceptionPage.new_reception)."""
        if self._locked:
            return
        already_there = self.current_page() == RECEPTION
        self.go(RECEPTION)
        if already_there or not self.reception_page.is_dirty():
            self.reception_page.new_reception()
        self._serve_for_reception()

    def open_dossier(self, code: str, *, returning: bool = False, apologise: bool = False) -> None:
        current = self.current_page()
        if current != DOSSIER:
            self._history.append(current)
        focus = Action.RETURN_RESULT if returning else Action.APOLOGISE if apologise else None
        self.dossier_page.open(code, focus=focus)
        if returning or apologise:
            self.dossier_page.sig_loaded.connect(
                lambda _code, action=focus: self._start_action(action), Qt.ConnectionType.SingleShotConnection
            )
        self.go(DOSSIER)

    def _start_action(self, action: Action | None) -> None:
        data = self.dossier_page.data()
        if action is not None and data is not None and action in data.actions:
            self.dossier_page.start_action(action)

    def back(self) -> None:
        leaving = self.current_page()
        self.go(self._history.pop() if self._history else SEARCH)
        if leaving == SCAN and self.current_page() == DOSSIER:
            self.dossier_page.reload()  # the scans just attached
        elif leaving == SCAN and self.current_page() == RECEPTION:
            self.reception_page.scan_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def scanned(self, code: str) -> None:
        """A receipt's barcode was read: open its dossier; on the returns page, straight to returning."""
        if self._locked:
            return
        self.statusBar().showMessage(self.tr("Đã đọc mã vạch: {code}").format(code=code), 5000)
        self.open_dossier(code, returning=self.current_page() == RETURNS)

    def refresh(self) -> None:
        page = self.current_page()
        self.search_page.refresh()
        if page == RETURNS:
            self.returns_page.refresh()
        elif page == OVERDUE:
            self.overdue_page.refresh()
        elif page == REPORT:
            self.report_page.refresh()
        elif page == DOSSIER:
            self.dossier_page.reload()
        self._refresh_today()

    def _data_changed(self) -> None:
        self.refresh()

    def _refresh_today(self) -> None:
        username = self.session.username or None
        QueryOp(op=lambda s: day_report(s, username), success=self._say_today).failure(
            lambda e: log.warning("today's tally failed: %s", e)
        ).latest("nav.today").run(self.tasks)

    def _say_today(self, report: DayReport | None) -> None:
        if report is not None:
            self._today = report
        report = self._today
        if report is None:
            return
        self.header.set_today(report.day)
        mine = report.officer_total
        returned = report.received_by_officer.get(Status.RETURNED, 0)
        self.nav.set_today(
            self.tr(
                "Hôm nay\nTôi đã nhận: {mine} hồ sơ\nĐã trả trong số đó: {returned}\n"
                "Cả đơn vị đã nhận: {total}\nĐang quá hạn: {overdue}"
            ).format(
                mine=format_count(mine),
                returned=format_count(returned),
                total=format_count(report.received_total),
                overdue=format_count(report.overdue_now),
            )
        )

    # ----- scanning ----------------------------------------------------------------------------------

    def _scan_page(self) -> Any:
        if self.scan_page is None:
            from ui.scanning.desk import ScanPage, desk_scanners

            factory = self.scanners
            if factory is None:
                settings = self.settings
                if settings is None:
                    from app.cli.common import load_settings

                    settings = load_settings()
                factory = lambda: desk_scanners(settings)  # noqa: E731
            page = ScanPage(self.tasks, factory())
            page.sig_back.connect(self.back)
            page.sig_kept.connect(self._show_pending_scans)
            page.sig_attached.connect(
                lambda code: self.statusBar().showMessage(
                    self.tr("Đã đính kèm bản quét vào hồ sơ {code}").format(code=code), 10_000
                )
            )
            self.pages.addWidget(page)
            self.page_by_key[SCAN] = page
            self.scan_page = page
        return self.scan_page

    def _to_scan(self) -> None:
        current = self.current_page()
        if current != SCAN:
            self._history.append(current)
        self.go(SCAN)

    def scan_for_reception(self, procedure: Procedure, component: str, applicant_name: str) -> None:
        """F6 on the reception: the pages wait beside the draft until the dossier is written."""
        if self._locked:
            return
        if self.pending_scans is None:
            self.statusBar().showMessage(self.tr("Máy này chưa lưu được hồ sơ nhập dở: không quét được."))
            return
        self._scan_page().for_reception(procedure, component, applicant_name, self.pending_scans)
        self._to_scan()

    def scan_for_dossier(self, code: str) -> None:
        if self._locked:
            return
        self._scan_page().for_dossier(code)
        self._to_scan()

    def _show_pending_scans(self) -> None:
        pending = self.pending_scans
        counts = {k: len(v) for k, v in pending.by_component().items()} if pending is not None else {}
        self.reception_page.set_pending_scans(counts)

    def _attach_pending(self, code: str) -> None:
        """The reception is written: its kept scans go into the dossier (claimed first, see pending.py)."""
        pending = self.pending_scans
        claimed = pending.claim(code) if pending is not None else None
        self._show_pending_scans()
        if claimed is not None:
            self._attach_claimed(code, claimed)

    def _attach_claimed(self, code: str, claimed: Any) -> None:
        officer = self.session.username or None
        CollectionOp(op=lambda s: claimed.attach_all(s, code, officer), success=self._scans_attached).failure(
            lambda e: self._show_failure(
                self.tr("Chưa đính kèm được bản quét vào hồ sơ {code}: {error}").format(code=code, error=e)
            )
        ).run(self.tasks)

    def _scans_attached(self, report: Any) -> None:
        if report.kept:
            text = self.tr(
                "Hồ sơ {code}: {n} bản quét chưa đính kèm được ({reason}); tệp vẫn được giữ."
            ).format(code=report.code, n=len(report.kept), reason=report.kept[0][1])
        else:
            text = self.tr("Đã đính kèm {n} bản quét vào hồ sơ {code}.").format(
                n=len(report.attached), code=report.code
            )
        self.statusBar().showMessage(text, 15_000)

    def _attach_left_over(self) -> None:
        """Scans claimed by a dossier whose attachment a crash interrupted: attach them now."""
        if self.pending_scans is None:
            return
        for code, claimed in self.pending_scans.claimed():
            self._attach_claimed(code, claimed)

    # ----- the queue ---------------------------------------------------------------------------------

    def _serve_key(self) -> None:
        """F10: start serving the called ticket, or complete the one being served."""
        self.queue_bar.serve.click()

    def call_next(self) -> None:
        """F9: the next citizen to this counter (the one served before is completed by the engine)."""
        if self._locked or not self.queue_bar.call_next.isEnabled():
            return
        self.queue.call_next(self.session.username)

    def queue_act(self, action: str) -> None:
        if self._locked:
            return
        button = {
            "recall": self.queue_bar.recall,
            "no_show": self.queue_bar.no_show,
            "start": self.queue_bar.serve,
            "complete": self.queue_bar.serve,
        }.get(action)
        if button is not None and not button.isEnabled():
            return
        self.queue.act(action, self.session.username)

    def queue_transfer(self, to_service: object, to_counter: object) -> None:
        if self._locked or not self.queue_bar.transfer.isEnabled():
            return
        self.queue.act(
            "transfer",
            self.session.username,
            to_service=to_service if isinstance(to_service, str) else None,
            to_counter=to_counter if isinstance(to_counter, int) else None,
        )

    def _queue_view(self, view: object) -> None:
        from ui.queue_service import QueueView

        if isinstance(view, QueueView):
            self.queue_bar.show_view(view)
            self.reception_page.set_ticket(self.queue_bar.serving_label())

    def _queue_result(self, result: QueueResult) -> None:
        if result.action == "call" and result.ticket is None:
            text = self.tr("Không còn ai chờ ở các dòng của quầy này.")
        elif result.action == "call":
            text = self.tr("Đã gọi số {ticket} đến quầy {counter}.").format(
                ticket=result.ticket, counter=result.view.counter
            )
            if result.finished:
                text += " " + self.tr("Số {ticket} đã xong.").format(ticket=result.finished)
        elif result.action == "recall":
            text = self.tr("Đã gọi lại số {ticket} (lần {n}).").format(ticket=result.ticket, n=result.calls)
        elif result.action == "start":
            text = self.tr("Bắt đầu phục vụ số {ticket}.").format(ticket=result.ticket)
        elif result.action == "complete":
            text = self.tr("Số {ticket} đã xong.").format(ticket=result.ticket)
        elif result.action == "no_show":
            text = self.tr("Số {ticket} vắng mặt.").format(ticket=result.ticket)
        else:
            text = self.tr("Đã chuyển số {ticket}.").format(ticket=result.ticket)
        if result.mode == "offline":
            text += " " + self.tr("(Mất kết nối máy chủ: số dự phòng của máy.)")
        self.statusBar().showMessage(text, 10_000)

    def _serve_for_reception(self) -> None:
        """The citizen who was called sits down for a reception: the ticket is being served."""
        view = self.queue_bar.view
        if view is not None and view.current and view.status == "called" and self.queue_bar.serve.isEnabled():
            self.queue.act("start", self.session.username)

    # ----- reception and its draft -------------------------------------------------------------------

    def _save_draft(self, form: ReceptionForm) -> None:
        if self.drafts is None:
            return
        if form.is_blank():
            self.drafts.clear()
        else:
            self.drafts.save(form.to_dict(), self.session.username)

    def _clear_draft(self) -> None:
        if self.drafts is not None:
            self.drafts.clear()
        # A form thrown away takes its scans along (to discarded/, never deleted); not while a draft is
        # offered back, whose scans these are.
        if self.pending_scans is not None and self._draft is None:
            self.pending_scans.discard()
            self._show_pending_scans()

    def _received(self, received: Received) -> None:
        self.statusBar().showMessage(self.tr("Đã ghi hồ sơ {code}").format(code=received.code), 10_000)
        self._attach_pending(received.code)
        # The reception domain keeps no ticket number: the ticket ends when its dossier is written.
        if self.queue_bar.serving_label() and self.queue_bar.serve.isEnabled():
            self.queue.act("complete", self.session.username)

    def offer_draft(self) -> None:
        """After a crash or a closed window: offer the unfinished reception back."""
        if self.drafts is None:
            return
        draft = self.drafts.load()
        if draft is None:
            return
        try:
            form = ReceptionForm.from_dict(draft.form)
        except (ValueError, TypeError) as exc:
            log.warning("draft not usable: %s", exc)
            return
        if form.is_blank():
            return
        procedure = self.reception_page.picker.procedure(form.procedure_code or "")
        self._draft = form
        self.draft_banner.offer(
            draft.saved_at.astimezone(),
            form.name.strip(),
            procedure.name if procedure else (form.procedure_code or ""),
        )

    def restore_draft(self) -> None:
        form = self._draft
        if form is None:
            return
        self.go(RECEPTION)
        if self.reception_page.restore(form):
            self.draft_banner.hide()
            self._draft = None
            self.reception_page.applicant.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def discard_draft(self) -> None:
        self._draft = None
        self.draft_banner.hide()
        if self.drafts is not None:
            self.drafts.clear()
        if self.pending_scans is not None:
            self.pending_scans.discard()
            self._show_pending_scans()

    # ----- settings ----------------------------------------------------------------------------------

    def open_settings(self) -> None:
        if self._locked:
            return
        from ui.settings.dialog import SettingsDialog

        settings = self.settings
        if settings is None:
            from app.cli.common import load_settings

            settings = load_settings()
        dialog = SettingsDialog(settings, self.tasks, self)
        dialog.sig_saved.connect(self._settings_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._back_to_work)
        self._settings_dialog = dialog
        dialog.open()

    def _back_to_work(self, _result: int = 0) -> None:
        """After a dialog: the keyboard goes back to the page (whatever the window manager does)."""
        self.activateWindow()
        if not self._locked:
            self._focus_page(self.current_page())

    def _settings_saved(self, settings: Settings) -> None:
        from app.settings.spec import UI_LANGUAGE

        self.settings = settings
        language = settings.get(UI_LANGUAGE)
        if self.translations is not None and language != self.translations.language:
            self.translations.switch(language)
        self.statusBar().showMessage(self.tr("Đã lưu cài đặt."), 5000)

    # ----- errors and closing ------------------------------------------------------------------------

    def _show_failure(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.scanner.uninstall(app)
        if self.scan_page is not None:
            self.scan_page.shutdown()
        self.tasks.shutdown()
        self.queue.close()
        self.sync.close()
        if self.drafts is not None:
            self.drafts.flush()
        super().closeEvent(event)

    def context(self) -> dict[str, Any]:
        """For crash reports: where the officer was (no personal data of citizens)."""
        return {
            "officer": self.session.username,
            "page": self.current_page(),
            "locked": self._locked,
            "at": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
