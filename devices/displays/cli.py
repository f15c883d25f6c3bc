"""motcua display drivers|send|emulate (registered through the `motcua.commands` entry point)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "display", help="counter LED displays: drivers, send a number, emulate one"
    )
    actions = parser.add_subparsers(dest="display_action", required=True, metavar="ACTION")

    drivers = actions.add_parser("drivers", help="the display protocols this desk speaks")
    drivers.add_argument("--json", action="store_true")
    drivers.set_defaults(handler=run_drivers)

    send = actions.add_parser("send", help="show a text on a display")
    _line_options(send)
    send.add_argument(
        "--url", required=True, help="COM3, /dev/ttyUSB0, socket://H:P, rfc2217://H:P, hwgrep://VID:PID"
    )
    send.add_argument("--text", required=True, help="e.g. 1015 or A015")
    send.add_argument("--json", action="store_true")
    send.set_defaults(handler=run_send)

    emulate = actions.add_parser("emulate", help="act as a display: decode frames and show the digits")
    _line_options(emulate)
    emulate.add_argument("--listen", default="pty", help="pty (prints the port to use) or socket://HOST:PORT")
    emulate.add_argument("--link", help="with pty: also make this symlink to the port (a stable name)")
    emulate.add_argument("--timeout", type=float, help="stop after this many seconds (default: Ctrl+C)")
    emulate.add_argument("--json", action="store_true", help="one JSON line per frame instead of big digits")
    emulate.set_defaults(handler=run_emulate)


def _line_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--driver", required=True, help="see `motcua display drivers`")
    parser.add_argument("--baud", type=int, help="default: the driver's (usually 9600)")
    parser.add_argument("--parity", choices=["N", "E", "O"], help="default: the driver's")
    parser.add_argument("--address", type=int, help="display address (DIP switches); default: the driver's")


def _resolve(args: argparse.Namespace) -> tuple[Any, Any, int]:
    from dataclasses import replace

    from app.cli.common import usage_error
    from devices.displays.drivers import get_driver

    try:
        driver = get_driver(args.driver)
    except ValueError as exc:
        raise usage_error(str(exc)) from None
    line = driver.line
    if args.baud is not None:
        if args.baud not in (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200):
            raise usage_error(
                f"--baud {args.baud}: use 1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200"
            )
        line = replace(line, baud=args.baud)
    if args.parity is not None:
        line = replace(line, parity=args.parity)
    address = driver.default_address if args.address is None else args.address
    try:
        driver.check_address(address)
    except ValueError as exc:
        raise usage_error(str(exc)) from None
    return driver, line, address


def run_drivers(args: argparse.Namespace) -> int:
    from app.cli.common import emit
    from devices.displays.drivers import DRIVERS

    data = [
        {
            "name": d.name,
            "protocol": d.protocol,
            "line": f"{d.line.baud} {d.line.bytesize}{d.line.parity}{d.line.stopbits}",
            "width": d.width,
            "numeric": d.numeric,
            "addresses": f"0-{d.max_address}",
        }
        for d in DRIVERS.values()
    ]
    emit(data, args.json, "\n".join(f"{d['name']:<13} {d['line']:<9} {d['protocol']}" for d in data))
    return 0


def run_send(args: argparse.Namespace) -> int:
    import serial

    from app.cli.common import emit, usage_error
    from devices.displays.link import PortError, open_port

    driver, line, address = _resolve(args)
    try:
        text = driver.fit(args.text)
        frame = driver.encode(text, address)
    except (UnicodeEncodeError, ValueError) as exc:
        raise usage_error(f"--text {args.text!r}: {exc}") from None
    try:
        port = open_port(args.url, line)
    except PortError as exc:
        raise usage_error(str(exc)) from None
    except (serial.SerialException, OSError) as exc:
        raise usage_error(f"cannot open {args.url}: {' '.join(str(exc).split())}") from None
    try:
        port.write(frame)
        port.flush()
    finally:
        port.close()
    data = {
        "driver": driver.name,
        "address": address,
        "shown": text,
        "frame": frame.hex(" "),
        "bytes": len(frame),
        "wire_ms": round(line.wire_seconds(len(frame)) * 1000, 2),
    }
    emit(
        data, args.json, f"sent {data['bytes']} bytes ({data['wire_ms']} ms at {line.baud}): {data['frame']}"
    )
    return 0


def run_emulate(args: argparse.Namespace) -> int:
    import json
    import threading

    from app.cli.common import usage_error
    from devices.displays.emulator import EmulatedDisplay, PtyEmulator, SocketEmulator, seven_segment

    driver, _line, address = _resolve(args)
    stop = threading.Event()

    def shown(text: str, _at: float) -> None:
        if args.json:
            sys.stdout.write(json.dumps({"address": address, "text": text}) + "\n")
        else:
            sys.stdout.write(f"\x1b[2J\x1b[H{driver.name} @ {address}\n\n{seven_segment(text)}\n\n")
        sys.stdout.flush()

    display = EmulatedDisplay(driver, address, on_show=shown)
    emulator: PtyEmulator | SocketEmulator
    if args.listen == "pty":
        emulator = PtyEmulator(display, args.link)
        where = emulator.path + (f" (also {args.link})" if args.link else "")
    elif args.listen.startswith("socket://"):
        host, _, port = args.listen[len("socket://") :].rpartition(":")
        if not port.isdigit():
            raise usage_error(f"--listen {args.listen!r}: use socket://HOST:PORT")
        try:
            emulator = SocketEmulator(display, host or "127.0.0.1", int(port))
        except OSError as exc:
            raise usage_error(f"cannot listen on {args.listen}: {exc.strerror}") from None
        where = emulator.url
    else:
        raise usage_error(f"--listen {args.listen!r}: use pty or socket://HOST:PORT")
    sys.stderr.write(f"emulating a {driver.name} display at address {address} on {where}\n")
    sys.stderr.flush()
    try:
        stop.wait(args.timeout) if args.timeout else _wait_forever()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.close()
    return 0


def _wait_forever() -> None:
    import time

    while True:
        time.sleep(3600)
