// The benchmark scenarios. Load comes from this process; the app runs in its own.
import type { EventEmitter } from "node:events";
import autocannon from "autocannon";
import { dayOf, HOUR_MS, timeOf } from "../../app/domain/time/calendar.ts";
import { BENCH_API_TOKEN, benchToken } from "./accounts.ts";
import { BENCH_DUTY } from "./data-sql.ts";
import { httpClient } from "./http-client.ts";
import { summarise } from "./stats.ts";

type Cannon = { requests: { average: number }; errors: number; non2xx: number; timeouts: number };

/**
 * autocannon's load, with exact percentiles from every response's time
 * (autocannon's own histogram has no p95, which the dashboard target names).
 */
async function cannon(opts: { url: string; connections: number; duration: number; headers?: Record<string, string>; method?: string; body?: string }) {
  const times: number[] = [];
  // Without a callback autocannon returns an emitter that is also a promise of the result.
  const run = autocannon({ ...opts, method: (opts.method ?? "GET") as "GET" }) as unknown as EventEmitter & Promise<Cannon>;
  run.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const r = await run;
  const { p50, p95, p99 } = summarise(times);
  return { rps: Math.round(r.requests.average), p50, p95, p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

const cookie = (kind: "learner" | "manager", i: number) => `kt1_session=${benchToken(kind, i)}`;

export async function lessonPage(base: string, duration: number, lessonPath: string, floorBase: string) {
  const floor = await cannon({ url: `${base}/ping`, connections: 50, duration });
  const lesson = await cannon({ url: `${base}${lessonPath}`, connections: 50, duration, headers: { cookie: cookie("learner", 0) } });
  // The lesson document is answered ahead of React Router (decision 070): plain Express's
  // do-nothing handler at the same 50 connections is the tail no page here can beat.
  const plainFloor = await cannon({ url: `${base}/healthz`, connections: 50, duration });
  // And plain Express with nothing but the lesson view's statement and the page's bytes (floors.ts).
  const shapeFloor = await cannon({ url: `${floorBase}/lesson`, connections: 50, duration });
  return { floor, lesson, plainFloor, shapeFloor, ratio: Math.round((lesson.rps / floor.rps) * 100) / 100 };
}

export async function dashboard(base: string, duration: number) {
  const headers = { cookie: cookie("manager", 0) };
  return {
    dashboard: await cannon({ url: `${base}/dashboard`, connections: 10, duration, headers }),
    drillDown: await cannon({ url: `${base}/dashboard/people?q=nguyen`, connections: 10, duration, headers }),
  };
}

export type EligibilitySample = { employeeCode: string; station: string; start: string; end: string };

/** The eligibility check the roster scenario (and its floor, floor-server.ts) asks. */
export const eligibilityPath = (s: EligibilitySample) =>
  `/api/v1/eligibility?${new URLSearchParams({ employeeCode: s.employeeCode, dutyType: BENCH_DUTY, station: s.station, start: s.start, end: s.end })}`;

export async function roster(base: string, duration: number, sample: EligibilitySample, floorBase: string) {
  const headers = { authorization: `Bearer ${BENCH_API_TOKEN}` };
  const url = `${base}${eligibilityPath(sample)}`;
  return {
    // The floor: a plain Express handler (no database), as the API's own handlers now are (decision 069).
    floor10: await cannon({ url: `${base}/healthz`, connections: 10, duration }),
    eligibility10: await cannon({ url, connections: 10, duration, headers }),
    // Plain Express with nothing but the eligibility check's statement and the API's answer (floors.ts).
    shapeFloor10: await cannon({ url: `${floorBase}/eligibility`, connections: 10, duration }),
    eligibility50: await cannon({ url, connections: 50, duration, headers }),
  };
}

type Tally = Record<string, { count: number; sample: string }>;

/** Counts answers by status and error code, keeping the first body of each kind: a failed bench says why. */
function tally(into: Tally, status: number, body: string, label = "") {
  const code = /"code":"([A-Z_]+)"/.exec(body)?.[1];
  const key = `${label}${status}${code ? ` ${code}` : ""}`;
  into[key] ??= { count: 0, sample: body.slice(0, 300) };
  into[key].count++;
}

type Booking = { employeeCode: string; station: string; start: Date; end: Date };

/** POSTs bookings to /api/v1/assignments, `concurrency` at a time; 201 is the only success. */
async function bookAll(base: string, bookings: Booking[], concurrency = 10) {
  const latencies: number[] = [];
  const statuses: Tally = {};
  let errors = 0;
  let next = 0;
  const client = httpClient(concurrency);
  const headers = { authorization: `Bearer ${BENCH_API_TOKEN}`, "content-type": "application/json" };
  const started = performance.now();
  const worker = async () => {
    while (next < bookings.length) {
      const b = bookings[next++];
      const body = JSON.stringify({ employeeCode: b.employeeCode, dutyType: BENCH_DUTY, station: b.station, start: iso(b.start), end: iso(b.end) });
      const t = performance.now();
      const res = await client.send(`${base}/api/v1/assignments`, { method: "POST", headers, body }).catch((e: Error) => e);
      const [status, text] = res instanceof Error ? [0, String(res.message)] : [res.status, res.text];
      latencies.push(performance.now() - t);
      tally(statuses, status, text);
      if (status !== 201) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  client.close();
  return { seconds: Math.round((performance.now() - started) / 10) / 100, errors, statuses, ...summarise(latencies) };
}

/**
 * 1,000 assignments through the API, 10 at a time, each on its own new
 * one-hour shift: booking i starts i hours after `from`, so no two share a
 * shift (the API creates a missing shift with headcount 1) and nobody is
 * booked twice at once.
 */
export async function assignThroughApi(base: string, people: { employeeCode: string; station: string }[], from: Date, total = 1000) {
  const bookings = Array.from({ length: total }, (_, i) => {
    const start = new Date(from.getTime() + i * HOUR_MS);
    return { ...people[i % people.length], start, end: new Date(start.getTime() + HOUR_MS) };
  });
  return bookAll(base, bookings);
}

/**
 * A month's roster for one station of 50 people: `days` days of three 4-hour
 * shifts (07-11, 12-16, 17-21 Vietnam time) with `perShift` people each,
 * already created (as a manager would on the roster page), filled through the
 * API. Shift s takes people (s * perShift .. s * perShift + perShift - 1) mod 50,
 * so nobody is on two shifts at once.
 */
export async function monthRoster(base: string, station: string, people: string[], shifts: { start: Date; end: Date }[], perShift: number) {
  const bookings = shifts.flatMap((sh, s) =>
    Array.from({ length: perShift }, (_, k) => ({ employeeCode: people[(s * perShift + k) % people.length], station, start: sh.start, end: sh.end })),
  );
  return bookAll(base, bookings);
}

function iso(d: Date) {
  // ISO 8601 with the Vietnam offset, as a linked roster system would send (bookings start on the minute).
  return `${dayOf(d)}T${timeOf(d)}:00+07:00`;
}

/**
 * Exam day: `learners` people start the exam within `rampSeconds`, save their
 * answers `saves` times `saveEverySeconds` apart, then submit.
 */
export async function examDay(base: string, opts: { learners: number; rampSeconds: number; saves: number; saveEverySeconds: number; examId: number }) {
  const lat = { start: [] as number[], autosave: [] as number[], submit: [] as number[] };
  // Every request's end time and duration, to show when in the run the slow ones happened.
  const timeline: { step: string; at: number; ms: number }[] = [];
  const failures: Tally = {};
  let errors = 0;
  let t0 = performance.now();
  const fail = (step: string, status: number, text: string) => {
    errors++;
    tally(failures, status, text, `${step} `);
  };
  const client = httpClient();
  const post = async (path: string, learner: number, form: URLSearchParams) => {
    const t = performance.now();
    const headers = { cookie: cookie("learner", learner), origin: base, "content-type": "application/x-www-form-urlencoded" };
    const res = await client.send(`${base}${path}`, { method: "POST", headers, body: form.toString() });
    const ms = performance.now() - t;
    timeline.push({ step: path === "/exams" ? "start" : path.endsWith("/answers") ? "autosave" : "submit", at: performance.now() - t0, ms });
    return { res, text: res.text, ms };
  };
  const one = async (i: number) => {
    await sleep((i / opts.learners) * opts.rampSeconds * 1000);
    const started = await post("/exams", i, new URLSearchParams({ intent: "start", examId: String(opts.examId) }));
    lat.start.push(started.ms);
    const location = started.res.location ?? "";
    const attempt = /\/exams\/(\d+)/.exec(location)?.[1];
    if (started.res.status !== 302 || !attempt) {
      fail("start", started.res.status, started.text);
      return;
    }
    const html = (await client.send(`${base}/exams/${attempt}`, { headers: { cookie: cookie("learner", i) } })).text;
    const answers = new URLSearchParams();
    for (const m of html.matchAll(/name="(q\d+)" value="([^"]+)"/g)) if (!answers.has(m[1])) answers.set(m[1], m[2]);
    for (let s = 0; s < opts.saves; s++) {
      await sleep(opts.saveEverySeconds * 1000 * (0.5 + Math.random()));
      // As the page's autosave does it (decision 082): every answer to the answers endpoint, no page render.
      const saved = await post(`/exams/${attempt}/answers`, i, answers);
      lat.autosave.push(saved.ms);
      if (saved.res.status !== 200 || !saved.text.includes("savedAt")) fail("autosave", saved.res.status, saved.text);
    }
    const submitted = await post(`/exams/${attempt}`, i, new URLSearchParams([...answers, ["intent", "submit"]]));
    lat.submit.push(submitted.ms);
    if (submitted.res.status !== 302) fail("submit", submitted.res.status, submitted.text);
  };
  const t = performance.now();
  t0 = t;
  // A refused connection or reset counts as an error of its step, not a crash of the bench.
  await Promise.all(Array.from({ length: opts.learners }, (_, i) => one(i).catch((e: Error) => fail("network", 0, String(e.cause ?? e.message)))));
  client.close();
  return { learners: opts.learners, seconds: Math.round((performance.now() - t) / 1000), errors, failures, start: summarise(lat.start), autosave: summarise(lat.autosave), submit: summarise(lat.submit), byTenSeconds: tenSecondSlices(timeline) };
}

/** p50/p99 and count of each step per 10-second slice of the run. */
function tenSecondSlices(timeline: { step: string; at: number; ms: number }[]) {
  const groups: Record<string, Record<string, number[]>> = {};
  for (const r of timeline) {
    const slice = `${String(Math.floor(r.at / 10_000) * 10).padStart(3, "0")} s`;
    ((groups[slice] ??= {})[r.step] ??= []).push(r.ms);
  }
  const slices: Record<string, Record<string, ReturnType<typeof summarise>>> = {};
  for (const slice of Object.keys(groups).sort()) {
    slices[slice] = Object.fromEntries(Object.entries(groups[slice]).map(([step, ms]) => [step, summarise(ms)]));
  }
  return slices;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
