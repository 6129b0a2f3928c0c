// Issue 11, item 6: a 42 KB workbook with one 40 MiB cell took 8 s and +340 MB
// per worker. The archive's declared sizes are checked before anything is
// unpacked, and nothing inflates past what it declares. Decision 032.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { formatImportProblem, importStaff } from "~/services/staff-import.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makeUnit } from "../support/factories.ts";
import { appSql, baseUrl, loginCookie } from "../support/http.ts";

const MiB = 1024 * 1024;
const NOW = new Date("2026-11-28T03:00:00Z");
const TOO_LARGE_VI = "Tệp Excel khi giải nén quá lớn";
const UNREADABLE_VI = "Không đọc được tệp Excel";

/** A zip of deflated parts; `lie` replaces a part's declared unpacked size (local and central headers). */
function zip(parts: Record<string, string>, lie: Record<string, number> = {}): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const raw = Buffer.from(text, "utf8");
    const packed = deflateRawSync(raw, { level: 9 });
    const nameBytes = Buffer.from(name, "utf8");
    const size = lie[name] ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x800, 8);
    head.writeUInt16LE(8, 10);
    head.writeUInt32LE(crc32(raw), 16);
    head.writeUInt32LE(packed.length, 20);
    head.writeUInt32LE(size, 24);
    head.writeUInt16LE(nameBytes.length, 28);
    head.writeUInt32LE(offset, 42);
    chunks.push(local, nameBytes, packed);
    central.push(head, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cd, end]));
}

const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/**
 * A valid workbook with one staff row that the import would accept, whose
 * extra column "Ghi chú" holds `note`: only the size of that cell is wrong.
 */
function workbook(unitCode: string, code: string, note: string, lie?: number): Uint8Array {
  const header = ["Mã nhân viên", "Họ và tên", "Mã đơn vị", "Chức vụ", "Ngày bắt đầu công tác", "Ghi chú"];
  const row = [code, "Nguyễn Văn Bom", unitCode, "Bưu tá KT1", "01/02/2020"];
  const sheet =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    `<row r="1">${header.map((h, i) => cell(`${"ABCDEF"[i]}1`, h)).join("")}</row>` +
    `<row r="2">${row.map((v, i) => cell(`${"ABCDE"[i]}2`, v)).join("")}${cell("F2", note)}</row>` +
    "</sheetData></worksheet>";
  return zip(
    {
      "[Content_Types].xml":
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      "_rels/.rels":
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      "xl/workbook.xml":
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Nhân sự" sheetId="1" r:id="rId1"/></sheets></workbook>',
      "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      "xl/worksheets/sheet1.xml": sheet,
    },
    lie === undefined ? {} : { "xl/worksheets/sheet1.xml": lie },
  );
}

const BOMB_NOTE = "A".repeat(40 * MiB);
const READER = path.resolve(import.meta.dirname, "../../app/utils/spreadsheet.server.ts");

/**
 * Reads `bytes` as an upload in a separate Node process whose JavaScript heap
 * is capped at `heapMb`, as a worker on a small server would be: what comes
 * out is the error code the reader gave, or the process's death.
 */
function readInSmallProcess(bytes: Uint8Array, heapMb: number): { status: number | null; out: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "xlsx-bomb-"));
  const file = path.join(dir, "noi-doi.xlsx");
  writeFileSync(file, bytes);
  const code = `
    import { readFileSync } from "node:fs";
    import { pathToFileURL } from "node:url";
    const [reader, file] = process.argv.slice(1);
    const { readSpreadsheet } = await import(pathToFileURL(reader).href);
    try { await readSpreadsheet("noi-doi.xlsx", new Uint8Array(readFileSync(file))); console.log("READ"); }
    catch (e) { console.log(e.message); }`;
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", `--max-old-space-size=${heapMb}`, "--input-type=module", "-e", code, "--", READER, file],
    {
      encoding: "utf8",
      cwd: path.resolve(import.meta.dirname, "../.."),
    },
  );
  return { status: child.status, out: child.stdout.trim() };
}

async function setup() {
  const unit = await makeUnit({ kind: "PROVINCE" });
  return { unit, admin: { personId: 0, grants: [{ role: "ADMIN" as const, unitId: unit.id }] } };
}

describe("an .xlsx zip bomb on the staff import", () => {
  it("the test's workbook is a real one: with a short note it is imported", async () => {
    const { unit, admin } = await setup();
    const result = await importStaff({ name: "nhan-su.xlsx", bytes: workbook(unit.code, "BOM000", "ghi chú ngắn") }, admin, NOW);
    expect(result).toMatchObject({ ok: true, value: { created: 1 } });
  });

  it("a 40 MiB cell packed into a few dozen KB is refused from the archive's table of contents, nothing imported", async () => {
    const { unit, admin } = await setup();
    const bytes = workbook(unit.code, "BOM001", BOMB_NOTE);
    expect(bytes.length).toBeLessThan(100 * 1024);
    const result = await importStaff({ name: "bom.xlsx", bytes }, admin, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons!).toHaveLength(1);
    expect(formatImportProblem(result.reasons![0], "vi")).toContain(TOO_LARGE_VI);
    expect(await getDb().person.count({ where: { employeeCode: "BOM001" } })).toBe(0);
  });

  it("a part that declares 2 KB but inflates to 40 MiB is refused as damaged, nothing imported", async () => {
    const { unit, admin } = await setup();
    const result = await importStaff({ name: "noi-doi.xlsx", bytes: workbook(unit.code, "BOM002", BOMB_NOTE, 2048) }, admin, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons!.map((p) => formatImportProblem(p, "vi"))).toEqual([expect.stringContaining(UNREADABLE_VI)]);
    expect(await getDb().person.count({ where: { employeeCode: "BOM002" } })).toBe(0);
    // Inflating stops at the declared size: a process with a 48 MB heap refuses the
    // file and lives, where unpacking the 40 MiB part (as exceljs alone does) kills it.
    expect(readInSmallProcess(workbook(unit.code, "BOM003", BOMB_NOTE, 2048), 48)).toEqual({ status: 0, out: "UNREADABLE_FILE" });
  });

  it("uploaded to /people/import by an admin: 400 with the clear Vietnamese message, nothing imported", async () => {
    const cookie = await loginCookie("admin@kt1.test");
    const form = new FormData();
    const bytes = workbook("TH-BD-SAMSON-KT1", "BOMHTTP1", BOMB_NOTE);
    form.set(
      "file",
      new File([Buffer.from(bytes)], "bom.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
    );
    const res = await fetch(`${baseUrl()}/people/import`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: baseUrl(), Cookie: cookie },
      body: form,
    });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain(TOO_LARGE_VI);
    expect(await appSql("select 1 from people where employee_code = 'BOMHTTP1'")).toEqual([]);
  });
});
