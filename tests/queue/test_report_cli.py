"""`motcua queue report` through the real command line: JSON, XLSX and CSV of a scripted morning, and
clear errors with exit 2 on bad input (nothing written)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli.main import run
from app.services.queue.context import QueueContext
from tests.queue.report_day import BY_SERVICE, DAY, TOTAL, play_morning, subset
from tests.support import FixedClock


@pytest.fixture
def morning(queue: QueueContext, clock: FixedClock) -> QueueContext:
    play_morning(queue, clock)
    return queue


def test_report_as_json(morning: QueueContext, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["queue", "report", "--from", DAY, "--to", DAY, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["office"], data["from"], data["to"], data["by"]) == ("TTPVHCC-QNG", DAY, DAY, "service")
    groups = {g["key"]: g for g in data["groups"]}
    for code, expected in BY_SERVICE.items():
        assert subset(groups[code], expected) == expected
    assert subset(data["total"], TOTAL) == TOTAL
    assert run(["queue", "report", "--from", DAY, "--by", "counter", "--service-level", "20", "--json"]) == 0
    by_counter = json.loads(capsys.readouterr().out)
    assert [(g["key"], g["idle_s"]) for g in by_counter["groups"]] == [("1", 360.0), ("2", 60.0)]
    assert by_counter["total"]["over_service_level"] == 2
    assert run(["queue", "report", "--from", DAY, "--by", "hour"]) == 0
    text = capsys.readouterr().out
    assert "08:00-09:00" in text and "total" in text and "priority: elderly" in text


def test_report_to_xlsx_and_csv(
    morning: QueueContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx = tmp_path / "báo cáo.xlsx"
    assert run(["queue", "report", "--from", DAY, "--to", DAY, "--out", str(xlsx)]) == 0
    assert "wrote" in capsys.readouterr().out
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == f"Queue report, office TTPVHCC-QNG, {DAY} to {DAY}"
    headers = rows[1]
    assert headers[:4] == ["group", "issued", "walk-ins", "served"]
    table = {r[0]: dict(zip(headers, r, strict=True)) for r in rows[2:]}
    q1 = table["Q1 Tư pháp, Hộ tịch"]
    assert (q1["issued"], q1["served"], q1["no-show"], q1["no-show %"]) == (3, 1, 1, 50)
    assert (q1["wait median (min)"], q1["wait p90 (min)"], q1["wait max (min)"]) == (20, 20.8, 21)
    assert (table["total"]["wait median (min)"], table["total"]["service p90 (min)"]) == (20.5, 9.8)
    assert table["priority: elderly"]["wait median (min)"] == 4
    assert not list(tmp_path.glob(".*partial"))

    out = tmp_path / "r.csv"
    assert run(["queue", "report", "--from", DAY, "--by", "officer", "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    officers = {line["group"]: line for line in lines}
    assert officers["lan.nguyen"]["idle (min)"] == "6.0"
    assert officers["minh.tran"]["served"] == "2"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2026-02-30"], "--from: '2026-02-30' is not a date"),
        (["--from", DAY, "--to", "2026-03-01"], "is before --from"),
        (["--by", "weekday"], "invalid choice: 'weekday'"),
        (["--service-level", "0"], "--service-level 0: give minutes above 0"),
        (["--service-level", "abc"], "invalid float value"),
        (["--out", "report.pdf"], "ending in .xlsx or .csv"),
        (["--out", "/no/such/folder/r.xlsx"], "does not exist"),
        (["--json", "--out", "r.csv"], "not allowed with argument"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(
    morning: QueueContext, tmp_path: Path, argv: list[str], message: str
) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    folder = tmp_path / "out"
    folder.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "app", "queue", "report", *argv],
        env=env,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert done.stdout == ""
    assert list(folder.iterdir()) == []
