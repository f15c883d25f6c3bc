"""Catalogue files: our JSON format, and XLSX as provinces publish catalogues in Excel.

The XLSX workbook has one sheet per table (procedures, components, steps, fees), keyed by the procedure
code, with Vietnamese headers; headers are matched without diacritics or case, so a sheet edited by hand
in Excel still imports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from app.domain.catalog import Procedure, procedure_from_dict, procedure_to_dict
from app.domain.errors import DomainError, ValidationError
from app.domain.text import fold

FORMAT = "motcua-catalog"

# sheet -> [(key, Vietnamese header)]
SHEETS: dict[str, list[tuple[str, str]]] = {
    "Thủ tục": [
        ("code", "Mã thủ tục"),
        ("national_code", "Mã TTHC quốc gia"),
        ("name", "Tên thủ tục"),
        ("field_code", "Mã lĩnh vực"),
        ("field_name", "Lĩnh vực"),
        ("level", "Cấp thực hiện"),
        ("online", "Dịch vụ công trực tuyến"),
        ("time_value", "Thời hạn"),
        ("time_unit", "Đơn vị thời hạn"),
        ("result_name", "Kết quả"),
        ("result_methods", "Hình thức trả kết quả"),
        ("handling_agency", "Cơ quan giải quyết"),
        ("legal_basis", "Căn cứ pháp lý"),
        ("sources", "Nguồn"),
        ("steps_source", "Nguồn quy trình"),
    ],
    "Thành phần hồ sơ": [
        ("procedure", "Mã thủ tục"),
        ("code", "Mã thành phần"),
        ("name", "Tên thành phần"),
        ("originals", "Bản chính"),
        ("copies", "Bản sao"),
        ("required", "Bắt buộc"),
        ("note", "Ghi chú"),
    ],
    "Quy trình": [
        ("procedure", "Mã thủ tục"),
        ("order", "Bước"),
        ("name", "Nội dung"),
        ("unit", "Đơn vị thực hiện"),
        ("hours", "Thời gian (giờ)"),
    ],
    "Phí, lệ phí": [
        ("procedure", "Mã thủ tục"),
        ("name", "Tên phí, lệ phí"),
        ("amount", "Mức thu (đồng)"),
        ("note", "Ghi chú"),
    ],
}
_YES = {"x", "co", "yes", "true", "1", "bat buoc"}


def procedures_from_dicts(items: Iterable[Any]) -> list[Procedure]:
    procedures: list[Procedure] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        try:
            procedure = procedure_from_dict(item)
        except DomainError as exc:
            raise ValidationError(f"procedure #{index}", exc.message) from exc
        if procedure.code in seen:
            raise ValidationError(f"procedure #{index}", f"duplicate code {procedure.code}")
        seen.add(procedure.code)
        procedures.append(procedure)
    return procedures


def read_json(path: Path) -> list[Procedure]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(str(path), f"is not valid JSON: {exc}") from exc
    if isinstance(data, dict):
        if data.get("format", FORMAT) != FORMAT:
            raise ValidationError(str(path), f"format is {data.get('format')!r}, expected {FORMAT!r}")
        data = data.get("procedures")
    if not isinstance(data, list):
        raise ValidationError(str(path), 'expected a list of procedures or {"procedures": [...]}')
    return procedures_from_dicts(data)


def write_json(procedures: Sequence[Procedure], path: Path) -> None:
    document = {"format": FORMAT, "version": 1, "procedures": [procedure_to_dict(p) for p in procedures]}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_xlsx(procedures: Sequence[Procedure], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    rows: dict[str, list[list[Any]]] = {name: [] for name in SHEETS}
    for p in procedures:
        rows["Thủ tục"].append(
            [
                p.code,
                p.national_code,
                p.name,
                p.field_code,
                p.field_name,
                p.level.value,
                p.online.value,
                p.time_limit.value,
                p.time_limit.unit.value,
                p.result_name,
                ", ".join(m.value for m in p.return_methods),
                p.handling_agency,
                "\n".join(p.legal_basis),
                "\n".join(str(x) for x in p.extra.get("sources", ())),
                p.extra.get("steps_source"),
            ]
        )
        for c in p.components:
            rows["Thành phần hồ sơ"].append(
                [p.code, c.code, c.name, c.originals, c.copies, "x" if c.required else "", c.note]
            )
        for order, s in enumerate(p.steps, start=1):
            rows["Quy trình"].append([p.code, order, s.name, s.unit, s.hours])
        for f in p.fees:
            rows["Phí, lệ phí"].append([p.code, f.name, f.amount, f.note])
    for name, columns in SHEETS.items():
        sheet = workbook.create_sheet(name)
        sheet.append([header for _, header in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows[name]:
            sheet.append(row)
        sheet.freeze_panes = "A2"
    workbook.save(path)


def _read_sheet(workbook: Any, name: str, path: Path) -> list[dict[str, Any]]:
    wanted = {fold(header): key for key, header in SHEETS[name]}
    sheet = next((workbook[s] for s in workbook.sheetnames if fold(s) == fold(name)), None)
    if sheet is None:
        if name == "Thủ tục":
            raise ValidationError(str(path), f"has no sheet named {name!r}")
        return []
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    keys = [wanted.get(fold(str(h))) if h is not None else None for h in header]
    required = {key for key, _ in SHEETS[name][:3]}
    if not required <= set(keys):
        missing = [h for k, h in SHEETS[name] if k in required - set(keys)]
        raise ValidationError(f"{path}:{name}", f"missing columns {missing}")
    result = []
    for number, row in enumerate(rows, start=2):
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        record = {k: v for k, v in zip(keys, row, strict=False) if k is not None}
        record["_row"] = number
        result.append(record)
    return result


def _number(value: Any, where: str) -> float:
    if value is None or value == "":
        return 0
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        raise ValidationError(where, f"not a number: {value!r}") from None


def read_xlsx(path: Path) -> list[Procedure]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ValidationError(str(path), f"is not an XLSX workbook: {exc}") from exc
    try:
        by_code: dict[str, dict[str, Any]] = {}
        order: list[str] = []
        for r in _read_sheet(workbook, "Thủ tục", path):
            code = str(r.get("code") or "").strip()
            where = f"{path}:Thủ tục row {r['_row']}"
            if not code:
                raise ValidationError(where, "has no procedure code")
            methods = [m.strip() for m in str(r.get("result_methods") or "counter").split(",") if m.strip()]
            by_code[code] = {
                "code": code,
                "national_code": r.get("national_code"),
                "name": r.get("name"),
                "field": {"code": str(r.get("field_code") or ""), "name": r.get("field_name") or ""},
                "level": r.get("level") or "province",
                "online": r.get("online") or "none",
                "time_limit": {
                    "value": _number(r.get("time_value"), where),
                    "unit": r.get("time_unit") or "",
                },
                "result": {"name": r.get("result_name"), "methods": methods},
                "handling_agency": r.get("handling_agency"),
                "legal_basis": [x for x in str(r.get("legal_basis") or "").splitlines() if x.strip()],
                "sources": [x for x in str(r.get("sources") or "").splitlines() if x.strip()],
                "steps_source": r.get("steps_source"),
                "components": [],
                "steps": [],
                "fees": [],
            }
            order.append(code)
        for sheet, target in (
            ("Thành phần hồ sơ", "components"),
            ("Quy trình", "steps"),
            ("Phí, lệ phí", "fees"),
        ):
            for r in _read_sheet(workbook, sheet, path):
                where = f"{path}:{sheet} row {r['_row']}"
                owner = by_code.get(str(r.get("procedure") or "").strip())
                if owner is None:
                    raise ValidationError(
                        where, f"procedure {r.get('procedure')!r} is not on the first sheet"
                    )
                if target == "components":
                    owner["components"].append(
                        {
                            "code": str(r.get("code") or "").strip() or None,
                            "name": r.get("name"),
                            "originals": int(_number(r.get("originals"), where)),
                            "copies": int(_number(r.get("copies"), where)),
                            "required": fold(str(r.get("required") or "")) in _YES,
                            "note": r.get("note"),
                        }
                    )
                elif target == "steps":
                    owner["steps"].append(
                        {
                            "name": r.get("name"),
                            "unit": r.get("unit"),
                            "hours": _number(r.get("hours"), where),
                        }
                    )
                else:
                    owner["fees"].append(
                        {
                            "name": r.get("name"),
                            "amount": int(_number(r.get("amount"), where)),
                            "note": r.get("note"),
                        }
                    )
    finally:
        workbook.close()
    return procedures_from_dicts(by_code[c] for c in order)


def read_catalog(path: Path) -> list[Procedure]:
    if not path.exists():
        raise ValidationError(str(path), "no such file")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_json(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    raise ValidationError(str(path), "use a .json or .xlsx file")


def write_catalog(procedures: Sequence[Procedure], path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".json":
        write_json(procedures, path)
    elif suffix == ".xlsx":
        write_xlsx(procedures, path)
    else:
        raise ValidationError(str(path), "use a .json or .xlsx file")
