"""The printing commands through the real CLI (in-process, and one as a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.cli.main import run
from app.services.queries import show_dossier
from printing.escpos.parse import parse
from tests.printing.conftest import receive
from tests.printing.support import decode_pages, pdf_text, save_render, unembedded_fonts


def _out(capsys: pytest.CaptureFixture[str]) -> Any:
    return json.loads(capsys.readouterr().out)


def test_print_receipt_to_a_file_archives_it(
    desk: Any, received: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "receipt.pdf"
    assert run(["print", "receipt", received, "--out", str(out), "--json"]) == 0
    result = _out(capsys)
    pdf = out.read_bytes()
    assert result["document"]["size"] == len(pdf) and result["job"] is None
    assert decode_pages(pdf)[0]["Code128"] == received
    documents = show_dossier(desk.services, received).dossier.documents
    assert [d.sha256 for d in documents] == [result["document"]["sha256"]]

    copy = tmp_path / "copy.pdf"
    assert run(["print", "copy", received, "--form", "01", "--out", str(copy), "--json"]) == 0
    assert _out(capsys)["copy_of"] == result["document"]["sha256"]
    assert "BẢN IN LẠI" in pdf_text(copy.read_bytes())


def test_print_form_numbers_and_bad_input(
    desk: Any, received: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "slip.pdf"
    assert run(["print", "form", "05", received, "--out", str(out)]) == 0
    assert "PHIẾU KIỂM SOÁT" in pdf_text(out.read_bytes())
    capsys.readouterr()
    history = len(show_dossier(desk.services, received).history)
    for argv, message in (
        (["print", "form", "09", received, "--out", str(tmp_path / "x.pdf")], "unknown form"),
        (["print", "receipt", "000.00.00.H48-260302-9999", "--out", str(tmp_path / "x.pdf")], "no dossier"),
        (["print", "receipt", received, "--out", str(tmp_path / "no" / "x.pdf")], "does not exist"),
        (["print", "receipt", received, "--out", str(tmp_path / "x.txt")], ".pdf"),
        (["print", "form", "04", received, "--out", str(tmp_path / "x.pdf")], "no apology"),
        (
            [
                "print",
                "logbook",
                "--from",
                "2026-03-05",
                "--to",
                "2026-03-01",
                "--out",
                str(tmp_path / "l.pdf"),
            ],
            "before",
        ),
    ):
        assert run(argv) == 2, argv
        error = capsys.readouterr().err
        assert message in error and error.count("\n") == 1, error
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "l.pdf").exists()
    assert len(show_dossier(desk.services, received).history) == history  # nothing written


def test_logbook_pdf_and_xlsx(desk: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    codes = []
    for _ in range(45):  # enough rows for a second page
        desk.services.clock.advance(minutes=7)
        codes.append(receive(desk))
    pdf_path, xlsx_path = tmp_path / "so.pdf", tmp_path / "so.xlsx"
    assert (
        run(["print", "logbook", "--from", "2026-03-01", "--to", "2026-03-02", "--out", str(pdf_path)]) == 0
    )
    assert (
        run(["print", "logbook", "--from", "2026-03-01", "--to", "2026-03-02", "--out", str(xlsx_path)]) == 0
    )
    pdf = pdf_path.read_bytes()
    pages = save_render(pdf, "mau06-logbook")
    text = pdf_text(pdf)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Từ ngày 01/03/2026 đến ngày 02/03/2026; 45 hồ sơ" in text
    assert all(code in text for code in codes)
    assert "Trang 2/" in text and (not pages or len(pages) >= 2)
    assert unembedded_fonts(pdf) == set()
    sheet = load_workbook(xlsx_path).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert [r[1] for r in rows] == codes
    assert rows[0][4] == "Nguyễn Thị Ngọc Ánh" and rows[0][6] == "Ủy ban nhân dân cấp xã"
    assert rows[0][7].strftime("%d/%m/%Y %H:%M") == "02/03/2026 08:07"


def test_ticket_render_writes_the_exact_bytes(
    desk: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a012.bin"
    png = tmp_path / "a012.png"
    argv = ["ticket", "render", "A012", "--service", "HT", "--profile", "epson-tm-t88v", "--waiting", "4"]
    assert run([*argv, "--out", str(out), "--preview", str(png), "--json"]) == 0
    result = _out(capsys)
    data = out.read_bytes()
    assert result["bytes"] == len(data) <= 3 * 1024 and png.exists()
    parsed = parse(data)
    assert "Hộ tịch" in parsed.text and "Số người đang chờ trước: 4" in parsed.text
    assert run([*argv[:-2], "--profile", "nope", "--out", str(tmp_path / "b.bin")]) == 2
    assert "unknown printer profile" in capsys.readouterr().err
    assert not (tmp_path / "b.bin").exists()


def test_printer_profiles_json_lists_at_least_four_with_their_vietnamese(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "printer", "profiles", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    profiles = json.loads(result.stdout)
    assert len(profiles) >= 4
    assert {p["vietnamese"] for p in profiles} == {"codepage", "raster"}
    assert all(p["name"] and p["vietnamese"] in ("codepage", "raster") for p in profiles)


def test_printer_test_jobs_and_resolve(desk: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "tray"
    folder.mkdir()
    assert run(["printer", "test", f"file:{folder}", "--json"]) == 0
    assert _out(capsys)["state"] == "done"
    assert len(list(folder.glob("*.pdf"))) == 1
    assert run(["printer", "test", "socket://127.0.0.1:9", "--json"]) == 0  # nothing listens on port 9
    waiting = _out(capsys)
    assert waiting["state"] == "queued" and "cannot reach" in waiting["last_error"]
    assert run(["printer", "jobs", "--state", "queued", "--json"]) == 0
    assert [j["id"] for j in _out(capsys)] == [waiting["id"]]
    assert run(["printer", "resolve", str(waiting["id"]), "cancel", "--json"]) == 0
    assert _out(capsys)["state"] == "cancelled"
    assert run(["printer", "resolve", str(waiting["id"]), "printed"]) == 2
    assert run(["printer", "run", "--once", "--json"]) == 0
    assert _out(capsys)["printed"] == []
    assert run(["printer", "list", "--json"]) == 0
    assert "configured" in _out(capsys)
