// /metrics in Prometheus' text format (prom-client), for operators only: a
// bearer token (METRICS_TOKEN), else the address does not exist (decision 067).
// Two kinds of figures:
//  - this process's: requests per route id, method and status class, their
//    latency, aborted requests, the database pools (in prom-client's global
//    registry; with WEB_PROCESSES > 1 the primary sums every worker's over IPC);
//  - the database's, read once per scrape: job queues by state, the reminder
//    outbox's backlog, refusals per reason (last 24 h), the audit chain's length.
import cluster from "node:cluster";
import { createHash, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type pg from "pg";
import promClient from "prom-client";
import type { ServerBuild } from "react-router";
import { sharedPools } from "../app/utils/db.server.ts";
import { routeMatcher } from "./route-match.ts";

const { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics, register } = promClient;

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The metric `name` of this process, made once (createApp may run more than once in a process). */
function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

function processMetrics() {
  if (!register.getSingleMetric("process_cpu_seconds_total")) collectDefaultMetrics();
  const requests = once(
    "kt1_http_requests_total",
    () => new Counter({ name: "kt1_http_requests_total", help: "Requests answered", labelNames: ["route", "method", "status"] }),
  );
  const duration = once(
    "kt1_http_request_duration_seconds",
    () =>
      new Histogram({
        name: "kt1_http_request_duration_seconds",
        help: "Time to answer a request",
        labelNames: ["route", "method"],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  );
  const aborted = once(
    "kt1_http_requests_aborted_total",
    () => new Counter({ name: "kt1_http_requests_aborted_total", help: "Requests the client gave up on", labelNames: ["route"] }),
  );
  once(
    "kt1_db_pool_connections",
    () =>
      new Gauge({
        name: "kt1_db_pool_connections",
        help: "Database pool connections by state (waiting: queries queued for one)",
        labelNames: ["pool", "state"],
        collect() {
          for (const [pool, p] of Object.entries(sharedPools.pools)) {
            this.set({ pool, state: "total" }, p.totalCount);
            this.set({ pool, state: "idle" }, p.idleCount);
            this.set({ pool, state: "waiting" }, p.waitingCount);
          }
        },
      }),
  );
  once(
    "kt1_db_pool_waits_total",
    () =>
      new Counter({
        name: "kt1_db_pool_waits_total",
        help: "Queries that found no idle connection with the pool at its limit",
        labelNames: ["pool"],
        collect() {
          this.reset();
          for (const [pool, n] of Object.entries(sharedPools.waits)) this.inc({ pool }, n);
        },
      }),
  );
  return { requests, duration, aborted };
}

/** A request's route: the deepest React Router route id its path matches, or a fixed name. */
export function routeResolver(build: ServerBuild) {
  const match = routeMatcher(build);
  return (path: string): string => {
    if (path.startsWith("/assets/")) return "assets";
    if (path === "/healthz" || path === "/readyz" || path === "/metrics") return path.slice(1);
    // The exam page's autosave is the HTTP server's own handler, not a route (decision 082).
    if (/^\/exams\/[^/]+\/answers$/.test(path)) return "exam-answers";
    // Ids become 0 (no route has a numeric segment of its own): every attempt's,
    // person's or shift's path then shares one remembered match instead of
    // ranking the whole route tree again for each new id.
    const matches = match(path === "/_root.data" ? "/" : path.replace(/\.data$/, "").replace(/\/\d+(?=\/|$)/g, "/0"));
    return matches?.[matches.length - 1]?.route.id ?? "unmatched";
  };
}

/** Counts and times every request by route id; a request the client dropped counts as aborted. */
export function requestMetrics(build: ServerBuild) {
  const m = processMetrics();
  // A worker answers the primary's requests for its figures once an AggregatorRegistry exists in it.
  if (cluster.isWorker) new AggregatorRegistry();
  const routeOf = routeResolver(build);
  return {
    finished(req: Request, status: number, seconds: number) {
      const route = routeOf(req.path);
      const method = METHODS.has(req.method) ? req.method : "OTHER";
      m.requests.inc({ route, method, status: `${Math.floor(status / 100)}xx` });
      m.duration.observe({ route, method }, seconds);
    },
    aborted(req: Request) {
      m.aborted.inc({ route: routeOf(req.path) });
    },
  };
}

/** What the database says, read at each scrape (a few indexed counts). */
async function databaseMetrics(health: pg.Pool): Promise<string> {
  const registry = new Registry();
  const up = new Gauge({ name: "kt1_database_up", help: "1 when the database answered this scrape", registers: [registry] });
  try {
    const { rows: jobs } = await health.query<{ name: string; waiting: number; active: number; failed: number }>(
      `select q.name, count(j.id) filter (where j.state in ('created', 'retry'))::int as waiting,
              count(j.id) filter (where j.state = 'active')::int as active, count(j.id) filter (where j.state = 'failed')::int as failed
         from pgboss.queue q left join pgboss.job j on j.name = q.name group by q.name`,
    );
    const { rows: refusals } = await health.query<{ reason: string; n: number }>(
      "select r as reason, count(*)::int as n from refusals, unnest(reasons) r where at > now() - interval '24 hours' group by r",
    );
    const {
      rows: [totals],
    } = await health.query<{ audit: string; outbox: number }>(
      `select (select coalesce(max(id), 0) from audit_entries)::text as audit,
              (select count(*)::int from reminder_outbox where status = 'PENDING') as outbox`,
    );
    const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });
    const waiting = gauge("kt1_jobs_waiting", "Jobs waiting to run (created or to retry), per queue", ["queue"]);
    const active = gauge("kt1_jobs_active", "Jobs running, per queue", ["queue"]);
    const failed = gauge("kt1_jobs_failed", "Jobs that failed for good and are still kept, per queue", ["queue"]);
    for (const j of jobs) {
      waiting.set({ queue: j.name }, j.waiting);
      active.set({ queue: j.name }, j.active);
      failed.set({ queue: j.name }, j.failed);
    }
    const refusalGauge = gauge("kt1_roster_refusals_24h", "Refused assignments in the last 24 hours, per reason", ["reason"]);
    for (const r of refusals) refusalGauge.set({ reason: r.reason }, r.n);
    gauge("kt1_reminder_outbox_pending", "Reminders waiting to be delivered").set(totals.outbox);
    gauge("kt1_audit_chain_length", "Entries in the audit chain (its last id)").set(Number(totals.audit));
    up.set(1);
  } catch {
    up.set(0);
  }
  return registry.metrics();
}

/** This process's figures, or in a cluster every worker's summed by the primary. */
function processText(): Promise<string> {
  if (!cluster.isWorker) return register.metrics();
  return new Promise((resolve, reject) => {
    const id = `${process.pid}-${Math.random()}`;
    const onMessage = (msg: { type?: string; id?: string; text?: string; error?: string }) => {
      if (msg?.type !== "kt1:metrics" || msg.id !== id) return;
      process.off("message", onMessage);
      if (msg.error !== undefined) reject(new Error(msg.error));
      else resolve(msg.text ?? "");
    };
    process.on("message", onMessage);
    process.send?.({ type: "kt1:metrics?", id });
  });
}

/** In the primary of a cluster: answers a worker's request for the summed figures. */
export function serveClusterMetrics() {
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker, msg: { type?: string; id?: string }) => {
    if (msg?.type !== "kt1:metrics?") return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: "kt1:metrics", id: msg.id, text }),
      (err: Error) => worker.send({ type: "kt1:metrics", id: msg.id, error: err.message }),
    );
  });
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** GET /metrics: 404 without METRICS_TOKEN; else 401 unless "Authorization: Bearer <token>". */
export function metricsEndpoint(token: string | undefined, health: pg.Pool) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!token) return next();
    const given = /^Bearer (.+)$/i.exec(req.get("authorization") ?? "")?.[1] ?? "";
    if (!timingSafeEqual(digest(given), digest(token))) {
      res.status(401).set("WWW-Authenticate", 'Bearer realm="metrics"').type("text/plain; charset=utf-8").send("Unauthorized\n");
      return;
    }
    try {
      const [own, db] = await Promise.all([processText(), databaseMetrics(health)]);
      res.set("Cache-Control", "no-store").type(register.contentType).send(`${own}\n${db}`);
    } catch (error) {
      next(error);
    }
  };
}
