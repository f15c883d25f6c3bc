"""The tests of the displays page, off the GUI thread: the serial ports of this computer, "8888" then the
counter's number on the LED display (through the display bus, closed after), and a sample call spoken.

Device imports (pyserial, the drivers, espeak-ng) are made inside the functions: the dialog opens without
them, and an install without the devices package says so instead of failing to start.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

SEGMENTS_TEXT = "8888"  # every segment lit: a dead segment shows at once
SEGMENTS_PAUSE_S = 1.0  # long enough for the installer to look before the counter's number replaces it
WRITE_TIMEOUT_S = 3.0
SAMPLE_TICKET = "A001"

# How the display test ended.
SHOWN = "shown"
BAD_PORT = "bad_port"  # the port name or URL cannot name a serial line
BAD_SETTING = "bad_setting"  # an unknown driver, an address the driver cannot take
NOT_WRITTEN = "not_written"  # the port could not be opened or written
NO_DEVICES = "no_devices"  # the devices package is not installed

# How the voice test ended.
SPOKEN = "spoken"
NO_ENGINE = "no_engine"  # espeak-ng is not installed
NO_PLAYER = "no_player"  # neither aplay nor paplay
PLAY_FAILED = "play_failed"


@dataclass(frozen=True, slots=True)
class SerialPort:
    device: str
    description: str


@dataclass(frozen=True, slots=True)
class DisplayTest:
    outcome: str
    shown: tuple[str, ...] = ()  # the texts the display acknowledged being written, in order
    detail: str = ""


@dataclass(frozen=True, slots=True)
class VoiceTest:
    outcome: str
    words: str = ""
    detail: str = ""


def serial_ports() -> list[SerialPort]:
    from serial.tools import list_ports

    return [
        SerialPort(p.device, p.description if p.description and p.description != "n/a" else "")
        for p in sorted(list_ports.comports(), key=lambda p: p.device)
    ]


def driver_names() -> list[str]:
    from devices.displays.drivers import DRIVERS

    return list(DRIVERS)


def try_display(url: str, driver_name: str, address: int, counter: int) -> DisplayTest:
    try:
        from devices.displays.bus import DisplayBus
        from devices.displays.drivers import get_driver
        from devices.displays.link import PortError, SerialLink
    except ImportError as exc:
        return DisplayTest(NO_DEVICES, detail=str(exc))
    try:
        driver = get_driver(driver_name)
        driver.check_address(address)
        texts = [driver.fit(SEGMENTS_TEXT), driver.fit(str(counter))]
        for text in texts:
            driver.encode(text, address)
    except (ValueError, UnicodeEncodeError) as exc:
        return DisplayTest(BAD_SETTING, detail=str(exc))
    try:
        link = SerialLink(url, driver.line)
    except PortError as exc:
        return DisplayTest(BAD_PORT, detail=str(exc))
    # No refresh during the test: each text is written once, and the count of writes says it went out.
    bus = DisplayBus(link, refresh_s=3600.0).start()
    shown: list[str] = []
    try:
        handle = bus.add(driver, address)
        for i, text in enumerate(texts):
            before = handle.sent
            handle.show(text)
            deadline = time.monotonic() + WRITE_TIMEOUT_S
            while handle.sent == before and time.monotonic() < deadline:
                time.sleep(0.02)
            if handle.sent == before:
                return DisplayTest(NOT_WRITTEN, tuple(shown), link.last_error or "no write in time")
            shown.append(text)
            if i == 0:
                time.sleep(SEGMENTS_PAUSE_S)
    finally:
        bus.close()
    return DisplayTest(SHOWN, tuple(shown))


def try_voice(counter: int, player_command: list[str] | None = None) -> VoiceTest:
    try:
        from devices.voice.announcer import CommandPlayer
        from devices.voice.speech import VoiceSettings, VoiceUnavailable, call_words, render_call
    except ImportError as exc:
        return VoiceTest(NO_ENGINE, detail=str(exc))
    settings = VoiceSettings()
    words = call_words(SAMPLE_TICKET, counter, settings)
    try:
        wav = render_call(SAMPLE_TICKET, counter, settings)
    except VoiceUnavailable as exc:
        return VoiceTest(NO_ENGINE, words, str(exc))
    try:
        player = CommandPlayer(player_command)
    except RuntimeError as exc:
        return VoiceTest(NO_PLAYER, words, str(exc))
    try:
        player.play(wav)
    except Exception as exc:  # a busy or missing sound card: say so, the call itself is fine
        return VoiceTest(PLAY_FAILED, words, " ".join(str(exc).split()) or type(exc).__name__)
    return VoiceTest(SPOKEN, words)
