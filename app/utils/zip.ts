// Reads a zip archive's central directory (the table of contents at its end)
// without unpacking anything, and writes an archive of stored (uncompressed)
// entries. Pure and small on purpose: the spreadsheet reader uses it to check
// what an upload claims to hold before a single byte is inflated (decision 032).
// Anything unusual — ZIP64, several disks, encryption, bytes before the first
// entry, overlapping or out-of-range entries, duplicate names — is "malformed":
// no spreadsheet program writes it, and every reader must agree on our reading.

export type ZipEntry = {
  name: string;
  /** 0 = stored, 8 = deflate; anything else is refused as malformed. */
  method: 0 | 8;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's (compressed) bytes start in the archive. */
  dataOffset: number;
};

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;

export function readZipDirectory(bytes: Uint8Array): { ok: true; entries: ZipEntry[] } | { ok: false } {
  const fail = { ok: false } as const;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);

  // The End Of Central Directory record: the last one whose comment reaches the end exactly.
  let eocd = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= 0 && at >= bytes.length - EOCD_SIZE - MAX_COMMENT; at--) {
    if (u32(at) === EOCD_SIG && at + EOCD_SIZE + u16(at + 20) === bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return fail;
  const [disk, cdDisk, onDisk, total] = [u16(eocd + 4), u16(eocd + 6), u16(eocd + 8), u16(eocd + 10)];
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || onDisk !== total || total === 0xffff) return fail; // several disks or ZIP64
  if (cdOffset === 0xffffffff || cdSize === 0xffffffff || cdOffset + cdSize !== eocd) return fail;

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  const spans: [number, number][] = [];
  let at = cdOffset;
  for (let i = 0; i < total; i++) {
    if (at + CENTRAL_SIZE > eocd || u32(at) !== CENTRAL_SIG) return fail;
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const compressedSize = u32(at + 20);
    const uncompressedSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const end = at + CENTRAL_SIZE + nameLength + u16(at + 30) + u16(at + 32);
    const localOffset = u32(at + 42);
    if (end > eocd || (flags & 0x1) !== 0 || (method !== 0 && method !== 8)) return fail; // encrypted, exotic method
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) return fail;
    const nameBytes = bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    const name = new TextDecoder((flags & 0x800) !== 0 ? "utf-8" : "latin1").decode(nameBytes);
    if (name === "" || names.has(name)) return fail;
    names.add(name);

    if (localOffset + LOCAL_SIZE > cdOffset || u32(localOffset) !== LOCAL_SIG) return fail;
    const dataOffset = localOffset + LOCAL_SIZE + u16(localOffset + 26) + u16(localOffset + 28);
    if (dataOffset + compressedSize > cdOffset) return fail;
    spans.push([localOffset, dataOffset + compressedSize]);
    entries.push({ name, method, crc32: u32(at + 16), compressedSize, uncompressedSize, dataOffset });
    at = end;
  }
  if (at !== eocd) return fail;
  // Entries may not share bytes (the "overlapping files" bomb reuses one compressed kernel).
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) return fail;
  return { ok: true, entries };
}

/** An archive of stored entries, in the order given (names are UTF-8). */
export function storedZip(files: { name: string; data: Uint8Array; crc32: number }[]): Uint8Array {
  const encoder = new TextEncoder();
  const named = files.map((f) => ({ ...f, nameBytes: encoder.encode(f.name) }));
  const localSize = named.reduce((n, f) => n + LOCAL_SIZE + f.nameBytes.length + f.data.length, 0);
  const centralSize = named.reduce((n, f) => n + CENTRAL_SIZE + f.nameBytes.length, 0);
  const out = new Uint8Array(localSize + centralSize + EOCD_SIZE);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const f of named) {
    offsets.push(at);
    view.setUint32(at, LOCAL_SIG, true);
    view.setUint16(at + 4, 20, true); // version needed
    view.setUint16(at + 6, 0x800, true); // UTF-8 names
    view.setUint32(at + 14, f.crc32, true);
    view.setUint32(at + 18, f.data.length, true);
    view.setUint32(at + 22, f.data.length, true);
    view.setUint16(at + 26, f.nameBytes.length, true);
    out.set(f.nameBytes, at + LOCAL_SIZE);
    out.set(f.data, at + LOCAL_SIZE + f.nameBytes.length);
    at += LOCAL_SIZE + f.nameBytes.length + f.data.length;
  }
  const cdOffset = at;
  named.forEach((f, i) => {
    view.setUint32(at, CENTRAL_SIG, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 8, 0x800, true);
    view.setUint32(at + 16, f.crc32, true);
    view.setUint32(at + 20, f.data.length, true);
    view.setUint32(at + 24, f.data.length, true);
    view.setUint16(at + 28, f.nameBytes.length, true);
    view.setUint32(at + 42, offsets[i], true);
    out.set(f.nameBytes, at + CENTRAL_SIZE);
    at += CENTRAL_SIZE + f.nameBytes.length;
  });
  view.setUint32(at, EOCD_SIG, true);
  view.setUint16(at + 8, named.length, true);
  view.setUint16(at + 10, named.length, true);
  view.setUint32(at + 12, at - cdOffset, true);
  view.setUint32(at + 16, cdOffset, true);
  return out;
}
