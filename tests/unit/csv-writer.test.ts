import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvLines, toCsv } from "../../app/utils/csv.ts";
import { parseCsv } from "../../app/domain/staff/csv.ts";

describe("toCsv", () => {
  it("starts with a UTF-8 byte-order mark and ends every row with CRLF", () => {
    const out = toCsv([["a", "b"], ["1", "2"]]);
    expect(out).toBe("\uFEFFa,b\r\n1,2\r\n");
    expect(out.startsWith(CSV_BOM)).toBe(true);
  });

  it("writes only the byte-order mark for no rows", () => {
    expect(toCsv([])).toBe("\uFEFF");
  });

  it("keeps Vietnamese diacritics as they are", () => {
    const out = toCsv([["Họ và tên", "Đơn vị"], ["Nguyễn Thị Ánh", "Bưu điện xã Đồng Lạc"]]);
    expect(out).toBe("\uFEFFHọ và tên,Đơn vị\r\nNguyễn Thị Ánh,Bưu điện xã Đồng Lạc\r\n");
    // As UTF-8 bytes, the file opens with EF BB BF.
    expect([...new TextEncoder().encode(out).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("quotes cells holding commas, quotes or line breaks, doubling inner quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvCell("line 1\r\nline 2")).toBe('"line 1\r\nline 2"');
    expect(csvCell("plain")).toBe("plain");
  });

  it("writes null and undefined as empty cells, numbers as numbers", () => {
    expect(csvLines([[null, undefined, 0, 42, -7, 1.5, ""]])).toBe(",,0,42,-7,1.5,\r\n");
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=SUM(A1:A9)")).toBe("'=SUM(A1:A9)");
    expect(csvCell("+84 912 345 678")).toBe("'+84 912 345 678");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("\t=1")).toBe("'\t=1");
    // Defused and quoted at once when it also holds a comma or a quote.
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    // Only the first character counts.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("1-2")).toBe("1-2");
  });

  it("round-trips through the staff CSV parser", () => {
    const rows = [
      ["Mã", "Ghi chú"],
      ["NV01", 'Có dấu phẩy, "ngoặc kép"\nvà xuống dòng'],
      ["NV02", ""],
    ];
    const parsed = parseCsv(toCsv(rows));
    expect(parsed.header).toEqual(rows[0]);
    expect(parsed.rows.map((r) => r.cells)).toEqual(rows.slice(1));
  });
});
