// BENCH_DATABASE_URL=… npx tsx scripts/bench/api-cpu.ts [--requests 3000] [--bookings 500] [--cpu-prof dir]
// CPU time per request of the API, which a busy machine does not distort the
// way it distorts latency: one app process (JOBS=off) serves a fixed number of
// requests, 10 at a time, and its user + system time from /proc is divided by
// that number, and so is PostgreSQL's (summed over its processes). Each API
// request is sent twice over: as a client sends it (the plain handlers,
// decision 069), and with a cookie that names no session, which React Router's
// pipeline answers (identically); /healthz is the floor.
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { HOUR_MS } from "../../app/domain/time/calendar.ts";
import { ensureFreshBuild } from "../../server/build.mjs";
import { freePort } from "../../server/free-port.ts";
import { BENCH_API_TOKEN } from "./accounts.ts";
import { BENCH_DUTY } from "./data-sql.ts";
import { cpuMsOf, postgresCpuMs } from "./proc-cpu.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: { requests: { type: "string", default: "3000" }, bookings: { type: "string", default: "500" }, "cpu-prof": { type: "string" } },
});
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error("set BENCH_DATABASE_URL (npm run bench:data first)");

const db = new pg.Client({ connectionString: url });
await db.connect();
const people = (
  await db.query(
    `select p.employee_code, st.code as station from people p join stations st on st.unit_id = p.unit_id where p.employee_code like 'R%' order by p.id`,
  )
).rows as { employee_code: string; station: string }[];
const sample = people[0];
const [{ last }] = (await db.query(`select max(ends_at) as last from shifts`)).rows as { last: Date }[];
await db.end();

await ensureFreshBuild(ROOT, (m) => console.log(m));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const profile = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`] : [];
const app = spawn(process.execPath, [...profile, "server/start.mjs"], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "error", SEED_DEMO: "never", JOBS: "off", WEB_PROCESSES: "1" },
  stdio: ["ignore", "inherit", "inherit"],
});
const cpuMs = () => cpuMsOf(app.pid!);

try {
  for (let i = 0; i < 240 && !(await fetch(`${base}/healthz`).catch(() => null))?.ok; i++) await new Promise((r) => setTimeout(r, 500));
  const auth = { authorization: `Bearer ${BENCH_API_TOKEN}` };
  const viaReactRouter = { cookie: "bench=1", origin: base };
  const start = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 5));
  const q = new URLSearchParams({ employeeCode: sample.employee_code, dutyType: BENCH_DUTY, station: sample.station, start: start.toISOString(), end: new Date(start.getTime() + 4 * HOUR_MS).toISOString() });
  const eligibility = `${base}/api/v1/eligibility?${q}`;
  let from = Math.ceil((last.getTime() + 2 * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS;
  const bookings = (n: number) => {
    const bodies = Array.from({ length: n }, (_, i) => JSON.stringify({ employeeCode: people[i % people.length].employee_code, dutyType: BENCH_DUTY, station: people[i % people.length].station, start: new Date(from + i * HOUR_MS).toISOString(), end: new Date(from + (i + 1) * HOUR_MS).toISOString() }));
    from += n * HOUR_MS;
    let i = 0;
    return { requests: [{ method: "POST" as const, setupRequest: (r: Record<string, unknown>) => ({ ...r, body: bodies[i++ % n] }) }] };
  };

  const measure = async (name: string, opts: Record<string, unknown>, amount: number) => {
    await autocannon({ url: eligibility, connections: 10, amount: 200, headers: auth }); // warm
    const before = cpuMs();
    const pgBefore = postgresCpuMs();
    const r = await autocannon({ connections: 10, amount, ...opts } as autocannon.Options);
    const ms = (cpuMs() - before) / amount;
    const pgMs = (postgresCpuMs() - pgBefore) / amount;
    console.log(
      `${name.padEnd(44)} ${ms.toFixed(2).padStart(6)} ms CPU/request, PostgreSQL ${pgMs.toFixed(2)} ms  (${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors})`,
    );
  };
  const n = Number(values.requests);
  const b = Number(values.bookings);
  await measure("floor: GET /healthz", { url: `${base}/healthz` }, n);
  await measure("GET /api/v1/eligibility (plain handler)", { url: eligibility, headers: auth }, n);
  await measure("GET /api/v1/eligibility (React Router)", { url: eligibility, headers: { ...auth, ...viaReactRouter } }, n);
  const post = { "content-type": "application/json" };
  const probe = bookings(1);
  const tried = await fetch(`${base}/api/v1/assignments`, { method: "POST", headers: { ...auth, ...post }, body: probe.requests[0].setupRequest({}).body as string });
  if (tried.status !== 201) console.log(`a booking answered ${tried.status}: ${(await tried.text()).slice(0, 300)}`);
  await measure("POST /api/v1/assignments (plain handler)", { url: `${base}/api/v1/assignments`, headers: { ...auth, ...post }, ...bookings(b) }, b);
  await measure("POST /api/v1/assignments (React Router)", { url: `${base}/api/v1/assignments`, headers: { ...auth, ...post, ...viaReactRouter }, ...bookings(b) }, b);
} finally {
  app.kill("SIGTERM");
  await new Promise((r) => app.once("exit", r));
}
process.exit(0);
