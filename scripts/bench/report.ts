// The Markdown tables of a benchmark run. Only the scenarios that ran get a row.
import type { PeakRss } from "./memory.ts";

type Results = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Report = {
  machine: Record<string, unknown>;
  dataset: Record<string, number>;
  settings: Record<string, unknown>;
  results: Results;
  memory?: Record<string, PeakRss>;
};

const ok = (b: boolean) => (b ? "met" : "**missed**");
// A scenario with failed or timed-out requests meets nothing, whatever its latency says.
const clean = (c: { rps: number; errors: number; non2xx: number }) => c.rps > 0 && c.errors === 0 && c.non2xx === 0;
// A floor that misses the target itself proves the target out of reach for its request shape (issue 18).
const floorVerdict = (misses: boolean) => (misses ? "the floor itself misses the target" : "the floor meets the target");
const statuses = (s: Record<string, { count: number }>) =>
  Object.entries(s)
    .map(([k, v]) => `${k}: ${v.count}`)
    .join(", ");

function rows(x: Results): string[][] {
  const out: string[][] = [];
  if (x.lessonPage) {
    const l = x.lessonPage;
    out.push(["Lesson page (50 conn.)", `${l.lesson.rps} req/s (floor ${l.floor.rps}, ratio ${l.ratio})`, `p50 ${l.lesson.p50} · p95 ${l.lesson.p95} · p99 ${l.lesson.p99} ms (floor p99 ${l.floor.p99})`, `≥ 50% of floor, p99 < 50 ms: ${ok(clean(l.lesson) && l.ratio >= 0.5 && l.lesson.p99 < 50)}`]);
    if (l.plainFloor) out.push(["Floor: /healthz, plain Express (50 conn.)", `${l.plainFloor.rps} req/s`, `p50 ${l.plainFloor.p50} · p99 ${l.plainFloor.p99} ms`, ""]);
    if (l.shapeFloor) out.push(["Floor: the lesson view's one statement and the page's bytes, plain Express (50 conn.)", `${l.shapeFloor.rps} req/s`, `p50 ${l.shapeFloor.p50} · p99 ${l.shapeFloor.p99} ms`, floorVerdict(l.shapeFloor.p99 >= 50)]);
  }
  if (x.dashboard) {
    const d = x.dashboard;
    out.push(["Dashboard (10 conn.)", `${d.dashboard.rps} req/s, ${d.dashboard.errors + d.dashboard.non2xx} failed`, `p50 ${d.dashboard.p50} · p95 ${d.dashboard.p95} · p99 ${d.dashboard.p99} ms`, `p95 < 150 ms: ${ok(clean(d.dashboard) && d.dashboard.p95 < 150)}`]);
    out.push(["Drill-down search (10 conn.)", `${d.drillDown.rps} req/s`, `p50 ${d.drillDown.p50} · p95 ${d.drillDown.p95} · p99 ${d.drillDown.p99} ms`, ""]);
  }
  if (x.roster) {
    const r = x.roster;
    if (r.floor10) out.push(["Floor: /healthz, plain Express (10 conn.)", `${r.floor10.rps} req/s`, `p50 ${r.floor10.p50} · p99 ${r.floor10.p99} ms`, ""]);
    if (r.shapeFloor10) out.push(["Floor: the eligibility check's one statement and answer, plain Express (10 conn.)", `${r.shapeFloor10.rps} req/s`, `p50 ${r.shapeFloor10.p50} · p99 ${r.shapeFloor10.p99} ms`, floorVerdict(r.shapeFloor10.p99 >= 10)]);
    const vsFloor = r.floor10 ? ` (${Math.round((r.eligibility10.rps / r.floor10.rps) * 100)}% of floor)` : "";
    out.push(["Eligibility API (10 conn.)", `${r.eligibility10.rps} req/s${vsFloor}, ${r.eligibility10.errors + r.eligibility10.non2xx} failed`, `p50 ${r.eligibility10.p50} · p99 ${r.eligibility10.p99} ms`, `p99 < 10 ms: ${ok(clean(r.eligibility10) && r.eligibility10.p99 < 10)}`]);
    out.push(["Eligibility API (50 conn.)", `${r.eligibility50.rps} req/s, ${r.eligibility50.errors + r.eligibility50.non2xx} failed`, `p50 ${r.eligibility50.p50} · p99 ${r.eligibility50.p99} ms`, `p99 < 10 ms: ${ok(clean(r.eligibility50) && r.eligibility50.p99 < 10)}`]);
  }
  if (x.assignments) {
    const a = x.assignments;
    out.push([`${a.count} assignments via API (10 at a time)`, `${a.seconds} s, ${a.errors} errors (${statuses(a.statuses)})`, `p50 ${a.p50} · p99 ${a.p99} ms`, `1,000 in < 2 s: ${ok(a.errors === 0 && a.count >= 1000 && a.seconds < 2)}`]);
    const f = a.databaseFloor;
    if (f) out.push([`Floor: the same ${f.count} bookings' statements straight to PostgreSQL (10 at a time)`, `${f.seconds} s`, "", f.count >= 1000 ? floorVerdict(f.seconds >= 2) : ""]);
  }
  if (x.monthRoster) {
    const m = x.monthRoster;
    out.push([`Month roster, one station of 50 (${m.count} assignments, 10 at a time)`, `${m.seconds} s, ${m.errors} errors (${statuses(m.statuses)})`, `p50 ${m.p50} · p99 ${m.p99} ms`, "(measured, no target)"]);
  }
  if (x.examDay) {
    const e = x.examDay;
    out.push([
      `Exam day: ${e.learners} learners`,
      `${e.errors} errors in ${e.seconds} s${e.errors ? ` (${statuses(e.failures)})` : ""}`,
      `start p50 ${e.start.p50} · p95 ${e.start.p95} · p99 ${e.start.p99}; autosave p50 ${e.autosave.p50} · p95 ${e.autosave.p95} · p99 ${e.autosave.p99}; submit p50 ${e.submit.p50} · p95 ${e.submit.p95} · p99 ${e.submit.p99} ms`,
      `0 errors, p99 < 500 ms: ${ok(e.errors === 0 && Math.max(e.start.p99, e.autosave.p99, e.submit.p99) < 500)}`,
    ]);
  }
  return out;
}

const MEMORY_LABELS: Record<string, string> = {
  lessonPage: "Lesson page",
  dashboard: "Dashboard and drill-down",
  roster: "Eligibility API",
  assignments: "Assignments via API",
  monthRoster: "Month roster",
  examDay: "Exam day",
};
// Exam day's memory target, per serving process (issue 18).
const EXAM_RSS_MB = 400;

/** Peak RSS per app process and scenario; with one process the primary serves, so it is the one held to the target. */
function memoryTable(memory: Record<string, PeakRss> | undefined): string[] {
  if (!memory || Object.keys(memory).length === 0) return [];
  const mb = (n: number | null) => (n === null ? "–" : `${n} MB`);
  const lines = Object.entries(memory).map(([key, m]) => {
    const serving = m.workers.length ? m.workers : m.primary === null ? [] : [m.primary];
    const target = key === "examDay" ? `< ${EXAM_RSS_MB} MB per serving process: ${ok(serving.length > 0 && Math.max(...serving) < EXAM_RSS_MB)}` : "";
    return `| ${MEMORY_LABELS[key] ?? key} | ${mb(m.primary)} | ${m.workers.map((w, i) => `${mb(m.workersAtStart?.[i] ?? null)} → ${mb(w)}`).join(" · ") || "(none: the primary serves)"} | ${m.cpuSeconds} s | ${m.samples} | ${target} |`;
  });
  return [
    "Peak resident memory (VmRSS, sampled every 200 ms) and CPU time (user + system) of the app's processes:",
    "",
    "| scenario | primary | workers (at the start → peak) | CPU, all processes | samples | target |",
    "| --- | --- | --- | --- | --- | --- |",
    ...lines,
    "",
  ];
}

export function markdown(r: Report) {
  return [
    `## KT1 Academy benchmark — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Machine: ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.postgres}. Dataset: ${r.dataset.units} units, ${r.dataset.people} people, ${r.dataset.certifications} certifications, ${r.dataset.attempts} exam attempts. Settings: ${JSON.stringify(r.settings)}.`,
    "",
    "| scenario | throughput | latency | target |",
    "| --- | --- | --- | --- |",
    ...rows(r.results).map((row) => `| ${row.join(" | ")} |`),
    "",
    ...memoryTable(r.memory),
  ].join("\n");
}
