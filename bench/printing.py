"""`python -m bench.printing`: printing's targets (issue 3), as a table (JSON with --json).

Receipt render: median after warm-up of the PDF rendering (Mẫu 01 with Code128 and QR, both liên) of one
dossier; the target is a median <= 60 ms. Tickets: bytes on the wire per profile (<= 3 KB with a Vietnamese
code page, <= 12 KB without) and what they cost at 9600 baud (10 bits a byte).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
from datetime import UTC, datetime

from bench.measure import time_each


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.printing", description=__doc__)
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="motcua-bench-printing-") as home:
        os.environ["MOTCUA_HOME"] = home
        rows = _measure(args.samples)
    if args.json:
        json.dump(
            [{"measure": r[0], "value": r[1], "target": r[2], "met": r[3]} for r in rows],
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median / p95 (or value)':<34}  target")
    for name, value, target, met in rows:
        print(f"{name:<{width}}  {value:<34}  {target} {'ok' if met else 'MISSED'}")
    return 0


def _measure(samples: int) -> list[tuple[str, str, str, bool]]:
    import contextlib
    import io

    from app.bootstrap import open_desk
    from app.cli.common import load_settings
    from app.cli.main import run
    from app.services.printing.forms import build_form, print_form
    from app.services.printing.model import ReceiptBody, TicketData
    from app.services.reception import ApplicantInput, ReceptionRequest, receive_dossier
    from printing.wiring import open_printing

    with contextlib.redirect_stdout(io.StringIO()):
        run(["init", "--demo"])
    rows: list[tuple[str, str, str, bool]] = []
    with open_desk(load_settings()) as desk:
        printing = open_printing(desk)
        applicant = ApplicantInput(
            "Nguyễn Thị Ngọc Ánh",
            "051190001234",
            phone="0905 123 456",
            address="Số 12 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi",
        )
        code = receive_dossier(
            desk.services, ReceptionRequest("1.001193.000.00.00.H48", applicant, summary="Đăng ký khai sinh")
        ).code
        receipt = build_form(printing, code, "receipt")
        assert isinstance(receipt.body, ReceiptBody)
        one_copy = dataclasses.replace(
            receipt, body=dataclasses.replace(receipt.body, copies=receipt.body.copies[:1])
        )
        both = time_each([receipt] * samples, printing.forms.render)  # type: ignore[arg-type]
        single = time_each([one_copy] * samples, printing.forms.render)  # type: ignore[arg-type]
        rows.append(
            (
                f"receipt (Mẫu 01, 2 liên) render to PDF, {samples} runs",
                f"{both.median_ms:.1f} / {both.p95_ms:.1f} ms",
                "median <= 60 ms",
                both.median_ms <= 60,
            )
        )
        rows.append(
            (
                "receipt, 1 liên (1 page)",
                f"{single.median_ms:.1f} / {single.p95_ms:.1f} ms",
                "(reported)",
                True,
            )
        )
        archived = time_each(
            list(range(20)), lambda _: print_form(printing, code, "receipt", queue=True), warmup=2
        )
        rows.append(
            (
                "receipt rendered + archived + job queued",
                f"{archived.median_ms:.1f} / {archived.p95_ms:.1f} ms",
                "(reported)",
                True,
            )
        )
        slip = build_form(printing, code, "control_slip")
        timing = time_each([slip] * 20, printing.forms.render)  # type: ignore[arg-type]
        rows.append(
            (
                "control slip (Mẫu 05) render",
                f"{timing.median_ms:.1f} / {timing.p95_ms:.1f} ms",
                "(reported)",
                True,
            )
        )
        ticket = TicketData(
            "A012",
            "HT",
            "Hộ tịch, Chứng thực",
            datetime(2026, 3, 2, 1, 15, tzinfo=UTC),
            7,
            "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi",
            "https://dichvucong.quangngai.gov.vn/tra-cuu?ma=A012-260302",
        )
        for profile in printing.tickets.profiles():
            size = len(printing.tickets.render(ticket, profile.name))
            limit = 3 * 1024 if profile.vietnamese == "codepage" else 12 * 1024
            rows.append(
                (
                    f"ticket bytes, {profile.name} ({profile.vietnamese})",
                    f"{size:,} B, {size * 10 / 9600:.2f} s at 9600 baud",
                    f"<= {limit // 1024} KB",
                    size <= limit,
                )
            )
        rendered = time_each([ticket] * 30, lambda t: printing.tickets.render(t, "pos-5890"))  # type: ignore[arg-type]
        rows.append(
            (
                "ticket render, pos-5890 (raster)",
                f"{rendered.median_ms:.1f} / {rendered.p95_ms:.1f} ms",
                "(reported)",
                True,
            )
        )
    return rows


if __name__ == "__main__":
    sys.exit(main())
