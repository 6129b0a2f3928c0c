// Strings of the staff import rules: column labels (also the headers of the
// template file) and one message per problem code. {field} is a column label,
// {value} the offending cell or the limit.
export const staffImport = {
  vi: {
    "import.column.employeeCode": "Mã nhân viên",
    "import.column.fullName": "Họ và tên",
    "import.column.unitCode": "Mã đơn vị",
    "import.column.position": "Chức vụ",
    "import.column.workStartedOn": "Ngày bắt đầu công tác",
    "import.column.email": "Email",
    "import.column.phone": "Điện thoại",
    "import.column.status": "Trạng thái",
    "import.problem.MISSING_COLUMN": "Tệp thiếu cột bắt buộc: {field}.",
    "import.problem.MISSING_VALUE": "Chưa nhập {field}.",
    "import.problem.DUPLICATE_CODE_IN_FILE": "Mã nhân viên {value} bị lặp lại ở một dòng phía trên trong tệp.",
    "import.problem.DUPLICATE_EMAIL_IN_FILE": "Email {value} bị lặp lại ở một dòng phía trên trong tệp.",
    "import.problem.EMAIL_TAKEN": "Email {value} đã được dùng cho một nhân viên khác.",
    "import.problem.UNKNOWN_UNIT": "Không có đơn vị nào có mã {value}.",
    "import.problem.BAD_DATE": "{field} không hợp lệ: “{value}”. Hãy nhập ngày có thật theo dạng dd/mm/yyyy hoặc yyyy-mm-dd.",
    "import.problem.FUTURE_DATE": "{field} không được sau ngày hôm nay: {value}.",
    "import.problem.BAD_EMAIL": "Email không hợp lệ: “{value}”.",
    "import.problem.BAD_PHONE": "Số điện thoại không hợp lệ: “{value}”. Số điện thoại phải có từ 8 đến 15 chữ số.",
    "import.problem.BAD_STATUS": "Trạng thái không hợp lệ: “{value}”. Chỉ dùng “Đang làm việc” hoặc “Đã nghỉ”.",
    "import.problem.BAD_CODE":
      "Mã nhân viên không hợp lệ: “{value}”. Mã dài 2–32 ký tự, chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, và bắt đầu bằng chữ hoặc số.",
    "import.problem.TOO_LONG": "{field} quá dài (tối đa {value} ký tự).",
    "import.problem.EMPTY_FILE": "Tệp không có dòng dữ liệu nào.",
    "import.problem.TOO_MANY_ROWS": "Tệp có quá nhiều dòng: mỗi lần chỉ được nhập tối đa {value} dòng.",
    "import.problem.UNKNOWN_POSITION":
      "Không có vị trí công tác nào có mã hoặc tên “{value}”. Hãy dùng mã (ví dụ VAN_THU) hoặc tên trong danh mục Vị trí công tác.",
    "import.problem.OUT_OF_SCOPE":
      "Mã nhân viên {value} đã thuộc một đơn vị ngoài phạm vi quản lý của bạn, nên không thể cập nhật từ tệp này.",
    "import.problem.NOT_UTF8":
      "Tệp CSV không được lưu bằng mã UTF-8. Trong Excel, chọn Lưu thành → “CSV UTF-8 (phân tách bằng dấu phẩy)” rồi tải lên lại.",
    "import.problem.UNSUPPORTED_FILE": "Chỉ nhận tệp .csv hoặc .xlsx.",
    "import.problem.UNREADABLE_FILE": "Không đọc được tệp Excel: tệp bị hỏng hoặc không phải tệp .xlsx thật.",
    "import.problem.CSV_UNCLOSED_QUOTE": 'Dấu ngoặc kép (") mở ở dòng này không được đóng lại, nên không đọc được phần còn lại của tệp.',
    "import.problem.CELL_TOO_LONG":
      "Một ô ở dòng này dài hơn {value} ký tự (giới hạn của chính Excel), nên tệp không được đọc tiếp. Không có dòng nào được nhập.",
    "import.problem.XLSX_TOO_MANY_PARTS":
      "Tệp Excel có quá nhiều thành phần bên trong (tối đa {value}). Không có dòng nào được nhập. Hãy chép danh sách sang một tệp Excel mới chỉ có một trang tính, hoặc lưu thành “CSV UTF-8”, rồi tải lên lại.",
    "import.problem.XLSX_TOO_LARGE":
      "Tệp Excel khi giải nén quá lớn (tối đa {value}). Không có dòng nào được nhập. Hãy xoá các trang tính, hình ảnh và ô không cần thiết, hoặc lưu thành “CSV UTF-8”, rồi tải lên lại.",
    "import.problem.XLSX_OVERCOMPRESSED":
      "Tệp Excel bị nén bất thường (nội dung giải nén lớn hơn {value} lần tệp nén), nên hệ thống không mở tệp. Không có dòng nào được nhập. Hãy lưu lại danh sách bằng Excel, hoặc lưu thành “CSV UTF-8”, rồi tải lên lại.",
    "import.problem.CONCURRENT_CHANGE":
      "Dữ liệu nhân sự vừa bị thay đổi trong lúc nhập (email hoặc mã nhân viên trùng). Không có dòng nào được nhập; vui lòng tải tệp lên lại.",
  },
  en: {
    "import.column.employeeCode": "Employee code",
    "import.column.fullName": "Full name",
    "import.column.unitCode": "Unit code",
    "import.column.position": "Position",
    "import.column.workStartedOn": "Work start date",
    "import.column.email": "Email",
    "import.column.phone": "Phone",
    "import.column.status": "Status",
    "import.problem.MISSING_COLUMN": "The file is missing the required column: {field}.",
    "import.problem.MISSING_VALUE": "{field} is required.",
    "import.problem.DUPLICATE_CODE_IN_FILE": "Employee code {value} already appears on an earlier line of the file.",
    "import.problem.DUPLICATE_EMAIL_IN_FILE": "Email {value} already appears on an earlier line of the file.",
    "import.problem.EMAIL_TAKEN": "Email {value} already belongs to another staff member.",
    "import.problem.UNKNOWN_UNIT": "There is no unit with code {value}.",
    "import.problem.BAD_DATE": "{field} is not a valid date: “{value}”. Use a real date written as dd/mm/yyyy or yyyy-mm-dd.",
    "import.problem.FUTURE_DATE": "{field} cannot be later than today: {value}.",
    "import.problem.BAD_EMAIL": "Invalid email address: “{value}”.",
    "import.problem.BAD_PHONE": "Invalid phone number: “{value}”. It must contain 8 to 15 digits.",
    "import.problem.BAD_STATUS": "Invalid status: “{value}”. Use “active” or “left”.",
    "import.problem.BAD_CODE":
      "Invalid employee code: “{value}”. Use 2–32 characters: letters A–Z, digits, dot, hyphen or underscore, starting with a letter or digit.",
    "import.problem.TOO_LONG": "{field} is too long (at most {value} characters).",
    "import.problem.EMPTY_FILE": "The file contains no data rows.",
    "import.problem.TOO_MANY_ROWS": "The file has too many rows: at most {value} rows can be imported at once.",
    "import.problem.UNKNOWN_POSITION":
      "No position has the code or name “{value}”. Use a code (e.g. VAN_THU) or a name from the Positions catalogue.",
    "import.problem.OUT_OF_SCOPE": "Employee code {value} belongs to a unit outside your scope, so it cannot be updated from this file.",
    "import.problem.NOT_UTF8":
      "The CSV file is not saved as UTF-8. In Excel, use Save As → “CSV UTF-8 (Comma delimited)” and upload it again.",
    "import.problem.UNSUPPORTED_FILE": "Only .csv and .xlsx files are accepted.",
    "import.problem.UNREADABLE_FILE": "The Excel file cannot be read: it is damaged or not a real .xlsx file.",
    "import.problem.CSV_UNCLOSED_QUOTE": 'A double quote (") opened on this line is never closed, so the rest of the file cannot be read.',
    "import.problem.CELL_TOO_LONG":
      "A cell on this line holds more than {value} characters (Excel's own limit), so the file is not read further. Nothing was imported.",
    "import.problem.XLSX_TOO_MANY_PARTS":
      "The Excel file holds too many parts (at most {value}). Nothing was imported. Copy the list into a new workbook with one sheet, or save it as “CSV UTF-8”, and upload it again.",
    "import.problem.XLSX_TOO_LARGE":
      "Unpacked, the Excel file is too large (at most {value}). Nothing was imported. Remove unneeded sheets, pictures and cells, or save it as “CSV UTF-8”, and upload it again.",
    "import.problem.XLSX_OVERCOMPRESSED":
      "The Excel file is compressed abnormally (its content unpacks to more than {value} times its packed size), so it is not opened. Nothing was imported. Save the list again from Excel, or as “CSV UTF-8”, and upload it again.",
    "import.problem.CONCURRENT_CHANGE":
      "Staff data changed while importing (a duplicate email or employee code). Nothing was imported; please upload the file again.",
  },
} as const;
