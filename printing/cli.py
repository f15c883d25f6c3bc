"""`motcua print ...`, `motcua ticket render`, `motcua printer ...` (registered through the
`motcua.commands` entry point: the core does not import printing)."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.groups import command_group

if TYPE_CHECKING:
    from app.services.printing.context import Printing


def register(subparsers: Any) -> None:
    prints = command_group(subparsers, "print", "print official forms (archived with their dossier)")
    receipt = prints.add_parser("receipt", help="Mẫu 01, the receipt and appointment slip")
    receipt.add_argument("code", metavar="CODE")
    _target_arguments(receipt)
    receipt.set_defaults(handler=run_receipt)

    form = prints.add_parser(
        "form", help="Mẫu 02-05 of a dossier (02 supplement, 03 refusal, 04 apology, 05 control)"
    )
    form.add_argument("number", metavar="NUMBER", help="01, 02, 03, 04 or 05")
    form.add_argument("code", metavar="CODE")
    _target_arguments(form)
    form.set_defaults(handler=run_form)

    copy = prints.add_parser("copy", help="reprint an archived form, marked as a copy")
    copy.add_argument("code", metavar="CODE")
    copy.add_argument("--sha", help="the SHA-256 of the printout to copy (default: the latest form)")
    copy.add_argument("--form", help="the latest printout of this form number (01-05)")
    _target_arguments(copy)
    copy.set_defaults(handler=run_copy)

    logbook = prints.add_parser("logbook", help="Mẫu 06, the dossier logbook for a range of dates")
    logbook.add_argument("--from", dest="first", required=True, help="first day (YYYY-MM-DD)")
    logbook.add_argument("--to", dest="last", required=True, help="last day (YYYY-MM-DD), included")
    logbook.add_argument("--out", type=Path, required=True, help="FILE.pdf or FILE.xlsx")
    logbook.add_argument("--json", action="store_true")
    logbook.set_defaults(handler=run_logbook)

    tickets = command_group(subparsers, "ticket", "queue tickets")
    render = tickets.add_parser("render", help="the exact ESC/POS bytes of a queue ticket")
    render.add_argument("number", metavar="NUMBER")
    render.add_argument("--service", required=True, help="service code (a catalogue field such as HT)")
    render.add_argument("--service-name", help="the service's name as printed (default: from the catalogue)")
    render.add_argument("--profile", help="printer profile (default: printing.ticket_profile)")
    render.add_argument("--vietnamese", choices=["auto", "codepage", "raster"], help="override the profile")
    render.add_argument("--waiting", type=int, default=0, help="people waiting ahead")
    render.add_argument("--qr", help="what the QR holds (default: the look-up address of the ticket)")
    render.add_argument("--out", type=Path, required=True, help="FILE.bin")
    render.add_argument("--preview", type=Path, help="also draw what it prints into this PNG")
    render.add_argument("--json", action="store_true")
    render.set_defaults(handler=run_ticket_render)

    printers = command_group(subparsers, "printer", "printers, the print queue and ticket printer profiles")
    profiles = printers.add_parser("profiles", help="ticket printer profiles")
    profiles.add_argument("--json", action="store_true")
    profiles.set_defaults(handler=run_profiles)

    listing = printers.add_parser("list", help="printers this desk can reach (CUPS) and the configured ones")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    test = printers.add_parser("test", help="print a test page (forms printers) or a test ticket (ESC/POS)")
    test.add_argument("name", metavar="NAME", help="a CUPS queue name or an address (socket://h:9100, ...)")
    test.add_argument("--profile", help="ticket profile for ESC/POS printers")
    test.add_argument("--paper", choices=["A5", "A4"], default="A5")
    test.add_argument("--escpos", action="store_true", help="send a test ticket even to a CUPS queue (raw)")
    test.add_argument("--json", action="store_true")
    test.set_defaults(handler=run_test)

    jobs = printers.add_parser("jobs", help="the print queue")
    jobs.add_argument("--state", action="append", help="queued, sending, sent, done, uncertain, failed...")
    jobs.add_argument("--limit", type=int, default=50)
    jobs.add_argument("--json", action="store_true")
    jobs.set_defaults(handler=run_jobs)

    runner = printers.add_parser("run", help="send queued jobs (a pass, or keep running)")
    runner.add_argument("--once", action="store_true", help="one pass, then exit")
    runner.add_argument("--interval", type=float, default=5.0, help="seconds between passes")
    runner.add_argument("--json", action="store_true")
    runner.set_defaults(handler=run_runner)

    resolve = printers.add_parser("resolve", help="settle a job: printed, retry or cancel")
    resolve.add_argument("job", type=int, metavar="JOB")
    resolve.add_argument("action_name", metavar="ACTION", choices=["printed", "retry", "cancel"])
    resolve.add_argument("--json", action="store_true")
    resolve.set_defaults(handler=run_resolve)


def _target_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, help="write the PDF here instead of printing")
    parser.add_argument("--printer", help="printer address (default: printing.printer / printing.routes)")
    parser.add_argument("--officer", help="officer username (default: desk.officer)")
    parser.add_argument("--json", action="store_true")


# ----- helpers -------------------------------------------------------------------------------------------


def _open() -> tuple[Any, Printing]:
    from app.cli.common import open_desk
    from printing.wiring import open_printing

    desk = open_desk()
    return desk, open_printing(desk)


def _check_out(path: Path, suffixes: tuple[str, ...]) -> Path:
    from app.cli.common import usage_error

    if path.suffix.lower() not in suffixes:
        raise usage_error(f"--out {path}: use a {' or '.join(suffixes)} file name")
    parent = path.expanduser().resolve().parent
    if not parent.is_dir():
        raise usage_error(f"--out {path}: folder {parent} does not exist")
    if path.is_dir():
        raise usage_error(f"--out {path} is a folder")
    return path.expanduser()


def write_atomically(path: Path, data: bytes) -> None:
    """Whole file or nothing under that name (a half-written PDF would be worse than none)."""
    descriptor, temporary = tempfile.mkstemp(dir=path.resolve().parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _emit_printed(printing: Printing, args: argparse.Namespace, printed: Any, out: Path | None) -> int:
    from app.cli.common import emit
    from app.services.printing.jobs import job_to_dict, run_due

    job = printed.job
    if job is not None:
        run_due(printing)
        from app.services.printing.jobs import list_jobs

        job = next((j for j in list_jobs(printing, limit=200) if j.id == job.id), job)
    data = {
        "document": {
            "sha256": printed.document.sha256,
            "size": printed.document.size,
            "name": printed.document.name,
        },
        "copy_of": printed.document.copy_of,
        "out": str(out) if out else None,
        "job": job_to_dict(printing, job) if job else None,
    }
    if out is not None:
        document = printed.document
        text = f"{out}: {document.name} ({document.size} bytes, sha256 {document.sha256[:12]}…)"
    else:
        assert job is not None
        state = job.state.value + (f" ({job.last_error})" if job.last_error else "")
        text = f"print job {job.id} on {job.printer or 'the default printer'}: {state}"
    emit(data, args.json, text)
    return 0


def _print(args: argparse.Namespace, kind: str) -> int:
    from app.services.printing.forms import print_form

    out = _check_out(args.out, (".pdf",)) if args.out else None
    desk, printing = _open()
    with desk:
        printed = print_form(
            printing, args.code, kind, printer=args.printer, queue=out is None, officer=args.officer
        )
        if out is not None:
            write_atomically(out, printed.pdf)
        return _emit_printed(printing, args, printed, out)


# ----- handlers ------------------------------------------------------------------------------------------


def run_receipt(args: argparse.Namespace) -> int:
    return _print(args, "receipt")


def run_form(args: argparse.Namespace) -> int:
    from app.services.printing.forms import form_kind

    return _print(args, form_kind(args.number))


def run_copy(args: argparse.Namespace) -> int:
    from app.services.printing.forms import form_kind, reprint_form

    out = _check_out(args.out, (".pdf",)) if args.out else None
    kind = form_kind(args.form) if args.form else None
    desk, printing = _open()
    with desk:
        printed = reprint_form(
            printing,
            args.code,
            sha256=args.sha,
            kind=kind,
            printer=args.printer,
            queue=out is None,
            officer=args.officer,
        )
        if out is not None:
            write_atomically(out, printed.pdf)
        return _emit_printed(printing, args, printed, out)


def run_logbook(args: argparse.Namespace) -> int:
    from app.cli.common import emit, local_date
    from app.services.printing.logbook import logbook_pdf, logbook_xlsx

    out = _check_out(args.out, (".pdf", ".xlsx"))
    first, last = local_date(args.first, "--from"), local_date(args.last, "--to")
    desk, printing = _open()
    with desk:
        data = (
            logbook_xlsx(printing, first, last)
            if out.suffix.lower() == ".xlsx"
            else logbook_pdf(printing, first, last)
        )
        write_atomically(out, data)
    emit(
        {"out": str(out), "size": len(data), "from": str(first), "to": str(last)},
        args.json,
        f"{out}: {len(data)} bytes",
    )
    return 0


def run_ticket_render(args: argparse.Namespace) -> int:
    from app.cli.common import emit, usage_error
    from app.services.printing.tickets import ticket_data

    if args.out.suffix.lower() != ".bin":
        raise usage_error(f"--out {args.out}: use a .bin file name")
    out = _check_out(args.out, (".bin",))
    preview = _check_out(args.preview, (".png",)) if args.preview else None
    desk, printing = _open()
    with desk:
        ticket = ticket_data(
            printing, args.number, args.service, waiting=args.waiting, name=args.service_name, qr=args.qr
        )
        profile = args.profile or printing.config.ticket_profile
        data = printing.tickets.render(ticket, profile, args.vietnamese or printing.config.ticket_vietnamese)
        write_atomically(out, data)
        info = next(p for p in printing.tickets.profiles() if p.name == profile)
        if preview is not None:
            from printing.escpos.parse import parse
            from printing.escpos.preview import preview as draw

            draw(parse(data), info.dots).save(preview)
    emit(
        {
            "out": str(out),
            "bytes": len(data),
            "profile": profile,
            "seconds_at_9600_baud": round(len(data) * 10 / 9600, 2),
        },
        args.json,
        f"{out}: {len(data)} bytes for {info.model} ({len(data) * 10 / 9600:.1f} s at 9600 baud)",
    )
    return 0


def run_profiles(args: argparse.Namespace) -> int:
    from app.cli.common import emit
    from printing.escpos.ticket import EscposTickets

    profiles = [
        {
            "name": p.name,
            "model": p.model,
            "paper_mm": p.paper_mm,
            "dots": p.dots,
            "vietnamese": p.vietnamese,
            "encoding": p.encoding,
            "native_qr": p.native_qr,
            "cutter": p.cutter,
            "status": p.status,
        }
        for p in EscposTickets().profiles()
    ]
    text = "\n".join(
        f"{p['name']:16} {p['model']:24} {p['paper_mm']} mm  vietnamese: {p['vietnamese']}" for p in profiles
    )
    emit(profiles, args.json, text)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from app.cli.common import emit, load_settings
    from app.services.printing.config import printing_config
    from printing.outputs.directory import Printers

    config = printing_config(load_settings())
    found = Printers().list()
    configured = {"forms": config.printer or "(system default)", "tickets": config.ticket_printer or "(none)"}
    configured |= {
        f"route:{kind}": f"{r.printer or '(default)'}@{r.paper or '-'}" for kind, r in config.routes.items()
    }
    data = {
        "printers": [
            {"address": p.address, "name": p.name, "ready": p.ready, "detail": p.detail, "default": p.default}
            for p in found
        ],
        "configured": configured,
    }
    lines = [
        f"{'*' if p.default else ' '} {p.address:30} {'ready' if p.ready else 'stopped':8} {p.detail}"
        for p in found
    ]
    lines += [f"  {key}: {value}" for key, value in configured.items()]
    emit(data, args.json, "\n".join(lines) or "no printers found")
    return 0


def run_test(args: argparse.Namespace) -> int:
    from app.cli.common import emit
    from app.services.printing.jobs import enqueue, job_to_dict, list_jobs, run_due
    from app.services.printing.ports import ESCPOS, PDF
    from app.services.printing.tickets import ticket_data
    from printing.forms.testpage import test_page
    from printing.outputs.address import parse_address

    address = args.name if ":" in args.name else f"cups:{args.name}"
    scheme = parse_address(address).scheme
    desk, printing = _open()
    with desk:
        if args.escpos or scheme in ("socket", "serial", "device") or args.profile:
            ticket = ticket_data(
                printing, "A000", "TEST", name="Trang in thử — Tiếng Việt có dấu", qr="MotCua test"
            )
            data = printing.tickets.render(
                ticket, args.profile or printing.config.ticket_profile, printing.config.ticket_vietnamese
            )
            job = enqueue(
                printing, kind="test", title="Test ticket", printer=address, data=data, media_type=ESCPOS
            )
        else:
            data = test_page(address, args.paper)
            job = enqueue(
                printing,
                kind="test",
                title="Test page",
                printer=address,
                data=data,
                media_type=PDF,
                paper=args.paper,
            )
        run_due(printing)
        job = next(j for j in list_jobs(printing, limit=500) if j.id == job.id)
        result = job_to_dict(printing, job)
    state = job.state.value + (f" ({job.last_error})" if job.last_error else "")
    emit(result, args.json, f"test job {job.id} on {address}: {state}")
    return 0


def run_jobs(args: argparse.Namespace) -> int:
    from app.cli.common import emit, usage_error
    from app.services.printing.jobs import job_to_dict, list_jobs
    from app.services.printing.ports import JobState

    try:
        states = [JobState(s) for s in args.state] if args.state else None
    except ValueError as exc:
        raise usage_error(f"--state: {exc}") from None
    desk, printing = _open()
    with desk:
        jobs = list_jobs(printing, states=states, limit=args.limit)
        data = [job_to_dict(printing, j) for j in jobs]
    lines = [
        f"{j.id:5} {j.state.value:9} {j.printer or '(default)':28} {j.title}"
        + (f"  [{j.last_error}]" if j.last_error else "")
        for j in jobs
    ]
    emit(data, args.json, "\n".join(lines) or "no print jobs")
    return 0


def run_runner(args: argparse.Namespace) -> int:
    from app.cli.common import emit
    from printing.runner import JobRunner

    desk, printing = _open()
    with desk:
        runner = JobRunner(printing, interval=args.interval)
        if args.once:
            report = runner.run_once()
            data = {
                "printed": report.printed,
                "waiting": report.waiting,
                "uncertain": report.uncertain,
                "finished": report.finished,
                "failed": report.failed,
            }
            emit(data, args.json, ", ".join(f"{k}: {len(v)}" for k, v in data.items()))
            return 0
        try:
            runner.run_forever()
        except KeyboardInterrupt:
            runner.stop()
    return 0


def run_resolve(args: argparse.Namespace) -> int:
    from app.cli.common import emit
    from app.services.printing.jobs import job_to_dict, resolve

    desk, printing = _open()
    with desk:
        job = resolve(printing, args.job, args.action_name)
        data = job_to_dict(printing, job)
    emit(data, args.json, f"print job {job.id}: {job.state.value}")
    return 0
