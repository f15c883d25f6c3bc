"""`motcua-server`: run the sync server, or maintain its database with `motcua-server admin ...`.

English messages; exit 0 on success, 2 on bad input (one line, no traceback), 1 when the database fails.
The database comes from MOTCUA_DATABASE_URL so that every uvicorn worker process sees the same one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from sync.server.settings import DATABASE_URL_ENV, HOST_ENV, PORT_ENV, ServerSettings

PROG = "motcua-server"
EXIT_OK, EXIT_FAULT, EXIT_BAD_INPUT = 0, 1, 2


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
            "       %(prog)s admin {migrate,stats} ..."
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
            "Count dossiers, events and blobs on this server. Those tables arrive with the sync protocol "
            "(a later release); until then every count is 0."
        ),
    )
    stats.add_argument("--json", action="store_true", help='print {"dossiers": N, "events": N, "blobs": N}')
    stats.set_defaults(handler=_stats)
    return parser


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
    import uvicorn

    uvicorn.run(
        "sync.server.app:create_app",
        factory=True,
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


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    return code
