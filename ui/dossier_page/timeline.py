"""The timeline of a dossier in words (Vietnamese source, translated with the UI)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.dossier import DocumentKind
from app.domain.events import EventType
from ui.dossier_page.ops import TimelineEntry
from ui.labels import format_datetime, format_money


def document_kind_label(kind: str) -> str:
    translate = QCoreApplication.translate
    labels = {
        DocumentKind.FORM.value: translate("Timeline", "phiếu đã in"),
        DocumentKind.SCAN.value: translate("Timeline", "bản quét"),
        DocumentKind.RESULT.value: translate("Timeline", "kết quả"),
        DocumentKind.OTHER.value: translate("Timeline", "tệp"),
    }
    return labels.get(kind, kind)


def describe_event(entry: TimelineEntry) -> str:
    translate = QCoreApplication.translate
    p = entry.payload
    t = entry.times
    reason = p.get("reason")
    missing = "; ".join(p.get("missing", []))

    def when(key: str) -> str:
        return format_datetime(t[key]) if key in t else "—"

    match entry.type:
        case EventType.RECEIVED:
            text = translate("Timeline", "Tiếp nhận hồ sơ; hẹn trả {due}.").format(due=when("due_at"))
        case EventType.OPENED_FOR_SUPPLEMENT:
            text = translate("Timeline", "Hồ sơ chưa đủ, yêu cầu bổ sung: {missing}.").format(
                missing=missing or "—"
            )
        case EventType.REFUSED_AT_COUNTER:
            text = translate("Timeline", "Từ chối tiếp nhận hồ sơ.")
        case EventType.PROCESSING_STARTED:
            unit = p.get("unit")
            text = (
                translate("Timeline", "Chuyển hồ sơ đến {unit} để xử lý.").format(unit=unit)
                if unit
                else translate("Timeline", "Chuyển hồ sơ đi xử lý.")
            )
        case EventType.STEP_COMPLETED:
            text = translate("Timeline", "Hoàn thành bước {step}: {name} ({unit}).").format(
                step=p.get("step"), name=p.get("name", ""), unit=p.get("unit", "")
            )
            if p.get("note"):
                text += " " + translate("Timeline", "Ghi chú: {note}").format(note=p["note"])
        case EventType.SUPPLEMENT_REQUESTED:
            text = translate("Timeline", "Yêu cầu bổ sung hồ sơ: {missing}.").format(missing=missing or "—")
        case EventType.SUPPLEMENT_RECEIVED:
            text = translate("Timeline", "Nhận hồ sơ bổ sung; hẹn trả {due}.").format(due=when("due_at"))
        case EventType.REFUSED:
            text = translate("Timeline", "Từ chối giải quyết hồ sơ.")
        case EventType.RESULT_READY:
            text = translate("Timeline", "Đã có kết quả giải quyết.")
            if p.get("result"):
                text += " " + str(p["result"])
        case EventType.RESULT_RETURNED:
            text = translate("Timeline", "Trả kết quả cho {name}").format(name=p.get("collector_name", ""))
            if p.get("collector_id"):
                text += " " + translate("Timeline", "(giấy tờ số {number})").format(number=p["collector_id"])
            text += "."
            if p.get("fee_paid") is not None:
                text += " " + translate("Timeline", "Đã thu: {fee}.").format(
                    fee=format_money(int(p["fee_paid"]))
                )
        case EventType.WITHDRAWN:
            text = translate("Timeline", "Công dân rút hồ sơ.")
        case EventType.STOPPED:
            text = translate("Timeline", "Dừng xử lý hồ sơ.")
        case EventType.APOLOGISED:
            text = translate("Timeline", "Xin lỗi và hẹn lại (Mẫu 04): từ {previous} sang {new}.").format(
                previous=when("previous_due_at"), new=when("new_due_at")
            )
        case EventType.NOTE_ADDED:
            text = translate("Timeline", "Ghi chú: {text}").format(text=p.get("text", ""))
        case EventType.DOCUMENT_ADDED:
            text = translate("Timeline", "Lưu {kind}: {name}.").format(
                kind=document_kind_label(str(p.get("kind"))), name=p.get("name", "")
            )
        case _:
            text = str(entry.type)
    if reason and entry.type is not EventType.NOTE_ADDED:
        text += " " + translate("Timeline", "Lý do: {reason}").format(reason=reason)
    return text
