"""The "Hàng đợi" part of the report page: today's queue figures for the office, per service and per
counter (issued, served, no-show, median and p90 wait, median service time).

With `server.url` set they come from the office server (GET /queue/{office}/report: the whole office's
queue; the desk's own database holds only the tickets it made offline), else from the desk's own
database (a centre working alone). The read runs on a worker of its own (ui/tasks.py): a slow or absent
server must not hold up the database worker the other pages use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.context import Services
from ui.i18n import on_language_change
from ui.labels import format_count, format_date, weekday_label
from ui.tasks import QueryOp, TaskManager
from ui.widgets import DANGER, MUTED, colour_text, heading, named

SERVER, DESK = "server", "desk"
REQUEST_TIMEOUT_S = 10.0


@dataclass(frozen=True, slots=True)
class QueueDay:
    """The day's figures as the report's JSON gives them (server and desk alike)."""

    source: str  # SERVER or DESK
    where: str  # the server's address, or the desk's database
    day: date
    by_service: dict[str, Any]
    by_counter: dict[str, Any]


class QueueReportUnavailable(Exception):
    """The office server could not give the report (unreachable, refused)."""


def _settings() -> tuple[str, str, str]:
    """(server.url, office.code, database path) from the desk's settings."""
    from app.settings.paths import resolve_paths
    from app.settings.spec import OFFICE_CODE, SERVER_URL
    from app.settings.store import load_settings

    settings = load_settings(resolve_paths())
    return settings.get(SERVER_URL).strip(), settings.get(OFFICE_CODE), str(settings.database_path)


def load_queue_day(services: Services, server_url: str | None, office_code: str | None) -> QueueDay:
    """Op body (worker thread, no Qt). `server_url` None: as the desk's settings say."""
    from app.domain.queue.model import local_day

    found_url, found_office, database = _settings()
    url = found_url if server_url is None else server_url.strip()
    office = office_code or services.desk.office_code or found_office
    day = local_day(services.clock.now(), services.tz)
    if url:
        return QueueDay(
            SERVER, url, day, *(_from_server(url, office, day, by) for by in ("service", "counter"))
        )
    return QueueDay(DESK, database, day, *_from_desk(services, database, office, day))


def _from_server(url: str, office: str, day: date, by: str) -> dict[str, Any]:
    import httpx

    from sync.queue.token import desk_token

    token = desk_token()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        response = httpx.get(
            f"{url.rstrip('/')}/queue/{office}/report",
            params={"from": day.isoformat(), "to": day.isoformat(), "by": by},
            headers=headers,
            timeout=REQUEST_TIMEOUT_S,
        )
    except httpx.HTTPError as exc:
        raise QueueReportUnavailable(f"{url}: {exc}") from exc
    if response.status_code != 200:
        try:
            message = str(response.json()["message"])
        except (ValueError, KeyError, TypeError):
            message = f"HTTP {response.status_code}"
        raise QueueReportUnavailable(message)
    data: dict[str, Any] = response.json()
    return data


def _from_desk(services: Services, database: str, office: str, day: date) -> tuple[dict[str, Any], ...]:
    from pathlib import Path

    from app.services.queue.context import QueueContext
    from app.services.queue.report import queue_report
    from app.storage.engine import make_engine
    from app.storage.queue_uow import desk_queue_uow

    engine = make_engine(Path(database))
    try:
        ctx = QueueContext(
            uow=desk_queue_uow(engine), clock=services.clock, office_code=office, tz=services.tz
        )
        return tuple(queue_report(ctx, day, day, by=by).as_dict() for by in ("service", "counter"))
    finally:
        engine.dispose()


def _minutes(seconds: float | None) -> str:
    """Minutes with one decimal, written the Vietnamese way (20,8); a dash when there is no figure."""
    return "—" if seconds is None else f"{seconds / 60:.1f}".replace(".", ",")


class QueueReportPanel(QWidget):
    sig_loaded = Signal()

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueReport")
        # Its own worker: the office server may be slow to answer, the database worker must not wait.
        self.tasks = TaskManager(tasks.services, self, tasks.reporter)
        self.tasks.setObjectName("queueReportTasks")
        self.server_url: str | None = None  # None: server.url of the desk's settings
        self.office_code: str | None = None
        self._day: QueueDay | None = None
        self._problem: str | None = None

        self.title = heading("queueReportTitle", 1.1)
        self.source = named(QLabel(), "queueReportSource")
        colour_text(self.source, MUTED)
        self.source.setWordWrap(True)
        self.problem = named(QLabel(), "queueReportProblem")
        colour_text(self.problem, DANGER)
        self.problem.setWordWrap(True)
        self.total = named(QLabel(), "queueReportTotal")
        self.total.setWordWrap(True)
        self.services_title = heading("queueReportServicesTitle", 1.05)
        self.services = self._table("queueReportServices")
        self.counters_title = heading("queueReportCountersTitle", 1.05)
        self.counters = self._table("queueReportCounters")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.source)
        layout.addWidget(self.problem)
        layout.addWidget(self.total)
        layout.addWidget(self.services_title)
        layout.addWidget(self.services, 3)
        layout.addWidget(self.counters_title)
        layout.addWidget(self.counters, 2)
        self.retranslate()

    def _table(self, name: str) -> QTableWidget:
        table = named(QTableWidget(0, 7), name)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setObjectName(f"{name}Header")
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 7):
            table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.setTabKeyNavigation(False)
        return table

    def set_source(self, server_url: str | None, office_code: str | None = None) -> None:
        """Where to read from; by default what the desk's settings say (server.url, office.code)."""
        self.server_url, self.office_code = server_url, office_code

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Hàng đợi hôm nay"))
        self.services_title.setText(self.tr("Theo dịch vụ"))
        self.services_title.setAccessibleName(self.services_title.text())
        self.counters_title.setText(self.tr("Theo quầy"))
        self.counters_title.setAccessibleName(self.counters_title.text())
        self.services.setAccessibleName(self.tr("Số liệu hàng đợi theo dịch vụ"))
        self.counters.setAccessibleName(self.tr("Số liệu hàng đợi theo quầy"))
        figures = [
            self.tr("Đã phục vụ"),
            self.tr("Vắng mặt"),
            self.tr("Chờ, trung vị (phút)"),
            self.tr("Chờ, p90 (phút)"),
            self.tr("Phục vụ, trung vị (phút)"),
        ]
        # A counter did not issue its tickets: it is counted with the tickets it called first.
        self.services.setHorizontalHeaderLabels([self.tr("Dịch vụ"), self.tr("Phát số"), *figures])
        self.counters.setHorizontalHeaderLabels([self.tr("Quầy"), self.tr("Đã gọi"), *figures])
        self.source.setAccessibleName(self.tr("Nguồn số liệu"))
        self.total.setAccessibleName(self.tr("Tổng cả ngày"))
        self.problem.setAccessibleName(self.tr("Không lấy được số liệu hàng đợi"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def refresh(self) -> None:
        url, office = self.server_url, self.office_code
        QueryOp(op=lambda s: load_queue_day(s, url, office), success=self._on_loaded).failure(
            self._on_failed
        ).latest("queue-report").run(self.tasks)

    def figures(self) -> QueueDay | None:
        return self._day

    def _on_loaded(self, day: QueueDay) -> None:
        self._day, self._problem = day, None
        self._show()
        self.sig_loaded.emit()

    def _on_failed(self, exc: Exception) -> None:
        self._day, self._problem = None, str(exc)
        self._show()
        self.sig_loaded.emit()

    def _show(self) -> None:
        day = self._day
        self.problem.setVisible(self._problem is not None)
        if self._problem is not None:
            self.problem.setText(
                self.tr("Không lấy được số liệu hàng đợi từ máy chủ: {reason}").format(reason=self._problem)
            )
        if day is None:
            self.title.setText(self.tr("Hàng đợi hôm nay"))
            self.source.setText("" if self._problem else self.tr("Đang tải…"))
            self.total.setText("")
            self.services.setRowCount(0)
            self.counters.setRowCount(0)
            return
        self.title.setText(
            self.tr("Hàng đợi hôm nay — {weekday}, {day}").format(
                weekday=weekday_label(day.day), day=format_date(day.day)
            )
        )
        self.title.setAccessibleName(self.title.text())
        self.source.setText(
            self.tr("Nguồn: máy chủ văn phòng {url}").format(url=day.where)
            if day.source == SERVER
            else self.tr("Nguồn: dữ liệu của máy này (làm việc độc lập)")
        )
        total = day.by_service["total"]
        level = day.by_service["service_level_min"]
        over = total["over_service_level_pct"]
        self.total.setText(
            self.tr(
                "Cả ngày: phát {issued}, phục vụ {served}, vắng {absent}; chờ trung vị {wait} phút"
            ).format(
                issued=format_count(total["issued"] + total["walk_ins"]),
                served=format_count(total["served"]),
                absent=format_count(total["no_show"]),
                wait=_minutes(total["wait"]["median_s"]),
            )
            + "; "
            + self.tr("chờ quá {level} phút: {over}").format(
                level=f"{level:g}",
                over="—" if over is None else f"{format_count(total['over_service_level'])} ({over:g}%)",
            )
        )
        self._fill(self.services, day.by_service)
        self._fill(self.counters, day.by_counter, counters=True)

    def _fill(self, table: QTableWidget, data: dict[str, Any], *, counters: bool = False) -> None:
        groups = data["groups"]
        table.setRowCount(len(groups))
        names: dict[str, str] = data.get("services", {})
        for r, g in enumerate(groups):
            if counters:
                label = self.tr("Quầy {n}").format(n=g["key"]) if g["key"] else self.tr("(chưa gọi)")
            else:
                label = names.get(g["key"], g["key"])
            absent = format_count(g["no_show"])
            if g["no_show_pct"] is not None:
                absent += f" ({g['no_show_pct']:g}%)"
            cells = [
                label,
                format_count(g["issued"] + g["walk_ins"]),
                format_count(g["served"]),
                absent,
                _minutes(g["wait"]["median_s"]),
                _minutes(g["wait"]["p90_s"]),
                _minutes(g["service"]["median_s"]),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
