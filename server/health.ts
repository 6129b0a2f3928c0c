// Liveness, readiness and the answer while the database is away (decision 066).
//  - /healthz: the process answers (a load balancer or systemd restarts it if not);
//    never the database's state, so an outage does not restart healthy processes.
//  - /readyz: the database answers, every migration in prisma/migrations is
//    applied, and the job runner is alive (pg-boss's cron clock moved lately)
//    when this host runs jobs (JOBS=on); 503 with the failing checks otherwise.
//  - A page or API answer that failed while the database cannot be reached
//    becomes a 503 with Retry-After: the API's JSON error, or a Vietnamese page.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Request, Response } from "express";
import pg from "pg";
import { translate } from "../app/i18n/index.ts";
import { apiLocale } from "../app/services/api/locale.ts";
import { unavailableResponse } from "../app/services/api/http.server.ts";
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "../app/utils/db.server.ts";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../prisma/migrations");
/** pg-boss's clock (cron_on) moves every 30 s in each running job process. */
const JOBS_STALE_SECONDS = 120;

/** A one-connection pool for probes; a connection the server drops is logged, never fatal. */
export function healthPool(databaseUrl: string, warn: (msg: string) => void) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 3_000, application_name: "kt1-health" });
  pool.on("error", (error) => warn(`health check connection lost (${error.message})`));
  return pool;
}

export async function databaseReachable(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query("select 1");
    return true;
  } catch {
    return false;
  }
}

export function readiness(pool: pg.Pool, jobsHere: boolean) {
  const expected = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  return async (_req: Request, res: Response) => {
    const checks: Record<string, string> = {};
    try {
      const { rows } = await pool.query<{ migration_name: string }>(
        `select migration_name from "_prisma_migrations" where finished_at is not null and rolled_back_at is null`,
      );
      checks.database = "ok";
      const applied = new Set(rows.map((r) => r.migration_name));
      const missing = expected.filter((name) => !applied.has(name));
      checks.migrations = missing.length ? `missing: ${missing.join(", ")}` : "ok";
      if (jobsHere) {
        const { rows: clock } = await pool.query<{ age: number | null }>(
          "select extract(epoch from now() - cron_on)::float8 as age from pgboss.version",
        );
        const age = clock[0]?.age;
        checks.jobs = age != null && age < JOBS_STALE_SECONDS ? "ok" : "not running";
      } else checks.jobs = "off on this host (JOBS=off)";
    } catch {
      checks.database ??= "unreachable";
    }
    const ready = checks.database === "ok" && checks.migrations === "ok" && (!jobsHere || checks.jobs === "ok");
    res
      .status(ready ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json({ status: ready ? "ready" : "not ready", checks });
  };
}

/** The 503 sent instead of a 500 when the database cannot be reached. */
export function unavailableAnswer(req: Request): globalThis.Response {
  if (req.path.startsWith("/api/")) return unavailableResponse(apiLocale(req.get("accept-language")));
  const line = (key: Parameters<typeof translate>[1], locale: "vi" | "en") => translate(locale, key);
  const html = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${line("error.503.title", "vi")} · KT1</title></head>
<body><main id="main">
<h1>${line("error.503.title", "vi")}</h1>
<p>${line("error.503.body", "vi")}</p>
<p lang="en">${line("error.503.body", "en")}</p>
<p><a href="">${line("error.retry", "vi")}</a></p>
</main></body></html>
`;
  return new globalThis.Response(html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
    },
  });
}
