"""`motcua-server`: run the sync server, or maintain its database with `motcua-server admin ...`.

English messages; exit 0 on success, 2 on bad input (one line, no traceback), 1 when the database fails.
The database comes from MOTCUA_DATABASE_URL so that every uvicorn worker process sees the same one.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from sync.server.settings import DATABASE_URL_ENV, HOST_ENV, PORT_ENV, ServerSettings

PROG = "motcua-server"
EXIT_OK, EXIT_FAULT, EXIT_BAD_INPUT = 0, 1, 2
EXIT_TAMPERED = 3  # verify-audit found the log or the events altered


class UsageError(Exception):
    """Bad input found after parsing (e.g. no database file yet); one line, exit 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: scripts and people read the reason first.
        self.exit(EXIT_BAD_INPUT, f"{PROG}: error: {message} (see `{self.prog} --help`)\n")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a number, not {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range (1-65535)")
    return port


def _workers(text: str) -> int:
    try:
        workers = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"workers must be a number, not {text!r}") from None
    if workers < 1:
        raise argparse.ArgumentTypeError("workers must be at least 1")
    return workers


def _host(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("host must not be empty")
    return text.strip()


def build_parser() -> argparse.ArgumentParser:
    from sync.server.version import server_version

    parser = Parser(
        prog=PROG,
        usage=(
            "%(prog)s [--host HOST] [--port PORT] [--workers N] [--log-level LEVEL]\n"
            "       %(prog)s admin {migrate,stats,enrol-code,devices,revoke,verify-audit,publish-catalog,"
            "publish-calendar,publish-officers,problems,resolve} ..."
        ),
        description="MotCua sync server: receives dossiers from the counter desks.",
        epilog=(
            f"Environment: {DATABASE_URL_ENV} (postgresql://USER@HOST/DB or sqlite:///PATH; default: "
            f"motcua-server.sqlite3 in the data directory, moved by MOTCUA_HOME), {HOST_ENV}, {PORT_ENV}."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {server_version()}")
    parser.add_argument("--host", type=_host, help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, help="TCP port to listen on (default 8400)")
    parser.add_argument("--workers", type=_workers, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--log-level", choices=["critical", "error", "warning", "info", "debug"], default="info"
    )
    parser.add_argument("--ssl-certfile", type=Path, help="serve HTTPS with this PEM certificate (chain)")
    parser.add_argument("--ssl-keyfile", type=Path, help="the certificate's private key (PEM)")
    parser.set_defaults(handler=_serve)

    # prog given explicitly: argparse would otherwise derive it from the two-line usage above.
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser, prog=PROG)
    admin = commands.add_parser("admin", help="maintain the server database", description="Maintenance.")
    actions = admin.add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=Parser, prog=f"{PROG} admin"
    )
    migrate = actions.add_parser(
        "migrate",
        help="apply pending schema migrations and print the schema revision",
        description="Apply pending schema migrations (safe while servers run) and print the revision.",
    )
    migrate.set_defaults(handler=_migrate)
    stats = actions.add_parser(
        "stats",
        help="count dossiers, events and blobs",
        description=(
            "Count dossiers, events, files (blobs), enrolled devices, and the conflicts and dead letters "
            "waiting for a supervisor. A database not yet migrated to the sync tables counts 0."
        ),
    )
    stats.add_argument(
        "--json", action="store_true", help='print {"dossiers": N, "events": N, "blobs": N, ...}'
    )
    stats.set_defaults(handler=_stats)
    _add_sync_admin(actions)
    return parser


def _add_sync_admin(actions: Any) -> None:
    code = actions.add_parser(
        "enrol-code",
        help="make a one-time code that enrols one desk of an office",
        description="Print a one-time enrolment code for a desk of OFFICE (`motcua enrol --code CODE`).",
    )
    code.add_argument("--office", required=True, help="the office (agency code) the desk belongs to")
    code.add_argument("--hours", type=_hours, default=72, help="how long the code stays valid (default 72)")
    code.add_argument("--json", action="store_true")
    code.set_defaults(handler=_enrol_code)
    listing = actions.add_parser("devices", help="list enrolled desks", description="List enrolled desks.")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_devices)
    revoke = actions.add_parser(
        "revoke",
        help="revoke a desk's token at once",
        description="Revoke a desk's token: every request with it is refused from now on.",
    )
    revoke.add_argument("--device", required=True, help="the device id (see `admin devices`)")
    revoke.set_defaults(handler=_revoke)
    verify = actions.add_parser(
        "verify-audit",
        help="check the audit log's hash chain and the events against it",
        description="Check the audit log's hash chain and that every event is the one it recorded; exit 3 "
        "when something was altered, inserted or deleted.",
    )
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=_verify_audit)
    publish = actions.add_parser(
        "publish-catalog",
        help="publish a procedure catalogue (JSON or XLSX) to every desk",
        description="Publish the procedures of FILE; desks receive them with their next pull.",
    )
    publish.add_argument("file", type=Path)
    publish.add_argument("--json", action="store_true")
    publish.set_defaults(handler=_publish_catalog)
    calendar = actions.add_parser(
        "publish-calendar",
        help="publish a year's official schedule (YYYY.toml) to every desk",
        description="Publish YYYY.toml (days off and make-up working days; format: "
        "resources/calendar/README.md); desks receive it with their next pull and use it from their "
        "next start.",
    )
    calendar.add_argument("file", type=Path)
    calendar.add_argument("--json", action="store_true")
    calendar.set_defaults(handler=_publish_calendar)
    officers = actions.add_parser(
        "publish-officers",
        help="publish officers (JSON) to the desks of their office",
        description="Publish the officers of FILE, a JSON list of {username, full_name, role "
        "(officer|supervisor|admin), office_code, counter_number, password}; only password hashes "
        "(scrypt) leave the server, and only to the desks of each officer's office.",
    )
    officers.add_argument("file", type=Path)
    officers.add_argument("--json", action="store_true")
    officers.set_defaults(handler=_publish_officers)
    problems = actions.add_parser(
        "problems",
        help="list conflicts and refused events waiting for a supervisor",
        description="List unresolved conflicts (changes made on a stale version) and refused events.",
    )
    problems.add_argument("--json", action="store_true")
    problems.set_defaults(handler=_problems)
    resolve = actions.add_parser(
        "resolve",
        help="mark a conflict or refused event as settled",
        description="Mark a conflict or refused event settled (the decision itself is a new event of the "
        "dossier); recorded in the audit log with the note.",
    )
    resolve.add_argument("--device", required=True)
    resolve.add_argument("--seq", type=int, required=True, help="the event's device sequence number")
    resolve.add_argument("--note", required=True, help="what was decided, for the audit log")
    resolve.set_defaults(handler=_resolve)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    sys.exit(run(argv))


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from alembic.util import CommandError
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

    from sync.server.db import describe_error
    from sync.server.settings import SettingsError

    try:
        return int(args.handler(args))
    except (SettingsError, UsageError) as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    except OperationalError as exc:
        return _fail(f"cannot use the database: {describe_error(exc)}", EXIT_FAULT)
    except (SQLAlchemyError, CommandError) as exc:
        return _fail(f"database error: {describe_error(exc)}", EXIT_FAULT)
    except KeyboardInterrupt:
        return 130


def _settings(args: argparse.Namespace) -> ServerSettings:
    from sync.server.settings import load_settings

    settings = load_settings()
    overrides = {name: value for name in ("host", "port") if (value := getattr(args, name, None)) is not None}
    # model_copy skips validation, but argparse has already checked these values.
    return settings.model_copy(update=overrides) if overrides else settings


def _serve(args: argparse.Namespace) -> int:
    settings = _settings(args)  # fail here, in one line, rather than in every worker
    if (args.ssl_certfile is None) != (args.ssl_keyfile is None):
        raise UsageError("--ssl-certfile and --ssl-keyfile go together")
    for path in (args.ssl_certfile, args.ssl_keyfile):
        if path is not None and not path.is_file():
            raise UsageError(f"no file {path}")
    if args.workers > 1:
        # Each worker fans out only the queue changes it made itself (sync/server/queue/broker.py).
        sys.stderr.write(
            f"{PROG}: note: with {args.workers} workers, the office queue's live streams (hall display, "
            "counters) see only the calls of the worker they are connected to; serve an office's queue "
            "with one worker\n"
        )
    import uvicorn

    uvicorn.run(
        "sync.server.app:create_app",
        factory=True,
        ssl_certfile=str(args.ssl_certfile) if args.ssl_certfile else None,
        ssl_keyfile=str(args.ssl_keyfile) if args.ssl_keyfile else None,
        host=settings.host,
        port=settings.port,
        workers=args.workers,
        log_level=args.log_level,
        log_config=_log_config(args.log_level),
    )
    return EXIT_OK


def _log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging, extended to the server's own `motcua.*` loggers so they share its format."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["motcua"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return config


def _migrate(args: argparse.Namespace) -> int:
    from sync.server.db import make_engine
    from sync.server.migrate import upgrade_to_head

    engine = make_engine(_settings(args).database_url)
    try:
        revision = upgrade_to_head(engine)
    finally:
        engine.dispose()
    sys.stdout.write(f"{revision}\n")
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    from sqlalchemy import make_url

    from sync.server.db import make_engine
    from sync.server.stats import count_rows

    settings = _settings(args)
    if settings.backend == "sqlite":
        path = Path(make_url(settings.database_url).database or "")
        if not path.exists():  # opening it would create an empty file and report zeros
            raise UsageError(f"no server database at {path}; run `{PROG} admin migrate` first")
    engine = make_engine(settings.database_url)
    try:
        counts = count_rows(engine)
    finally:
        engine.dispose()
    if args.json:
        sys.stdout.write(json.dumps(counts) + "\n")
    else:
        sys.stdout.write("".join(f"{key}: {value}\n" for key, value in counts.items()))
    return EXIT_OK


def _hours(text: str) -> int:
    try:
        hours = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"hours must be a number, not {text!r}") from None
    if not 1 <= hours <= 24 * 90:
        raise argparse.ArgumentTypeError("hours must be between 1 and 2160 (90 days)")
    return hours


@contextlib.contextmanager
def _database(args: argparse.Namespace) -> Iterator[Any]:
    """The migrated database for one admin command (a fresh database gets its tables first), closed after."""
    from sync.server.db import make_engine
    from sync.server.migrate import upgrade_to_head

    engine = make_engine(_settings(args).database_url)
    try:
        upgrade_to_head(engine)
        yield engine
    finally:
        engine.dispose()


def _now() -> Any:
    from app.services.context import SystemClock

    return SystemClock().now()


def _enrol_code(args: argparse.Namespace) -> int:
    from sync.server.devices import check_office, new_enrol_code

    try:
        office = check_office(args.office)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    with _database(args) as engine:
        code = new_enrol_code(engine, office, _now(), hours=args.hours)
    if args.json:
        sys.stdout.write(json.dumps({"code": code, "office": office, "hours": args.hours}) + "\n")
    else:
        sys.stdout.write(f"{code}\n")
    return EXIT_OK


def _devices(args: argparse.Namespace) -> int:
    from sync.server.devices import list_devices

    with _database(args) as engine:
        rows = list_devices(engine)
    if args.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
    else:
        for row in rows:
            state = "revoked" if row["revoked"] else "active"
            sys.stdout.write(
                f"{row['device']}  {row['office']}  {state}  next {row['next_seq']}  {row['label']}\n"
            )
    return EXIT_OK


def _revoke(args: argparse.Namespace) -> int:
    from sync.server.devices import revoke

    with _database(args) as engine:
        done = revoke(engine, args.device.strip(), _now())
    if not done:
        raise UsageError(f"no active device {args.device!r} (see `{PROG} admin devices`)")
    sys.stdout.write(f"revoked {args.device.strip()}\n")
    return EXIT_OK


def _verify_audit(args: argparse.Namespace) -> int:
    from sync.server.audit import verify_audit

    with _database(args) as engine:
        report = verify_audit(engine)
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    elif report.ok:
        sys.stdout.write(f"audit log intact: {report.entries} entries, {report.events} events\n")
    else:
        sys.stdout.write("".join(f"{problem}\n" for problem in report.problems))
    return EXIT_OK if report.ok else EXIT_TAMPERED


def _publish_catalog(args: argparse.Namespace) -> int:
    from app.datafiles.catalog_files import read_catalog
    from app.domain.errors import DomainError
    from sync.server.publish import procedure_resource, publish

    if not args.file.is_file():
        raise UsageError(f"no file {args.file}")
    try:
        procedures = read_catalog(args.file)
    except (DomainError, ValueError) as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    with _database(args) as engine:
        last = publish(engine, [procedure_resource(p) for p in procedures], _now())
    if args.json:
        sys.stdout.write(json.dumps({"published": len(procedures), "server_seq": last}) + "\n")
    else:
        sys.stdout.write(f"published {len(procedures)} procedures\n")
    return EXIT_OK


def _publish_calendar(args: argparse.Namespace) -> int:
    from app.datafiles.calendar import load_schedule_file
    from app.domain.errors import DomainError
    from sync.server.publish import Resource, publish

    if not args.file.is_file():
        raise UsageError(f"no file {args.file}")
    try:
        schedule = load_schedule_file(args.file)
    except DomainError as exc:
        raise UsageError(str(exc)) from None
    text = args.file.read_text(encoding="utf-8")
    with _database(args) as engine:
        last = publish(
            engine, [Resource("calendar", str(schedule.year), {"year": schedule.year, "toml": text})], _now()
        )
    if args.json:
        sys.stdout.write(json.dumps({"published": schedule.year, "server_seq": last}) + "\n")
    else:
        sys.stdout.write(f"published the {schedule.year} calendar\n")
    return EXIT_OK


def _publish_officers(args: argparse.Namespace) -> int:
    from app.domain.errors import DomainError
    from app.domain.office import Officer, Role, hash_password
    from sync.server.publish import Resource, publish

    if not args.file.is_file():
        raise UsageError(f"no file {args.file}")
    try:
        entries = json.loads(args.file.read_text(encoding="utf-8"))
        if not isinstance(entries, list) or not entries:
            raise ValueError("expected a non-empty JSON list of officers")
        items = []
        for number, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict) or not entry.get("password"):
                raise ValueError(f"officer {number}: an object with a password is needed")
            officer = Officer(
                username=str(entry["username"]),
                full_name=str(entry["full_name"]),
                role=Role(entry.get("role", "officer")),
                office_code=str(entry["office_code"]),
                password_hash=hash_password(str(entry["password"])),
                counter_number=entry.get("counter_number"),
                active=bool(entry.get("active", True)),
            )
            body = {
                "username": officer.username,
                "full_name": officer.full_name,
                "role": officer.role.value,
                "office_code": officer.office_code,
                "password_hash": officer.password_hash,
                "counter_number": officer.counter_number,
                "active": officer.active,
            }
            items.append(Resource("officer", officer.username, body, office_code=officer.office_code))
    except (ValueError, KeyError, DomainError) as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    with _database(args) as engine:
        last = publish(engine, items, _now())
    if args.json:
        sys.stdout.write(json.dumps({"published": len(items), "server_seq": last}) + "\n")
    else:
        sys.stdout.write(f"published {len(items)} officers\n")
    return EXIT_OK


def _problems(args: argparse.Namespace) -> int:
    from sync.server.review import open_problems

    with _database(args) as engine:
        rows = open_problems(engine)
    if args.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
    else:
        for r in rows:
            sys.stdout.write(f"{r['verdict']}  {r['device']}:{r['device_seq']}  {r['key']}  {r['message']}\n")
    return EXIT_OK


def _resolve(args: argparse.Namespace) -> int:
    from sync.server.review import resolve

    note = args.note.strip()
    if not note:
        raise UsageError("--note must say what was decided")
    with _database(args) as engine:
        done = resolve(engine, args.device.strip(), args.seq, _now(), note)
    if not done:
        raise UsageError(f"no open conflict or refused event {args.device.strip()}:{args.seq}")
    sys.stdout.write(f"resolved {args.device.strip()}:{args.seq}\n")
    return EXIT_OK


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    return code
