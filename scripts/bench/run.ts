// npm run bench [-- --duration 10 --learners 3000 --quick]
// Runs the production build against the benchmark database (npm run bench:data
// first) in its own process, loads it from this one, and writes
// bench/results/<time>.json and .md (the Markdown is printed too).
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { ensureFreshBuild } from "../../server/build.ts";
import { freePort } from "../../server/free-port.ts";
import { withAppDatabase } from "../app-database.ts";
import { benchDatabaseUrlFor } from "./target.ts";
import { assignThroughApi, dashboard, examDay, lessonPage, roster } from "./scenarios.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "15" },
    learners: { type: "string", default: "3000" },
    ramp: { type: "string", default: "60" },
    saves: { type: "string", default: "2" },
    "save-every": { type: "string", default: "30" },
    assignments: { type: "string", default: "1000" },
    quick: { type: "boolean", default: false },
  },
});
const quick = values.quick;
const duration = quick ? 5 : Number(values.duration);
const learners = quick ? 300 : Number(values.learners);
const examOpts = { learners, rampSeconds: quick ? 15 : Number(values.ramp), saves: quick ? 1 : Number(values.saves), saveEverySeconds: quick ? 10 : Number(values["save-every"]) };

await withAppDatabase(async (appUrl) => {
  const url = benchDatabaseUrlFor(appUrl);
  const db = new pg.Client({ connectionString: url });
  try {
    await db.connect();
  } catch {
    console.error(`No benchmark database at ${url}: run \`npm run bench:data -- --staff 100000\` first.`);
    process.exit(2);
  }
  const info = await db.query(`select version() as pg, (select count(*) from people) people, (select count(*) from certifications) certifications,
    (select count(*) from exam_attempts) attempts, (select count(*) from units) units`);
  const lesson = await db.query(`select c.slug as course, l.slug as lesson from lessons l join courses c on c.id = l.course_id order by c.position, l.position limit 1`);
  const sample = await db.query(`select p.employee_code, st.code as station from people p join stations st on st.unit_id = p.unit_id where p.employee_code like 'R%' order by p.id`);
  const exam = await db.query(`select e.id from exams e join certification_types t on t.id = e.certification_type_id where t.code = 'KT1-VAN-THU'`);
  const far = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 5, 0));
  await db.end();

  await ensureFreshBuild(ROOT, (m) => console.log(m));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "warn", SEED_DEMO: "never", JOBS: "off" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    for (let i = 0; i < 240; i++) {
      if ((await fetch(`${base}/healthz`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const people = sample.rows.map((r) => ({ employeeCode: r.employee_code as string, station: r.station as string }));
    const results = {
      lessonPage: await lessonPage(base, duration, `/learn/${lesson.rows[0].course}/${lesson.rows[0].lesson}`),
      dashboard: await dashboard(base, duration),
      roster: await roster(base, duration, { ...people[0], start: far.toISOString(), end: new Date(far.getTime() + 4 * 3600_000).toISOString() }),
      assignments: await assignThroughApi(base, people, new Date(far.getTime() + 86_400_000 * 7), quick ? 200 : Number(values.assignments)),
      examDay: await examDay(base, { ...examOpts, examId: exam.rows[0].id }),
    };
    const report = {
      at: new Date().toISOString(),
      machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: String(info.rows[0].pg).split(" ").slice(0, 2).join(" ") },
      dataset: { units: Number(info.rows[0].units), people: Number(info.rows[0].people), certifications: Number(info.rows[0].certifications), attempts: Number(info.rows[0].attempts) },
      settings: { duration, ...examOpts, quick },
      results,
    };
    const md = markdown(report);
    const stamp = report.at.replace(/[:.]/g, "-");
    await mkdir(path.join(ROOT, "bench/results"), { recursive: true });
    await writeFile(path.join(ROOT, `bench/results/${stamp}.json`), JSON.stringify(report, null, 2));
    await writeFile(path.join(ROOT, `bench/results/${stamp}.md`), md);
    console.log(md);
  } finally {
    app.kill("SIGTERM");
  }
});
process.exit(0);

type Report = { machine: Record<string, unknown>; dataset: Record<string, number>; settings: Record<string, unknown>; results: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

function markdown(r: Report) {
  const x = r.results;
  const ok = (b: boolean) => (b ? "met" : "**missed**");
  // A scenario with failed or timed-out requests meets nothing, whatever its latency says.
  const clean = (c: { rps: number; errors: number; non2xx: number }) => c.rps > 0 && c.errors === 0 && c.non2xx === 0;
  const rows = [
    ["Lesson page (50 conn.)", `${x.lessonPage.lesson.rps} req/s (floor ${x.lessonPage.floor.rps}, ratio ${x.lessonPage.ratio})`, `p50 ${x.lessonPage.lesson.p50} · p99 ${x.lessonPage.lesson.p99} ms`, `≥ 50% of floor, p99 < 50 ms: ${ok(clean(x.lessonPage.lesson) && x.lessonPage.ratio >= 0.5 && x.lessonPage.lesson.p99 < 50)}`],
    ["Dashboard (10 conn.)", `${x.dashboard.dashboard.rps} req/s, ${x.dashboard.dashboard.errors + x.dashboard.dashboard.non2xx} failed`, `p50 ${x.dashboard.dashboard.p50} · p97.5 ${x.dashboard.dashboard.p97_5} ms`, `p95 < 150 ms: ${ok(clean(x.dashboard.dashboard) && x.dashboard.dashboard.p97_5 < 150)}`],
    ["Drill-down search (10 conn.)", `${x.dashboard.drillDown.rps} req/s`, `p50 ${x.dashboard.drillDown.p50} · p97.5 ${x.dashboard.drillDown.p97_5} ms`, ""],
    ["Eligibility API (10 conn.)", `${x.roster.eligibility10.rps} req/s, ${x.roster.eligibility10.errors + x.roster.eligibility10.non2xx} failed`, `p50 ${x.roster.eligibility10.p50} · p99 ${x.roster.eligibility10.p99} ms`, `p99 < 10 ms: ${ok(clean(x.roster.eligibility10) && x.roster.eligibility10.p99 < 10)}`],
    ["Eligibility API (50 conn.)", `${x.roster.eligibility50.rps} req/s`, `p50 ${x.roster.eligibility50.p50} · p99 ${x.roster.eligibility50.p99} ms`, ""],
    [`${x.assignments.count} assignments via API (10 at a time)`, `${x.assignments.seconds} s, ${x.assignments.errors} errors`, `p50 ${x.assignments.p50} · p99 ${x.assignments.p99} ms`, `1,000 in < 2 s: ${ok(x.assignments.seconds < 2 && x.assignments.count >= 1000)}`],
    [`Exam day: ${x.examDay.learners} learners`, `${x.examDay.errors} errors in ${x.examDay.seconds} s`, `start p99 ${x.examDay.start.p99} · autosave p99 ${x.examDay.autosave.p99} · submit p99 ${x.examDay.submit.p99} ms`, `0 errors, p99 < 500 ms: ${ok(x.examDay.errors === 0 && Math.max(x.examDay.start.p99, x.examDay.autosave.p99, x.examDay.submit.p99) < 500)}`],
  ];
  return [
    `## KT1 Academy benchmark — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Machine: ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.postgres}. Dataset: ${r.dataset.units} units, ${r.dataset.people} people, ${r.dataset.certifications} certifications, ${r.dataset.attempts} exam attempts.`,
    "",
    "| scenario | throughput | latency | target |",
    "| --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    "",
  ].join("\n");
}
