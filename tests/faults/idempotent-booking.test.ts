// A worker killed mid-request after its booking committed (issue 17): the
// Idempotency-Key's answer is stored in the booking's own transaction, so the
// client's retry gets the original 201, never a stuck 409 or a second booking.
// The crash is the work throwing right after the commit, before anything else
// of the request runs (what a SIGKILL there leaves behind).
import { describe, expect, it } from "vitest";
import { withIdempotency } from "~/services/api/idempotency.server.ts";
import { assignViaApi } from "~/services/api/roster-api.server.ts";
import { rosterTargets } from "~/services/api/roster-targets.server.ts";
import { createApiToken } from "~/services/api/tokens.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makeQualifiedPerson, makeRosterWorld } from "../support/roster-fixtures.ts";

const now = new Date("2026-03-02T01:00:00Z");

describe("idempotent booking after a crash", () => {
  it("a retry after a crash past COMMIT gets the original 201 and books nothing more", async () => {
    const db = getDb();
    const world = await makeRosterWorld();
    const { person } = await makeQualifiedPerson(world);
    const unit = await db.unit.findUniqueOrThrow({ where: { id: world.unit.id } });
    const created = await createApiToken({ name: "Điều hành", unitCode: unit.code, scopes: ["roster:write"] }, null, now);
    const token = { id: created.id, name: "Điều hành", unitId: unit.id, unitCode: unit.code, scopes: ["roster:write"] };
    const codes = { station: world.station.code, employeeCode: person.employeeCode, dutyType: world.dutyType.code };
    const when = { startsAt: new Date("2026-03-10T01:00:00Z"), endsAt: new Date("2026-03-10T09:00:00Z") };

    const request = (crash: boolean) =>
      withIdempotency(token.id, "crash-after-commit", "same-request", now, async (record) => {
        const targets = await rosterTargets(token, codes, when, true);
        const result = await assignViaApi(token, targets, now, (tx, view) => record(tx, { status: 201, body: view }));
        if (crash) throw new Error("the worker died here");
        return result.ok ? { status: 201, body: result.value } : { status: 409, body: { error: { code: result.code } } };
      });

    await expect(request(true)).rejects.toThrow("the worker died here");
    const booked = await db.assignment.findMany({ where: { personId: person.id } });
    expect(booked).toHaveLength(1);
    const stored = await db.idempotencyRecord.findUniqueOrThrow({
      where: { tokenId_key: { tokenId: token.id, key: "crash-after-commit" } },
    });
    expect(stored.status).toBe(201);

    const retry = await request(false);
    expect(retry).toMatchObject({
      status: 201,
      replayed: true,
      body: { id: booked[0].id, employeeCode: person.employeeCode, status: "ACTIVE" },
    });
    expect(await db.assignment.count({ where: { personId: person.id } })).toBe(1);
  });
});
