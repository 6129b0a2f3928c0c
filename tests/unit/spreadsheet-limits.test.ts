import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkArchive, XLSX_MAX_ENTRIES } from "../../app/domain/staff/spreadsheet-limits.ts";
import { readZipDirectory, storedZip } from "../../app/utils/zip.ts";

const MiB = 1024 * 1024;
const part = (name: string, uncompressedSize: number, compressedSize = uncompressedSize) => ({ name, uncompressedSize, compressedSize });

describe("checkArchive", () => {
  it("accepts a workbook like Excel writes", () => {
    expect(
      checkArchive([
        part("xl/worksheets/sheet1.xml", 7 * MiB, 0.6 * MiB),
        part("xl/sharedStrings.xml", 2 * MiB, 0.2 * MiB),
        part("xl/styles.xml", 2000, 600),
      ]),
    ).toBeNull();
  });

  it("refuses too many parts, a part or a total too large, and an absurd compression ratio", () => {
    const many = Array.from({ length: XLSX_MAX_ENTRIES + 1 }, (_, i) => part(`p${i}.xml`, 10));
    expect(checkArchive(many)).toEqual({ code: "XLSX_TOO_MANY_PARTS", value: "200" });
    expect(checkArchive([part("xl/worksheets/sheet1.xml", 40 * MiB, 40 * 1024)])).toEqual({ code: "XLSX_TOO_LARGE", value: "20 MB" });
    expect(checkArchive([part("xl/media/image1.png", 6 * MiB)])).toEqual({ code: "XLSX_TOO_LARGE", value: "5 MB" });
    const sheets = [1, 2, 3].map((n) => part(`xl/worksheets/sheet${n}.xml`, 19 * MiB));
    expect(checkArchive(sheets)).toEqual({ code: "XLSX_TOO_LARGE", value: "50 MB" });
    expect(checkArchive([part("xl/worksheets/sheet1.xml", 10 * MiB, 50 * 1024)])).toEqual({ code: "XLSX_OVERCOMPRESSED", value: "100" });
  });
});

describe("readZipDirectory", () => {
  const files = [
    { name: "a.xml", data: new TextEncoder().encode("<a/>") },
    { name: "xl/b.xml", data: new Uint8Array(0) },
  ];
  const archive = storedZip(files.map((f) => ({ ...f, crc32: crc32(f.data) })));

  it("lists the entries of an archive with their declared sizes", () => {
    const dir = readZipDirectory(archive);
    expect(dir.ok && dir.entries.map((e) => [e.name, e.method, e.uncompressedSize])).toEqual([
      ["a.xml", 0, 4],
      ["xl/b.xml", 0, 0],
    ]);
  });

  it("refuses what is not a plain, single-disk, unencrypted archive", () => {
    expect(readZipDirectory(new TextEncoder().encode("not a zip")).ok).toBe(false);
    expect(readZipDirectory(archive.subarray(0, archive.length - 1)).ok).toBe(false); // cut short
    const prefixed = new Uint8Array(archive.length + 3);
    prefixed.set(archive, 3);
    expect(readZipDirectory(prefixed).ok).toBe(false); // bytes before the first entry
    const encrypted = archive.slice();
    const cd = new DataView(encrypted.buffer).getUint32(encrypted.length - 6, true);
    encrypted[cd + 8] |= 1;
    expect(readZipDirectory(encrypted).ok).toBe(false);
  });
});
