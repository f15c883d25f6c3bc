"""motcua queue setup|call|recall|start|complete|no-show|recycle|hold|resume|transfer|walk-in|status|report"""

from __future__ import annotations

import argparse
from typing import Any

# CLI spelling -> use-case action
COUNTER_ACTIONS = {
    "recall": ("recall", "call the current ticket again"),
    "start": ("start", "the citizen has arrived: service starts"),
    "complete": ("complete", "service of the current ticket is done"),
    "no-show": ("no_show", "the citizen did not come"),
    "recycle": ("recycle", "put the current ticket back at the end of its line"),
    "hold": ("hold", "set the current ticket aside (the citizen fetches a paper)"),
}


# app.services.queue.report.GROUPINGS, spelled here so that `--help` imports nothing
REPORT_GROUPINGS = ("service", "counter", "officer", "hour", "day", "priority")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("queue", help="the waiting line: set up, call, status")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    setup = actions.add_parser("setup", help="queue services (letter prefixes) and what each counter calls")
    setup.add_argument(
        "--from-counters", action="store_true", help="one line per counter of the office, lettered A, B, C..."
    )
    setup.add_argument(
        "--service", action="append", default=[], metavar="CODE:PREFIX:NAME", help="add or change a service"
    )
    setup.add_argument(
        "--counter", action="append", default=[], metavar="N:CODE[,CODE...]", help="services counter N calls"
    )
    setup.add_argument("--json", action="store_true")
    setup.set_defaults(handler=run_setup)

    call = actions.add_parser("call", help="call the next citizen (or --ticket) to a counter")
    _counter_options(call)
    call.add_argument("--ticket", help="call this ticket out of order, e.g. A015")
    call.set_defaults(handler=run_call)

    for name, (action, help_text) in COUNTER_ACTIONS.items():
        sub = actions.add_parser(name, help=help_text)
        _counter_options(sub)
        sub.add_argument("--ticket", help="act on this ticket instead of the counter's current one")
        sub.set_defaults(handler=run_action, counter_action=action)

    resume = actions.add_parser("resume", help="serve a held ticket again")
    _counter_options(resume)
    resume.add_argument("--ticket", required=True)
    resume.set_defaults(handler=run_action, counter_action="resume")

    transfer = actions.add_parser("transfer", help="send the current ticket to another service or counter")
    _counter_options(transfer)
    transfer.add_argument("--ticket")
    transfer.add_argument("--to-service")
    transfer.add_argument("--to-counter", type=int)
    transfer.set_defaults(handler=run_action, counter_action="transfer")

    walk = actions.add_parser("walk-in", help="serve a citizen without a ticket (kept in the statistics)")
    _counter_options(walk)
    walk.add_argument("--service", required=True)
    walk.set_defaults(handler=run_walk_in)

    status = actions.add_parser("status", help="waiting per service, each counter's current ticket")
    status.add_argument("--day", help="YYYY-MM-DD (default: today, local time)")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=run_status)

    report = actions.add_parser(
        "report", help="waiting, walking, service and idle times for supervisors (local days)"
    )
    report.add_argument("--from", dest="first", metavar="DATE", help="first day, YYYY-MM-DD (default: today)")
    report.add_argument("--to", dest="last", metavar="DATE", help="last day, YYYY-MM-DD (default: --from)")
    report.add_argument(
        "--by", default="service", choices=REPORT_GROUPINGS, help="one line per ... (default: service)"
    )
    report.add_argument(
        "--service-level",
        type=float,
        default=15.0,
        metavar="MIN",
        help="count tickets that waited longer than this many minutes (default: 15)",
    )
    output = report.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--out", metavar="FILE", help="write the table to FILE.xlsx or FILE.csv")
    report.set_defaults(handler=run_report)


def _counter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--counter", type=int, required=True, help="counter number")
    parser.add_argument("--officer", help="officer username (default: desk.officer, else counter-N)")
    parser.add_argument("--json", action="store_true")


def _officer(args: argparse.Namespace, desk: Any) -> str:
    return str(args.officer or desk.services.desk.default_officer or f"counter-{args.counter}")


def _action_text(data: dict[str, Any]) -> str:
    if data["ticket"] is None:
        return f"counter {data['counter']}: nobody is waiting"
    finished = f" (finished {data['finished']})" if data.get("finished") else ""
    return f"counter {data['counter']}: {data['action']} {data['ticket']} [{data['status']}]{finished}"


def run_setup(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk, usage_error
    from app.domain.queue.model import CounterSetup, QueueService
    from app.services.queue.status import configure, queue_status, services_from_counters
    from app.storage.queue_wiring import desk_queue

    services: list[QueueService] = []
    counters: list[CounterSetup] = []
    for text in args.service:
        parts = text.split(":", 2)
        if len(parts) != 3:
            raise usage_error(f"--service {text!r}: use CODE:PREFIX:NAME, e.g. HT:A:Hộ tịch")
        services.append(QueueService(*parts))
    for text in args.counter:
        number, _, codes = text.partition(":")
        if not number.isdigit() or not codes:
            raise usage_error(f"--counter {text!r}: use N:CODE[,CODE...], e.g. 1:HT,CT")
        counters.append(
            CounterSetup(int(number), tuple(c.strip().upper() for c in codes.split(",") if c.strip()))
        )
    if not (args.from_counters or services or counters):
        raise usage_error("nothing to set up: give --from-counters, --service or --counter")
    with open_desk() as desk:
        ctx = desk_queue(desk)
        if args.from_counters:
            with desk.services.uow(write=False) as uow:
                office_counters = uow.offices.counters(ctx.office_code)
            if not office_counters:
                raise usage_error(f"office {ctx.office_code} has no counters (see `motcua office counter`)")
            derived, setups = services_from_counters(office_counters)
            services = derived + services
            counters = setups + counters
        configure(ctx, services, counters)
        data = queue_status(ctx).as_dict()
    text = "\n".join(
        [f"{s['prefix']}  {s['code']:<8} {s['name']}" for s in data["services"]]
        + [f"counter {c['counter']}: {', '.join(c['services'])}" for c in data["counters"]]
    )
    emit({"services": data["services"], "counters": data["counters"]}, args.json, text)
    return 0


def run_call(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk
    from app.services.queue.calling import call_next, call_number
    from app.storage.queue_wiring import desk_queue

    with open_desk() as desk:
        ctx = desk_queue(desk)
        officer = _officer(args, desk)
        if args.ticket:
            result = call_number(ctx, args.counter, args.ticket, officer)
        else:
            result = call_next(ctx, args.counter, officer)
    data = result.as_dict()
    emit(data, args.json, _action_text(data))
    return 0


def run_action(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk, usage_error
    from app.services.queue.calling import act
    from app.storage.queue_wiring import desk_queue

    to_service = getattr(args, "to_service", None)
    to_counter = getattr(args, "to_counter", None)
    if args.counter_action == "transfer" and to_service is None and to_counter is None:
        raise usage_error("transfer: give --to-service or --to-counter")
    with open_desk() as desk:
        result = act(
            desk_queue(desk),
            args.counter,
            args.counter_action,
            _officer(args, desk),
            label=args.ticket,
            to_service=to_service,
            to_counter=to_counter,
        )
    data = result.as_dict()
    emit(data, args.json, _action_text(data))
    return 0


def run_walk_in(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk
    from app.services.queue.calling import walk_in
    from app.storage.queue_wiring import desk_queue

    with open_desk() as desk:
        result = walk_in(desk_queue(desk), args.counter, args.service, _officer(args, desk))
    data = result.as_dict()
    emit(data, args.json, f"counter {data['counter']}: serving a walk-in ({data['service']})")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from app.cli.common import emit, local_date, open_desk
    from app.services.queue.status import queue_status
    from app.storage.queue_wiring import desk_queue

    day = local_date(args.day, "--day") if args.day else None
    with open_desk() as desk:
        data = queue_status(desk_queue(desk), day).as_dict()
    lines = [f"{data['office']}  {data['day']}  waiting: {data['waiting']}"]
    lines += [
        f"  {s['prefix']} {s['code']:<8} {s['waiting']:>4} waiting "
        f"({s['priority_waiting']} priority)  {s['name']}"
        for s in data["services"]
    ]
    lines += [
        f"  counter {c['counter']}: {c['current'] or '-'} {c['status'] or ''}" for c in data["counters"]
    ]
    emit(data, args.json, "\n".join(lines))
    return 0


def run_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.cli.common import emit, local_date, open_desk, usage_error
    from app.services.queue.report import queue_report, report_table
    from app.storage.queue_wiring import desk_queue

    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".xlsx", ".csv"):
        raise usage_error(f"--out {args.out!r}: give a file name ending in .xlsx or .csv")
    if out is not None and not out.parent.is_dir():
        raise usage_error(f"--out {args.out!r}: folder {str(out.parent)!r} does not exist")
    if not 0 < args.service_level <= 24 * 60:
        raise usage_error(f"--service-level {args.service_level:g}: give minutes above 0 and at most 1440")
    first = local_date(args.first, "--from") if args.first else None
    last = local_date(args.last, "--to") if args.last else None
    with open_desk() as desk:
        ctx = desk_queue(desk)
        first = first or ctx.day()
        last = last or first
        if last < first:
            raise usage_error(f"--to {last.isoformat()} is before --from {first.isoformat()}")
        report = queue_report(ctx, first, last, by=args.by, service_level_min=args.service_level)
    rows = report_table(report)
    if out is not None:
        _write_table(out, report.office_code, f"{first.isoformat()} to {last.isoformat()}", rows)
        print(f"wrote {out} ({len(report.groups)} lines by {args.by}, the total and the priority classes)")
        return 0
    emit(report.as_dict(), args.json, _report_text(report.office_code, first, last, args.by, rows))
    return 0


def _report_text(office: str, first: Any, last: Any, by: str, rows: list[list[Any]]) -> str:
    def m(value: Any) -> str:
        return "-" if value is None else f"{value:g}"

    lines = [
        f"{office}  {first.isoformat()} to {last.isoformat()}  by {by}  (times in minutes: median / p90)",
        f"{'':<24} {'issued':>6} {'served':>6} {'no-show':>8} {'wait':>13} {'walk':>13} {'service':>13}"
        f" {'idle':>7}",
    ]
    for row in rows:
        label, issued, walk_ins, served, no_show, no_show_pct = row[:6]
        wait, walk, service = (f"{m(row[i])} / {m(row[i + 2])}" for i in (8, 12, 16))
        absent = f"{no_show} ({m(no_show_pct)}%)" if no_show_pct is not None else str(no_show)
        lines.append(
            f"{str(label)[:24]:<24} {issued + walk_ins:>6} {served:>6} {absent:>8} {wait:>13} {walk:>13}"
            f" {service:>13} {m(row[22]):>7}"
        )
    return "\n".join(lines)


def _write_table(path: Any, office: str, period: str, rows: list[list[Any]]) -> None:
    """CSV (UTF-8 with a BOM, so that Excel shows Vietnamese names) or XLSX; written to a temporary file
    and renamed, so a failed export leaves no half file behind."""
    import csv

    from app.services.queue.report import TABLE_HEADERS

    partial = path.with_name(f".{path.name}.partial")
    try:
        if path.suffix.lower() == ".csv":
            with partial.open("w", newline="", encoding="utf-8-sig") as handle:
                writer = csv.writer(handle)
                writer.writerow(TABLE_HEADERS)
                writer.writerows(["" if v is None else v for v in row] for row in rows)
        else:
            from openpyxl import Workbook
            from openpyxl.styles import Font

            book = Workbook()
            sheet = book.active
            assert sheet is not None
            sheet.title = "Queue report"
            sheet.append([f"Queue report, office {office}, {period}"])
            sheet["A1"].font = Font(bold=True)
            sheet.append(list(TABLE_HEADERS))
            for cell in sheet[2]:
                cell.font = Font(bold=True)
            for row in rows:
                sheet.append(row)
            sheet.column_dimensions["A"].width = 28
            sheet.freeze_panes = "B3"
            book.save(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
