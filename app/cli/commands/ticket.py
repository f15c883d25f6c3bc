"""motcua ticket issue|show (the `ticket` group is shared: printing adds `ticket render`)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.groups import command_group


def register(subparsers: Any) -> None:
    actions = command_group(subparsers, "ticket", "queue tickets: issue, show (and render, with printing)")

    issue = actions.add_parser("issue", help="take a number in a service's line")
    issue.add_argument("--service", required=True, help="queue service code (see `motcua queue status`)")
    issue.add_argument(
        "--priority",
        default="normal",
        help="normal, elderly, disabled, pregnant, small_child or appointment",
    )
    issue.add_argument("--json", action="store_true")
    issue.set_defaults(handler=run_issue)

    show = actions.add_parser("show", help="a ticket of today with its history")
    show.add_argument("ticket", help="e.g. A015")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)


def run_issue(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk
    from app.domain.queue.model import parse_priority
    from app.services.queue.calling import issue_ticket
    from app.storage.queue_wiring import desk_queue

    priority = parse_priority(args.priority)
    with open_desk() as desk:
        issued = issue_ticket(desk_queue(desk), args.service, priority)
    data = issued.as_dict()
    emit(data, args.json, f"{data['ticket']}  {data['service']}  ({data['waiting']} waiting before it)")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk
    from app.domain.errors import NotFound
    from app.domain.events import iso
    from app.domain.queue.model import parse_label
    from app.services.queue.views import TicketView
    from app.storage.queue_wiring import desk_queue

    prefix, number = parse_label(args.ticket)
    with open_desk() as desk:
        ctx = desk_queue(desk)
        with ctx.uow(write=False) as uow:
            ticket = uow.tickets.find(ctx.office_code, ctx.day(), prefix, number)
            if ticket is None:
                raise NotFound(f"no ticket {args.ticket} today")
            history = uow.tickets.history(ticket.uid)
    data = TicketView.of(ticket).as_dict()
    data["history"] = [
        {"seq": e.seq, "type": e.type.value, "at": iso(e.occurred_at), "actor": e.actor, "counter": e.counter}
        for e in history
    ]
    lines = [f"{data['ticket']}  {data['service']}  {data['status']}  counter {data['counter'] or '-'}"]
    lines += [f"  {e['seq']:>2}. {e['at']}  {e['type']}  ({e['actor']})" for e in data["history"]]
    emit(data, args.json, "\n".join(lines))
    return 0
