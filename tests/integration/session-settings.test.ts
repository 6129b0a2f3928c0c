// The app's database sessions: what every connection of its pools sets.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server.ts";

describe("the app's database sessions", () => {
  it("never JIT-compile: the server's default compiles, the app's connections do not (decision 076)", async () => {
    const plain = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await plain.connect();
    const serverDefault = (await plain.query<{ jit: string }>("show jit")).rows[0].jit;
    await plain.end();
    expect(serverDefault).toBe("on");
    expect(await getDb().$queryRaw<{ jit: string }[]>`show jit`).toEqual([{ jit: "off" }]);
  });
});
