// Which certification types a person must hold, and by when. Pure: the caller
// loads the person, the rules and the obligations already stored, and stores
// what `reconcile` answers (app/services/obligations/recompute.server.ts).
import { addDays, type Day } from "~/domain/time/calendar.ts";

export type ObligationPerson = {
  status: "ACTIVE" | "LEFT";
  unitKind: string;
  positionId: number;
  /** Whether the person's position has access to state secrets. */
  secretAccess: boolean;
  positionSince: Day;
};

export type RequirementRule = {
  id: number;
  /** Null: any unit kind. */
  unitKind: string | null;
  /** Null: any position. */
  positionId: number | null;
  /** True: only people whose position has access to state secrets. */
  secretAccess: boolean;
  certificationTypeId: number;
  dueWithinDays: number;
  /** The day the rule took its current target. */
  effectiveFrom: Day;
};

export type Required = { certificationTypeId: number; ruleId: number; since: Day; dueOn: Day };
export type StoredObligation = Required;

function ruleApplies(rule: RequirementRule, person: ObligationPerson): boolean {
  if (rule.unitKind === null && rule.positionId === null && !rule.secretAccess) return false; // selects nobody
  return (
    (rule.unitKind === null || rule.unitKind === person.unitKind) &&
    (rule.positionId === null || rule.positionId === person.positionId) &&
    (!rule.secretAccess || person.secretAccess)
  );
}

/**
 * What the rules require of a person, one entry per certification type. An
 * obligation runs from the day the person took the position, or from the day
 * the rule took effect when they held it before; it is due N days later. When
 * several rules require one type, the earliest due date wins. Nobody who left
 * has an obligation.
 */
export function requiredOf(person: ObligationPerson, rules: readonly RequirementRule[]): Required[] {
  if (person.status === "LEFT") return [];
  const byType = new Map<number, Required>();
  for (const rule of rules) {
    if (!ruleApplies(rule, person)) continue;
    const since = later(person.positionSince, rule.effectiveFrom);
    const candidate = { certificationTypeId: rule.certificationTypeId, ruleId: rule.id, since, dueOn: addDays(since, rule.dueWithinDays) };
    const held = byType.get(rule.certificationTypeId);
    if (!held || candidate.dueOn < held.dueOn || (candidate.dueOn === held.dueOn && candidate.ruleId < held.ruleId)) {
      byType.set(rule.certificationTypeId, candidate);
    }
  }
  return [...byType.values()].sort((a, b) => a.certificationTypeId - b.certificationTypeId);
}

/**
 * The stored obligations after a change, given what is stored and what the
 * rules now require. An obligation that continues keeps the day it started (a
 * move or a new position never restarts the clock on a type required before and
 * after), and its due date follows its rule's current number of days.
 */
export function reconcile(stored: readonly StoredObligation[], required: readonly Required[], rules: readonly RequirementRule[]) {
  const days = new Map(rules.map((r) => [r.id, r.dueWithinDays]));
  const before = new Map(stored.map((o) => [o.certificationTypeId, o]));
  const next: StoredObligation[] = required.map((r) => {
    const old = before.get(r.certificationTypeId);
    if (!old || old.since >= r.since) return r;
    return { ...r, since: old.since, dueOn: addDays(old.since, days.get(r.ruleId) ?? 0) };
  });
  const wanted = new Set(next.map((o) => o.certificationTypeId));
  const same = (a: StoredObligation, b: StoredObligation) => a.ruleId === b.ruleId && a.since === b.since && a.dueOn === b.dueOn;
  return {
    upsert: next.filter((o) => !before.has(o.certificationTypeId) || !same(before.get(o.certificationTypeId)!, o)),
    remove: stored.filter((o) => !wanted.has(o.certificationTypeId)).map((o) => o.certificationTypeId),
    next,
  };
}

function later(a: Day, b: Day): Day {
  return a > b ? a : b;
}
