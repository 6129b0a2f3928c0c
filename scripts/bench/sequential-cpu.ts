// npx tsx scripts/bench/sequential-cpu.ts [requests]   (BENCH_DATABASE_URL set; npm run build first)
// CPU time per request of one app process (from /proc/<pid>/stat), for /ping
// and the lesson page of the bench's learner 0, requests sent one at a time:
// what a busy machine changes least (decision 070). Linux only.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../server/free-port.ts";
import { benchToken } from "./accounts.ts";
import { cpuMsOf } from "./proc-cpu.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const n = Number(process.argv[2] ?? 400);
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error("set BENCH_DATABASE_URL");
const db = new pg.Client({ connectionString: url });
await db.connect();
const { rows } = await db.query(`select c.slug as course, l.slug as lesson from lessons l join courses c on c.id = l.course_id order by c.position, l.position limit 1`);
await db.end();
const lessonPath = `/learn/${rows[0].course}/${rows[0].lesson}`;

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const app = spawn(process.execPath, ["server/start.mjs"], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: url, MIGRATION_DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "warn", SEED_DEMO: "never", JOBS: "off", WEB_PROCESSES: "1" },
  stdio: ["ignore", "inherit", "inherit"],
});
const cpuMs = () => cpuMsOf(app.pid!);
try {
  for (let i = 0; i < 240 && !(await fetch(`${base}/healthz`).catch(() => null))?.ok; i++) await new Promise((r) => setTimeout(r, 500));
  const headers = { cookie: `kt1_session=${benchToken("learner", 0)}` };
  const first = await fetch(`${base}${lessonPath}`, { headers, redirect: "manual" });
  console.log(`${lessonPath}: ${first.status}, ${(await first.text()).length} characters`);
  for (const [name, target, h] of [["/ping", "/ping", {}], ["lesson", lessonPath, headers], ["/ping", "/ping", {}], ["lesson", lessonPath, headers]] as const) {
    for (let i = 0; i < 50; i++) await (await fetch(`${base}${target}`, { headers: h })).arrayBuffer();
    const before = cpuMs();
    const started = performance.now();
    for (let i = 0; i < n; i++) await (await fetch(`${base}${target}`, { headers: h })).arrayBuffer();
    const wall = performance.now() - started;
    console.log(`${name}: ${((cpuMs() - before) / n).toFixed(2)} ms CPU per request (app process), ${(wall / n).toFixed(2)} ms wall, ${n} sequential requests`);
  }
} finally {
  app.kill("SIGTERM");
}
