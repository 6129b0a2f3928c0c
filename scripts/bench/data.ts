// npm run bench:data -- --staff 100000
// Generates the benchmark dataset into a separate database (kt1_bench on the
// app's PostgreSQL, or BENCH_DATABASE_URL), deterministically, with bulk SQL.
import { DUE_SOON_DAYS, EXPIRING_DAYS } from "../../app/domain/dashboard/filters.ts";
import { currentMonday } from "../../app/domain/roster/week.ts";
import { parseArgs } from "node:util";
import pg from "pg";
import { appRoleOf } from "../../server/database-roles.ts";
import { migrate } from "../../server/migrate.ts";
import { withAppDatabase } from "../app-database.ts";
import { BENCH_API_TOKEN, benchToken, sessionIdOf } from "./accounts.ts";
import { benchDatabaseUrlFor } from "./target.ts";
import { attemptsAndCertificationsSql, peopleSql, rosterSql, rulesSql, unitsSql } from "./data-sql.ts";

const { values } = parseArgs({
  options: {
    staff: { type: "string", default: "100000" },
    units: { type: "string", default: "1000" },
    certifications: { type: "string", default: "" },
    attempts: { type: "string", default: "" },
    stations: { type: "string", default: "50" },
    learners: { type: "string", default: "3000" },
  },
});
const staff = Number(values.staff);
const units = Number(values.units);
const certifications = Number(values.certifications || staff * 3);
const attempts = Number(values.attempts || staff * 10);
const stations = Number(values.stations);
const learners = Number(values.learners);
// Shifts start on the Monday of the current week, Vietnam time.
const monday = currentMonday(new Date());


const timings: Record<string, number> = {};
async function step(name: string, fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  timings[name] = Math.round(performance.now() - t);
  console.log(`${name.padEnd(28)} ${(timings[name] / 1000).toFixed(1)} s`);
}

// The dataset is loaded as the owner; the app's services (the curriculum) run as the app's role.
await withAppDatabase(async (_appUrl, urls) => {
  const url = benchDatabaseUrlFor(urls.ownerUrl);
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = "/postgres";
  const c0 = new pg.Client({ connectionString: admin.toString() });
  await c0.connect();
  await c0.query(`drop database if exists "${name}" with (force)`);
  await c0.query(`create database "${name}"`);
  await c0.end();
  process.env.DATABASE_URL = benchDatabaseUrlFor(urls.appUrl);
  const started = performance.now();
  await step("migrations", () => migrate(url, () => {}, { appRole: appRoleOf(urls) }));
  await step("curriculum and exams", async () => {
    const { readContentFiles } = await import("../../app/services/content/files.server.ts");
    const { syncContent } = await import("../../app/services/content/sync.server.ts");
    await syncContent(await readContentFiles(), new Date());
  });
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const run = async (sqls: string[]) => {
    for (const sql of sqls) await db.query(sql);
  };
  await step(`units (${units})`, () => run(unitsSql(units)));
  await step(`people (${staff})`, () => run(peopleSql(staff)));
  await step(`attempts (${attempts}) + certs`, () => run(attemptsAndCertificationsSql(staff, attempts, certifications)));
  await step(`roster (${stations} stations)`, () => run(rosterSql(stations, monday)));
  await step(`accounts (${learners} learners)`, async () => {
    const { hashPassword } = await import("../../app/services/passwords.server.ts");
    const hash = await hashPassword("Bench-password-2026");
    await db.query(
      `insert into people (employee_code, full_name, unit_id, position, work_started_on, email, updated_at)
         select 'E' || g, 'Học viên thử ' || g, (select id from units where code = 'AG1'), 'Văn thư', date '2015-01-01', 'e' || g || '@bench.test', now()
           from generate_series(0, $1::int - 1) g
       union all select 'BENCH-MANAGER', 'Quản lý thử nghiệm', (select id from units where code = 'BENCH'), 'Giám đốc', date '2010-01-01', 'manager@bench.test', now()`,
      [learners],
    );
    await db.query(`insert into accounts (person_id, password_hash) select id, $1 from people where employee_code like 'E%' or employee_code = 'BENCH-MANAGER'`, [hash]);
    await db.query(`insert into role_grants (person_id, role, unit_id) select id, 'LEARNER', unit_id from people where employee_code like 'E%'`);
    await db.query(`insert into role_grants (person_id, role, unit_id) select id, 'MANAGER', unit_id from people where employee_code = 'BENCH-MANAGER'`);
    // Learners have finished the clerks' courses, so the exam is open to them.
    await db.query(
      `insert into course_completions (person_id, course_id, completed_at)
         select p.id, tc.course_id, now() from people p
           cross join certification_type_courses tc join certification_types t on t.id = tc.certification_type_id and t.code = 'KT1-VAN-THU'
          where p.employee_code like 'E%'`,
    );
    const ids = Array.from({ length: learners }, (_, i) => sessionIdOf(benchToken("learner", i)));
    await db.query(
      `insert into sessions (id, account_id, expires_at)
         select s.id, a.id, now() + interval '7 days' from unnest($1::text[]) with ordinality s(id, n)
           join people p on p.employee_code = 'E' || (s.n - 1) join accounts a on a.person_id = p.id`,
      [ids],
    );
    await db.query(
      `insert into sessions (id, account_id, expires_at)
         select $1, a.id, now() + interval '7 days' from accounts a join people p on p.id = a.person_id where p.employee_code = 'BENCH-MANAGER'`,
      [sessionIdOf(benchToken("manager", 0))],
    );
    await db.query(
      `insert into api_tokens (name, token_hash, unit_id, scopes) values ('bench', $1, (select id from units where code = 'BENCH'), ARRAY['roster:read','roster:write'])`,
      [sessionIdOf(BENCH_API_TOKEN)],
    );
  });
  // Requirement rules, then every person's obligations from the one rule
  // (app/domain/obligations/required.ts) through the service that stores them,
  // a batch of people per transaction: a few set-based statements each.
  await step("rules + obligations", async () => {
    const { DEMO_RULES } = await import("../../app/seed/obligations-seed.server.ts");
    await run(rulesSql(DEMO_RULES));
    const { getDb } = await import("../../app/utils/db.server.ts");
    const { recomputeObligations } = await import("../../app/services/obligations/recompute.server.ts");
    const ids: number[] = (await db.query(`select id from people order by id`)).rows.map((r) => r.id);
    const now = new Date();
    for (let i = 0; i < ids.length; i += 10_000) {
      await getDb().$transaction((tx) => recomputeObligations(tx, ids.slice(i, i + 10_000), now), { timeout: 300_000 });
    }
  });
  // The dashboard's stored counts, as the nightly housekeeping would leave them.
  await step("dashboard counts", () =>
    db.query(`select dashboard_catch_up((now() at time zone 'Asia/Ho_Chi_Minh')::date, now(), $1, $2)`, [EXPIRING_DAYS, DUE_SOON_DAYS]),
  );
  // A settled database, as one that has been running is: every table vacuumed (visibility maps
  // and hint bits set, so the first run does not pay for them or meet autovacuum mid-run), then a
  // checkpoint (needs a superuser or pg_checkpoint; skipped otherwise).
  await step("vacuum and analyze", () => db.query("vacuum (analyze)"));
  await step("checkpoint", () => db.query("checkpoint").catch((e: Error) => console.log(`  (no checkpoint: ${e.message})`)));
  const counts = await db.query(
    `select (select count(*) from units) units, (select count(*) from people) people, (select count(*) from certifications) certifications,
            (select count(*) from exam_attempts) attempts, (select count(*) from shifts) shifts, (select count(*) from assignments) assignments,
            (select count(*) from requirement_rules) rules, (select count(*) from obligations) obligations`,
  );
  await db.end();
  console.log(`\nbench:data done in ${((performance.now() - started) / 1000).toFixed(1)} s into ${name}:`, counts.rows[0]);
});
process.exit(0);
