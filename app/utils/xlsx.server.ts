import ExcelJS from "exceljs";
import { formatDay } from "./format.ts";

// Writing an Excel export: one sheet, a bold frozen header with a filter,
// columns sized to their content. A { day } cell becomes a real date cell
// (UTC midnight, which exceljs writes as the whole serial of that day) shown
// dd/mm/yyyy, so Excel sorts and filters it as a date, not as text.

export type SheetCell = string | number | null | undefined | { day: string };

export const XLSX_DATE_FORMAT = "dd/mm/yyyy";

export async function writeWorkbook(opts: {
  sheetName: string;
  creator: string;
  created: Date;
  header: readonly string[];
  body: readonly (readonly SheetCell[])[];
}): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = opts.creator;
  workbook.created = opts.created;
  const sheet = workbook.addWorksheet(opts.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow([...opts.header]).font = { bold: true };
  // Cells are plain values (strings, numbers, dates), never formulas: nothing in them runs.
  for (const cells of opts.body) {
    const row = sheet.addRow(cells.map((c) => (c !== null && typeof c === "object" ? new Date(`${c.day}T00:00:00Z`) : (c ?? ""))));
    cells.forEach((c, i) => {
      if (c !== null && typeof c === "object") row.getCell(i + 1).numFmt = XLSX_DATE_FORMAT;
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: opts.header.length } };
  const text = (c: SheetCell) => (c !== null && typeof c === "object" ? formatDay(c.day) : String(c ?? ""));
  opts.header.forEach((title, i) => {
    const longest = Math.max(title.length, ...opts.body.map((r) => text(r[i]).length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
