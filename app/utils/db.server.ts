import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";

// One client (and pool) per process, created on first use so that the server
// can start an embedded PostgreSQL and set DATABASE_URL before anything connects.
let client: PrismaClient | undefined;

/** Connections per app process: DATABASE_POOL_SIZE, default 10 (checked at start by env.server.ts). */
export const DEFAULT_POOL_SIZE = 10;
function poolSize() {
  const n = Number(process.env.DATABASE_POOL_SIZE || DEFAULT_POOL_SIZE);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_POOL_SIZE;
}

export function getDb(): PrismaClient {
  if (!client) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (the server sets it after starting PostgreSQL)");
    client = new PrismaClient({
      // Sessions in UTC whatever the server's default: the adapter sends a Date
      // in a raw query as a timestamp without offset (UTC wall time), which
      // ::timestamptz would read in the session's zone (7 hours off in a
      // server set to Asia/Ho_Chi_Minh). Vietnam days are computed explicitly.
      adapter: new PrismaPg({ connectionString: url, max: poolSize(), options: "-c TimeZone=UTC" }),
      // Audited writes queue on the audit chain's lock; under a burst (exam day, a
      // busy roster) a transaction may wait longer than Prisma's 5 s default.
      transactionOptions: { maxWait: 15_000, timeout: 30_000 },
    });
  }
  return client;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export async function disconnectDb() {
  await client?.$disconnect();
  client = undefined;
}
