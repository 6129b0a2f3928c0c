// Issue 11, item 7: an assignment locks the person, then their certifications
// (the roster rule's trigger); a revocation locked the certification, then the
// person (the cascade that cancels the assignments it carried). Run side by
// side on the same people, PostgreSQL killed one of them as a deadlock (40P01)
// and the request answered 500. Every path now takes the person first, and a
// bounded retry backs that up; a retried-out conflict answers 503 with a message.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HOUR_MS } from "~/domain/time/calendar.ts";
import { ApiError, apiHandler } from "~/services/api/http.server.ts";
import { assignViaApi, revokeViaApi } from "~/services/api/roster-api.server.ts";
import { rosterTargets } from "~/services/api/roster-targets.server.ts";
import type { AuthenticatedToken } from "~/services/api/tokens.server.ts";
import { revokePersonCertification } from "~/services/exams/certification-revoke.server.ts";
import { auditedTransaction } from "~/services/audit.server.ts";
import { assignToShift } from "~/services/roster/assignments.server.ts";
import { DatabaseBusyError, getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";
import { certify, makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";

const ROUNDS = 20;
const PEOPLE = 6;

type Outcome = { path: string; ok: true; value: unknown } | { path: string; ok: false; error: unknown };

async function settle(path: string, run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { path, ok: true, value: await run() };
  } catch (error) {
    return { path, ok: false, error };
  }
}

/** A refusal the caller answers properly (409 already revoked); anything else thrown is a 5xx. */
const isRefusal = (error: unknown) => error instanceof ApiError && error.status < 500;

describe("assignments and revocations on the same people, at the same time", () => {
  it(`${ROUNDS} rounds × ${PEOPLE} people, page and API paths: no deadlock surfaces, and the roster rule holds`, async () => {
    const db = getDb();
    const world = await makeRosterWorld();
    const people = await Promise.all(Array.from({ length: PEOPLE }, () => makeQualifiedPerson(world)));
    const row = await db.apiToken.create({
      data: {
        name: "deadlock",
        tokenHash: randomBytes(32).toString("hex"),
        unitId: world.unit.id,
        scopes: ["roster:write", "certifications:revoke"],
      },
    });
    const token: AuthenticatedToken = { id: row.id, name: row.name, unitId: world.unit.id, unitCode: world.unit.code, scopes: row.scopes };
    const manager = people[0].person.id;
    // Each round's certification will be the only one in force.
    for (const { person, cert } of people)
      await revokePersonCertification(person.id, { certificationId: cert.id, reason: "Chuẩn bị kiểm tra" }, manager, new Date());
    const base = Date.now() + 24 * HOUR_MS;

    const outcomes: Outcome[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const now = new Date();
      // Each round: a fresh certification per person, a duty they hold (which
      // the revocation's cascade re-checks) and a duty they are being given.
      const held = await makeShift(world, new Date(base + r * 10 * HOUR_MS), 4);
      const target = await makeShift(world, new Date(base + r * 10 * HOUR_MS + 5 * HOUR_MS), 4);
      const certs = await Promise.all(people.map(({ person }) => certify(world, person.id, now)));
      for (const { person } of people)
        await db.assignment.create({ data: { shiftId: held.id, personId: person.id, source: "PAGE", createdAt: now } });

      const runs = people.flatMap(({ person }, i) => {
        const cert = certs[i];
        const assign =
          (r + i) % 2 === 0
            ? settle("page assign", () => assignToShift(target.id, person.id, { personId: manager, apiTokenId: null, path: "PAGE" }, now))
            : settle("API assign", async () => {
                const t = await rosterTargets(
                  token,
                  { station: world.station.code, employeeCode: person.employeeCode, dutyType: world.dutyType.code },
                  { startsAt: target.startsAt, endsAt: target.endsAt },
                  true,
                );
                return assignViaApi(token, t, now);
              });
        const revoke =
          r % 2 === 0
            ? settle("page revoke", () =>
                revokePersonCertification(person.id, { certificationId: cert.id, reason: "Kiểm tra đồng thời" }, manager, now),
              )
            : settle("API revoke", () => revokeViaApi(token, cert.serial, "Kiểm tra đồng thời", now));
        return [assign, revoke];
      });
      outcomes.push(...(await Promise.all(runs)));
    }

    // Every call either did its work or answered with a refusal: nothing a route would turn into a 5xx.
    const unexpected = outcomes
      .filter((o) => !o.ok && !isRefusal(o.error))
      .map((o) => `${o.path}: ${String((o as { error: unknown }).error).slice(0, 160)}`);
    expect(unexpected).toEqual([]);
    for (const o of outcomes) {
      if (!o.ok) continue;
      // Both assignment paths answer with a booking or a refusal a route turns into 409/422.
      const booking = (v: { ok: boolean; code?: string }) =>
        v.ok || ["NOT_ELIGIBLE", "ALREADY_ASSIGNED", "SHIFT_FULL"].includes(v.code ?? "");
      if (o.path === "page assign" || o.path === "API assign") expect(o.value).toSatisfy(booking);
      if (o.path === "page revoke") expect(o.value).toMatchObject({ ok: true });
      if (o.path === "API revoke")
        expect(o.value).toSatisfy((v: { ok: boolean; code?: string; value?: { status: string } }) =>
          v.ok ? v.value?.status === "REVOKED" : v.code === "ALREADY_REVOKED",
        );
    }

    // The rule held: every certification is revoked now, so none of their later duties may stay active.
    const ids = people.map((p) => p.person.id);
    expect(await db.certification.count({ where: { personId: { in: ids }, revokedAt: null } })).toBe(0);
    expect(
      await db.assignment.count({ where: { personId: { in: ids }, status: "CANCELLED", cancelReason: "CERTIFICATION_REVOKED" } }),
    ).toBeGreaterThanOrEqual(ROUNDS * PEOPLE);
    const active = await db.$queryRaw<{ id: number; reasons: string[] }[]>`
      select a.id, assignment_violations(a.person_id, s.duty_type_id, s.starts_at, s.ends_at, a.id) as reasons
        from assignments a join shifts s on s.id = a.shift_id
       where a.person_id = any(${ids}::int[]) and a.status = 'ACTIVE' and s.ends_at > now()`;
    expect(active).toEqual([]);
  }, 300_000);

  it("runs again a transaction PostgreSQL picked as a deadlock's victim (the backstop for a lock order missed)", async () => {
    const unit = await makeUnit();
    const [a, b] = await Promise.all([
      makePerson({ unitId: unit.id, withAccount: false }),
      makePerson({ unitId: unit.id, withAccount: false }),
    ]);
    let runs = 0;
    let locked = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    // Two transactions lock the same two rows in opposite orders: a certain deadlock.
    const lockBoth = (first: number, second: number) =>
      auditedTransaction(async (tx) => {
        runs++;
        await tx.$queryRaw`select id from people where id = ${first} for update`;
        if (++locked === 2) release();
        await bothHoldOne;
        await tx.$queryRaw`select id from people where id = ${second} for update`;
        return "done";
      });
    expect(await Promise.all([lockBoth(a.id, b.id), lockBoth(b.id, a.id)])).toEqual(["done", "done"]);
    expect(runs).toBe(3);
  });

  it("a conflict still there after the retries answers 503 with Retry-After and a message, not a bare 500", async () => {
    const request = new Request("http://localhost/api/v1/assignments", { method: "POST", headers: { "Accept-Language": "en" } });
    const response = await apiHandler(request, async () => {
      throw new DatabaseBusyError(new Error("deadlock detected"));
    });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("BUSY");
    expect(body.error.message).toMatch(/try again/i);
  });
});
