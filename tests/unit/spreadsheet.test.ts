import { describe, it, expect } from "vitest";
import ExcelJS from "exceljs";
import { readSpreadsheet } from "../../app/utils/spreadsheet.server.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

async function xlsxBytes(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("Nhân viên"), wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("readSpreadsheet (csv)", () => {
  it("decodes UTF-8 with a BOM and parses semicolon CSV", async () => {
    const bytes = utf8('\uFEFFMã nhân viên;Họ và tên\r\nNV01;"Nguyễn\r\nVăn An"\r\nNV02;Lê Thị Hà\r\n');
    expect(await readSpreadsheet("Danh sach.CSV", bytes)).toEqual({
      header: ["Mã nhân viên", "Họ và tên"],
      rows: [
        { line: 2, cells: ["NV01", "Nguyễn\nVăn An"] },
        { line: 4, cells: ["NV02", "Lê Thị Hà"] },
      ],
    });
  });

  it("throws NOT_UTF8 for a file saved in a legacy code page", async () => {
    // "Hà" in Windows-1258 / Latin-1: 0xE0 alone is not valid UTF-8.
    const bytes = new Uint8Array([0x61, 0x0a, 0x48, 0xe0, 0x0a]);
    await expect(readSpreadsheet("staff.csv", bytes)).rejects.toThrow("NOT_UTF8");
  });
});

describe("readSpreadsheet (xlsx)", () => {
  it("reads the first sheet with Excel row numbers and stringified cells", async () => {
    const bytes = await xlsxBytes((ws, wb) => {
      ws.addRow(["Mã nhân viên", "Họ và tên", "Ngày bắt đầu công tác", "Số", "Ghi chú", "Công thức"]);
      ws.addRow([]); // blank row 2: skipped, but row numbers keep counting
      ws.addRow([
        "NV01",
        "Nguyễn Văn Ánh",
        new Date(Date.UTC(2020, 1, 29)),
        5,
        { richText: [{ text: "Trưởng " }, { text: "phòng", font: { bold: true } }] },
        { formula: "D3*2", result: 10 },
      ]);
      ws.addRow(["NV02", "Lê Thị Hà", "01/03/2021", 0.5, { text: "liên kết", hyperlink: "https://kt1.vn" }, null]);
      wb.addWorksheet("Ignored").addRow(["not", "read"]);
    });
    expect(await readSpreadsheet("nhan-vien.xlsx", bytes)).toEqual({
      header: ["Mã nhân viên", "Họ và tên", "Ngày bắt đầu công tác", "Số", "Ghi chú", "Công thức"],
      rows: [
        { line: 3, cells: ["NV01", "Nguyễn Văn Ánh", "2020-02-29", "5", "Trưởng phòng", "10"] },
        { line: 4, cells: ["NV02", "Lê Thị Hà", "01/03/2021", "0.5", "liên kết"] },
      ],
    });
  });

  it("fills gaps between sparse cells with empty strings", async () => {
    const bytes = await xlsxBytes((ws) => {
      ws.getCell("A1").value = "a";
      ws.getCell("C1").value = "c";
      ws.getCell("C2").value = 7;
    });
    expect(await readSpreadsheet("x.xlsx", bytes)).toEqual({ header: ["a", "", "c"], rows: [{ line: 2, cells: ["", "", "7"] }] });
  });

  it("throws UNREADABLE_FILE for bytes that are not a workbook", async () => {
    await expect(readSpreadsheet("x.xlsx", utf8("not a zip"))).rejects.toThrow("UNREADABLE_FILE");
  });
});

describe("readSpreadsheet (other)", () => {
  it("throws UNSUPPORTED_FILE for other extensions", async () => {
    for (const name of ["staff.xls", "staff.ods", "staff", "csv"]) {
      await expect(readSpreadsheet(name, utf8("a,b")), name).rejects.toThrow("UNSUPPORTED_FILE");
    }
  });
});
