// The app's SQL is right whatever time zone the PostgreSQL server defaults to.
// This file's database defaults to Vietnam's zone, as a server installed in
// Vietnam may be; the app's connections set their own (UTC).
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { HOUR_MS } from "~/domain/time/calendar.ts";
import { assignToShift } from "~/services/roster/assignments.server.ts";
import { eligibilityOf } from "~/services/roster/eligibility.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";

async function plainQuery<T>(text: string, url = process.env.DATABASE_URL): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  // Before the app's first connection, which would otherwise keep the old default.
  const name = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
  await plainQuery(`alter database "${name}" set timezone = 'Asia/Ho_Chi_Minh'`, process.env.MIGRATION_DATABASE_URL);
});

describe("a server whose default time zone is Asia/Ho_Chi_Minh", () => {
  it("is what a connection without the app's setting gets", async () => {
    expect(await plainQuery<{ TimeZone: string }>("show timezone")).toEqual([{ TimeZone: "Asia/Ho_Chi_Minh" }]);
  });

  it("reads a Date sent in a raw query as the instant it is", async () => {
    const at = new Date("2026-12-01T01:30:00.000Z");
    const [row] = await getDb().$queryRaw<{ hours: number }[]>`
      select extract(epoch from ${at}::timestamptz - '2026-12-01T01:30:00Z'::timestamptz) / 3600 as hours`;
    expect(Number(row.hours)).toBe(0);
  });

  it("sees an overlapping duty at its real time when checking eligibility", async () => {
    const world = await makeRosterWorld();
    const { person } = await makeQualifiedPerson(world);
    const shift = await makeShift(world, new Date("2026-12-10T01:00:00Z"), 4);
    expect(
      await assignToShift(shift.id, person.id, { personId: null, apiTokenId: null, path: "PAGE" }, new Date("2026-12-03T00:00:00Z")),
    ).toMatchObject({ ok: true });
    const overlapping = {
      personId: person.id,
      dutyTypeId: world.dutyType.id,
      startsAt: new Date(shift.startsAt.getTime() + HOUR_MS),
      endsAt: new Date(shift.startsAt.getTime() + 2 * HOUR_MS),
    };
    expect(await eligibilityOf(overlapping)).toEqual({ ok: false, code: "NOT_ELIGIBLE", reasons: [{ code: "OVERLAPPING_ASSIGNMENT" }] });
    // Seven hours later (what a Date read in the wrong zone would become) the same person is free.
    const later = {
      ...overlapping,
      startsAt: new Date(shift.endsAt.getTime() + 2 * HOUR_MS),
      endsAt: new Date(shift.endsAt.getTime() + 3 * HOUR_MS),
    };
    expect(await eligibilityOf(later)).toEqual({ ok: true });
  });
});
