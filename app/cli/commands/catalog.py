"""motcua catalog import|export|list|show"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("catalog", help="the procedure catalogue (JSON or XLSX)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    importer = actions.add_parser("import", help="add or update procedures from FILE (.json or .xlsx)")
    importer.add_argument("file", type=Path)
    importer.add_argument("--json", action="store_true")
    importer.set_defaults(handler=run_import)
    exporter = actions.add_parser("export", help="write the catalogue to FILE (.json or .xlsx)")
    exporter.add_argument("file", type=Path)
    exporter.add_argument("--json", action="store_true")
    exporter.set_defaults(handler=run_export)
    lister = actions.add_parser("list", help="list the procedures in force")
    lister.add_argument("--search", help="only procedures whose code or unaccented name matches")
    lister.add_argument("--json", action="store_true")
    lister.set_defaults(handler=run_list)
    show = actions.add_parser("show", help="one procedure, whole")
    show.add_argument("code")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)


def run_import(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk
    from app.datafiles.catalog_files import read_catalog
    from app.services.catalog import import_catalog

    procedures = read_catalog(args.file)  # everything is validated before anything is written
    with open_desk() as desk:
        result = import_catalog(desk.services, procedures)
    data = {
        "file": str(args.file),
        "added": result.added,
        "changed": result.changed,
        "unchanged": result.unchanged,
    }
    emit(data, args.json, f"{result.added} added, {result.changed} changed, {result.unchanged} unchanged")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk
    from app.datafiles.catalog_files import write_catalog
    from app.services.catalog import all_procedures

    with open_desk() as desk:
        procedures = all_procedures(desk.services)
    write_catalog(procedures, args.file)
    emit(
        {"file": str(args.file), "procedures": len(procedures)},
        args.json,
        f"{len(procedures)} procedures written to {args.file}",
    )
    return 0


def _entry(procedure: Any) -> dict[str, Any]:
    from app.domain.catalog import procedure_to_dict

    data = procedure_to_dict(procedure)
    data["time_limit_text"] = procedure.time_limit.describe_vi()
    data["fee_total"] = procedure.total_fee
    return data


def run_list(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk

    with open_desk() as desk, desk.services.uow(write=False) as uow:
        procedures = uow.catalog.find(args.search, limit=10_000) if args.search else uow.catalog.all()
    text = "\n".join(f"{p.code}  {p.time_limit.describe_vi():>22}  {p.name}" for p in procedures)
    emit([_entry(p) for p in procedures], args.json, text or "(no procedures)")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk

    with open_desk() as desk, desk.services.uow(write=False) as uow:
        procedure = uow.catalog.get(args.code)
    data = _entry(procedure)
    lines = [f"{procedure.code} {procedure.name}", f"Thời hạn: {procedure.time_limit.describe_vi()}"]
    lines += [
        f"  [{'x' if c.required else ' '}] {c.name} ({c.originals} bản chính, {c.copies} bản sao)"
        for c in procedure.components
    ]
    emit(data, args.json, "\n".join(lines))
    return 0
