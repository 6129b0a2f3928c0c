import { describe, expect, it } from "vitest";
import { addDays, type Day } from "~/domain/time/calendar.ts";
import type { ObligationStatus } from "~/domain/obligations/status.ts";
import {
  DIGEST_LIST_LIMIT,
  digestOf,
  escalationsDue,
  overdueWeek,
  personNotice,
  stillDue,
  weekStart,
  type ObligationFact,
} from "~/domain/reminders/escalation.ts";

// Units: 1 province › 2 commune (people 10, 11) and 3 commune (person 12).
const PROVINCE = 1;
const COMMUNE = 2;
const OTHER = 3;
const fact = (personId: number, status: ObligationStatus, dueOn: Day | null, unit = COMMUNE, certificationTypeId = 7): ObligationFact => ({
  personId,
  unitPath: [PROVINCE, unit],
  certificationTypeId,
  status,
  dueOn,
});
const managers = [
  { personId: 100, unitId: PROVINCE },
  { personId: 200, unitId: COMMUNE },
  { personId: 300, unitId: OTHER },
];

/** Which person reminders go out on each day from `from` to `to`, as "day kind". */
function personDays(from: Day, to: Day, dueOn: Day) {
  const sent: string[] = [];
  const keys = new Set<string>();
  for (let d = from; d <= to; d = addDays(d, 1)) {
    for (const e of escalationsDue(d, [fact(10, d <= dueOn ? "DUE" : "OVERDUE", dueOn)], [])) {
      if (e.kind !== "DIGEST" && !keys.has(e.key)) {
        keys.add(e.key);
        sent.push(`${d} ${e.kind}`);
      }
    }
  }
  return sent;
}

describe("the person's reminders", () => {
  it("go out 14 days before the due date and on the day, each once, across a month end", () => {
    expect(personDays("2026-11-01", "2026-12-31", "2026-12-03")).toEqual(["2026-11-19 DUE_SOON", "2026-12-03 DUE_TODAY"]);
    // 14 days before 1 March in a non-leap year is 15 February.
    expect(personDays("2027-02-01", "2027-03-05", "2027-03-01")).toEqual(["2027-02-15 DUE_SOON", "2027-03-01 DUE_TODAY"]);
    // and across the year end.
    expect(personDays("2026-12-01", "2027-01-10", "2027-01-05")).toEqual(["2026-12-22 DUE_SOON", "2027-01-05 DUE_TODAY"]);
  });

  it("keep a window: a job down on the 14th day still reminds once; a new obligation due in 5 days is reminded at once", () => {
    expect(personNotice("2026-11-21", { status: "DUE", dueOn: "2026-12-03" })).toBe("DUE_SOON");
    expect(personNotice("2026-11-18", { status: "DUE", dueOn: "2026-12-03" })).toBeNull();
    expect(personNotice("2026-11-28", { status: "DUE", dueOn: "2026-12-03" })).toBe("DUE_SOON");
  });

  it("are not sent for obligations that are met, expiring (the expiry reminders cover those) or already overdue", () => {
    for (const status of ["COMPLIANT", "EXPIRING", "OVERDUE", "EXPIRED", "REVOKED"] as const) {
      expect(personNotice("2026-12-01", { status, dueOn: "2026-12-03" })).toBeNull();
    }
  });

  it("are keyed on the due date, so a moved due date reminds again", () => {
    const [a] = escalationsDue("2026-12-01", [fact(10, "DUE", "2026-12-03")], []);
    const [b] = escalationsDue("2026-12-01", [fact(10, "DUE", "2026-12-05")], []);
    expect(a.key).toBe("DUE_SOON:10:7:2026-12-03");
    expect(b.key).not.toBe(a.key);
  });
});

describe("the managers' overdue notices", () => {
  it("start the day after the due date and repeat every 7 days while the obligation is lacking", () => {
    const dueOn = "2026-11-28";
    const keys = new Map<string, Day>();
    for (let d: Day = "2026-11-20"; d <= "2026-12-31"; d = addDays(d, 1)) {
      const status = d <= dueOn ? "DUE" : "OVERDUE";
      for (const e of escalationsDue(d, [fact(10, status, dueOn)], managers)) {
        if (e.kind === "OVERDUE" && e.recipientId === 200 && !keys.has(e.key)) keys.set(e.key, d);
      }
    }
    expect([...keys.values()]).toEqual(["2026-11-29", "2026-12-06", "2026-12-13", "2026-12-20", "2026-12-27"]);
    expect([...keys.keys()][0]).toBe("OVERDUE:10:7:2026-11-28/w0");
  });

  it("go to every manager above the person and to no other, never to a manager about themselves", () => {
    const due = escalationsDue("2026-12-01", [fact(10, "OVERDUE", "2026-11-20"), fact(200, "EXPIRED", "2026-11-10")], managers);
    const overdue = due.filter((e) => e.kind === "OVERDUE").map((e) => [e.subjectPersonId, e.recipientId]);
    expect(overdue.sort()).toEqual([
      [10, 100],
      [10, 200],
      [200, 100],
    ]);
  });

  it("count expired and revoked certifications as lacking; a revocation from its own day", () => {
    expect(overdueWeek("2026-12-01", { status: "EXPIRED", dueOn: "2026-11-30" })).toBe(0);
    expect(overdueWeek("2026-12-01", { status: "REVOKED", dueOn: "2026-12-01" })).toBe(0);
    expect(overdueWeek("2026-12-08", { status: "REVOKED", dueOn: "2026-12-01" })).toBe(0);
    expect(overdueWeek("2026-12-09", { status: "REVOKED", dueOn: "2026-12-01" })).toBe(1);
    expect(overdueWeek("2026-12-01", { status: "DUE", dueOn: "2026-12-01" })).toBeNull();
  });

  it("are no longer true once the person holds a valid certification or the due date moved", () => {
    expect(stillDue("OVERDUE", "2026-11-20", { status: "OVERDUE", dueOn: "2026-11-20" })).toBe(true);
    expect(stillDue("OVERDUE", "2026-11-20", { status: "COMPLIANT", dueOn: null })).toBe(false);
    expect(stillDue("OVERDUE", "2026-11-20", null)).toBe(false);
    expect(stillDue("DUE_SOON", "2026-12-03", { status: "DUE", dueOn: "2026-12-03" })).toBe(true);
    expect(stillDue("DUE_SOON", "2026-12-03", { status: "DUE", dueOn: "2026-12-10" })).toBe(false);
  });
});

describe("the weekly digest", () => {
  it("is one per manager per Monday-to-Sunday week, whatever day the job first runs", () => {
    expect(weekStart("2026-11-30")).toBe("2026-11-30"); // a Monday
    expect(weekStart("2026-12-06")).toBe("2026-11-30"); // the Sunday after
    expect(weekStart("2026-12-07")).toBe("2026-12-07");
    expect(weekStart("2027-01-01")).toBe("2026-12-28"); // across the year end
    expect(weekStart("2028-03-01")).toBe("2028-02-28"); // across a leap February
    const keys = new Set<string>();
    for (let d: Day = "2026-11-30"; d <= "2026-12-20"; d = addDays(d, 1)) {
      for (const e of escalationsDue(d, [fact(10, "COMPLIANT", null)], managers))
        if (e.kind === "DIGEST" && e.recipientId === 200) keys.add(e.key);
    }
    expect([...keys]).toEqual(["DIGEST:2026-11-30", "DIGEST:2026-12-07", "DIGEST:2026-12-14"]);
  });

  it("goes only to managers whose scope holds an obligation", () => {
    const due = escalationsDue("2026-12-01", [fact(10, "COMPLIANT", null)], managers);
    expect(
      due
        .filter((e) => e.kind === "DIGEST")
        .map((e) => e.recipientId)
        .sort(),
    ).toEqual([100, 200]);
  });

  it("counts each status in the manager's scope and lists the lacking, then those due or expiring within 30 days", () => {
    const today = "2026-12-01";
    const all = [
      fact(10, "COMPLIANT", null),
      fact(10, "DUE", "2026-12-20", COMMUNE, 8),
      fact(11, "OVERDUE", "2026-11-20"),
      fact(11, "DUE", "2027-02-01", COMMUNE, 8), // due later than 30 days: counted, not listed
      fact(12, "EXPIRED", "2026-10-01", OTHER),
      fact(12, "EXPIRING", "2026-12-15", OTHER, 8),
      fact(12, "EXPIRING", "2027-02-15", OTHER, 9), // renewal due later than 30 days: counted, not listed
    ];
    const commune = digestOf(today, [COMMUNE], all);
    expect(commune.counts).toEqual({ COMPLIANT: 1, EXPIRING: 0, DUE: 2, OVERDUE: 1, EXPIRED: 0, REVOKED: 0 });
    expect(commune.listed.map((o) => [o.personId, o.status])).toEqual([
      [11, "OVERDUE"],
      [10, "DUE"],
    ]);
    const province = digestOf(today, [PROVINCE], all);
    expect(province.total).toBe(7);
    expect(province.dueSoon).toBe(2);
    expect(province.listed.map((o) => [o.personId, o.status])).toEqual([
      [12, "EXPIRED"],
      [11, "OVERDUE"],
      [12, "EXPIRING"],
      [10, "DUE"],
    ]);
    expect(digestOf(today, [OTHER], all).listed.map((o) => o.status)).toEqual(["EXPIRED", "EXPIRING"]);
  });

  it("lists at most DIGEST_LIST_LIMIT people and counts the rest", () => {
    const many = Array.from({ length: DIGEST_LIST_LIMIT + 3 }, (_, i) => fact(1000 + i, "OVERDUE", "2026-11-01"));
    const d = digestOf("2026-12-01", [COMMUNE], many);
    expect(d.listed).toHaveLength(DIGEST_LIST_LIMIT);
    expect(d.unlisted).toBe(3);
  });
});
