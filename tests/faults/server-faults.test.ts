// The real server (server/index.ts, two app processes, as `npm start` runs in
// production) through its faults (issue 17): health and readiness, metrics
// behind their token, database connections terminated under it, the database
// gone and back without a restart, and systemd's SIGTERM to the whole group.
// The app reaches this file's database through a proxy the test can cut.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/services/api/tokens.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { ensureFreshBuild } from "../../server/build.mjs";
import { freePort } from "../../server/free-port.ts";
import { startDbProxy, type DbProxy } from "../support/db-proxy.ts";
import { makeQualifiedPerson, makeRosterWorld } from "../support/roster-fixtures.ts";
import { sqlAs } from "../support/sql.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const METRICS_TOKEN = "faults-test-metrics-token-0123456789";
let base = "";
let child: ChildProcess;
let proxy: DbProxy;
let apiToken = "";
let world: Awaited<ReturnType<typeof makeRosterWorld>>;
let unitCode = "";
const output: string[] = [];
const exited = () =>
  new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once("exit", (code) => r(code))));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it is true (the app starting, a pool reconnecting); fails with the app's output. */
async function until(what: string, probe: () => Promise<boolean>, tries = 600) {
  for (let i = 0; i < tries; i++) {
    if (child.exitCode !== null) throw new Error(`app exited (${child.exitCode}):\n${output.join("")}`);
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`never ${what}:\n${output.join("")}`);
}

const api = (p: string, init: RequestInit = {}) =>
  fetch(`${base}${p}`, { ...init, headers: { Authorization: `Bearer ${apiToken}`, ...(init.headers ?? {}) } });

beforeAll(async () => {
  await ensureFreshBuild(ROOT, (m) => console.log(m));
  // One course, so the start skips loading the shipped curriculum (minutes on a busy machine; nothing here reads it).
  await getDb().course.create({ data: { slug: "faults", title: "Lỗi", description: "", audience: ["ALL"], position: 1 } });
  world = await makeRosterWorld();
  unitCode = (await getDb().unit.findUniqueOrThrow({ where: { id: world.unit.id } })).code;
  apiToken = (await createApiToken({ name: "Lỗi", unitCode, scopes: ["roster:read", "roster:write"] }, null, new Date())).token;
  proxy = await startDbProxy(process.env.DATABASE_URL as string, await freePort());
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ["server/start.mjs"], {
    cwd: ROOT,
    detached: true, // its own process group, as systemd runs it
    env: {
      ...process.env,
      DATABASE_URL: proxy.url(process.env.DATABASE_URL as string),
      MIGRATION_DATABASE_URL: proxy.url(process.env.MIGRATION_DATABASE_URL as string),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      WEB_PROCESSES: "2",
      SEED_DEMO: "never",
      METRICS_TOKEN,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => output.push(String(d)));
  child.stderr?.on("data", (d) => output.push(String(d)));
  await until("running", async () => (await fetch(`${base}/healthz`)).ok && output.join("").includes("running at"));
});

afterAll(async () => {
  if (child?.exitCode === null) {
    process.kill(-child.pid!, "SIGKILL");
    await exited();
  }
  await proxy?.stop();
});

describe("health and metrics", () => {
  it("/healthz answers while the process lives; /readyz once the database, migrations and jobs are", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    await until("ready", async () => (await fetch(`${base}/readyz`)).status === 200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", jobs: "ok" },
    });
  });

  it("/metrics needs its bearer token and then reports requests per route, pools, jobs, outbox, refusals and the audit chain", async () => {
    // Read to its end: fetch resolves at the headers, and a request is counted once its answer is sent.
    const stations = await api("/api/v1/stations");
    expect(stations.status).toBe(200);
    await stations.text();
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: "Bearer wrong-token" } })).status).toBe(401);
    const res = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/kt1_http_requests_total\{route="routes\/api\.v1\/api\.v1\.stations",method="GET",status="2xx"\} [1-9]/);
    expect(text).toContain('kt1_http_request_duration_seconds_bucket{le="0.1",route="routes/api.v1/api.v1.stations",method="GET"}');
    expect(text).toMatch(/kt1_db_pool_connections\{pool="main",state="total"\} \d+/);
    expect(text).toMatch(/kt1_db_pool_waits_total\{pool="main"\} \d+/);
    expect(text).toMatch(/kt1_jobs_waiting\{queue="reminders-daily"\} \d+/);
    expect(text).toMatch(/kt1_jobs_failed\{queue="reminders-deliver"\} \d+/);
    expect(text).toMatch(/kt1_reminder_outbox_pending \d+/);
    expect(text).toMatch(/kt1_audit_chain_length [1-9]\d*/);
    expect(text).toContain("# TYPE kt1_roster_refusals_24h gauge");
    expect(text).toContain("kt1_database_up 1");
  });
});

describe("database faults", () => {
  it("connections terminated under the app: the next requests succeed and no process dies", async () => {
    const db = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
    const { rows } = await sqlAs<{ n: number }>(
      "superuser",
      "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [db],
    );
    expect(rows[0].n).toBeGreaterThan(0);
    // A query may meet a connection whose end the pool has not heard of yet: that one answers 503.
    await until("answering again", async () => (await api("/api/v1/stations")).status === 200, 40);
    for (let i = 0; i < 6; i++) expect((await api("/api/v1/stations")).status).toBe(200);
    expect(output.join("")).not.toMatch(/app process exited|Uncaught|unhandled/i);
  });

  it("the database gone: the API answers 503 with Retry-After in its error shape, pages a Vietnamese 503; back without a restart", async () => {
    await proxy.stop();
    try {
      const res = await api("/api/v1/stations", { headers: { "Accept-Language": "vi" } });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("UNAVAILABLE");
      expect(body.error.message).toContain("cơ sở dữ liệu");

      const page = await fetch(`${base}/`, { headers: { Cookie: `kt1_session=${"a".repeat(32)}` }, redirect: "manual" });
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).not.toBeNull();
      expect(await page.text()).toContain("Hệ thống tạm thời gián đoạn");

      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { database: "unreachable" } });
    } finally {
      await proxy.start();
    }
    await until("back", async () => (await api("/api/v1/stations")).status === 200, 80);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(output.join("")).not.toMatch(/app process exited|Uncaught/i);
  });
});

describe("shutdown", () => {
  it("SIGTERM to the whole process group: the booking in flight completes, every process exits cleanly", async () => {
    const { person } = await makeQualifiedPerson(world);
    const body = JSON.stringify({
      employeeCode: person.employeeCode,
      dutyType: world.dutyType.code,
      station: world.station.code,
      start: "2026-06-01T01:00:00Z",
      end: "2026-06-01T09:00:00Z",
    });
    // Headers first; the server's "100 Continue" says the request reached an app process.
    const socket = net.connect(Number(new URL(base).port), "127.0.0.1");
    let received = "";
    socket.on("data", (d) => (received += String(d)));
    socket.write(
      `POST /api/v1/assignments HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${apiToken}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nIdempotency-Key: in-flight\r\n\r\n`,
    );
    await until("continued", async () => received.includes("100 Continue"), 200);
    process.kill(-child.pid!, "SIGTERM");
    await sleep(300); // lets the signal land first (the order matters, not the time)
    socket.write(body);
    await new Promise((r) => socket.once("close", r));
    expect(received).toMatch(/HTTP\/1\.1 201/);
    expect(await exited()).toBe(0);
    const log = output.join("");
    expect(log).not.toContain("Called end on pool more than once");
    expect(log).not.toMatch(/app process exited|Uncaught|unhandled error/i);
    expect(await getDb().assignment.count({ where: { personId: person.id } })).toBe(1);
  });
});
