"""`motcua ticket issue`, `motcua queue call|status|...` through the real command line."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import run


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert run([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def queue_home(demo_home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(["queue", "setup", "--from-counters"]) == 0
    capsys.readouterr()
    return demo_home


def test_issue_call_and_status_as_json(queue_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = cli_json(capsys, "ticket", "issue", "--service", "Q5")
    assert first == {
        "number": 1,
        "ticket": "E001",
        "service": "Q5",
        "priority": "normal",
        "waiting": 0,
        "issued_at": first["issued_at"],  # type: ignore[index]
        "uid": first["uid"],  # type: ignore[index]
        "origin": "office",
    }
    second = cli_json(capsys, "ticket", "issue", "--service", "Q5", "--priority", "elderly")
    assert (second["number"], second["waiting"]) == (2, 1)  # type: ignore[index]
    called = cli_json(capsys, "queue", "call", "--counter", "5")
    assert called["number"] == 2 and called["counter"] == 5 and called["ticket"] == "E002"  # type: ignore[index]
    status = cli_json(capsys, "queue", "status")
    q5 = next(s for s in status["services"] if s["code"] == "Q5")  # type: ignore[index]
    assert q5["waiting"] == 1
    assert status["counters"][4] == {  # type: ignore[index]
        "counter": 5,
        "services": ["Q5"],
        "current": "E002",
        "status": "called",
        "held": [],
    }
    shown = cli_json(capsys, "ticket", "show", "E002")
    assert [e["type"] for e in shown["history"]] == ["issued", "called"]  # type: ignore[index]


def test_counter_actions(queue_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(2):
        cli_json(capsys, "ticket", "issue", "--service", "Q1")
    cli_json(capsys, "queue", "call", "--counter", "1", "--ticket", "A002")
    assert cli_json(capsys, "queue", "recall", "--counter", "1")["calls"] == 2  # type: ignore[index]
    moved = cli_json(capsys, "queue", "transfer", "--counter", "1", "--to-counter", "3")
    assert moved["status"] == "waiting"  # type: ignore[index]
    assert cli_json(capsys, "queue", "call", "--counter", "3")["ticket"] == "A002"  # type: ignore[index]
    assert cli_json(capsys, "queue", "no-show", "--counter", "3")["status"] == "no_show"  # type: ignore[index]
    walk = cli_json(capsys, "queue", "walk-in", "--counter", "2", "--service", "Q2")
    assert walk["status"] == "serving"  # type: ignore[index]
    nobody = cli_json(capsys, "queue", "call", "--counter", "4")
    assert nobody == {  # type: ignore[comparison-overlap]
        "counter": 4,
        "action": "call",
        "number": None,
        "ticket": None,
        "service": None,
        "priority": None,
        "status": None,
        "calls": 0,
        "finished": None,
    }


@pytest.mark.parametrize(
    "argv",
    [
        ["ticket", "issue", "--service", "NOPE"],
        ["ticket", "issue", "--service", "Q1", "--priority", "vip"],
        ["queue", "call", "--counter", "77"],
        ["queue", "recall", "--counter", "1"],
        ["queue", "transfer", "--counter", "1"],
        ["queue", "setup", "--service", "X"],
        ["queue", "setup", "--service", "HT:AB:Hộ tịch"],
        ["queue", "status", "--day", "yesterday"],
        ["ticket", "show", "15"],
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    queue_home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    database = queue_home / "data" / "motcua.sqlite3"

    def snapshot() -> list[object]:
        with sqlite3.connect(database) as c:
            return [
                c.execute(f"SELECT * FROM {t}").fetchall()
                for t in ("queue_tickets", "queue_events", "outbox")
            ]

    before = snapshot()
    assert run(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("motcua") and "\n" not in err and "Traceback" not in err
    assert snapshot() == before


def test_subprocess_round_trip(queue_home: Path) -> None:
    env = {**os.environ, "MOTCUA_HOME": str(queue_home)}

    def motcua(*argv: str) -> dict[str, object]:
        done = subprocess.run(
            [sys.executable, "-m", "app", *argv, "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    assert motcua("ticket", "issue", "--service", "Q2")["number"] == 1
    assert motcua("queue", "call", "--counter", "2")["number"] == 1
