// Overload is not a bug (decision 071): a transaction that never got a
// connection (Prisma's P2028) or a query that waited in vain for one (pg-pool's
// connect timeout) marks the request, and server/app.ts answers it 503 with
// Retry-After instead of a 500. Real errors, made with a pool of one connection.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { RouterContextProvider } from "react-router";
import { afterAll, describe, expect, it } from "vitest";
import { createLoadContext, handleError } from "~/entry.server.tsx";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { requestInfoContext } from "~/utils/context.server.ts";
import { isDatabaseOverloaded, isDatabaseUnavailable } from "~/utils/db.server.ts";

const url = process.env.DATABASE_URL as string;
const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 30_000 });
const prisma = new PrismaClient({ adapter: new PrismaPg(new pg.Pool({ connectionString: url, max: 1 })) });

afterAll(async () => {
  await pool.end();
  await prisma.$disconnect();
});

/** Runs `second` once `first` holds the only connection (it calls `holding`); returns what `second` threw. */
async function whileHeld(first: (holding: () => void, release: Promise<void>) => Promise<unknown>, second: () => Promise<unknown>) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let holding!: () => void;
  const held = new Promise<void>((r) => (holding = r));
  const firstDone = first(holding, released);
  await held;
  const error = await second().then(
    () => null,
    (e: unknown) => e,
  );
  release();
  await firstDone;
  return error;
}

const errorHandlerArgs = () => {
  const context = createLoadContext({ nonce: "n", requestId: "r", ip: "127.0.0.1" });
  return { request: new Request("http://localhost/exams", { method: "POST" }), params: {}, context };
};

describe("waiting for the database in vain", () => {
  it("a transaction that cannot start in time (P2028) is overload, and marks its request", async () => {
    const error = await whileHeld(
      (holding, released) =>
        prisma.$transaction(async (tx) => {
          await tx.$queryRaw`select 1`;
          holding();
          await released;
        }),
      () => prisma.$transaction(async (tx) => tx.$queryRaw`select 1`, { maxWait: 100 }),
    );
    expect(error).toMatchObject({ code: "P2028" });
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseOverloaded(error)).toBe(true);

    const args = errorHandlerArgs();
    const warn = console.warn;
    console.warn = () => {};
    try {
      handleError(error, args);
    } finally {
      console.warn = warn;
    }
    expect((args.context as RouterContextProvider).get(requestInfoContext).overloaded).toBe(true);
  });

  it("a wait for a pool connection that timed out is overload", async () => {
    const error = await whileHeld(
      async (holding, released) => {
        const client = await pool.connect();
        // Opening the connection may take long on a busy machine; only the wait for it is cut short.
        (pool as unknown as { options: { connectionTimeoutMillis: number } }).options.connectionTimeoutMillis = 200;
        holding();
        await released;
        client.release();
      },
      () => pool.query("select 1"),
    );
    expect(String(error)).toMatch(/timeout exceeded when trying to connect/);
    expect(isDatabaseOverloaded(error)).toBe(true);
  });

  it("any other failure stays a 500", async () => {
    const error = await prisma.$queryRaw`select 1/0`.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseOverloaded(error)).toBe(false);
    const args = errorHandlerArgs();
    const logged = console.error;
    console.error = () => {};
    try {
      handleError(error, args);
    } finally {
      console.error = logged;
    }
    expect((args.context as RouterContextProvider).get(requestInfoContext).overloaded).toBeUndefined();
  });
});
