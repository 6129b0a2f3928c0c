import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvLines, defuseFormulas, toCsv } from "../../app/utils/csv.ts";
import { parseCsv } from "../../app/domain/staff/csv.ts";

describe("toCsv", () => {
  it("starts with a UTF-8 byte-order mark, quotes every cell and ends every row with CRLF", () => {
    const out = toCsv([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(out).toBe('\uFEFF"a","b"\r\n"1","2"\r\n');
    expect(out.startsWith(CSV_BOM)).toBe(true);
  });

  it("writes only the byte-order mark for no rows, and no sep= line", () => {
    expect(toCsv([])).toBe("\uFEFF");
  });

  it("keeps Vietnamese diacritics as they are", () => {
    const out = toCsv([
      ["Họ và tên", "Đơn vị"],
      ["Nguyễn Thị Ánh", "Bưu điện xã Đồng Lạc"],
    ]);
    expect(out).toBe('\uFEFF"Họ và tên","Đơn vị"\r\n"Nguyễn Thị Ánh","Bưu điện xã Đồng Lạc"\r\n');
    // As UTF-8 bytes, the file opens with EF BB BF.
    expect([...new TextEncoder().encode(out).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("writes with ';' between cells when asked (the import template)", () => {
    expect(toCsv([["a", "b;c"]], ";")).toBe('\uFEFF"a";"b;c"\r\n');
  });

  it("quotes every cell, doubling inner quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvCell("line 1\r\nline 2")).toBe('"line 1\r\nline 2"');
    expect(csvCell("plain")).toBe('"plain"');
  });

  it("writes null and undefined as empty cells, numbers as numbers", () => {
    expect(csvLines([[null, undefined, 0, 42, -7, 1.5, "", Number.NaN]])).toBe('"","","0","42","-7","1.5","",""\r\n');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=SUM(A1:A9)")).toBe(`"'=SUM(A1:A9)"`);
    expect(csvCell("+84 912 345 678")).toBe(`"'+84 912 345 678"`);
    expect(csvCell("-2+3")).toBe(`"'-2+3"`);
    expect(csvCell("@cmd")).toBe(`"'@cmd"`);
    expect(csvCell("\t=1")).toBe(`"'\t=1"`);
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
    expect(csvCell("＝1+1")).toBe(`"'＝1+1"`); // full-width equals sign
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    // Behind spaces or quotes a reader may drop.
    expect(csvCell(" =1")).toBe(`"' =1"`);
    expect(csvCell('"=1"')).toBe(`"'""=1"""`);
    // Inside a word, not a cell start: left alone.
    expect(csvCell("a=b")).toBe('"a=b"');
    expect(csvCell("1-2")).toBe('"1-2"');
  });

  it("neutralises a formula after a ';' or a line break inside a cell, where a ';'-reader starts a cell", () => {
    expect(defuseFormulas('A;=HYPERLINK("http://evil.example","x")')).toBe(`A;'=HYPERLINK("http://evil.example","x")`);
    expect(defuseFormulas("A; -1")).toBe("A;' -1");
    expect(defuseFormulas("A\n=1")).toBe("A\n'=1");
    expect(defuseFormulas("A\r\n@x")).toBe("A\r\n'@x");
    expect(defuseFormulas("A;B\nC")).toBe("A;B\nC");
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
    const semi = parseCsv(toCsv(rows, ";"));
    expect(semi.rows.map((r) => r.cells)).toEqual(rows.slice(1));
  });
});
