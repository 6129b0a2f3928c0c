// How much an uploaded staff list may hold, and the rule that checks an .xlsx
// archive's table of contents against it before anything is unpacked
// (decision 032). An .xlsx is a zip: 42 KB can inflate to 40 MiB of XML, so the
// upload's own size says nothing; the sizes the archive declares are checked
// here, and the reader then refuses to inflate past them.

const MiB = 1024 * 1024;

/** Data rows read from a file; one more is read only to report that there are too many. */
export const MAX_IMPORT_ROWS = 20_000;
/** Characters in one cell: Excel's own limit, so no real workbook exceeds it. */
export const MAX_CELL_CHARS = 32_767;

/** Parts in the archive (Excel writes about 10 for one sheet). */
export const XLSX_MAX_ENTRIES = 200;
/** A worksheet or the shared strings, unpacked (20,000 rows × 9 columns are about 7 MiB). */
const XLSX_MAX_SHEET_BYTES = 20 * MiB;
/** Any other part unpacked (styles, workbook, theme, images…). */
const XLSX_MAX_PART_BYTES = 5 * MiB;
/** All parts together, unpacked. */
const XLSX_MAX_TOTAL_BYTES = 50 * MiB;
/** Unpacked:packed ratio above which a large part is refused (real sheets: about 10:1). */
const XLSX_MAX_RATIO = 100;
/** Parts smaller than this unpacked are not held to the ratio (tiny XML compresses well). */
const XLSX_RATIO_FROM_BYTES = 1 * MiB;

export type ArchiveEntrySize = { name: string; compressedSize: number; uncompressedSize: number };
export type ArchiveProblem =
  | { code: "XLSX_TOO_MANY_PARTS"; value: string }
  | { code: "XLSX_TOO_LARGE"; value: string }
  | { code: "XLSX_OVERCOMPRESSED"; value: string };

/** Parts whose size the sheet limit governs: worksheets and the shared strings. */
function isSheetPart(name: string): boolean {
  return /^\/?xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i.test(name);
}

const mib = (bytes: number) => `${bytes / MiB} MB`;

/** The first limit an archive's declared sizes break, or null when they all hold. */
export function checkArchive(entries: readonly ArchiveEntrySize[]): ArchiveProblem | null {
  if (entries.length > XLSX_MAX_ENTRIES) return { code: "XLSX_TOO_MANY_PARTS", value: String(XLSX_MAX_ENTRIES) };
  let total = 0;
  for (const e of entries) {
    const limit = isSheetPart(e.name) ? XLSX_MAX_SHEET_BYTES : XLSX_MAX_PART_BYTES;
    if (e.uncompressedSize > limit) return { code: "XLSX_TOO_LARGE", value: mib(limit) };
    total += e.uncompressedSize;
    if (total > XLSX_MAX_TOTAL_BYTES) return { code: "XLSX_TOO_LARGE", value: mib(XLSX_MAX_TOTAL_BYTES) };
    if (e.uncompressedSize >= XLSX_RATIO_FROM_BYTES && e.uncompressedSize > XLSX_MAX_RATIO * e.compressedSize) {
      return { code: "XLSX_OVERCOMPRESSED", value: String(XLSX_MAX_RATIO) };
    }
  }
  return null;
}
