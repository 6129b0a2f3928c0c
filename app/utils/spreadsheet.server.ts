import ExcelJS from "exceljs";
import { parseCsv, type CsvResult } from "../domain/staff/csv.ts";

// Turns an uploaded .csv or .xlsx into the same { header, rows } shape so the
// import rules never care which format the user picked. Errors are thrown with
// a stable code as message (NOT_UTF8, UNSUPPORTED_FILE, UNREADABLE_FILE,
// CSV_UNCLOSED_QUOTE) for the caller to translate.

export async function readSpreadsheet(fileName: string, bytes: Uint8Array): Promise<CsvResult> {
  const ext = /\.([^.]+)$/.exec(fileName.trim().toLowerCase())?.[1];
  if (ext === "csv") return parseCsv(decodeUtf8(bytes));
  if (ext === "xlsx") return readXlsx(bytes);
  throw new Error("UNSUPPORTED_FILE");
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    // fatal: a file saved as Windows-1258/ANSI would otherwise turn Vietnamese
    // letters into U+FFFD silently and be imported as garbage.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new Error("NOT_UTF8", { cause });
  }
}

async function readXlsx(bytes: Uint8Array): Promise<CsvResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer look-alike but reads Node Buffers; wrap without copying.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (cause) {
    throw new Error("UNREADABLE_FILE", { cause }); // not a zip / not a workbook
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };

  const records: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // row.values is 1-based and sparse (index 0 is always empty).
    const values = (Array.isArray(row.values) ? row.values : []).slice(1);
    const cells = Array.from(values, (v) => cellToString(v as ExcelJS.CellValue));
    // Rows that only carry formatting count as "non-empty" for exceljs; skip them.
    if (cells.some((c) => c.trim() !== "")) records.push({ line: rowNumber, cells });
  });
  const [first, ...rest] = records;
  return { header: first ? first.cells : [], rows: first ? rest : [] };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function cellToString(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  // String() prints 5 rather than 5.0 and keeps long digit strings (phones) intact.
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) {
    // exceljs decodes Excel serial dates as UTC midnight; local parts could shift the day.
    if (Number.isNaN(value.getTime())) return "";
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    return cellToString((value as { result?: ExcelJS.CellValue }).result);
  }
  if ("hyperlink" in value) return cellToString(value.text as ExcelJS.CellValue);
  if ("error" in value) return String(value.error); // e.g. "#N/A": left for validation to reject
  return "";
}
