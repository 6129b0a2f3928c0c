import { Readable } from "node:stream";
import { crc32, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { parseCsv, type CsvResult } from "../domain/staff/csv.ts";
import { checkArchive, MAX_CELL_CHARS, MAX_IMPORT_ROWS } from "../domain/staff/spreadsheet-limits.ts";
import { readZipDirectory, storedZip } from "./zip.ts";
import { fromDateColumn } from "~/domain/time/calendar.ts";

// Turns an uploaded .csv or .xlsx into the same { header, rows } shape so the
// import rules never care which format the user picked. Errors are thrown with
// a stable code as message (NOT_UTF8, UNSUPPORTED_FILE, UNREADABLE_FILE,
// CSV_UNCLOSED_QUOTE, CELL_TOO_LONG and the archive limits XLSX_*) for the caller
// to translate; `cause` carries the line and/or the limit (`value`).
//
// An .xlsx is checked before it is unpacked and read as a stream, row by row, up
// to maxRows + 1 data rows (decision 032).

export async function readSpreadsheet(fileName: string, bytes: Uint8Array, maxRows = MAX_IMPORT_ROWS): Promise<CsvResult> {
  const ext = /\.([^.]+)$/.exec(fileName.trim().toLowerCase())?.[1];
  if (ext === "csv") return capCells(parseCsv(decodeUtf8(bytes)));
  if (ext === "xlsx") return readXlsx(bytes, maxRows);
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

// The parts the streaming reader uses, in the order it needs them: the workbook
// (sheet names and order), shared strings and styles (dates) before any sheet,
// so that it never has to park a sheet in a temporary file.
const LEADING_PARTS = ["xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml"];
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const EMPTY_PARTS: Record<string, string> = {
  "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
  "xl/sharedStrings.xml": '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
};

/**
 * Unpacks the parts the reader needs, never past the size each declares (a part
 * that inflates to more, or to bytes whose checksum differs, is refused), after
 * checking the declared sizes against the limits (decision 032). Returns them
 * re-packed uncompressed, so that exceljs inflates nothing itself.
 */
function unpackChecked(bytes: Uint8Array): Uint8Array {
  const dir = readZipDirectory(bytes);
  if (!dir.ok) throw new Error("UNREADABLE_FILE");
  const problem = checkArchive(dir.entries);
  if (problem) throw new Error(problem.code, { cause: { value: problem.value } });

  const wanted = dir.entries.filter((e) => LEADING_PARTS.includes(e.name) || WORKSHEET.test(e.name));
  const parts = new Map<string, { data: Uint8Array; crc32: number }>();
  for (const e of wanted) {
    const packed = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    let data: Uint8Array;
    try {
      // maxOutputLength stops inflating as soon as the output would pass the declared size.
      data = e.method === 0 ? packed : inflateRawSync(packed, { maxOutputLength: Math.max(e.uncompressedSize, 1) });
    } catch (cause) {
      throw new Error("UNREADABLE_FILE", { cause }); // inflates past its declared size, or is not deflate
    }
    if (data.length !== e.uncompressedSize || crc32(data) !== e.crc32) throw new Error("UNREADABLE_FILE");
    parts.set(e.name, { data, crc32: e.crc32 });
  }
  for (const [name, xml] of Object.entries(EMPTY_PARTS)) {
    if (!parts.has(name)) {
      const data = new TextEncoder().encode(xml);
      parts.set(name, { data, crc32: crc32(data) });
    }
  }
  const order = (name: string) => (LEADING_PARTS.includes(name) ? LEADING_PARTS.indexOf(name) : LEADING_PARTS.length);
  const names = [...parts.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b, "en", { numeric: true }));
  return storedZip(names.map((name) => ({ name, ...(parts.get(name) as { data: Uint8Array; crc32: number }) })));
}

type WorkbookReaderState = { model?: { sheets?: { name?: string }[] } };

function capCells(sheet: CsvResult): CsvResult {
  const all = [{ line: 1, cells: sheet.header }, ...sheet.rows];
  const long = all.find((r) => r.cells.some((c) => c.length > MAX_CELL_CHARS));
  if (long) throw new Error("CELL_TOO_LONG", { cause: { line: long.line, value: String(MAX_CELL_CHARS) } });
  return sheet;
}

async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<CsvResult> {
  const archive = unpackChecked(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(archive)]), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache", // to tell dates from numbers
    hyperlinks: "ignore", // a link cell reads as its text
    entries: "ignore",
  });
  const records: { line: number; cells: string[] }[] = [];
  try {
    for await (const sheet of reader) {
      // Only the first sheet of the workbook (as Excel orders them) is read.
      const first = (reader as unknown as WorkbookReaderState).model?.sheets?.[0]?.name;
      if (first !== undefined && (sheet as unknown as { name?: string }).name !== first) continue;
      for await (const row of sheet) {
        const values = (Array.isArray(row.values) ? row.values : []).slice(1); // 1-based and sparse
        const cells = Array.from(values, (v) => cellToString(v as ExcelJS.CellValue));
        if (cells.some((c) => c.length > MAX_CELL_CHARS)) {
          throw new Error("CELL_TOO_LONG", { cause: { line: row.number, value: String(MAX_CELL_CHARS) } });
        }
        // Rows that only carry formatting count as "non-empty" for exceljs; skip them.
        if (cells.some((c) => c.trim() !== "")) records.push({ line: row.number, cells });
        // Header, the allowed rows, and one more so the rules can say there are too many.
        if (records.length > maxRows + 1) break;
      }
      break;
    }
  } catch (cause) {
    if (cause instanceof Error && cause.message === "CELL_TOO_LONG") throw cause;
    throw new Error("UNREADABLE_FILE", { cause }); // not a workbook after all
  }
  const [first, ...rest] = records;
  return { header: first ? first.cells : [], rows: first ? rest : [] };
}

function cellToString(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  // String() prints 5 rather than 5.0 and keeps long digit strings (phones) intact.
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) {
    // exceljs decodes Excel serial dates as UTC midnight; local parts could shift the day.
    if (Number.isNaN(value.getTime())) return "";
    return fromDateColumn(value);
  }
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    return cellToString((value as { result?: ExcelJS.CellValue }).result);
  }
  if ("hyperlink" in value) return cellToString(value.text as ExcelJS.CellValue);
  if ("error" in value) return String(value.error); // e.g. "#N/A": left for validation to reject
  return "";
}
