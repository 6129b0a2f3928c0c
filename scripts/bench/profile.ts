// npx tsx scripts/bench/profile.ts bench/profiles/<file>.cpuprofile [top]
// Summarises a V8 CPU profile (node --cpu-prof; `npm run bench -- --cpu-prof`):
// self time by package or source area, and the heaviest functions.
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx scripts/bench/profile.ts <file.cpuprofile> [top]");
  process.exit(2);
}
const top = Number(topArg ?? 25);
const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** Where a frame's code lives: a package, an area of this app, or V8/Node itself. */
function area(url: string, name: string) {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const app = /\/(app\/generated|build\/server|app\/[^/]+|server|scripts)\//.exec(url)?.[1];
  return app ?? url;
}

const areas = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, t] of self) {
  const f = byId.get(id)!.callFrame;
  const a = area(f.url, f.functionName);
  areas.set(a, (areas.get(a) ?? 0) + t);
  const key = `${f.functionName || "(anonymous)"}  ${a}${f.url ? `:${f.lineNumber + 1}` : ""}`;
  functions.set(key, (functions.get(key) ?? 0) + t);
}
const pct = (t: number) => `${((t / total) * 100).toFixed(1).padStart(5)} %`;
const ms = (t: number) => `${(t / 1000).toFixed(0).padStart(7)} ms`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled over ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s of wall time`);
console.log("\nself time by area:");
for (const [a, t] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${pct(t)} ${ms(t)}  ${a}`);
console.log("\nheaviest functions (self time):");
for (const [f, t] of [...functions].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${pct(t)} ${ms(t)}  ${f}`);
