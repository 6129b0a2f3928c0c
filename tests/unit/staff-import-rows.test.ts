import { describe, it, expect } from "vitest";
import {
  mapHeader,
  retiredColumnsOf,
  validateStaffRows,
  COLUMN_KEYS,
  positionKey,
  PROBLEM_CODES,
  type RowProblem,
} from "../../app/domain/staff/import-rows.ts";
import { isMessageKey, LOCALES } from "../../app/i18n/index.ts";
import { formatImportProblem } from "../../app/services/staff-import.server.ts";

const EN_HEADER = [
  "employee_code",
  "full_name",
  "unit_code",
  "position",
  "work_started_on",
  "email",
  "phone",
  "commitment_signed_on",
  "status",
];
const ctx = {
  unitCodes: new Set(["KT1", "PKT"]),
  emailOwners: new Map([
    ["taken@kt1.vn", "NV999"],
    ["mine@kt1.vn", "NV001"],
  ]),
  today: "2024-06-15",
};
// One valid row in EN_HEADER order; tests override single cells. The commitment
// column (7) is one an older file still has: it is ignored (decision 044).
const good = ["nv001", "Nguyễn Văn An", "kt1", "Kế toán viên", "01/02/2020", "An@KT1.vn", "0912 345.678", "2020-02-03", ""];
const row = (line: number, over: Record<number, string> = {}) => ({ line, cells: good.map((c, i) => over[i] ?? c) });
const problemsOf = (
  rows: { line: number; cells: string[] }[],
  header = EN_HEADER,
  c: Parameters<typeof validateStaffRows>[1] = ctx,
): RowProblem[] => {
  const r = validateStaffRows({ header, rows }, c);
  if (r.ok) throw new Error("expected problems");
  return r.reasons ?? [];
};

describe("mapHeader", () => {
  it("accepts Vietnamese headers regardless of case, diacritics and spacing", () => {
    const header = [
      " MÃ NHÂN VIÊN ",
      "Họ tên",
      "ma_don_vi",
      "Chuc vu",
      "Ngày bắt đầu công tác",
      "Số điện thoại",
      "EMAIL",
      "Ngày ký cam kết",
      "Trạng thái",
      "Ghi chú",
    ];
    const { columns, problems } = mapHeader(header);
    expect(problems).toEqual([]);
    expect(columns).toEqual({ employeeCode: 0, fullName: 1, unitCode: 2, position: 3, workStartedOn: 4, phone: 5, email: 6, status: 8 });
  });

  it("names the commitment column as ignored: the commitment is signed, not typed", () => {
    expect(retiredColumnsOf([" Ngày ký cam kết ", "Họ tên"])).toEqual(["Ngày ký cam kết"]);
    expect(retiredColumnsOf(EN_HEADER)).toEqual(["commitment_signed_on"]);
    expect(retiredColumnsOf(["employee_code", "full_name"])).toEqual([]);
  });

  it("reports every missing required column and marks optional ones absent", () => {
    const { columns, problems } = mapHeader(["Employee Code", "Họ và tên"]);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ["MISSING_COLUMN", "unitCode"],
      ["MISSING_COLUMN", "position"],
      ["MISSING_COLUMN", "workStartedOn"],
    ]);
    expect(columns.email).toBe(-1);
  });
});

describe("validateStaffRows", () => {
  it("normalises a valid row", () => {
    const r = validateStaffRows({ header: EN_HEADER, rows: [row(2, { 1: "  Nguyễn   Văn\tAn ", 8: "Đã nghỉ" })] }, ctx);
    expect(r).toEqual({
      ok: true,
      value: [
        {
          line: 2,
          employeeCode: "NV001",
          fullName: "Nguyễn Văn An",
          unitCode: "KT1",
          position: "Kế toán viên",
          workStartedOn: "2020-02-01",
          email: "an@kt1.vn",
          phone: "0912345678",
          status: "LEFT",
        },
      ],
    });
  });

  it("works with Vietnamese headers, d/m/yyyy dates and only the required columns", () => {
    const header = ["Mã nhân viên", "Họ và tên", "Mã đơn vị", "Chức vụ", "Ngày bắt đầu công tác"];
    const r = validateStaffRows({ header, rows: [{ line: 2, cells: ["A.B-1_2", "Trần Thị Bình", "pkt", "Thủ quỹ", "5/3/2024"] }] }, ctx);
    expect(r.ok && r.value[0]).toMatchObject({
      employeeCode: "A.B-1_2",
      workStartedOn: "2024-03-05",
      email: null,
      phone: null,
      status: "ACTIVE",
    });
  });

  it("stores decomposed (NFD) Vietnamese text as NFC", () => {
    const r = validateStaffRows({ header: EN_HEADER, rows: [row(2, { 1: "Nguyễn".normalize("NFD") })] }, ctx);
    expect(r.ok && r.value[0].fullName).toBe("Nguyễn".normalize("NFC"));
  });

  it("maps status words to ACTIVE / LEFT", () => {
    const words: Record<string, string> = {
      active: "ACTIVE",
      "Đang làm việc": "ACTIVE",
      "dang lam viec": "ACTIVE",
      LEFT: "LEFT",
      "da nghi": "LEFT",
      "Nghỉ việc": "LEFT",
    };
    for (const [word, status] of Object.entries(words)) {
      const r = validateStaffRows({ header: EN_HEADER, rows: [row(2, { 8: word })] }, ctx);
      expect(r.ok && r.value[0].status, word).toBe(status);
    }
  });

  it("allows an email the database already links to the same employee", () => {
    expect(validateStaffRows({ header: EN_HEADER, rows: [row(2, { 5: "MINE@kt1.vn" })] }, ctx).ok).toBe(true);
  });

  it("rejects 31/02, impossible dates and wrong formats as BAD_DATE; 29/02 in a leap year is fine", () => {
    for (const bad of ["31/02/2020", "29/02/2023", "2020-13-01", "00/01/2020", "2020/01/02", "01-02-2020", "hôm qua", "01/02/0202"]) {
      expect(problemsOf([row(2, { 4: bad })]), bad).toEqual([{ line: 2, field: "workStartedOn", code: "BAD_DATE", value: bad }]);
    }
    expect(validateStaffRows({ header: EN_HEADER, rows: [row(2, { 4: "29/02/2024" })] }, ctx).ok).toBe(true);
  });

  it("rejects dates after today but accepts today itself (the ignored commitment column is not read)", () => {
    expect(problemsOf([row(2, { 4: "16/06/2024", 7: "2030-01-01" })])).toEqual([
      { line: 2, field: "workStartedOn", code: "FUTURE_DATE", value: "16/06/2024" },
    ]);
    expect(validateStaffRows({ header: EN_HEADER, rows: [row(2, { 4: "15/06/2024" })] }, ctx).ok).toBe(true);
  });

  it("collects every problem of every row at once", () => {
    const rows = [
      row(2, { 0: "", 1: "", 2: "", 3: "", 4: "" }),
      row(3, {
        0: "-bad",
        1: "x".repeat(121),
        2: "XYZ",
        3: "y".repeat(121),
        4: "31/02/2024",
        5: "no-at-sign",
        6: "12ab",
        7: "2024-02-30",
        8: "maybe",
      }),
      row(5, { 0: "NV002", 5: "taken@kt1.vn", 6: "123" }),
      row(6, { 0: "nv002", 5: "Taken@KT1.vn", 6: "+84 912-345-678-999-111" }),
    ];
    const got = problemsOf(rows).map((p) => `${p.line}:${p.field}:${p.code}:${p.value ?? ""}`);
    expect(got).toEqual([
      "2:employeeCode:MISSING_VALUE:",
      "2:fullName:MISSING_VALUE:",
      "2:unitCode:MISSING_VALUE:",
      "2:position:MISSING_VALUE:",
      "2:workStartedOn:MISSING_VALUE:",
      "3:employeeCode:BAD_CODE:-BAD",
      "3:fullName:TOO_LONG:120",
      "3:unitCode:UNKNOWN_UNIT:XYZ",
      "3:position:TOO_LONG:120",
      "3:workStartedOn:BAD_DATE:31/02/2024",
      "3:email:BAD_EMAIL:no-at-sign",
      "3:phone:BAD_PHONE:12ab",
      "3:status:BAD_STATUS:maybe",
      "5:email:EMAIL_TAKEN:taken@kt1.vn",
      "5:phone:BAD_PHONE:123",
      "6:employeeCode:DUPLICATE_CODE_IN_FILE:NV002",
      "6:email:DUPLICATE_EMAIL_IN_FILE:taken@kt1.vn",
      "6:phone:BAD_PHONE:+84 912-345-678-999-111",
    ]);
  });

  it("flags over-long emails as TOO_LONG", () => {
    expect(problemsOf([row(2, { 5: `${"a".repeat(250)}@kt1.vn` })])).toEqual([{ line: 2, field: "email", code: "TOO_LONG", value: "254" }]);
  });

  it("reports MISSING_COLUMN for the header and nothing per row", () => {
    expect(problemsOf([row(2)], ["employee_code", "full_name"])).toHaveLength(3);
  });

  it("reports EMPTY_FILE with no rows or no header", () => {
    expect(problemsOf([])).toEqual([{ line: 1, field: null, code: "EMPTY_FILE" }]);
    expect(problemsOf([], [])).toEqual([{ line: 1, field: null, code: "EMPTY_FILE" }]);
  });

  it("reports TOO_MANY_ROWS above maxRows, pointing at the first extra row", () => {
    const rows = [2, 3, 4].map((line) => row(line, { 0: `NV00${line}`, 5: `nv${line}@kt1.vn` }));
    expect(problemsOf(rows, EN_HEADER, { ...ctx, maxRows: 2 })).toEqual([{ line: 4, field: null, code: "TOO_MANY_ROWS", value: "2" }]);
    expect(validateStaffRows({ header: EN_HEADER, rows: rows.slice(0, 2) }, { ...ctx, maxRows: 2 }).ok).toBe(true);
  });

  it("has a Vietnamese and English message for every code and column, and fills placeholders", () => {
    expect(PROBLEM_CODES).toHaveLength(16);
    for (const c of PROBLEM_CODES) expect(isMessageKey(`import.problem.${c}`), c).toBe(true);
    for (const k of COLUMN_KEYS) expect(isMessageKey(`import.column.${k}`), k).toBe(true);
    const p: RowProblem = { line: 3, field: "workStartedOn", code: "FUTURE_DATE", value: "16/06/2024" };
    expect(formatImportProblem(p, "vi")).toBe("Ngày bắt đầu công tác không được sau ngày hôm nay: 16/06/2024.");
    expect(formatImportProblem(p, "en")).toBe("Work start date cannot be later than today: 16/06/2024.");
    for (const locale of LOCALES) {
      for (const code of PROBLEM_CODES)
        expect(formatImportProblem({ line: 2, field: "email", code, value: "x" }, locale)).not.toMatch(/[{}]/);
    }
  });

  it("with the position catalogue, accepts a position's code or name in any case and without diacritics, and lists an unknown one", () => {
    const positions = new Map(
      [
        ["VAN_THU", "Văn thư"],
        ["GDV_KT1", "Giao dịch viên KT1"],
      ].flatMap(
        ([code, name]) =>
          [
            [positionKey(code), code],
            [positionKey(name), code],
          ] as const,
      ),
    );
    const header = ["Mã nhân viên", "Họ và tên", "Mã đơn vị", "Chức vụ", "Ngày bắt đầu công tác"];
    const rows = [
      { line: 2, cells: ["NV001", "Nguyễn Văn An", "KT1", "van thu", "01/02/2020"] },
      { line: 3, cells: ["NV002", "Trần Thị Bình", "KT1", "gdv_kt1", "01/02/2020"] },
      { line: 4, cells: ["NV003", "Lê Văn Cường", "KT1", "Thủ kho", "01/02/2020"] },
    ];
    const bad = validateStaffRows({ header, rows }, { ...ctx, positions });
    expect(bad).toEqual({
      ok: false,
      code: "invalid",
      reasons: [{ line: 4, field: "position", code: "UNKNOWN_POSITION", value: "Thủ kho" }],
    });
    expect(formatImportProblem({ line: 4, field: "position", code: "UNKNOWN_POSITION", value: "Thủ kho" }, "vi")).toContain(
      "Không có vị trí công tác nào có mã hoặc tên “Thủ kho”",
    );
    const good = validateStaffRows({ header, rows: rows.slice(0, 2) }, { ...ctx, positions });
    expect(good.ok && good.value.map((r) => r.position)).toEqual(["VAN_THU", "GDV_KT1"]);
  });
});
