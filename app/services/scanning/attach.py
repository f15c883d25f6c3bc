"""Attach a scanned PDF to the component of a dossier it proves.

The target is checked before the scanner runs (a mistyped dossier code must not cost the officer a
stack of pages), and again by the dossier itself when the document is added.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.dossier import Document, DocumentKind
from app.domain.errors import ValidationError
from app.services.context import Services
from app.services.documents import NewDocument, attach_document
from app.services.scanning.pipeline import BuiltDocument


@dataclass(frozen=True, slots=True)
class ScanTarget:
    code: str  # the dossier
    component_code: str
    component_name: str
    attached: int  # documents already attached to this component


@dataclass(frozen=True, slots=True)
class ComponentChoice:
    code: str
    name: str
    required: bool
    attachments: tuple[str, ...]  # SHA-256 of the PDFs attached so far, oldest first

    @property
    def attached(self) -> int:
        return len(self.attachments)


@dataclass(frozen=True, slots=True)
class ScanContext:
    """What the scanning screen shows of the dossier it scans for."""

    code: str
    applicant_name: str
    procedure_name: str
    components: tuple[ComponentChoice, ...]


def scan_context(services: Services, code: str) -> ScanContext:
    """The dossier's components, for the officer to pick which one the pages prove (NotFound if none)."""
    with services.uow(write=False) as uow:
        dossier = uow.dossiers.get(code)
    return ScanContext(
        code=dossier.code,
        applicant_name=dossier.applicant.name,
        procedure_name=dossier.procedure_name,
        components=tuple(
            ComponentChoice(c.code, c.name, c.required, c.attachments) for c in dossier.components
        ),
    )


def scan_target(services: Services, code: str, component_code: str) -> ScanTarget:
    """NotFound for an unknown dossier, ValidationError for a component it does not have."""
    with services.uow(write=False) as uow:
        dossier = uow.dossiers.get(code)
    for component in dossier.components:
        if component.code == component_code:
            return ScanTarget(dossier.code, component.code, component.name, len(component.attachments))
    known = ", ".join(c.code for c in dossier.components) or "none"
    raise ValidationError(
        "component", f"{component_code!r} is not a component of {dossier.code} (it has: {known})"
    )


def attach_scan(
    services: Services,
    target: ScanTarget,
    document: BuiltDocument,
    *,
    name: str | None = None,
    officer: str | None = None,
) -> Document:
    """Store the PDF by its SHA-256 (the store sync uploads from) and record it in the dossier's history,
    linked to the component."""
    label = name or target.component_name
    return attach_document(
        services,
        NewDocument(
            code=target.code,
            data=document.data,
            kind=DocumentKind.SCAN,
            name=label,
            component_code=target.component_code,
            officer=officer,
        ),
    )
