import { isDay } from "~/domain/time/calendar.ts";
// Validation of staff import rows. Pure: the caller supplies everything that
// depends on the outside world (known units, emails already in the database,
// today's date in Asia/Ho_Chi_Minh) so the rules are testable in isolation.
import { ok, refused, type Result } from "../result.ts";
import { foldDiacritics } from "~/domain/fold.ts";

export type ColumnKey = "employeeCode" | "fullName" | "unitCode" | "position" | "workStartedOn" | "email" | "phone" | "status";

export type StaffRow = {
  line: number;
  employeeCode: string;
  fullName: string;
  unitCode: string;
  position: string;
  workStartedOn: string; // YYYY-MM-DD
  email: string | null;
  phone: string | null;
  status: "ACTIVE" | "LEFT";
};

// Problems are codes; their words (app/i18n/staff-import.ts, "import.problem.<code>")
// are filled in by the service for the reader's language.
export const PROBLEM_CODES = [
  "MISSING_COLUMN",
  "MISSING_VALUE",
  "DUPLICATE_CODE_IN_FILE",
  "DUPLICATE_EMAIL_IN_FILE",
  "EMAIL_TAKEN",
  "UNKNOWN_UNIT",
  "BAD_DATE",
  "FUTURE_DATE",
  "BAD_EMAIL",
  "BAD_PHONE",
  "BAD_STATUS",
  "BAD_CODE",
  "TOO_LONG",
  "EMPTY_FILE",
  "TOO_MANY_ROWS",
  "UNKNOWN_POSITION",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Every column, in the order of the import template. */
export const COLUMN_KEYS: readonly ColumnKey[] = [
  "employeeCode",
  "fullName",
  "unitCode",
  "position",
  "workStartedOn",
  "email",
  "phone",
  "status",
];

/** `field` is a ColumnKey (or null for file-level problems). `value` is the
 * offending cell, except for TOO_LONG / TOO_MANY_ROWS where it is the limit. */
export type RowProblem = { line: number; field: string | null; code: ProblemCode; value?: string };

type Input = { header: string[]; rows: { line: number; cells: string[] }[] };
/** `positions`: the catalogue, folded code and folded name (see positionKey) → code. Given, a row's position must be in it and becomes its code. */
type Ctx = {
  unitCodes: Set<string>;
  emailOwners: Map<string, string>;
  today: string;
  maxRows?: number;
  positions?: ReadonlyMap<string, string>;
};

/** How a position's code or name is matched: case, diacritics, spaces and underscores ignored. */
export function positionKey(s: string): string {
  return fold(s);
}

/** Lower-case, no diacritics (đ included: NFD does not decompose it), no spaces/underscores. */
function fold(s: string): string {
  return foldDiacritics(s).replace(/[\s_]+/g, "");
}

const HEADER_ALIASES: Record<ColumnKey, string[]> = {
  employeeCode: ["employee_code", "Mã nhân viên"],
  fullName: ["full_name", "Họ và tên", "Họ tên"],
  unitCode: ["unit_code", "Mã đơn vị"],
  position: ["position", "Chức vụ"],
  workStartedOn: ["work_started_on", "Ngày bắt đầu công tác"],
  email: ["email"],
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
  const problems = REQUIRED.filter((k) => columns[k] === -1).map((k): RowProblem => ({ line: 1, field: k, code: "MISSING_COLUMN" }));
  return { columns, problems };
}

/** "dd/mm/yyyy", "d/m/yyyy" or "yyyy-mm-dd" → "YYYY-MM-DD" if it is a real date. */
function parseDate(s: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s) ?? /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = s.includes("/") ? [+m[3], +m[2], +m[1]] : [+m[1], +m[2], +m[3]];
  // Years before 1900 are typos (e.g. "0224"), not real start dates.
  const day = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return y >= 1900 && isDay(day) ? day : null;
}

const STATUS_WORDS = new Map<string, StaffRow["status"]>([
  ["", "ACTIVE"],
  ["active", "ACTIVE"],
  ["danglamviec", "ACTIVE"],
  ["left", "LEFT"],
  ["danghi", "LEFT"],
  ["nghiviec", "LEFT"],
]);
const CODE_RE = /^[A-Z0-9][A-Z0-9._-]{1,31}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const MAX_TEXT = 120;
const MAX_EMAIL = 254; // RFC 5321 path limit
const ECHO_LIMIT = 100; // keeps problem payloads small when a cell holds junk

/** The rows of a file without a single problem, or every problem found (refused "invalid"). */
export function validateStaffRows(input: Input, ctx: Ctx): Result<StaffRow[], "invalid", RowProblem> {
  const maxRows = ctx.maxRows ?? 20000;
  if (input.header.every((h) => h.trim() === "")) {
    return refused("invalid", [{ line: 1, field: null, code: "EMPTY_FILE" }]);
  }
  const { columns, problems: headerProblems } = mapHeader(input.header);
  // Without the required columns every row would fail the same way: report the header only.
  if (headerProblems.length > 0) return refused("invalid", headerProblems);
  if (input.rows.length === 0) return refused("invalid", [{ line: 1, field: null, code: "EMPTY_FILE" }]);
  if (input.rows.length > maxRows) {
    return refused("invalid", [{ line: input.rows[maxRows].line, field: null, code: "TOO_MANY_ROWS", value: String(maxRows) }]);
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
    let position = text("position");
    if (ctx.positions && position !== "") {
      const code = ctx.positions.get(positionKey(position));
      if (code === undefined) report("position", "UNKNOWN_POSITION", position);
      else position = code;
    }
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
  return problems.length > 0 ? refused("invalid", problems) : ok(rows);
}
