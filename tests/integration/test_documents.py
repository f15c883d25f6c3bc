"""Files of a dossier: the content-addressed store and the document events."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from app.domain.dossier import DocumentKind
from app.domain.errors import NotFound, ValidationError
from app.services.documents import NewDocument, attach_document
from app.services.reception import ApplicantInput, ReceptionRequest, receive_dossier
from app.storage.blobs import CorruptBlob, FileBlobStore


def test_blob_store_is_content_addressed_atomic_and_verified(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path / "blobs")
    data = "Giấy tiếp nhận hồ sơ".encode()
    ref = store.put(data)
    assert ref.sha256 == hashlib.sha256(data).hexdigest()
    assert store.put(data) == ref  # idempotent
    assert store.path(ref.sha256).relative_to(tmp_path / "blobs").parts[:2] == (
        ref.sha256[:2],
        ref.sha256[2:4],
    )
    assert store.read(ref.sha256) == data
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.7 " * 100_000)
    assert store.put_file(source).sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert not list((tmp_path / "blobs").rglob(".incoming-*"))
    store.path(ref.sha256).write_bytes(b"bit rot")
    with pytest.raises(CorruptBlob):
        store.read(ref.sha256)
    with pytest.raises(NotFound):
        store.read("0" * 64)
    with pytest.raises(ValidationError):
        store.path("../../etc/passwd")


def test_documents_are_events_of_the_dossier(desk: Any) -> None:
    dossier = receive_dossier(
        desk.services,
        ReceptionRequest("1.001193.000.00.00.H48", ApplicantInput("Nguyễn Thị Ngọc Ánh", "051190001234")),
    )
    receipt = attach_document(
        desk.services,
        NewDocument(dossier.code, b"%PDF receipt", DocumentKind.FORM, "Mẫu 01 - Giấy tiếp nhận"),
    )
    scan = attach_document(
        desk.services,
        NewDocument(dossier.code, b"%PDF scan", DocumentKind.SCAN, "Giấy chứng sinh", component_code="GCS"),
    )
    copy = attach_document(
        desk.services,
        NewDocument(
            dossier.code,
            b"%PDF receipt BAN SAO",
            DocumentKind.FORM,
            "Mẫu 01 (bản sao)",
            copy_of=receipt.sha256,
        ),
    )
    with desk.services.uow(write=False) as uow:
        reloaded = uow.dossiers.get(dossier.code)
    assert [d.sha256 for d in reloaded.documents] == [receipt.sha256, scan.sha256, copy.sha256]
    assert next(c for c in reloaded.components if c.code == "GCS").attachments == (scan.sha256,)
    assert desk.services.blobs.read(scan.sha256) == b"%PDF scan"
    with pytest.raises(ValidationError):
        attach_document(
            desk.services, NewDocument(dossier.code, b"x", DocumentKind.SCAN, "?", component_code="NO")
        )
    with pytest.raises(ValidationError):
        attach_document(
            desk.services, NewDocument(dossier.code, b"x", DocumentKind.FORM, "x", copy_of="a" * 64)
        )
