// Strings of the staff import page.
export const importPage = {
  vi: {
    "import.title": "Nhập danh sách nhân sự",
    "import.intro":
      "Tải lên tệp danh sách nhân sự để thêm người mới và cập nhật người đã có (theo mã nhân viên). Tệp chỉ được nhập khi không có lỗi nào: nếu có lỗi, không dòng nào được ghi và mọi lỗi được liệt kê để bạn sửa.",
    "import.formatsTitle": "Định dạng tệp",
    "import.formatCsv":
      "CSV mã hóa UTF-8 (có hoặc không có BOM), phân tách bằng dấu chấm phẩy (;) hoặc dấu phẩy (,). Trong Excel, chọn Lưu thành → “CSV UTF-8”.",
    "import.formatXlsx": "Tệp Excel .xlsx: chỉ đọc trang tính đầu tiên.",
    "import.formatHeader":
      "Dòng đầu tiên là tên cột (tiếng Việt hoặc tiếng Anh, không phân biệt hoa thường và dấu); thứ tự cột tùy ý; cột không có trong bảng dưới đây được bỏ qua.",
    "import.formatLimits": "Tối đa {rows} dòng và {mb} MB mỗi lần nhập.",
    "import.formatDate": "Ngày ghi theo dạng dd/mm/yyyy (ví dụ 05/09/2024) hoặc yyyy-mm-dd, không được sau ngày hôm nay.",
    "import.formatStatus": "Trạng thái: “Đang làm việc” (hoặc để trống) hay “Đã nghỉ”. Người đã nghỉ sẽ bị đăng xuất khỏi mọi thiết bị.",
    "import.formatPhone": "Điện thoại: 8–15 chữ số. Khi sửa tệp bằng Excel, hãy định dạng cột là Văn bản để không mất số 0 ở đầu.",
    "import.formatMissing":
      "Nếu tệp không có một cột không bắt buộc (Email, Điện thoại, Trạng thái), giá trị đang lưu của cột đó được giữ nguyên. Nếu có cột mà ô để trống, giá trị đó sẽ bị xóa.",
    "import.formatCommitment":
      "Không nhập ngày ký cam kết bảo vệ bí mật nhà nước từ tệp: mỗi người tự ký trong ứng dụng, hoặc quản trị viên ghi nhận bản ký giấy kèm bản quét trên trang của người đó. Cột “Ngày ký cam kết” (nếu có) được bỏ qua.",
    "import.commitmentColumnIgnored":
      "Đã bỏ qua cột {columns}: ngày ký cam kết không còn được nhập từ tệp. Mỗi người ký cam kết trong ứng dụng, hoặc quản trị viên ghi nhận bản ký giấy kèm bản quét trên trang của người đó.",
    "import.columnsTitle": "Các cột",
    "import.colVi": "Tên cột (tiếng Việt)",
    "import.colEn": "Tên cột (tiếng Anh)",
    "import.colRequired": "Bắt buộc",
    "import.yes": "Có",
    "import.no": "Không",
    "import.template": "Tải tệp mẫu (CSV)",
    "import.templateHint": "Tệp mẫu có sẵn dòng tiêu đề và hai dòng ví dụ; hãy xóa hai dòng ví dụ trước khi nhập.",
    "import.file": "Tệp danh sách (.csv hoặc .xlsx)",
    "import.fileHint": "Tối đa {mb} MB.",
    "import.submit": "Tải lên và nhập",
    "import.submitting": "Đang nhập…",
    "import.progress": "Đang tải lên và kiểm tra tệp…",
    "import.chosen": "Tệp đã chọn: {name} ({size})",
    "import.success":
      "Đã nhập xong tệp “{file}”: {total} dòng — {created} người mới, {updated} người được cập nhật, {unchanged} người không thay đổi.",
    "import.failed": "Không nhập dòng nào: tệp có {count} lỗi",
    "import.failedHint":
      "Hãy sửa các lỗi dưới đây trong tệp “{file}” rồi tải lên lại. Số dòng là số dòng bạn thấy trong Excel hoặc trình soạn thảo.",
    "import.problemsCaption": "Danh sách lỗi",
    "import.line": "Dòng",
    "import.column": "Cột",
    "import.value": "Giá trị",
    "import.reason": "Lý do",
    "import.noFile": "Vui lòng chọn một tệp .csv hoặc .xlsx để tải lên.",
    "import.tooLarge": "Tệp quá lớn: tối đa {mb} MB. Hãy chia danh sách thành nhiều tệp nhỏ hơn.",
    "import.emptyUpload": "Tệp đã chọn rỗng (0 byte).",
  },
  en: {
    "import.title": "Import staff list",
    "import.intro":
      "Upload a staff list file to add new people and update existing ones (matched by employee code). A file is only imported when it has no problems at all: otherwise nothing is written and every problem is listed for you to fix.",
    "import.formatsTitle": "File format",
    "import.formatCsv":
      "CSV encoded as UTF-8 (with or without BOM), separated by semicolons (;) or commas (,). In Excel, use Save As → “CSV UTF-8”.",
    "import.formatXlsx": "Excel .xlsx file: only the first worksheet is read.",
    "import.formatHeader":
      "The first line holds the column names (Vietnamese or English, case and accents ignored); columns may be in any order; columns not listed below are ignored.",
    "import.formatLimits": "At most {rows} rows and {mb} MB per import.",
    "import.formatDate": "Dates are written dd/mm/yyyy (e.g. 05/09/2024) or yyyy-mm-dd, and cannot be later than today.",
    "import.formatStatus": "Status: “active” (or blank) or “left”. People who left are signed out on every device.",
    "import.formatPhone": "Phone: 8–15 digits. When editing in Excel, format the column as Text so leading zeros are kept.",
    "import.formatMissing":
      "If the file has no column for an optional field (Email, Phone, Status), the stored value is kept. If the column is there but a cell is blank, that value is cleared.",
    "import.formatCommitment":
      "Commitment dates are not imported: each person signs the commitment to protect state secrets in the app, or an admin records a paper signature with its scan on the person's page. A “Commitment signed on” column, if any, is ignored.",
    "import.commitmentColumnIgnored":
      "Column {columns} was ignored: commitment dates are no longer imported. Each person signs the commitment in the app, or an admin records a paper signature with its scan on the person's page.",
    "import.columnsTitle": "Columns",
    "import.colVi": "Column name (Vietnamese)",
    "import.colEn": "Column name (English)",
    "import.colRequired": "Required",
    "import.yes": "Yes",
    "import.no": "No",
    "import.template": "Download the template (CSV)",
    "import.templateHint": "The template has the header line and two example rows; delete the examples before importing.",
    "import.file": "Staff list file (.csv or .xlsx)",
    "import.fileHint": "At most {mb} MB.",
    "import.submit": "Upload and import",
    "import.submitting": "Importing…",
    "import.progress": "Uploading and checking the file…",
    "import.chosen": "Chosen file: {name} ({size})",
    "import.success": "Imported “{file}”: {total} rows — {created} new, {updated} updated, {unchanged} unchanged.",
    "import.failed": "Nothing was imported: the file has {count} problems",
    "import.failedHint":
      "Fix the problems below in “{file}” and upload it again. Line numbers are the ones you see in Excel or a text editor.",
    "import.problemsCaption": "Problems",
    "import.line": "Line",
    "import.column": "Column",
    "import.value": "Value",
    "import.reason": "Reason",
    "import.noFile": "Please choose a .csv or .xlsx file to upload.",
    "import.tooLarge": "The file is too large: at most {mb} MB. Split the list into smaller files.",
    "import.emptyUpload": "The chosen file is empty (0 bytes).",
  },
} as const;
