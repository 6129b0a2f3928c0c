// The floors of the request shapes whose targets the app misses (issue 18: "the
// floor of the chosen server for that request shape"), measured in the same run:
// - the lesson view and the eligibility check, served by plain Express with only
//   their one statement each (floor-server.ts);
// - 1,000 bookings as the app's two statements each, sent straight to
//   PostgreSQL 10 at a time: no HTTP and no app at all.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { HOUR_MS } from "../../app/domain/time/calendar.ts";
import { bookingSql } from "../../app/services/api/roster-api.server.ts";
import { targetsFrom, targetsSql, type TargetsRead } from "../../app/services/api/roster-targets.server.ts";
import { tokenSql } from "../../app/services/api/tokens.server.ts";
import { SESSION_OPTIONS } from "../../app/utils/db.server.ts";
import { freePort } from "../../server/free-port.ts";
import { BENCH_API_TOKEN } from "./accounts.ts";
import { BENCH_DUTY } from "./data-sql.ts";
import type { FloorSettings } from "./floor-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Starts floor-server.ts; its base URL and a stop function. */
export async function startFloorServer(settings: Omit<FloorSettings, "port">) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/bench/floor-server.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", FLOOR_SETTINGS: JSON.stringify({ ...settings, port }) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise((r) => server.once("exit", r));
  for (let i = 0; i < 120; i++) {
    const ok = await Promise.all(["lesson", "eligibility"].map((p) => fetch(`${base}/${p}`).then((r) => r.ok, () => false)));
    if (ok.every(Boolean)) break;
    if (server.exitCode !== null) throw new Error("the floor server stopped at its start");
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    stop: async () => {
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    },
  };
}

/**
 * `total` bookings on the hours the assignments scenario booked from `from`, each
 * as the app books through the API: the token and targets statement drawing the
 * ids, then roster_book with the audit entries; 10 at a time, as the app's API
 * sees them. Booking i takes another person than the app's booking i (otherThan),
 * so the dataset's certificates, which cover only so many hours, are not used up
 * twice as fast.
 */
export async function bookingsStraightToDatabase(databaseUrl: string, people: { employeeCode: string; station: string }[], from: Date, total: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: SESSION_OPTIONS });
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const { employeeCode, station } = otherThan(people, i);
      const startsAt = new Date(from.getTime() + i * HOUR_MS);
      const duty = { startsAt, endsAt: new Date(startsAt.getTime() + HOUR_MS) };
      const codes = { station, employeeCode, dutyType: BENCH_DUTY };
      const read = tokenSql(BENCH_API_TOKEN, { scope: "roster:write", sql: targetsSql(codes, duty, true) });
      const [row] = (await pool.query({ name: "floor_targets", text: read.text, values: read.values })).rows;
      const token = { id: row.id, name: row.name, unitId: row.unitId, unitCode: row.unitCode, scopes: row.scopes };
      const targets = targetsFrom(token, codes, duty, row.also as TargetsRead);
      const book = bookingSql(token, targets, new Date());
      const [{ outcome }] = (await pool.query({ name: "floor_book", text: book.text, values: book.values })).rows;
      if (outcome !== "ASSIGNED") throw new Error(`booking ${i} straight to the database: ${outcome}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: 10 }, worker));
  } finally {
    await pool.end();
  }
  return { count: total, seconds: Math.round((performance.now() - started) / 10) / 100 };
}

/**
 * The person for the floor's booking i: from half the list away from the app's
 * booking i (whom the app booked on another hour), the first at another station,
 * so the booking creates its own shift as the app's did.
 */
function otherThan(people: { employeeCode: string; station: string }[], i: number) {
  const app = people[i % people.length];
  for (let k = Math.floor(people.length / 2); k < people.length; k++) {
    const other = people[(i + k) % people.length];
    if (other.station !== app.station) return other;
  }
  throw new Error("the floor needs people at two stations");
}
