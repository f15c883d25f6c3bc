"""`motcua`: the command line of a desk. English messages; exit 0 on success, 2 on bad input, 1 on a fault.

Only argparse is imported to build the parser, so `motcua --help` starts fast; each handler imports what
it needs. Other packages add commands through the `motcua.commands` entry-point group (a function that
takes the subparsers object), so the core never imports them.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points
from typing import NoReturn

from app.cli import commands

EXIT_OK, EXIT_FAULT, EXIT_BAD_INPUT = 0, 1, 2
# Listed in `motcua --help` in this order; any other module in app/cli/commands follows alphabetically.
_ORDER = ("init", "config", "office", "catalog", "calendar", "dossier", "dev")


class UsageError(Exception):
    """Bad input found by a handler (e.g. an unreadable file); reported in one line with exit 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: scripts and people read the reason first.
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="motcua",
        description="MotCua Desk: reception of administrative dossiers at one-stop counters.",
    )
    parser.add_argument("--version", action="version", version="motcua 0.1.0")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)
    # Each module of app/cli/commands registers its own command: adding one touches no shared list.
    names = sorted(
        (m.name for m in pkgutil.iter_modules(commands.__path__)),
        key=lambda n: (_ORDER.index(n) if n in _ORDER else len(_ORDER), n),
    )
    for name in names:
        importlib.import_module(f"app.cli.commands.{name}").register(subparsers)
    for entry in entry_points(group="motcua.commands"):
        entry.load()(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> NoReturn:
    sys.exit(run(argv))


def run(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already reported in one line
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        return int(args.handler(args) or EXIT_OK)
    except UsageError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (`| head`) went away: not a fault. Point stdout at devnull so exit does not fail again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        from app.domain.errors import DomainError

        if isinstance(exc, DomainError):
            return _fail(str(exc))
        from app.cli.crash import report

        path = report(exc)
        print(f"motcua: internal error: {type(exc).__name__}: {exc} (details in {path})", file=sys.stderr)
        return EXIT_FAULT


def _fail(message: str) -> int:
    print(f"motcua: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
