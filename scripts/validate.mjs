// `npm run validate`: everything a change must pass before it is merged. The
// generated code comes first (Prisma client, route types); then the independent
// checks run side by side, as many at once as the machine has cores. The e2e
// suite starts after the type check, because it may rebuild the app (and the
// route types with it) while tsc reads them. Each check's output is printed
// whole when it ends; the exit code is non-zero if any check failed.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import path from "node:path";

const PREPARE = ["node scripts/prisma-generate.mjs", "react-router typegen"];
const CHECKS = [
  { name: "typecheck", command: "tsc" },
  { name: "lint", command: "eslint ." },
  { name: "format", command: "prettier --check ." },
  { name: "content", command: "tsx scripts/content/check.ts" },
  { name: "unit+integration", command: "vitest run --project unit --project integration" },
  { name: "e2e", command: "vitest run --project e2e", after: "typecheck" },
  { name: "security", command: "vitest run --project security", after: "e2e" },
];

const env = { ...process.env, PATH: `${path.resolve("node_modules/.bin")}${path.delimiter}${process.env.PATH}` };

function run(command) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, { shell: true, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ ok: code === 0, output, seconds: Math.round((Date.now() - started) / 1000) }));
  });
}

for (const command of PREPARE) {
  const result = await run(command);
  if (!result.ok) {
    process.stdout.write(result.output);
    console.error(`validate: "${command}" failed`);
    process.exit(1);
  }
}

const limit = Math.max(2, availableParallelism());
const done = new Map(); // name -> promise of its result
const results = [];
let running = 0;
const waiting = [...CHECKS];

await new Promise((finish) => {
  const next = () => {
    if (!waiting.length && !running) return finish();
    while (running < limit) {
      const i = waiting.findIndex((c) => !c.after || done.get(c.after)?.settled);
      if (i === -1) return;
      const check = waiting.splice(i, 1)[0];
      running++;
      const entry = { settled: false };
      done.set(check.name, entry);
      run(check.command).then((result) => {
        entry.settled = true;
        running--;
        results.push({ ...check, ...result });
        console.log(`\n── ${check.name} (${check.command}) ${result.ok ? "passed" : "FAILED"} in ${result.seconds}s ──`);
        process.stdout.write(result.output);
        next();
      });
    }
  };
  next();
});

console.log("\nvalidate:");
for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name} (${r.seconds}s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
