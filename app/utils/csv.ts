// Writes CSV for spreadsheet users: every cell quoted, CRLF line ends, a UTF-8
// byte-order mark so Excel reads Vietnamese diacritics, and every place where a
// spreadsheet could start a cell that runs a formula defused with an apostrophe.
//
// Why "every place" (decision 033): Excel on Vietnamese Windows splits a .csv on
// ";" (the regional list separator), not on ",". It honours a quote only at the
// start of a field, so inside `NV01,"A;=HYPERLINK(…)"` the ";" ends a field and
// `=HYPERLINK(…)` starts one; a line break inside a cell likewise starts a new
// row. So a formula start is defused at the start of a cell AND after every ";"
// or line break inside it (skipping spaces and quotes that a reader may drop).

export type CsvCell = string | number | null | undefined;

export const CSV_BOM = "\uFEFF";

// A cell starting with one of these is a formula to Excel/LibreOffice/Sheets.
// Tab and CR are listed by OWASP: some programs strip them and then see "=".
// The full-width forms are turned into their ASCII twins by Excel's East Asian
// input handling, so they are defused as well (the cost: one apostrophe).
const FORMULA_CHARS = "=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20";
// A field may start at the start of the cell, after a ";" (a ";"-splitting
// reader) or after a line break (a reader that did not see the cell as quoted).
const FIELD_START = new RegExp(`(^|;|\\r\\n|\\r|\\n)(?=[ "]*[${FORMULA_CHARS}])`, "g");

/** Text as a spreadsheet will show it, never as a formula: `'` where a formula could start. */
export function defuseFormulas(text: string): string {
  return text.replace(FIELD_START, "$1'");
}

/** One cell, always quoted (inner quotes doubled). Numbers are written as they are, quoted. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '""';
  if (typeof value === "number") return Number.isFinite(value) ? `"${String(value)}"` : '""';
  return `"${defuseFormulas(value).replaceAll('"', '""')}"`;
}

/** Rows as CSV lines, each ended by CRLF, without the byte-order mark (for streaming). */
export function csvLines(rows: readonly (readonly CsvCell[])[], separator: "," | ";" = ","): string {
  let out = "";
  for (const row of rows) out += `${row.map(csvCell).join(separator)}\r\n`;
  return out;
}

/**
 * A whole CSV document: byte-order mark, then one CRLF-ended line per row. No
 * `sep=` line: Excel then ignores the byte-order mark and garbles diacritics.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], separator: "," | ";" = ","): string {
  return CSV_BOM + csvLines(rows, separator);
}
