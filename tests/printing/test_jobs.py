"""The print job queue: jobs survive restarts, wait for absent printers, and print exactly once."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.services.printing.forms import print_form
from app.services.printing.jobs import LEASE, enqueue, resolve, run_due
from app.services.printing.ports import PDF, JobState
from tests.printing.fakeprinter import FakePrinter


def _state(printing: Any, job_id: int) -> Any:
    with printing.services.uow(write=False) as uow:
        return printing.store.jobs(uow).get(job_id)


def test_a_job_for_an_absent_printer_waits_and_prints_once_when_it_comes_back(
    desk: Any, printing: Any
) -> None:
    printer = FakePrinter()  # not started: the printer is off
    data = b"\x1b@ticket A012\n"
    job = enqueue(printing, kind="ticket", title="Phiếu A012", printer=printer.address, data=data)
    report = run_due(printing)
    assert report.waiting == [job.id] and not report.printed
    waiting = _state(printing, job.id)
    assert waiting.state is JobState.QUEUED and "cannot reach" in waiting.last_error
    assert waiting.attempts == 1 and waiting.next_attempt_at > desk.services.now()
    assert run_due(printing).waiting == []  # not due yet: no hammering of an absent printer
    desk.services.clock.advance(seconds=10)
    run_due(printing)
    assert _state(printing, job.id).attempts == 2
    with printer:
        desk.services.clock.advance(seconds=60)
        report = run_due(printing)
        assert report.printed == [job.id]
        for _ in range(3):
            desk.services.clock.advance(minutes=5)
            assert not run_due(printing).printed
    assert printer.received(1) == [b"\x1b@ticket A012\n"]  # exactly once, and exactly the bytes
    done = _state(printing, job.id)
    assert done.state is JobState.DONE and done.last_error is None and done.finished_at is not None


def test_out_of_paper_keeps_the_job_queued_and_says_so(desk: Any, printing: Any) -> None:
    with FakePrinter() as printer:
        printer.paper = "out"
        job = enqueue(printing, kind="ticket", title="Phiếu B1", printer=printer.address, data=b"B1\n")
        run_due(printing)
        assert _state(printing, job.id).last_error == "out of paper"
        assert printer.jobs == []
        printer.paper = "near_end"
        desk.services.clock.advance(minutes=1)
        assert run_due(printing).printed == [job.id]
        assert printer.received(1) == [b"B1\n"]


def test_a_job_cut_off_midway_is_uncertain_and_never_resent_by_itself(desk: Any, printing: Any) -> None:
    with FakePrinter() as printer:
        printer.cut_after = 64 * 1024
        big = b"\x00" * (8 * 1024 * 1024)
        job = enqueue(printing, kind="test", title="big", printer=printer.address, data=big)
        report = run_due(printing)
        assert report.uncertain == [job.id]
        assert _state(printing, job.id).state is JobState.UNCERTAIN
        desk.services.clock.advance(minutes=10)
        run_due(printing)
        assert len(printer.received(1)) == 1  # not resent
        printer.cut_after = None
        resolve(printing, job.id, "retry")  # the officer saw no page come out
        assert run_due(printing).printed == [job.id]
        jobs = printer.received(2)
        assert len(jobs) == 2 and jobs[-1] == big


def test_a_runner_that_died_mid_send_leaves_an_uncertain_job(desk: Any, printing: Any) -> None:
    with FakePrinter() as printer:
        job = enqueue(printing, kind="ticket", title="C1", printer=printer.address, data=b"C1\n")
        now = desk.services.now()
        with desk.services.uow() as uow:
            assert printing.store.jobs(uow).claim(job.id, now, now + LEASE)  # then the desk "crashes"
            uow.commit()
        assert run_due(printing).uncertain == []  # its lease still runs: someone may be sending it
        desk.services.clock.advance(seconds=LEASE.total_seconds() + 1)
        assert run_due(printing).uncertain == [job.id]
        assert printer.jobs == []
        resolve(printing, job.id, "printed")
        assert _state(printing, job.id).state is JobState.DONE


def test_jobs_survive_a_restart(desk: Any, demo_home: Path, tmp_path: Path) -> None:
    from app.bootstrap import open_desk
    from app.settings.paths import resolve_paths
    from app.settings.store import load_settings
    from printing.wiring import open_printing

    printer = FakePrinter()
    job = enqueue(open_printing(desk), kind="ticket", title="D1", printer=printer.address, data=b"D1\n")
    desk.close()
    with printer, open_desk(load_settings(resolve_paths()), clock=desk.services.clock) as reopened:
        printing = open_printing(reopened)
        assert run_due(printing).printed == [job.id]
    assert printer.received(1) == [b"D1\n"]


def test_two_runners_never_print_a_job_twice(desk: Any, printing: Any) -> None:
    with FakePrinter() as printer:
        ids = [
            enqueue(
                printing, kind="ticket", title=f"E{n}", printer=printer.address, data=f"E{n}\n".encode()
            ).id
            for n in range(12)
        ]
        errors: list[BaseException] = []

        def work() -> None:
            try:
                for _ in range(3):
                    run_due(printing)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        assert sorted(printer.received(12)) == sorted(f"E{n}\n".encode() for n in range(12))
        assert {_state(printing, i).state for i in ids} == {JobState.DONE}


def test_serial_printer_through_pyserial_url(desk: Any, printing: Any) -> None:
    with FakePrinter() as printer:
        address = f"serial:socket://127.0.0.1:{printer.port}?baudrate=9600"
        output = printing.printers.open(address)
        assert output.status().paper == "ok"  # it answered DLE EOT 4
        job = enqueue(printing, kind="ticket", title="F1", printer=address, data=b"F1\n")
        assert run_due(printing).printed == [job.id]
        assert printer.received(1)[-1] == b"F1\n"


def test_a_form_job_to_a_folder_prints_the_archived_pdf(
    desk: Any, printing: Any, received: str, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "printed"
    tmp_path.mkdir()
    printed = print_form(printing, received, "receipt", printer=f"file:{tmp_path}")
    assert printed.job is not None
    report = run_due(printing)
    assert report.printed == [printed.job.id]
    files = list(tmp_path.iterdir())
    assert [f.name for f in files] == [f"{printed.job.uid}.pdf"]
    assert files[0].read_bytes() == desk.services.blobs.read(printed.document.sha256)
    job = _state(printing, printed.job.id)
    assert job.state is JobState.DONE and job.media_type == PDF


def test_a_folder_job_interrupted_after_writing_is_recognised_not_resent(
    desk: Any, printing: Any, tmp_path: Path
) -> None:
    job = enqueue(printing, kind="test", title="G1", printer=f"file:{tmp_path}", data=b"G1")
    now = desk.services.now()
    with desk.services.uow() as uow:
        assert printing.store.jobs(uow).claim(job.id, now, now + timedelta(seconds=1))
        uow.commit()
    (tmp_path / f"{job.uid}.bin").write_bytes(b"G1")  # the file went out, then the desk died
    desk.services.clock.advance(seconds=5)
    report = run_due(printing)
    assert report.finished == [job.id] and not report.uncertain
    run_due(printing)
    assert _state(printing, job.id).state is JobState.DONE


def test_a_bad_address_fails_the_job_with_its_reason(desk: Any, printing: Any) -> None:
    job = enqueue(printing, kind="test", title="H1", printer="socket://nohostport", data=b"x")
    assert run_due(printing).failed == [job.id]
    failed = _state(printing, job.id)
    assert failed.state is JobState.FAILED and "socket://HOST:PORT" in failed.last_error
