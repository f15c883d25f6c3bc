"""A network scanner over eSCL (AirScan): plain HTTP(S) with httpx, no driver.

A run: GET ScannerStatus (an empty feeder or an open cover is reported before any job), POST ScanJobs
with the settings (201 and a Location), then GET {Location}/NextDocument until 404. 503 means "not yet"
(the lamp warming up, the next sheet feeding) and is retried; any other failure is explained by the
scanner's status (AdfState: jam, empty, hatch open), as sane-airscan does. Devices on HTTPS nearly always
present a self-signed certificate, so it is not verified: the address came from the local network or the
desk's own configuration.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Callable, Iterator
from urllib.parse import urljoin

import httpx
from PIL import Image, UnidentifiedImageError

from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import DeviceInfo, ScannedPage, ScanProfile, ScanRequest, Source
from devices.scanners.escl.xml import Capabilities, Status, parse_capabilities, parse_status, scan_settings

log = logging.getLogger(__name__)

PREFIX = "escl:"
_ADF_FAULTS = {
    "ScannerAdfJam": ScannerFault.JAMMED,
    "ScannerAdfMispick": ScannerFault.JAMMED,
    "ScannerAdfMultipickDetected": ScannerFault.JAMMED,
    "ScannerAdfEmpty": ScannerFault.FEEDER_EMPTY,
    "ScannerAdfHatchOpen": ScannerFault.COVER_OPEN,
    "ScannerAdfInputTrayFailed": ScannerFault.FAILED,
}
_FORMAT = "image/jpeg"  # every eSCL device must offer it; PDF would have to be taken apart again


class EsclScanner:
    def __init__(
        self,
        device_id: str,
        *,
        client: httpx.Client | None = None,
        timeout: float = 30.0,
        retry_delay: float = 0.5,
        max_retries: int = 60,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._id = device_id
        self.base = device_id.removeprefix(PREFIX).rstrip("/") + "/"
        self._client = client or httpx.Client(timeout=timeout, verify=False, follow_redirects=True)
        self._retry_delay = retry_delay
        self._max_retries = max_retries
        self._sleep = sleep
        self._job: str | None = None
        self._cancelled = threading.Event()
        self.capabilities = self._capabilities()
        self._info = DeviceInfo(
            id=device_id,
            name=self.capabilities.make_and_model or self.base,
            backend="escl",
            sources=self.capabilities.sources or (Source.FLATBED,),
            model=self.capabilities.make_and_model,
        )

    @property
    def info(self) -> DeviceInfo:
        return self._info

    # ----- HTTP ---------------------------------------------------------------------------------------

    def _request(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        try:
            return self._client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException:
            raise ScannerError(
                ScannerFault.UNPLUGGED, f"no answer from {self.base}", device=self._id
            ) from None
        except httpx.TransportError as exc:
            raise ScannerError(ScannerFault.UNPLUGGED, f"{self.base}: {exc}", device=self._id) from None

    def _capabilities(self) -> Capabilities:
        response = self._request("GET", urljoin(self.base, "ScannerCapabilities"))
        if response.status_code != 200:
            raise ScannerError(
                ScannerFault.FAILED, f"capabilities: HTTP {response.status_code}", device=self._id
            )
        return parse_capabilities(response.content)

    def status(self) -> Status:
        response = self._request("GET", urljoin(self.base, "ScannerStatus"))
        if response.status_code != 200:
            raise ScannerError(ScannerFault.FAILED, f"status: HTTP {response.status_code}", device=self._id)
        return parse_status(response.content)

    def _fault_from_status(self, fallback: ScannerFault, detail: str) -> ScannerError:
        try:
            status = self.status()
        except ScannerError as exc:
            return exc
        fault = _ADF_FAULTS.get(status.adf_state)
        if fault is not None:
            return ScannerError(fault, device=self._id)
        if status.state == "Down":
            return ScannerError(ScannerFault.UNPLUGGED, "the scanner reports it is down", device=self._id)
        return ScannerError(fallback, detail, device=self._id)

    # ----- scanning -----------------------------------------------------------------------------------

    def _check_ready(self, source: Source) -> None:
        status = self.status()
        if source is not Source.FLATBED:
            fault = _ADF_FAULTS.get(status.adf_state)
            if fault is not None:
                raise ScannerError(fault, device=self._id)
        if status.state == "Down":
            raise ScannerError(ScannerFault.UNPLUGGED, "the scanner reports it is down", device=self._id)

    def _resolution(self, request: ScanRequest) -> int:
        caps = self.capabilities.inputs.get(request.source)
        if caps is None:
            raise ScannerError(
                ScannerFault.UNSUPPORTED,
                f"no {request.source.value} source"
                f" (has: {', '.join(s.value for s in self.capabilities.sources)})",
                device=self._id,
            )
        if not caps.resolutions:
            return request.dpi
        # The smallest offered resolution at or above the one asked for: never less detail.
        above = [r for r in caps.resolutions if r >= request.dpi]
        return above[0] if above else caps.resolutions[-1]

    def _start_job(self, request: ScanRequest, dpi: int) -> str:
        caps = self.capabilities.inputs.get(request.source)
        body = scan_settings(request.source, request.mode, dpi, request.paper, caps, _FORMAT)
        for _ in range(self._max_retries):
            response = self._request(
                "POST", urljoin(self.base, "ScanJobs"), content=body, headers={"Content-Type": "text/xml"}
            )
            if response.status_code == 201 and "location" in response.headers:
                return urljoin(self.base, response.headers["location"]).rstrip("/") + "/"
            if response.status_code == 503:  # busy with another job, or waking up
                self._sleep(self._retry_delay)
                continue
            # 409 is what many devices answer for an empty feeder; the status says which.
            raise self._fault_from_status(
                ScannerFault.FAILED, f"scan job refused: HTTP {response.status_code}"
            )
        raise ScannerError(ScannerFault.BUSY, device=self._id)

    def _next_document(self, job: str) -> bytes | None:
        for _ in range(self._max_retries):
            response = self._request("GET", urljoin(job, "NextDocument"))
            if response.status_code == 200:
                return response.content
            if response.status_code == 404:
                return None
            if response.status_code == 503:
                self._sleep(self._retry_delay)
                continue
            raise self._fault_from_status(ScannerFault.FAILED, f"next page: HTTP {response.status_code}")
        raise ScannerError(ScannerFault.FAILED, "the scanner kept answering 'not ready'", device=self._id)

    def _job_failed(self, job: str) -> ScannerError | None:
        """After the last page: was that the end of the paper, or did the job stop on a fault?"""
        try:
            status = self.status()
        except ScannerError:
            return None
        fault = _ADF_FAULTS.get(status.adf_state)
        state = next((s for uri, s in status.jobs.items() if job.rstrip("/").endswith(uri.rstrip("/"))), "")
        if fault is ScannerFault.JAMMED or fault is ScannerFault.COVER_OPEN or state == "Aborted":
            return ScannerError(
                fault or ScannerFault.FAILED, "" if fault else "the job was aborted", device=self._id
            )
        return None

    def scan(self, request: ScanRequest, profile: ScanProfile) -> Iterator[ScannedPage]:
        self._cancelled.clear()
        dpi = self._resolution(request)
        self._check_ready(request.source)
        job = self._start_job(request, dpi)
        self._job = job
        count = 0
        finished = False
        try:
            while not self._cancelled.is_set():
                data = self._next_document(job)
                if data is None:
                    failure = self._job_failed(job)
                    if failure is not None:
                        raise failure
                    if count == 0 and request.source is not Source.FLATBED:
                        raise self._fault_from_status(ScannerFault.FEEDER_EMPTY, "")
                    finished = True
                    return
                try:
                    with Image.open(io.BytesIO(data)) as decoded:
                        decoded.load()
                        image = decoded.copy()
                except (UnidentifiedImageError, OSError):
                    raise ScannerError(
                        ScannerFault.FAILED, "the page is not a readable image", device=self._id
                    ) from None
                count += 1
                duplex = request.source is Source.DUPLEX
                # The resolution asked for, not the JPEG header's: devices often write 72 or nothing there.
                yield ScannedPage(
                    image=image,
                    dpi=(float(dpi), float(dpi)),
                    source=request.source,
                    sheet=(count + 1) // 2 if duplex else count,
                    back=duplex and count % 2 == 0,
                )
                if request.source is Source.FLATBED:
                    finished = True
                    return
        finally:
            self._job = None
            if not finished:
                self._delete(job)

    def _delete(self, job: str) -> None:
        try:
            self._client.delete(job)
        except httpx.HTTPError:
            log.debug("could not cancel eSCL job %s", job, exc_info=True)

    def cancel(self) -> None:
        self._cancelled.set()

    def close(self) -> None:
        self._client.close()
