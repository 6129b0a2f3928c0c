// BENCH_DATABASE_URL=… npx tsx scripts/bench/exam-cpu.ts [--learners 300] [--cpu-prof dir]
// CPU time per exam-day step of one app process (JOBS=off), from /proc: every
// learner's start, then every exam page, then the autosaves, then the submits,
// 10 at a time, as the bench's exam day sends them. A busy machine changes this
// figure least; it says which step a design change must make cheaper.
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { ensureFreshBuild } from "../../server/build.mjs";
import { freePort } from "../../server/free-port.ts";
import { benchToken } from "./accounts.ts";
import { resetExamLearners } from "./exam-reset.ts";
import { httpClient } from "./http-client.ts";
import { postgresCpuMs, processCpu } from "./proc-cpu.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({ options: { learners: { type: "string", default: "300" }, "cpu-prof": { type: "string" } } });
const learners = Number(values.learners);
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error("set BENCH_DATABASE_URL (npm run bench:data first)");

const db = new pg.Client({ connectionString: url });
await db.connect();
await resetExamLearners(db);
const exam = await db.query(`select e.id from exams e join certification_types t on t.id = e.certification_type_id where t.code = 'KT1-VAN-THU'`);
await db.end();
const examId = String(exam.rows[0].id);

await ensureFreshBuild(ROOT, (m) => console.log(m));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const profile = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`] : [];
const app = spawn(process.execPath, [...profile, "server/start.mjs"], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "error", SEED_DEMO: "never", JOBS: "off", WEB_PROCESSES: "1" },
  stdio: ["ignore", "inherit", "inherit"],
});
/** The app's CPU so far, user and system (kernel: socket writes, wake-ups) apart. */
const cpuMs = () => processCpu(app.pid!) ?? { user: 0, sys: 0 };
const client = httpClient(10);
const form = (i: number, body: URLSearchParams) => ({
  method: "POST",
  headers: { cookie: `kt1_session=${benchToken("learner", i)}`, origin: base, "content-type": "application/x-www-form-urlencoded" },
  body: body.toString(),
});

/** Runs `step` for every learner, 10 at a time, and prints the app's and PostgreSQL's CPU per request. */
async function measure(name: string, step: (i: number) => Promise<boolean>) {
  const before = cpuMs();
  const pgBefore = postgresCpuMs();
  const started = performance.now();
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < learners) if (!(await step(next++))) failed++;
    }),
  );
  const after = cpuMs();
  const pg = (postgresCpuMs() - pgBefore) / learners;
  const [user, sys] = [(after.user - before.user) / learners, (after.sys - before.sys) / learners];
  const wall = (performance.now() - started) / learners;
  console.log(
    `${name.padEnd(28)} ${(user + sys).toFixed(2).padStart(6)} ms CPU/request (user ${user.toFixed(2)}, system ${sys.toFixed(2)}; PostgreSQL ${pg.toFixed(2)} ms; ${wall.toFixed(1)} ms wall each, ${failed} failed)`,
  );
}

try {
  for (let i = 0; i < 240 && !(await fetch(`${base}/healthz`).catch(() => null))?.ok; i++) await new Promise((r) => setTimeout(r, 500));
  const attempts: string[] = [];
  const answers: URLSearchParams[] = [];
  await measure("POST /exams (start)", async (i) => {
    const res = await client.send(`${base}/exams`, form(i, new URLSearchParams({ intent: "start", examId })));
    attempts[i] = /\/exams\/(\d+)/.exec(res.location ?? "")?.[1] ?? "";
    return res.status === 302 && attempts[i] !== "";
  });
  await measure("GET /exams/:id (page)", async (i) => {
    const res = await client.send(`${base}/exams/${attempts[i]}`, { headers: { cookie: `kt1_session=${benchToken("learner", i)}` } });
    answers[i] = new URLSearchParams();
    for (const m of res.text.matchAll(/name="(q\d+)" value="([^"]+)"/g)) if (!answers[i].has(m[1])) answers[i].set(m[1], m[2]);
    return res.status === 200;
  });
  await measure("POST /exams/:id/answers (save)", async (i) => {
    const res = await client.send(`${base}/exams/${attempts[i]}/answers`, form(i, answers[i]));
    return res.status === 200 && res.text.includes("savedAt");
  });
  await measure("POST /exams/:id (submit)", async (i) => {
    const res = await client.send(`${base}/exams/${attempts[i]}`, form(i, new URLSearchParams([...answers[i], ["intent", "submit"]])));
    return res.status === 302;
  });
} finally {
  client.close();
  app.kill("SIGTERM");
  await new Promise((r) => app.once("exit", r));
}
process.exit(0);
