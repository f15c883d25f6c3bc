"""motcua scan [--device NAME] [--source adf] [--pages N] --out FILE.pdf [--attach CODE --component C] --json
motcua scan list-devices --json

A scan that stops on a jam, an empty feeder or an open cover keeps what was read: the pages go to --out
(or, when only attaching, to a rescue file in the data directory), the reason is printed in one line and
the exit code is 2. Nothing is attached from an incomplete run; the officer scans the rest and attaches.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.services.scanning.pipeline import BuiltDocument
    from app.services.scanning.session import RunResult
    from app.settings.store import Settings
    from devices.scanners.registry import ScannerRegistry

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "scan",
        help="scan papers into a PDF, or into a dossier's component",
        description="Scan from a scanner (SANE, eSCL, WIA) or a folder into one PDF.",
    )
    parser.add_argument(
        "--device", help="sane:NAME, escl:URL, wia:ID, folder:PATH, a folder, a URL (default: scan.device)"
    )
    parser.add_argument("--source", choices=["flatbed", "adf", "duplex"], help="default: scan.source")
    parser.add_argument(
        "--pages", type=int, help="pages expected; fewer is reported (default: all in the feeder)"
    )
    parser.add_argument(
        "--dpi", type=int, help="resolution asked of the scanner (default: the profile's, 200)"
    )
    parser.add_argument(
        "--preset", choices=["default", "text", "color"], help="compression (default: scan.preset)"
    )
    parser.add_argument("--out", type=Path, help="write the PDF here")
    parser.add_argument("--attach", metavar="CODE", help="attach the PDF to this dossier")
    parser.add_argument("--component", metavar="C", help="the component of the dossier the pages prove")
    parser.add_argument("--name", help="document name in the dossier (default: the component's name)")
    parser.add_argument("--officer", help="officer username (default: desk.officer)")
    parser.add_argument("--pdfa", action=argparse.BooleanOptionalAction, help="PDF/A-1b (default: scan.pdfa)")
    parser.add_argument(
        "--ocr", action=argparse.BooleanOptionalAction, help="searchable text (default: scan.ocr)"
    )
    parser.add_argument("--keep-blank", action="store_true", help="keep blank pages")
    parser.add_argument("--no-deskew", action="store_true", help="leave pages at the angle they were scanned")
    parser.add_argument(
        "--wait", type=float, default=0.0, help="folders: seconds to wait for files to arrive"
    )
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_scan)
    actions = parser.add_subparsers(dest="scan_action", metavar="ACTION")
    lister = actions.add_parser("list-devices", help="scanners this computer can reach")
    lister.add_argument("--timeout", type=float, default=2.0, help="seconds to listen for network scanners")
    lister.add_argument("--json", action="store_true")
    lister.set_defaults(handler=run_list_devices)


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")


def _complain(text: str) -> None:
    """The one line a failed command prints, as `motcua` does for its own errors."""
    sys.stderr.write(f"motcua: error: {text}\n")


def _usage(message: str) -> Exception:
    from app.cli.common import usage_error

    return usage_error(message)


def _registry(settings: Settings, discovery_seconds: float = 0.0) -> ScannerRegistry:
    from devices.scanners.registry import default_registry

    return default_registry(settings.paths.config_dir, discovery_seconds=discovery_seconds)


def run_list_devices(args: argparse.Namespace) -> int:
    from app.cli.common import emit, load_settings

    registry = _registry(load_settings(), discovery_seconds=args.timeout)
    devices = registry.devices()
    if args.json:
        emit({"devices": [d.to_dict() for d in devices], "problems": registry.problems}, True)
        return EXIT_OK
    lines = [f"{d.id}  {d.name}  [{', '.join(s.value for s in d.sources)}]" for d in devices]
    lines += [f"(could not list {p})" for p in registry.problems]
    _say("\n".join(lines) if lines else "no scanner found")
    return EXIT_OK


def _write_atomically(path: Path, data: bytes) -> None:
    """Whole or not at all: a reader never sees half a PDF under the final name."""
    path = path.expanduser()
    if not path.parent.is_dir():
        raise _usage(f"--out: the folder {path.parent} does not exist")
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run_scan(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from app.cli.common import load_settings
    from app.domain.scanning.faults import ScannerError
    from app.domain.scanning.model import ScanRequest, Source
    from app.domain.scanning.presets import preset as preset_named
    from app.settings.spec import SCAN_DEVICE, SCAN_OCR, SCAN_PRESET, SCAN_SOURCE

    if args.out is None and args.attach is None:
        raise _usage("say where the scan goes: --out FILE.pdf and/or --attach CODE --component C")
    if (args.attach is None) != (args.component is None):
        raise _usage("--attach and --component go together")
    if args.pages is not None and args.pages < 1:
        raise _usage("--pages must be 1 or more")
    if args.out is not None and not args.out.expanduser().parent.is_dir():
        raise _usage(f"--out: the folder {args.out.expanduser().parent} does not exist")
    settings = load_settings()
    device_name = args.device or settings.get(SCAN_DEVICE)
    if not device_name:
        raise _usage("no scanner: give --device (see `motcua scan list-devices`) or set scan.device")

    desk = None
    target = None
    if args.attach is not None:
        from app.cli.common import open_desk
        from app.services.scanning.attach import scan_target

        desk = open_desk(settings)
        target = scan_target(desk.services, args.attach, args.component)  # before a single sheet moves
    try:
        registry = _registry(settings)
        device_id = registry.resolve(device_name)
        profile = registry.profile(device_id)
        if device_id.startswith("folder:") and args.wait:
            # How long to wait for a copier's files: a folder's option, like the ones in scanners.toml.
            profile = replace(profile, options={**profile.options, "wait": args.wait})
        chosen = preset_named(args.preset or settings.get(SCAN_PRESET))
        request = ScanRequest(
            source=Source(args.source or settings.get(SCAN_SOURCE)),
            dpi=args.dpi or profile.dpi,
            mode=chosen.scan_mode,
            pages=args.pages,
        )
        session = _session(args, settings, chosen, profile.force_a4, desk)
        scanner = registry.open(device_id)
        try:
            result = session.run(scanner, request, profile)
        finally:
            scanner.close()
        use_ocr = settings.get(SCAN_OCR) if args.ocr is None else args.ocr
        return _finish(args, settings, session, result, device_id, target, desk, use_ocr)
    except ScannerError as exc:  # the scanner could not even start: nothing was read
        _complain(f"{exc}")
        return EXIT_BAD_INPUT
    finally:
        if desk is not None:
            desk.close()


def _session(args: argparse.Namespace, settings: Settings, chosen: Any, force_a4: bool, desk: Any) -> Any:
    from datetime import UTC, datetime

    from app.services.scanning.pdf import PdfOptions
    from app.services.scanning.pipeline import PipelineOptions
    from app.services.scanning.session import ScanSession
    from app.settings.spec import SCAN_PDFA, SCAN_REMOVE_BLANK

    created = desk.services.now() if desk is not None else datetime.now(UTC)
    options = PipelineOptions(
        deskew=not args.no_deskew,
        remove_blank=settings.get(SCAN_REMOVE_BLANK) and not args.keep_blank,
        preset=chosen,
        pdf=PdfOptions(
            force_a4=force_a4,
            pdfa=settings.get(SCAN_PDFA) if args.pdfa is None else args.pdfa,
            title=args.name or "",
            created=created,
        ),
    )
    return ScanSession(options)


def _recognizer(enabled: bool) -> Any:
    if not enabled:
        return None
    from devices.scanners.ocr import TesseractRecognizer

    recognizer = TesseractRecognizer()
    if not recognizer.available():
        raise _usage("--ocr: tesseract with Vietnamese (tesseract-ocr-vie) is not installed")
    return recognizer


def _finish(
    args: argparse.Namespace,
    settings: Settings,
    session: Any,
    result: RunResult,
    device_id: str,
    target: Any,
    desk: Any,
    use_ocr: bool,
) -> int:
    from app.cli.common import emit

    report: dict[str, Any] = {"device": device_id, "scanned": len(result.added)}
    document: BuiltDocument | None = None
    if session.batch.included():
        document = session.build(_recognizer(use_ocr))
        report.update(
            pages=document.pages,
            bytes=document.size,
            sha256=document.sha256,
            blank_removed=sum(1 for p in session.batch.left_out()),
        )
    else:
        report.update(pages=0, bytes=0, sha256=None, blank_removed=len(session.batch.left_out()))
    out = args.out
    if document is not None and out is None and not result.ok:
        # Only attaching, and the run failed: the pages must not vanish with the process.
        out = settings.paths.data_dir / "scans" / f"unattached-{document.sha256[:12]}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
    if document is not None and out is not None:
        _write_atomically(out, document.data)
        report["out"] = str(out)
    if result.ok and document is not None and target is not None:
        from app.services.scanning.attach import attach_scan

        attached = attach_scan(desk.services, target, document, name=args.name, officer=args.officer)
        report["attached"] = {
            "dossier": target.code,
            "component": target.component_code,
            "sha256": attached.sha256,
        }
    if result.error is not None:
        report["error"] = {
            "fault": result.error.fault.value,
            "message": str(result.error),
            "pages": len(result.added),
        }
    if args.json:
        emit(report, True)
    elif document is not None:
        places = [report["out"]] if "out" in report else []
        if "attached" in report:
            places.append(f"dossier {target.code}, component {target.component_code}")
        _say(
            f"{document.pages} pages, {document.size:,} bytes, sha256 {document.sha256}"
            f" -> {'; '.join(places)}"
        )
    if result.error is not None:
        kept = f"; the {len(result.added)} pages scanned are in {report['out']}" if "out" in report else ""
        if document is None and result.added:
            kept = "; the pages scanned were all blank"
        _complain(f"{result.error}{kept}")
        return EXIT_BAD_INPUT
    if document is None:
        _complain("every page scanned was blank; nothing written")
        return EXIT_BAD_INPUT
    return EXIT_OK
