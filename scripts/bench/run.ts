// npm run bench [-- --duration 10 --learners 3000 --quick --only exam,roster --cpu-prof --processes 2]
// Runs the production build against the benchmark database (npm run bench:data
// first) in its own process, loads it from this one, and writes
// bench/results/<time>.json and .md (the Markdown is printed too).
// --only picks scenarios (lesson, dashboard, roster, assign, month, exam);
// --cpu-prof writes the app process's CPU profile to bench/profiles/. Each
// scenario also records the peak RSS of every app process (memory.ts).
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { atVietnamTime } from "../../app/domain/roster/week.ts";
import { addDays, DAY_MS, dayOf, HOUR_MS } from "../../app/domain/time/calendar.ts";
import { ensureFreshBuild } from "../../server/build.mjs";
import { freePort } from "../../server/free-port.ts";
import { withAppDatabase } from "../app-database.ts";
import { benchDatabaseUrlFor } from "./target.ts";
import { BENCH_DUTY, MONTH_PEOPLE, MONTH_STATION } from "./data-sql.ts";
import { withPeakRss, type PeakRss } from "./memory.ts";
import { bookingsStraightToDatabase, startFloorServer } from "./floors.ts";
import { markdown } from "./report.ts";
import { resetExamLearners } from "./exam-reset.ts";
import { assignThroughApi, dashboard, examDay, lessonPage, monthRoster, roster } from "./scenarios.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "15" },
    learners: { type: "string", default: "3000" },
    ramp: { type: "string", default: "60" },
    saves: { type: "string", default: "2" },
    "save-every": { type: "string", default: "30" },
    assignments: { type: "string", default: "1000" },
    "month-days": { type: "string", default: "30" },
    "per-shift": { type: "string", default: "5" },
    only: { type: "string", default: "lesson,dashboard,roster,assign,month,exam" },
    "cpu-prof": { type: "boolean", default: false },
    // App processes sharing the port (WEB_PROCESSES); one per core is the usual choice.
    processes: { type: "string", default: "2" },
    quick: { type: "boolean", default: false },
  },
});
const SCENARIOS = ["lesson", "dashboard", "roster", "assign", "month", "exam"] as const;
const only = new Set(values.only.split(",").map((s) => s.trim()).filter(Boolean));
const unknown = [...only].filter((s) => !(SCENARIOS as readonly string[]).includes(s));
if (unknown.length) {
  console.error(`Unknown scenario(s) in --only: ${unknown.join(", ")}; known: ${SCENARIOS.join(", ")}`);
  process.exit(2);
}
const runs = (s: (typeof SCENARIOS)[number]) => only.has(s);
const quick = values.quick;
const duration = quick ? 5 : Number(values.duration);
const learners = quick ? 300 : Number(values.learners);
const examOpts = { learners, rampSeconds: quick ? 15 : Number(values.ramp), saves: quick ? 1 : Number(values.saves), saveEverySeconds: quick ? 10 : Number(values["save-every"]) };

// Resets between runs need the owner; the app under test runs as the app's role.
await withAppDatabase(async (_appUrl, urls) => {
  const url = benchDatabaseUrlFor(urls.ownerUrl);
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
  // Bookings start after every shift already in the database, so a second run books fresh times
  // instead of running into the first run's assignments (or the dataset's 8-week roster).
  const [{ last }] = (await db.query(`select max(ends_at) as last from shifts`)).rows as { last: Date | null }[];
  const hour = (d: Date) => new Date(Math.ceil(d.getTime() / HOUR_MS) * HOUR_MS);
  const assignFrom = hour(new Date(Math.max(far.getTime() + 7 * DAY_MS, (last?.getTime() ?? 0) + DAY_MS)));
  if (runs("exam")) await resetExamLearners(db);
  const month = runs("month") ? await monthShifts(db, assignFrom, quick ? 7 : Number(values["month-days"]), Number(values["per-shift"])) : null;
  await db.end();

  await ensureFreshBuild(ROOT, (m) => console.log(m));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const profileDir = path.join(ROOT, "bench/profiles");
  const nodeArgs = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  // The app's role on the benchmark database: the app and the floors (floors.ts) connect as it.
  const appDatabaseUrl = benchDatabaseUrlFor(urls.appUrl);
  const app = spawn(process.execPath, [...nodeArgs, "server/start.mjs"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: appDatabaseUrl, MIGRATION_DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "warn", SEED_DEMO: "never", JOBS: "off", WEB_PROCESSES: values.processes },
    stdio: ["ignore", "inherit", "inherit"],
  });
  let finished = false;
  let floors: Awaited<ReturnType<typeof startFloorServer>> | null = null;
  // Say so when the app stops before the run ends (a crash, or a signal from another process on this machine).
  app.once("exit", (code, signal) => {
    if (!finished) console.error(`The app process exited during the run (code ${code}, signal ${signal}): the figures after this are connection errors.`);
  });
  try {
    for (let i = 0; i < 240; i++) {
      if ((await fetch(`${base}/healthz`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const people = sample.rows.map((r) => ({ employeeCode: r.employee_code as string, station: r.station as string }));
    const results: Record<string, unknown> = {};
    // Each scenario's peak RSS per app process (the primary and its workers).
    const memory: Record<string, PeakRss> = {};
    const measure = async (key: string, work: () => Promise<unknown>) => {
      const { value, rss } = await withPeakRss(app.pid, work);
      results[key] = value;
      memory[key] = rss;
    };
    const lessonPath = `/learn/${lesson.rows[0].course}/${lesson.rows[0].lesson}`;
    const eligibilitySample = { ...people[0], start: far.toISOString(), end: new Date(far.getTime() + 4 * HOUR_MS).toISOString() };
    // The floors of the lesson view's and the eligibility check's shapes (floors.ts), idle while the app is measured.
    floors = runs("lesson") || runs("roster") ? await startFloorServer({ databaseUrl: appDatabaseUrl, appBase: base, lessonPath, eligibility: eligibilitySample, processes: Number(values.processes) }) : null;
    if (runs("lesson")) await measure("lessonPage", () => lessonPage(base, duration, lessonPath, floors!.base));
    if (runs("dashboard")) await measure("dashboard", () => dashboard(base, duration));
    if (runs("roster")) await measure("roster", () => roster(base, duration, eligibilitySample, floors!.base));
    if (runs("assign")) {
      const total = quick ? 200 : Number(values.assignments);
      await measure("assignments", async () => ({
        ...(await assignThroughApi(base, people, assignFrom, total)),
        // The same bookings' statements straight to PostgreSQL (on the same hours, other people).
        databaseFloor: await bookingsStraightToDatabase(appDatabaseUrl, people, assignFrom, total),
      }));
    }
    if (month) await measure("monthRoster", async () => ({ days: month.days, perShift: month.perShift, ...(await monthRoster(base, MONTH_STATION, month.people, month.shifts, month.perShift)) }));
    if (runs("exam")) await measure("examDay", () => examDay(base, { ...examOpts, examId: exam.rows[0].id }));
    const report = {
      at: new Date().toISOString(),
      machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: String(info.rows[0].pg).split(" ").slice(0, 2).join(" ") },
      dataset: { units: Number(info.rows[0].units), people: Number(info.rows[0].people), certifications: Number(info.rows[0].certifications), attempts: Number(info.rows[0].attempts) },
      settings: { only: [...only].join(","), duration, ...examOpts, quick, processes: Number(values.processes) },
      results,
      memory,
    };
    const md = markdown(report);
    const stamp = report.at.replace(/[:.]/g, "-");
    await mkdir(path.join(ROOT, "bench/results"), { recursive: true });
    await writeFile(path.join(ROOT, `bench/results/${stamp}.json`), JSON.stringify(report, null, 2));
    await writeFile(path.join(ROOT, `bench/results/${stamp}.md`), md);
    console.log(md);
  } finally {
    await floors?.stop();
    finished = true;
    // Wait for the app to stop: it writes its CPU profile on the way out.
    const exited = new Promise((r) => app.once("exit", r));
    app.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (values["cpu-prof"]) console.log(`CPU profile written to ${profileDir}`);
  }
});
process.exit(0);

/**
 * The month-roster station's shifts for `days` days from `from` (three 4-hour
 * shifts a day, 07, 12 and 17 Vietnam time, `perShift` places each), created
 * here as a manager would on the roster page; the scenario fills them through the API.
 */
async function monthShifts(db: pg.Client, from: Date, days: number, perShift: number) {
  const people = await db.query(`select p.employee_code from people p join stations st on st.unit_id = p.unit_id where st.code = $1 order by p.id`, [MONTH_STATION]);
  if (people.rows.length < MONTH_PEOPLE) {
    console.error(`The benchmark database has no month-roster station ${MONTH_STATION} with ${MONTH_PEOPLE} people: run npm run bench:data again.`);
    process.exit(2);
  }
  const firstDay = addDays(dayOf(from), 1);
  const shifts = Array.from({ length: days * 3 }, (_, s) => {
    const start = atVietnamTime(addDays(firstDay, Math.floor(s / 3)), ["07:00", "12:00", "17:00"][s % 3]);
    return { start, end: new Date(start.getTime() + 4 * HOUR_MS) };
  });
  await db.query(
    `insert into shifts (station_id, duty_type_id, starts_at, ends_at, headcount)
       select (select id from stations where code = $1), (select id from duty_types where code = $4), s, s + interval '4 hours', $3
         from unnest($2::timestamptz[]) s`,
    [MONTH_STATION, shifts.map((s) => s.start), perShift, BENCH_DUTY],
  );
  return { days, perShift, shifts, people: people.rows.map((r) => r.employee_code as string) };
}
