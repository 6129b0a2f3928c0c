// The demo roster: seeded once, quickly, and at Bưu cục KT1 Hạc Thành every
// refusal reason belongs to someone for some seeded shift.
import { describe, expect, it } from "vitest";
import { REASON_CODES, type ReasonCode } from "~/domain/roster/eligibility.ts";
import { DAY_MS } from "~/domain/time/calendar.ts";
import { seedDemoData } from "~/seed/seed.server.ts";
import { DEMO_STATION, seedRosterIfEmpty } from "~/seed/roster-seed.server.ts";
import { readContentFiles } from "~/services/content/files.server.ts";
import { syncContent } from "~/services/content/sync.server.ts";
import { eligibilityOf } from "~/services/roster/eligibility.server.ts";
import { getDb } from "~/utils/db.server.ts";

const NOW = new Date("2026-11-28T03:00:00Z");

describe("demo roster seed", () => {
  it("runs once, fast, and covers every refusal reason at the demo station", { timeout: 120_000 }, async () => {
    await seedDemoData(NOW);
    await syncContent(await readContentFiles(), NOW);
    const started = performance.now();
    const result = await seedRosterIfEmpty(NOW);
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ demo: true });
    // About 1.5 s on an idle machine; the bound leaves room for a busy one.
    expect(elapsed, "seed time in ms").toBeLessThan(10_000);
    expect(await seedRosterIfEmpty(NOW)).toBeNull();

    const db = getDb();
    expect(await db.dutyType.count()).toBe(6);
    expect(await db.station.count()).toBe(4);
    expect(await db.refusal.count()).toBe(0); // the seed itself never tried anything ineligible
    expect(await db.assignment.count({ where: { status: "ACTIVE" } })).toBeGreaterThan(50);
    expect(await db.assignment.count({ where: { status: "CANCELLED", cancelReason: "CERTIFICATION_REVOKED" } })).toBeGreaterThan(0);
    expect(await db.notification.count({ where: { kind: "ROSTER_SHIFT_SHORT" } })).toBeGreaterThan(0);

    const station = await db.station.findUniqueOrThrow({ where: { code: DEMO_STATION } });
    const shifts = await db.shift.findMany({ where: { stationId: station.id }, orderBy: { startsAt: "asc" } });
    const people = await db.person.findMany({ where: { unitId: station.unitId }, orderBy: { employeeCode: "asc" } });
    // Some shifts are short, and some are in the next 14 days.
    const soon = shifts.filter((s) => s.startsAt > NOW && s.startsAt.getTime() < NOW.getTime() + 14 * DAY_MS);
    expect(soon.length).toBeGreaterThan(30);
    const counts = await db.assignment.groupBy({
      by: ["shiftId"],
      where: { status: "ACTIVE", shiftId: { in: soon.map((s) => s.id) } },
      _count: true,
    });
    const filled = new Map(counts.map((c) => [c.shiftId, c._count]));
    expect(soon.some((s) => (filled.get(s.id) ?? 0) < s.headcount)).toBe(true);

    // Last week's first shift, then the coming days' shifts, until every reason is seen.
    const found = new Map<ReasonCode, string>();
    for (const shift of [shifts[0], ...soon]) {
      const checks = await Promise.all(
        people.map(async (p) => ({
          p,
          check: await eligibilityOf({ personId: p.id, dutyTypeId: shift.dutyTypeId, startsAt: shift.startsAt, endsAt: shift.endsAt }),
        })),
      );
      for (const { p, check } of checks)
        if (!check.ok) for (const r of check.reasons ?? []) if (!found.has(r.code)) found.set(r.code, p.employeeCode);
      if (found.size === REASON_CODES.length) break;
    }
    expect([...found.keys()].sort()).toEqual([...REASON_CODES].sort());
    // The named demo people carry the reasons the demo tells about.
    const reasonsOf = async (code: string) => {
      const person = people.find((p) => p.employeeCode === code)!;
      const shift = soon.find((s) => s.startsAt.getTime() > NOW.getTime() + DAY_MS)!;
      const check = await eligibilityOf({
        personId: person.id,
        dutyTypeId: shift.dutyTypeId,
        startsAt: shift.startsAt,
        endsAt: shift.endsAt,
      });
      return check.ok ? [] : (check.reasons ?? []).map((r) => r.code);
    };
    expect(await reasonsOf("TH0039")).toEqual(["NO_CERTIFICATION", "INSUFFICIENT_EXPERIENCE", "NO_COMMITMENT"]);
    expect(await reasonsOf("TH0038")).toEqual(["CERTIFICATION_EXPIRES_BEFORE_END"]);
    expect(await reasonsOf("TH0041")).toEqual(["CERTIFICATION_REVOKED"]);
    expect(await reasonsOf("TH0040")).toEqual(["PERSON_INACTIVE"]);
    expect(await reasonsOf("TH0069")).toEqual(["NO_COMMITMENT"]);
    expect(await reasonsOf("TH0070")).toEqual(["INSUFFICIENT_EXPERIENCE"]);
  });
});
