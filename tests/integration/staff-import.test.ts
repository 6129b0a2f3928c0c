import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import { importStaff } from "~/services/staff-import.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makeUnit } from "../support/factories.ts";

const NOW = new Date("2026-11-28T03:00:00Z");
const HEADER = "Mã nhân viên;Họ và tên;Mã đơn vị;Chức vụ;Ngày bắt đầu công tác;Email;Trạng thái";
const bytes = (text: string) => new TextEncoder().encode(text);

async function setup() {
  const root = await makeUnit({ kind: "PROVINCE" });
  const station = await makeUnit({ parentId: root.id, kind: "STATION" });
  const outside = await makeUnit({ kind: "PROVINCE" });
  const admin = { personId: 0, grants: [{ role: "ADMIN" as const, unitId: root.id }] };
  return { root, station, outside, admin };
}

function staffCsv(stationCode: string, n: number, bom = true) {
  const rows = Array.from({ length: n }, (_, i) => {
    const code = `NV${String(i + 1).padStart(5, "0")}`;
    return `${code};Nguyễn Văn Số ${i + 1};${stationCode};Bưu tá KT1;01/0${(i % 9) + 1}/2015;${code.toLowerCase()}@kt1.test;Đang làm việc`;
  });
  return `${bom ? "\uFEFF" : ""}${HEADER}\r\n${rows.join("\r\n")}\r\n`;
}

describe("staff import", () => {
  it("imports 10,000 rows in one transaction, and re-importing the same file changes nothing", async () => {
    const { station, admin } = await setup();
    const file = { name: "nhan-su.csv", bytes: bytes(staffCsv(station.code, 10_000)) };
    const first = await importStaff(file, admin, NOW);
    expect(first).toEqual({ ok: true, value: { created: 10_000, updated: 0, unchanged: 0, total: 10_000, ignoredColumns: [] } });
    const person = await getDb().person.findUniqueOrThrow({ where: { employeeCode: "NV00042" }, include: { grants: true } });
    expect(person.fullName).toBe("Nguyễn Văn Số 42");
    expect(person.grants.map((g) => g.role)).toEqual(["LEARNER"]);
    const stamp = await getDb().person.aggregate({ _max: { updatedAt: true } });

    const again = await importStaff(file, admin, new Date(NOW.getTime() + 60_000));
    expect(again).toEqual({ ok: true, value: { created: 0, updated: 0, unchanged: 10_000, total: 10_000, ignoredColumns: [] } });
    expect(await getDb().person.aggregate({ _max: { updatedAt: true } })).toEqual(stamp);
    expect(await getDb().person.count({ where: { unitId: station.id } })).toBe(10_000);
  });

  it("with one bad row imports nothing and lists every bad row with its line", async () => {
    const { root, station, admin } = await setup();
    const lines = [
      HEADER,
      `A001;Trần Thị Một;${station.code};Văn thư;01/02/2020;mot@kt1.test;`,
      `A002;;${station.code};Văn thư;31/02/2020;khong-phai-email;`,
      `A001;Lê Văn Trùng;KHONG-CO;Văn thư;01/01/2030;;`,
    ];
    const result = await importStaff({ name: "loi.csv", bytes: bytes(lines.join("\n")) }, admin, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.reasons!.map((p) => `${p.line}:${p.field}:${p.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "3:fullName:MISSING_VALUE",
        "3:workStartedOn:BAD_DATE",
        "3:email:BAD_EMAIL",
        "4:employeeCode:DUPLICATE_CODE_IN_FILE",
        "4:unitCode:UNKNOWN_UNIT",
        "4:workStartedOn:FUTURE_DATE",
      ]),
    );
    expect(result.reasons!.some((p) => p.line === 2)).toBe(false);
    expect(await getDb().person.count({ where: { unitId: station.id } })).toBe(0);
    expect(await getDb().auditEntry.count({ where: { action: "people.import", unitId: root.id } })).toBe(0);
  });

  it("treats units outside the importer's scope as unknown and never touches people there", async () => {
    const { station, outside, admin } = await setup();
    const result = await importStaff(
      {
        name: "ngoai.csv",
        bytes: bytes(
          `${HEADER}\nB001;Phạm Thị Ngoài;${outside.code};Văn thư;01/02/2020;;\nB002;Đỗ Văn Trong;${station.code};Văn thư;01/02/2020;;`,
        ),
      },
      admin,
      NOW,
    );
    expect(result).toMatchObject({ ok: false, code: "invalid", reasons: [{ line: 2, field: "unitCode", code: "UNKNOWN_UNIT" }] });
    expect(await getDb().person.count({ where: { unitId: { in: [station.id, outside.id] } } })).toBe(0);
  });

  it("reads XLSX with dates and Vietnamese text, and audits the import once", async () => {
    const { root, station, admin } = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Nhân sự");
    ws.addRow(["Mã nhân viên", "Họ và tên", "Mã đơn vị", "Chức vụ", "Ngày bắt đầu công tác"]);
    ws.addRow(["X001", "Hoàng Thị Ánh Tuyết", station.code, "nhan vien khai thac kt1", new Date(Date.UTC(2019, 4, 20))]);
    const buffer = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await importStaff({ name: "nhan-su.xlsx", bytes: buffer }, admin, NOW)).toMatchObject({ ok: true, value: { created: 1 } });
    const person = await getDb().person.findUniqueOrThrow({ where: { employeeCode: "X001" } });
    expect(fromDateColumn(person.workStartedOn)).toBe("2019-05-20");
    expect(person.position).toBe("Nhân viên khai thác KT1"); // a name matched without case or diacritics
    expect(await getDb().auditEntry.count({ where: { action: "people.import", unitId: root.id } })).toBe(1);
  });
});
