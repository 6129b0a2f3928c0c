// Who is told what about their obligations on a given day (decision 046). Pure:
// the planner (app/services/reminders/escalation-plan.server.ts) loads every
// obligation with its status at `now` and the managers, calls `escalationsDue`,
// and writes one outbox row per answer and channel; the row's key makes a
// second run that day, or in another process, write nothing.
//  - the person: DUE_SOON from 14 days before the due date, DUE_TODAY on it;
//  - the managers above them: OVERDUE once the date has passed without a valid
//    certification, again every 7 days while it lasts (week 0, 1, 2, …);
//  - each manager: a DIGEST per week (Monday to Sunday) of their scope.
// Each message has a window rather than a single day, so a job that was down
// for a day or two still sends the right one once, and never an outdated one.
// EXPIRING obligations are left to the certification-expiry reminders (90, 30
// and 7 days before the end, app/domain/reminders/thresholds.ts), which already
// reach the holder and their managers for every certification.
import { DUE_SOON_DAYS, LATE_STATUSES } from "~/domain/dashboard/filters.ts";
import { addDays, daysBetween, type Day } from "~/domain/time/calendar.ts";
import type { ObligationStatus } from "~/domain/obligations/status.ts";

/** The person hears about a DUE obligation from this many days before its due date. */
export const PERSON_NOTICE_DAYS = 14;
/** Managers hear again about an overdue obligation every this many days. */
export const OVERDUE_REPEAT_DAYS = 7;
/** At most this many people are listed in a digest (the rest are counted). */
export const DIGEST_LIST_LIMIT = 50;

/** Without a valid certification past the day it was needed by ("quá hạn", as the dashboard counts it). */
export const LACKING: readonly ObligationStatus[] = LATE_STATUSES;

export type EscalationKind = "DUE_SOON" | "DUE_TODAY" | "OVERDUE" | "DIGEST";

export type ObligationFact = {
  personId: number;
  /** Unit ids from the root down to the person's unit. */
  unitPath: readonly number[];
  certificationTypeId: number;
  status: ObligationStatus;
  /** As app/domain/obligations/status.ts gives it (the day a valid certification is or was needed by). */
  dueOn: Day | null;
};

export type ManagerGrant = { personId: number; unitId: number };

export type Escalation = {
  kind: EscalationKind;
  recipientId: number;
  /** Whose obligation (null for a digest). */
  subjectPersonId: number | null;
  certificationTypeId: number | null;
  /** "Never twice" key: kind, obligation and period. */
  key: string;
  /** The due date the message is about (null for a digest). */
  dueOn: Day | null;
  /** OVERDUE: 0 the first time, then 1, 2, … weekly. */
  week: number | null;
  /** DIGEST: the Monday of the week it covers. */
  weekOf: Day | null;
};

// 1 January 2024 was a Monday.
const A_MONDAY: Day = "2024-01-01";

/** The Monday of the week (Monday to Sunday) that holds `day`. */
export function weekStart(day: Day): Day {
  const weekday = ((daysBetween(A_MONDAY, day) % 7) + 7) % 7;
  return addDays(day, -weekday);
}

/** The person's reminder due today about one obligation, or null. */
export function personNotice(today: Day, o: Pick<ObligationFact, "status" | "dueOn">): "DUE_SOON" | "DUE_TODAY" | null {
  if (o.status !== "DUE" || o.dueOn === null) return null;
  const left = daysBetween(today, o.dueOn);
  if (left === 0) return "DUE_TODAY";
  if (left >= 1 && left <= PERSON_NOTICE_DAYS) return "DUE_SOON";
  return null;
}

/**
 * Which weekly notice to managers is due today about a lacking obligation (0:
 * the first, from the day after its due date; 1 a week later; …), or null.
 * A revoked certification is lacking from the day of revocation (its dueOn).
 */
export function overdueWeek(today: Day, o: Pick<ObligationFact, "status" | "dueOn">): number | null {
  if (!LACKING.includes(o.status) || o.dueOn === null) return null;
  const late = daysBetween(o.dueOn, today); // 1 on the first day overdue
  if (late < 0) return null;
  return Math.max(0, Math.floor((late - 1) / OVERDUE_REPEAT_DAYS));
}

/** Whether a person's unit lies in the subtree of any of `unitIds`. */
export function inScope(unitPath: readonly number[], unitIds: readonly number[]): boolean {
  return unitIds.some((u) => unitPath.includes(u));
}

export function escalationKey(
  e: Pick<Escalation, "kind" | "subjectPersonId" | "certificationTypeId" | "dueOn" | "week" | "weekOf">,
): string {
  if (e.kind === "DIGEST") return `DIGEST:${e.weekOf}`;
  const base = `${e.kind}:${e.subjectPersonId}:${e.certificationTypeId}:${e.dueOn}`;
  return e.kind === "OVERDUE" ? `${base}/w${e.week}` : base;
}

/**
 * Every message due on `today`: the person's reminders, the managers' overdue
 * notices (managers of a unit on the person's path, never about themselves) and
 * one digest per manager whose scope holds at least one obligation. Sorted by
 * key and recipient, so concurrent planners insert in the same order.
 */
export function escalationsDue(today: Day, obligations: readonly ObligationFact[], managers: readonly ManagerGrant[]): Escalation[] {
  const out: Escalation[] = [];
  const push = (e: Omit<Escalation, "key">) => out.push({ ...e, key: escalationKey(e) });
  // unit → managers granted on it; a person's managers are those on their path.
  const byUnit = new Map<number, number[]>();
  for (const g of managers) byUnit.set(g.unitId, [...(byUnit.get(g.unitId) ?? []), g.personId]);
  const managersOf = (path: readonly number[]) => new Set(path.flatMap((u) => byUnit.get(u) ?? []));
  const withDigest = new Set<number>();

  for (const o of obligations) {
    const above = managersOf(o.unitPath);
    for (const m of above) withDigest.add(m);
    const notice = personNotice(today, o);
    if (notice) {
      push({
        kind: notice,
        recipientId: o.personId,
        subjectPersonId: o.personId,
        certificationTypeId: o.certificationTypeId,
        dueOn: o.dueOn,
        week: null,
        weekOf: null,
      });
    }
    const week = overdueWeek(today, o);
    if (week === null) continue;
    for (const managerId of above) {
      if (managerId === o.personId) continue;
      push({
        kind: "OVERDUE",
        recipientId: managerId,
        subjectPersonId: o.personId,
        certificationTypeId: o.certificationTypeId,
        dueOn: o.dueOn,
        week,
        weekOf: null,
      });
    }
  }
  const weekOf = weekStart(today);
  for (const managerId of withDigest) {
    push({ kind: "DIGEST", recipientId: managerId, subjectPersonId: null, certificationTypeId: null, dueOn: null, week: null, weekOf });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.recipientId - b.recipientId));
}

/**
 * Whether a planned message still says something true when it goes out: the
 * obligation is still DUE (person) or lacking (managers) with the same due date.
 */
export function stillDue(
  kind: Exclude<EscalationKind, "DIGEST">,
  plannedDueOn: Day,
  now: Pick<ObligationFact, "status" | "dueOn"> | null,
): boolean {
  if (!now || now.dueOn !== plannedDueOn) return false;
  return kind === "OVERDUE" ? LACKING.includes(now.status) : now.status === "DUE";
}

export type DigestCounts = Record<ObligationStatus, number>;
export type Digest<T> = { weekOf: Day; counts: DigestCounts; total: number; dueSoon: number; listed: T[]; unlisted: number };

/**
 * A manager's weekly digest: how many obligations in their scope have each
 * status, and who needs attention: lacking ones first (longest overdue first),
 * then those due soon as the dashboard's card counts them (DUE or EXPIRING,
 * needed within DUE_SOON_DAYS; soonest first).
 */
export function digestOf<T extends ObligationFact>(today: Day, units: readonly number[], obligations: readonly T[]): Digest<T> {
  const counts: DigestCounts = { COMPLIANT: 0, EXPIRING: 0, DUE: 0, OVERDUE: 0, EXPIRED: 0, REVOKED: 0 };
  const lacking: T[] = [];
  const soon: T[] = [];
  let total = 0;
  for (const o of obligations) {
    if (!inScope(o.unitPath, units)) continue;
    counts[o.status]++;
    total++;
    if (LACKING.includes(o.status)) lacking.push(o);
    else if ((o.status === "DUE" || o.status === "EXPIRING") && o.dueOn !== null && daysBetween(today, o.dueOn) <= DUE_SOON_DAYS)
      soon.push(o);
  }
  const byDue = (a: T, b: T) => ((a.dueOn ?? "") < (b.dueOn ?? "") ? -1 : (a.dueOn ?? "") > (b.dueOn ?? "") ? 1 : a.personId - b.personId);
  const all = [...lacking.sort(byDue), ...soon.sort(byDue)];
  return {
    weekOf: weekStart(today),
    counts,
    total,
    dueSoon: soon.length,
    listed: all.slice(0, DIGEST_LIST_LIMIT),
    unlisted: Math.max(0, all.length - DIGEST_LIST_LIMIT),
  };
}
