// Validation of staff import rows. Pure: the caller supplies everything that
// depends on the outside world (known units, emails already in the database,
// today's date in Asia/Ho_Chi_Minh) so the rules are testable in isolation.

export type ColumnKey =
  | "employeeCode" | "fullName" | "unitCode" | "position" | "workStartedOn"
  | "email" | "phone" | "status";

export type StaffRow = {
  line: number; employeeCode: string; fullName: string; unitCode: string; position: string;
  workStartedOn: string; // YYYY-MM-DD
  email: string | null; phone: string | null;
  status: "ACTIVE" | "LEFT";
};

export type ProblemCode =
  | "MISSING_COLUMN" | "MISSING_VALUE" | "DUPLICATE_CODE_IN_FILE" | "DUPLICATE_EMAIL_IN_FILE"
  | "EMAIL_TAKEN" | "UNKNOWN_UNIT" | "BAD_DATE" | "FUTURE_DATE" | "BAD_EMAIL" | "BAD_PHONE"
  | "BAD_STATUS" | "BAD_CODE" | "TOO_LONG" | "EMPTY_FILE" | "TOO_MANY_ROWS";

/** `field` is a ColumnKey (or null for file-level problems). `value` is the
 * offending cell, except for TOO_LONG / TOO_MANY_ROWS where it is the limit. */
export type RowProblem = { line: number; field: string | null; code: ProblemCode; value?: string };

type Input = { header: string[]; rows: { line: number; cells: string[] }[] };
type Ctx = { unitCodes: Set<string>; emailOwners: Map<string, string>; today: string; maxRows?: number };

export const PROBLEM_MESSAGES: Record<ProblemCode, { vi: string; en: string }> = {
  MISSING_COLUMN: { vi: "Tệp thiếu cột bắt buộc: {field}.", en: "The file is missing the required column: {field}." },
  MISSING_VALUE: { vi: "Chưa nhập {field}.", en: "{field} is required." },
  DUPLICATE_CODE_IN_FILE: { vi: "Mã nhân viên {value} bị lặp lại ở một dòng phía trên trong tệp.", en: "Employee code {value} already appears on an earlier line of the file." },
  DUPLICATE_EMAIL_IN_FILE: { vi: "Email {value} bị lặp lại ở một dòng phía trên trong tệp.", en: "Email {value} already appears on an earlier line of the file." },
  EMAIL_TAKEN: { vi: "Email {value} đã được dùng cho một nhân viên khác.", en: "Email {value} already belongs to another staff member." },
  UNKNOWN_UNIT: { vi: "Không có đơn vị nào có mã {value}.", en: "There is no unit with code {value}." },
  BAD_DATE: { vi: "{field} không hợp lệ: “{value}”. Hãy nhập ngày có thật theo dạng dd/mm/yyyy hoặc yyyy-mm-dd.", en: "{field} is not a valid date: “{value}”. Use a real date written as dd/mm/yyyy or yyyy-mm-dd." },
  FUTURE_DATE: { vi: "{field} không được sau ngày hôm nay: {value}.", en: "{field} cannot be later than today: {value}." },
  BAD_EMAIL: { vi: "Email không hợp lệ: “{value}”.", en: "Invalid email address: “{value}”." },
  BAD_PHONE: { vi: "Số điện thoại không hợp lệ: “{value}”. Số điện thoại phải có từ 8 đến 15 chữ số.", en: "Invalid phone number: “{value}”. It must contain 8 to 15 digits." },
  BAD_STATUS: { vi: "Trạng thái không hợp lệ: “{value}”. Chỉ dùng “Đang làm việc” hoặc “Đã nghỉ”.", en: "Invalid status: “{value}”. Use “active” or “left”." },
  BAD_CODE: { vi: "Mã nhân viên không hợp lệ: “{value}”. Mã dài 2–32 ký tự, chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, và bắt đầu bằng chữ hoặc số.", en: "Invalid employee code: “{value}”. Use 2–32 characters: letters A–Z, digits, dot, hyphen or underscore, starting with a letter or digit." },
  TOO_LONG: { vi: "{field} quá dài (tối đa {value} ký tự).", en: "{field} is too long (at most {value} characters)." },
  EMPTY_FILE: { vi: "Tệp không có dòng dữ liệu nào.", en: "The file contains no data rows." },
  TOO_MANY_ROWS: { vi: "Tệp có quá nhiều dòng: mỗi lần chỉ được nhập tối đa {value} dòng.", en: "The file has too many rows: at most {value} rows can be imported at once." },
};

/** Labels to substitute for {field}, matching the Vietnamese template headers. */
export const COLUMN_LABELS: Record<ColumnKey, { vi: string; en: string }> = {
  employeeCode: { vi: "Mã nhân viên", en: "Employee code" }, fullName: { vi: "Họ và tên", en: "Full name" },
  unitCode: { vi: "Mã đơn vị", en: "Unit code" }, position: { vi: "Chức vụ", en: "Position" },
  workStartedOn: { vi: "Ngày bắt đầu công tác", en: "Work start date" }, email: { vi: "Email", en: "Email" },
  phone: { vi: "Điện thoại", en: "Phone" },
  status: { vi: "Trạng thái", en: "Status" },
};

export function formatProblem(p: RowProblem, lang: "vi" | "en"): string {
  const label = p.field && p.field in COLUMN_LABELS ? COLUMN_LABELS[p.field as ColumnKey][lang] : (p.field ?? "");
  return PROBLEM_MESSAGES[p.code][lang].replaceAll("{field}", label).replaceAll("{value}", p.value ?? "");
}

/** Lower-case, no diacritics (đ included: NFD does not decompose it), no spaces/underscores. */
function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/[\s_]+/g, "");
}

const HEADER_ALIASES: Record<ColumnKey, string[]> = {
  employeeCode: ["employee_code", "Mã nhân viên"], fullName: ["full_name", "Họ và tên", "Họ tên"],
  unitCode: ["unit_code", "Mã đơn vị"], position: ["position", "Chức vụ"],
  workStartedOn: ["work_started_on", "Ngày bắt đầu công tác"], email: ["email"],
  phone: ["phone", "Điện thoại", "Số điện thoại"],
  status: ["status", "Trạng thái"],
};
// Columns the import no longer reads: the commitment is signed in the app or
// recorded on paper with a scan (decision 044), never typed as a date.
const RETIRED_HEADERS = ["commitment_signed_on", "Ngày ký cam kết"].map(fold);

/** The file's headers (as written) of columns the import ignores, for the result page to say so. */
export function retiredColumnsOf(header: string[]): string[] {
  return header.map((h) => h.trim()).filter((h) => RETIRED_HEADERS.includes(fold(h)));
}
const ALIAS_TO_KEY = new Map<string, ColumnKey>(
  Object.entries(HEADER_ALIASES).flatMap(([key, names]) => names.map((n) => [fold(n), key as ColumnKey] as const)),
);
const REQUIRED: ColumnKey[] = ["employeeCode", "fullName", "unitCode", "position", "workStartedOn"];

/** Column index per key; -1 when absent. Unknown columns are ignored; if a column
 * appears twice the first one wins. */
export function mapHeader(header: string[]): { columns: Record<ColumnKey, number>; problems: RowProblem[] } {
  const columns = Object.fromEntries(Object.keys(HEADER_ALIASES).map((k) => [k, -1])) as Record<ColumnKey, number>;
  header.forEach((name, i) => {
    const key = ALIAS_TO_KEY.get(fold(name.trim()));
    if (key && columns[key] === -1) columns[key] = i;
  });
  const problems = REQUIRED.filter((k) => columns[k] === -1)
    .map((k): RowProblem => ({ line: 1, field: k, code: "MISSING_COLUMN" }));
  return { columns, problems };
}

/** "dd/mm/yyyy", "d/m/yyyy" or "yyyy-mm-dd" → "YYYY-MM-DD" if it is a real date. */
function parseDate(s: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s) ?? /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = s.includes("/") ? [+m[3], +m[2], +m[1]] : [+m[1], +m[2], +m[3]];
  // Years before 1900 are typos (e.g. "0224"), not real start dates.
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null; // day 0 of next month = last day
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const STATUS_WORDS = new Map<string, StaffRow["status"]>([
  ["", "ACTIVE"], ["active", "ACTIVE"], ["danglamviec", "ACTIVE"],
  ["left", "LEFT"], ["danghi", "LEFT"], ["nghiviec", "LEFT"],
]);
const CODE_RE = /^[A-Z0-9][A-Z0-9._-]{1,31}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const MAX_TEXT = 120;
const MAX_EMAIL = 254; // RFC 5321 path limit
const ECHO_LIMIT = 100; // keeps problem payloads small when a cell holds junk

export function validateStaffRows(input: Input, ctx: Ctx): { ok: true; rows: StaffRow[] } | { ok: false; problems: RowProblem[] } {
  const maxRows = ctx.maxRows ?? 20000;
  if (input.header.every((h) => h.trim() === "")) {
    return { ok: false, problems: [{ line: 1, field: null, code: "EMPTY_FILE" }] };
  }
  const { columns, problems: headerProblems } = mapHeader(input.header);
  // Without the required columns every row would fail the same way: report the header only.
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };
  if (input.rows.length === 0) return { ok: false, problems: [{ line: 1, field: null, code: "EMPTY_FILE" }] };
  if (input.rows.length > maxRows) {
    return { ok: false, problems: [{ line: input.rows[maxRows].line, field: null, code: "TOO_MANY_ROWS", value: String(maxRows) }] };
  }

  const units = new Set([...ctx.unitCodes].map((u) => u.toUpperCase()));
  const codeLines = new Map<string, number>();
  const emailLines = new Map<string, number>();
  const problems: RowProblem[] = [];
  const rows: StaffRow[] = [];

  for (const { line, cells } of input.rows) {
    const get = (k: ColumnKey) => (columns[k] >= 0 ? (cells[columns[k]] ?? "") : "").trim().normalize("NFC");
    const report = (field: ColumnKey, code: ProblemCode, value?: string) =>
      problems.push({ line, field, code, ...(value === undefined ? {} : { value: value.slice(0, ECHO_LIMIT) }) });
    const required = (k: ColumnKey, v: string) => (v === "" ? (report(k, "MISSING_VALUE"), false) : true);
    const text = (k: ColumnKey) => {
      const v = get(k).replace(/\s+/g, " ");
      if (required(k, v) && [...v].length > MAX_TEXT) report(k, "TOO_LONG", String(MAX_TEXT));
      return v;
    };
    const date = (k: ColumnKey, raw: string) => {
      const d = parseDate(raw);
      if (!d) report(k, "BAD_DATE", raw);
      else if (d > ctx.today) report(k, "FUTURE_DATE", raw); // ISO strings compare chronologically
      return d;
    };

    const employeeCode = get("employeeCode").toUpperCase();
    if (required("employeeCode", employeeCode)) {
      if (!CODE_RE.test(employeeCode)) report("employeeCode", "BAD_CODE", employeeCode);
      else if (codeLines.has(employeeCode)) report("employeeCode", "DUPLICATE_CODE_IN_FILE", employeeCode);
      else codeLines.set(employeeCode, line);
    }
    const fullName = text("fullName");
    const unitCode = get("unitCode").toUpperCase();
    if (required("unitCode", unitCode) && !units.has(unitCode)) report("unitCode", "UNKNOWN_UNIT", unitCode);
    const position = text("position");
    const startRaw = get("workStartedOn");
    const workStartedOn = required("workStartedOn", startRaw) ? date("workStartedOn", startRaw) : null;

    const email = get("email").toLowerCase() || null;
    if (email !== null) {
      if (email.length > MAX_EMAIL) report("email", "TOO_LONG", String(MAX_EMAIL));
      else if (!EMAIL_RE.test(email)) report("email", "BAD_EMAIL", email);
      else if (emailLines.has(email)) report("email", "DUPLICATE_EMAIL_IN_FILE", email);
      else {
        emailLines.set(email, line);
        const owner = ctx.emailOwners.get(email);
        if (owner !== undefined && owner.toUpperCase() !== employeeCode) report("email", "EMAIL_TAKEN", email);
      }
    }

    const phoneRaw = get("phone");
    let phone: string | null = null;
    if (phoneRaw !== "") {
      const digits = phoneRaw.replace(/\D/g, "").length;
      if (!/^\+?[\d .-]+$/.test(phoneRaw) || digits < 8 || digits > 15) report("phone", "BAD_PHONE", phoneRaw);
      else phone = phoneRaw.replace(/[ .]/g, "");
    }

    const statusRaw = get("status");
    const status = STATUS_WORDS.get(fold(statusRaw));
    if (!status) report("status", "BAD_STATUS", statusRaw);

    if (workStartedOn && status) {
      rows.push({ line, employeeCode, fullName, unitCode, position, workStartedOn, email, phone, status });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
