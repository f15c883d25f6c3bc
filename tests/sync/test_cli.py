"""The sync commands as admins run them, bad input refused in one line, published calendars, and a server
with several uvicorn workers on one database."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx
from sqlalchemy import func, select

from app.storage.sync_store import SqlSyncStore
from sync.server.tables import events, receipts
from tests.server.support import run_cli
from tests.sync.support import ServerProcess, assert_agree, enrol_desk, json_out, receive, run_motcua, sync


def home_of(desk) -> Path:
    return desk.settings.paths.config_dir.parent


def test_status_of_a_desk_working_alone_and_refusals_in_one_line(make_desk) -> None:
    desk = make_desk()
    home = home_of(desk)
    status = run_motcua(home, "sync", "status", "--json")
    assert status.returncode == 0, status.stderr
    data = json_out(status)
    assert (data["state"], data["pending"], data["summary"]) == (
        "not_enrolled",
        0,
        "Working alone (not enrolled)",
    )
    once = run_motcua(home, "sync", "--once")
    assert once.returncode == 2
    assert once.stderr.startswith("motcua: error: this desk is not enrolled with a server; run `motcua enrol")
    assert once.stderr.count("\n") == 1
    for args, reason in (
        (["--server", "ftp://x", "--code", "A"], "--server must be an http(s):// address"),
        (["--server", "https://x", "--code", "A", "--pin", "nope"], "--pin: pin 'nope' is not"),
        (["--server", "https://x", "--code", "A", "--ca-bundle", "/nonexistent.pem"], "--ca-bundle: no file"),
    ):
        result = run_motcua(home, "enrol", *args)
        assert result.returncode == 2 and reason in result.stderr and result.stderr.count("\n") == 1
    problems = run_motcua(home, "sync", "problems", "--json")
    assert json_out(problems) == {"dead_letters": [], "held": []}


def test_sync_once_reports_an_unreachable_server_with_exit_1(make_desk, server, tmp_path) -> None:
    desk = make_desk()
    enrol_desk(desk, server, token_file=tmp_path / "token.json")
    receive(desk, 2)
    server.stop()
    result = run_motcua(home_of(desk), "sync", "--once", "--json")
    assert result.returncode == 1
    data = json_out(result)
    assert data["pending"] == 2 and data["error"]["code"] == "offline"
    status = json_out(run_motcua(home_of(desk), "sync", "status", "--json"))
    assert status["state"] == "offline" and status["failures"] == 1
    assert status["summary"].startswith("Never synced · 2 waiting · cannot reach")


def test_a_published_calendar_year_reaches_desks(make_desk, server, tmp_path) -> None:
    from importlib.resources import files

    desk = make_desk()
    enrol_desk(desk, server)
    source = (files("resources") / "calendar" / "2027.toml").read_text(encoding="utf-8")
    year_file = tmp_path / "2027.toml"
    year_file.write_text(source + "\n# corrected by the province\n", encoding="utf-8")
    result = run_cli("admin", "publish-calendar", str(year_file), "--json", env=server.env())
    assert result.returncode == 0, result.stderr
    assert sync(desk).pulled == 1
    written = desk.settings.paths.calendar_dir / "2027.toml"
    assert written.read_text(encoding="utf-8") == year_file.read_text(encoding="utf-8")
    broken = tmp_path / "2028.toml"
    broken.write_text("year = 2028\nnonsense = [", encoding="utf-8")
    refused = run_cli("admin", "publish-calendar", str(broken), env=server.env())
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1


def test_several_workers_on_one_database_take_each_event_once(
    make_desk, server_process: ServerProcess
) -> None:
    server_process.args = ("--workers", "3")
    server = server_process.start()
    desks = [make_desk(f"d{i}") for i in range(3)]
    devices = [enrol_desk(desk, server) for desk in desks]
    for desk in desks:
        receive(desk, 15)
    from sync.client.vault import KeyringVault
    from sync.client.wiring import enrolment_of

    token = {id(desk): KeyringVault().load(enrolment_of(desk).token_account) for desk in desks}
    answers: list[int] = []

    def hammer(desk) -> None:
        batch = SqlSyncStore(desk.database.engine, desk.services.clock).pending_batch(100)
        body = {"items": [i.to_wire() for i in batch.items], "procedures": dict(batch.procedures)}
        for _ in range(3):  # each connection may land on another worker
            with httpx.Client(timeout=60) as client:
                answer = client.post(
                    f"{server.url}/sync/v1/push",
                    json=body,
                    headers={"Authorization": f"Bearer {token[id(desk)]}"},
                )
                answers.append(answer.status_code)

    threads = [threading.Thread(target=hammer, args=(desk,)) for desk in desks for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert answers == [200] * 27
    with server.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(events)).scalar_one() == 45
        assert connection.execute(select(func.count()).select_from(receipts)).scalar_one() == 45
    for desk, device in zip(desks, devices, strict=True):
        sync(desk)
        assert_agree(desk, server, device)
    assert json.loads(run_cli("admin", "verify-audit", "--json", env=server.env()).stdout)["ok"]
