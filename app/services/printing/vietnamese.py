"""Words the forms need from the data (kinds of documents, how a step went): data-side Vietnamese only."""

from __future__ import annotations

from app.domain.dossier import Timeliness

FORM_NAMES = {
    "receipt": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "supplement_request": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "refusal": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "apology": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "control_slip": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "logbook": "Sổ theo dõi hồ sơ",
}

TIMELINESS = {
    Timeliness.EARLY: "Trước hạn",
    Timeliness.ON_TIME: "Đúng hạn",
    Timeliness.LATE: "Quá hạn",
}

# Liên of the receipt, in the order they print (practice: one for the applicant, one kept on file).
RECEIPT_COPIES = (
    "Giao người nộp hồ sơ",
    "Lưu tại Bộ phận tiếp nhận và trả kết quả",
    "Chuyển cơ quan giải quyết",
)
