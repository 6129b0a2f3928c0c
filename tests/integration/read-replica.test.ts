// DATABASE_READ_URL: dashboards read from a replica, through sessions opened
// read-only, so a write through them fails; the counts' catch-up still writes
// on the primary. The "replica" here is a second database with data of its own.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dashboardView } from "~/services/dashboard/overview.server.ts";
import { disconnectDb, getReadDb } from "~/utils/db.server.ts";
import { withClient } from "../../server/database-roles.ts";
import { adminQuery, cloneTemplate } from "../support/database-server.ts";
import { makeUnit } from "../support/factories.ts";

const serverUrl = inject("dbServerUrl");
const replicaName = `${inject("dbPrefix")}_replica_${randomBytes(4).toString("hex")}`;
let replica: Awaited<ReturnType<typeof cloneTemplate>>;

beforeAll(async () => {
  replica = await cloneTemplate(serverUrl, inject("dbLogins"), inject("dbTemplate"), replicaName);
  await withClient(replica.ownerUrl, (c) =>
    c.query(`insert into certification_types (code, name) values ('CHI-O-BAN-SAO', 'Chỉ có ở bản sao')`),
  );
});

afterAll(async () => {
  delete process.env.DATABASE_READ_URL;
  await disconnectDb();
  await adminQuery(serverUrl, `drop database if exists ${replicaName} with (force)`);
});

describe("DATABASE_READ_URL", () => {
  it("the dashboard reads from the replica when it is set, from the main database when not", async () => {
    // Two provinces: each view is cached per scope, and the setting does not change while a process runs.
    const [first, second] = [await makeUnit({ kind: "PROVINCE" }), await makeUnit({ kind: "PROVINCE" })];
    const codes = async (province: { id: number }) =>
      (await dashboardView({ scope: [province.id], unitId: null, now: new Date() }, null)).types.map((t) => t.code);
    expect(await codes(first)).not.toContain("CHI-O-BAN-SAO");

    process.env.DATABASE_READ_URL = replica.appUrl;
    try {
      expect(await codes(second)).toContain("CHI-O-BAN-SAO");
    } finally {
      delete process.env.DATABASE_READ_URL;
      await disconnectDb();
    }
  });

  it("a write through the read connections fails and changes nothing", async () => {
    process.env.DATABASE_READ_URL = replica.appUrl;
    try {
      await expect(getReadDb().$executeRaw`insert into certification_types (code, name) values ('GHI-QUA-BAN-SAO', 'x')`).rejects.toThrow(
        /read-only transaction/,
      );
      const rows = await withClient(replica.ownerUrl, (c) => c.query(`select 1 from certification_types where code = 'GHI-QUA-BAN-SAO'`));
      expect(rows.rowCount).toBe(0);
    } finally {
      delete process.env.DATABASE_READ_URL;
      await disconnectDb();
    }
  });
});
