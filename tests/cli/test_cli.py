"""The `motcua` command line, run in-process and as a real subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import run

BIRTH = "1.001193.000.00.00.H48"
RECEPTION = {
    "procedure": BIRTH,
    "applicant": {
        "name": "Nguyễn Thị Ngọc Ánh",
        "id_number": "051190001234",
        "phone": "0905123456",
        "address": "Số 12 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi",
    },
}


def call(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    data = json.loads(out) if "--json" in argv and code == 0 else out
    return code, data, err


def db_state(home: Path) -> str:
    """A digest of every row of every table: equal digests, untouched database."""
    digest = hashlib.sha256()
    with sqlite3.connect(home / "data" / "motcua.sqlite3") as connection:
        tables = [
            t for (t,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY 1")
        ]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def test_init_demo_then_catalogue(demo_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, procedures, _ = call(capsys, "catalog", "list", "--json")
    assert code == 0
    assert len(procedures) >= 20
    for p in procedures:
        assert {"code", "name", "time_limit", "components"} <= p.keys()
        assert all({"name", "required"} <= c.keys() for c in p["components"])
    code, _, err = call(capsys, "init", "--demo")
    assert code == 2
    assert "already has office" in err


def test_catalogue_round_trips_through_json_and_xlsx(
    demo_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for suffix in ("json", "xlsx"):
        file = tmp_path / f"catalog.{suffix}"
        assert call(capsys, "catalog", "export", str(file))[0] == 0
        code, result, _ = call(capsys, "catalog", "import", str(file), "--json")
        assert code == 0
        assert (result["added"], result["changed"]) == (0, 0)
        assert result["unchanged"] >= 20


def test_bad_catalogue_files_are_refused_whole(
    demo_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db_state(demo_home)
    good = {"code": "9.999999", "name": "Thủ tục thử", "field": {"code": "X", "name": "Thử"},
            "time_limit": {"value": 2, "unit": "working_days"}}  # fmt: skip
    bad = dict(good, code="9.999998", time_limit={"value": 2, "unit": "fortnights"})
    cases = {
        "broken.json": "{not json",
        "wrong.json": json.dumps({"procedures": [good, bad]}),
        "dup.json": json.dumps([good, good]),
        "empty.xlsx": "not a workbook",
        "catalog.csv": "code,name",
    }
    for name, content in cases.items():
        file = tmp_path / name
        file.write_text(content, encoding="utf-8")
        code, _, err = call(capsys, "catalog", "import", str(file))
        assert code == 2, name
        assert err.startswith("motcua: error:") and err.count("\n") == 1, err
        assert "Traceback" not in err
    assert call(capsys, "catalog", "import", str(tmp_path / "missing.json"))[0] == 2
    assert db_state(demo_home) == before


def test_calendar_due_example_from_the_issue(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data, _ = call(capsys, "calendar", "due", "--received", "2026-02-12T15:30", "--days", "5", "--json")
    assert code == 0
    assert data["received"] == "2026-02-12T15:30:00+07:00"
    assert data["due"] == "2026-02-26T15:30:00+07:00"  # Tết 2026: 14-22 February off
    code, data, _ = call(
        capsys, "calendar", "due", "--received", "2026-02-12T15:30", "--hours", "4", "--json"
    )
    assert data["due"] == "2026-02-13T09:30:00+07:00"  # 1.5 h on Thursday, 2.5 h on Friday


@pytest.mark.parametrize(
    ("day", "workday", "reason_prefix"),
    [
        ("2025-01-27", False, "holiday"),  # Tết Ất Tỵ
        ("2025-04-07", False, "holiday"),  # Giỗ Tổ 10/3 âm lịch
        ("2025-05-02", False, "swap"),  # swapped for Saturday 26/4
        ("2025-04-26", True, "makeup"),
        ("2025-09-01", False, "holiday"),
        ("2026-02-16", False, "holiday"),  # Tết Bính Ngọ
        ("2026-04-27", False, "compensatory"),  # Giỗ Tổ fell on Sunday 26/4
        ("2026-02-23", True, "workday"),
        ("2027-02-08", False, "holiday"),  # Tết Đinh Mùi (computed: no decision published yet)
        ("2027-09-02", False, "holiday"),
        ("2031-01-23", False, "holiday"),  # Tết 2031 from the lunar calendar, no data file at all
        ("2031-01-01", False, "holiday"),
        ("2031-01-02", True, "workday"),
        ("2031-01-04", False, "weekend"),
    ],
)
def test_calendar_workday(
    home: Path, capsys: pytest.CaptureFixture[str], day: str, workday: bool, reason_prefix: str
) -> None:
    code, data, _ = call(capsys, "calendar", "workday", day, "--json")
    assert code == 0
    assert data["date"] == day
    assert data["workday"] is workday
    assert data["reason"].startswith(reason_prefix), data


def test_receive_show_search_transition(
    demo_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "d.json"
    file.write_text(json.dumps(RECEPTION, ensure_ascii=False), encoding="utf-8")
    code, received, _ = call(capsys, "dossier", "receive", "--file", str(file), "--json")
    assert code == 0
    assert received["status"] == "received"
    assert received["code"].startswith("000.00.00.H48-")
    assert received["due"] > received["received"]
    dossier = received["code"]
    code, shown, _ = call(capsys, "dossier", "show", dossier, "--json")
    assert shown["applicant"]["name"] == "Nguyễn Thị Ngọc Ánh"
    assert shown["portal_status"] == 2
    code, hits, _ = call(capsys, "dossier", "search", "nguyen thi ngoc anh", "--json")
    assert [(h["code"], h["applicant_name"]) for h in hits] == [(dossier, "Nguyễn Thị Ngọc Ánh")]
    for action in ("start", "result-ready"):
        assert call(capsys, "dossier", "transition", dossier, action, "--json")[0] == 0
    code, moved, _ = call(
        capsys, "dossier", "transition", dossier, "return", "--collector", "Trần Văn B", "--json"
    )
    assert (code, moved["status"], moved["portal_status"]) == (0, "returned", 10)
    assert [e["type"] for e in moved["history"]] == [
        "received",
        "processing_started",
        "result_ready",
        "result_returned",
    ]


def test_bad_input_exits_2_and_changes_nothing(
    demo_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "d.json"
    file.write_text(json.dumps(RECEPTION, ensure_ascii=False), encoding="utf-8")
    _, received, _ = call(capsys, "dossier", "receive", "--file", str(file), "--json")
    before = db_state(demo_home)
    impossible_cccd = dict(RECEPTION, applicant=dict(RECEPTION["applicant"], id_number="051999001234"))
    unknown_procedure = dict(RECEPTION, procedure="1.999999.000.00.00.H48")
    extra_field = dict(RECEPTION, colour="blue")
    bad_files = {
        "cccd.json": json.dumps(impossible_cccd),
        "procedure.json": json.dumps(unknown_procedure),
        "extra.json": json.dumps(extra_field),
        "malformed.json": '{"procedure": "1.001193", "applicant": ',
        "empty.json": "",
        "list.json": "[]",
    }
    for name, content in bad_files.items():
        bad = tmp_path / name
        bad.write_text(content, encoding="utf-8")
        code, _, err = call(capsys, "dossier", "receive", "--file", str(bad))
        assert code == 2, (name, err)
        assert err.startswith("motcua: error:") and err.count("\n") == 1, err
    for argv in (
        ["dossier", "transition", received["code"], "return"],  # illegal: no result yet
        ["dossier", "transition", received["code"], "refuse"],  # a refusal needs its reason
        ["dossier", "transition", "000.00.00.H48-260101-9999", "start"],  # unknown dossier
        ["dossier", "transition", received["code"], "fly"],  # no such action
        ["dossier", "show", "nope"],
        ["dossier", "receive", "--file", str(tmp_path / "absent.json")],
        ["calendar", "due", "--received", "yesterday", "--days", "1"],
        ["calendar", "workday", "2026-02-30"],
        ["config", "set", "desk.code_slot", "12"],
        ["config", "set", "no.such", "1"],
    ):
        code, _, err = call(capsys, *argv)
        assert code == 2, (argv, err)
        assert "Traceback" not in err and err.count("\n") == 1, err
    assert db_state(demo_home) == before


def test_commands_need_an_initialised_database(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(capsys, "dossier", "search", "an")
    assert code == 2
    assert "motcua init" in err


def test_config_set_and_show(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert call(capsys, "config", "set", "desk.counter", "4")[0] == 0
    _, rows, _ = call(capsys, "config", "show", "--json")
    assert {r["key"]: r["value"] for r in rows}["desk.counter"] == 4
    (home / "config" / "motcua.toml").write_text("[desk]\ncounter = 'four'\n", encoding="utf-8")
    code, _, err = call(capsys, "config", "show")
    assert code == 2
    assert "desk.counter" in err


def _motcua(home: Path, *argv: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MOTCUA_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "app", *argv], env=env, capture_output=True, text=True, **kwargs
    )


def test_help_is_fast_because_it_loads_no_database_or_qt(home: Path) -> None:
    probe = (
        "import sys; from app.cli.main import run\n"
        "try:\n    run(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'PySide6', 'alembic', 'pydantic', 'openpyxl')\n"
        "         if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "HEAVY []" in result.stdout
    assert "dossier" in result.stdout


def test_python_dash_m_app_runs_the_cli(home: Path) -> None:
    result = _motcua(home, "calendar", "workday", "2026-09-02", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["workday"] is False


@pytest.mark.slow
def test_kill_9_during_seed_leaves_only_whole_dossiers(demo_home: Path) -> None:
    env = dict(os.environ, MOTCUA_HOME=str(demo_home))
    db = demo_home / "data" / "motcua.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "dev", "seed", "--count", "200000", "--batch", "500"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.2)
            with sqlite3.connect(db) as connection:
                if connection.execute("SELECT count(*) FROM dossiers").fetchone()[0] >= 1500:
                    break
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(10)
    with sqlite3.connect(db) as connection:
        dossiers = connection.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        assert 1500 <= dossiers < 200000
        assert dossiers % 500 == 0  # whole batches only
        assert (
            connection.execute(
                "SELECT count(*) FROM dossiers d WHERE NOT EXISTS "
                "(SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.seq = 1)"
            ).fetchone()[0]
            == 0
        )
        assert (
            connection.execute(
                "SELECT count(*) FROM dossier_events e LEFT JOIN outbox o "
                "ON o.aggregate_id = e.dossier_id AND o.event_seq = e.seq WHERE o.seq IS NULL"
            ).fetchone()[0]
            == 0
        )
        assert connection.execute("SELECT count(*) FROM dossiers WHERE version != "
                                  "(SELECT max(seq) FROM dossier_events e WHERE e.dossier_id = dossiers.id)"
                                  ).fetchone()[0] == 0  # fmt: skip
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT max(seq) = count(*) FROM outbox").fetchone()[0] == 1  # gap-free
    # The desk carries on: the next seed and a reception work on the recovered database.
    assert _motcua(demo_home, "dev", "seed", "--count", "50").returncode == 0


def test_late_dossier_apology_flow(
    demo_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "late.json"
    late = dict(RECEPTION, received_at="2026-01-05T08:00:00")  # received long ago: overdue by now
    file.write_text(json.dumps(late, ensure_ascii=False), encoding="utf-8")
    _, received, _ = call(capsys, "dossier", "receive", "--file", str(file), "--json")
    code, overdue, _ = call(capsys, "dossier", "list", "--overdue", "--json")
    assert code == 0
    assert [d["code"] for d in overdue] == [received["code"]]
    code, moved, _ = call(
        capsys,
        "dossier",
        "transition",
        received["code"],
        "apologise",
        "--reason",
        "Chờ xác minh",
        "--extra-days",
        "3",
        "--json",
    )
    assert code == 0
    assert moved["original_due"] == received["due"]
    assert moved["due"] > moved["original_due"]
    assert not moved["overdue"]
    assert moved["history"][-1]["type"] == "apologised"
    assert call(capsys, "dossier", "list", "--overdue", "--json")[1] == []


def test_command_groups_are_shared_between_packages() -> None:
    import argparse

    from app.cli.groups import command_group

    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    command_group(subparsers, "ticket", "queue tickets").add_parser("issue").set_defaults(which="issue")
    command_group(subparsers, "ticket", "ignored the second time").add_parser("render").set_defaults(
        which="render"
    )
    assert parser.parse_args(["ticket", "issue"]).which == "issue"
    assert parser.parse_args(["ticket", "render"]).which == "render"
