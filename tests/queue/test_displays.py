"""Display drivers: exact frames, then real bytes through ptys, loop:// and socket://, unplug and replug."""

from __future__ import annotations

import itertools
import json
import struct
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
import serial

from app.cli.main import run
from app.services.queue.calling import act, call_next, issue_ticket
from app.services.queue.context import QueueContext
from devices.displays.bus import BusState, DisplayBus
from devices.displays.calls import CallsToDisplays
from devices.displays.driver import LineSettings
from devices.displays.drivers import (
    DRIVERS,
    AlphaDriver,
    EdiDriver,
    LaserLightDriver,
    ModbusAsciiDriver,
    ModbusRegisterDriver,
    crc16_modbus,
    get_driver,
)
from devices.displays.emulator import EmulatedBus, EmulatedDisplay, PtyEmulator, SocketEmulator, seven_segment
from devices.displays.link import Backoff, PortError, SerialLink, check_url


def wait_until(predicate: object, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.005)
    return False


# -- exact frames ----------------------------------------------------------------------------------------


def test_crc16_modbus_against_published_check_values() -> None:
    assert crc16_modbus(b"123456789") == 0x4B37  # the CRC catalogue's check value for CRC-16/MODBUS
    # The classic examples of the Modbus specification's users: request, then CRC low byte first.
    assert struct.pack("<H", crc16_modbus(bytes.fromhex("010600010003"))) == bytes.fromhex("980b")
    assert struct.pack("<H", crc16_modbus(bytes.fromhex("010300000001"))) == bytes.fromhex("840a")


def test_edi_frames() -> None:
    edi = EdiDriver()
    assert edi.encode(edi.fit("1015"), 5) == b"\x02" + b"05" + b"1015" + b"\x03"
    assert edi.encode(edi.fit("A015"), 12) == b"\x02120015\x03"  # numeric display: digits, zero-padded
    assert edi.encode(edi.fit("7"), 0) == b"\x020007\x03"  # DIP 0: no address at all
    with pytest.raises(ValueError, match="address"):
        edi.encode("1", 100)


def test_alpha_frames_with_checksum() -> None:
    alpha = AlphaDriver()
    body = b"\x02" + b"A" + b"A" + b"\x1b" + b" " + b"b" + b"A015" + b"\x03"
    # 0x02+0x41+0x41+0x1B+0x20+0x62+0x41+0x30+0x31+0x35+0x03 = 0x01FB
    assert (
        alpha.encode(alpha.fit("A015"), 0) == b"\x00" * 5 + b"\x01" + b"Z" + b"00" + body + b"01FB" + b"\x04"
    )
    assert alpha.encode("1", 0x1A)[6:9] == b"Z1A"  # the address is two hex characters
    assert alpha.line == LineSettings(9600, 7, "E", 2)


def test_modbus_register_frame() -> None:
    frame = ModbusRegisterDriver().encode("1015", 1)
    assert frame[:6] == bytes([0x01, 0x06, 0x00, 0x00, 0x03, 0xF7])  # register 0 := 1015
    assert frame[6:] == struct.pack("<H", crc16_modbus(frame[:6]))
    assert crc16_modbus(frame) == 0  # a frame with its CRC checks to zero
    assert ModbusRegisterDriver().encode("A015", 247)[:6] == bytes([247, 6, 0, 0, 0, 15])


def test_modbus_ascii_frame() -> None:
    driver = ModbusAsciiDriver()
    frame = driver.encode(driver.fit("A015"), 2)
    assert frame[:7] == bytes([0x02, 0x10, 0x00, 0x00, 0x00, 0x06, 0x0C])
    assert frame[7:19] == b"\x00 \x00 \x00A\x000\x001\x005"
    assert crc16_modbus(frame) == 0
    assert driver.reply(frame) == bytes([2, 0x10, 0, 0, 0, 6]) + struct.pack(
        "<H", crc16_modbus(bytes([2, 0x10, 0, 0, 0, 6]))
    )


def test_laserlight_frame() -> None:
    assert LaserLightDriver().encode("A015", 3) == b"|03DM|A015!"


@pytest.mark.parametrize("name", sorted(DRIVERS))
def test_decoders_reject_damaged_frames_and_keep_reading(name: str) -> None:
    driver = get_driver(name)
    address = 0 if name == "alpha" else 7
    good = driver.encode(driver.fit("1234"), address)
    display = EmulatedDisplay(driver, address)
    damaged = bytearray(good)
    damaged[-2 if name in ("modbus", "modbus-ascii", "alpha") else len(good) // 2] ^= 0x01
    display.feed(b"\xff\xfe" + bytes(damaged))
    if name in ("modbus", "modbus-ascii", "alpha"):  # those carry a check; the others cannot tell
        assert display.shown is None and display.rejected >= 1
    display.feed(good[:3])
    display.feed(good[3:])  # a frame split over two reads
    assert display.shown == driver.fit("1234")


def test_a_display_ignores_frames_for_other_addresses() -> None:
    driver = EdiDriver()
    display = EmulatedDisplay(driver, 5)
    display.feed(driver.encode("0001", 6) + driver.encode("0002", 5) + driver.encode("0003", 4))
    assert display.shown == "0002" and len(display.frames) == 1


# -- real lines ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DRIVERS))
def test_each_driver_over_a_pty(name: str) -> None:
    driver = get_driver(name)
    address = 0 if name == "alpha" else 3
    emulator = PtyEmulator(EmulatedDisplay(driver, address))
    bus = DisplayBus(SerialLink(emulator.path, driver.line)).start()
    try:
        handle = bus.add(driver, address)
        handle.show("A015")
        assert emulator.wait_for(driver.fit("A015"))
        assert bytes(emulator.received) == driver.encode(driver.fit("A015"), address)
        handle.show("A016")
        assert emulator.wait_for(driver.fit("A016"))
    finally:
        bus.close()
        emulator.close()


def test_modbus_display_answers_over_a_pty() -> None:
    driver = ModbusRegisterDriver()
    emulator = PtyEmulator(EmulatedDisplay(driver, 1))
    port = serial.Serial(emulator.path, 9600, timeout=2)
    try:
        frame = driver.encode("1015", 1)
        port.write(frame)
        assert port.read(len(frame)) == frame  # FC06 answers with an echo of the request
    finally:
        port.close()
        emulator.close()


def test_loop_url_carries_the_exact_frame() -> None:
    port = serial.serial_for_url("loop://", timeout=1)
    frame = AlphaDriver().encode("A015", 0)
    port.write(frame)
    assert port.read(len(frame)) == frame
    port.close()


def test_socket_url_reaches_a_display_behind_a_serial_ethernet_converter() -> None:
    driver = LaserLightDriver()
    emulator = SocketEmulator(EmulatedDisplay(driver, 4))
    bus = DisplayBus(SerialLink(emulator.url, driver.line)).start()
    try:
        bus.add(driver, 4).show("B007")
        assert emulator.wait_for("B007")
    finally:
        bus.close()
        emulator.close()


def test_several_displays_share_a_bus_paced_by_wire_time() -> None:
    driver = EdiDriver()
    line = LineSettings(2400)
    displays = [EmulatedDisplay(driver, address) for address in (1, 2, 3)]
    master = PtyEmulator(EmulatedBus(displays))
    bus = DisplayBus(SerialLink(master.path, line), gap_s=0.002).start()
    try:
        handles = [bus.add(driver, address) for address in (1, 2, 3)]
        for i, handle in enumerate(handles):
            handle.show(f"{i + 1}00")
        assert wait_until(lambda: all(h.sent == 1 for h in handles))
        starts = sorted(h.started_at for h in handles if h.started_at is not None)
        frame_time = line.wire_seconds(len(driver.encode("0100", 1)))
        assert frame_time > 0.02  # 8 bytes at 2400 baud 8N1: 33 ms
        # Never two frames on the wire at once: each write starts after the previous one's bytes have left.
        # Start times, not end times: a write that returns late on a loaded machine says nothing about when
        # its bytes went, while the pacing is by construction from the start, and sleeps only overshoot.
        assert all(b - a >= frame_time for a, b in itertools.pairwise(starts))
        # Written to the pty is not yet decoded by the emulator's reader thread.
        assert wait_until(lambda: [d.shown for d in displays] == ["0100", "0200", "0300"])
        assert [len(d.frames) for d in displays] == [1, 1, 1]
    finally:
        bus.close()
        master.close()


def test_only_the_newest_text_is_sent_and_displays_are_refreshed() -> None:
    driver = EdiDriver()
    emulator = PtyEmulator(EmulatedDisplay(driver, 9))
    bus = DisplayBus(SerialLink(emulator.path, LineSettings(1200)), refresh_s=0.05).start()
    try:
        handle = bus.add(driver, 9)
        for n in range(1, 30):
            handle.show(str(n))
        assert emulator.wait_for("0029")
        assert len(emulator.display.frames) < 29  # coalesced while the slow line was busy
        count = len(emulator.display.frames)
        assert wait_until(lambda: len(emulator.display.frames) >= count + 3)  # periodic re-send
        assert {f.text for f in emulator.display.frames[count:]} == {"0029"}
    finally:
        bus.close()
        emulator.close()


def test_unplug_and_replug_shows_the_current_number_again(tmp_path: Path) -> None:
    driver = EdiDriver()
    stable = str(tmp_path / "ttyCOUNTER5")  # like /dev/serial/by-id/...: the same name after replug
    emulator = PtyEmulator(EmulatedDisplay(driver, 5), link_path=stable)
    states: list[BusState] = []
    bus = DisplayBus(
        SerialLink(stable, driver.line, backoff=Backoff(first=0.02, most=0.1)), on_state=states.append
    ).start()
    errors: list[BaseException] = []
    threading.excepthook = lambda args: errors.append(args.exc_value)  # type: ignore[assignment]
    try:
        handle = bus.add(driver, 5)
        handle.show("1015")
        assert emulator.wait_for("1015")
        emulator.unplug()
        handle.show("1016")  # called while the cable is out: no exception, nothing shown
        assert wait_until(lambda: states and not states[-1].connected)
        assert emulator.display.shown == "1015"
        time.sleep(0.2)  # a few failed reconnection attempts
        emulator.display.shown = None  # the display lost power with the cable: blank
        emulator.plug()
        assert emulator.wait_for("1016")
        assert wait_until(lambda: states[-1].connected)
        assert errors == []
        assert [s.connected for s in states][:2] == [True, False]
    finally:
        threading.excepthook = threading.__excepthook__  # type: ignore[attr-defined]
        bus.close()
        emulator.close()


def test_port_urls_are_checked() -> None:
    assert check_url(" /dev/ttyUSB0 ") == "/dev/ttyUSB0"
    assert check_url("COM3") == "COM3"
    assert check_url("hwgrep://1a86:7523") == "hwgrep://1a86:7523"
    for bad in ("", "http://x", "hwgrep://"):
        with pytest.raises(PortError):
            check_url(bad)


def test_an_absent_port_is_retried_with_backoff_never_raised() -> None:
    clock = [0.0]
    attempts: list[float] = []

    def opener(url: str, line: LineSettings) -> object:
        attempts.append(clock[0])
        raise serial.SerialException("could not open port")

    link = SerialLink("/dev/ttyUSB9", LineSettings(), opener=opener, clock=lambda: clock[0])
    for step in range(40):
        clock[0] = step * 0.1
        assert link.write(b"x") is False
    gaps = [b - a for a, b in itertools.pairwise(attempts)]
    assert gaps == sorted(gaps) and gaps[0] < gaps[-1]  # growing pauses
    assert link.last_error == "could not open port"


def test_seven_segment_view() -> None:
    assert seven_segment("15").splitlines()[2] == "  | " + " _| "


# -- command line ----------------------------------------------------------------------------------------


def test_cli_drivers(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["display", "drivers", "--json"]) == 0
    drivers = json.loads(capsys.readouterr().out)
    assert {"edi", "alpha", "modbus", "modbus-ascii", "laserlight"} <= {d["name"] for d in drivers}
    assert all(d["protocol"] and "\n" not in d["protocol"] for d in drivers)


def test_cli_send_to_an_emulated_display(capsys: pytest.CaptureFixture[str]) -> None:
    emulator = PtyEmulator(EmulatedDisplay(EdiDriver(), 5))
    try:
        argv = [
            "display",
            "send",
            "--driver",
            "edi",
            "--url",
            emulator.path,
            "--address",
            "5",
            "--text",
            "1015",
        ]
        assert run([*argv, "--json"]) == 0
        sent = json.loads(capsys.readouterr().out)
        assert sent["frame"] == "02 30 35 31 30 31 35 03"
        assert sent["wire_ms"] == pytest.approx(8 * 10 / 9600 * 1000, abs=0.01)
        assert emulator.wait_for("1015")
    finally:
        emulator.close()


@pytest.mark.parametrize(
    "argv",
    [
        ["--driver", "nope", "--url", "loop://", "--text", "1"],
        ["--driver", "edi", "--url", "http://x", "--text", "1"],
        ["--driver", "edi", "--url", "/dev/does-not-exist", "--text", "1"],
        ["--driver", "edi", "--url", "hwgrep://ffff:fffe", "--text", "1"],
        ["--driver", "edi", "--url", "loop://", "--text", "1", "--address", "100"],
        ["--driver", "edi", "--url", "loop://", "--text", "1", "--baud", "1234"],
    ],
)
def test_cli_send_bad_input_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert run(["display", "send", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("motcua: error:") and "\n" not in err


def test_cli_emulate_as_a_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    link = tmp_path / "ttyEMU"
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "app", "display", "emulate", "--driver", "modbus", "--address", "2"),
            *("--listen", "pty", "--link", str(link), "--timeout", "20", "--json"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_until(link.exists, 15)
        port = serial.Serial(str(link), 9600, timeout=2)
        frame = ModbusRegisterDriver().encode("1015", 2)
        port.write(frame)
        assert port.read(len(frame)) == frame
        port.close()
        line = process.stdout.readline()  # type: ignore[union-attr]
        assert json.loads(line) == {"address": 2, "text": "1015"}
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert not link.exists()


def test_calls_on_the_desk_reach_their_counters_display_over_a_pty(queue: QueueContext) -> None:
    """The desk's wiring: the queue's listener, the bus thread, a real pty, the display's decoder."""

    driver = EdiDriver()
    display = EmulatedDisplay(driver, 5)
    emulator = PtyEmulator(display)
    bus = DisplayBus(SerialLink(emulator.path, driver.line)).start()
    try:
        ctx = replace(queue, listeners=[CallsToDisplays({5: bus.add(driver, 5)})])
        issue_ticket(ctx, "Q5")
        issue_ticket(ctx, "Q1")
        called = call_next(ctx, 5, "lan").ticket
        assert called is not None
        assert emulator.wait_for(driver.fit(called.label), timeout=5)
        act(ctx, 5, "complete", "lan")
        call_next(ctx, 1, "minh")  # another counter's call is not this display's
        time.sleep(0.1)
        assert display.shown == driver.fit(called.label)
    finally:
        bus.close()
        emulator.close()
