"""`motcua-desk`: the counter's desktop app.

Exit codes, as for `motcua`: 0 done, 1 fault, 2 cannot start as asked (no display, no database, bad
settings, a mode that does not exist yet). Messages for the officer are Vietnamese dialogs; they also go
to stderr, and without a screen (offscreen, `--screenshot`) only there.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

EXIT_OK, EXIT_FAULT, EXIT_CANNOT_START = 0, 1, 2
SCREENSHOT_TIMEOUT_MS = 60_000
SCREENSHOT_SIZE = (1366, 768)  # the commonest counter PC screen
HEADLESS_PLATFORMS = ("offscreen", "minimal")

log = logging.getLogger("ui")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua-desk", description="MotCua Desk: the one-stop counter's desktop app."
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--hall", action="store_true", help="waiting-hall display (follows server.url)")
    mode.add_argument("--kiosk", action="store_true", help="self-service ticket kiosk")
    parser.add_argument(
        "--screenshot",
        metavar="PATH",
        type=Path,
        help="render the main window offscreen once its data has loaded, save it as PNG and exit",
    )
    return parser


def display_problem(environ: Mapping[str, str], platform: str) -> str | None:
    """Why Qt could not open a window here, or None. Qt itself aborts the process without a display."""
    if not platform.startswith("linux"):
        return None
    if any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return (
        "motcua-desk: no display found (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are all unset).\n"
        "  Start it from a desktop session, or under a virtual X server:\n"
        "      xvfb-run -a -s '-screen 0 1366x768x24' motcua-desk\n"
        "  or without any display, e.g. to render a screenshot:\n"
        "      QT_QPA_PLATFORM=offscreen motcua-desk --screenshot window.png\n"
    )


def _stderr(text: str) -> None:
    if sys.stderr is not None:  # None under pythonw (the Windows gui-script)
        sys.stderr.write(text if text.endswith("\n") else text + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    problem = display_problem(os.environ, sys.platform)
    if problem:
        _stderr(problem)
        return EXIT_CANNOT_START
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # Qt is imported only now: `--help` and the display check work without it.
    from ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
