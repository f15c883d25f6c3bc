<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>Action</name>
    <message>
        <source>Chuyển xử lý</source>
        <translation>Send for processing</translation>
    </message>
    <message>
        <source>Hoàn thành bước</source>
        <translation>Complete step</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung</source>
        <translation>Request supplement</translation>
    </message>
    <message>
        <source>Nhận hồ sơ bổ sung</source>
        <translation>Receive supplement</translation>
    </message>
    <message>
        <source>Từ chối giải quyết</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>Đã có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <source>Trả kết quả</source>
        <translation>Return result</translation>
    </message>
    <message>
        <source>Rút hồ sơ</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>Dừng xử lý</source>
        <translation>Stop processing</translation>
    </message>
    <message>
        <source>Xin lỗi, hẹn lại</source>
        <translation>Apologise, new date</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Đính kèm tệp</source>
        <translation>Attach file</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>{action} — hồ sơ {code}</source>
        <translation>{action} — dossier {code}</translation>
    </message>
    <message>
        <source>Người nộp: {name} · Thủ tục: {procedure}</source>
        <translation>Applicant: {name} · Procedure: {procedure}</translation>
    </message>
    <message>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Xác nhận (Ctrl+Enter)</source>
        <translation>Confirm (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Xác nhận hoặc huỷ</source>
        <translation>Confirm or cancel</translation>
    </message>
    <message>
        <source>Đang ghi…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>ApologyDialog</name>
    <message>
        <source>Hẹn trả hiện tại:</source>
        <translation>Current appointment:</translation>
    </message>
    <message>
        <source>Hẹn trả hiện tại</source>
        <translation>Current appointment</translation>
    </message>
    <message>
        <source>&amp;Gia hạn thêm (ngày làm việc):</source>
        <translation>&amp;Extend by (working days):</translation>
    </message>
    <message>
        <source>Số ngày làm việc gia hạn</source>
        <translation>Working days to add</translation>
    </message>
    <message>
        <source>Hẹn trả mới:</source>
        <translation>New appointment:</translation>
    </message>
    <message>
        <source>Hẹn trả mới</source>
        <translation>New appointment</translation>
    </message>
    <message>
        <source>&amp;Lý do chậm trễ (in trên Mẫu 04):</source>
        <translation>&amp;Reason for the delay (printed on Form 04):</translation>
    </message>
    <message>
        <source>Lý do chậm trễ</source>
        <translation>Reason for the delay</translation>
    </message>
    <message>
        <source>Ghi nhận xin lỗi, hẹn lại (Ctrl+Enter)</source>
        <translation>Record apology and new date (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Đang tính…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>Hãy ghi lý do chậm trễ (được in trên thư xin lỗi Mẫu 04).</source>
        <translation>Write the reason for the delay (printed on the Form 04 apology letter).</translation>
    </message>
</context>
<context>
    <name>ApplicantForm</name>
    <message>
        <source>Thông tin người nộp</source>
        <translation>Applicant details</translation>
    </message>
    <message>
        <source>Số &amp;giấy tờ:</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <source>Số CCCD, CMND, hộ chiếu hoặc mã số thuế</source>
        <translation>Citizen ID, old ID card, passport or tax code</translation>
    </message>
    <message>
        <source>&amp;Họ tên:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Họ tên người nộp hoặc tên tổ chức</source>
        <translation>Applicant or organisation name</translation>
    </message>
    <message>
        <source>Ngày &amp;sinh:</source>
        <translation>Date of &amp;birth:</translation>
    </message>
    <message>
        <source>Ngày sinh, dạng ngày/tháng/năm</source>
        <translation>Date of birth, day/month/year</translation>
    </message>
    <message>
        <source>Điện th&amp;oại:</source>
        <translation>P&amp;hone:</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <source>Thư điện tử</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Đị&amp;a chỉ:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>Địa chỉ liên hệ</source>
        <translation>Contact address</translation>
    </message>
    <message>
        <source>ngày/tháng/năm</source>
        <translation>day/month/year</translation>
    </message>
    <message>
        <source>ví dụ: 0905 123 456</source>
        <translation>e.g. 0905 123 456</translation>
    </message>
    <message>
        <source>Là tổ chức, doanh nghiệp</source>
        <translation>An organisation or business</translation>
    </message>
    <message>
        <source>Người nộp là tổ chức, doanh nghiệp</source>
        <translation>The applicant is an organisation or business</translation>
    </message>
    <message>
        <source>Kiểm tra số giấy tờ</source>
        <translation>ID number check</translation>
    </message>
    <message>
        <source>Người nộp đã từng nộp hồ sơ</source>
        <translation>Returning applicant</translation>
    </message>
    <message>
        <source>Người nộp đã từng nộp hồ sơ: đã điền sẵn thông tin lần trước ({name}); hãy hỏi lại nếu có thay đổi.</source>
        <translation>Returning applicant: details from last time filled in ({name}); ask whether anything changed.</translation>
    </message>
    <message>
        <source>Người nộp đã từng nộp hồ sơ ({name}).</source>
        <translation>Returning applicant ({name}).</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <source>Bản sao</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Yêu cầu</source>
        <translation>Needed</translation>
    </message>
    <message>
        <source>Bắt buộc</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Tuỳ chọn</source>
        <translation>Optional</translation>
    </message>
</context>
<context>
    <name>ChecklistView</name>
    <message>
        <source>Danh sách thành phần hồ sơ</source>
        <translation>Checklist of dossier components</translation>
    </message>
    <message>
        <source>Phím cách: đánh dấu đã nhận; gõ số để sửa số bản chính, bản sao</source>
        <translation>Space: mark as handed in; type a digit to change the number of originals or copies</translation>
    </message>
    <message>
        <source>Tiêu đề cột</source>
        <translation>Column headers</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Hai máy của cùng đơn vị không được dùng chung khối số hồ sơ. Thay đổi có hiệu lực khi mở lại chương trình.</source>
        <translation>Two desks of one unit must never share a block of dossier numbers. Changes take effect when the app is restarted.</translation>
    </message>
    <message>
        <source>Số &amp;quầy:</source>
        <translation>&amp;Counter number:</translation>
    </message>
    <message>
        <source>&amp;Khối số hồ sơ (0-9):</source>
        <translation>Dossier number &amp;block (0-9):</translation>
    </message>
    <message>
        <source>Tài khoản &amp;gợi ý khi đăng nhập:</source>
        <translation>&amp;Suggested account at sign-in:</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Chương trình vừa gặp một lỗi ngoài dự kiến.

Hồ sơ đang tiếp nhận dở đã được lưu tạm; nếu phải mở lại chương trình, hồ sơ đó sẽ được khôi phục.

Bạn có thể tiếp tục làm việc. Nếu lỗi lặp lại, hãy báo bộ phận kỹ thuật và gửi kèm tệp báo cáo.</source>
        <translation>The app has just met an unexpected error.

The reception in progress has been saved; if the app has to be restarted, it will be offered back.

You can carry on working. If the error happens again, tell the technical staff and send them the report file.</translation>
    </message>
    <message>
        <source>Tệp báo cáo lỗi: {path}</source>
        <translation>Error report file: {path}</translation>
    </message>
    <message>
        <source>Lỗi ngoài dự kiến</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Tiếp tục làm việc</source>
        <translation>Carry on working</translation>
    </message>
</context>
<context>
    <name>CredentialsForm</name>
    <message>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>&amp;Tài khoản:</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>Tài khoản</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Tài khoản cán bộ</source>
        <translation>Officer account</translation>
    </message>
    <message>
        <source>ví dụ: lan.nguyen</source>
        <translation>e.g. lan.nguyen</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Thông báo đăng nhập</source>
        <translation>Sign-in message</translation>
    </message>
    <message>
        <source>Hãy nhập tài khoản.</source>
        <translation>Enter your account.</translation>
    </message>
    <message>
        <source>Hãy nhập mật khẩu.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Tài khoản hoặc mật khẩu không đúng, hoặc tài khoản đã bị khoá.</source>
        <translation>Wrong account or password, or the account is disabled.</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>Lệ phí, hẹn trả và quyết định</source>
        <translation>Fees, appointment and decision</translation>
    </message>
    <message>
        <source>Lệ phí:</source>
        <translation>Fee:</translation>
    </message>
    <message>
        <source>Hẹn trả:</source>
        <translation>Appointment:</translation>
    </message>
    <message>
        <source>Số &amp;bộ:</source>
        <translation>&amp;Sets:</translation>
    </message>
    <message>
        <source>&amp;Nội dung:</source>
        <translation>S&amp;ubject:</translation>
    </message>
    <message>
        <source>Lệ phí phải nộp</source>
        <translation>Fee to pay</translation>
    </message>
    <message>
        <source>Thời hạn giải quyết</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>Ngày hẹn trả kết quả</source>
        <translation>Appointment for the result</translation>
    </message>
    <message>
        <source>Số bộ hồ sơ</source>
        <translation>Number of sets</translation>
    </message>
    <message>
        <source>Nội dung yêu cầu (không bắt buộc)</source>
        <translation>Subject of the request (optional)</translation>
    </message>
    <message>
        <source>Nội dung yêu cầu, không bắt buộc</source>
        <translation>Subject of the request, optional</translation>
    </message>
    <message>
        <source>Tiếp nhận (Alt+&amp;1)</source>
        <translation>Accept (Alt+&amp;1)</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung (Alt+&amp;2)</source>
        <translation>Request supplement (Alt+&amp;2)</translation>
    </message>
    <message>
        <source>Từ chối (Alt+&amp;3)</source>
        <translation>Refuse (Alt+&amp;3)</translation>
    </message>
    <message>
        <source>&amp;Cần bổ sung (mỗi dòng một loại):</source>
        <translation>&amp;Missing (one paper a line):</translation>
    </message>
    <message>
        <source>Giấy tờ cần bổ sung</source>
        <translation>Papers to add</translation>
    </message>
    <message>
        <source>Giấy tờ cần bổ sung, mỗi dòng một loại</source>
        <translation>Papers to add, one a line</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Cảnh báo</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Lỗi khi tiếp nhận</source>
        <translation>Reception error</translation>
    </message>
    <message>
        <source>Chọn thủ tục để tính ngày hẹn</source>
        <translation>Choose the procedure to compute the appointment</translation>
    </message>
    <message>
        <source>Đang tính…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>Chưa hẹn: thời hạn tính từ khi nhận đủ hồ sơ</source>
        <translation>No appointment yet: the time limit starts once the dossier is complete</translation>
    </message>
    <message>
        <source>Không hẹn trả (từ chối tiếp nhận)</source>
        <translation>No appointment (refused at the counter)</translation>
    </message>
    <message>
        <source>&amp;Lý do từ chối (in trên phiếu):</source>
        <translation>&amp;Reason for refusal (printed on the form):</translation>
    </message>
    <message>
        <source>Bắt buộc: lý do từ chối tiếp nhận</source>
        <translation>Required: why the dossier is refused</translation>
    </message>
    <message>
        <source>&amp;Lý do (in trên phiếu):</source>
        <translation>&amp;Reason (printed on the form):</translation>
    </message>
    <message>
        <source>Hồ sơ chưa đầy đủ thành phần theo quy định</source>
        <translation>The dossier lacks components required by the rules</translation>
    </message>
    <message>
        <source>Còn thiếu {n} thành phần bắt buộc: {names}. Đánh dấu đã nhận, hoặc chọn “Yêu cầu bổ sung”.</source>
        <translation>{n} required component(s) missing: {names}. Mark them as handed in, or choose “Request supplement”.</translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ (Ctrl+Enter)</source>
        <translation>Accept dossier (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ghi nhận yêu cầu bổ sung (Ctrl+Enter)</source>
        <translation>Record supplement request (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ghi nhận từ chối tiếp nhận (Ctrl+Enter)</source>
        <translation>Record refusal (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>DeskHeader</name>
    <message>
        <source>Thông tin quầy</source>
        <translation>Counter details</translation>
    </message>
    <message>
        <source>(chưa đặt tên cơ quan)</source>
        <translation>(office name not set)</translation>
    </message>
    <message>
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Quầy {number}</source>
        <translation>Counter {number}</translation>
    </message>
    <message>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Ngày làm việc</source>
        <translation>Working day</translation>
    </message>
    <message>
        <source>Cán bộ: (chưa đăng nhập)</source>
        <translation>Officer: (not signed in)</translation>
    </message>
    <message>
        <source>Cán bộ: {name} ({username})</source>
        <translation>Officer: {name} ({username})</translation>
    </message>
    <message>
        <source>Cán bộ: {username}</source>
        <translation>Officer: {username}</translation>
    </message>
</context>
<context>
    <name>DisplaysPage</name>
    <message>
        <source>Bảng hiển thị, loa</source>
        <translation>LED displays, speaker</translation>
    </message>
    <message>
        <source>Bảng LED số thứ tự ở quầy và loa gọi số. Để trống cổng nếu quầy không có bảng LED. Thay đổi có hiệu lực khi mở lại chương trình.</source>
        <translation>The counter&apos;s LED number display and the speaker that calls numbers. Leave the port empty if the counter has no LED display. Changes take effect when the program is reopened.</translation>
    </message>
    <message>
        <source>&amp;Cổng bảng LED:</source>
        <translation>LED display &amp;port:</translation>
    </message>
    <message>
        <source>Cổng COM của bảng, hoặc địa chỉ: {examples}</source>
        <translation>The display&apos;s COM port, or an address: {examples}</translation>
    </message>
    <message>
        <source>&amp;Giao thức:</source>
        <translation>Pro&amp;tocol:</translation>
    </message>
    <message>
        <source>Đị&amp;a chỉ bảng (công tắc DIP):</source>
        <translation>Display &amp;address (DIP switches):</translation>
    </message>
    <message>
        <source>&amp;Thử bảng</source>
        <translation>Test &amp;display</translation>
    </message>
    <message>
        <source>Thử bảng LED: hiện 8888 rồi số quầy</source>
        <translation>Test the LED display: show 8888, then the counter number</translation>
    </message>
    <message>
        <source>Hiện 8888 (mọi đoạn sáng) rồi số quầy trên bảng LED</source>
        <translation>Show 8888 (every segment lit), then the counter number on the LED display</translation>
    </message>
    <message>
        <source>Đọc số được gọi qua &amp;loa của máy này</source>
        <translation>Announce called numbers on this computer&apos;s &amp;speaker</translation>
    </message>
    <message>
        <source>Đọc số được gọi qua loa</source>
        <translation>Announce called numbers on the speaker</translation>
    </message>
    <message>
        <source>T&amp;hử loa</source>
        <translation>Test spea&amp;ker</translation>
    </message>
    <message>
        <source>Thử loa: đọc một lần gọi số mẫu</source>
        <translation>Test the speaker: announce a sample call</translation>
    </message>
    <message>
        <source>Giao thức bảng LED “{name}” không có; chọn một trong: {names}.</source>
        <translation>There is no LED display protocol “{name}”; choose one of: {names}.</translation>
    </message>
    <message>
        <source>Không liệt kê được cổng COM.</source>
        <translation>Could not list the COM ports.</translation>
    </message>
    <message>
        <source>Hãy chọn cổng của bảng LED trước.</source>
        <translation>Choose the LED display&apos;s port first.</translation>
    </message>
    <message>
        <source>Đã gửi tới bảng LED: {shown}. Hãy nhìn bảng: nếu không thấy số, kiểm tra giao thức, địa chỉ và dây nối.</source>
        <translation>Sent to the LED display: {shown}. Look at the display: if the number does not show, check the protocol, the address and the cable.</translation>
    </message>
    <message>
        <source>Cổng không hợp lệ: {detail}</source>
        <translation>Invalid port: {detail}</translation>
    </message>
    <message>
        <source>Giao thức hoặc địa chỉ không hợp lệ: {detail}</source>
        <translation>Invalid protocol or address: {detail}</translation>
    </message>
    <message>
        <source>Phần điều khiển bảng LED chưa được cài trên máy này.</source>
        <translation>The LED display support is not installed on this computer.</translation>
    </message>
    <message>
        <source>Không gửi được tới bảng LED qua {port}: {detail}</source>
        <translation>Could not send to the LED display on {port}: {detail}</translation>
    </message>
    <message>
        <source>Đã đọc: “{words}”.</source>
        <translation>Announced: “{words}”.</translation>
    </message>
    <message>
        <source>Máy này chưa cài bộ đọc tiếng Việt espeak-ng (Debian/Ubuntu: apt-get install espeak-ng).</source>
        <translation>No Vietnamese speech engine is installed on this computer: espeak-ng (Debian/Ubuntu: apt-get install espeak-ng).</translation>
    </message>
    <message>
        <source>Máy này chưa có chương trình phát âm thanh (aplay hoặc paplay: apt-get install alsa-utils).</source>
        <translation>This computer has no sound player (aplay or paplay: apt-get install alsa-utils).</translation>
    </message>
    <message>
        <source>Không phát được âm thanh: {detail}</source>
        <translation>Could not play the sound: {detail}</translation>
    </message>
</context>
<context>
    <name>DonePanel</name>
    <message>
        <source>Kết quả tiếp nhận</source>
        <translation>Reception outcome</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Thông tin hồ sơ</source>
        <translation>Dossier details</translation>
    </message>
    <message>
        <source>Ngày hẹn trả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <source>Xem trước</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Xem trước phiếu</source>
        <translation>Preview the form</translation>
    </message>
    <message>
        <source>Mở hồ sơ</source>
        <translation>Open dossier</translation>
    </message>
    <message>
        <source>Mở trang hồ sơ</source>
        <translation>Open the dossier page</translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ mới (Ctrl+N)</source>
        <translation>New reception (Ctrl+N)</translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ mới</source>
        <translation>New reception</translation>
    </message>
    <message>
        <source>Tình trạng in</source>
        <translation>Printing status</translation>
    </message>
    <message>
        <source>✓ Đã tiếp nhận hồ sơ</source>
        <translation>✓ Dossier accepted</translation>
    </message>
    <message>
        <source>In giấy tiếp nhận và hẹn trả (Mẫu 01)</source>
        <translation>Print receipt and appointment (Form 01)</translation>
    </message>
    <message>
        <source>Đã ghi nhận yêu cầu bổ sung hồ sơ</source>
        <translation>Supplement request recorded</translation>
    </message>
    <message>
        <source>In phiếu yêu cầu bổ sung (Mẫu 02)</source>
        <translation>Print supplement request (Form 02)</translation>
    </message>
    <message>
        <source>Đã ghi nhận từ chối tiếp nhận hồ sơ</source>
        <translation>Refusal recorded</translation>
    </message>
    <message>
        <source>In phiếu từ chối (Mẫu 03)</source>
        <translation>Print refusal (Form 03)</translation>
    </message>
    <message>
        <source>Hẹn trả: {when}</source>
        <translation>Appointment: {when}</translation>
    </message>
    <message>
        <source>Người nộp: {name}
Thủ tục: {procedure}
Tiếp nhận lúc: {at}
Lệ phí: {fee}</source>
        <translation>Applicant: {name}
Procedure: {procedure}
Received at: {at}
Fee: {fee}</translation>
    </message>
</context>
<context>
    <name>DossierPage</name>
    <message>
        <source>Trang hồ sơ</source>
        <translation>Dossier page</translation>
    </message>
    <message>
        <source>← Quay lại (Esc)</source>
        <translation>← Back (Esc)</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Trạng thái hồ sơ</source>
        <translation>Dossier status</translation>
    </message>
    <message>
        <source>Tình trạng hạn trả</source>
        <translation>Appointment status</translation>
    </message>
    <message>
        <source>Thông báo</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Người nộp:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <source>Giấy tờ, liên hệ:</source>
        <translation>ID, contact:</translation>
    </message>
    <message>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <source>Tiếp nhận:</source>
        <translation>Received:</translation>
    </message>
    <message>
        <source>Hẹn trả:</source>
        <translation>Appointment:</translation>
    </message>
    <message>
        <source>Lệ phí:</source>
        <translation>Fee:</translation>
    </message>
    <message>
        <source>Chi tiết hồ sơ</source>
        <translation>Dossier details</translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>Các thao tác được phép</source>
        <translation>Allowed actions</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier components</translation>
    </message>
    <message>
        <source>Thành phần</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <source>Bản sao</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Đã nhận</source>
        <translation>Handed in</translation>
    </message>
    <message>
        <source>Bản quét</source>
        <translation>Scans</translation>
    </message>
    <message>
        <source>Giấy tờ đã in và bản quét</source>
        <translation>Printed forms and scans</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Lưu lúc</source>
        <translation>Saved at</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Lịch sử xử lý</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Tiêu đề cột</source>
        <translation>Column headers</translation>
    </message>
    <message>
        <source>In phiếu (Ctrl+P)</source>
        <translation>Print a form (Ctrl+P)</translation>
    </message>
    <message>
        <source>In phiếu của hồ sơ</source>
        <translation>Print a form of the dossier</translation>
    </message>
    <message>
        <source>Các phiếu của hồ sơ</source>
        <translation>The dossier’s forms</translation>
    </message>
    <message>
        <source>Quét giấy tờ… (F6)</source>
        <translation>Scan papers… (F6)</translation>
    </message>
    <message>
        <source>Quét giấy tờ</source>
        <translation>Scan papers</translation>
    </message>
    <message>
        <source>Quét giấy tờ và đính kèm vào một thành phần của hồ sơ</source>
        <translation>Scan papers and attach them to a component of the dossier</translation>
    </message>
    <message>
        <source>Phiếu đã in trước đó được in lại kèm dấu “bản in lại”</source>
        <translation>A form printed before is printed again stamped “reprint”</translation>
    </message>
    <message>
        <source>Giấy tiếp nhận và hẹn trả (Mẫu 01)</source>
        <translation>Receipt and appointment (Form 01)</translation>
    </message>
    <message>
        <source>Phiếu yêu cầu bổ sung (Mẫu 02)</source>
        <translation>Supplement request (Form 02)</translation>
    </message>
    <message>
        <source>Phiếu từ chối (Mẫu 03)</source>
        <translation>Refusal (Form 03)</translation>
    </message>
    <message>
        <source>Phiếu xin lỗi và hẹn lại (Mẫu 04)</source>
        <translation>Apology and new appointment (Form 04)</translation>
    </message>
    <message>
        <source>Phiếu kiểm soát quá trình giải quyết (Mẫu 05)</source>
        <translation>Processing control slip (Form 05)</translation>
    </message>
    <message>
        <source>Hồ sơ {code}</source>
        <translation>Dossier {code}</translation>
    </message>
    <message>
        <source>Đang tải hồ sơ…</source>
        <translation>Loading the dossier…</translation>
    </message>
    <message>
        <source>⚠ Quá hạn {days} ngày làm việc</source>
        <translation>⚠ Overdue by {days} working days</translation>
    </message>
    <message>
        <source>Đã xin lỗi, hẹn lại {n} lần</source>
        <translation>Apologised and re-appointed {n} time(s)</translation>
    </message>
    <message>
        <source> (sinh ngày {day})</source>
        <translation> (born {day})</translation>
    </message>
    <message>
        <source> — tổ chức</source>
        <translation> — organisation</translation>
    </message>
    <message>
        <source>{name} ({code}) · {limit}</source>
        <translation>{name} ({code}) · {limit}</translation>
    </message>
    <message>
        <source>{at}, {officer}, quầy {counter}, {sets} bộ</source>
        <translation>{at}, {officer}, counter {counter}, {sets} set(s)</translation>
    </message>
    <message>
        <source>Chưa hẹn (chờ bổ sung)</source>
        <translation>Not yet (awaiting supplement)</translation>
    </message>
    <message>
        <source>(hẹn ban đầu: {first})</source>
        <translation>(first appointment: {first})</translation>
    </message>
    <message>
        <source>Lịch sử xử lý ({n})</source>
        <translation>History ({n})</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ ({n})</source>
        <translation>Components ({n})</translation>
    </message>
    <message>
        <source>Giấy tờ đã in, bản quét ({n})</source>
        <translation>Printed forms, scans ({n})</translation>
    </message>
    <message>
        <source> (không bắt buộc)</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <source>Chưa nộp</source>
        <translation>Not handed in</translation>
    </message>
    <message>
        <source>{n} tệp</source>
        <translation>{n} file(s)</translation>
    </message>
    <message>
        <source>Đã ghi nhận.</source>
        <translation>Recorded.</translation>
    </message>
</context>
<context>
    <name>DossierTable</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Appointment</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <source>Số giấy tờ: {number}</source>
        <translation>ID number: {number}</translation>
    </message>
    <message>
        <source>SĐT: {phone}</source>
        <translation>Phone: {phone}</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
</context>
<context>
    <name>DossierTableView</name>
    <message>
        <source>Danh sách hồ sơ</source>
        <translation>Dossier list</translation>
    </message>
    <message>
        <source>Tiêu đề cột</source>
        <translation>Column headers</translation>
    </message>
</context>
<context>
    <name>DraftBanner</name>
    <message>
        <source>Hồ sơ tiếp nhận dở</source>
        <translation>Unfinished reception</translation>
    </message>
    <message>
        <source>Khôi phục và làm tiếp</source>
        <translation>Restore and continue</translation>
    </message>
    <message>
        <source>Khôi phục hồ sơ tiếp nhận dở</source>
        <translation>Restore the unfinished reception</translation>
    </message>
    <message>
        <source>Bỏ</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Bỏ hồ sơ tiếp nhận dở</source>
        <translation>Discard the unfinished reception</translation>
    </message>
    <message>
        <source>Có một hồ sơ đang tiếp nhận dở lúc {when}: {applicant} — {procedure}.</source>
        <translation>A reception was left unfinished at {when}: {applicant} — {procedure}.</translation>
    </message>
    <message>
        <source>(chưa nhập tên)</source>
        <translation>(no name yet)</translation>
    </message>
    <message>
        <source>(chưa chọn thủ tục)</source>
        <translation>(no procedure yet)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Họ tên người nộp</source>
        <translation>Applicant name</translation>
    </message>
    <message>
        <source>Số giấy tờ tùy thân</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Loại giấy tờ</source>
        <translation>ID kind</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Thư điện tử</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier components</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Giấy tờ còn thiếu</source>
        <translation>Missing papers</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Số bộ hồ sơ</source>
        <translation>Number of sets</translation>
    </message>
    <message>
        <source>Ngày hẹn mới</source>
        <translation>New appointment</translation>
    </message>
    <message>
        <source>Số ngày gia hạn</source>
        <translation>Days to add</translation>
    </message>
    <message>
        <source>Người nhận kết quả</source>
        <translation>Collector</translation>
    </message>
    <message>
        <source>Thời điểm tiếp nhận</source>
        <translation>Time of receipt</translation>
    </message>
    <message>
        <source>Số CCCD phải có đúng 12 chữ số (CMND cũ: 9 chữ số)</source>
        <translation>A citizen ID has exactly 12 digits (old ID cards: 9)</translation>
    </message>
    <message>
        <source>Ba chữ số đầu không phải mã tỉnh nơi đăng ký khai sinh</source>
        <translation>The first three digits are not a province code of birth registration</translation>
    </message>
    <message>
        <source>Năm sinh trong số này ở tương lai</source>
        <translation>The birth year in this number is in the future</translation>
    </message>
    <message>
        <source>Năm sinh trong số này không hợp lý (quá 125 tuổi)</source>
        <translation>The birth year in this number is implausible (over 125 years)</translation>
    </message>
    <message>
        <source>Số giấy tờ không đúng định dạng</source>
        <translation>The ID number is not in a known format</translation>
    </message>
    <message>
        <source>Mã số thuế sai chữ số kiểm tra</source>
        <translation>The tax code fails its check digit</translation>
    </message>
    <message>
        <source>Chưa nhập số giấy tờ</source>
        <translation>No ID number entered</translation>
    </message>
    <message>
        <source>Hồ sơ đã được hẹn lại số lần tối đa mà quy định cho phép.</source>
        <translation>The dossier has been re-appointed as many times as the rules allow.</translation>
    </message>
    <message>
        <source>Không thể “{action}” khi hồ sơ đang ở trạng thái “{status}”.</source>
        <translation>Cannot “{action}” while the dossier is “{status}”.</translation>
    </message>
    <message>
        <source>Thao tác này không được phép ở trạng thái hiện tại của hồ sơ.</source>
        <translation>This action is not allowed in the dossier’s current status.</translation>
    </message>
    <message>
        <source>Hồ sơ vừa được cập nhật ở máy khác. Hãy mở lại hồ sơ rồi thực hiện lại.</source>
        <translation>The dossier was just changed on another desk. Open it again and repeat the action.</translation>
    </message>
    <message>
        <source>Máy này đã dùng hết số hồ sơ được cấp trong ngày. Hãy báo quản trị hệ thống cấp thêm khối số (desk.code_slot).</source>
        <translation>This desk has used all its dossier numbers for today. Ask the administrator for another block (desk.code_slot).</translation>
    </message>
    <message>
        <source>Không tìm thấy “{code}”.</source>
        <translation>“{code}” was not found.</translation>
    </message>
    <message>
        <source>Không tìm thấy dữ liệu được yêu cầu.</source>
        <translation>The requested data was not found.</translation>
    </message>
    <message>
        <source>Không thực hiện được: {detail}</source>
        <translation>Could not be done: {detail}</translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi ngoài dự kiến; dữ liệu chưa bị thay đổi. Báo cáo lỗi đã được lưu để bộ phận kỹ thuật kiểm tra. Hãy thử lại.</source>
        <translation>An unexpected error happened; no data was changed. An error report was saved for the technical staff. Please try again.</translation>
    </message>
    <message>
        <source>Vẫn còn thiếu: {missing}.</source>
        <translation>Still missing: {missing}.</translation>
    </message>
    <message>
        <source>Còn thiếu thành phần bắt buộc: {missing}. Hãy chọn “Yêu cầu bổ sung” hoặc đánh dấu đã nhận.</source>
        <translation>Required components missing: {missing}. Choose “Request supplement” or mark them as handed in.</translation>
    </message>
    <message>
        <source>Số điện thoại không đúng: số di động có 10 chữ số, bắt đầu bằng 0.</source>
        <translation>Wrong phone number: mobile numbers have 10 digits and start with 0.</translation>
    </message>
    <message>
        <source>Địa chỉ thư điện tử không đúng.</source>
        <translation>Wrong e-mail address.</translation>
    </message>
    <message>
        <source>Ngày sinh không thể ở tương lai.</source>
        <translation>The date of birth cannot be in the future.</translation>
    </message>
    <message>
        <source>Hãy nhập họ tên người nộp.</source>
        <translation>Enter the applicant’s name.</translation>
    </message>
    <message>
        <source>Không nhận ra loại giấy tờ của số này; hãy chọn loại giấy tờ.</source>
        <translation>This number is not a known kind of ID; say which document it is.</translation>
    </message>
    <message>
        <source>Hãy ghi lý do (lý do được in trên phiếu giao cho người dân).</source>
        <translation>Write the reason (it is printed on the paper given to the citizen).</translation>
    </message>
    <message>
        <source>Hãy ghi rõ giấy tờ người dân cần bổ sung.</source>
        <translation>List the papers the citizen has to add.</translation>
    </message>
    <message>
        <source>Ngày hẹn mới phải sau ngày hẹn hiện tại.</source>
        <translation>The new appointment must be later than the current one.</translation>
    </message>
    <message>
        <source>Ngày hẹn mới phải ở tương lai.</source>
        <translation>The new appointment must be in the future.</translation>
    </message>
    <message>
        <source>Số ngày gia hạn phải lớn hơn 0.</source>
        <translation>The days to add must be more than 0.</translation>
    </message>
    <message>
        <source>Hãy ghi tên người nhận kết quả.</source>
        <translation>Write the name of the person collecting the result.</translation>
    </message>
    <message>
        <source>Tài khoản cán bộ không hợp lệ hoặc đã bị khoá; hãy đăng nhập lại.</source>
        <translation>The officer account is invalid or disabled; sign in again.</translation>
    </message>
    <message>
        <source>{field}: giá trị không hợp lệ ({detail}).</source>
        <translation>{field}: invalid value ({detail}).</translation>
    </message>
</context>
<context>
    <name>Hall</name>
    <message>
        <source>Màn hình phòng chờ cần địa chỉ máy chủ xếp hàng của đơn vị:
    motcua config set server.url http://MAY-CHU:8400</source>
        <translation>The hall display needs the address of the office&apos;s queue server:
    motcua config set server.url http://SERVER:8400</translation>
    </message>
    <message>
        <source>Chưa đặt mã đơn vị: motcua config set office.code MA-DON-VI</source>
        <translation>The office code is not set: motcua config set office.code OFFICE-CODE</translation>
    </message>
    <message>
        <source>MotCua — Màn hình phòng chờ</source>
        <translation>MotCua — Waiting hall display</translation>
    </message>
    <message>
        <source>MỜI CÔNG DÂN CÓ SỐ</source>
        <translation>NOW SERVING NUMBER</translation>
    </message>
    <message>
        <source>QUẦY</source>
        <translation>COUNTER</translation>
    </message>
    <message>
        <source>ĐANG PHỤC VỤ SỐ</source>
        <translation>SERVING NUMBER</translation>
    </message>
    <message>
        <source>đang kết nối…</source>
        <translation>connecting…</translation>
    </message>
    <message>
        <source>MẤT KẾT NỐI VỚI MÁY CHỦ XẾP HÀNG — các số trên màn hình có thể chưa được cập nhật</source>
        <translation>CONNECTION TO THE QUEUE SERVER LOST — the numbers on screen may be out of date</translation>
    </message>
    <message>
        <source>ĐẾN QUẦY SỐ {counter}</source>
        <translation>PLEASE GO TO COUNTER {counter}</translation>
    </message>
    <message>
        <source>{label} → quầy {counter}</source>
        <translation>{label} → counter {counter}</translation>
    </message>
    <message>
        <source>Vừa gọi:  {recent}</source>
        <translation>Just called:  {recent}</translation>
    </message>
    <message>
        <source>{prefix} {name}: {n} người chờ</source>
        <translation>{prefix} {name}: {n} waiting</translation>
    </message>
</context>
<context>
    <name>IdCheck</name>
    <message>
        <source>CCCD 12 số, CMND 9 số, hộ chiếu hoặc mã số thuế</source>
        <translation>Citizen ID 12 digits, old ID 9 digits, passport or tax code</translation>
    </message>
    <message>
        <source>đăng ký khai sinh tại {province}</source>
        <translation>birth registered in {province}</translation>
    </message>
    <message>
        <source>mã nơi đăng ký {code}</source>
        <translation>registration code {code}</translation>
    </message>
    <message>
        <source>Nam</source>
        <translation>male</translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation>female</translation>
    </message>
    <message>
        <source>sinh năm {year}</source>
        <translation>born {year}</translation>
    </message>
    <message>
        <source>Hộ chiếu: gõ tiếp…</source>
        <translation>Passport: keep typing…</translation>
    </message>
    <message>
        <source>Đã gõ {n}/12 chữ số</source>
        <translation>{n}/12 digits typed</translation>
    </message>
    <message>
        <source>CCCD hợp lệ: {details}</source>
        <translation>Valid citizen ID: {details}</translation>
    </message>
    <message>
        <source>Số CMND cũ (9 số); nếu là CCCD hãy gõ đủ 12 số</source>
        <translation>Old ID card number (9 digits); a citizen ID needs all 12</translation>
    </message>
    <message>
        <source>Mã số thuế hợp lệ</source>
        <translation>Valid tax code</translation>
    </message>
    <message>
        <source>Hộ chiếu</source>
        <translation>Passport</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>chưa có phần in vé</source>
        <translation>ticket printing is not installed</translation>
    </message>
    <message>
        <source>chưa cấu hình máy in vé</source>
        <translation>no ticket printer is configured</translation>
    </message>
    <message>
        <source>máy in vé: {error}</source>
        <translation>ticket printer: {error}</translation>
    </message>
    <message>
        <source>Thông thường</source>
        <translation>Regular</translation>
    </message>
    <message>
        <source>Người cao tuổi</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <source>Người khuyết tật</source>
        <translation>Person with a disability</translation>
    </message>
    <message>
        <source>Phụ nữ mang thai</source>
        <translation>Pregnant woman</translation>
    </message>
    <message>
        <source>Người đi cùng con nhỏ</source>
        <translation>With a small child</translation>
    </message>
    <message>
        <source>Đã đặt lịch hẹn</source>
        <translation>Have an appointment</translation>
    </message>
    <message>
        <source>MotCua — Lấy số thứ tự</source>
        <translation>MotCua — Take a number</translation>
    </message>
    <message>
        <source>LẤY SỐ THỨ TỰ</source>
        <translation>TAKE A NUMBER</translation>
    </message>
    <message>
        <source>Nếu bạn thuộc nhóm ưu tiên, chạm vào nhóm của bạn trước; rồi chạm vào lĩnh vực cần giải quyết</source>
        <translation>If you belong to a priority group, touch your group first; then touch the service you need</translation>
    </message>
    <message>
        <source>SỐ CỦA BẠN</source>
        <translation>YOUR NUMBER</translation>
    </message>
    <message>
        <source>Xong — lấy số khác</source>
        <translation>Done — take another number</translation>
    </message>
    <message>
        <source>Bạn là người tiếp theo</source>
        <translation>You are next</translation>
    </message>
    <message>
        <source>Có {n} người đang chờ trước bạn</source>
        <translation>{n} people are waiting before you</translation>
    </message>
    <message>
        <source>Vé đang được in, vui lòng nhận vé bên dưới</source>
        <translation>Your ticket is printing, please take it below</translation>
    </message>
    <message>
        <source>KHÔNG IN ĐƯỢC VÉ ({problem}) — xin hãy ghi nhớ số của bạn</source>
        <translation>THE TICKET COULD NOT BE PRINTED ({problem}) — please remember your number</translation>
    </message>
    <message>
        <source>Chưa lấy được số</source>
        <translation>No number was issued</translation>
    </message>
    <message>
        <source>Xin vui lòng thử lại hoặc hỏi cán bộ hướng dẫn</source>
        <translation>Please try again or ask a staff member for help</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Đổi ngôn ngữ ngay, không cần mở lại chương trình.</source>
        <translation>The language changes at once, without restarting the app.</translation>
    </message>
    <message>
        <source>&amp;Ngôn ngữ giao diện:</source>
        <translation>Interface &amp;language:</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <source>Chú thích và phím tắt</source>
        <translation>Legend and shortcuts</translation>
    </message>
    <message>
        <source>Chú thích</source>
        <translation>Legend</translation>
    </message>
    <message>
        <source>⚠ Chữ đỏ: hồ sơ đã quá hạn hẹn trả</source>
        <translation>⚠ Red: the dossier is past its appointment</translation>
    </message>
    <message>
        <source>Phím {key}</source>
        <translation>Key {key}</translation>
    </message>
</context>
<context>
    <name>ListFilterBar</name>
    <message>
        <source>Bộ lọc danh sách</source>
        <translation>List filters</translation>
    </message>
    <message>
        <source>Mọi trạng thái</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Lọc theo trạng thái</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Chỉ hồ sơ quá hạn</source>
        <translation>Overdue dossiers only</translation>
    </message>
    <message>
        <source>Hẹn trả hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>Chỉ hồ sơ hẹn trả hôm nay</source>
        <translation>Dossiers due today only</translation>
    </message>
    <message>
        <source>Mọi thủ tục</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <source>Lọc theo thủ tục</source>
        <translation>Filter by procedure</translation>
    </message>
    <message>
        <source>Mọi cán bộ</source>
        <translation>All officers</translation>
    </message>
    <message>
        <source>Hồ sơ tôi tiếp nhận</source>
        <translation>Received by me</translation>
    </message>
    <message>
        <source>Lọc theo cán bộ tiếp nhận</source>
        <translation>Filter by receiving officer</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Mở khoá</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Màn hình khoá</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <source>Mở khoá quầy</source>
        <translation>Unlock the counter</translation>
    </message>
    <message>
        <source>Quầy {number} đang tạm khoá</source>
        <translation>Counter {number} is locked</translation>
    </message>
    <message>
        <source>Cán bộ đang làm việc</source>
        <translation>Officer on duty</translation>
    </message>
    <message>
        <source>Công việc đang làm vẫn được giữ nguyên. Nhập mật khẩu để mở khoá, hoặc nhập tài khoản khác để đổi cán bộ.</source>
        <translation>The work in progress is kept as it is. Enter the password to unlock, or another account to change officer.</translation>
    </message>
    <message>
        <source>Cán bộ: {name} ({username})</source>
        <translation>Officer: {name} ({username})</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Receive a dossier</translation>
    </message>
    <message>
        <source>Tra cứu hồ sơ</source>
        <translation>Find dossiers</translation>
    </message>
    <message>
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <source>Hồ sơ quá hạn</source>
        <translation>Overdue dossiers</translation>
    </message>
    <message>
        <source>Báo cáo hôm nay</source>
        <translation>Today’s report</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Khoá màn hình</source>
        <translation>Lock the screen</translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ mới</source>
        <translation>New reception</translation>
    </message>
    <message>
        <source>Tìm hồ sơ</source>
        <translation>Find a dossier</translation>
    </message>
    <message>
        <source>Làm mới danh sách</source>
        <translation>Refresh the list</translation>
    </message>
    <message>
        <source>Xoá ô tìm kiếm</source>
        <translation>Clear the search box</translation>
    </message>
    <message>
        <source>Cửa sổ chính MotCua Desk</source>
        <translation>MotCua Desk main window</translation>
    </message>
    <message>
        <source>MotCua Desk — {office}</source>
        <translation>MotCua Desk — {office}</translation>
    </message>
    <message>
        <source>Nội dung chính</source>
        <translation>Main content</translation>
    </message>
    <message>
        <source>Khu làm việc</source>
        <translation>Workspace</translation>
    </message>
    <message>
        <source>Màn hình</source>
        <translation>Screens</translation>
    </message>
    <message>
        <source>Trang làm việc</source>
        <translation>Work pages</translation>
    </message>
    <message>
        <source>Thanh trạng thái</source>
        <translation>Status bar</translation>
    </message>
    <message>
        <source>Kéo để đổi cỡ cửa sổ</source>
        <translation>Drag to resize the window</translation>
    </message>
    <message>
        <source>CSDL: {path}</source>
        <translation>Database: {path}</translation>
    </message>
    <message>
        <source>Tệp cơ sở dữ liệu</source>
        <translation>Database file</translation>
    </message>
    <message>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Gọi số tiếp</source>
        <translation>Call next</translation>
    </message>
    <message>
        <source>Gọi lại</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>Bắt đầu hoặc hoàn thành phục vụ</source>
        <translation>Start or complete service</translation>
    </message>
    <message>
        <source>Đã đọc mã vạch: {code}</source>
        <translation>Barcode read: {code}</translation>
    </message>
    <message>
        <source>Hôm nay
Tôi đã nhận: {mine} hồ sơ
Đã trả trong số đó: {returned}
Cả đơn vị đã nhận: {total}
Đang quá hạn: {overdue}</source>
        <translation>Today
Received by me: {mine}
Of those returned: {returned}
Received by the office: {total}
Overdue now: {overdue}</translation>
    </message>
    <message>
        <source>Đã đính kèm bản quét vào hồ sơ {code}</source>
        <translation>Scan attached to dossier {code}</translation>
    </message>
    <message>
        <source>Máy này chưa lưu được hồ sơ nhập dở: không quét được.</source>
        <translation>This desk cannot keep a reception in progress: scanning is not possible.</translation>
    </message>
    <message>
        <source>Chưa đính kèm được bản quét vào hồ sơ {code}: {error}</source>
        <translation>The scans could not be attached to dossier {code} yet: {error}</translation>
    </message>
    <message>
        <source>Hồ sơ {code}: {n} bản quét chưa đính kèm được ({reason}); tệp vẫn được giữ.</source>
        <translation>Dossier {code}: {n} scans not attached ({reason}); the files are kept.</translation>
    </message>
    <message>
        <source>Đã đính kèm {n} bản quét vào hồ sơ {code}.</source>
        <translation>{n} scans attached to dossier {code}.</translation>
    </message>
    <message>
        <source>Không còn ai chờ ở các dòng của quầy này.</source>
        <translation>Nobody is waiting in this counter&apos;s lines.</translation>
    </message>
    <message>
        <source>Đã gọi số {ticket} đến quầy {counter}.</source>
        <translation>Called {ticket} to counter {counter}.</translation>
    </message>
    <message>
        <source>Số {ticket} đã xong.</source>
        <translation>{ticket} is done.</translation>
    </message>
    <message>
        <source>Đã gọi lại số {ticket} (lần {n}).</source>
        <translation>Called {ticket} again (call {n}).</translation>
    </message>
    <message>
        <source>Bắt đầu phục vụ số {ticket}.</source>
        <translation>Serving {ticket}.</translation>
    </message>
    <message>
        <source>Số {ticket} vắng mặt.</source>
        <translation>{ticket} did not come.</translation>
    </message>
    <message>
        <source>Đã chuyển số {ticket}.</source>
        <translation>{ticket} transferred.</translation>
    </message>
    <message>
        <source>(Mất kết nối máy chủ: số dự phòng của máy.)</source>
        <translation>(Office server unreachable: this desk&apos;s reserve numbers.)</translation>
    </message>
    <message>
        <source>Đã ghi hồ sơ {code}</source>
        <translation>Dossier {code} saved</translation>
    </message>
    <message>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
</context>
<context>
    <name>Money</name>
    <message>
        <source>Không thu phí</source>
        <translation>No fee</translation>
    </message>
    <message>
        <source>{amount} đ</source>
        <translation>{amount} VND</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <source>Các công việc</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>Công việc hôm nay</source>
        <translation>Today’s work</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Tên và mã in trên các mẫu phiếu. Thay đổi có hiệu lực khi mở lại chương trình.</source>
        <translation>Name and codes printed on the forms. Changes take effect when the app is restarted.</translation>
    </message>
    <message>
        <source>&amp;Tên cơ quan:</source>
        <translation>Office &amp;name:</translation>
    </message>
    <message>
        <source>&amp;Mã định danh:</source>
        <translation>Agency &amp;identifier:</translation>
    </message>
    <message>
        <source>Mã đơn vị trong &amp;mã hồ sơ:</source>
        <translation>&amp;Unit code in dossier codes:</translation>
    </message>
    <message>
        <source>&amp;Địa danh trên phiếu:</source>
        <translation>&amp;Place name on forms:</translation>
    </message>
    <message>
        <source>Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và dấu chấm, ví dụ 000.00.53.H48.</source>
        <translation>A unit code has only plain letters, digits and dots, e.g. 000.00.53.H48.</translation>
    </message>
</context>
<context>
    <name>OverduePage</name>
    <message>
        <source>Hồ sơ quá hạn</source>
        <translation>Overdue dossiers</translation>
    </message>
    <message>
        <source>Mọi thủ tục</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <source>Lọc theo thủ tục</source>
        <translation>Filter by procedure</translation>
    </message>
    <message>
        <source>Mọi cán bộ tiếp nhận</source>
        <translation>All receiving officers</translation>
    </message>
    <message>
        <source>Lọc theo cán bộ tiếp nhận</source>
        <translation>Filter by receiving officer</translation>
    </message>
    <message>
        <source>Số hồ sơ quá hạn</source>
        <translation>Number of overdue dossiers</translation>
    </message>
    <message>
        <source>Xin lỗi, hẹn lại (Enter)</source>
        <translation>Apologise, new date (Enter)</translation>
    </message>
    <message>
        <source>Xin lỗi và hẹn lại hồ sơ đang chọn</source>
        <translation>Apologise and re-appoint the selected dossier</translation>
    </message>
    <message>
        <source>Mở hồ sơ (Ctrl+O)</source>
        <translation>Open dossier (Ctrl+O)</translation>
    </message>
    <message>
        <source>Mở hồ sơ đang chọn</source>
        <translation>Open the selected dossier</translation>
    </message>
    <message>
        <source>In danh sách</source>
        <translation>Print the list</translation>
    </message>
    <message>
        <source>In danh sách hồ sơ quá hạn</source>
        <translation>Print the overdue list</translation>
    </message>
    <message>
        <source>Thư xin lỗi và hẹn lại (Mẫu 04) ghi rõ lý do chậm trễ và ngày hẹn mới; hẹn ban đầu vẫn được lưu.</source>
        <translation>The apology letter (Form 04) states the reason for the delay and the new appointment; the first appointment is kept.</translation>
    </message>
    <message>
        <source>⚠ {count} hồ sơ đã quá hạn hẹn trả</source>
        <translation>⚠ {count} dossier(s) past their appointment</translation>
    </message>
    <message>
        <source>Không có hồ sơ nào quá hạn.</source>
        <translation>No overdue dossiers.</translation>
    </message>
</context>
<context>
    <name>PageList</name>
    <message>
        <source>Trang trắng (bỏ)</source>
        <translation>Blank (left out)</translation>
    </message>
    <message>
        <source>Đã xoá</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Trang {n}</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <source>Đã chỉnh nghiêng {angle:.1f}°</source>
        <translation>Straightened {angle:.1f}°</translation>
    </message>
    <message>
        <source>Đã xoay {angle}°</source>
        <translation>Rotated {angle}°</translation>
    </message>
    <message>
        <source>Đã cắt sát nội dung</source>
        <translation>Cropped to content</translation>
    </message>
    <message>
        <source>Trang trắng, không đưa vào tệp (Khôi phục để giữ lại)</source>
        <translation>Blank page, left out of the file (Restore to keep it)</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Xem trước: {title}</source>
        <translation>Preview: {title}</translation>
    </message>
    <message>
        <source>Trang in</source>
        <translation>Printed page</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>PrintController</name>
    <message>
        <source>Đang chuẩn bị phiếu để in…</source>
        <translation>Preparing the form for printing…</translation>
    </message>
    <message>
        <source>Đang chuẩn bị sổ theo dõi để in…</source>
        <translation>Preparing the logbook for printing…</translation>
    </message>
    <message>
        <source>Đã lưu sổ theo dõi vào {path}</source>
        <translation>Logbook saved to {path}</translation>
    </message>
    <message>
        <source>Đang in: {name}…</source>
        <translation>Printing: {name}…</translation>
    </message>
    <message>
        <source>Đã in: {name}.</source>
        <translation>Printed: {name}.</translation>
    </message>
    <message>
        <source>Không chắc “{name}” đã in hết: hãy xem máy in rồi báo lại trong hàng đợi in.</source>
        <translation>Not sure “{name}” printed completely: check the printer, then settle it in the print queue.</translation>
    </message>
    <message>
        <source>Không in được “{name}”: {reason}</source>
        <translation>Could not print “{name}”: {reason}</translation>
    </message>
    <message>
        <source>Chưa in được “{name}”: {reason}. Phiếu đã lưu trong hồ sơ và sẽ tự in khi máy in sẵn sàng.</source>
        <translation>“{name}” not printed yet: {reason}. The form is saved in the dossier and prints by itself once the printer is ready.</translation>
    </message>
</context>
<context>
    <name>PrintersPage</name>
    <message>
        <source>Máy in</source>
        <translation>Printers</translation>
    </message>
    <message>
        <source>Máy in các mẫu phiếu; để trống là máy in mặc định của máy tính. Thay đổi có hiệu lực khi mở lại chương trình.</source>
        <translation>The printer for the forms; empty means the computer’s default printer. Changes take effect when the app is restarted.</translation>
    </message>
    <message>
        <source>&amp;Máy in phiếu:</source>
        <translation>Forms &amp;printer:</translation>
    </message>
    <message>
        <source>&amp;Khổ giấy phiếu:</source>
        <translation>Forms p&amp;aper:</translation>
    </message>
    <message>
        <source>Máy in &amp;riêng từng loại phiếu:</source>
        <translation>Printer per document &amp;kind:</translation>
    </message>
    <message>
        <source>Ví dụ: receipt=cups:Quay1@A5; logbook=cups:Laser@A4</source>
        <translation>For example: receipt=cups:Counter1@A5; logbook=cups:Laser@A4</translation>
    </message>
    <message>
        <source>&amp;In thử</source>
        <translation>Print &amp;test page</translation>
    </message>
    <message>
        <source>In trang thử (chữ Việt, mã vạch, mã QR) ra máy in đã chọn</source>
        <translation>Print the test page (Vietnamese text, barcode, QR code) on the chosen printer</translation>
    </message>
    <message>
        <source>{name} (mặc định)</source>
        <translation>{name} (default)</translation>
    </message>
    <message>
        <source>{n} máy in tìm thấy; có thể gõ địa chỉ khác.</source>
        <translation>{n} printers found; you may type another address.</translation>
    </message>
    <message>
        <source>Không liệt kê được máy in của máy tính.</source>
        <translation>Could not list this computer&apos;s printers.</translation>
    </message>
    <message>
        <source>Đã gửi trang in thử tới {printer} (lệnh in số {job}).</source>
        <translation>The test page was sent to {printer} (print job {job}).</translation>
    </message>
    <message>
        <source>Máy in {printer} chưa nhận trang in thử (lệnh số {job} đang chờ): {error}</source>
        <translation>The printer {printer} has not taken the test page (job {job} is waiting): {error}</translation>
    </message>
    <message>
        <source>In thử không được trên {printer} (lệnh số {job}): {error}</source>
        <translation>The test page failed on {printer} (job {job}): {error}</translation>
    </message>
    <message>
        <source>In thử một trang</source>
        <translation>Print a test page</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <source>Chọn thủ tục</source>
        <translation>Choose the procedure</translation>
    </message>
    <message>
        <source>Gõ mã hoặc tên thủ tục (không cần dấu), Enter để chọn</source>
        <translation>Type the procedure’s code or name (diacritics optional), Enter to choose</translation>
    </message>
    <message>
        <source>Tìm thủ tục</source>
        <translation>Find a procedure</translation>
    </message>
    <message>
        <source>Danh sách thủ tục phù hợp</source>
        <translation>Matching procedures</translation>
    </message>
</context>
<context>
    <name>QueueBar</name>
    <message>
        <source>Xếp hàng, gọi số</source>
        <translation>Queue and calling</translation>
    </message>
    <message>
        <source>Bảng số của quầy</source>
        <translation>Counter display</translation>
    </message>
    <message>
        <source>Số đang hiện trên bảng LED của quầy</source>
        <translation>The number on the counter&apos;s LED display</translation>
    </message>
    <message>
        <source>Kết nối hệ thống xếp hàng</source>
        <translation>Queue system connection</translation>
    </message>
    <message>
        <source>Gọi lại (Shift+F9)</source>
        <translation>Recall (Shift+F9)</translation>
    </message>
    <message>
        <source>Chuyển…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <source>Chuyển sang dòng hoặc quầy khác</source>
        <translation>Transfer to another line or counter</translation>
    </message>
    <message>
        <source>Gọi người tiếp theo đến quầy này (kết thúc số đang phục vụ)</source>
        <translation>Call the next citizen to this counter (ends the ticket being served)</translation>
    </message>
    <message>
        <source>Gọi lại số đang gọi (người dân chưa đến quầy)</source>
        <translation>Call the current ticket again (the citizen has not come yet)</translation>
    </message>
    <message>
        <source>Người dân không đến: bỏ số này</source>
        <translation>The citizen did not come: drop this ticket</translation>
    </message>
    <message>
        <source>Chuyển số này sang dòng dịch vụ hoặc quầy khác</source>
        <translation>Send this ticket to another service line or counter</translation>
    </message>
    <message>
        <source>Chưa gọi số được</source>
        <translation>Calling is not possible</translation>
    </message>
    <message>
        <source>Số đang phục vụ: —</source>
        <translation>Now serving: —</translation>
    </message>
    <message>
        <source>Bắt đầu (F10)</source>
        <translation>Start (F10)</translation>
    </message>
    <message>
        <source>Bắt đầu phục vụ</source>
        <translation>Start service</translation>
    </message>
    <message>
        <source>Quầy {n} chưa được phân dòng gọi số</source>
        <translation>Counter {n} has no queue lines yet</translation>
    </message>
    <message>
        <source>Quản trị viên phân dòng cho quầy: motcua queue setup --from-counters</source>
        <translation>An administrator assigns the lines: motcua queue setup --from-counters</translation>
    </message>
    <message>
        <source>Chưa gọi số nào</source>
        <translation>No ticket called yet</translation>
    </message>
    <message>
        <source>đang gọi</source>
        <translation>called</translation>
    </message>
    <message>
        <source>đang phục vụ</source>
        <translation>being served</translation>
    </message>
    <message>
        <source>Số {ticket} · {state}</source>
        <translation>{ticket} · {state}</translation>
    </message>
    <message>
        <source>{prefix}: {n}</source>
        <translation>{prefix}: {n}</translation>
    </message>
    <message>
        <source>Đang chờ: {n}</source>
        <translation>Waiting: {n}</translation>
    </message>
    <message>
        <source>Dòng {prefix} — {name}: {n} người chờ</source>
        <translation>Line {prefix} — {name}: {n} waiting</translation>
    </message>
    <message>
        <source>● Trực tuyến</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>Gọi số qua máy chủ xếp hàng của đơn vị</source>
        <translation>Calling through the office&apos;s queue server</translation>
    </message>
    <message>
        <source>● Mất kết nối: dùng số dự phòng của máy</source>
        <translation>● Offline: this desk&apos;s reserve numbers</translation>
    </message>
    <message>
        <source>Không kết nối được máy chủ xếp hàng; quầy gọi số từ khối số dự phòng của máy này. Lý do: {reason}</source>
        <translation>The queue server cannot be reached; the counter calls from this desk&apos;s reserve block of numbers. Reason: {reason}</translation>
    </message>
    <message>
        <source>Làm việc độc lập</source>
        <translation>Working alone</translation>
    </message>
    <message>
        <source>Chưa cấu hình máy chủ: quầy gọi số từ hàng đợi của máy này</source>
        <translation>No server configured: the counter calls from this desk&apos;s own queue</translation>
    </message>
    <message>
        <source>Xong (F10)</source>
        <translation>Done (F10)</translation>
    </message>
    <message>
        <source>Hoàn thành</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Người dân đã đến quầy: bắt đầu phục vụ</source>
        <translation>The citizen is at the counter: start service</translation>
    </message>
    <message>
        <source>Đã phục vụ xong số này</source>
        <translation>Service of this ticket is done</translation>
    </message>
    <message>
        <source>Sang dòng {prefix} — {name}</source>
        <translation>To line {prefix} — {name}</translation>
    </message>
    <message>
        <source>Đến quầy {n}</source>
        <translation>To counter {n}</translation>
    </message>
    <message>
        <source>Số thứ tự đang phục vụ</source>
        <translation>Ticket being served</translation>
    </message>
    <message>
        <source>Đang chờ: —</source>
        <translation>Waiting: —</translation>
    </message>
    <message>
        <source>Số người đang chờ</source>
        <translation>People waiting</translation>
    </message>
    <message>
        <source>Gọi số tiếp (F9)</source>
        <translation>Call next (F9)</translation>
    </message>
    <message>
        <source>Vắng mặt</source>
        <translation>No-show</translation>
    </message>
</context>
<context>
    <name>QueueReportPanel</name>
    <message>
        <source>Hàng đợi hôm nay</source>
        <translation>Today&apos;s queue</translation>
    </message>
    <message>
        <source>Theo dịch vụ</source>
        <translation>By service</translation>
    </message>
    <message>
        <source>Theo quầy</source>
        <translation>By counter</translation>
    </message>
    <message>
        <source>Số liệu hàng đợi theo dịch vụ</source>
        <translation>Queue figures by service</translation>
    </message>
    <message>
        <source>Số liệu hàng đợi theo quầy</source>
        <translation>Queue figures by counter</translation>
    </message>
    <message>
        <source>Phát số</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Đã phục vụ</source>
        <translation>Served</translation>
    </message>
    <message>
        <source>Vắng mặt</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Chờ, trung vị (phút)</source>
        <translation>Wait, median (min)</translation>
    </message>
    <message>
        <source>Chờ, p90 (phút)</source>
        <translation>Wait, p90 (min)</translation>
    </message>
    <message>
        <source>Phục vụ, trung vị (phút)</source>
        <translation>Service, median (min)</translation>
    </message>
    <message>
        <source>Dịch vụ</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Đã gọi</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>Nguồn số liệu</source>
        <translation>Source of the figures</translation>
    </message>
    <message>
        <source>Tổng cả ngày</source>
        <translation>Whole day</translation>
    </message>
    <message>
        <source>Không lấy được số liệu hàng đợi</source>
        <translation>Queue figures unavailable</translation>
    </message>
    <message>
        <source>Không lấy được số liệu hàng đợi từ máy chủ: {reason}</source>
        <translation>Could not get the queue figures from the server: {reason}</translation>
    </message>
    <message>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Hàng đợi hôm nay — {weekday}, {day}</source>
        <translation>Today&apos;s queue — {weekday}, {day}</translation>
    </message>
    <message>
        <source>Nguồn: máy chủ văn phòng {url}</source>
        <translation>Source: office server {url}</translation>
    </message>
    <message>
        <source>Nguồn: dữ liệu của máy này (làm việc độc lập)</source>
        <translation>Source: this desk&apos;s own data (working alone)</translation>
    </message>
    <message>
        <source>Cả ngày: phát {issued}, phục vụ {served}, vắng {absent}; chờ trung vị {wait} phút</source>
        <translation>Whole day: {issued} issued, {served} served, {absent} no-show; median wait {wait} min</translation>
    </message>
    <message>
        <source>chờ quá {level} phút: {over}</source>
        <translation>waited over {level} min: {over}</translation>
    </message>
    <message>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <source>(chưa gọi)</source>
        <translation>(not called)</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>&amp;Nội dung ghi chú:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>&amp;Kết quả (không bắt buộc):</source>
        <translation>&amp;Result (optional):</translation>
    </message>
    <message>
        <source>&amp;Lý do (bắt buộc):</source>
        <translation>&amp;Reason (required):</translation>
    </message>
    <message>
        <source>&amp;Ghi chú (không bắt buộc):</source>
        <translation>&amp;Note (optional):</translation>
    </message>
    <message>
        <source>Đơn vị &amp;xử lý:</source>
        <translation>Handling &amp;unit:</translation>
    </message>
    <message>
        <source>Đơn vị xử lý</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <source>Bước đang làm: {name} ({unit})</source>
        <translation>Current step: {name} ({unit})</translation>
    </message>
    <message>
        <source>Hãy ghi lý do (lý do được in trên phiếu giao cho người dân).</source>
        <translation>Write the reason (it is printed on the paper given to the citizen).</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Chưa có máy in được cấu hình: chức năng in đang được hoàn thiện</source>
        <translation>No printer configured: printing is still being finished</translation>
    </message>
    <message>
        <source>Chức năng in chưa được cài đặt trên máy này</source>
        <translation>Printing is not installed on this computer</translation>
    </message>
    <message>
        <source>Chức năng in đang khởi động…</source>
        <translation>Printing is starting…</translation>
    </message>
    <message>
        <source>Chưa có máy in được cấu hình: hãy chọn máy in trong Cài đặt (printing.printer)</source>
        <translation>No printer configured: choose one in Settings (printing.printer)</translation>
    </message>
    <message>
        <source>Chức năng quét chưa sẵn sàng</source>
        <translation>Scanning is not ready yet</translation>
    </message>
    <message>
        <source>Chức năng gọi số thứ tự chưa sẵn sàng</source>
        <translation>Queue calling is not ready yet</translation>
    </message>
    <message>
        <source>Chức năng đồng bộ với máy chủ chưa sẵn sàng</source>
        <translation>Sync with the server is not ready yet</translation>
    </message>
    <message>
        <source>Chức năng bảng hiển thị (LED) chưa sẵn sàng</source>
        <translation>LED displays are not ready yet</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Receive a dossier</translation>
    </message>
    <message>
        <source>Tab: ô tiếp · Phím cách: đã nhận · Alt+1/2/3: tiếp nhận, bổ sung, từ chối · Ctrl+Enter: ghi nhận · Ctrl+N: hồ sơ mới</source>
        <translation>Tab: next field · Space: handed in · Alt+1/2/3: accept, supplement, refuse · Ctrl+Enter: record · Ctrl+N: new</translation>
    </message>
    <message>
        <source>1. Thủ tục</source>
        <translation>1. Procedure</translation>
    </message>
    <message>
        <source>2. Thành phần hồ sơ</source>
        <translation>2. Components</translation>
    </message>
    <message>
        <source>3. Người nộp</source>
        <translation>3. Applicant</translation>
    </message>
    <message>
        <source>4. Hẹn trả, lệ phí và quyết định</source>
        <translation>4. Appointment, fee and decision</translation>
    </message>
    <message>
        <source>Thông báo</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Người nộp và quyết định</source>
        <translation>Applicant and decision</translation>
    </message>
    <message>
        <source>Phiếu tiếp nhận</source>
        <translation>Reception form</translation>
    </message>
    <message>
        <source>Thủ tục đã chọn</source>
        <translation>Chosen procedure</translation>
    </message>
    <message>
        <source>Quét thành phần đang chọn (F6)</source>
        <translation>Scan the selected component (F6)</translation>
    </message>
    <message>
        <source>Quét thành phần hồ sơ</source>
        <translation>Scan a dossier component</translation>
    </message>
    <message>
        <source>Quét giấy tờ của thành phần đang chọn; các trang được giữ cùng hồ sơ nhập dở</source>
        <translation>Scan the papers of the selected component; the pages are kept with the reception in progress</translation>
    </message>
    <message>
        <source>Hãy chọn thủ tục trước khi quét giấy tờ.</source>
        <translation>Choose the procedure before scanning papers.</translation>
    </message>
    <message>
        <source>Chưa quét giấy tờ nào</source>
        <translation>No papers scanned yet</translation>
    </message>
    <message>
        <source>Đã quét {files} tệp cho {components} thành phần (đính kèm khi ghi nhận)</source>
        <translation>{files} files scanned for {components} components (attached when the dossier is written)</translation>
    </message>
    <message>
        <source>Số thứ tự: {ticket}</source>
        <translation>Ticket: {ticket}</translation>
    </message>
    <message>
        <source>Số này được hoàn thành khi ghi nhận hồ sơ</source>
        <translation>This ticket is completed when the dossier is written</translation>
    </message>
    <message>
        <source>Đang có hồ sơ nhập dở. Nhấn Ctrl+N lần nữa để bỏ hồ sơ này và nhập hồ sơ mới.</source>
        <translation>A reception is half typed. Press Ctrl+N again to drop it and start a new one.</translation>
    </message>
    <message>
        <source>Chưa chọn thủ tục.</source>
        <translation>No procedure chosen.</translation>
    </message>
    <message>
        <source>Đã chọn: &lt;b&gt;{name}&lt;/b&gt; · {limit} · {fee}</source>
        <translation>Chosen: &lt;b&gt;{name}&lt;/b&gt; · {limit} · {fee}</translation>
    </message>
    <message>
        <source>Hãy chọn thủ tục trước.</source>
        <translation>Choose the procedure first.</translation>
    </message>
    <message>
        <source>Chưa đăng nhập.</source>
        <translation>Not signed in.</translation>
    </message>
    <message>
        <source>Số giấy tờ chưa đủ: số CCCD có 12 chữ số, CMND cũ 9 chữ số.</source>
        <translation>The ID number is incomplete: a citizen ID has 12 digits, an old ID card 9.</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Báo cáo hôm nay</source>
        <translation>Today’s report</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Hàng đợi</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Phần báo cáo</source>
        <translation>Report section</translation>
    </message>
    <message>
        <source>Báo cáo hồ sơ</source>
        <translation>Dossier report</translation>
    </message>
    <message>
        <source>Báo cáo hàng đợi</source>
        <translation>Queue report</translation>
    </message>
    <message>
        <source>Ngày báo cáo</source>
        <translation>Report date</translation>
    </message>
    <message>
        <source>Hồ sơ hẹn trả hôm nay</source>
        <translation>Dossiers due today</translation>
    </message>
    <message>
        <source>Hồ sơ đang quá hạn</source>
        <translation>Dossiers overdue</translation>
    </message>
    <message>
        <source>Tiếp nhận trong ngày theo cán bộ</source>
        <translation>Received today, by officer</translation>
    </message>
    <message>
        <source>Số hồ sơ tiếp nhận theo cán bộ</source>
        <translation>Dossiers received per officer</translation>
    </message>
    <message>
        <source>Tiêu đề cột</source>
        <translation>Column headers</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Số hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Làm mới (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>Làm mới báo cáo</source>
        <translation>Refresh the report</translation>
    </message>
    <message>
        <source>In sổ theo dõi (Mẫu 06)</source>
        <translation>Print the logbook (Form 06)</translation>
    </message>
    <message>
        <source>In sổ theo dõi hồ sơ, Mẫu 06</source>
        <translation>Print the dossier logbook, Form 06</translation>
    </message>
    <message>
        <source>Xuất Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>Xuất sổ theo dõi ra Excel</source>
        <translation>Export the logbook to Excel</translation>
    </message>
    <message>
        <source>Tình trạng in</source>
        <translation>Printing status</translation>
    </message>
    <message>
        <source>Lưu sổ theo dõi</source>
        <translation>Save the logbook</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;PDF (*.pdf)</source>
        <translation>Excel (*.xlsx);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Tôi tiếp nhận hôm nay ({name})</source>
        <translation>Received by me today ({name})</translation>
    </message>
    <message>
        <source>Tôi tiếp nhận</source>
        <translation>Received by me</translation>
    </message>
    <message>
        <source>Cả đơn vị tiếp nhận hôm nay</source>
        <translation>Received by the office today</translation>
    </message>
    <message>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>{weekday}, {day} — hồ sơ tiếp nhận trong ngày, theo trạng thái hiện nay</source>
        <translation>{weekday}, {day} — dossiers received today, by their status now</translation>
    </message>
    <message>
        <source>Hẹn trả hôm nay: {n} hồ sơ</source>
        <translation>Due today: {n} dossier(s)</translation>
    </message>
    <message>
        <source>Đang quá hạn: {n} hồ sơ</source>
        <translation>Overdue now: {n} dossier(s)</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Người nộp hồ sơ tự nhận ({name})</source>
        <translation>The applicant collects it ({name})</translation>
    </message>
    <message>
        <source>Người khác nhận thay (có giấy ủy quyền)</source>
        <translation>Someone else collects it (with a proxy letter)</translation>
    </message>
    <message>
        <source>&amp;Họ tên người nhận:</source>
        <translation>Collector’s &amp;name:</translation>
    </message>
    <message>
        <source>Họ tên người nhận</source>
        <translation>Collector’s name</translation>
    </message>
    <message>
        <source>Số &amp;giấy tờ người nhận:</source>
        <translation>Collector’s &amp;ID number:</translation>
    </message>
    <message>
        <source>Số giấy tờ người nhận</source>
        <translation>Collector’s ID number</translation>
    </message>
    <message>
        <source>Số CCCD, CMND hoặc hộ chiếu của người nhận</source>
        <translation>Collector’s citizen ID, old ID card or passport number</translation>
    </message>
    <message>
        <source>Kiểm tra số giấy tờ</source>
        <translation>ID number check</translation>
    </message>
    <message>
        <source>Đã &amp;thu (đồng):</source>
        <translation>&amp;Collected (VND):</translation>
    </message>
    <message>
        <source>Số tiền đã thu</source>
        <translation>Amount collected</translation>
    </message>
    <message>
        <source>Số tiền đã thu, đồng</source>
        <translation>Amount collected, VND</translation>
    </message>
    <message>
        <source>Phí, lệ phí theo thủ tục: {fee}</source>
        <translation>Fees of the procedure: {fee}</translation>
    </message>
    <message>
        <source>Trả kết quả (Ctrl+Enter)</source>
        <translation>Return result (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Trả kết quả</source>
        <translation>Return result</translation>
    </message>
    <message>
        <source>Hãy ghi tên người nhận kết quả.</source>
        <translation>Write the name of the person collecting the result.</translation>
    </message>
    <message>
        <source>Hãy kiểm tra giấy tờ tùy thân của người nhận và nhập đúng số giấy tờ.</source>
        <translation>Check the collector’s ID document and enter its number correctly.</translation>
    </message>
    <message>
        <source>Số giấy tờ khác với số của người nộp; nếu người khác nhận thay, hãy chọn mục đó.</source>
        <translation>The ID number differs from the applicant’s; if someone else collects, choose that option.</translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message>
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <source>Quét mã vạch trên giấy hẹn trả của công dân (ở bất kỳ màn hình nào), hoặc gõ mã hồ sơ rồi nhấn Enter.</source>
        <translation>Scan the barcode on the citizen’s appointment slip (from any screen), or type the dossier code and press Enter.</translation>
    </message>
    <message>
        <source>Mã hồ sơ, ví dụ 000.00.00.H48-260311-0001</source>
        <translation>Dossier code, e.g. 000.00.00.H48-260311-0001</translation>
    </message>
    <message>
        <source>Mã hồ sơ cần trả kết quả</source>
        <translation>Code of the dossier to return</translation>
    </message>
    <message>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Mở hồ sơ để trả kết quả</source>
        <translation>Open the dossier to return its result</translation>
    </message>
    <message>
        <source>Thông báo</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Số hồ sơ chờ trả</source>
        <translation>Results waiting</translation>
    </message>
    <message>
        <source>Enter hoặc nhấp đúp vào một dòng để trả kết quả của hồ sơ đó.</source>
        <translation>Enter or double-click a row to return that dossier’s result.</translation>
    </message>
    <message>
        <source>Hồ sơ đã có kết quả, chờ công dân đến nhận ({count})</source>
        <translation>Results ready, waiting for the citizen ({count})</translation>
    </message>
    <message>
        <source>Không có hồ sơ nào đang chờ trả kết quả.</source>
        <translation>No result is waiting to be collected.</translation>
    </message>
    <message>
        <source>“{text}” không phải mã hồ sơ.</source>
        <translation>“{text}” is not a dossier code.</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <source>◀ Quay lại (Esc)</source>
        <translation>◀ Back (Esc)</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Quét giấy tờ</source>
        <translation>Scan papers</translation>
    </message>
</context>
<context>
    <name>ScannerPage</name>
    <message>
        <source>Máy quét</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Máy quét thành phần hồ sơ: màn hình quét mở máy này trước. Máy khai báo trong scanners.toml vẫn được liệt kê.</source>
        <translation>The scanner for dossier documents: the scanning screen opens it first. Scanners declared in scanners.toml are still listed.</translation>
    </message>
    <message>
        <source>&amp;Máy quét của quầy:</source>
        <translation>Counter&apos;s &amp;scanner:</translation>
    </message>
    <message>
        <source>&amp;Nguồn giấy mặc định:</source>
        <translation>Default paper &amp;source:</translation>
    </message>
    <message>
        <source>&amp;Tìm máy quét</source>
        <translation>&amp;Find scanners</translation>
    </message>
    <message>
        <source>Tìm máy quét</source>
        <translation>Find scanners</translation>
    </message>
    <message>
        <source>&amp;Quét thử</source>
        <translation>Test s&amp;can</translation>
    </message>
    <message>
        <source>Quét thử một trang</source>
        <translation>Scan one test page</translation>
    </message>
    <message>
        <source>Trang quét thử</source>
        <translation>Test scan page</translation>
    </message>
    <message>
        <source>Tìm thấy {n} máy quét: {names}.</source>
        <translation>Found {n} scanners: {names}.</translation>
    </message>
    <message>
        <source>Không tìm thấy máy quét nào. Kiểm tra nguồn điện, cáp USB hoặc mạng của máy quét.</source>
        <translation>No scanner found. Check the scanner&apos;s power, USB cable or network.</translation>
    </message>
    <message>
        <source>Hãy chọn hoặc nhập máy quét trước.</source>
        <translation>Choose or type a scanner first.</translation>
    </message>
    <message>
        <source>Đã quét 1 trang từ {name}: {width} × {height} điểm ảnh, {dpi} dpi.</source>
        <translation>Scanned 1 page from {name}: {width} × {height} pixels, {dpi} dpi.</translation>
    </message>
    <message>
        <source>Quét thử không được: {reason}</source>
        <translation>The test scan failed: {reason}</translation>
    </message>
</context>
<context>
    <name>Scanning</name>
    <message>
        <source>Mặt kính</source>
        <translation>Flatbed</translation>
    </message>
    <message>
        <source>Khay nạp giấy (một mặt)</source>
        <translation>Document feeder (one side)</translation>
    </message>
    <message>
        <source>Khay nạp giấy (hai mặt)</source>
        <translation>Document feeder (both sides)</translation>
    </message>
    <message>
        <source>Tiêu chuẩn (xám, 200 dpi)</source>
        <translation>Standard (grey, 200 dpi)</translation>
    </message>
    <message>
        <source>Văn bản (đen trắng, nhỏ nhất)</source>
        <translation>Text (black and white, smallest)</translation>
    </message>
    <message>
        <source>Màu (giữ màu con dấu)</source>
        <translation>Colour (keeps the colour of seals)</translation>
    </message>
    <message>
        <source>Kẹt giấy trong khay nạp: mở nắp, lấy tờ bị kẹt ra rồi quét tiếp phần còn lại.</source>
        <translation>Paper jam in the feeder: open the cover, take out the jammed sheet, then scan the rest.</translation>
    </message>
    <message>
        <source>Khay nạp không có giấy: đặt giấy tờ vào khay rồi bấm Quét.</source>
        <translation>The feeder is empty: put the papers in the feeder, then press Scan.</translation>
    </message>
    <message>
        <source>Khay nạp hết giấy trước số trang đã đếm: kiểm tra tờ còn sót hoặc hai tờ bị kéo cùng lúc.</source>
        <translation>The feeder ran out before the counted pages: look for a sheet left behind or two sheets pulled together.</translation>
    </message>
    <message>
        <source>Nắp máy quét đang mở: đóng nắp rồi quét lại.</source>
        <translation>The scanner&apos;s cover is open: close it and scan again.</translation>
    </message>
    <message>
        <source>Máy quét không trả lời: kiểm tra nguồn điện, cáp hoặc mạng của máy.</source>
        <translation>The scanner does not answer: check its power, cable or network.</translation>
    </message>
    <message>
        <source>Máy quét đang bận việc khác: chờ một lát rồi quét lại.</source>
        <translation>The scanner is busy with another job: wait a moment and scan again.</translation>
    </message>
    <message>
        <source>Đã dừng quét.</source>
        <translation>Scanning stopped.</translation>
    </message>
    <message>
        <source>Máy quét không làm được việc này (kiểm tra nguồn giấy đã chọn).</source>
        <translation>The scanner cannot do this (check the chosen paper source).</translation>
    </message>
    <message>
        <source>Máy quét báo lỗi.</source>
        <translation>The scanner reported an error.</translation>
    </message>
    <message>
        <source>Đã giữ {n} trang quét được.</source>
        <translation>The {n} pages scanned were kept.</translation>
    </message>
</context>
<context>
    <name>ScanningScreen</name>
    <message>
        <source>Quét giấy tờ</source>
        <translation>Scan papers</translation>
    </message>
    <message>
        <source>Chưa chọn hồ sơ: quét xong, mở hồ sơ để đính kèm.</source>
        <translation>No dossier chosen: after scanning, open a dossier to attach.</translation>
    </message>
    <message>
        <source>Quét giấy tờ — hồ sơ đang tiếp nhận</source>
        <translation>Scan papers — reception in progress</translation>
    </message>
    <message>
        <source>Quét giấy tờ — hồ sơ {code}</source>
        <translation>Scan papers — dossier {code}</translation>
    </message>
    <message>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <source>Đã có {n} tệp</source>
        <translation>{n} files attached</translation>
    </message>
    <message>
        <source>Chọn một trang để xem</source>
        <translation>Choose a page to see it</translation>
    </message>
    <message>
        <source>&amp;Máy quét</source>
        <translation>&amp;Scanner</translation>
    </message>
    <message>
        <source>&amp;Nguồn giấy</source>
        <translation>Paper &amp;source</translation>
    </message>
    <message>
        <source>&amp;Chất lượng</source>
        <translation>&amp;Quality</translation>
    </message>
    <message>
        <source>Số &amp;trang</source>
        <translation>&amp;Pages</translation>
    </message>
    <message>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Số trang đã đếm; khay nạp hết giấy sớm hơn sẽ được báo</source>
        <translation>Pages counted; a feeder that runs out sooner is reported</translation>
    </message>
    <message>
        <source>Tìm máy quét</source>
        <translation>Find scanners</translation>
    </message>
    <message>
        <source>Tìm lại máy quét trên máy tính và trong mạng</source>
        <translation>Look again for scanners on this computer and the network</translation>
    </message>
    <message>
        <source>Quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>Quét giấy tờ trong khay nạp hoặc trên mặt kính</source>
        <translation>Scan the papers in the feeder or on the glass</translation>
    </message>
    <message>
        <source>Nhập tệp…</source>
        <translation>Import files…</translation>
    </message>
    <message>
        <source>Lấy trang từ tệp ảnh hoặc PDF có sẵn (máy photo, USB)</source>
        <translation>Take pages from existing image or PDF files (copier, USB)</translation>
    </message>
    <message>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Dừng sau tờ đang quét (các trang đã quét được giữ lại)</source>
        <translation>Stop after the sheet being scanned (scanned pages are kept)</translation>
    </message>
    <message>
        <source>Xoay trái</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <source>Xoay các trang đã chọn sang trái (Ctrl+Shift+R)</source>
        <translation>Rotate the selected pages left (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Xoay phải</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <source>Xoay các trang đã chọn sang phải (Ctrl+R)</source>
        <translation>Rotate the selected pages right (Ctrl+R)</translation>
    </message>
    <message>
        <source>◀ Lên trước</source>
        <translation>◀ Earlier</translation>
    </message>
    <message>
        <source>Đưa trang đã chọn lên trước (Ctrl+←)</source>
        <translation>Move the selected page earlier (Ctrl+←)</translation>
    </message>
    <message>
        <source>Ra sau ▶</source>
        <translation>Later ▶</translation>
    </message>
    <message>
        <source>Đưa trang đã chọn ra sau (Ctrl+→)</source>
        <translation>Move the selected page later (Ctrl+→)</translation>
    </message>
    <message>
        <source>Cắt sát</source>
        <translation>Crop</translation>
    </message>
    <message>
        <source>Cắt trang đã chọn sát phần có nội dung (thẻ căn cước, biên lai đặt trên mặt kính); bấm lần nữa để bỏ cắt</source>
        <translation>Crop the selected page to its content (an ID card or a receipt on the glass); press again to undo the crop</translation>
    </message>
    <message>
        <source>Xoá trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <source>Bỏ các trang đã chọn khỏi tệp (Delete)</source>
        <translation>Leave the selected pages out of the file (Delete)</translation>
    </message>
    <message>
        <source>Khôi phục</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Đưa lại trang đã xoá hoặc trang trắng vào tệp</source>
        <translation>Put a deleted or blank page back into the file</translation>
    </message>
    <message>
        <source>Ghép hai mặt</source>
        <translation>Merge two sides</translation>
    </message>
    <message>
        <source>Quét mặt trước, lật xấp giấy quét mặt sau, rồi bấm để xếp xen kẽ các trang</source>
        <translation>Scan the fronts, turn the stack over and scan the backs, then press to interleave the pages</translation>
    </message>
    <message>
        <source>Đảo thứ tự</source>
        <translation>Reverse order</translation>
    </message>
    <message>
        <source>Đảo ngược thứ tự tất cả các trang</source>
        <translation>Reverse the order of all pages</translation>
    </message>
    <message>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Bỏ thao tác vừa làm (Ctrl+Z)</source>
        <translation>Undo the last change (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Bỏ hết</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <source>Bỏ tất cả các trang đã quét</source>
        <translation>Drop all scanned pages</translation>
    </message>
    <message>
        <source>Đính kèm vào thành phần</source>
        <translation>Attach to component</translation>
    </message>
    <message>
        <source>Lưu các trang thành một tệp PDF của thành phần đã chọn</source>
        <translation>Save the pages as one PDF of the chosen component</translation>
    </message>
    <message>
        <source>Các trang đã quét</source>
        <translation>Scanned pages</translation>
    </message>
    <message>
        <source>Xem trước trang đã chọn</source>
        <translation>Preview of the selected page</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier components</translation>
    </message>
    <message>
        <source>{procedure}. Các trang được lưu cùng hồ sơ nhập dở và tự đính kèm khi ghi nhận.</source>
        <translation>{procedure}. The pages are kept with the reception in progress and attached when it is written.</translation>
    </message>
    <message>
        <source>Tệp đã đính kèm ({n} trang)</source>
        <translation>Attached file ({n} pages)</translation>
    </message>
    <message>
        <source>Đang quét từ {device}…</source>
        <translation>Scanning from {device}…</translation>
    </message>
    <message>
        <source>Chọn tệp ảnh hoặc PDF</source>
        <translation>Choose image or PDF files</translation>
    </message>
    <message>
        <source>Ảnh và PDF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp)</source>
        <translation>Images and PDF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>Đang nhập {n} tệp…</source>
        <translation>Importing {n} files…</translation>
    </message>
    <message>
        <source>Đang quét: đã có {n} trang…</source>
        <translation>Scanning: {n} pages so far…</translation>
    </message>
    <message>
        <source>Đã nhập {n} trang.</source>
        <translation>{n} pages imported.</translation>
    </message>
    <message>
        <source>Không tìm thấy máy quét. Kiểm tra máy đã bật và đã cắm cáp hoặc nối mạng.</source>
        <translation>No scanner found. Check that it is on and connected by cable or network.</translation>
    </message>
    <message>
        <source>Sẵn sàng: đặt giấy tờ vào máy rồi bấm Quét.</source>
        <translation>Ready: put the papers in the scanner and press Scan.</translation>
    </message>
    <message>
        <source>Đã quét {n} trang.</source>
        <translation>{n} pages scanned.</translation>
    </message>
    <message>
        <source>{n} trang trắng được bỏ ra.</source>
        <translation>{n} blank pages left out.</translation>
    </message>
    <message>
        <source>Ghép hai mặt cần số trang chẵn: quét cả mặt sau trống của từng tờ.</source>
        <translation>Merging two sides needs an even number of pages: scan the blank backs too.</translation>
    </message>
    <message>
        <source>Chưa có trang nào.</source>
        <translation>No pages yet.</translation>
    </message>
    <message>
        <source>{n} trang sẽ được lưu</source>
        <translation>{n} pages will be saved</translation>
    </message>
    <message>
        <source>, {n} trang bỏ ra</source>
        <translation>, {n} pages left out</translation>
    </message>
    <message>
        <source>Đang lưu {n} trang thành tệp PDF…</source>
        <translation>Saving {n} pages as a PDF…</translation>
    </message>
    <message>
        <source>Đã đính kèm {pages} trang ({kb} KB) vào thành phần {component}.</source>
        <translation>Attached {pages} pages ({kb} KB) to component {component}.</translation>
    </message>
    <message>
        <source>Đã lưu {pages} trang ({kb} KB) cho thành phần {component}; sẽ đính kèm khi ghi nhận.</source>
        <translation>Kept {pages} pages ({kb} KB) for component {component}; attached when the dossier is written.</translation>
    </message>
    <message>
        <source>Không đọc được tệp {name}: không phải ảnh hoặc PDF (hoặc tệp bị hỏng).</source>
        <translation>Cannot read {name}: not an image or a PDF (or the file is damaged).</translation>
    </message>
    <message>
        <source>Có lỗi khi quét.</source>
        <translation>Scanning failed.</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Tìm hồ sơ</source>
        <translation>Find a dossier</translation>
    </message>
    <message>
        <source>Tìm hồ sơ: mã, CCCD, SĐT, tên không dấu</source>
        <translation>Find: code, ID number, phone, name without diacritics</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Tra cứu hồ sơ</source>
        <translation>Find dossiers</translation>
    </message>
    <message>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Làm mới danh sách</source>
        <translation>Refresh the list</translation>
    </message>
    <message>
        <source>Đọc lại danh sách và số liệu (F5)</source>
        <translation>Reload the list and the counts (F5)</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>Số hồ sơ quá hạn trong danh sách</source>
        <translation>Overdue dossiers in the list</translation>
    </message>
    <message>
        <source>Không đọc được danh sách hồ sơ: {error}</source>
        <translation>Could not read the dossier list: {error}</translation>
    </message>
    <message>
        <source>Đang tải danh sách hồ sơ…</source>
        <translation>Loading the dossier list…</translation>
    </message>
    <message>
        <source>Hồ sơ theo bộ lọc ({count})</source>
        <translation>Dossiers matching the filters ({count})</translation>
    </message>
    <message>
        <source>Hồ sơ tiếp nhận gần đây ({count})</source>
        <translation>Recently received dossiers ({count})</translation>
    </message>
    <message>
        <source>Không có hồ sơ nào theo bộ lọc này.</source>
        <translation>No dossier matches these filters.</translation>
    </message>
    <message>
        <source>Chưa có hồ sơ nào. Hồ sơ tiếp nhận sẽ hiện ở đây.</source>
        <translation>No dossiers yet. Received dossiers will appear here.</translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ nào cho “{query}”</source>
        <translation>No dossier found for “{query}”</translation>
    </message>
    <message>
        <source>{count} hồ sơ đầu tiên cho “{query}” (gõ thêm để thu hẹp)</source>
        <translation>First {count} dossiers for “{query}” (type more to narrow down)</translation>
    </message>
    <message>
        <source>Tìm thấy {count} hồ sơ cho “{query}”</source>
        <translation>{count} dossier(s) found for “{query}”</translation>
    </message>
    <message>
        <source>⚠ {count} hồ sơ quá hạn</source>
        <translation>⚠ {count} overdue</translation>
    </message>
    <message>
        <source>Đang tìm “{query}”…</source>
        <translation>Searching “{query}”…</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Máy chủ</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ tổng hợp hồ sơ của tỉnh; để trống nếu máy làm việc độc lập.</source>
        <translation>Address of the province’s dossier server; leave empty if this desk works on its own.</translation>
    </message>
    <message>
        <source>Địa chỉ &amp;máy chủ:</source>
        <translation>Server &amp;address:</translation>
    </message>
    <message>
        <source>Đăng ký:</source>
        <translation>Enrolment:</translation>
    </message>
    <message>
        <source>Đăng ký</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <source>&amp;Kiểm tra kết nối</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>Kiểm tra kết nối máy chủ</source>
        <translation>Test the server connection</translation>
    </message>
    <message>
        <source>Hỏi máy chủ /health: có trả lời không, phiên bản nào</source>
        <translation>Ask the server&apos;s /health: does it answer, which version</translation>
    </message>
    <message>
        <source>Mã đăng ký một &amp;lần:</source>
        <translation>&amp;One-time enrolment code:</translation>
    </message>
    <message>
        <source>mã do quản trị máy chủ cấp</source>
        <translation>the code from the server&apos;s administrator</translation>
    </message>
    <message>
        <source>Đăng ký máy</source>
        <translation>Enrol this desk</translation>
    </message>
    <message>
        <source>Đăng ký máy với máy chủ</source>
        <translation>Enrol this desk with the server</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://</source>
        <translation>The server address must start with http:// or https://</translation>
    </message>
    <message>
        <source>Đang đọc…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>Máy đã đăng ký với {url} (đơn vị {office}, mã máy {device}).</source>
        <translation>This desk is enrolled with {url} (office {office}, device {device}).</translation>
    </message>
    <message>
        <source>Máy chưa đăng ký với máy chủ. Nhập mã đăng ký một lần, hoặc chạy lệnh: {command}</source>
        <translation>This desk is not enrolled with a server. Enter a one-time enrolment code, or run: {command}</translation>
    </message>
    <message>
        <source>Hãy nhập địa chỉ máy chủ trước.</source>
        <translation>Enter the server&apos;s address first.</translation>
    </message>
    <message>
        <source>Kết nối được: máy chủ MotCua phiên bản {version} đang hoạt động.</source>
        <translation>Connected: MotCua server version {version} is running.</translation>
    </message>
    <message>
        <source>Máy chủ MotCua phiên bản {version} trả lời nhưng chưa sẵn sàng (cơ sở dữ liệu của máy chủ không truy cập được): báo quản trị máy chủ.</source>
        <translation>MotCua server version {version} answers but is not ready (it cannot reach its database): tell the server&apos;s administrator.</translation>
    </message>
    <message>
        <source>Không kết nối được: máy chủ từ chối kết nối (không có chương trình nào nghe ở địa chỉ và cổng này). Kiểm tra địa chỉ, cổng, hoặc máy chủ chưa chạy.</source>
        <translation>Not reachable: the connection was refused (nothing listens at this address and port). Check the address and port, or whether the server is running.</translation>
    </message>
    <message>
        <source>Không kết nối được: không tìm thấy tên máy chủ. Kiểm tra địa chỉ hoặc DNS.</source>
        <translation>Not reachable: the server&apos;s name was not found. Check the address or DNS.</translation>
    </message>
    <message>
        <source>Không kết nối được: máy chủ không trả lời trong thời gian chờ (tường lửa hoặc mất mạng).</source>
        <translation>Not reachable: the server did not answer in time (a firewall, or the network is down).</translation>
    </message>
    <message>
        <source>Không kết nối được: chứng chỉ bảo mật (TLS) của máy chủ không được tin cậy hoặc không khớp.</source>
        <translation>Not reachable: the server&apos;s TLS certificate is not trusted or does not match.</translation>
    </message>
    <message>
        <source>Địa chỉ này trả lời nhưng không phải máy chủ MotCua (mã {status}): có thể là trang đăng nhập Wi-Fi, proxy hoặc sai địa chỉ.</source>
        <translation>This address answers, but it is not a MotCua server (code {status}): a Wi-Fi login page, a proxy, or a wrong address.</translation>
    </message>
    <message>
        <source>Không kết nối được: {detail}</source>
        <translation>Not reachable: {detail}</translation>
    </message>
    <message>
        <source>Lưu ý: máy đang đăng ký với một máy chủ khác ({url}).</source>
        <translation>Note: this desk is enrolled with another server ({url}).</translation>
    </message>
    <message>
        <source>Hãy nhập mã đăng ký một lần.</source>
        <translation>Enter the one-time enrolment code.</translation>
    </message>
    <message>
        <source>Đã đăng ký máy với {url}. Bấm Lưu để ghi địa chỉ máy chủ.</source>
        <translation>This desk is enrolled with {url}. Press Save to keep the server&apos;s address.</translation>
    </message>
    <message>
        <source>Máy tính này không có kho khoá của hệ điều hành để giữ mã máy. Đăng ký bằng dòng lệnh, giữ mã trong tệp: {command}</source>
        <translation>This computer has no OS keyring to keep the desk&apos;s token. Enrol on the command line, with the token in a file: {command}</translation>
    </message>
    <message>
        <source>Không kết nối được máy chủ để đăng ký: {message}</source>
        <translation>Could not reach the server to enrol: {message}</translation>
    </message>
    <message>
        <source>Máy chủ không nhận mã đăng ký: {message}</source>
        <translation>The server refused the enrolment code: {message}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Nhóm cài đặt</source>
        <translation>Settings groups</translation>
    </message>
    <message>
        <source>Trang cài đặt</source>
        <translation>Settings page</translation>
    </message>
    <message>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Lưu cài đặt</source>
        <translation>Save the settings</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Lưu hoặc huỷ</source>
        <translation>Save or cancel</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Đang thử…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Đăng nhập — MotCua Desk</source>
        <translation>Sign in — MotCua Desk</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Đăng nhập quầy tiếp nhận</source>
        <translation>Sign in at the counter</translation>
    </message>
    <message>
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Quầy {number}</source>
        <translation>Counter {number}</translation>
    </message>
    <message>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Thoát chương trình</source>
        <translation>Quit the app</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Chưa có cơ sở dữ liệu của quầy tại:
{path}

Hãy mở cửa sổ dòng lệnh và chạy:
    motcua init --demo
để tạo cơ sở dữ liệu với đơn vị và thủ tục mẫu (hoặc “motcua init” để tạo cơ sở dữ liệu trống), rồi mở lại MotCua Desk.</source>
        <translation>There is no counter database at:
{path}

Open a terminal and run:
    motcua init --demo
to create a database with the demo office and procedures (or “motcua init” for an empty one), then start MotCua Desk again.</translation>
    </message>
    <message>
        <source>Màn hình phòng chờ (--hall)</source>
        <translation>The waiting-hall display (--hall)</translation>
    </message>
    <message>
        <source>Ki-ốt tự phục vụ (--kiosk)</source>
        <translation>The self-service kiosk (--kiosk)</translation>
    </message>
    <message>
        <source>{mode} chưa có trong phiên bản này.</source>
        <translation>{mode} is not available in this version.</translation>
    </message>
    <message>
        <source>Cấu hình không hợp lệ</source>
        <translation>Invalid settings</translation>
    </message>
    <message>
        <source>Chưa cấu hình</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <source>Chưa có cơ sở dữ liệu</source>
        <translation>No database yet</translation>
    </message>
    <message>
        <source>Không mở được cơ sở dữ liệu</source>
        <translation>Could not open the database</translation>
    </message>
    <message>
        <source>Không mở được {path}:
{error}</source>
        <translation>Could not open {path}:
{error}</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Đã tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Đang xử lý</source>
        <translation>In processing</translation>
    </message>
    <message>
        <source>Chờ bổ sung</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <source>Từ chối</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <source>Đã trả kết quả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Đã rút</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Dừng xử lý</source>
        <translation>Stopped</translation>
    </message>
</context>
<context>
    <name>StatusCountsPanel</name>
    <message>
        <source>Hồ sơ theo trạng thái</source>
        <translation>Dossiers by status</translation>
    </message>
    <message>
        <source>Số hồ sơ theo trạng thái</source>
        <translation>Number of dossiers by status</translation>
    </message>
    <message>
        <source>Tổng số</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Số hồ sơ: {status}</source>
        <translation>Dossiers: {status}</translation>
    </message>
</context>
<context>
    <name>SupplementReceivedDialog</name>
    <message>
        <source>Đánh dấu các giấy tờ người dân đã nộp bổ sung:</source>
        <translation>Tick the papers the citizen has now brought:</translation>
    </message>
</context>
<context>
    <name>SupplementRequestDialog</name>
    <message>
        <source>Giấy tờ cần &amp;bổ sung (mỗi dòng một loại):</source>
        <translation>&amp;Missing papers (one a line):</translation>
    </message>
    <message>
        <source>Giấy tờ cần bổ sung</source>
        <translation>Papers to add</translation>
    </message>
    <message>
        <source>&amp;Lý do (bắt buộc):</source>
        <translation>&amp;Reason (required):</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Hãy ghi rõ giấy tờ người dân cần bổ sung.</source>
        <translation>List the papers the citizen has to add.</translation>
    </message>
    <message>
        <source>Hãy ghi lý do (lý do được in trên phiếu giao cho người dân).</source>
        <translation>Write the reason (it is printed on the paper given to the citizen).</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>Trạng thái đồng bộ</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>Đồng bộ: đang kiểm tra…</source>
        <translation>Sync: checking…</translation>
    </message>
    <message>
        <source>Chưa cấu hình máy chủ đồng bộ</source>
        <translation>No sync server configured</translation>
    </message>
    <message>
        <source>Máy này làm việc độc lập (server.url để trống).</source>
        <translation>This desk works alone (server.url is empty).</translation>
    </message>
    <message>
        <source>Làm việc độc lập: máy chưa đăng ký với máy chủ</source>
        <translation>Working alone: this desk is not enrolled with a server</translation>
    </message>
    <message>
        <source>Đăng ký máy với máy chủ: motcua enrol --server ĐỊA-CHỈ --code MÃ</source>
        <translation>Enrol this desk: motcua enrol --server ADDRESS --code CODE</translation>
    </message>
    <message>
        <source>● Mất kết nối</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <source>● Cần xử lý</source>
        <translation>● Needs attention</translation>
    </message>
    <message>
        <source>● Chưa đồng bộ lần nào</source>
        <translation>● Never synced</translation>
    </message>
    <message>
        <source>● Trực tuyến</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>đồng bộ lúc {time}</source>
        <translation>synced at {time}</translation>
    </message>
    <message>
        <source>{n} chờ gửi</source>
        <translation>{n} waiting to send</translation>
    </message>
    <message>
        <source>{n} cần xử lý</source>
        <translation>{n} to resolve</translation>
    </message>
    <message>
        <source>Máy chủ: {url}</source>
        <translation>Server: {url}</translation>
    </message>
    <message>
        <source>Mã máy: {device}</source>
        <translation>Device: {device}</translation>
    </message>
    <message>
        <source>Lần thử gần nhất: {time}</source>
        <translation>Last attempt: {time}</translation>
    </message>
    <message>
        <source>Đồng bộ thành công gần nhất: {time}</source>
        <translation>Last successful sync: {time}</translation>
    </message>
    <message>
        <source>Thay đổi chờ gửi lên máy chủ: {n}</source>
        <translation>Changes waiting to be sent: {n}</translation>
    </message>
    <message>
        <source>Xung đột chờ giám sát viên quyết định: {n}</source>
        <translation>Conflicts awaiting a supervisor: {n}</translation>
    </message>
    <message>
        <source>Thay đổi bị máy chủ từ chối: {n}</source>
        <translation>Changes refused by the server: {n}</translation>
    </message>
    <message>
        <source>Thay đổi nhận về đang tạm giữ: {n}</source>
        <translation>Pulled changes on hold: {n}</translation>
    </message>
    <message>
        <source>Tệp máy chủ chưa nhận được: {n}</source>
        <translation>Files the server has not received: {n}</translation>
    </message>
    <message>
        <source>Lỗi: {message} (đã thử {n} lần)</source>
        <translation>Error: {message} ({n} attempts)</translation>
    </message>
</context>
<context>
    <name>TimeLimit</name>
    <message>
        <source>{n} ngày làm việc</source>
        <translation>{n} working day(s)</translation>
    </message>
    <message>
        <source>{n} giờ làm việc</source>
        <translation>{n} working hour(s)</translation>
    </message>
    <message>
        <source>{n} ngày</source>
        <translation>{n} day(s)</translation>
    </message>
    <message>
        <source>Trong ngày</source>
        <translation>Same day</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>phiếu đã in</source>
        <translation>printed form</translation>
    </message>
    <message>
        <source>bản quét</source>
        <translation>scan</translation>
    </message>
    <message>
        <source>kết quả</source>
        <translation>result</translation>
    </message>
    <message>
        <source>tệp</source>
        <translation>file</translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ; hẹn trả {due}.</source>
        <translation>Dossier received; appointment {due}.</translation>
    </message>
    <message>
        <source>Hồ sơ chưa đủ, yêu cầu bổ sung: {missing}.</source>
        <translation>Dossier incomplete, supplement requested: {missing}.</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận hồ sơ.</source>
        <translation>Dossier refused at the counter.</translation>
    </message>
    <message>
        <source>Chuyển hồ sơ đến {unit} để xử lý.</source>
        <translation>Dossier sent to {unit} for processing.</translation>
    </message>
    <message>
        <source>Chuyển hồ sơ đi xử lý.</source>
        <translation>Dossier sent for processing.</translation>
    </message>
    <message>
        <source>Hoàn thành bước {step}: {name} ({unit}).</source>
        <translation>Step {step} completed: {name} ({unit}).</translation>
    </message>
    <message>
        <source>Ghi chú: {note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung hồ sơ: {missing}.</source>
        <translation>Supplement requested: {missing}.</translation>
    </message>
    <message>
        <source>Nhận hồ sơ bổ sung; hẹn trả {due}.</source>
        <translation>Supplement received; appointment {due}.</translation>
    </message>
    <message>
        <source>Từ chối giải quyết hồ sơ.</source>
        <translation>Dossier refused.</translation>
    </message>
    <message>
        <source>Đã có kết quả giải quyết.</source>
        <translation>Result ready.</translation>
    </message>
    <message>
        <source>Trả kết quả cho {name}</source>
        <translation>Result returned to {name}</translation>
    </message>
    <message>
        <source>(giấy tờ số {number})</source>
        <translation>(ID {number})</translation>
    </message>
    <message>
        <source>Đã thu: {fee}.</source>
        <translation>Collected: {fee}.</translation>
    </message>
    <message>
        <source>Công dân rút hồ sơ.</source>
        <translation>The citizen withdrew the dossier.</translation>
    </message>
    <message>
        <source>Dừng xử lý hồ sơ.</source>
        <translation>Processing stopped.</translation>
    </message>
    <message>
        <source>Xin lỗi và hẹn lại (Mẫu 04): từ {previous} sang {new}.</source>
        <translation>Apology and new appointment (Form 04): from {previous} to {new}.</translation>
    </message>
    <message>
        <source>Ghi chú: {text}</source>
        <translation>Note: {text}</translation>
    </message>
    <message>
        <source>Lưu {kind}: {name}.</source>
        <translation>Saved {kind}: {name}.</translation>
    </message>
    <message>
        <source>Lý do: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
</context>
<context>
    <name>Weekday</name>
    <message>
        <source>Thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Chủ nhật</source>
        <translation>Sunday</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>Đường kẻ</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Thanh cuộn dọc</source>
        <translation>Vertical scroll bar</translation>
    </message>
    <message>
        <source>Thanh cuộn ngang</source>
        <translation>Horizontal scroll bar</translation>
    </message>
    <message>
        <source>Xoá nội dung ô</source>
        <translation>Clear the field</translation>
    </message>
</context>
</TS>
