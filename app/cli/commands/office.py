"""motcua office|counter|officer: set up a real office (the demo has its own with `init --demo`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    office = subparsers.add_parser("office", help="this desk's office, its counters and officers")
    actions = office.add_subparsers(dest="action", required=True, metavar="ACTION")

    show = actions.add_parser("show", help="the office with its counters and officers")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    setter = actions.add_parser("set", help="create or rename the office (and make it this desk's)")
    setter.add_argument("--code", required=True, help="agency identifier code (mã định danh)")
    setter.add_argument("--name", required=True)
    setter.add_argument("--unit-code", help="unit code of dossier codes (default: --code)")
    setter.add_argument("--parent", help="code of the parent office")
    setter.add_argument("--address")
    setter.add_argument("--phone")
    setter.add_argument("--json", action="store_true")
    setter.set_defaults(handler=run_set)

    counter = actions.add_parser("counter", help="add or rename a counter")
    counter.add_argument("number", type=int)
    counter.add_argument("--name", required=True)
    counter.add_argument("--field", action="append", default=[], help="procedure field served (repeatable)")
    counter.add_argument("--json", action="store_true")
    counter.set_defaults(handler=run_counter)

    officer = actions.add_parser("officer", help="add an officer; the password is read from standard input")
    officer.add_argument("username")
    officer.add_argument("--name", required=True, help="full name as printed on forms")
    officer.add_argument("--role", choices=["officer", "supervisor", "admin"], default="officer")
    officer.add_argument("--counter", type=int)
    officer.add_argument("--json", action="store_true")
    officer.set_defaults(handler=run_officer)

    password = actions.add_parser("passwd", help="set an officer's password (read from standard input)")
    password.add_argument("username")
    password.set_defaults(handler=run_passwd)

    for name, active in (("deactivate", False), ("activate", True)):
        toggle = actions.add_parser(name, help=f"{name} an officer's account (history keeps the name)")
        toggle.add_argument("username")
        toggle.set_defaults(handler=run_toggle, active=active)


def _read_password() -> str:
    """On a terminal, ask twice without echo; from a pipe, read one line (never argv: `ps` shows it)."""
    from app.cli.common import usage_error

    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            raise usage_error("the two passwords differ")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise usage_error("give the password on standard input")
    return line


def _office_code(desk: Any) -> str:
    from app.cli.common import usage_error

    code = desk.services.desk.office_code
    if not code:
        raise usage_error("this desk has no office yet: run `motcua office set --code ... --name ...` first")
    return str(code)


def run_show(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk

    with open_desk() as desk:
        code = _office_code(desk)
        with desk.services.uow(write=False) as uow:
            office = uow.offices.get_office(code)
            counters = uow.offices.counters(code)
            officers = uow.offices.officers(code)
    data = {
        "code": office.code,
        "name": office.name,
        "parent": office.parent_code,
        "address": office.address,
        "phone": office.phone,
        "counters": [{"number": c.number, "name": c.name, "fields": list(c.fields)} for c in counters],
        "officers": [
            {
                "username": o.username,
                "name": o.full_name,
                "role": o.role.value,
                "counter": o.counter_number,
                "active": o.active,
            }
            for o in officers
        ],
    }
    lines = [f"{office.code}  {office.name}"]
    lines += [f"  Quầy {c.number}: {c.name}" for c in counters]
    lines += [
        f"  {o.username:<16} {o.role.value:<10} {o.full_name}{'' if o.active else ' (inactive)'}"
        for o in officers
    ]
    emit(data, args.json, "\n".join(lines))
    return 0


def run_set(args: argparse.Namespace) -> int:
    from app.bootstrap import open_desk as open_any
    from app.cli.common import emit, load_settings, usage_error
    from app.domain.office import Office
    from app.services.administration import set_office
    from app.settings.store import save_settings

    settings = load_settings()
    if not settings.database_path.exists():
        raise usage_error(f"no database at {settings.database_path}; run `motcua init` first")
    office = Office(args.code, args.name, args.parent, args.address, args.phone)
    with open_any(settings) as desk:
        set_office(desk.services, office)
    updated = settings.with_values(
        {
            "office.code": office.code,
            "office.name": office.name,
            "office.unit_code": args.unit_code or office.code,
        }
    )
    save_settings(updated)
    emit({"code": office.code, "name": office.name}, args.json, f"office {office.code}: {office.name}")
    return 0


def run_counter(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk
    from app.domain.office import Counter
    from app.services.administration import set_counter

    with open_desk() as desk:
        counter = Counter(_office_code(desk), args.number, args.name, tuple(args.field))
        set_counter(desk.services, counter)
    emit(
        {"number": counter.number, "name": counter.name}, args.json, f"Quầy {counter.number}: {counter.name}"
    )
    return 0


def run_officer(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_desk
    from app.domain.office import Role
    from app.services.administration import add_officer

    password = _read_password()
    with open_desk() as desk:
        officer = add_officer(
            desk.services,
            username=args.username,
            full_name=args.name,
            role=Role(args.role),
            office_code=_office_code(desk),
            password=password,
            counter_number=args.counter,
        )
    emit({"username": officer.username, "role": officer.role.value}, args.json, f"added {officer.username}")
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    from app.cli.common import open_desk
    from app.services.administration import set_password

    password = _read_password()
    with open_desk() as desk:
        set_password(desk.services, args.username, password)
    print(f"password of {args.username} changed")
    return 0


def run_toggle(args: argparse.Namespace) -> int:
    from app.cli.common import open_desk
    from app.services.administration import set_active

    with open_desk() as desk:
        officer = set_active(desk.services, args.username, args.active)
    print(f"{officer.username} is {'active' if officer.active else 'deactivated'}")
    return 0
