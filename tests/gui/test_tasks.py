"""The background-op helper: off the GUI thread, one op at a time, stale results dropped."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import ValidationError
from app.services.context import Services
from ui.crash import CrashReporter
from ui.tasks import CollectionOp, QueryOp, TaskManager

SERVICES = cast(Services, object())  # the ops here only check that they receive it


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskManager]:
    manager = TaskManager(SERVICES)
    yield manager
    manager.shutdown()


def _blocking(gate: threading.Event, value: Any) -> Any:
    def op(services: Services) -> Any:
        assert gate.wait(5)
        return value

    return op


def test_the_op_runs_off_the_gui_thread_and_success_runs_on_it(qtbot: QtBot, tasks: TaskManager) -> None:
    gui_thread = threading.get_ident()
    seen: dict[str, Any] = {}

    def op(services: Services) -> int:
        seen["op_thread"] = threading.get_ident()
        seen["services"] = services
        return 42

    def success(value: int) -> None:
        seen["success_thread"] = threading.get_ident()
        seen["value"] = value

    QueryOp(op=op, success=success).run(tasks)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["services"] is SERVICES
    assert seen["op_thread"] != gui_thread
    assert seen["success_thread"] == gui_thread
    qtbot.waitUntil(tasks.is_idle)


def test_ops_run_one_at_a_time_in_order(qtbot: QtBot, tasks: TaskManager) -> None:
    running = 0
    most = 0
    order: list[int] = []
    lock = threading.Lock()

    def op_for(n: int) -> Any:
        def op(services: Services) -> int:
            nonlocal running, most
            with lock:
                running += 1
                most = max(most, running)
            threading.Event().wait(0.01)
            with lock:
                running -= 1
            return n

        return op

    for n in range(5):
        QueryOp(op=op_for(n), success=order.append).run(tasks)
    qtbot.waitUntil(lambda: len(order) == 5)
    assert order == [0, 1, 2, 3, 4]
    assert most == 1


def test_a_failure_goes_to_the_failure_handler(qtbot: QtBot, tasks: TaskManager) -> None:
    errors: list[Exception] = []

    def op(services: Services) -> None:
        raise ValueError("database is locked")

    QueryOp(op=op, success=lambda _: pytest.fail("no success")).failure(errors.append).run(tasks)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_an_unhandled_fault_is_reported_and_told_without_its_traceback(qtbot: QtBot, tmp_path: Path) -> None:
    tasks = TaskManager(SERVICES, reporter=CrashReporter(tmp_path / "logs"))

    def op(services: Services) -> None:
        raise OSError("disk I/O error")

    try:
        with qtbot.waitSignal(tasks.sig_failed) as blocker:
            QueryOp(op=op, success=lambda _: None).run(tasks)
    finally:
        tasks.shutdown()
    message = blocker.args[0]
    assert message.startswith("Đã xảy ra lỗi ngoài dự kiến; dữ liệu chưa bị thay đổi.")
    assert "OSError" not in message and "Traceback" not in message
    (report,) = (tmp_path / "logs").glob("crash-*.txt")
    assert "OSError: disk I/O error" in report.read_text(encoding="utf-8")


def test_a_refusal_by_the_rules_is_told_in_words_and_not_reported(qtbot: QtBot, tmp_path: Path) -> None:
    tasks = TaskManager(SERVICES, reporter=CrashReporter(tmp_path / "logs"))

    def op(services: Services) -> None:
        raise ValidationError("reason", "is empty")

    try:
        with qtbot.waitSignal(tasks.sig_failed) as blocker:
            QueryOp(op=op, success=lambda _: None).run(tasks)
    finally:
        tasks.shutdown()
    assert blocker.args == ["Hãy ghi lý do (lý do được in trên phiếu giao cho người dân)."]
    assert not (tmp_path / "logs").exists()


def test_a_collection_op_announces_that_data_changed(qtbot: QtBot, tasks: TaskManager) -> None:
    results: list[int] = []
    with qtbot.waitSignal(tasks.sig_data_changed):
        CollectionOp(op=lambda services: 7, success=results.append).run(tasks)
    assert results == [7]


def test_a_newer_op_with_the_same_key_makes_the_older_result_stale(qtbot: QtBot, tasks: TaskManager) -> None:
    gate = threading.Event()
    delivered: list[str] = []
    QueryOp(op=_blocking(gate, "ng"), success=delivered.append).latest("search").run(tasks)
    QueryOp(op=lambda s: "ngu", success=delivered.append).latest("search").run(tasks)
    QueryOp(op=lambda s: "other key", success=delivered.append).latest("counts").run(tasks)
    gate.set()
    qtbot.waitUntil(tasks.is_idle)
    assert delivered == ["ngu", "other key"]


def test_supersede_drops_the_running_op_and_skips_a_queued_one(qtbot: QtBot, tasks: TaskManager) -> None:
    gate = threading.Event()
    delivered: list[str] = []
    ran: list[str] = []

    def queued(services: Services) -> str:
        ran.append("queued")
        return "queued"

    QueryOp(op=_blocking(gate, "running"), success=delivered.append).latest("search").run(tasks)
    QueryOp(op=queued, success=delivered.append).latest("other").run(tasks)
    tasks.supersede("search")  # the text changed while the search ran
    tasks.supersede("other")  # ... and before this one started
    gate.set()
    qtbot.waitUntil(tasks.is_idle)
    assert delivered == []
    assert ran == []


def test_after_shutdown_nothing_is_delivered(qtbot: QtBot, tasks: TaskManager) -> None:
    gate = threading.Event()
    delivered: list[str] = []
    QueryOp(op=_blocking(gate, "late"), success=delivered.append).run(tasks)
    threading.Timer(0.05, gate.set).start()
    assert tasks.shutdown()
    QueryOp(op=lambda s: "after", success=delivered.append).run(tasks)
    qtbot.wait(50)
    assert delivered == []
