"""Templates by form id: the rule set names the id (`rulesets.json`), this table says which code lays it
out. A post-2025 form set is new ids here plus their templates; callers never change."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from app.domain.errors import NotFound
from app.services.printing.model import CopyMark, FormDocument, LogbookBody
from printing.forms import logbook, stamp, tt01_2018

Template = Callable[[FormDocument], bytes]

TEMPLATES: Mapping[str, Template] = {
    "TT01-2018/01": tt01_2018.receipt,
    "TT01-2018/02": tt01_2018.supplement_request,
    "TT01-2018/03": tt01_2018.refusal,
    "TT01-2018/04": tt01_2018.apology,
    "TT01-2018/05": tt01_2018.control_slip,
    "TT01-2018/06": logbook.logbook,
}


class ReportlabForms:
    """The FormRenderer port, with reportlab."""

    def __init__(self, templates: Mapping[str, Template] = TEMPLATES) -> None:
        self._templates = templates

    def supports(self, form_id: str) -> bool:
        return form_id in self._templates

    def render(self, document: FormDocument) -> bytes:
        template = self._templates.get(document.spec.form_id)
        if template is None:
            raise NotFound(f"no template for form {document.spec.form_id}", form=document.spec.form_id)
        return template(document)

    def stamp_copy(self, pdf: bytes, mark: CopyMark) -> bytes:
        return stamp.stamp_copy(pdf, mark)


class XlsxLogbook:
    """The LogbookExporter port, with openpyxl."""

    def xlsx(self, logbook_body: LogbookBody, title: str, office_name: str) -> bytes:
        return logbook.logbook_xlsx(logbook_body, title, office_name)
