import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client.ts";

// One client (and pool) per process, created on first use so that the server
// can start an embedded PostgreSQL and set DATABASE_URL before anything connects.
let client: PrismaClient | undefined;

/** Connections per app process: DATABASE_POOL_SIZE, default 10 (checked at start by env.server.ts). */
const DEFAULT_POOL_SIZE = 10;
function poolSize() {
  const n = Number(process.env.DATABASE_POOL_SIZE || DEFAULT_POOL_SIZE);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_POOL_SIZE;
}

type PoolName = "main" | "read";
type SharedPools = { pools: Partial<Record<PoolName, pg.Pool>>; waits: Record<PoolName, number> };
/**
 * The pools of this process and how often a query queued for a connection (no
 * idle one, the pool at its limit), for /metrics (server/metrics.ts). On
 * globalThis: this module is loaded twice, by the server build and by server/.
 */
export const sharedPools: SharedPools = ((globalThis as { kt1Pools?: SharedPools }).kt1Pools ??= {
  pools: {},
  waits: { main: 0, read: 0 },
});

/**
 * A pool that never takes the process down: an idle connection the server
 * ends (a restart, pg_terminate_backend) is dropped from the pool with a
 * warning, and the next query opens a new one (decision 066).
 */
function newPool(name: PoolName, url: string, options: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize(),
    options,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
  });
  pool.on("error", (error) => console.warn(`database connection lost while idle (${error.message}); the pool opens a new one`));
  sharedPools.pools[name] = pool;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  pool.connect = ((...args: unknown[]) => {
    if (pool.idleCount === 0 && pool.totalCount >= poolSize()) sharedPools.waits[name]++;
    return connect(...args);
  }) as typeof pool.connect;
  return pool;
}
/**
 * Every session in UTC (see getDb) and without PostgreSQL's JIT compiler: the
 * app's statements are short, and a cost estimate above jit_above_cost (an
 * exam start's draw, whose estimate counts every attempt's questions) paid
 * 10–30 ms of compiling for a statement that runs in under 1 ms (decision 076).
 */
export const SESSION_OPTIONS = "-c TimeZone=UTC -c jit=off";

/**
 * A database that cannot be reached answers within this, not never (the API's 503 waits for it).
 * pg-pool counts a wait for a free connection against it too, so it must outlast a busy moment
 * (a burst of bookings queued on row locks): 5 s refused bookings under the deadlock test's load.
 * A refused connection (the database down) fails at once either way.
 */
const CONNECT_TIMEOUT_MS = 30_000;
/**
 * An idle connection is closed after this (pg's default is 10 s): a burst after a lull (an exam's
 * first minute) would otherwise open every connection again, each a new PostgreSQL backend
 * with cold caches, while the requests wait. Kept for that reason; exam day run alone showed no
 * difference from it (decision 076).
 */
const IDLE_TIMEOUT_MS = 5 * 60_000;

/**
 * Opens the main pool's connections before the first request needs them (server/serve.ts calls it
 * once the port is open). Best effort: a database that is away is the requests' problem, not the start's.
 */
export async function openConnections() {
  const db = getDb();
  await Promise.all(Array.from({ length: poolSize() }, () => db.$queryRaw`select 1`.catch(() => null)));
}

/**
 * The name a statement is prepared under on each connection (decision 079): PostgreSQL then
 * parses it once per connection and, after five calls, may keep one plan for every later call,
 * instead of parsing and planning the same text at every call (the lesson page's statement spent
 * ~1.4 of its ~1.7 ms of database time there). Bounded: at most MAX_NAMED texts per process, each
 * at most 16 kB, so a text that varies (a list of parameters of any length) cannot grow the
 * connections' prepared statements without end; beyond the bound a statement is sent unnamed.
 */
const MAX_NAMED = 500;
const statementNames = new Map<string, string>();
function statementName({ sql }: { sql: string }): string {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED && sql.length <= 16_384) {
    name = `kt1_${createHash("sha256").update(sql).digest("base64url").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  // pg sends a statement without a name (parsed and planned at every call) when given undefined.
  return name as string;
}

/** The main pool, shared by getDb and (without a replica) getReadDb. */
function mainPool(): pg.Pool {
  if (!pool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (the server sets it after starting PostgreSQL)");
    pool = newPool("main", url, SESSION_OPTIONS);
  }
  return pool;
}
let pool: pg.Pool | undefined;

export function getDb(): PrismaClient {
  if (!client) {
    client = new PrismaClient({
      // Sessions in UTC whatever the server's default: the adapter sends a Date
      // in a raw query as a timestamp without offset (UTC wall time), which
      // ::timestamptz would read in the session's zone (7 hours off in a
      // server set to Asia/Ho_Chi_Minh). Vietnam days are computed explicitly.
      adapter: new PrismaPg(mainPool(), { disposeExternalPool: false, statementNameGenerator: statementName }),
      // Audited writes queue on the audit chain's lock; under a burst (exam day, a
      // busy roster) a transaction may wait longer than Prisma's 5 s default.
      transactionOptions: { maxWait: 15_000, timeout: 30_000 },
    });
  }
  return client;
}

/**
 * The client for dashboards, exports and reports: DATABASE_READ_URL (a replica)
 * when set, its sessions read-only so that any write through it fails; else the
 * main pool. Reads there may lag the primary by the replication delay. Its
 * statements are planned at every call, never kept (decision 079): their best
 * plan depends on the scope (a province's hundred thousand people or a station's ten).
 */
export function getReadDb(): PrismaClient {
  const url = process.env.DATABASE_READ_URL;
  if (url) {
    readClient ??= new PrismaClient({
      adapter: new PrismaPg(newPool("read", url, `${SESSION_OPTIONS} -c default_transaction_read_only=on`), { disposeExternalPool: true }),
    });
    return readClient;
  }
  plannedClient ??= new PrismaClient({ adapter: new PrismaPg(mainPool(), { disposeExternalPool: false }) });
  return plannedClient;
}
let readClient: PrismaClient | undefined;
let plannedClient: PrismaClient | undefined;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export async function disconnectDb() {
  // Forgotten before awaiting: a second call meanwhile must not end the pools again.
  const closing = [client, readClient, plannedClient];
  const main = pool;
  client = undefined;
  readClient = undefined;
  plannedClient = undefined;
  pool = undefined;
  await Promise.all(closing.map((c) => c?.$disconnect()));
  // Both clients may use the main pool; it is ended here, once.
  await main?.end();
  delete sharedPools.pools.main;
  delete sharedPools.pools.read;
}

// ---------------------------------------------------------------------------
// An unreachable database (decision 066)
// ---------------------------------------------------------------------------

/** Seconds a client is asked to wait (Retry-After) while the database cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Sockets, PostgreSQL's class 08 (connection) and 57P0x (shutting down, terminated), Prisma's P1001/P1017.
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOENT", "ENOTFOUND", "ETIMEDOUT", "EPIPE", "P1001", "P1017"]);
const UNREACHABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database server|server closed the connection/i;

/** True when `error` says the database could not be reached or dropped the connection (not a refusal of the query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e) || seen.size > 10) continue;
    seen.add(e);
    const { code, kind, originalCode, message, cause, meta } = e as Record<string, unknown>;
    if (typeof kind === "string" && UNREACHABLE_KINDS.has(kind)) return true;
    for (const c of [code, originalCode]) {
      if (typeof c === "string" && (UNREACHABLE_CODES.has(c) || /^08...$|^57P0[1-3]$/.test(c))) return true;
    }
    if (typeof message === "string" && UNREACHABLE_MESSAGE.test(message)) return true;
    queue.push(cause, meta, (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError);
  }
  return false;
}

// Prisma's P2028 when a transaction waited past maxWait for a connection, or ran past its timeout.
const OVERLOADED_MESSAGE = /Unable to start a transaction in the given time|cannot be executed on an expired transaction/;

/**
 * True when `error` says this process ran out of time waiting for the database:
 * a transaction that never got a connection or outlived its timeout (P2028), or
 * pg-pool's wait for a free connection (decision 071). Overload, not a bug: the
 * answer is a 503 with Retry-After, never a 500. An unreachable database counts too.
 */
export function isDatabaseOverloaded(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === "P2028" && typeof message === "string" && OVERLOADED_MESSAGE.test(message)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Conflicts worth running a transaction again for (decision 028)
// ---------------------------------------------------------------------------

/** deadlock_detected and serialization_failure: PostgreSQL rolled the transaction back; running it again may succeed. */
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"]);
/** How many times a transaction runs before a conflict is given up on. */
const CONFLICT_ATTEMPTS = 3;
/** Seconds a client is asked to wait (Retry-After) when the conflicts outlasted the attempts. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** True for a deadlock or serialization failure, as pg raises it or as Prisma wraps it (P2034, or P2010 with the code). */
function isRetryableConflict(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, meta } = e as { code?: unknown; meta?: Record<string, unknown> };
    if (code === "P2034" || (typeof code === "string" && RETRYABLE_SQLSTATES.has(code))) return true;
    const metaCode = meta?.code ?? (meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined)?.cause?.originalCode;
    if (typeof metaCode === "string" && RETRYABLE_SQLSTATES.has(metaCode)) return true;
    if (
      (e as { name?: unknown }).name === "DriverAdapterError" &&
      (e as { cause?: { kind?: unknown } }).cause?.kind === "TransactionWriteConflict"
    )
      return true;
  }
  return false;
}

/** A deadlock or serialization failure that was still there after CONFLICT_ATTEMPTS runs: "busy, try again shortly". */
export class DatabaseBusyError extends Error {
  constructor(cause: unknown) {
    super("the database was busy with conflicting changes; try again shortly", { cause });
    this.name = "DatabaseBusyError";
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` (a whole transaction, or one statement outside any) and runs it
 * again, after a short random pause, when PostgreSQL rolled it back as a
 * deadlock or serialization failure: at most CONFLICT_ATTEMPTS runs, then
 * DatabaseBusyError. `fn` must have no effect outside the database before its
 * transaction commits. Lock order (person, then certifications) keeps this rare.
 */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = CONFLICT_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      if (attempt >= attempts) throw new DatabaseBusyError(error);
      await pause(attempt * (10 + Math.random() * 40)); // jitter: the two sides do not meet again in step
    }
  }
}
