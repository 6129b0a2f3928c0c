// npx tsx scripts/bench/compression.ts page.html [more.html …]
// CPU time and size of each page compressed at each brotli quality and gzip
// level, to choose the server's settings by measurement (server/app.ts). Save
// real pages first, e.g. `curl -s -H "cookie: kt1_session=…" URL > page.html`
// against the bench database; the best of five timed rounds is reported.
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: npx tsx scripts/bench/compression.ts page.html [more.html …]");
  process.exit(2);
}

const ROUNDS = 5;
const PER_ROUND = 100;

const settings: [string, (b: Buffer) => Buffer][] = [
  ...[1, 2, 3, 4, 5].map((q): [string, (b: Buffer) => Buffer] => [
    `br ${q}`,
    (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: q, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }),
  ]),
  ...[1, 3, 6].map((level): [string, (b: Buffer) => Buffer] => [`gzip ${level}`, (b) => zlib.gzipSync(b, { level })]),
];

/** The best round's mean time per compression, in ms: the least disturbed by the rest of the machine. */
function timeOf(compress: (b: Buffer) => Buffer, page: Buffer) {
  for (let i = 0; i < 20; i++) compress(page);
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    for (let i = 0; i < PER_ROUND; i++) compress(page);
    best = Math.min(best, (performance.now() - t) / PER_ROUND);
  }
  return best;
}

console.log(`| page | raw | ${settings.map(([name]) => name).join(" | ")} |`);
console.log(`| --- | --- | ${settings.map(() => "---").join(" | ")} |`);
for (const file of files) {
  const page = readFileSync(file);
  const cells = settings.map(([, compress]) => `${timeOf(compress, page).toFixed(3)} ms, ${(compress(page).length / 1024).toFixed(1)} kB`);
  console.log(`| ${path.basename(file)} | ${(page.length / 1024).toFixed(1)} kB | ${cells.join(" | ")} |`);
}
