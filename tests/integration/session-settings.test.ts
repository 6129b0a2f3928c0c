// The app's database sessions: what every connection of its pools sets.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, getReadDb } from "~/utils/db.server.ts";

describe("the app's database sessions", () => {
  it("never JIT-compile: the server's default compiles, the app's connections do not (decision 076)", async () => {
    const plain = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await plain.connect();
    const serverDefault = (await plain.query<{ jit: string }>("show jit")).rows[0].jit;
    await plain.end();
    expect(serverDefault).toBe("on");
    expect(await getDb().$queryRaw<{ jit: string }[]>`show jit`).toEqual([{ jit: "off" }]);
  });

  it("prepare the main client's statements once per connection; the dashboards' are planned at every call (decision 079)", async () => {
    type Prepared = { statement: string }[];
    // The statement reads the connection's own prepared statements, itself included once it has a name.
    const own = await getDb().$queryRaw<Prepared>`select statement from pg_prepared_statements where statement like '%kt1-own-check%'`;
    expect(own.map((r) => r.statement)).toEqual([expect.stringContaining("kt1-own-check")]);
    const read = await getReadDb()
      .$queryRaw<Prepared>`select statement from pg_prepared_statements where statement like '%kt1-read-check%'`;
    expect(read).toEqual([]);
    // A long text (here a 17 kB comment) is never kept: it could be one of many.
    const long = Prisma.raw(
      `/* ${"x".repeat(17_000)} */ select statement from pg_prepared_statements where statement like '%kt1-long-check%'`,
    );
    expect(await getDb().$queryRaw<Prepared>`${long}`).toEqual([]);
  });
});
