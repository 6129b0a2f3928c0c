// Two separate app instances (two `npm start`s, not the cluster) sharing one
// PostgreSQL behind Debian's nginx (issue 17): a login on one is valid on the
// other, the login limit counts across both, a legal-status change and a
// dashboard recount show on both at the next request, the housekeeping both
// run submits an abandoned exam once, and killing one in the middle of a run of
// bookings loses none that were acknowledged and doubles none.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/services/api/tokens.server.ts";
import { publishLesson } from "~/services/content/publish.server.ts";
import { forgetRegistry } from "~/services/content/registry.server.ts";
import { startAttempt } from "~/services/exams/attempt-start.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { ensureFreshBuild } from "../../server/build.mjs";
import { freePort } from "../../server/free-port.ts";
import { makeFixtureExam, fixtureLearner } from "../support/exam-fixtures.ts";
import { makePerson, TEST_PASSWORD } from "../support/factories.ts";
import { makeQualifiedPerson, makeRosterWorld } from "../support/roster-fixtures.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Instance = { name: string; base: string; child: ChildProcess; output: string[] };
const instances: Instance[] = [];
let nginx: ChildProcess;
let front = "";
let apiToken = "";
let world: Awaited<ReturnType<typeof makeRosterWorld>>;

async function until(what: string, probe: () => Promise<boolean>, logs: () => string, tries = 720) {
  for (let i = 0; i < tries; i++) {
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`never ${what}:\n${logs()}`);
}

async function startInstance(name: string): Promise<Instance> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ["server/start.mjs"], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      WEB_PROCESSES: "1",
      SEED_DEMO: "never",
      JOBS: "on",
      TRUST_PROXY: "loopback",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => output.push(String(d)));
  child.stderr?.on("data", (d) => output.push(String(d)));
  const instance = { name, base: `http://127.0.0.1:${port}`, child, output };
  await until(
    `${name} running`,
    async () => (await fetch(`${instance.base}/readyz`)).ok,
    () => output.join(""),
  );
  return instance;
}

function nginxConfig(dir: string, port: number) {
  const upstreams = instances.map((i) => `server ${new URL(i.base).host} max_fails=1 fail_timeout=30s;`).join("\n    ");
  // The proxy settings of deploy/nginx/kt1-academy.conf, without TLS (a test on loopback).
  return `daemon off;
master_process off;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream kt1_app {
    ${upstreams}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://kt1_app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $host;
      proxy_next_upstream error timeout;
    }
  }
}
`;
}

beforeAll(async () => {
  if (!NGINX) throw new Error("nginx is not installed: `sudo apt-get install -y nginx` (.ci/run installs it)");
  await ensureFreshBuild(ROOT, (m) => console.log(m));
  // One course, so neither start loads the shipped curriculum (nothing here reads it).
  await getDb().course.create({ data: { slug: "two-hosts", title: "Hai máy", description: "", audience: ["ALL"], position: 1 } });
  world = await makeRosterWorld();
  const unitCode = (await getDb().unit.findUniqueOrThrow({ where: { id: world.unit.id } })).code;
  apiToken = (await createApiToken({ name: "Hai máy", unitCode, scopes: ["roster:read", "roster:write"] }, null, new Date())).token;
  // One at a time: the first applies migrations and grants, the second finds them done.
  instances.push(await startInstance("A"));
  instances.push(await startInstance("B"));
  const dir = mkdtempSync(path.join(tmpdir(), "kt1-nginx-"));
  for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, sub));
  const port = await freePort();
  writeFileSync(path.join(dir, "nginx.conf"), nginxConfig(dir, port));
  const check = spawnSync(NGINX, ["-t", "-c", path.join(dir, "nginx.conf"), "-p", dir], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx refused the configuration:\n${check.stderr}`);
  nginx = spawn(NGINX, ["-c", path.join(dir, "nginx.conf"), "-p", dir], { stdio: "ignore" });
  front = `http://127.0.0.1:${port}`;
  await until(
    "nginx answering",
    async () => (await fetch(`${front}/healthz`)).ok,
    () => "",
  );
});

afterAll(async () => {
  nginx?.kill("SIGTERM");
  for (const i of instances) {
    if (i.child.exitCode === null && i.child.signalCode === null) {
      process.kill(-i.child.pid!, "SIGTERM");
      await new Promise((r) => i.child.once("exit", r));
    }
  }
});

async function login(base: string, identifier: string, password: string) {
  return fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ identifier, password, redirectTo: "/" }),
  });
}

/** The Cookie header a login's answer sets. */
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

describe("two instances behind nginx", () => {
  it("a login on one instance is valid on the other and through the proxy", async () => {
    const person = await makePerson({ unitId: world.unit.id, withAccount: true, fullName: "Nguyễn Văn Hai" });
    const [a, b] = instances;
    const res = await login(a.base, person.employeeCode, TEST_PASSWORD);
    expect(res.status).toBe(302);
    const cookie = cookieOf(res);
    for (const base of [b.base, front]) {
      const page = await fetch(`${base}/notifications`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(page.status, base).toBe(200);
    }
    const anonymous = await fetch(`${b.base}/notifications`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
  });

  it("the login limit counts failures on both instances together", async () => {
    const person = await makePerson({ unitId: world.unit.id, withAccount: true });
    const [a, b] = instances;
    // Five wrong passwords, alternating: neither instance alone saw five.
    for (let i = 0; i < 5; i++) {
      const res = await login(i % 2 === 0 ? a.base : b.base, person.employeeCode, "sai-mat-khau");
      expect(res.status).toBe(400);
    }
    const locked = await login(b.base, person.employeeCode, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect((await login(a.base, person.employeeCode, TEST_PASSWORD)).status).toBe(429);
  });

  it("a law marked superseded on one instance shows so on the other at its next request", async () => {
    const [a, b] = instances;
    const code = `FX-HAI-${Date.now()}`;
    const doc = await getDb().legalDocument.create({
      data: {
        code,
        kind: "Luật",
        title: "Luật thử hai máy",
        issuer: "Quốc hội",
        status: "IN_FORCE",
        confidence: "V",
        provisions: { create: [{ article: "1", title: "Điều 1", excerpt: "Nội dung điều một.", confidence: "V" }] },
      },
    });
    const admin = await makePerson({ unitId: world.unit.id, withAccount: true, roles: [{ role: "ADMIN", unitId: world.unit.id }] });
    const course = await getDb().course.findUniqueOrThrow({ where: { slug: "two-hosts" } });
    const lesson = await getDb().lesson.create({ data: { courseId: course.id, slug: "bai-hai-may", position: 1 } });
    forgetRegistry(); // this test process read the registry before the document existed
    const source = `---\ntitle: Bài thử hai máy\nsummary: Một bài để thử hai máy chủ.\nminutes: 1\n---\n\nMột đoạn văn.\n\n<LegalRef doc="${code}" article="1" />\n\n<KnowledgeCheck question="Câu hỏi thử?">\n<Option correct>Đúng</Option>\n<Option>Sai</Option>\n<Explanation>Vì thế.</Explanation>\n</KnowledgeCheck>\n`;
    const published = await publishLesson(lesson.id, source, admin.id, new Date());
    expect(published, JSON.stringify(published)).toMatchObject({ ok: true });
    const cookie = cookieOf(await login(a.base, admin.employeeCode, TEST_PASSWORD));
    const lessonOn = async (base: string) =>
      (await fetch(`${base}/learn/two-hosts/bai-hai-may`, { headers: { Cookie: cookie }, redirect: "manual" })).text();
    // Both have rendered (and cached) the lesson with the law in force.
    for (const base of [a.base, b.base]) expect(await lessonOn(base)).not.toContain("đã được thay thế bởi FX-moi");

    const changed = await fetch(`${a.base}/admin/legal`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: a.base, Cookie: cookie },
      body: new URLSearchParams({ documentId: String(doc.id), status: "SUPERSEDED", supersededBy: "FX-moi", supersededFrom: "01/12/2026" }),
    });
    expect(changed.status).toBeLessThan(400);
    expect(await lessonOn(b.base)).toContain("đã được thay thế bởi FX-moi");
    expect(await lessonOn(a.base)).toContain("đã được thay thế bởi FX-moi");
  });

  it("a dashboard recount on one instance is what the other shows at its next request", async () => {
    const [a, b] = instances;
    const manager = await makePerson({ unitId: world.unit.id, withAccount: true, roles: [{ role: "ADMIN", unitId: world.unit.id }] });
    const cookie = cookieOf(await login(a.base, manager.employeeCode, TEST_PASSWORD));
    // The last month's certified headcount in the manager's unit, from the chart's data table.
    const certifiedNow = async (base: string) => {
      const html = await (await fetch(`${base}/dashboard`, { headers: { Cookie: cookie }, redirect: "manual" })).text();
      const table = /data-table="headcount">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
      const lastRow = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].at(-1)?.[1] ?? "";
      const cells = [...lastRow.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => Number(m[1].replace(/\D/g, "")));
      expect(cells.length, html.slice(0, 300)).toBeGreaterThan(0);
      return cells.at(-1)!;
    };
    // Both have built (and cached) the overview.
    const before = await certifiedNow(a.base);
    expect(await certifiedNow(b.base)).toBe(before);

    await makeQualifiedPerson(world, new Date());
    // A recounts (its request catches the counts up); B's cached view belongs to the old counts.
    expect(await certifiedNow(a.base)).toBe(before + 1);
    expect(await certifiedNow(b.base)).toBe(before + 1);
  });

  it("the housekeeping both instances run submits an abandoned exam once", { timeout: 90_000 }, async () => {
    // Started 3 hours ago with a 30-minute limit: past its deadline, as if the learner never came back.
    const startedAt = new Date(Date.now() - 3 * 3_600_000);
    const fixture = await makeFixtureExam({ now: new Date(startedAt.getTime() - 86_400_000) });
    const attempts: number[] = [];
    for (let i = 0; i < 4; i++) {
      const learner = await fixtureLearner(fixture, new Date(startedAt.getTime() - 3_600_000));
      const started = await startAttempt(learner.id, fixture.examId, startedAt);
      if (!started.ok) throw new Error(`start refused: ${JSON.stringify(started)}`);
      attempts.push(started.value.attemptId);
    }
    // Each instance sweeps every 20 s; wait until the attempts are submitted and a few more sweeps of both have run.
    await until(
      "the abandoned attempts submitted",
      async () => (await getDb().examAttempt.count({ where: { id: { in: attempts }, status: "SUBMITTED" } })) === attempts.length,
      () => instances.map((i) => i.output.join("")).join("\n"),
      200,
    );
    await sleep(21_000);
    for (const id of attempts) {
      const submits = await getDb().auditEntry.count({ where: { action: "exam.submit", targetId: String(id) } });
      expect(submits, `attempt ${id}`).toBe(1);
    }
  });

  it("killing one instance during a run of bookings loses no acknowledged booking and doubles none", { timeout: 240_000 }, async () => {
    const people: { id: number; employeeCode: string }[] = [];
    for (let i = 0; i < 24; i++) people.push((await makeQualifiedPerson(world)).person);
    const start = new Date("2026-07-01T01:00:00Z").getTime();
    const answers = new Map<number, number>();
    async function book(index: number) {
      const body = JSON.stringify({
        employeeCode: people[index].employeeCode,
        dutyType: world.dutyType.code,
        station: world.station.code,
        start: new Date(start + index * 86_400_000).toISOString(),
        end: new Date(start + index * 86_400_000 + 8 * 3_600_000).toISOString(),
      });
      // A client retries with the same key until it has an answer (a lost connection, a 502 while nginx notices).
      for (let attempt = 0; attempt < 40; attempt++) {
        const res = await fetch(`${front}/api/v1/assignments`, {
          method: "POST",
          headers: { Authorization: `Bearer ${apiToken}`, "Content-Type": "application/json", "Idempotency-Key": `two-hosts-${index}` },
          body,
        }).catch(() => null);
        if (res && res.status !== 502 && res.status !== 503 && res.status !== 504) {
          answers.set(index, res.status);
          return;
        }
        await sleep(250);
      }
    }
    const queue = people.map((_, i) => i);
    const workers = Array.from({ length: 4 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await book(i);
    });
    await until(
      "a third booked",
      async () => answers.size >= 8,
      () => "",
      400,
    );
    const [a] = instances;
    process.kill(-a.child.pid!, "SIGKILL");
    await Promise.all(workers);

    const rows = await getDb().assignment.groupBy({
      by: ["personId"],
      where: { personId: { in: people.map((p) => p.id) }, status: "ACTIVE" },
      _count: true,
    });
    const booked = new Map(rows.map((r) => [r.personId, r._count]));
    for (const [index, status] of answers) {
      const held = booked.get(people[index].id) ?? 0;
      expect(held, `booking ${index}`).toBeLessThanOrEqual(1);
      // Acknowledged, or cut off before its COMMIT and booked by the retry (decision 073): in the database once.
      expect(status, `booking ${index}`).toBe(201);
      expect(held, `booking ${index}`).toBe(1);
    }
    expect(answers.size).toBe(people.length);
  });
});
