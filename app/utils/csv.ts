// Writes CSV for spreadsheet users: RFC 4180 quoting, CRLF line ends, a UTF-8
// byte-order mark so Excel reads Vietnamese diacritics, and cells that a
// spreadsheet would run as a formula defused with a leading apostrophe.

export type CsvCell = string | number | null | undefined;

export const CSV_BOM = "\uFEFF";

// A cell starting with one of these is a formula to Excel/LibreOffice/Sheets.
// Tab and CR are listed by OWASP too: some programs strip them and then see "=".
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, quoted only when it has to be. Numbers are written as they are. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV lines, each ended by CRLF, without the byte-order mark (for streaming). */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  let out = "";
  for (const row of rows) out += `${row.map(csvCell).join(",")}\r\n`;
  return out;
}

/** A whole CSV document: byte-order mark, then one CRLF-ended line per row. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + csvLines(rows);
}
