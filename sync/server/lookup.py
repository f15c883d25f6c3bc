"""The citizen's look-up page: GET /tra-cuu?ma=CODE (the address the receipt's QR code holds).

Vietnamese, sized for a phone, and nothing personal beyond a masked name: the code alone is printed on
a paper anyone may see. Rate-limited per address, so codes cannot be enumerated.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from sync.server.services import SyncServices, sync_services
from sync.server.tables import dossiers, procedure_versions

router = APIRouter()
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_CODE = re.compile(r"[0-9A-Za-z.\-]{6,64}")

STATUS_VI = {
    "received": "Đã tiếp nhận, đang chờ xử lý",
    "in_processing": "Đang giải quyết",
    "supplement_requested": "Cần bổ sung hồ sơ",
    "refused": "Từ chối giải quyết",
    "result_ready": "Đã có kết quả, mời đến nhận",
    "returned": "Đã trả kết quả",
    "withdrawn": "Công dân đã rút hồ sơ",
    "stopped": "Dừng giải quyết",
}

_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;background:#f4f6f8;"
    "color:#1d2733}main{max-width:30rem;margin:0 auto;padding:1rem}h1{font-size:1.25rem;margin:.5rem 0 1rem}"
    ".card{background:#fff;border-radius:.75rem;padding:1rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}"
    "dl{margin:0}dt{font-size:.85rem;color:#5b6b7b;margin-top:.75rem}dd{margin:.15rem 0 0;font-size:1.05rem}"
    ".status{font-weight:700;color:#0b5cad}form{margin-top:1rem;display:flex;gap:.5rem}"
    "input{flex:1;font-size:1rem;padding:.6rem;border:1px solid #b8c4d0;border-radius:.5rem}"
    "button{font-size:1rem;padding:.6rem 1rem;border:0;border-radius:.5rem;background:#0b5cad;color:#fff}"
    "p.note{font-size:.85rem;color:#5b6b7b}"
)


def _page(title: str, body: str, status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    html = (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>Tra cứu hồ sơ</h1>{body}"
        '<form method="get" action="/tra-cuu"><input name="ma" placeholder="Mã hồ sơ" '
        'aria-label="Mã hồ sơ" autocomplete="off"><button type="submit">Tra cứu</button></form>'
        "</main></body></html>"
    )
    return HTMLResponse(
        html,
        status_code=status,
        headers={
            "Cache-Control": "no-store",
            "X-Robots-Tag": "noindex",
            "Referrer-Policy": "no-referrer",
            **(headers or {}),
        },
    )


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "Chưa có"
    return moment.astimezone(LOCAL_TZ).strftime("%H:%M ngày %d/%m/%Y")


def _find(services: SyncServices, code: str) -> dict[str, object] | None:
    with services.engine.connect().execution_options(write=False) as connection:
        row = connection.execute(select(dossiers).where(dossiers.c.code == code)).one_or_none()
        if row is None:
            return None
        data = connection.execute(
            select(procedure_versions.c.data).where(procedure_versions.c.fingerprint == row.procedure_version)
        ).scalar_one_or_none()
    procedure = json.loads(data).get("name", row.procedure_code) if data else row.procedure_code
    return {
        "code": row.code,
        "name": row.applicant_masked,
        "procedure": procedure,
        "status": STATUS_VI.get(row.status, row.status),
        "received_at": row.received_at,
        "due_at": row.due_at,
    }


@router.get("/tra-cuu", response_class=HTMLResponse)
async def look_up(request: Request, ma: str | None = None) -> HTMLResponse:
    services = sync_services(request)
    client = request.client.host if request.client else "unknown"
    wait = services.lookup_limiter.allow(client)
    if wait > 0:
        seconds = max(1, round(wait))
        return _page(
            "Quá nhiều lượt tra cứu",
            f'<div class="card"><p>Bạn tra cứu quá nhanh. Vui lòng thử lại sau {seconds} giây.</p></div>',
            429,
            {"Retry-After": str(seconds)},
        )
    if not ma:
        return _page("Tra cứu hồ sơ", '<p class="note">Nhập mã hồ sơ in trên giấy tiếp nhận.</p>')
    code = ma.strip().upper()
    if not _CODE.fullmatch(code):
        return _page(
            "Mã hồ sơ không hợp lệ",
            '<div class="card"><p>Mã hồ sơ không hợp lệ. '
            "Mã có dạng <b>000.00.53.H48-220921-0099</b>.</p></div>",
            400,
        )
    found = await run_in_threadpool(_find, services, code)
    if found is None:
        return _page(
            "Không tìm thấy hồ sơ",
            f'<div class="card"><p>Không tìm thấy hồ sơ <b>{escape(code)}</b>.</p>'
            '<p class="note">Hồ sơ vừa nộp có thể cần ít phút để cập nhật. '
            "Vui lòng kiểm tra lại mã.</p></div>",
            404,
        )
    body = (
        '<div class="card"><dl>'
        f"<dt>Mã hồ sơ</dt><dd>{escape(str(found['code']))}</dd>"
        f"<dt>Người nộp</dt><dd>{escape(str(found['name']))}</dd>"
        f"<dt>Thủ tục</dt><dd>{escape(str(found['procedure']))}</dd>"
        f'<dt>Tình trạng</dt><dd class="status">{escape(str(found["status"]))}</dd>'
        f"<dt>Ngày tiếp nhận</dt><dd>{_when(found['received_at'])}</dd>"  # type: ignore[arg-type]
        f"<dt>Ngày hẹn trả kết quả</dt><dd>{_when(found['due_at'])}</dd>"  # type: ignore[arg-type]
        "</dl></div>"
    )
    return _page(f"Hồ sơ {code}", body)
