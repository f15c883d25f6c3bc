"""Domain errors in words an officer can act on (the core's errors carry codes and English; style.md).

`describe_error` never shows a traceback or a Python type name: an unexpected error becomes a general
sentence, and its details go to the crash report (ui/crash.py).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.errors import (
    CodeBlockExhausted,
    ConcurrentChange,
    DomainError,
    IllegalTransition,
    InvalidIdNumber,
    NotFound,
    ValidationError,
)
from app.domain.lifecycle import Action, Status
from ui.labels import action_label, status_label

translate = QCoreApplication.translate  # literal calls: what pyside6-lupdate extracts


def field_label(field: str) -> str:
    labels = {
        "applicant.name": translate("Errors", "Họ tên người nộp"),
        "applicant.id_number": translate("Errors", "Số giấy tờ tùy thân"),
        "id_number": translate("Errors", "Số giấy tờ tùy thân"),
        "applicant.id_kind": translate("Errors", "Loại giấy tờ"),
        "applicant.birth_date": translate("Errors", "Ngày sinh"),
        "applicant.email": translate("Errors", "Thư điện tử"),
        "phone": translate("Errors", "Số điện thoại"),
        "components": translate("Errors", "Thành phần hồ sơ"),
        "reason": translate("Errors", "Lý do"),
        "missing": translate("Errors", "Giấy tờ còn thiếu"),
        "officer": translate("Errors", "Cán bộ"),
        "sets": translate("Errors", "Số bộ hồ sơ"),
        "new_due_at": translate("Errors", "Ngày hẹn mới"),
        "extra_working_days": translate("Errors", "Số ngày gia hạn"),
        "collector_name": translate("Errors", "Người nhận kết quả"),
        "received_at": translate("Errors", "Thời điểm tiếp nhận"),
    }
    return labels.get(field, field)


def id_problem(reason: str) -> str:
    """Why an ID number cannot exist, by the reason code of InvalidIdNumber."""
    texts = {
        "length": translate("Errors", "Số CCCD phải có đúng 12 chữ số (CMND cũ: 9 chữ số)"),
        "province": translate("Errors", "Ba chữ số đầu không phải mã tỉnh nơi đăng ký khai sinh"),
        "future": translate("Errors", "Năm sinh trong số này ở tương lai"),
        "age": translate("Errors", "Năm sinh trong số này không hợp lý (quá 125 tuổi)"),
        "format": translate("Errors", "Số giấy tờ không đúng định dạng"),
        "checksum": translate("Errors", "Mã số thuế sai chữ số kiểm tra"),
        "empty": translate("Errors", "Chưa nhập số giấy tờ"),
    }
    return texts.get(reason, texts["format"])


def describe_error(error: BaseException) -> str:
    """One or two sentences for the officer; Vietnamese source, translated with the UI."""
    if isinstance(error, InvalidIdNumber):
        return id_problem(str(error.params.get("reason", "format")))
    if isinstance(error, ValidationError):
        return _validation(error)
    if isinstance(error, IllegalTransition):
        action = error.params.get("action")
        status = error.params.get("status")
        if "re-appointed" in error.message:
            return translate("Errors", "Hồ sơ đã được hẹn lại số lần tối đa mà quy định cho phép.")
        if isinstance(action, Action) and isinstance(status, Status):
            return translate("Errors", "Không thể “{action}” khi hồ sơ đang ở trạng thái “{status}”.").format(
                action=action_label(action), status=status_label(status)
            )
        return translate("Errors", "Thao tác này không được phép ở trạng thái hiện tại của hồ sơ.")
    if isinstance(error, ConcurrentChange):
        return translate("Errors", "Hồ sơ vừa được cập nhật ở máy khác. Hãy mở lại hồ sơ rồi thực hiện lại.")
    if isinstance(error, CodeBlockExhausted):
        return translate(
            "Errors",
            "Máy này đã dùng hết số hồ sơ được cấp trong ngày. Hãy báo quản trị hệ thống cấp thêm "
            "khối số (desk.code_slot).",
        )
    if isinstance(error, NotFound):
        code = error.params.get("code") or error.params.get("username")
        if code:
            return translate("Errors", "Không tìm thấy “{code}”.").format(code=code)
        return translate("Errors", "Không tìm thấy dữ liệu được yêu cầu.")
    if isinstance(error, DomainError):
        return translate("Errors", "Không thực hiện được: {detail}").format(detail=error.message)
    return translate(
        "Errors",
        "Đã xảy ra lỗi ngoài dự kiến; dữ liệu chưa bị thay đổi. Báo cáo lỗi đã được lưu để bộ phận "
        "kỹ thuật kiểm tra. Hãy thử lại.",
    )


def _validation(error: ValidationError) -> str:
    field = error.field
    message = error.message
    if field == "components" and "missing" in error.params:
        missing = "; ".join(str(m) for m in error.params["missing"])
        if message.startswith("components: still missing"):
            return translate("Errors", "Vẫn còn thiếu: {missing}.").format(missing=missing)
        return translate(
            "Errors",
            "Còn thiếu thành phần bắt buộc: {missing}. Hãy chọn “Yêu cầu bổ sung” hoặc đánh dấu đã nhận.",
        ).format(missing=missing)
    if field in ("phone", "applicant.phone"):
        return translate("Errors", "Số điện thoại không đúng: số di động có 10 chữ số, bắt đầu bằng 0.")
    if field == "applicant.email":
        return translate("Errors", "Địa chỉ thư điện tử không đúng.")
    if field == "applicant.birth_date":
        return translate("Errors", "Ngày sinh không thể ở tương lai.")
    if field == "applicant.name":
        return translate("Errors", "Hãy nhập họ tên người nộp.")
    if field == "applicant.id_kind":
        return translate("Errors", "Không nhận ra loại giấy tờ của số này; hãy chọn loại giấy tờ.")
    if field == "reason":
        return translate("Errors", "Hãy ghi lý do (lý do được in trên phiếu giao cho người dân).")
    if field == "missing":
        return translate("Errors", "Hãy ghi rõ giấy tờ người dân cần bổ sung.")
    if field == "new_due_at" and "later" in message:
        return translate("Errors", "Ngày hẹn mới phải sau ngày hẹn hiện tại.")
    if field == "new_due_at" and "future" in message:
        return translate("Errors", "Ngày hẹn mới phải ở tương lai.")
    if field == "extra_working_days":
        return translate("Errors", "Số ngày gia hạn phải lớn hơn 0.")
    if field == "collector_name":
        return translate("Errors", "Hãy ghi tên người nhận kết quả.")
    if field == "officer":
        return translate("Errors", "Tài khoản cán bộ không hợp lệ hoặc đã bị khoá; hãy đăng nhập lại.")
    return translate("Errors", "{field}: giá trị không hợp lệ ({detail}).").format(
        field=field_label(field), detail=message
    )
