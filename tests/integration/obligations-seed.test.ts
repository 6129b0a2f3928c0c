// The demo data shows obligations worth looking at: every status, postal staff
// measured only against the postal certification, clerks against the clerks'.
import { describe, expect, it } from "vitest";
import { OBLIGATION_STATUSES } from "~/domain/obligations/status.ts";
import { seedObligationsIfEmpty } from "~/seed/obligations-seed.server.ts";
import { seedRosterIfEmpty } from "~/seed/roster-seed.server.ts";
import { seedDemoData } from "~/seed/seed.server.ts";
import { readContentFiles } from "~/services/content/files.server.ts";
import { syncContent } from "~/services/content/sync.server.ts";
import { learnerObligations, obligationsOf } from "~/services/obligations/read.server.ts";
import { getDb } from "~/utils/db.server.ts";

const NOW = new Date("2026-11-28T03:00:00Z");

describe("demo obligations", () => {
  it("seed rules once and give the demo every status, with the next step on the learners' homes", { timeout: 180_000 }, async () => {
    await seedDemoData(NOW);
    await syncContent(await readContentFiles(), NOW);
    await seedRosterIfEmpty(NOW);
    expect(await seedObligationsIfEmpty(NOW)).toMatchObject({ rules: 10 });
    expect(await seedObligationsIfEmpty(NOW)).toBeNull();

    const db = getDb();
    const people = await db.person.findMany({ select: { id: true, employeeCode: true, status: true, unit: { select: { kind: true } } } });
    const all = await obligationsOf(
      people.map((p) => p.id),
      NOW,
    );
    const statuses = new Set([...all.values()].flat().map((o) => o.status));
    expect([...statuses].sort()).toEqual([...OBLIGATION_STATUSES].sort());

    const byCode = new Map(people.map((p) => [p.employeeCode, all.get(p.id) ?? []]));
    const at = (code: string, type: string) => byCode.get(code)?.find((o) => o.certificationType === type)?.status;
    expect(at("TH0005", "KT1-VAN-THU")).toBe("DUE");
    expect(at("TH0006", "KT1-BUU-DIEN")).toBe("DUE");
    expect(at("TH0039", "KT1-BUU-DIEN")).toBe("OVERDUE");
    expect(at("TH0038", "KT1-BUU-DIEN")).toBe("EXPIRED");
    expect(at("TH0041", "KT1-BUU-DIEN")).toBe("REVOKED");
    expect(at("TH0034", "KT1-BUU-DIEN")).toBe("COMPLIANT");
    expect(at("TH0007", "BMNN")).toBe("EXPIRING");

    // Nobody at a KT1 station is measured against the clerks' type; no clerk against the postal one; nobody who left has any.
    for (const p of people) {
      const types = (all.get(p.id) ?? []).map((o) => o.certificationType);
      if (p.unit.kind === "STATION") expect(types, p.employeeCode).not.toContain("KT1-VAN-THU");
      if (["AGENCY", "DEPARTMENT", "POLICE"].includes(p.unit.kind)) expect(types, p.employeeCode).not.toContain("KT1-BUU-DIEN");
      if (p.status === "LEFT") expect(types, p.employeeCode).toEqual([]);
    }

    const clerk = people.find((p) => p.employeeCode === "TH0005")!;
    const home = await learnerObligations(clerk.id, NOW);
    expect(home.map((o) => [o.certificationType, o.status, o.next?.kind])).toEqual([
      ["BMNN", "DUE", "course"],
      ["KT1-VAN-THU", "DUE", "course"],
    ]);
  });
});
