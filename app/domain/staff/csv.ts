// Minimal RFC 4180 CSV reader for staff imports. Hand-written rather than a
// dependency because we also need the physical line where each record starts
// (so error messages can point at the line a user sees in their editor) and
// the ";" delimiter that Excel uses on Vietnamese/European locales.

export type CsvRecord = { line: number; cells: string[] };
export type CsvResult = { header: string[]; rows: CsvRecord[] };

/** Picks ";" or "," by counting each in the header line, ignoring quoted text. */
function detectDelimiter(text: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"')
      inQuotes = !inQuotes; // a doubled quote toggles twice: no net change
    else if (!inQuotes && (ch === "\n" || ch === "\r")) break;
    else if (!inQuotes && ch === ";") semicolons++;
    else if (!inQuotes && ch === ",") commas++;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * Parses CSV text. Throws Error("CSV_UNCLOSED_QUOTE") when a quoted field is
 * never closed: guessing would silently swallow the rest of the file into one cell.
 */
export function parseCsv(input: string): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);

  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1; // physical line of the character being read
  let recordLine = 1; // physical line where the current record started
  let quoteOpenedOn = 1;

  const endField = () => {
    cells.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, cells });
    cells = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else if (ch === "\r" || ch === "\n") {
        // Embedded line breaks are kept, normalised to "\n", and still counted
        // so that later records report the line the user actually sees.
        if (ch === "\r" && text[i + 1] === "\n") i++;
        field += "\n";
        line++;
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") {
      // Only a quote at the very start of a field opens quoting; a stray quote
      // inside an unquoted value (Nguyen "Bo" An) is kept literally, as Excel does.
      inQuotes = true;
      quoteOpenedOn = line;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (inQuotes) {
    throw new Error("CSV_UNCLOSED_QUOTE", { cause: { line: quoteOpenedOn } });
  }
  endRecord(); // last record has no trailing newline (or is empty: dropped below)

  // Blank lines, and lines holding only delimiters (";;;;", common in Excel
  // exports), carry no data; dropping them avoids a wall of "missing value" errors.
  const nonEmpty = records.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const [first, ...rest] = nonEmpty;
  return { header: first ? first.cells : [], rows: first ? rest : [] };
}
