"""Setting up a real office from the command line, then receiving in it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app.cli.main import run


def call(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_office_from_scratch(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert call(capsys, "init")[0] == 0
    code, _, err = call(capsys, "office", "counter", "1", "--name", "Quầy 1")
    assert code == 2 and "office set" in err
    assert call(capsys, "office", "set", "--code", "000.00.53.H48", "--name", "UBND xã Bình Sơn")[0] == 0
    assert call(capsys, "office", "counter", "1", "--name", "Quầy 1 - Hộ tịch", "--field", "HT")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("mật-khẩu-đủ-dài\n"))
    assert call(capsys, "office", "officer", "hoa.le", "--name", "Lê Thị Hoa", "--counter", "1")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("x\n"))
    code, _, err = call(capsys, "office", "officer", "hoa.le", "--name", "Lê Thị Hoa")
    assert code == 2  # too short, and the name is taken anyway
    monkeypatch.setattr("sys.stdin", io.StringIO("another-long-one\n"))
    code, _, err = call(capsys, "office", "officer", "binh.tran", "--name", "Trần Bình", "--counter", "9")
    assert code == 2 and "no counter 9" in err
    code, out, _ = call(capsys, "office", "show", "--json")
    shown = json.loads(out)
    assert shown["code"] == "000.00.53.H48"
    assert [o["username"] for o in shown["officers"]] == ["hoa.le"]
    assert "mật" not in (home / "data" / "motcua.sqlite3").read_bytes().decode("utf-8", "ignore")

    from app.bootstrap import open_desk
    from app.services.administration import authenticate
    from app.settings.paths import resolve_paths
    from app.settings.store import load_settings

    with open_desk(load_settings(resolve_paths())) as desk:
        assert desk.services.desk.unit_code == "000.00.53.H48"
        assert authenticate(desk.services, "hoa.le", "mật-khẩu-đủ-dài") is not None
        assert authenticate(desk.services, "hoa.le", "wrong password") is None
        assert authenticate(desk.services, "nobody", "mật-khẩu-đủ-dài") is None
    monkeypatch.setattr("sys.stdin", io.StringIO("a-new-password\n"))
    assert call(capsys, "office", "passwd", "hoa.le")[0] == 0
    assert call(capsys, "office", "deactivate", "hoa.le")[0] == 0
    with open_desk(load_settings(resolve_paths())) as desk:
        assert authenticate(desk.services, "hoa.le", "a-new-password") is None  # inactive
    assert call(capsys, "office", "activate", "hoa.le")[0] == 0
    with open_desk(load_settings(resolve_paths())) as desk:
        assert authenticate(desk.services, "hoa.le", "a-new-password") is not None
