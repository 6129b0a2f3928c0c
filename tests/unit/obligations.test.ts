// The obligation rule: who must hold which certification type, by when, and
// the status of each obligation at an instant.
import { describe, expect, it } from "vitest";
import { reconcile, requiredOf, type ObligationPerson, type RequirementRule } from "~/domain/obligations/required.ts";
import { standingOf } from "~/domain/obligations/status.ts";
import { startOfDay } from "~/domain/time/calendar.ts";

const VAN_THU = 1;
const GDV = 2;
const LANH_DAO = 3;
const [CLERK_TYPE, POSTAL_TYPE, SECRETS_TYPE] = [10, 20, 30];

const rules: RequirementRule[] = [
  {
    id: 1,
    unitKind: "AGENCY",
    positionId: VAN_THU,
    secretAccess: false,
    certificationTypeId: CLERK_TYPE,
    dueWithinDays: 30,
    effectiveFrom: "2026-01-01",
  },
  {
    id: 2,
    unitKind: null,
    positionId: GDV,
    secretAccess: false,
    certificationTypeId: POSTAL_TYPE,
    dueWithinDays: 30,
    effectiveFrom: "2026-01-01",
  },
  {
    id: 3,
    unitKind: null,
    positionId: null,
    secretAccess: true,
    certificationTypeId: SECRETS_TYPE,
    dueWithinDays: 60,
    effectiveFrom: "2026-01-01",
  },
];
const clerk: ObligationPerson = {
  status: "ACTIVE",
  unitKind: "AGENCY",
  positionId: VAN_THU,
  secretAccess: true,
  positionSince: "2026-03-10",
};
const postal: ObligationPerson = {
  status: "ACTIVE",
  unitKind: "STATION",
  positionId: GDV,
  secretAccess: false,
  positionSince: "2026-03-10",
};
const at = (day: string, hour = 9) => new Date(startOfDay(day).getTime() + hour * 3_600_000);
const cert = (validFrom: string, validUntil: string, revokedAt: Date | null = null) => ({ validFrom, validUntil, revokedAt });

describe("which certification types a person must hold", () => {
  it("a clerk of a sending agency needs the clerks' type and, with access to secrets, the secrets type; a postal worker only the postal type", () => {
    expect(requiredOf(clerk, rules)).toEqual([
      { certificationTypeId: CLERK_TYPE, ruleId: 1, since: "2026-03-10", dueOn: "2026-04-09" },
      { certificationTypeId: SECRETS_TYPE, ruleId: 3, since: "2026-03-10", dueOn: "2026-05-09" },
    ]);
    expect(requiredOf(postal, rules).map((o) => o.certificationTypeId)).toEqual([POSTAL_TYPE]);
  });

  it("a clerk outside a sending agency is not measured against the clerks' type", () => {
    expect(requiredOf({ ...clerk, unitKind: "STATION" }, rules).map((o) => o.certificationTypeId)).toEqual([SECRETS_TYPE]);
  });

  it("a person who left has no obligations", () => {
    expect(requiredOf({ ...clerk, status: "LEFT" }, rules)).toEqual([]);
  });

  it("counts from the day the rule took effect for someone who held the position before it", () => {
    const old = { ...clerk, positionSince: "2015-06-01" };
    expect(requiredOf(old, rules)[0]).toMatchObject({ since: "2026-01-01", dueOn: "2026-01-31" });
  });

  it("counts due dates in calendar days across month ends, leap days and the year end", () => {
    const r = [{ ...rules[1], dueWithinDays: 30 }];
    expect(requiredOf({ ...postal, positionSince: "2026-01-31" }, r)[0].dueOn).toBe("2026-03-02");
    expect(requiredOf({ ...postal, positionSince: "2028-02-15" }, r)[0].dueOn).toBe("2028-03-16");
    expect(requiredOf({ ...postal, positionSince: "2026-12-15" }, r)[0].dueOn).toBe("2027-01-14");
  });

  it("when two rules require one type, the earlier due date wins", () => {
    const both = [
      ...rules,
      {
        id: 4,
        unitKind: "AGENCY",
        positionId: null,
        secretAccess: false,
        certificationTypeId: SECRETS_TYPE,
        dueWithinDays: 10,
        effectiveFrom: "2026-01-01",
      },
    ];
    expect(requiredOf(clerk, both).find((o) => o.certificationTypeId === SECRETS_TYPE)).toMatchObject({ ruleId: 4, dueOn: "2026-03-20" });
  });

  it("a rule that selects nobody requires nothing", () => {
    expect(requiredOf(clerk, [{ ...rules[0], unitKind: null, positionId: null, secretAccess: false }])).toEqual([]);
  });
});

describe("keeping stored obligations in step", () => {
  it("a move to a unit that needs a new type adds it from the new position date and keeps the running ones", () => {
    const stored = requiredOf({ ...clerk, unitKind: "DEPARTMENT" }, rules); // secrets only
    const moved = { ...clerk, unitKind: "AGENCY", positionSince: "2026-06-01" };
    const { upsert, remove, next } = reconcile(stored, requiredOf(moved, rules), rules);
    expect(remove).toEqual([]);
    expect(next).toEqual([
      { certificationTypeId: CLERK_TYPE, ruleId: 1, since: "2026-06-01", dueOn: "2026-07-01" },
      { certificationTypeId: SECRETS_TYPE, ruleId: 3, since: "2026-03-10", dueOn: "2026-05-09" },
    ]);
    expect(upsert.map((o) => o.certificationTypeId)).toEqual([CLERK_TYPE]);
  });

  it("a move to a unit where a type is no longer required removes it", () => {
    const stored = requiredOf(clerk, rules);
    const { remove, upsert } = reconcile(stored, requiredOf({ ...clerk, unitKind: "POST_OFFICE" }, rules), rules);
    expect(remove).toEqual([CLERK_TYPE]);
    expect(upsert).toEqual([]);
  });

  it("a rule edit moves due dates by its new number of days, from the day each obligation started", () => {
    const stored = requiredOf(postal, rules);
    const edited = rules.map((r) => (r.id === 2 ? { ...r, dueWithinDays: 90 } : r));
    const { upsert } = reconcile(stored, requiredOf(postal, edited), edited);
    expect(upsert).toEqual([{ certificationTypeId: POSTAL_TYPE, ruleId: 2, since: "2026-03-10", dueOn: "2026-06-08" }]);
  });

  it("a rule that stops applying removes its obligations, and a new one adds them", () => {
    const stored = requiredOf(postal, rules);
    const retargeted = rules.map((r) => (r.id === 2 ? { ...r, positionId: LANH_DAO, effectiveFrom: "2026-09-01" } : r));
    expect(reconcile(stored, requiredOf(postal, retargeted), retargeted)).toMatchObject({ remove: [POSTAL_TYPE], upsert: [] });
    const leader = { ...postal, positionId: LANH_DAO, positionSince: "2020-01-01" };
    expect(requiredOf(leader, retargeted)).toEqual([
      { certificationTypeId: POSTAL_TYPE, ruleId: 2, since: "2026-09-01", dueOn: "2026-10-01" },
    ]);
  });

  it("nothing changed, nothing written", () => {
    const stored = requiredOf(clerk, rules);
    expect(reconcile(stored, requiredOf(clerk, rules), rules)).toMatchObject({ upsert: [], remove: [] });
  });
});

describe("the status of an obligation", () => {
  const due = { dueOn: "2026-04-09" };

  it("COMPLIANT while a certification is valid outside the renewal window", () => {
    expect(standingOf(due, [cert("2026-03-20", "2028-03-19")], 90, at("2026-05-01"))).toEqual({
      status: "COMPLIANT",
      dueOn: null,
      validUntil: "2028-03-19",
    });
  });

  it("EXPIRING inside the renewal window, due on its last valid day", () => {
    expect(standingOf(due, [cert("2024-06-01", "2026-05-31")], 90, at("2026-03-02"))).toEqual({
      status: "EXPIRING",
      dueOn: "2026-05-31",
      validUntil: "2026-05-31",
    });
    expect(standingOf(due, [cert("2024-06-01", "2026-05-31")], 90, at("2026-03-01")).status).toBe("COMPLIANT");
  });

  it("an early renewal ends the window: coverage runs to the renewal's end", () => {
    const renewed = [cert("2024-06-01", "2026-05-31"), cert("2026-06-01", "2028-05-31")];
    expect(standingOf(due, renewed, 90, at("2026-04-15"))).toEqual({ status: "COMPLIANT", dueOn: null, validUntil: "2028-05-31" });
  });

  it("DUE when not held and the due date is today or ahead; OVERDUE the day after", () => {
    expect(standingOf(due, [], 90, at("2026-04-09", 23))).toEqual({ status: "DUE", dueOn: "2026-04-09", validUntil: null });
    expect(standingOf(due, [], 90, at("2026-04-10", 0))).toEqual({ status: "OVERDUE", dueOn: "2026-04-09", validUntil: null });
  });

  it("a certification that starts later does not count yet", () => {
    expect(standingOf(due, [cert("2026-05-01", "2028-04-30")], 90, at("2026-04-20")).status).toBe("OVERDUE");
  });

  it("EXPIRED after the last certification ran out", () => {
    expect(standingOf(due, [cert("2024-01-01", "2025-12-31")], 90, at("2026-06-01"))).toEqual({
      status: "EXPIRED",
      dueOn: "2025-12-31",
      validUntil: "2025-12-31",
    });
  });

  it("REVOKED when the last certification was revoked, from the moment of revocation", () => {
    const revokedAt = at("2026-05-10", 14);
    const held = [cert("2026-03-20", "2028-03-19", revokedAt)];
    expect(standingOf(due, held, 90, at("2026-05-10", 13)).status).toBe("COMPLIANT");
    expect(standingOf(due, held, 90, at("2026-05-10", 15))).toEqual({ status: "REVOKED", dueOn: "2026-05-10", validUntil: "2028-03-19" });
  });

  it("a new holder of a position with an old lapsed certification still has until the due date", () => {
    expect(standingOf(due, [cert("2020-01-01", "2021-12-31")], 90, at("2026-04-01")).status).toBe("DUE");
  });
});
