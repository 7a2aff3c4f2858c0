<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="vi_VN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../kcfield/ui/about.py" line="+31"/>
        <source>Giới thiệu kcfield</source>
        <translation>About kcfield</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Phần mềm khảo sát cơ sở công nghiệp nông thôn dành cho cộng tác viên khuyến công.</source>
        <translation>Survey software for rural industrial establishments, made for industrial extension collaborators.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phiên bản %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Thư mục dữ liệu (sao lưu thư mục này là sao lưu toàn bộ công việc):</source>
        <translation>Data folder (backing up this folder backs up all of your work):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Mở thư mục dữ liệu</source>
        <translation>&amp;Open data folder</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Phông chữ DejaVu Sans đi kèm được phát hành theo giấy phép Bitstream Vera (xem %1).
Danh mục đơn vị hành chính: danh sách của Cục Thống kê (GSO) năm 2025, lấy theo dữ liệu của gói vietnam-provinces.</source>
        <translation>The bundled DejaVu Sans font is released under the Bitstream Vera licence (see %1).
Administrative units: the 2025 list of the General Statistics Office (GSO), taken from the data of the vietnam-provinces package.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Không mở được thư mục</source>
        <translation>Could not open the folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không mở được thư mục dữ liệu. Đường dẫn:
%1</source>
        <translation>Could not open the data folder. Its path is:
%1</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../kcfield/ui/actions.py" line="+40"/>
        <source>&amp;Thêm cơ sở mới</source>
        <translation>&amp;New establishment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tạo hồ sơ cơ sở mới (Ctrl+N)</source>
        <translation>Create a new establishment profile (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Lưu</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lưu hồ sơ đang sửa (Ctrl+S)</source>
        <translation>Save the profile being edited (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tìm cơ sở</source>
        <translation>&amp;Find establishment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đưa con trỏ vào ô tìm kiếm (Ctrl+F)</source>
        <translation>Put the cursor in the search box (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;In phiếu…</source>
        <translation>&amp;Print forms…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In tài liệu của dòng đang chọn ở trang hiện tại (Ctrl+P)</source>
        <translation>Print the document of the selected row on this page (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In phiếu &amp;trắng…</source>
        <translation>Print a &amp;blank form…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In phiếu khảo sát trắng để điền tay (Ctrl+Shift+P)</source>
        <translation>Print a blank survey form to fill in by hand (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Gắn bản quét phiếu đã ký…</source>
        <translation>&amp;Attach scans of signed forms…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chọn ảnh hoặc PDF quét phiếu đã ký; mã QR trên phiếu cho biết gắn vào hồ sơ nào</source>
        <translation>Choose photos or PDF scans of signed forms; the QR code on each form tells which record it goes to</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Cài đặt…</source>
        <translation>Se&amp;ttings…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ngôn ngữ và các tuỳ chọn</source>
        <translation>Language and options</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Mật khẩu khoá riêng…</source>
        <translation>Private &amp;key passphrase…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đặt, đổi hoặc bỏ mật khẩu bảo vệ khoá ký và giải mã gói</source>
        <translation>Set, change or remove the passphrase that protects the key signing and opening packages</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Lộ trình trong ngày…</source>
        <translation>&amp;Day&apos;s route…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Các cơ sở sẽ đến hôm nay, theo thứ tự đi ngắn (Ctrl+L)</source>
        <translation>The establishments to visit today, in a short order (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cơ sở &amp;lân cận…</source>
        <translation>Establishments &amp;nearby…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Các cơ sở gần cơ sở đang chọn, gần nhất trước (Ctrl+Shift+L)</source>
        <translation>Establishments near the selected one, nearest first (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Giới thiệu kcfield</source>
        <translation>&amp;About kcfield</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;hoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Sửa</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Công &amp;cụ</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../kcfield/app.py" line="+144"/>
        <source>Đã khôi phục từ {path}.</source>
        <translation>Restored from {path}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dữ liệu trước khi khôi phục được giữ ở {path}.</source>
        <translation>The data as it was before the restore is kept in {path}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gói gửi Trung tâm tiếp theo sẽ mang số {n}.</source>
        <translation>The next package for the centre will carry number {n}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Đang khôi phục…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Bản nháp chưa lưu</source>
        <translation>Unsaved drafts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lần làm việc trước còn %1 hồ sơ đang sửa dở chưa lưu:

%2

Mở lại để tiếp tục?</source>
        <translation>Records left unsaved in the middle of editing last time: %1

%2

Reopen them to carry on?</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../kcfield/ui/attachments/panel.py" line="+75"/>
        <source>Ảnh và tài liệu đính kèm</source>
        <translation>Attached photos and documents</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Thêm ảnh/tài liệu…</source>
        <translation>Add photo/document…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chọn ảnh (JPEG, PNG) hoặc tài liệu PDF; có thể kéo thả tệp vào đây.</source>
        <translation>Choose photos (JPEG, PNG) or PDF documents; you can also drag and drop files here.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mở tệp đã chọn bằng chương trình xem ảnh/PDF của máy.</source>
        <translation>Open the selected file in this computer&apos;s photo/PDF viewer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sửa chú thích…</source>
        <translation>Edit caption…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Xoá</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thu nhỏ ảnh lớn</source>
        <translation>Shrink large photos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ảnh có cạnh dài hơn 2000 điểm ảnh được thu nhỏ còn 2000 điểm ảnh và lưu dạng JPEG trước khi đính kèm, để tiết kiệm chỗ trên máy và khi gửi dữ liệu. Tệp gốc trên máy không bị thay đổi và không được chép vào. Bỏ chọn để đính kèm ảnh với cỡ gốc.</source>
        <translation>Photos with a side longer than 2000 pixels are shrunk to 2000 pixels and saved as JPEG before they are attached, to save space on the computer and when sending data. The original file on the computer is not changed and is not copied in. Untick to attach photos at their original size.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Lưu hồ sơ trước khi thêm ảnh</source>
        <translation>Save the record before adding photos</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Chưa có tệp đính kèm.</source>
        <translation>No attachments yet.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n tệp; tất cả nguyên vẹn</source>
        <translation>
            <numerusform>%n file; intact</numerusform>
            <numerusform>%n files; all intact</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tệp «%1» đã bị thay đổi hoặc mất</source>
        <translation>File «%1» has been changed or is missing</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chọn ảnh hoặc tài liệu</source>
        <translation>Choose photos or documents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ảnh và PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Photos and PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>Không đính kèm được %n tệp:</source>
        <translation>
            <numerusform>Could not attach %n file:</numerusform>
            <numerusform>Could not attach %n files:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Chú thích</source>
        <translation>Caption</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chú thích cho «%1»:</source>
        <translation>Caption for «%1»:</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Xoá tệp đính kèm</source>
        <translation>Delete attachment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xoá «%1» khỏi hồ sơ này?</source>
        <translation>Delete «%1» from this record?</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Máy chưa có chương trình mở được tệp «%1».</source>
        <translation>This computer has no program that can open «%1».</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Lỗi: %1</source>
        <translation>Error: %1</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <location filename="../../kcfield/ui/backups/page.py" line="+48"/>
        <source>Sao lưu và khôi phục dữ liệu</source>
        <translation>Back up and restore the data</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Máy tự sao lưu mỗi ngày, trước mỗi lần nhập hoặc xuất gói và trước khi nâng cấp. Bản sao lưu nằm trong thư mục dữ liệu và chứa thông tin cá nhân: chỉ chép ra ngoài khi cần, và giữ cẩn thận.</source>
        <translation>This laptop backs up every day, before every package import or export and before an upgrade. Backups live in the data folder and hold personal data: copy them elsewhere only when needed, and keep them safe.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Sao lưu ngay</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sao lưu toàn bộ dữ liệu trên máy này ngay bây giờ (Ctrl+Shift+B)</source>
        <translation>Back up all the data on this laptop now (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+42"/>
        <source>Khôi phục…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Thay dữ liệu trên máy bằng bản sao lưu đang chọn (hoặc một tệp sao lưu khác)</source>
        <translation>Replace the data on this laptop with the selected backup (or another backup file)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mở thư mục sao lưu</source>
        <translation>Open the backup folder</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Khôi phục bản đã chọn…</source>
        <translation>Restore the selected backup…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Đã sao lưu vào {path} ({size}).</source>
        <translation>Backed up into {path} ({size}).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Đang sao lưu…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Chọn bản sao lưu</source>
        <translation>Choose a backup</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bản sao lưu kcfield (*.db)</source>
        <translation>kcfield backups (*.db)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Khôi phục dữ liệu</source>
        <translation>Restore the data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Khôi phục bản sao lưu lúc {when}?

• Dữ liệu hiện tại được giữ riêng thành một bản sao lưu «Trước khi khôi phục».
• Mọi thay đổi làm sau {when} sẽ không còn trên máy này. Các gói đã gửi thì vẫn còn ở Trung tâm, và gói gửi tiếp theo vẫn nối tiếp đúng số thứ tự.
• Cửa sổ sẽ đóng lại rồi mở ra trên dữ liệu đã khôi phục.</source>
        <translation>Restore the backup of {when}?

• The current data is kept aside as a &quot;before restore&quot; backup.
• Every change made after {when} will be gone from this laptop. Packages already sent stay at the centre, and the next package still follows in the right number.
• The window closes, then opens again on the restored data.</translation>
    </message>
</context>
<context>
    <name>CPChecklist</name>
    <message>
        <location filename="../../kcfield/ui/cp/checklist.py" line="+28"/>
        <source>Chưa rõ</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không áp dụng</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Đang tải danh mục câu hỏi…</source>
        <translation>Loading the checklist…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Quản lý nội vi</source>
        <translation>Housekeeping</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Năng lượng</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nước</source>
        <translation>Water</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Nguyên liệu</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chất thải</source>
        <translation>Waste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hoá chất</source>
        <translation>Chemicals</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thiết bị</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kiểm soát quá trình</source>
        <translation>Process control</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An toàn lao động</source>
        <translation>Occupational safety</translation>
    </message>
</context>
<context>
    <name>CPEditor</name>
    <message>
        <location filename="../../kcfield/ui/cp/editor.py" line="+95"/>
        <source>Đánh giá sản xuất sạch hơn</source>
        <translation>Cleaner production (CP) assessment</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ảnh và tài liệu</source>
        <translation>Photos and documents</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Đánh giá sản xuất sạch hơn — {name}</source>
        <translation>Cleaner production (CP) assessment — {name}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Không tải được dữ liệu: {error}</source>
        <translation>Could not load the data: {error}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Bản nháp</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Có bản nháp chưa lưu của đánh giá này. Khôi phục bản nháp?</source>
        <translation>There is an unsaved draft of this assessment. Restore the draft?</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{tab}: có ô ngày/số chưa đọc được.</source>
        <translation>{tab}: a date or number cell could not be read.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{tab}, dòng {row}, cột «{column}»: «{text}» không phải là số.</source>
        <translation>{tab}, row {row}, column «{column}»: «{text}» is not a number.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Chưa lưu được: </source>
        <translation>Not saved yet: </translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Không lưu được: </source>
        <translation>Could not save: </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Đóng đánh giá</source>
        <translation>Close assessment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đánh giá có thay đổi chưa lưu. Lưu trước khi đóng?</source>
        <translation>The assessment has unsaved changes. Save before closing?</translation>
    </message>
    <message>
        <location filename="../../kcfield/ui/cp/form.py" line="+24"/>
        <source>Nguyên liệu</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Năng lượng</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nước</source>
        <translation>Water</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hoá chất</source>
        <translation>Chemicals</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+18"/>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Số lượng</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <location line="+36"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Đơn giá (đồng)</source>
        <translation>Unit price (VND)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+54"/>
        <source>Loại năng lượng</source>
        <translation>Energy type</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+80"/>
        <source>Sản phẩm</source>
        <translation>Product</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Phụ phẩm</source>
        <translation>By-product</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nước thải</source>
        <translation>Wastewater</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chất thải rắn</source>
        <translation>Solid waste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khí thải</source>
        <translation>Air emissions</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nơi thải / sử dụng</source>
        <translation>Discharged to / used for</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Làm ngay</source>
        <translation>Do now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nghiên cứu thêm</source>
        <translation>Study further</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loại bỏ</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đề xuất</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đang thực hiện</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã thực hiện</source>
        <translation>Implemented</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không thực hiện</source>
        <translation>Not implemented</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nhóm giải pháp</source>
        <translation>Option category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mô tả</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đầu tư (đồng)</source>
        <translation>Investment (VND)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tiết kiệm/năm (đồng)</source>
        <translation>Savings/year (VND)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chi phí tăng thêm/năm (đồng)</source>
        <translation>Extra cost/year (VND)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lượng tiết kiệm/năm</source>
        <translation>Quantity saved/year</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sàng lọc</source>
        <translation>Screening</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Đánh giá nhanh</source>
        <translation>Quick assessment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đánh giá chi tiết</source>
        <translation>Detailed assessment</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loại đánh giá</source>
        <translation>Assessment type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Công đoạn trọng tâm</source>
        <translation>Focus process step</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sản lượng trong kỳ</source>
        <translation>Output in the period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đơn vị sản lượng</source>
        <translation>Output unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+116"/>
        <source>Chung</source>
        <translation>General</translation>
    </message>
    <message>
        <location line="-115"/>
        <location line="+117"/>
        <source>Đầu vào</source>
        <translation>Inputs</translation>
    </message>
    <message>
        <location line="-116"/>
        <location line="+117"/>
        <source>Đầu ra và chất thải</source>
        <translation>Outputs and waste</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Kiểm tra nhanh</source>
        <translation>Quick check</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+116"/>
        <source>Giải pháp</source>
        <translation>Options</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>Chỉ số</source>
        <translation>Indicators</translation>
    </message>
</context>
<context>
    <name>CPFacts</name>
    <message>
        <location filename="../../kcfield/ui/cp/facts.py" line="+37"/>
        <source>định mức</source>
        <translation>the norm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mức tham khảo</source>
        <translation>the benchmark</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cao hơn</source>
        <translation>above</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bằng</source>
        <translation>equal to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>thấp hơn</source>
        <translation>below</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>mức này không áp dụng cho kỳ đánh giá</source>
        <translation>this level does not apply to the assessment period</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vượt định mức</source>
        <translation>exceeds the norm</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Suất tiêu hao trên đơn vị sản phẩm</source>
        <translation>Specific consumption per unit of product</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chưa tính được: cần sản lượng sản phẩm và số liệu đầu vào có đơn vị.</source>
        <translation>Cannot be calculated yet: needs the product output and input figures with units.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>định mức theo quy định pháp luật</source>
        <translation>Statutory norm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>số liệu tham khảo</source>
        <translation>Reference figure</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tổng năng lượng</source>
        <translation>Total energy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chưa có đầu vào năng lượng.</source>
        <translation>No energy inputs yet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Giải pháp</source>
        <translation>Options</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+17"/>
        <source>Chưa có giải pháp.</source>
        <translation>No options yet.</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>không hoàn vốn</source>
        <translation>no payback</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hoàn vốn {years} năm</source>
        <translation>payback {years} years</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>giảm {co2} t CO₂/năm</source>
        <translation>avoids {co2} t CO2/year</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tiết kiệm theo nhóm giải pháp</source>
        <translation>Savings by option category</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{number}. {name}: {options} giải pháp, đầu tư {investment}, tiết kiệm ròng {net}/năm</source>
        <translation>{number}. {name}: {options} option(s), investment {investment}, net savings {net}/year</translation>
    </message>
</context>
<context>
    <name>CPGrid</name>
    <message>
        <location filename="../../kcfield/ui/cp/tables.py" line="+226"/>
        <source>Thêm dòng</source>
        <translation>Add row</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xoá dòng</source>
        <translation>Delete row</translation>
    </message>
</context>
<context>
    <name>CPListModel</name>
    <message>
        <location filename="../../kcfield/ui/cp/model.py" line="+21"/>
        <source>Cơ sở</source>
        <translation>Establishment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loại đánh giá</source>
        <translation>Assessment type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kỳ đánh giá</source>
        <translation>Assessment period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sản phẩm</source>
        <translation>Product</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số giải pháp</source>
        <translation>Options</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nhanh</source>
        <translation>Quick</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chi tiết</source>
        <translation>Detailed</translation>
    </message>
</context>
<context>
    <name>CPPage</name>
    <message>
        <location filename="../../kcfield/ui/cp/page.py" line="+47"/>
        <source>Thêm đánh giá</source>
        <translation>New assessment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In báo cáo…</source>
        <translation>Print report…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In báo cáo đánh giá SXSH của dòng đang chọn (Ctrl+P)</source>
        <translation>Print the CP assessment report of the selected row (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Chưa có đánh giá nào.</source>
        <translation>No assessments yet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Đánh giá sản xuất sạch hơn — {name}</source>
        <translation>Cleaner production (CP) assessment — {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đánh giá sản xuất sạch hơn</source>
        <translation>Cleaner production (CP) assessment</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Chọn một đánh giá SXSH để in báo cáo.</source>
        <translation>Select a CP assessment to print its report.</translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <location filename="../../kcfield/ui/registry/column_chooser.py" line="+25"/>
        <source>Cột hiển thị</source>
        <translation>Visible columns</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../kcfield/ui/widgets/date_edit.py" line="+52"/>
        <source>ngày/tháng/năm</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Chọn ngày</source>
        <translation>Choose a date</translation>
    </message>
</context>
<context>
    <name>DayPlanDialog</name>
    <message>
        <location filename="../../kcfield/ui/places/day_plan.py" line="+57"/>
        <source>Lộ trình trong ngày</source>
        <translation>Day&apos;s route</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Để trống: bắt đầu từ cơ sở đầu tiên. Hoặc dán toạ độ nơi xuất phát</source>
        <translation>Empty: start at the first establishment. Or paste the coordinates of the starting point</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+49"/>
        <source>Nơi xuất phát</source>
        <translation>Starting point</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>STT</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cơ sở</source>
        <translation>Establishment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chặng (đường chim bay)</source>
        <translation>Leg (straight line)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Các cơ sở sẽ đến, theo thứ tự</source>
        <translation>The establishments to visit, in order</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Thêm cơ sở…</source>
        <translation>&amp;Add establishment…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chọn một cơ sở để thêm vào cuối lộ trình (Insert)</source>
        <translation>Choose an establishment to add at the end of the route (Insert)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Bỏ khỏi lộ trình</source>
        <translation>&amp;Remove from route</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bỏ cơ sở đang chọn khỏi lộ trình (Delete); hồ sơ không bị xoá</source>
        <translation>Remove the selected establishment from the route (Delete); its profile is not deleted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lên</source>
        <translation>Up</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Xuống</source>
        <translation>Down</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Đưa lên trước (Alt+Up)</source>
        <translation>Move earlier (Alt+Up)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đưa xuống sau (Alt+Down)</source>
        <translation>Move later (Alt+Down)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Gợi ý thứ tự đi ngắn nhất</source>
        <translation>&amp;Suggest the shortest order</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sắp lại các cơ sở có toạ độ theo quãng đường ngắn, tính từ nơi xuất phát (Ctrl+R)</source>
        <translation>Reorder the establishments that have coordinates into a short route from the starting point (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Xoá &amp;hết</source>
        <translation>C&amp;lear all</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;In phiếu cho lộ trình…</source>
        <translation>&amp;Print forms for the route…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In phiếu khảo sát đã điền sẵn hồ sơ của từng cơ sở, theo thứ tự này</source>
        <translation>Print survey forms pre-filled with each establishment&apos;s profile, in this order</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Xoá lộ trình</source>
        <translation>Clear the route</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bỏ cả {count} cơ sở khỏi lộ trình trong ngày? Hồ sơ các cơ sở không bị xoá.</source>
        <translation>Remove all {count} establishments from the day&apos;s route? Their profiles are not deleted.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Đọc là: {position}</source>
        <translation>Read as: {position}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(cơ sở đã bị xoá hoặc không còn trong máy)</source>
        <translation>(establishment deleted or no longer on this computer)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>chưa có toạ độ</source>
        <translation>no coordinates yet</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Lộ trình trống. Thêm cơ sở bằng nút «Thêm cơ sở…» hoặc từ danh sách cơ sở (chuột phải).</source>
        <translation>The route is empty. Add establishments with «Add establishment…» or from the establishment list (right click).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} cơ sở; tổng quãng đường đường chim bay {distance} (đường đi thực tế dài hơn).</source>
        <translation>{count} establishments; total straight-line distance {distance} (the roads are longer).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} cơ sở chưa có toạ độ nên được xếp cuối.</source>
        <translation>{count} without coordinates placed at the end.</translation>
    </message>
</context>
<context>
    <name>DeleteFlow</name>
    <message>
        <location filename="../../kcfield/ui/registry/deletion.py" line="+95"/>
        <source>Xoá cơ sở</source>
        <translation>Delete establishment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xoá cơ sở «{name}» khỏi danh sách?

Ngay sau khi xoá vẫn có thể bấm «Hoàn tác».</source>
        <translation>Delete the establishment &quot;{name}&quot; from the list?

Right after deleting it you can still click &quot;Undo&quot;.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Lỗi không mong đợi: {error}</source>
        <translation>Unexpected error: {error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không thực hiện được</source>
        <translation>Could not complete the action</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <location filename="../../kcfield/ui/registry/editor_duplicates.py" line="+41"/>
        <source>Có thể đã có cơ sở này</source>
        <translation>This establishment may already be in the registry</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sổ cơ sở đã có {count} cơ sở giống cơ sở đang nhập. Hãy xem có phải cùng một cơ sở không, để tránh nhập trùng.</source>
        <translation>Establishments already in the registry that look like the one you are entering: {count}. Check whether it is the same establishment, so that it is not entered twice.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Mở bản ghi này</source>
        <translation>Open this record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mở bản ghi {name}</source>
        <translation>Open the record {name}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Vẫn lưu</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quay lại</source>
        <translation>Go back</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>trùng mã số thuế</source>
        <translation>same tax code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tên gần giống ({percent}%), cách chưa tới 50 m</source>
        <translation>similar name ({percent}%), less than 50 m away</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tên gần giống ({percent}%), cùng xã/phường</source>
        <translation>similar name ({percent}%), same commune/ward</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>MST: {code}</source>
        <translation>Tax code: {code}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>chưa có MST</source>
        <translation>no tax code yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lý do: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
</context>
<context>
    <name>EditorBar</name>
    <message>
        <location filename="../../kcfield/ui/visits/bar.py" line="+24"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu phiếu khảo sát (Ctrl+S)</source>
        <translation>Save the visit form (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hoàn tất phiếu</source>
        <translation>Finalise form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khoá phiếu và lưu lại hồ sơ cơ sở tại thời điểm này</source>
        <translation>Lock the form and keep a snapshot of the establishment&apos;s record as it is now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tạo bản điều chỉnh</source>
        <translation>Create amendment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tạo một phiếu nháp mới để sửa; phiếu đã hoàn tất được giữ nguyên</source>
        <translation>Create a new draft form to edit; the final form is kept unchanged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>EstablishmentEditor</name>
    <message>
        <location filename="../../kcfield/ui/registry/editor.py" line="+175"/>
        <location line="+148"/>
        <location line="+5"/>
        <source>Cơ sở mới</source>
        <translation>New establishment</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Đóng hồ sơ cơ sở</source>
        <translation>Close establishment record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hồ sơ “{name}” có thay đổi chưa lưu.
Bạn có muốn lưu trước khi đóng không?</source>
        <translation>The record &quot;{name}&quot; has unsaved changes.
Do you want to save them before closing?</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Không đọc được bản nháp đã lưu; hãy kiểm tra lại các ô.</source>
        <translation>The saved draft could not be read; please check the fields again.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Không ghi được bản nháp ({error}); hãy lưu hồ sơ sớm.</source>
        <translation>The draft could not be written ({error}); save the record soon.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Hồ sơ cơ sở – {name}</source>
        <translation>Establishment record – {name}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Mở cơ sở đã có</source>
        <translation>Open existing establishment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chưa lưu “{name}”. Giữ những gì đã nhập làm bản nháp để làm tiếp sau không?
Chọn “Không” để bỏ những gì đã nhập.</source>
        <translation>&quot;{name}&quot; is not saved. Keep what you have entered as a draft to finish later?
Choose &quot;No&quot; to discard what you have entered.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Đã lưu. Những gì nhập thêm sau khi bấm Lưu chưa được lưu.</source>
        <translation>Saved. Anything you typed after clicking Save has not been saved yet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Không lưu được: {error}</source>
        <translation>Could not save: {error}</translation>
    </message>
    <message>
        <location filename="../../kcfield/ui/registry/editor_problems.py" line="+84"/>
        <source>Có ô cần xem lại trong thẻ này</source>
        <translation>Some fields on this tab need checking</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Chưa lưu được: {problems}.</source>
        <translation>Cannot save yet: {problems}.</translation>
    </message>
</context>
<context>
    <name>EstablishmentForm</name>
    <message>
        <location filename="../../kcfield/ui/registry/editor_choices.py" line="+26"/>
        <source>Hộ kinh doanh</source>
        <translation>Business household</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tổ hợp tác</source>
        <translation>Cooperative group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hợp tác xã</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Doanh nghiệp</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Công ty TNHH một thành viên</source>
        <translation>Single-member limited liability company</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Công ty TNHH hai thành viên trở lên</source>
        <translation>Limited liability company with two or more members</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Công ty cổ phần</source>
        <translation>Joint-stock company</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Công ty hợp danh</source>
        <translation>Partnership company</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Doanh nghiệp tư nhân</source>
        <translation>Private enterprise (sole proprietorship)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Định vị GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhập tay</source>
        <translation>Entered by hand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tra từ địa chỉ</source>
        <translation>Looked up from the address</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Chưa được công nhận</source>
        <translation>Not recognised</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cấp tỉnh</source>
        <translation>Provincial level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cấp khu vực</source>
        <translation>Regional level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cấp quốc gia</source>
        <translation>National level</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chưa rõ</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không thuộc diện phải làm thủ tục</source>
        <translation>No environmental procedure required</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đã đăng ký môi trường</source>
        <translation>Environmental registration done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã có giấy phép môi trường</source>
        <translation>Environmental permit granted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đang làm thủ tục</source>
        <translation>Procedure under way</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chưa có (thuộc diện phải có)</source>
        <translation>None yet (required)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mã số doanh nghiệp, tổ chức (10 số)</source>
        <translation>Enterprise or organisation code (10 digits)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mã số đơn vị phụ thuộc (13 số)</source>
        <translation>Dependent unit code (13 digits)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số định danh cá nhân của chủ hộ (12 số)</source>
        <translation>Personal ID number of the household head (12 digits)</translation>
    </message>
    <message>
        <location filename="../../kcfield/ui/registry/editor_fields.py" line="+160"/>
        <source>Định danh</source>
        <extracomment>Problems about a field that has no box of its own are shown at the box that decides it. Fields kept from the record as they are: no box edits them here.</extracomment>
        <translation>Identification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên cơ sở</source>
        <translation>Establishment name</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Người đại diện</source>
        <translation>Representative</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Địa chỉ và vị trí</source>
        <translation>Address and location</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Ngành nghề</source>
        <translation>Business activity</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>tấn/năm, sản phẩm/năm…</source>
        <translation>tonnes/year, items/year…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quy mô</source>
        <translation>Size</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chứng nhận và môi trường</source>
        <translation>Certification and environment</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chưa có</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> sao</source>
        <translation>-star</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>— Chọn xã/phường/đặc khu —</source>
        <translation>— Choose a commune/ward/special zone —</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Mã xã {code}</source>
        <translation>Commune code {code}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{code} (VSIC {version}, không có trong danh mục)</source>
        <translation>{code} (VSIC {version}, not in the code list)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chưa nhận ra loại mã</source>
        <translation>Code type not recognised</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>— Chọn tỉnh/thành phố —</source>
        <translation>— Choose a province/city —</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>— Chọn mã ngành VSIC 2018 —</source>
        <translation>— Choose a VSIC 2018 industry code —</translation>
    </message>
</context>
<context>
    <name>EstablishmentPicker</name>
    <message>
        <location filename="../../kcfield/ui/registry/picker.py" line="+38"/>
        <source>Chọn cơ sở</source>
        <translation>Choose establishment</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tìm theo tên, mã số thuế, người đại diện, điện thoại, thôn/ấp, xã…</source>
        <translation>Search by name, tax code, representative, phone, village/hamlet, commune…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chọn</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Đang hiện {shown}/{total} cơ sở; gõ thêm để thu hẹp.</source>
        <translation>Showing {shown} of {total} establishments; type more to narrow down.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{total} cơ sở</source>
        <translation>{total} establishments</translation>
    </message>
</context>
<context>
    <name>FactsPanel</name>
    <message>
        <location filename="../../kcfield/ui/registry/editor_facts.py" line="+33"/>
        <location line="+15"/>
        <source>Đánh giá tự động</source>
        <translation>Automatic assessment</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Tính từ số liệu đã nhập, không nhập tay. Cập nhật ngay khi sửa.</source>
        <translation>Worked out from the figures entered, never typed in. Updated as you edit.</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+10"/>
        <source>Chưa xác định</source>
        <translation>Not determined yet</translation>
    </message>
    <message>
        <location line="-5"/>
        <source> (tạm tính)</source>
        <translation> (provisional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quy mô: {size}</source>
        <translation>Size: {size}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thuộc đối tượng CNNT: {answer}</source>
        <translation>Rural industry (CNNT) establishment: {answer}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tiêu chí ưu tiên đáp ứng: {count}</source>
        <translation>Priority criteria met: {count}</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../kcfield/ui/first_run.py" line="+352"/>
        <source>Thiết lập ban đầu — kcfield</source>
        <translation>First-time setup — kcfield</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Không lưu được thông tin: %1</source>
        <translation>Could not save the details: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mã cộng tác viên</source>
        <translation>Collaborator code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Không nạp được dữ liệu mẫu</source>
        <translation>Could not load the sample data</translation>
    </message>
</context>
<context>
    <name>KeyPassphraseDialog</name>
    <message>
        <location filename="../../kcfield/ui/key_passphrase.py" line="+112"/>
        <source>Mật khẩu bảo vệ khoá riêng</source>
        <translation>Private key passphrase</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Khoá riêng ký và giải mã các gói của bạn. Đặt mật khẩu để ai lấy được máy tính cũng không dùng được khoá. Quên mật khẩu thì phải tạo khoá mới và đăng ký lại với Trung tâm.</source>
        <translation>The private key signs and opens your packages. With a passphrase, whoever takes the laptop cannot use the key. A forgotten passphrase means making a new key and enrolling with the centre again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Bỏ mật khẩu (khoá lưu không mã hoá)</source>
        <translation>&amp;Remove the passphrase (the key is stored unencrypted)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mật khẩu &amp;hiện tại:</source>
        <translation>&amp;Current passphrase:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mật khẩu &amp;mới:</source>
        <translation>&amp;New passphrase:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Nhập lại mật khẩu mới:</source>
        <translation>New passphrase a&amp;gain:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kcfield/ui/main_window.py" line="+72"/>
        <source>kcfield — Khảo sát cơ sở công nghiệp nông thôn</source>
        <translation>kcfield — Rural industrial establishment survey</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Phần này sẽ có trong phiên bản tới. Hiện bạn quản lý hồ sơ cơ sở ở trang «Cơ sở».</source>
        <translation>This part is coming in the next version. For now, establishment records are managed on the &quot;Establishments&quot; page.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cơ sở</source>
        <translation>Establishments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lượt khảo sát</source>
        <translation>Survey visits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhu cầu thiết bị</source>
        <translation>Equipment needs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đánh giá SXSH</source>
        <translation>CP assessment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sao lưu</source>
        <translation>Backups</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Đã lưu «%1».</source>
        <translation>Saved &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Không có hồ sơ nào đang sửa để lưu.</source>
        <translation>No record is being edited, so there is nothing to save.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Chưa gửi: %1 thay đổi</source>
        <translation>Unsent changes: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chưa đồng bộ lần nào</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đồng bộ lần cuối: %1</source>
        <translation>Last synced: %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Không thực hiện được</source>
        <translation>Could not complete the action</translation>
    </message>
</context>
<context>
    <name>MaskedEdit</name>
    <message>
        <location filename="../../kcfield/ui/registry/editor_inputs.py" line="+130"/>
        <location line="+22"/>
        <source>Hiện</source>
        <translation>Show</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Hiện hoặc ẩn số định danh cá nhân</source>
        <translation>Show or hide the personal ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hiện số định danh cá nhân</source>
        <translation>Show the personal ID number</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Ẩn</source>
        <translation>Hide</translation>
    </message>
</context>
<context>
    <name>NearbyDialog</name>
    <message>
        <location filename="../../kcfield/ui/places/nearby.py" line="+58"/>
        <source>Cơ sở lân cận</source>
        <translation>Establishments nearby</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quanh {name} ({position})</source>
        <translation>Around {name} ({position})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quanh vị trí {position}</source>
        <translation>Around the position {position}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>trong vòng {km} km</source>
        <translation>within {km} km</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bán kính tìm</source>
        <translation>Search radius</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cơ sở</source>
        <translation>Establishment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Khoảng cách</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Thêm vào lộ trình trong ngày</source>
        <translation>&amp;Add to the day&apos;s route</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Mở hồ sơ</source>
        <translation>&amp;Open profile</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Đã thêm «{name}» vào lộ trình trong ngày ({count} cơ sở).</source>
        <translation>Added «{name}» to the day&apos;s route ({count} establishments).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Đang hiện {count} cơ sở gần nhất trong vòng {km} km; chọn bán kính nhỏ hơn để xem gần hơn.</source>
        <translation>Showing the {count} nearest establishments within {km} km; choose a smaller radius for a closer look.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} cơ sở có toạ độ trong vòng {km} km, gần nhất ở trên.</source>
        <translation>{count} establishments with coordinates within {km} km, nearest at the top.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Không có cơ sở nào có toạ độ trong vòng {km} km. Chọn bán kính lớn hơn.</source>
        <translation>No establishment with coordinates within {km} km. Choose a larger radius.</translation>
    </message>
</context>
<context>
    <name>NeedEditor</name>
    <message>
        <location filename="../../kcfield/ui/needs/editor.py" line="+110"/>
        <source>Nhu cầu hỗ trợ máy móc, thiết bị</source>
        <translation>Equipment needs</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu nhu cầu hỗ trợ (Ctrl+S)</source>
        <translation>Save the equipment need (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Chưa lưu được: {problems}</source>
        <translation>Not saved yet: {problems}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Nhu cầu mới</source>
        <translation>New equipment need</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Đóng nhu cầu hỗ trợ</source>
        <translation>Close equipment need</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhu cầu này có thay đổi chưa lưu.
Bạn có muốn lưu trước khi đóng không?</source>
        <translation>This equipment need has unsaved changes.
Do you want to save before closing?</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Không đọc được quy định hỗ trợ: {error}</source>
        <translation>Could not read the support rules: {error}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Chưa lưu được: {reason}</source>
        <translation>Not saved yet: {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Không lưu được bản nháp: {reason}</source>
        <translation>Could not save the draft: {reason}</translation>
    </message>
</context>
<context>
    <name>NeedForm</name>
    <message>
        <location filename="../../kcfield/ui/needs/form.py" line="+61"/>
        <source>Ví dụ: sấy, đóng gói, xay xát…</source>
        <translation>e.g. drying, packing, milling…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nâng cao năng suất</source>
        <translation>Higher productivity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nâng cao chất lượng</source>
        <translation>Better quality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tiết kiệm nguyên liệu, năng lượng</source>
        <translation>Saving materials and energy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Giảm ô nhiễm môi trường</source>
        <translation>Less environmental pollution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sản phẩm mới</source>
        <translation>New products</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Máy móc, thiết bị mới (chưa qua sử dụng)</source>
        <translation>New (unused) machinery and equipment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Là dây chuyền công nghệ hoàn chỉnh</source>
        <translation>Is a complete technology line</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hạng mục này đã được ngân sách nhà nước hỗ trợ trước đây</source>
        <translation>This item has already received state budget support</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Máy móc, thiết bị</source>
        <translation>Machinery and equipment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Tên máy móc, thiết bị</source>
        <translation>Equipment &amp;name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thông số kỹ thuật</source>
        <translation>Technical specifications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Công đoạn sản xuất</source>
        <translation>Production step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhà cung cấp</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mục đích đầu tư</source>
        <translation>Investment purpose</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Chi phí và đề nghị hỗ trợ</source>
        <translation>Cost and support requested</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Số lượng</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đơn giá (đồng)</source>
        <translation>Unit price (VND)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thành tiền (số lượng × đơn giá)</source>
        <translation>Amount (quantity x unit price)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vốn đối ứng của cơ sở (đồng)</source>
        <translation>Establishment&apos;s own contribution (VND)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đề nghị hỗ trợ (đồng)</source>
        <translation>Support requested (VND)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Điều kiện hỗ trợ</source>
        <translation>Support conditions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trường hợp loại trừ</source>
        <translation>Exclusion</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hiệu quả dự kiến</source>
        <translation>Expected benefits</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tăng công suất (%)</source>
        <translation>Capacity increase (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lao động tiết kiệm (người)</source>
        <translation>Labour saved (people)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Điện tiết kiệm (kWh/năm)</source>
        <translation>Electricity saved (kWh/year)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Không thuộc diện loại trừ</source>
        <translation>Not excluded</translation>
    </message>
</context>
<context>
    <name>NeedsPage</name>
    <message>
        <location filename="../../kcfield/ui/needs/page.py" line="+57"/>
        <location line="+150"/>
        <source>Nhu cầu hỗ trợ máy móc, thiết bị</source>
        <translation>Equipment needs</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>Thêm nhu cầu</source>
        <translation>New equipment need</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Xem tất cả cơ sở</source>
        <translation>Show all establishments</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In bảng tổng hợp…</source>
        <translation>Print summary…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bảng tổng hợp nhu cầu của cơ sở đang chọn, hoặc của xã đang chọn ở thẻ «Tổng theo xã» (Ctrl+P)</source>
        <translation>Needs summary of the selected establishment, or of the commune selected on the «By commune» tab (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Danh sách nhu cầu</source>
        <translation>Equipment needs list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tổng theo xã</source>
        <translation>Totals by commune/ward</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Chọn một nhu cầu (hoặc một xã ở thẻ «Tổng theo xã») để in.</source>
        <translation>Select a need (or a commune on the «By commune» tab) to print.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Nhu cầu hỗ trợ của {name}</source>
        <translation>Equipment needs of {name}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{count} nhu cầu. Tổng chi phí {cost}; đề nghị hỗ trợ {requested}; được hỗ trợ tối đa {allowed}</source>
        <translation>{count} equipment need(s). Total cost {cost}; support requested {requested}; maximum support {allowed}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> ({refused} nhu cầu không được hỗ trợ)</source>
        <translation> ({refused} need(s) not eligible for support)</translation>
    </message>
</context>
<context>
    <name>PlacesController</name>
    <message>
        <location filename="../../kcfield/ui/places/controller.py" line="+44"/>
        <source>Chọn một cơ sở trong danh sách trước.</source>
        <translation>Select an establishment in the list first.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Đã thêm vào lộ trình trong ngày ({count} cơ sở). Xem lộ trình: Ctrl+L.</source>
        <translation>Added to the day&apos;s route ({count} establishments). See the route: Ctrl+L.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cơ sở lân cận</source>
        <translation>Establishments nearby</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>«{name}» chưa có toạ độ. Ghi toạ độ vào hồ sơ (hoặc một lượt khảo sát) trước.</source>
        <translation>«{name}» has no coordinates yet. Record them in the profile (or a visit) first.</translation>
    </message>
</context>
<context>
    <name>PositionBox</name>
    <message>
        <location filename="../../kcfield/ui/visits/position.py" line="+48"/>
        <source>Ví dụ: 10°29&apos;28&quot;B 107°16&apos;17&quot;Đ hoặc 10.4912, 107.2714 — dán từ điện thoại</source>
        <translation>e.g. 10 29 28 N 107 16 17 E or 10.4912, 107.2714 — paste from a phone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Toạ độ</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+16"/>
        <source>Sai số (m)</source>
        <translation>Accuracy (m)</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>— chưa rõ —</source>
        <translation>— unknown —</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhập tay</source>
        <translation>Entered by hand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theo địa chỉ (geocoded)</source>
        <translation>From the address (geocoded)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đọc từ tệp NMEA…</source>
        <translation>Read from NMEA file…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cơ sở gần đây…</source>
        <translation>Establishments nearby…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Các cơ sở đã có trong máy gần vị trí này, gần nhất trước</source>
        <translation>Establishments on this computer near this position, nearest first</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Chọn tệp NMEA của máy GPS</source>
        <translation>Choose the GPS receiver&apos;s NMEA file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tệp NMEA (*.nmea *.txt *.log);;Mọi tệp (*)</source>
        <translation>NMEA files (*.nmea *.txt *.log);;All files (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Không đọc được tệp: {error}</source>
        <translation>Could not read the file: {error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tệp không có vị trí GPS hợp lệ ({count} dòng NMEA, {bad} dòng sai mã kiểm tra).</source>
        <translation>The file has no valid GPS position ({count} NMEA lines, {bad} with a bad checksum).</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Chưa đọc được toạ độ</source>
        <translation>Coordinates not read yet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Đọc được: {dms}  ({decimal})</source>
        <translation>Read as: {dms}  ({decimal})</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../kcfield/ui/printing/preview.py" line="+55"/>
        <source>Xem trước khi in — {title}</source>
        <translation>Print preview — {title}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Đang hiện các trang…</source>
        <translation>Showing the pages…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;In…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chọn máy in và in (Ctrl+P)</source>
        <translation>Choose a printer and print (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lưu thành PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu tệp PDF để gửi hoặc in sau (Ctrl+S)</source>
        <translation>Save the PDF file to send or print later (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Trang {number}</source>
        <translation>Page {number}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{total} trang; đang xem {shown} trang đầu. In hoặc lưu sẽ gồm tất cả.</source>
        <translation>{total} pages; showing the first {shown}. Printing or saving includes them all.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{total} trang, khổ A4</source>
        <translation>{total} pages, A4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Lưu thành PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Đã lưu {file}</source>
        <translation>Saved {file}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Không lưu được</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Không lưu được tệp PDF: {reason}</source>
        <translation>Could not save the PDF file: {reason}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Máy in không nhận lệnh in</source>
        <translation>The printer did not accept the job</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Đã gửi {pages} trang tới máy in.</source>
        <translation>Sent {pages} pages to the printer.</translation>
    </message>
</context>
<context>
    <name>PrintController</name>
    <message>
        <location filename="../../kcfield/ui/printing/controller.py" line="+60"/>
        <source>In</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Phiếu khảo sát trắng</source>
        <translation>Blank survey form</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Phiếu khảo sát đã điền</source>
        <translation>Filled survey form</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} phiếu khảo sát</source>
        <translation>{count} survey forms</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Phiếu khảo sát điền sẵn hồ sơ ({count} cơ sở)</source>
        <translation>Survey forms with the profile filled in ({count} establishments)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Danh sách cơ sở</source>
        <translation>Establishment list</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bảng tổng hợp nhu cầu thiết bị của cơ sở</source>
        <translation>Equipment-needs summary of the establishment</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bảng tổng hợp nhu cầu thiết bị của xã</source>
        <translation>Equipment-needs summary of the commune</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Báo cáo đánh giá sản xuất sạch hơn</source>
        <translation>Cleaner-production assessment report</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Không tạo được tài liệu in</source>
        <translation>Could not build the document</translation>
    </message>
</context>
<context>
    <name>RegistryFilters</name>
    <message>
        <location filename="../../kcfield/ui/registry/filters.py" line="+32"/>
        <source>Lọc theo xã/phường</source>
        <translation>Filter by commune/ward</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+44"/>
        <source>Tất cả xã/phường</source>
        <translation>All communes/wards</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Lọc theo loại hình</source>
        <translation>Filter by type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tất cả loại hình</source>
        <translation>All types</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lọc theo nhóm ngành</source>
        <translation>Filter by sector group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tất cả nhóm ngành</source>
        <translation>All sector groups</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lọc theo điều kiện cơ sở CNNT</source>
        <translation>Filter by rural industry (CNNT) eligibility</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CNNT: tất cả</source>
        <translation>CNNT: all</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CNNT: {label}</source>
        <translation>CNNT: {label}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chỉ cơ sở chưa gửi</source>
        <translation>Unsent only</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chỉ hiện các cơ sở đã sửa trên máy này mà chưa gửi về Trung tâm</source>
        <translation>Show only the establishments changed on this computer and not yet sent to the Centre</translation>
    </message>
</context>
<context>
    <name>RegistryModel</name>
    <message>
        <location filename="../../kcfield/ui/registry/columns.py" line="+61"/>
        <source>Tên cơ sở</source>
        <translation>Establishment name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mã số thuế</source>
        <translation>Tax code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Người đại diện</source>
        <translation>Representative</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thôn/ấp</source>
        <translation>Village/hamlet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Xã/phường</source>
        <translation>Commune/ward</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loại hình</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nhóm ngành</source>
        <translation>Sector group</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nhóm ngành nghề được hỗ trợ (Nghị định 45/2012/NĐ-CP, Điều 5)</source>
        <translation>Sector group eligible for support (Decree 45/2012/ND-CP, Article 5)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quy mô</source>
        <translation>Size</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cơ sở CNNT</source>
        <translation>CNNT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Có đủ điều kiện là cơ sở công nghiệp nông thôn để được hỗ trợ khuyến công</source>
        <translation>Qualifies as a rural industrial establishment (CNNT) that can receive industrial extension support</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chưa gửi</source>
        <translation>Unsent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đã sửa, chưa gửi Trung tâm</source>
        <translation>Changed, not yet sent to the Centre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cập nhật lúc</source>
        <translation>Last updated</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Doanh nghiệp</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hợp tác xã</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tổ hợp tác</source>
        <translation>Cooperative group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hộ kinh doanh</source>
        <translation>Business household</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>siêu nhỏ</source>
        <translation>micro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nhỏ</source>
        <translation>small</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vừa</source>
        <translation>medium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lớn</source>
        <translation>large</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chưa rõ</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đủ điều kiện</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không</source>
        <translation>Not eligible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chưa rõ</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chế biến nông, lâm, thuỷ sản và thực phẩm</source>
        <translation>Processing of farm, forest and aquatic products; food</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hàng công nghiệp tiêu dùng, xuất khẩu, thay thế hàng nhập khẩu</source>
        <translation>Consumer goods, exports, import substitutes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cơ khí, lắp ráp, sửa chữa máy móc; điện, điện tử – tin học</source>
        <translation>Machinery, assembly and repair; electrical, electronics – IT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hàng tiểu thủ công nghiệp</source>
        <translation>Small handicraft goods</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sản xuất sạch hơn; xử lý ô nhiễm môi trường</source>
        <translation>Cleaner production; pollution treatment</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Hoá chất phục vụ nông nghiệp, nông thôn; vật liệu xây dựng</source>
        <translation>Chemicals for agriculture and rural areas; building materials</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Khai thác, chế biến khoáng sản ở địa bàn khó khăn</source>
        <translation>Mining and mineral processing in disadvantaged areas</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <location filename="../../kcfield/ui/registry/page.py" line="+73"/>
        <source>Tìm theo tên, mã số thuế, người đại diện, điện thoại, thôn/ấp, xã…</source>
        <translation>Search by name, tax code, representative, phone, village/hamlet, commune…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tìm cơ sở</source>
        <translation>Search establishments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thêm cơ sở</source>
        <translation>Add establishment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thêm cơ sở mới (Ctrl+N)</source>
        <translation>Add a new establishment (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xoá</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xoá cơ sở đang chọn (Delete); có thể hoàn tác ngay sau đó</source>
        <translation>Delete the selected establishment (Delete); you can undo this right afterwards</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cột hiển thị</source>
        <translation>Columns</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In danh sách…</source>
        <translation>Print list…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In danh sách các cơ sở đang hiện (theo bộ lọc), không kèm số điện thoại, số định danh</source>
        <translation>Print the establishments shown (under the filters), without phone or personal ID numbers</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Danh sách cơ sở</source>
        <translation>Establishment list</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>cơ sở này</source>
        <translation>this establishment</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Đang tải danh sách…</source>
        <translation>Loading the list…</translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>%n cơ sở</source>
        <translation>
            <numerusform>%n establishment</numerusform>
            <numerusform>%n establishments</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Không tìm thấy cơ sở nào khớp với «{text}» trong bộ lọc đang chọn.</source>
        <translation>No establishment matches &quot;{text}&quot; with the current filters.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Không tìm thấy cơ sở nào khớp với «{text}».</source>
        <translation>No establishment matches &quot;{text}&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Không có cơ sở nào khớp với bộ lọc đang chọn.</source>
        <translation>No establishment matches the current filters.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chưa có cơ sở nào. Bấm «Thêm cơ sở» (Ctrl+N) để thêm cơ sở đầu tiên.</source>
        <translation>No establishments yet. Click &quot;Add establishment&quot; (Ctrl+N) to add the first one.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Mở hồ sơ</source>
        <translation>Open record</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Các lượt khảo sát của cơ sở</source>
        <translation>The establishment&apos;s visits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhu cầu thiết bị của cơ sở</source>
        <translation>The establishment&apos;s equipment needs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đánh giá SXSH của cơ sở</source>
        <translation>The establishment&apos;s CP assessments</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In phiếu khảo sát điền sẵn hồ sơ…</source>
        <translation>Print a survey form with the profile filled in…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In bảng nhu cầu thiết bị của cơ sở…</source>
        <translation>Print the establishment&apos;s equipment-needs summary…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cơ sở lân cận…</source>
        <translation>Establishments nearby…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thêm vào lộ trình trong ngày</source>
        <translation>Add to the day&apos;s route</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Xoá…</source>
        <translation>Delete…</translation>
    </message>
</context>
<context>
    <name>SaveBar</name>
    <message>
        <location filename="../../kcfield/ui/registry/editor_inputs.py" line="+54"/>
        <source>Bấm để đến ô cần sửa</source>
        <translation>Click to go to the field that needs correcting</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu hồ sơ cơ sở (Ctrl+S)</source>
        <translation>Save the establishment record (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ScanAttacher</name>
    <message>
        <location filename="../../kcfield/ui/printing/scans.py" line="+52"/>
        <source>Chọn bản quét phiếu đã ký</source>
        <translation>Choose scans of signed forms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bản quét (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>lượt khảo sát ngày {date} — {name}</source>
        <translation>visit of {date} — {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>đánh giá SXSH — {name}</source>
        <translation>CP assessment — {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hồ sơ cơ sở — {name}</source>
        <translation>establishment profile — {name}</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+33"/>
        <source>Không gắn được bản quét</source>
        <translation>Could not attach the scans</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Gắn bản quét</source>
        <translation>Attach scans</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gắn {count} tệp vào hồ sơ như sau?</source>
        <translation>Attach {count} files to the records as follows?</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Đã gắn {count} bản quét vào hồ sơ.</source>
        <translation>Attached {count} scans to their records.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../kcfield/ui/settings_dialog.py" line="+39"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ví dụ: Trung tâm Khuyến công và Tư vấn phát triển công nghiệp</source>
        <translation>For example: Trung tâm Khuyến công và Tư vấn phát triển công nghiệp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In ở đầu mọi phiếu và báo cáo</source>
        <translation>Printed at the top of every form and report</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Ngôn ngữ giao diện:</source>
        <translation>Interface &amp;language:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tên Trung tâm (in trên phiếu):</source>
        <translation>&amp;Centre name (printed on forms):</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Không lưu được cài đặt</source>
        <translation>Could not save the settings</translation>
    </message>
</context>
<context>
    <name>SupportPanel</name>
    <message>
        <location filename="../../kcfield/ui/needs/support_panel.py" line="+17"/>
        <source>Mức hỗ trợ theo quy định</source>
        <translation>Support allowed by the rules</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Đang tải quy định…</source>
        <translation>Loading the rules…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Không được hỗ trợ</source>
        <translation>Not eligible for support</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Được hỗ trợ tối đa: {amount}</source>
        <translation>Maximum support: {amount}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Căn cứ: {basis}</source>
        <translation>Basis: {basis}</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../kcfield/ui/sync/page.py" line="+57"/>
        <source>Gửi và nhận dữ liệu với Trung tâm</source>
        <translation>Send and receive data with the centre</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loại hồ sơ</source>
        <translation>Record type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chờ gửi</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Gói số</source>
        <translation>Package</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ngày tạo</source>
        <translation>Created</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Số bản ghi</source>
        <translation>Records</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Biên nhận của Trung tâm</source>
        <translation>Centre&apos;s receipt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Xuất gói ra thư mục…</source>
        <translation>&amp;Export package to a folder…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ghi mọi thay đổi chưa gửi thành một gói có chữ ký, vào thư mục bạn chọn (ví dụ USB)</source>
        <translation>Write every unsent change into one signed package, in the folder you choose (e.g. a USB stick)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Nhập gói của Trung tâm…</source>
        <translation>&amp;Import the centre&apos;s packages…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Biên nhận, gói danh mục, hoặc gói chào mừng khi mới đăng ký</source>
        <translation>Receipts, reference packages, or the welcome package after enrolment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chép lại các gói chưa có biên nhận…</source>
        <translation>Copy unacknowledged packages again…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tạo yêu cầu đăng ký…</source>
        <translation>Make an enrolment request…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tệp gửi cho Trung tâm để đăng ký khoá của máy này</source>
        <translation>A file for the centre to enrol this laptop&apos;s key</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Thay đổi chờ gửi</source>
        <translation>Changes waiting to be sent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Các gói đã gửi</source>
        <translation>Packages sent</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Trung tâm đã được tin cậy — dấu vân tay khoá Trung tâm: {centre}</source>
        <translation>The centre is trusted — centre key fingerprint: {centre}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Máy này chưa nhận Trung tâm: tạo yêu cầu đăng ký, gửi cho Trung tâm, rồi nhập gói chào mừng.</source>
        <translation>This laptop has no centre yet: make an enrolment request, send it to the centre, then import the welcome package.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dấu vân tay khoá của máy này: {mine}</source>
        <translation>This laptop&apos;s key fingerprint: {mine}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>chưa có — giữ gói này đến khi có biên nhận</source>
        <translation>none yet — keep this package until a receipt comes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>đã nhận</source>
        <translation>accepted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} gộp</source>
        <translation>{count} merged</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} xung đột chờ Trung tâm giải quyết</source>
        <translation>{count} conflicts waiting for the centre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} bị từ chối</source>
        <translation>{count} refused</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chọn thư mục để ghi gói (ví dụ USB)</source>
        <translation>Choose the folder to write the package to (e.g. a USB stick)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Đang ghi gói…</source>
        <translation>Writing the package…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Không có thay đổi nào chờ gửi.</source>
        <translation>No change is waiting to be sent.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đã ghi gói số {sequence} ({records} bản ghi) vào {path}</source>
        <translation>Wrote package {sequence} ({records} records) to {path}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Chọn gói của Trung tâm</source>
        <translation>Choose the centre&apos;s packages</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gói kcfield (*.kcpkg)</source>
        <translation>kcfield packages (*.kcpkg)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Đang nhập gói…</source>
        <translation>Importing packages…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>biên nhận</source>
        <translation>receipt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>gói danh mục</source>
        <translation>reference package</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Máy này từ nay tin cậy khoá Trung tâm có dấu vân tay {fingerprint}. Hãy đọc so với Trung tâm.</source>
        <translation>This laptop now trusts the centre key with fingerprint {fingerprint}. Read it aloud against the centre&apos;s.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Chọn thư mục để chép lại các gói</source>
        <translation>Choose the folder to copy the packages to</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Đã chép {count} gói chưa có biên nhận vào {folder}</source>
        <translation>Copied {count} unacknowledged packages to {folder}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đang chép gói…</source>
        <translation>Copying packages…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lưu yêu cầu đăng ký</source>
        <translation>Save the enrolment request</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Yêu cầu đăng ký (*.json)</source>
        <translation>Enrolment requests (*.json)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Đã ghi yêu cầu đăng ký vào {path}. Đọc dấu vân tay cho Trung tâm: {fingerprint}</source>
        <translation>Wrote the enrolment request to {path}. Read the fingerprint to the centre: {fingerprint}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đang ghi yêu cầu…</source>
        <translation>Writing the request…</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Không thực hiện được</source>
        <translation>Could not do it</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hồ sơ cơ sở</source>
        <translation>Establishment profiles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lượt khảo sát</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhu cầu thiết bị</source>
        <translation>Equipment needs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đánh giá SXSH</source>
        <translation>CP assessments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ảnh, tài liệu đính kèm</source>
        <translation>Photos and documents</translation>
    </message>
    <message>
        <location line="-335"/>
        <source>https://địa-chỉ-trung-tâm</source>
        <translation>https://centre-address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa chỉ máy chủ của Trung tâm, do Trung tâm cung cấp</source>
        <translation>The centre&apos;s server address, given by the centre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gửi mọi thay đổi chưa gửi, nhận biên nhận và dữ liệu mới của Trung tâm qua mạng</source>
        <translation>Send every unsent change, receive the receipts and the centre&apos;s new data over the network</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Địa chỉ Trung tâm:</source>
        <translation>Centre address:</translation>
    </message>
</context>
<context>
    <name>UndoBanner</name>
    <message>
        <location filename="../../kcfield/ui/registry/deletion.py" line="-111"/>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khôi phục cơ sở vừa xoá</source>
        <translation>Restore the establishment just deleted</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đóng thông báo</source>
        <translation>Close this notice</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Đã xoá «{name}».</source>
        <translation>Deleted &quot;{name}&quot;.</translation>
    </message>
</context>
<context>
    <name>UnlockKeyDialog</name>
    <message>
        <location filename="../../kcfield/ui/key_passphrase.py" line="-52"/>
        <source>Mở khoá riêng</source>
        <translation>Open the private key</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Khoá riêng của bạn được bảo vệ bằng mật khẩu. Nhập mật khẩu để ký, xuất và nhập gói trong lần làm việc này.</source>
        <translation>Your private key is protected by a passphrase. Enter it to sign, export and import packages in this session.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Mật khẩu khoá:</source>
        <translation>Key &amp;passphrase:</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <location filename="../../kcfield/ui/visits/editor.py" line="+126"/>
        <source>Phiếu khảo sát</source>
        <translation>Visit form</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ảnh và tài liệu</source>
        <translation>Photos and documents</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Chưa lưu được — cần sửa: {boxes}</source>
        <translation>Not saved yet — please correct: {boxes}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Đang lưu phiếu khảo sát…</source>
        <translation>Saving the visit form…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hoàn tất phiếu</source>
        <translation>Finalise form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sau khi hoàn tất, phiếu bị khoá; muốn sửa phải tạo bản điều chỉnh.
Hoàn tất phiếu này?</source>
        <translation>Once finalised, the form is locked; to change it you must create an amendment.
Finalise this form?</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Đang hoàn tất phiếu…</source>
        <translation>Finalising the form…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Lượt khảo sát {name}</source>
        <translation>Visit: {name}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Đóng phiếu khảo sát</source>
        <translation>Close visit form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phiếu khảo sát có thay đổi chưa lưu.
Bạn có muốn lưu trước khi đóng không?</source>
        <translation>The visit form has unsaved changes.
Do you want to save before closing?</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Đã hoàn tất phiếu.</source>
        <translation>Form finalised.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Đã lưu.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Không lưu được: {error}</source>
        <translation>Could not save: {error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Không ghi được bản nháp tự động: {error}</source>
        <translation>Could not write the automatic draft: {error}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Lưu phiếu trước, rồi thêm ảnh và tài liệu</source>
        <translation>Save the form first, then add photos and documents</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Phiếu đã hoàn tất ngày {day} — chỉ xem</source>
        <translation>Form finalised on {day} — read only</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bản điều chỉnh của một phiếu đã hoàn tất; phiếu gốc được giữ nguyên.</source>
        <translation>Amendment of a final form; the original form is kept unchanged.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Lượt khảo sát mới</source>
        <translation>New visit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lượt khảo sát (đã hoàn tất)</source>
        <translation>Visit (final)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lượt khảo sát (nháp)</source>
        <translation>Visit (draft)</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../kcfield/ui/visits/form.py" line="+69"/>
        <source>giờ:phút, ví dụ 8:30</source>
        <extracomment>The row that shows a problem about a field (position problems all sit under the coordinates box).</extracomment>
        <translation>hh:mm, e.g. 8:30</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Người trả lời đồng ý cung cấp thông tin và cho chụp ảnh</source>
        <translation>The respondent agrees to give information and to have photos taken</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Ngày khảo sát</source>
        <translation>Visit &amp;date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Giờ &amp;bắt đầu</source>
        <translation>&amp;Start time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Giờ &amp;kết thúc</source>
        <translation>&amp;End time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mục đích</source>
        <translation>&amp;Purpose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người trả lời</source>
        <translation>Respondent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chức vụ</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Vị trí (toạ độ)</source>
        <translation>&amp;Location (coordinates)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ghi nhận tại cơ sở</source>
        <translation>Observations at the establishment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khuyến nghị</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Việc tiếp theo</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Giờ “{text}” không đọc được; viết giờ:phút, ví dụ 8:30.</source>
        <translation>Time &quot;{text}&quot; could not be read; write hh:mm, e.g. 8:30.</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <location filename="../../kcfield/ui/visits/page.py" line="+56"/>
        <location line="+101"/>
        <source>Các lượt khảo sát</source>
        <translation>Survey visits</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>Xem tất cả cơ sở</source>
        <translation>Show all establishments</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Thêm lượt khảo sát</source>
        <translation>New visit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In phiếu…</source>
        <translation>Print form…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In phiếu khảo sát đã điền của lượt đang chọn, để cơ sở ký (Ctrl+P)</source>
        <translation>Print the filled survey form of the selected visit, for the establishment to sign (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chưa có lượt khảo sát nào.</source>
        <translation>No visits yet.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Chọn một lượt khảo sát để in phiếu.</source>
        <translation>Select a visit to print its form.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Các lượt khảo sát của {name}</source>
        <translation>Visits to {name}</translation>
    </message>
</context>
<context>
    <name>_DemoPage</name>
    <message>
        <location filename="../../kcfield/ui/first_run.py" line="-179"/>
        <source>Dữ liệu mẫu</source>
        <translation>Sample data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Có thể nạp một bộ cơ sở giả lập để tập sử dụng trước khi đi khảo sát thật.</source>
        <translation>You can load a set of made-up establishments to practise with before the real survey.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Nạp dữ liệu mẫu để làm quen</source>
        <translation>&amp;Load sample data to get to know the app</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Dữ liệu mẫu là các cơ sở không có thật ở vùng Bà Rịa – Vũng Tàu cũ. Muốn bỏ dữ liệu mẫu, hãy dùng một thư mục dữ liệu mới.</source>
        <translation>The sample data are made-up establishments in the former Bà Rịa – Vũng Tàu province. To get rid of the sample data, use a new data folder.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Số cơ sở mẫu:</source>
        <translation>Number of sample establishments:</translation>
    </message>
</context>
<context>
    <name>_FinishPage</name>
    <message>
        <location line="+14"/>
        <source>Kiểm tra lại thông tin</source>
        <translation>Check your details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bấm Hoàn tất để lưu. Bạn có thể sửa lại các thông tin này sau.</source>
        <translation>Click Finish to save. You can change these details later.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(chưa nhập)</source>
        <translation>(not entered)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mã cộng tác viên: %1</source>
        <translation>Collaborator code: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Họ và tên: %1</source>
        <translation>Full name: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số điện thoại: %1</source>
        <translation>Phone number: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tỉnh/thành phố: %1</source>
        <translation>Province/city: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xã/phường được giao (%1): %2</source>
        <translation>Assigned communes/wards (%1): %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(chưa chọn)</source>
        <translation>(none chosen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sau khi lưu sẽ nạp %1 cơ sở mẫu.</source>
        <translation>After saving, %1 sample establishments will be loaded.</translation>
    </message>
</context>
<context>
    <name>_ProfilePage</name>
    <message>
        <location line="-244"/>
        <source>Thông tin cộng tác viên</source>
        <translation>Collaborator details</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nhập mã và họ tên do Trung tâm cấp. Các xã/phường được giao là nơi bạn sẽ đi khảo sát.</source>
        <translation>Enter your full name and the collaborator code issued by the Centre. The assigned communes/wards are where you will carry out surveys.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ví dụ: CTV001</source>
        <translation>Example: CTV001</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ví dụ: Nguyễn Thị Lan</source>
        <translation>Example: Nguyễn Thị Lan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ví dụ: 0912345678</source>
        <translation>Example: 0912345678</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Gõ tên xã/phường để lọc, có dấu hoặc không dấu</source>
        <translation>Type a commune/ward name to filter, with or without Vietnamese accents</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Mã cộng tác viên</source>
        <translation>Collaborator &amp;code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Họ và tên</source>
        <translation>Full na&amp;me</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Số điện thoại &amp;di động (không bắt buộc)</source>
        <translation>Mob&amp;ile phone number (optional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tỉnh/thành &amp;phố</source>
        <translation>&amp;Province/city</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Xã/phường được giao</source>
        <translation>&amp;Assigned communes/wards</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Dùng số %1</source>
        <translation>Use %1</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>Đã chọn %n xã/phường</source>
        <translation>
            <numerusform>%n commune/ward selected</numerusform>
            <numerusform>%n communes/wards selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_WelcomePage</name>
    <message>
        <location line="-205"/>
        <source>Chào mừng bạn đến với kcfield</source>
        <translation>Welcome to kcfield</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vài bước ngắn để chuẩn bị máy trước khi đi khảo sát.</source>
        <translation>A few short steps to get this computer ready before you go out surveying.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>kcfield giúp cộng tác viên khuyến công ghi lại thông tin các cơ sở công nghiệp nông thôn.

• Lập và cập nhật hồ sơ cơ sở, ghi kết quả từng lần khảo sát.
• Ghi nhu cầu hỗ trợ máy móc, thiết bị và đánh giá sản xuất sạch hơn.
• In phiếu khảo sát để cơ sở ký xác nhận.

Mọi dữ liệu được lưu ngay trên máy tính này, không cần mạng. Dữ liệu chỉ rời khỏi máy khi bạn gửi cho Trung tâm Khuyến công.</source>
        <translation>kcfield helps industrial extension collaborators record information about rural industrial establishments.

• Create and update establishment records, and record the results of each survey visit.
• Record needs for machinery and equipment support, and cleaner production assessments.
• Print survey forms for establishments to sign.

All data is saved on this computer straight away; no network is needed. Data leaves the computer only when you send it to the Industrial Extension Centre.</translation>
    </message>
</context>
</TS>
