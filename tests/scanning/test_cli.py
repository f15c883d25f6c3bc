"""`motcua scan`: from SANE's test device (as a real subprocess), from a folder and from the fake eSCL
scanner (in-process), into a file or into a dossier's component; bad input writes nothing."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import run
from devices.scanners.fake.escl_server import FakeEsclServer, FakeState
from devices.scanners.fake.pages import PageSpec
from tests.cli.test_cli import RECEPTION, db_state
from tests.scanning.support import page, render_pdf

pytest.importorskip("sane", reason="python-sane is a dependency on Linux")


def motcua(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def call(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    data = json.loads(out) if "--json" in argv and out.strip() else out
    return code, data, err


def test_scan_from_the_sane_test_feeder(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "giay-to.pdf"
    done = motcua("scan", "--device", "test", "--source", "adf", "--pages", "3", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    data = out.read_bytes()
    assert report["pages"] == 3
    assert report["bytes"] == len(data)
    assert report["sha256"] == hashlib.sha256(data).hexdigest()
    assert len(render_pdf(data)) == 3


def test_an_empty_feeder_keeps_the_pages_that_came(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "short.pdf"
    done = motcua("scan", "--device", "sane:test", "--pages", "12", "--out", str(out), "--json")
    assert done.returncode == 2
    report = json.loads(done.stdout)
    assert report["error"]["fault"] == "short_feed"
    assert report["pages"] == 10  # the test feeder's ten sheets, all kept
    assert len(render_pdf(out.read_bytes())) == 10
    assert len(done.stderr.strip().splitlines()) == 1
    assert "10 of 12" in done.stderr and str(out) in done.stderr


@pytest.mark.parametrize(
    ("status", "fault", "words"),
    [
        ("SANE_STATUS_JAMMED", "jammed", "paper jam"),
        ("SANE_STATUS_NO_DOCS", "feeder_empty", "feeder is empty"),
        ("SANE_STATUS_COVER_OPEN", "cover_open", "cover is open"),
    ],
)
def test_faults_on_the_first_sheet_write_nothing(
    home: Path, tmp_path: Path, status: str, fault: str, words: str
) -> None:
    # The fault is the test device's own, switched on through the desk's scanners.toml.
    config = home / "config"
    config.mkdir(parents=True)
    (config / "scanners.toml").write_text(
        f'[[scanner]]\ndevice = "sane:test"\nname = "Máy thử"\n'
        f'sources = {{ adf = "Automatic Document Feeder" }}\n'
        # Small pages: see tests/scanning/test_sane.py on the test backend's reader thread.
        f'options = {{ "test-picture" = "Grid", "read-return-value" = "{status}", '
        '"br-x" = 40, "br-y" = 40 }\n',
        encoding="utf-8",
    )
    outbox = tmp_path / "out"
    outbox.mkdir()
    done = motcua("scan", "--device", "Máy thử", "--dpi", "50", "--out", str(outbox / "none.pdf"), "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["fault"] == fault
    assert words in done.stderr
    assert list(outbox.iterdir()) == []


def test_an_unplugged_scanner_and_bad_input_are_one_line_and_exit_2(home: Path, tmp_path: Path) -> None:
    for argv, words in (
        (["--device", "sane:gone:usb:001:009", "--out", str(tmp_path / "x.pdf")], "does not answer"),
        (["--device", "test"], "say where the scan goes"),
        (["--device", "test", "--out", str(tmp_path / "no" / "x.pdf")], "does not exist"),
        (["--device", "test", "--out", str(tmp_path / "x.pdf"), "--pages", "0"], "--pages"),
        (["--device", "test", "--attach", "X"], "go together"),
        (["--out", str(tmp_path / "x.pdf")], "no scanner"),
    ):
        done = motcua("scan", *argv)
        assert done.returncode == 2, argv
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert words in done.stderr, (argv, done.stderr)
    assert list(tmp_path.iterdir()) == []


def test_list_devices_finds_the_sane_test_scanners(home: Path) -> None:
    sane_config = home / "sane.d"
    sane_config.mkdir(parents=True)
    (sane_config / "dll.conf").write_text("test\n")
    done = motcua(
        "scan", "list-devices", "--timeout", "0", "--json", env={"SANE_CONFIG_DIR": str(sane_config)}
    )
    assert done.returncode == 0, done.stderr
    ids = [d["id"] for d in json.loads(done.stdout)["devices"]]
    assert {"sane:test:0", "sane:test:1"} <= set(ids)


def test_scan_from_a_folder(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(2):
        page(PageSpec(lines=15, seed=60 + i)).save(inbox / f"scan{i}.jpg", dpi=(200, 200))
        os.utime(inbox / f"scan{i}.jpg", (1_700_000_000 + i, 1_700_000_000 + i))
    out = tmp_path / "from-folder.pdf"
    code, report, err = call(
        capsys, "scan", "--device", str(inbox), "--preset", "text", "--out", str(out), "--json"
    )
    assert code == 0, err
    assert report["device"] == f"folder:{inbox}"
    assert report["pages"] == 2
    assert report["bytes"] < 2 * 60_000
    assert sorted(p.name for p in (inbox / "imported").iterdir()) == ["scan0.jpg", "scan1.jpg"]


def test_scan_from_the_fake_escl_scanner(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeEsclServer(FakeState(sheets=2)) as fake:
        out = tmp_path / "escl.pdf"
        code, report, err = call(
            capsys,
            "scan",
            "--device",
            fake.url,
            "--source",
            "duplex",
            "--dpi",
            "150",
            "--out",
            str(out),
            "--json",
        )
    assert code == 0, err
    assert report["scanned"] == 4
    assert report["blank_removed"] == 2  # the fake's backs are blank
    assert report["pages"] == 2
    assert len(render_pdf(out.read_bytes())) == 2


def _receive(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({**RECEPTION, "officer": "lan.nguyen"})))
    code, received, err = call(capsys, "dossier", "receive", "--file", "-", "--json")
    assert code == 0, err
    return str(received["code"])


def test_attach_to_a_component_and_see_it_in_the_history(
    demo_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _receive(capsys, monkeypatch)
    status, report, err = call(
        capsys, "scan", "--device", "test", "--pages", "2", "--attach", code, "--component", "GCS",
        "--officer", "lan.nguyen", "--json",
    )  # fmt: skip
    assert status == 0, err
    assert report["attached"] == {"dossier": code, "component": "GCS", "sha256": report["sha256"]}
    status, shown, err = call(capsys, "dossier", "show", code, "--json")
    component = next(c for c in shown["components"] if c["code"] == "GCS")
    assert component["attachments"] == [report["sha256"]]
    added = [e for e in shown["history"] if e["type"] == "document_added"]
    assert added[-1]["payload"]["kind"] == "scan"
    assert added[-1]["payload"]["component"] == "GCS"
    stored = demo_home / "data" / "blobs" / report["sha256"][:2] / report["sha256"][2:4] / report["sha256"]
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == report["sha256"]


def test_a_wrong_component_is_refused_before_any_sheet_moves(
    demo_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _receive(capsys, monkeypatch)
    before = db_state(demo_home)
    blobs = sorted((demo_home / "data").rglob("*"))
    outbox = tmp_path / "out"
    outbox.mkdir()
    for dossier, component in ((code, "NOPE"), ("000.00.00.H48-000000-0000", "GCS")):
        status, _, err = call(
            capsys, "scan", "--device", "test", "--attach", dossier, "--component", component,
            "--out", str(outbox / "x.pdf"),
        )  # fmt: skip
        assert status == 2
        assert len(err.strip().splitlines()) == 1
    assert db_state(demo_home) == before
    assert sorted((demo_home / "data").rglob("*")) == blobs
    assert list(outbox.iterdir()) == []


def test_a_failed_run_attaches_nothing_and_rescues_the_pages(
    demo_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _receive(capsys, monkeypatch)
    before = db_state(demo_home)
    status, report, _ = call(
        capsys, "scan", "--device", "test", "--pages", "11", "--attach", code, "--component", "GCS",
        "--officer", "lan.nguyen", "--json",
    )  # fmt: skip
    assert status == 2
    assert "attached" not in report
    assert db_state(demo_home) == before
    rescued = Path(report["out"])
    assert rescued.parent == demo_home / "data" / "scans"
    assert len(render_pdf(rescued.read_bytes())) == 10


@pytest.mark.slow
def test_pdfa_and_ocr_from_the_command_line(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    import pikepdf
    import pypdfium2

    from devices.scanners.ocr import TesseractRecognizer

    if not TesseractRecognizer().available():
        pytest.skip("tesseract-ocr-vie is not installed")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    page(PageSpec(lines=5, seed=90)).save(inbox / "a.png", dpi=(200, 200))
    os.utime(inbox / "a.png", (1_700_000_000, 1_700_000_000))
    out = tmp_path / "a.pdf"
    code, report, err = call(
        capsys,
        "scan",
        "--device",
        f"folder:{inbox}",
        "--pdfa",
        "--ocr",
        "--name",
        "Tờ khai",
        "--out",
        str(out),
        "--json",
    )
    assert code == 0, err
    assert report["pages"] == 1
    with pikepdf.open(out) as pdf, pdf.open_metadata() as meta:
        assert meta["pdfaid:part"] == "1"
        assert str(pdf.docinfo["/Title"]) == "Tờ khai"
    document = pypdfium2.PdfDocument(io.BytesIO(out.read_bytes()))
    assert "CỘNG HÒA" in document[0].get_textpage().get_text_range()
    document.close()
