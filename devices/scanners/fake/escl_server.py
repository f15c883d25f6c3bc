"""A fake eSCL scanner on 127.0.0.1: what CI scans from, and what a desk without hardware can try.

It speaks the parts of eSCL that desks use (capabilities, status, jobs, NextDocument) and serves
synthetic pages (devices.scanners.fake.pages). Faults are set on its `state`: a jam after N sheets, an
empty feeder, an open cover, a few "busy" answers. Written on the standard library's HTTP server: the
Rust escl-mock-server needs crates.io, and a werkzeug app would add a dependency for the same 150 lines.

    python -m devices.scanners.fake.escl_server --port 8090 [--announce]
"""

from __future__ import annotations

import argparse
import io
import itertools
import re
import socket
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from PIL import Image

from devices.scanners.escl.xml import PWG, SCAN
from devices.scanners.fake.pages import PageSpec, render_page

_CAPS = """<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="{scan}" xmlns:pwg="{pwg}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>{model}</pwg:MakeAndModel>
  <pwg:SerialNumber>FAKE0001</pwg:SerialNumber>
  <scan:Platen><scan:PlatenInputCaps>{caps}</scan:PlatenInputCaps></scan:Platen>
  <scan:Adf>
    <scan:AdfSimplexInputCaps>{caps}</scan:AdfSimplexInputCaps>
    <scan:AdfDuplexInputCaps>{caps}</scan:AdfDuplexInputCaps>
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>
"""
_INPUT_CAPS = """
      <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>4200</scan:MaxHeight>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode>
          <scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
        <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
          <scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt></scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>
          <scan:DiscreteResolution><scan:XResolution>150</scan:XResolution><scan:YResolution>150</scan:YResolution></scan:DiscreteResolution>
          <scan:DiscreteResolution><scan:XResolution>200</scan:XResolution><scan:YResolution>200</scan:YResolution></scan:DiscreteResolution>
          <scan:DiscreteResolution><scan:XResolution>300</scan:XResolution><scan:YResolution>300</scan:YResolution></scan:DiscreteResolution>
        </scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>"""
_STATUS = """<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="{scan}" xmlns:pwg="{pwg}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:State>{state}</pwg:State>
  <scan:AdfState>{adf}</scan:AdfState>
  <scan:Jobs>{jobs}</scan:Jobs>
</scan:ScannerStatus>
"""
_JOB = "<scan:JobInfo><pwg:JobUri>{uri}</pwg:JobUri><pwg:JobState>{state}</pwg:JobState></scan:JobInfo>"


@dataclass
class FakeState:
    """What is in the fake scanner. Tests change it between (or during) runs."""

    model: str = "MotCua Fake eSCL Scanner"
    sheets: int = 5  # in the feeder
    page: Callable[[int, bool, int], Image.Image] | None = None  # (sheet, back, dpi) -> image
    jam_after: int | None = None  # sheets fed before the jam
    cover_open: bool = False
    busy_answers: int = 0  # 503s to give before accepting the next job
    not_ready_answers: int = 0  # 503s before each page
    down: bool = False
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)  # "METHOD path", for tests to look at
    jammed: bool = False

    def adf_state(self) -> str:
        if self.cover_open:
            return "ScannerAdfHatchOpen"
        if self.jammed:
            return "ScannerAdfJam"
        return "ScannerAdfLoaded" if self.sheets > 0 else "ScannerAdfEmpty"


def _default_page(sheet: int, back: bool, dpi: int) -> Image.Image:
    if back:
        return render_page(PageSpec(dpi=dpi, lines=0, seed=sheet * 2 + 1))  # the blank back of a form
    return render_page(PageSpec(dpi=dpi, lines=30, angle=(sheet % 3 - 1) * 1.5, seed=sheet))


def _settings(body: bytes) -> dict[str, str]:
    root = ET.fromstring(body)
    found = {}
    for key, path in (
        ("source", f"{{{PWG}}}InputSource"),
        ("duplex", f"{{{SCAN}}}Duplex"),
        ("mode", f"{{{SCAN}}}ColorMode"),
        ("dpi", f"{{{SCAN}}}XResolution"),
        ("format", f"{{{PWG}}}DocumentFormat"),
    ):
        node = root.find(path)
        found[key] = (node.text or "").strip() if node is not None else ""
    return found


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read `state.requests`
        return None

    def _send(self, code: int, body: bytes = b"", content_type: str = "text/xml", **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        state = self.server.state
        with self.server.lock:
            state.requests.append(f"GET {self.path}")
        if self.path == "/eSCL/ScannerCapabilities":
            caps = _CAPS.format(scan=SCAN, pwg=PWG, model=state.model, caps=_INPUT_CAPS)
            return self._send(200, caps.encode())
        if self.path == "/eSCL/ScannerStatus":
            with self.server.lock:
                jobs = "".join(_JOB.format(uri=uri, state=j["state"]) for uri, j in state.jobs.items())
                status = _STATUS.format(
                    scan=SCAN,
                    pwg=PWG,
                    state="Down" if state.down else "Idle",
                    adf=state.adf_state(),
                    jobs=jobs,
                )
            return self._send(200, status.encode())
        match = re.fullmatch(r"(/eSCL/ScanJobs/[\w-]+)/NextDocument", self.path)
        if match:
            return self._next_document(match.group(1))
        return self._send(404)

    def _next_document(self, uri: str) -> None:
        state = self.server.state
        with self.server.lock:
            job = state.jobs.get(uri)
            if job is None or job["state"] != "Processing":
                return self._send(404)
            if job["not_ready"] > 0:
                job["not_ready"] -= 1
                return self._send(503)
            job["not_ready"] = state.not_ready_answers
            if job["pending_back"] is not None:
                sheet, back = job["pending_back"], True
                job["pending_back"] = None
            elif job["source"] == "Platen":
                if job["served"]:
                    job["state"] = "Completed"
                    return self._send(404)
                sheet, back = 1, False
            else:
                if state.jam_after is not None and job["fed"] >= state.jam_after:
                    state.jammed = True
                    job["state"] = "Aborted"
                    return self._send(500)
                if state.sheets <= 0:
                    job["state"] = "Completed"
                    return self._send(404)
                state.sheets -= 1
                job["fed"] += 1
                sheet, back = job["fed"], False
                if job["duplex"]:
                    job["pending_back"] = sheet
            job["served"] += 1
            dpi, mode = job["dpi"], job["mode"]
        image = (state.page or _default_page)(sheet, back, dpi)
        image = image.convert("RGB" if mode == "RGB24" else "L")
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85, dpi=(dpi, dpi))
        self._send(200, buffer.getvalue(), "image/jpeg")

    def do_POST(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        with self.server.lock:
            state.requests.append(f"POST {self.path}")
        if self.path != "/eSCL/ScanJobs":
            return self._send(404)
        try:
            settings = _settings(body)
        except ET.ParseError:
            return self._send(400)
        with self.server.lock:
            if state.busy_answers > 0:
                state.busy_answers -= 1
                return self._send(503)
            if state.down:
                return self._send(503)
            feeder = settings["source"] == "Feeder"
            if feeder and (state.cover_open or state.sheets <= 0 or state.jammed):
                return self._send(409)
            uri = f"/eSCL/ScanJobs/{next(self.server.ids)}"
            state.jobs[uri] = {
                "state": "Processing",
                "source": settings["source"],
                "duplex": settings["duplex"] == "true",
                "dpi": int(settings["dpi"] or 200),
                "mode": settings["mode"],
                "fed": 0,
                "served": 0,
                "pending_back": None,
                "not_ready": state.not_ready_answers,
            }
        host = self.headers.get("Host", "127.0.0.1")
        self._send(201, Location=f"http://{host}{uri}")

    def do_DELETE(self) -> None:
        state = self.server.state
        with self.server.lock:
            state.requests.append(f"DELETE {self.path}")
            job = state.jobs.get(self.path.rstrip("/"))
            if job is None:
                return self._send(404)
            if job["state"] == "Processing":
                job["state"] = "Canceled"
        self._send(200)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: FakeState) -> None:
        super().__init__(address, _Handler)
        self.state = state
        self.lock = threading.Lock()
        self.ids = (f"job-{n}" for n in itertools.count(1))


class FakeEsclServer:
    """`with FakeEsclServer() as fake: fake.url` -> "http://127.0.0.1:PORT/eSCL"."""

    def __init__(self, state: FakeState | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state or FakeState()
        self._server = _Server((host, port), self.state)
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-escl", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self._server.server_address[0]}:{self.port}/eSCL"

    def start(self) -> FakeEsclServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self) -> FakeEsclServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def announce(server: FakeEsclServer, address: str, interfaces: list[str] | None = None) -> Callable[[], None]:
    """Announce the fake scanner over mDNS as a real one would; returns the function that withdraws it."""
    from zeroconf import InterfaceChoice, IPVersion, ServiceInfo, Zeroconf

    info = ServiceInfo(
        "_uscan._tcp.local.",
        f"{server.state.model}._uscan._tcp.local.",
        addresses=[socket.inet_aton(address)],
        port=server.port,
        properties={
            "rs": "eSCL",
            "ty": server.state.model,
            "is": "platen,adf,duplex",
            "cs": "color,grayscale",
        },
        server="motcua-fake-scanner.local.",
    )
    zc = Zeroconf(
        interfaces=interfaces if interfaces is not None else InterfaceChoice.All, ip_version=IPVersion.V4Only
    )
    zc.register_service(info)

    def withdraw() -> None:
        zc.unregister_service(info)
        zc.close()

    return withdraw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--sheets", type=int, default=5)
    parser.add_argument("--announce", action="store_true", help="announce it over mDNS (_uscan._tcp)")
    args = parser.parse_args()
    server = FakeEsclServer(FakeState(sheets=args.sheets), args.host, args.port).start()
    withdraw = (
        announce(server, args.host if args.host != "0.0.0.0" else "127.0.0.1") if args.announce else None
    )
    print(f"fake eSCL scanner at {server.url} (Ctrl+C to stop)")  # noqa: T201
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        if withdraw is not None:
            withdraw()
        server.stop()


if __name__ == "__main__":
    main()
