import { describe, it, expect } from "vitest";
import { parseCsv } from "../../app/domain/staff/csv.ts";

describe("parseCsv", () => {
  it("parses comma-delimited text with LF endings", () => {
    expect(parseCsv("a,b,c\n1,2,3\n4,5,6\n")).toEqual({
      header: ["a", "b", "c"],
      rows: [
        { line: 2, cells: ["1", "2", "3"] },
        { line: 3, cells: ["4", "5", "6"] },
      ],
    });
  });

  it("detects a semicolon delimiter and keeps commas inside values", () => {
    const r = parseCsv("Mã nhân viên;Họ và tên\r\nNV01;Nguyễn Văn A, Jr\r\n");
    expect(r.header).toEqual(["Mã nhân viên", "Họ và tên"]);
    expect(r.rows).toEqual([{ line: 2, cells: ["NV01", "Nguyễn Văn A, Jr"] }]);
  });

  it("ignores delimiters inside quoted header names when detecting", () => {
    // Two commas in quotes, one semicolon outside: the delimiter is ";".
    const r = parseCsv('"a,b,c";d\n1;2\n');
    expect(r.header).toEqual(["a,b,c", "d"]);
    expect(r.rows[0].cells).toEqual(["1", "2"]);
  });

  it("strips a UTF-8 BOM so the first header is clean", () => {
    const r = parseCsv("\uFEFFemployee_code,full_name\nA1,B\n");
    expect(r.header[0]).toBe("employee_code");
  });

  it("handles quoted fields with delimiters, doubled quotes and empty quoted values", () => {
    const r = parseCsv('x,y,z\n"a,b","say ""hi""",""\n');
    expect(r.rows[0].cells).toEqual(["a,b", 'say "hi"', ""]);
  });

  it("keeps newlines inside quotes and reports the line where each record starts", () => {
    const text = 'h1,h2\r\n"multi\r\nline\r\nvalue",x\r\nnext,y\r\n"one\nmore",z';
    const r = parseCsv(text);
    expect(r.rows).toEqual([
      { line: 2, cells: ["multi\nline\nvalue", "x"] },
      { line: 5, cells: ["next", "y"] },
      { line: 6, cells: ["one\nmore", "z"] },
    ]);
  });

  it("skips blank lines (and delimiter-only lines) but keeps physical line numbers", () => {
    const r = parseCsv("h1;h2\n\n1;2\n   \n;;\r\n\r\n3;4");
    expect(r.rows).toEqual([
      { line: 3, cells: ["1", "2"] },
      { line: 7, cells: ["3", "4"] },
    ]);
  });

  it("treats a quote inside an unquoted value literally", () => {
    expect(parseCsv('a\nNguyen "Bo" An\n').rows[0].cells).toEqual(['Nguyen "Bo" An']);
  });

  it("returns an empty result for empty input or a lone BOM", () => {
    expect(parseCsv("")).toEqual({ header: [], rows: [] });
    expect(parseCsv("\uFEFF\r\n\r\n")).toEqual({ header: [], rows: [] });
  });

  it("returns a header with no rows when only the header is present", () => {
    expect(parseCsv("a,b\r\n")).toEqual({ header: ["a", "b"], rows: [] });
  });

  it("throws on an unclosed quote instead of swallowing the rest of the file", () => {
    expect(() => parseCsv('a,b\n"open,1\n2,3\n')).toThrow("CSV_UNCLOSED_QUOTE");
  });
});
