"""CUPS through its command-line clients (`lp`, `lpstat`, `lpq`), which every CUPS system has; pycups would
need libcups headers to build and adds nothing we use. The environment (CUPS_SERVER) picks the server.

CUPS is a spooler with its own durable queue: once `lp` returns a job id the job is CUPS's to finish, and
we follow it (`progress`) until it is completed. We submit only to a queue that is enabled and accepting,
so a stopped printer keeps the job in our queue, where the officer sees it waiting and why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from app.services.printing.ports import (
    ESCPOS,
    PDF,
    Delivery,
    Outgoing,
    PrinterInfo,
    PrinterStatus,
    PrinterUnavailable,
    Progress,
)

_TIMEOUT = 30
_REQUEST_ID = re.compile(r"request id is (\S+)")
_LPQ_JOB = re.compile(r"\[job (\d+)")


def _run(*args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    if shutil.which(args[0]) is None:
        raise PrinterUnavailable(f"{args[0]} not found: install CUPS (Debian: apt-get install cups-client)")
    env = dict(os.environ, LC_ALL="C", LANG="C")  # English, parseable messages
    try:
        return subprocess.run(args, input=data, capture_output=True, timeout=_TIMEOUT, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise PrinterUnavailable(f"{args[0]} did not answer in {_TIMEOUT} s (is cupsd running?)") from exc


def _text(result: subprocess.CompletedProcess[bytes]) -> str:
    return (result.stdout + result.stderr).decode("utf-8", "replace").strip()


def job_title(job: Outgoing) -> str:
    """What CUPS keeps as the job name: our uid, so a job can be found again after a crash."""
    return f"motcua-{job.uid}"


def default_destination() -> str | None:
    result = _run("lpstat", "-d")
    match = re.search(r"system default destination: (\S+)", _text(result))
    return match.group(1) if match else None


class CupsOutput:
    def __init__(self, address: str, queue: str) -> None:
        self.address = address
        self._queue = queue

    def _destination(self) -> str:
        if self._queue:
            return self._queue
        found = default_destination()
        if found is None:
            raise PrinterUnavailable("CUPS has no default printer; choose one (printing.printer)")
        return found

    def status(self) -> PrinterStatus:
        try:
            queue = self._destination()
        except PrinterUnavailable as exc:
            return PrinterStatus(False, str(exc))
        state = _run("lpstat", "-l", "-p", queue)
        if state.returncode != 0:
            return PrinterStatus(False, f"CUPS has no printer {queue!r}: {_text(state)}")
        text = _text(state)
        accepting = _run("lpstat", "-a", queue)
        if "not accepting" in _text(accepting):
            return PrinterStatus(False, f"{queue} is not accepting jobs")
        if "disabled" in text.splitlines()[0]:
            reason = text.splitlines()[1].strip() if len(text.splitlines()) > 1 else ""
            return PrinterStatus(False, f"{queue} is stopped" + (f": {reason}" if reason else ""))
        return PrinterStatus(True, None)

    def send(self, job: Outgoing) -> Delivery:
        queue = self._destination()
        args = ["lp", "-d", queue, "-t", job_title(job), "-n", str(max(job.copies, 1))]
        if job.media_type == ESCPOS:
            args += ["-o", "raw"]  # else CUPS filters print the escape codes as text (FQM#125)
        elif job.paper:
            args += ["-o", f"media={job.paper}"]
        if job.media_type == PDF:
            args += ["-o", "fit-to-page"]
        result = _run(*args, data=job.data)
        match = _REQUEST_ID.search(_text(result))
        if result.returncode != 0 or match is None:
            # lp either queued the job (and printed its id) or refused it: a refusal queued nothing.
            raise PrinterUnavailable(f"CUPS refused the job: {_text(result)}")
        return Delivery(done=False, external_id=match.group(1))

    def progress(self, external_id: str) -> tuple[Progress, str | None]:
        queue = external_id.rsplit("-", 1)[0]
        pending = _run("lpstat", "-W", "not-completed", "-o", queue)
        if external_id in _text(pending).split():
            status = self.status()
            return Progress.PENDING, None if status.ready else status.reason
        completed = _run("lpstat", "-W", "completed", "-o", queue)
        if external_id in _text(completed).split():
            return Progress.DONE, None
        return Progress.UNKNOWN, "CUPS no longer lists the job"

    def find(self, job: Outgoing) -> str | None:
        queue = self._destination()
        listing = _text(_run("lpq", "-l", "-P", queue))
        blocks = listing.split("\n\n")
        for block in blocks:
            if job_title(job) in block:
                match = _LPQ_JOB.search(block)
                if match:
                    return f"{queue}-{match.group(1)}"
        return None


def list_printers() -> list[PrinterInfo]:
    result = _run("lpstat", "-p")
    if result.returncode != 0 and "No destinations" not in _text(result):
        raise PrinterUnavailable(_text(result))
    default = None
    try:
        default = default_destination()
    except PrinterUnavailable:
        default = None
    printers = []
    for line in _text(result).splitlines():
        match = re.match(r"printer (\S+) (.*)", line)
        if match:
            name, detail = match.groups()
            printers.append(
                PrinterInfo(
                    address=f"cups:{name}",
                    name=name,
                    ready="disabled" not in detail,
                    detail=detail.strip().rstrip("."),
                    default=name == default,
                )
            )
    return printers
