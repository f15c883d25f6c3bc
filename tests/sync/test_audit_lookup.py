"""The server's hash-chained audit log (`admin verify-audit`), `admin stats`, and the citizen look-up page."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import select, text

from sync.server.tables import audit_log, events
from tests.server.support import run_cli
from tests.sync.support import ServerProcess, act, enrol_desk, receive, sync


def verify(server: ServerProcess) -> tuple[int, dict]:
    result = run_cli("admin", "verify-audit", "--json", env=server.env())
    return result.returncode, json.loads(result.stdout)


def populated(make_desk, server: ServerProcess):
    desk = make_desk()
    enrol_desk(desk, server)
    codes = receive(desk, 3, name="Trần Văn Bình")
    act(desk, codes[0], "start")
    sync(desk)
    return desk, codes


def test_verify_audit_passes_on_an_untouched_log_and_stats_count(make_desk, server) -> None:
    populated(make_desk, server)
    code, report = verify(server)
    assert code == 0, report
    assert report["ok"] and report["events"] == 4 and report["entries"] >= 3  # code, enrol, push
    stats = run_cli("admin", "stats", "--json", env=server.env())
    assert json.loads(stats.stdout) == {
        "dossiers": 3,
        "events": 4,
        "blobs": 0,
        "devices": 1,
        "conflicts": 0,
        "dead_letters": 0,
    }


def test_verify_audit_finds_an_edited_event(make_desk, server) -> None:
    populated(make_desk, server)
    with server.engine.begin() as connection:
        connection.execute(
            text("UPDATE events SET payload = replace(payload, 'processing', 'x') WHERE seq = 2")
        )
        connection.execute(text("UPDATE events SET actor = 'someone.else' WHERE server_seq = 1"))
    code, report = verify(server)
    assert code == 3
    assert any("was altered after it was accepted" in p for p in report["problems"])


def test_verify_audit_finds_deleted_and_smuggled_events_and_a_broken_chain(make_desk, server) -> None:
    populated(make_desk, server)
    with server.engine.begin() as connection:
        row = connection.execute(select(events).where(events.c.server_seq == 2)).one()._asdict()
        connection.execute(events.delete().where(events.c.server_seq == 2))
        connection.execute(events.insert().values({**row, "server_seq": 99, "seq": 9}))
        connection.execute(text("UPDATE audit_log SET actor = 'intruder' WHERE seq = 1"))
    code, report = verify(server)
    assert code == 3
    problems = " | ".join(report["problems"])
    assert "was deleted" in problems
    assert "written outside the audit log" in problems
    assert "audit entry admin/1 was altered" in problems
    with server.engine.begin() as connection:
        chain = connection.execute(select(audit_log.c.chain).where(audit_log.c.action == "push")).scalar_one()
        connection.execute(audit_log.delete().where(audit_log.c.chain == chain, audit_log.c.seq == 1))
    problems = " ".join(verify(server)[1]["problems"])
    assert f"audit entry {chain}/1 is missing" in problems


def test_the_look_up_page_shows_status_and_appointment_with_a_masked_name(make_desk, server) -> None:
    _, codes = populated(make_desk, server)
    page = httpx.get(f"{server.url}/tra-cuu", params={"ma": codes[0]})
    assert page.status_code == 200
    html = page.text
    assert 'lang="vi"' in html and 'name="viewport"' in html
    assert codes[0] in html
    assert "T*** V** B***" in html and "Trần" not in html and "Bình" not in html
    assert "Đang giải quyết" in html and "Ngày hẹn trả kết quả" in html
    assert "051190001234" not in html and "0905123456" not in html  # no ID number, no phone
    assert page.headers["cache-control"] == "no-store"
    # The QR on the receipt holds the same address with the code in lower case or with spaces.
    assert httpx.get(f"{server.url}/tra-cuu", params={"ma": f" {codes[1].lower()} "}).status_code == 200
    missing = httpx.get(f"{server.url}/tra-cuu", params={"ma": "000.00.00.H48-200101-9999"})
    assert missing.status_code == 404 and "Không tìm thấy" in missing.text
    bad = httpx.get(f"{server.url}/tra-cuu", params={"ma": "<script>"})
    assert bad.status_code == 400 and "<script>" not in bad.text
    assert httpx.get(f"{server.url}/tra-cuu").status_code == 200  # the empty form


def test_the_look_up_page_is_rate_limited(server_process: ServerProcess) -> None:
    server_process.extra_env["MOTCUA_LOOKUP_PER_MINUTE"] = "12"
    server = server_process.start()
    statuses = [
        httpx.get(f"{server.url}/tra-cuu", params={"ma": f"000.00.00.H48-200101-{n:04d}"}).status_code
        for n in range(10)
    ]
    assert statuses[:4] == [404] * 4  # a burst of a third of a minute's allowance
    assert 429 in statuses
    limited = httpx.get(f"{server.url}/tra-cuu", params={"ma": "000.00.00.H48-200101-0001"})
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert "thử lại sau" in limited.text
