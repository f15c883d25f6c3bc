"""`motcua enrol` and `motcua sync`: the desk's side of sync on the command line.

Exit codes as the rest of `motcua`: 0 done; 2 bad input or a state a person must fix (not enrolled, no
keyring, revoked, code refused); 1 when the server could not be reached or failed (try again later). With
--json the report is printed even when the cycle failed, with an "error" object.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
from typing import Any

EXIT_OK, EXIT_UNREACHABLE, EXIT_BAD_INPUT = 0, 1, 2


def register(subparsers: Any) -> None:
    enrol = subparsers.add_parser(
        "enrol",
        help="enrol this desk with the central server (one-time code from its admin)",
        description=(
            "Enrol this desk with motcua-server using a one-time code (`motcua-server admin enrol-code`). "
            "The device token is kept in the OS keyring; where there is none, name a token file."
        ),
    )
    enrol.add_argument(
        "--server", required=True, help="the server's address, e.g. https://motcua.tinh.gov.vn"
    )
    enrol.add_argument("--code", required=True, help="the one-time enrolment code")
    enrol.add_argument("--ca-bundle", help="PEM file of the CA(s) to trust instead of the system's")
    enrol.add_argument(
        "--pin", action="append", default=[], help="SHA-256 of the server's public key, base64 (repeatable)"
    )
    enrol.add_argument(
        "--token-file", help="keep the token in this file (mode 0600) instead of the OS keyring"
    )
    enrol.add_argument("--json", action="store_true")
    enrol.set_defaults(handler=_enrol)

    sync = subparsers.add_parser(
        "sync",
        help="send this desk's changes to the server and fetch changes made elsewhere",
        description="Sync with the central server: `--once` runs one cycle; without it, sync keeps running "
        "in the foreground with backoff until interrupted.",
    )
    sync.add_argument("--once", action="store_true", help="run one cycle and exit")
    sync.add_argument("--json", action="store_true")
    actions = sync.add_subparsers(dest="sync_action", metavar="ACTION")
    status = actions.add_parser("status", help="last sync, pending changes, errors")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)
    problems = actions.add_parser(
        "problems", help="changes the server refused or that conflict, and pulled changes held back"
    )
    problems.add_argument("--json", action="store_true")
    problems.set_defaults(handler=_problems)
    sync.set_defaults(handler=_sync)


def _emit(data: Any, as_json: bool, text: str) -> None:
    if as_json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text + "\n")


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"motcua: error: {message}\n")
    return code


def _enrol(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.cli.common import load_settings, open_desk
    from app.services.sync.enrolment import EnrolRequest, enrol
    from app.services.sync.errors import SyncError
    from app.settings.spec import OFFICE_CODE, SERVER_URL
    from app.settings.store import save_settings
    from app.storage.sync_enrolment import SqlEnrolmentStore
    from sync.client.tls import normalise_pin
    from sync.client.transport import HttpTransport
    from sync.client.vault import FileVault, KeyringVault

    server = args.server.strip().rstrip("/")
    if not server.startswith(("https://", "http://")):
        return _fail(f"--server must be an http(s):// address, not {args.server!r}", EXIT_BAD_INPUT)
    if args.ca_bundle and not Path(args.ca_bundle).is_file():
        return _fail(f"--ca-bundle: no file {args.ca_bundle}", EXIT_BAD_INPUT)
    try:
        pins = tuple(normalise_pin(p) for p in args.pin)
    except ValueError as exc:
        return _fail(f"--pin: {exc}", EXIT_BAD_INPUT)
    settings = load_settings()
    vault = FileVault(Path(args.token_file)) if args.token_file else KeyringVault()
    request = EnrolRequest(
        server_url=server,
        code=args.code,
        office_code=settings.get(OFFICE_CODE) or None,
        label=socket.gethostname(),
        ca_bundle=str(Path(args.ca_bundle).absolute()) if args.ca_bundle else None,
        pins=pins,
    )
    with open_desk(settings) as desk:
        try:
            with HttpTransport(server, None, ca_bundle=request.ca_bundle, pins=pins) as gateway:
                enrolment = enrol(
                    request,
                    store=SqlEnrolmentStore(desk.database.engine),
                    gateway=gateway,
                    vault=vault,
                    clock=desk.services.clock,
                )
        except SyncError as exc:
            return _fail(exc.message, EXIT_UNREACHABLE if exc.retry else EXIT_BAD_INPUT)
    if settings.get(SERVER_URL) != server:
        save_settings(settings.with_values({SERVER_URL.key: server}))
    where = f"token file {enrolment.token_file}" if enrolment.token_store == "file" else "the OS keyring"
    data = {
        "server": enrolment.server_url,
        "device": enrolment.device_id,
        "office": enrolment.office_code,
        "token_store": enrolment.token_store,
        "token_file": enrolment.token_file,
    }
    note = ""
    if enrolment.token_store == "file":
        note = " (plaintext, readable only by this user: keep the file's permissions)"
    _emit(
        data, args.json, f"Enrolled with {server} for office {enrolment.office_code}; token in {where}{note}"
    )
    return EXIT_OK


def _sync(args: argparse.Namespace) -> int:
    from app.cli.common import open_desk
    from app.services.sync.errors import SyncError

    if not args.once:
        return _sync_forever(args)
    with open_desk() as desk:
        from sync.client.wiring import open_session, read_status

        report_data: dict[str, Any] = {"pushed": 0, "pulled": 0}
        error: SyncError | None = None
        try:
            with open_session(desk) as session:
                report = session.run()
            report_data = {
                "pushed": report.pushed,
                "pulled": report.pulled,
                "files": report.files,
                "uploaded_bytes": report.uploaded_bytes,
            }
        except SyncError as exc:
            error = exc
        status = read_status(desk)
    data = {
        **report_data,
        "pending": status.counts.pending,
        "dead_letter": status.counts.dead_letters,
        "conflicts": status.counts.conflicts,
        "held": status.counts.held,
    }
    if error is not None:
        data["error"] = {"code": error.code, "message": error.message}
    text = (
        f"pushed {data['pushed']}, pulled {data['pulled']}, pending {data['pending']}, "
        f"dead letters {data['dead_letter']}, conflicts {data['conflicts']}"
    )
    _emit(data, args.json, text)
    if error is not None:
        return _fail(error.message, EXIT_UNREACHABLE if error.retry else EXIT_BAD_INPUT)
    return EXIT_OK


def _sync_forever(args: argparse.Namespace) -> int:
    import logging
    import threading

    from app.cli.common import open_desk
    from app.services.sync.background import BackgroundSync
    from app.services.sync.cycle import SyncReport
    from app.services.sync.errors import SyncError
    from app.services.sync.status import status_line
    from sync.client.wiring import open_session, read_status

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    with open_desk() as desk:

        def cycle() -> SyncReport:
            with open_session(desk) as session:
                return session.run()

        def report(result: SyncReport | None, error: SyncError | None) -> None:
            line = status_line(read_status(desk), desk.services.clock.now(), language="en")
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

        runner = BackgroundSync(cycle, on_result=report)
        runner.start()
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            runner.stop()
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    from app.cli.common import open_desk
    from app.services.sync.status import status_line
    from sync.client.wiring import read_status

    with open_desk() as desk:
        status = read_status(desk)
        line = status_line(status, desk.services.clock.now(), language="en")
    _emit({**status.to_dict(), "summary": line}, args.json, line)
    return EXIT_OK


def _problems(args: argparse.Namespace) -> int:
    from app.cli.common import open_desk
    from app.domain.events import iso
    from sync.client.wiring import sync_store

    with open_desk() as desk:
        store = sync_store(desk)
        letters, held = store.dead_letters(1000), store.held(1000)
    data = {
        "dead_letters": [
            {
                "device_seq": d.device_seq,
                "key": d.key,
                "verdict": d.verdict.value,
                "reason": d.reason,
                "message": d.message,
                "at": iso(d.recorded_at),
            }
            for d in letters
        ],
        "held": [
            {"server_seq": h.server_seq, "key": h.key, "reason": h.reason, "at": iso(h.held_at)} for h in held
        ],
    }
    lines = [f"{d['verdict']} #{d['device_seq']} {d['key']}: {d['message']}" for d in data["dead_letters"]]
    lines += [f"held {h['key']}: {h['reason']}" for h in data["held"]]
    _emit(data, args.json, "\n".join(lines) or "no problems")
    return EXIT_OK
