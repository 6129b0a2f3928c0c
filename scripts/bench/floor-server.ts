// The floor of two request shapes (floors.ts starts it): plain Express in as many
// processes as the app, with nothing of the app but the one statement each request
// needs, built by the app's own functions, and the bytes the app answered it with.
// GET /lesson: the lesson view's statement (lessonDocumentSql) and the lesson page's
// HTML; GET /eligibility: the eligibility check's statement (tokenSql with
// targetsSql) and the API's JSON answer. What the app adds on top of this is all a
// design could still take away; what this costs, no design with that statement can.
import cluster from "node:cluster";
import express from "express";
import pg from "pg";
import { lessonDocumentSql } from "../../app/services/content/lesson-document.server.ts";
import { targetsSql } from "../../app/services/api/roster-targets.server.ts";
import { tokenSql } from "../../app/services/api/tokens.server.ts";
import type { Prisma } from "../../app/generated/prisma/client.ts";
import { SESSION_OPTIONS } from "../../app/utils/db.server.ts";
import { BENCH_API_TOKEN, benchToken, sessionIdOf } from "./accounts.ts";
import { BENCH_DUTY } from "./data-sql.ts";
import { eligibilityPath, type EligibilitySample } from "./scenarios.ts";

export type FloorSettings = {
  databaseUrl: string;
  /** The app under test, asked once per process for the bytes each request is answered with. */
  appBase: string;
  lessonPath: string;
  eligibility: EligibilitySample;
  processes: number;
  port: number;
};

const settings = JSON.parse(process.env.FLOOR_SETTINGS ?? "null") as FloorSettings | null;
if (!settings) throw new Error("FLOOR_SETTINGS is not set (floors.ts starts this server)");

if (cluster.isPrimary) {
  for (let i = 0; i < settings.processes; i++) cluster.fork();
  cluster.on("exit", () => process.exit(1));
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  });
} else {
  await serve(settings);
}

async function serve(s: FloorSettings) {
  // As the app's pool: 10 connections, sessions in UTC without JIT (app/utils/db.server.ts).
  const pool = new pg.Pool({ connectionString: s.databaseUrl, max: 10, options: SESSION_OPTIONS });
  const [, , course, lesson] = s.lessonPath.split("/").map(decodeURIComponent);
  const e = s.eligibility;
  const codes = { station: e.station, employeeCode: e.employeeCode, dutyType: BENCH_DUTY };
  const shapes = {
    lesson: {
      sql: lessonDocumentSql(sessionIdOf(benchToken("learner", 0)), course, lesson),
      type: "text/html; charset=utf-8",
      body: await answerOf(`${s.appBase}${s.lessonPath}`, { cookie: `kt1_session=${benchToken("learner", 0)}` }),
    },
    eligibility: {
      sql: tokenSql(BENCH_API_TOKEN, { scope: "roster:read", sql: targetsSql(codes, { startsAt: new Date(e.start), endsAt: new Date(e.end) }, false) }),
      type: "application/json; charset=utf-8",
      body: await answerOf(`${s.appBase}${eligibilityPath(e)}`, { authorization: `Bearer ${BENCH_API_TOKEN}` }),
    },
  };
  const app = express();
  for (const [name, shape] of Object.entries(shapes)) {
    app.get(`/${name}`, (_req, res, next) => {
      run(pool, name, shape.sql)
        .then(() => res.type(shape.type).send(shape.body))
        .catch(next);
    });
  }
  app.listen(s.port, "127.0.0.1");
}

/** A named statement, as the app prepares its statements (decision 079); it must find its row. */
async function run(pool: pg.Pool, name: string, sql: Prisma.Sql) {
  const { rows } = await pool.query({ name: `floor_${name}`, text: sql.text, values: sql.values });
  if (rows.length !== 1) throw new Error(`the ${name} statement found ${rows.length} rows`);
}

async function answerOf(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers, redirect: "manual" });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: the floor needs the app's answer`);
  return res.text();
}
