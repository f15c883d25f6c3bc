"""motcua dossier receive|show|search|list|transition"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

ACTIONS = [
    "start",
    "complete-step",
    "request-supplement",
    "receive-supplement",
    "refuse",
    "result-ready",
    "return",
    "withdraw",
    "stop",
    "apologise",
    "note",
]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("dossier", help="receive, find and move dossiers")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    receive = actions.add_parser("receive", help="receive a dossier described by a JSON file (see README)")
    receive.add_argument("--file", type=Path, required=True, help="reception JSON; - reads standard input")
    receive.add_argument("--officer", help="officer username (default: desk.officer)")
    receive.add_argument("--json", action="store_true")
    receive.set_defaults(handler=run_receive)

    show = actions.add_parser("show", help="a dossier with its history")
    show.add_argument("code")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    search = actions.add_parser("search", help="by code, ID number, phone or name without diacritics")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=run_search)

    lister = actions.add_parser("list", help="dossiers by status, overdue, due today")
    lister.add_argument("--status", action="append", help="repeatable; e.g. received, in_processing")
    lister.add_argument("--overdue", action="store_true", help="only dossiers past their appointment")
    lister.add_argument("--limit", type=int, default=200)
    lister.add_argument("--json", action="store_true")
    lister.set_defaults(handler=run_list)

    move = actions.add_parser("transition", help="apply ACTION to the dossier CODE")
    move.add_argument("code")
    move.add_argument("action_name", metavar="ACTION", choices=ACTIONS, help=", ".join(ACTIONS))
    move.add_argument("--reason", help="why (required to refuse, withdraw, stop, apologise, ask for more)")
    move.add_argument("--missing", action="append", default=[], help="what to supplement (repeatable)")
    move.add_argument("--new-due", help="apologise: the new appointment (ISO 8601, local time)")
    move.add_argument("--extra-days", type=float, help="apologise: move the appointment by N working days")
    move.add_argument("--collector", help="return: who collected the result (default: the applicant)")
    move.add_argument("--collector-id", help="return: ID number checked at collection")
    move.add_argument("--fee-paid", type=int, help="return: fee collected, in đồng")
    move.add_argument("--unit", help="start/complete-step: the unit the dossier goes to")
    move.add_argument("--officer", help="officer username (default: desk.officer)")
    move.add_argument("--json", action="store_true")
    move.set_defaults(handler=run_transition)


def _text_view(data: dict[str, Any]) -> str:
    lines = [
        f"{data['code']}  [{data['status']}]{'  QUÁ HẠN' if data['overdue'] else ''}",
        f"  {data['procedure']['name']}",
        f"  Người nộp: {data['applicant']['name']}  {data['applicant'].get('id_number') or ''}",
        f"  Tiếp nhận: {data['received']}   Hẹn trả: {data['due']}",
    ]
    lines += [f"  {e['seq']:>2}. {e['at']}  {e['type']}  ({e['actor']})" for e in data["history"]]
    return "\n".join(lines)


def run_receive(args: argparse.Namespace) -> int:
    import json
    import sys

    from app.cli.common import emit, open_desk, usage_error
    from app.services.queries import dossier_to_dict, show_dossier
    from app.services.reception import receive_dossier
    from app.services.reception_input import request_from_json

    try:
        raw = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
    except OSError as exc:
        raise usage_error(f"cannot read {args.file}: {exc.strerror}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise usage_error(f"{args.file} is not valid JSON: {exc}") from None
    request = request_from_json(data)
    if args.officer:
        from dataclasses import replace

        request = replace(request, officer=args.officer)
    with open_desk() as desk:
        dossier = receive_dossier(desk.services, request)
        result = dossier_to_dict(desk.services, show_dossier(desk.services, dossier.code))
    emit(result, args.json, f"{result['code']}  {result['status']}  hẹn trả {result['due'] or '-'}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk
    from app.services.queries import dossier_to_dict, show_dossier

    with open_desk() as desk:
        data = dossier_to_dict(desk.services, show_dossier(desk.services, args.code))
    emit(data, args.json, _text_view(data))
    return 0


def run_search(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk, usage_error
    from app.services.queries import search_dossiers, summary_to_dict

    if not 1 <= args.limit <= 1000:
        raise usage_error("--limit must be between 1 and 1000")
    with open_desk() as desk:
        rows = [
            summary_to_dict(desk.services, s) for s in search_dossiers(desk.services, args.text, args.limit)
        ]
    text = (
        "\n".join(f"{r['code']}  {r['status']:<20} {r['applicant_name']}" for r in rows) or "(nothing found)"
    )
    emit(rows, args.json, text)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk, usage_error
    from app.domain.lifecycle import CLOCK_RUNNING, Status
    from app.ports import DossierFilter
    from app.services.queries import list_dossiers, summary_to_dict

    try:
        statuses = frozenset(Status(s) for s in args.status) if args.status else None
    except ValueError:
        raise usage_error(f"--status must be one of {', '.join(s.value for s in Status)}") from None
    with open_desk() as desk:
        where = DossierFilter(statuses=statuses)
        if args.overdue:
            where = DossierFilter(statuses=statuses or CLOCK_RUNNING, due_before=desk.services.now())
        rows = [summary_to_dict(desk.services, s) for s in list_dossiers(desk.services, where, args.limit)]
    text = "\n".join(
        f"{r['code']}  {r['status']:<20} {r['due'] or '':<26} {r['applicant_name']}" for r in rows
    )
    emit(rows, args.json, text or "(none)")
    return 0


def run_transition(args: argparse.Namespace) -> int:
    from app.cli.common import emit, local_datetime, open_desk
    from app.domain.lifecycle import Action
    from app.services.queries import dossier_to_dict, show_dossier
    from app.services.transitions import TransitionRequest, transition

    request = TransitionRequest(
        code=args.code,
        action=Action(args.action_name),
        officer=args.officer,
        reason=args.reason,
        missing=args.missing,
        new_due_at=local_datetime(args.new_due, "--new-due") if args.new_due else None,
        extra_working_days=args.extra_days,
        collector_name=args.collector,
        collector_id=args.collector_id,
        fee_paid=args.fee_paid,
        unit=args.unit,
    )
    with open_desk() as desk:
        dossier = transition(desk.services, request)
        data = dossier_to_dict(desk.services, show_dossier(desk.services, dossier.code))
    emit(data, args.json, f"{data['code']}  {data['status']}  hẹn trả {data['due'] or '-'}")
    return 0
