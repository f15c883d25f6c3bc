"""Scans of a reception not yet written: on disk before the officer is told, claimed by the dossier when
it is written, attached once committed; a crash between the two is caught up at the next start; a form
thrown away keeps its scans aside; nothing is ever deleted before it is in the dossier."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image

from app.services.scanning.attach import scan_context
from app.services.scanning.pipeline import BuiltDocument
from tests.gui.support import DemoDesk
from ui.scanning.pending import DISCARDED, PendingScans


def _pdf(seed: int) -> BuiltDocument:
    buffer = io.BytesIO()
    Image.new("L", (200, 280), 200 + seed).save(buffer, "PDF", resolution=50)
    data = buffer.getvalue()
    return BuiltDocument(data=data, pages=1, sha256=hashlib.sha256(data).hexdigest(), page_bytes=())


def test_kept_scans_are_claimed_and_attached_to_the_written_dossier(
    demo_desk: DemoDesk, tmp_path: Path
) -> None:
    code = demo_desk.dossiers["anh"].code
    components = [c.code for c in scan_context(demo_desk.desk.services, code).components]
    pending = PendingScans(tmp_path / "drafts" / "reception-counter1-scans")
    pending.keep(components[0], "Tờ khai", _pdf(1))
    pending.keep(components[1], "Giấy chứng sinh", _pdf(2))
    pending.keep("NOT-A-COMPONENT", "Giấy lạ", _pdf(3))
    assert sorted(pending.by_component()) == sorted([components[0], components[1], "NOT-A-COMPONENT"])

    claimed = pending.claim(code)
    assert claimed is not None and pending.list() == []
    # A crash here: the next start finds the claimed folder and its dossier.
    (found,) = PendingScans(pending.directory).claimed()
    assert found[0] == code
    report = found[1].attach_all(demo_desk.desk.services, code, "lan.nguyen")
    assert [s.component_code for s in report.attached] == components[:2]
    assert [s.component_code for s, _reason in report.kept] == ["NOT-A-COMPONENT"]
    # What could not be attached stays on disk, listed; what was attached is in the dossier.
    assert [s.component_code for s in found[1].list()] == ["NOT-A-COMPONENT"]
    attached = {c.code: c.attachments for c in scan_context(demo_desk.desk.services, code).components}
    assert len(attached[components[0]]) == len(attached[components[1]]) == 1


def test_a_discarded_form_moves_its_scans_aside(tmp_path: Path) -> None:
    pending = PendingScans(tmp_path / "drafts" / "reception-counter1-scans")
    assert pending.discard() == 0
    scan = pending.keep("TK", "Tờ khai", _pdf(4))
    assert pending.read(scan.sha256) == _pdf(4).data
    assert pending.discard() == 1
    assert pending.list() == []
    (aside,) = (tmp_path / "drafts" / DISCARDED).iterdir()
    assert (aside / scan.file).read_bytes() == _pdf(4).data
