import { describe, expect, it } from "vitest";
import { can, homePath, scopeOf } from "~/domain/access/permissions.ts";

// Tree: province 1 → post office 4 → station 9; agency 5 under the province.
const station = [1, 4, 9];
const agency = [1, 5];

describe("permissions", () => {
  it("a role granted on a unit covers its whole subtree and nothing beside it", () => {
    const manager = [{ role: "MANAGER" as const, unitId: 4 }];
    expect(can(manager, "people:read", station)).toBe(true);
    expect(can(manager, "people:read", agency)).toBe(false);
    expect(can(manager, "people:read", [1])).toBe(false);
  });

  it("a role only allows its own actions", () => {
    const auditor = [{ role: "AUDITOR" as const, unitId: 1 }];
    expect(can(auditor, "audit:read", station)).toBe(true);
    expect(can(auditor, "people:write", station)).toBe(false);
    const learner = [{ role: "LEARNER" as const, unitId: 9 }];
    expect(can(learner, "people:read", station)).toBe(false);
  });

  it("scope lists the units an action covers, once each", () => {
    const grants = [
      { role: "MANAGER" as const, unitId: 4 },
      { role: "TRAINER" as const, unitId: 4 },
      { role: "LEARNER" as const, unitId: 9 },
    ];
    expect(scopeOf(grants, "people:read")).toEqual([4]);
    expect(scopeOf(grants, "people:write")).toEqual([]);
  });

  it("sends each role to its own home page", () => {
    expect(homePath([{ role: "LEARNER", unitId: 9 }])).toBe("/learn");
    expect(
      homePath([
        { role: "LEARNER", unitId: 9 },
        { role: "TRAINER", unitId: 1 },
      ]),
    ).toBe("/trainer");
    expect(homePath([{ role: "MANAGER", unitId: 4 }])).toBe("/manage");
    expect(homePath([{ role: "AUDITOR", unitId: 1 }])).toBe("/audit");
    expect(
      homePath([
        { role: "ADMIN", unitId: 1 },
        { role: "AUDITOR", unitId: 1 },
      ]),
    ).toBe("/admin");
  });
});
