"""Files of a dossier: store the bytes by their hash, then record them in the dossier's history."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.dossier import Document, DocumentKind
from app.domain.errors import ValidationError
from app.services.context import Services


@dataclass(frozen=True, slots=True)
class NewDocument:
    code: str  # the dossier
    data: bytes
    kind: DocumentKind
    name: str
    media_type: str = "application/pdf"
    component_code: str | None = None
    copy_of: str | None = None
    officer: str | None = None


def attach_document(services: Services, new: NewDocument) -> Document:
    """The file is written (durably) before the event that cites it: a crash between the two leaves an
    unreferenced file, never an event pointing at nothing."""
    officer = new.officer or services.desk.default_officer
    if not officer:
        raise ValidationError("officer", "say which officer adds the document")
    if not new.data:
        raise ValidationError("data", "the document is empty")
    stored = services.blobs.put(new.data)
    with services.uow() as uow:
        actor = uow.offices.officer(officer).username
        dossier = uow.dossiers.get(new.code)
        dossier.add_document(
            at=services.now(),
            actor=actor,
            kind=new.kind,
            sha256=stored.sha256,
            size=stored.size,
            name=new.name,
            media_type=new.media_type,
            component_code=new.component_code,
            copy_of=new.copy_of,
        )
        uow.commit()
    return dossier.documents[-1]
