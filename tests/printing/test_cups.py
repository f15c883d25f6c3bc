"""Printing through a real CUPS (a private cupsd with a cups-pdf queue): a job for a stopped printer stays
in our queue, and prints exactly once when the printer is enabled again."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import pytest

from app.services.printing.forms import print_form
from app.services.printing.jobs import run_due
from app.services.printing.ports import JobState
from tests.printing.cupsserver import CupsServer, available
from tests.printing.support import decode_pages, page_count, save_render


@pytest.fixture
def cups(monkeypatch: pytest.MonkeyPatch) -> Iterator[CupsServer]:
    reason = available()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CUPS is required in CI: {reason}")
        pytest.skip(reason)
    server = CupsServer()
    server.start()
    for key, value in server.env.items():
        monkeypatch.setenv(key, value)
    try:
        yield server
    finally:
        server.stop()


def _wait(predicate: Any, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _job(printing: Any, job_id: int) -> Any:
    with printing.services.uow(write=False) as uow:
        return printing.store.jobs(uow).get(job_id)


def test_a_receipt_waits_for_a_stopped_cups_printer_and_prints_once(
    desk: Any, printing: Any, received: str, cups: CupsServer
) -> None:
    assert [p.name for p in printing.printers.list()] == ["MotcuaPDF"]
    cups.run("cupsdisable", "MotcuaPDF")
    printed = print_form(printing, received, "receipt", printer="cups:MotcuaPDF")
    assert printed.job is not None
    job_id = printed.job.id
    assert run_due(printing).waiting == [job_id]
    waiting = _job(printing, job_id)
    assert waiting.state is JobState.QUEUED and "stopped" in waiting.last_error
    time.sleep(1)
    assert cups.outputs() == []

    cups.run("cupsenable", "MotcuaPDF")
    desk.services.clock.advance(minutes=1)
    assert run_due(printing).printed == [job_id]
    assert _job(printing, job_id).state is JobState.SENT
    assert _wait(lambda: len(cups.outputs()) == 1)

    def finished() -> bool:
        run_due(printing)
        return bool(_job(printing, job_id).state is JobState.DONE)

    assert _wait(finished)
    for _ in range(3):
        desk.services.clock.advance(minutes=5)
        run_due(printing)
    time.sleep(1)
    outputs = cups.outputs()
    assert len(outputs) == 1  # exactly once
    pdf = outputs[0].read_bytes()
    save_render(pdf, "cups-pdf-receipt")
    for page in decode_pages(pdf, dpi=150):
        assert page.get("Code128") == received
        assert page.get("QRCode") == printing.config.lookup_url(received)
    # cups-pdf re-distils the page through PostScript (ghostscript), which drops the text layer's Unicode
    # map: the "paper" is checked by its barcodes and its look (artifacts/printing/cups-pdf-receipt-*.png).
    assert page_count(pdf) == 2


def test_a_queue_that_refuses_jobs_keeps_ours_waiting(desk: Any, printing: Any, cups: CupsServer) -> None:
    from app.services.printing.jobs import enqueue
    from app.services.printing.ports import PDF
    from printing.forms.testpage import test_page

    cups.run("cupsreject", "MotcuaPDF")
    job = enqueue(
        printing, kind="test", title="t", printer="cups:MotcuaPDF", data=test_page("x"), media_type=PDF
    )
    run_due(printing)
    assert "not accepting" in _job(printing, job.id).last_error
    cups.run("cupsaccept", "MotcuaPDF")
    desk.services.clock.advance(minutes=1)
    assert run_due(printing).printed == [job.id]
    assert _wait(lambda: len(cups.outputs()) == 1)
