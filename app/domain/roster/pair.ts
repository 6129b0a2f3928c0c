// Two-person duties (decision 064): a duty type may need two people on every
// shift, one of them senior — holding the type's senior position, or with its
// months of work on the shift's first day. The same rule is enforced by
// PostgreSQL (migration 20261207200000_two_person_duties); this pure version
// names the reasons before anything is written and tells the pages which
// shifts are complete.
import { dayOf, type Day } from "~/domain/time/calendar.ts";
import { monthsBetween, type Reason } from "./eligibility.ts";

export type PairRule = { requiresPair: boolean; seniorPositionId: number | null; seniorMonths: number | null };
export type PairMember = { personId: number; positionId: number; workStartedOn: Day };

export function isSenior(rule: PairRule, member: PairMember, startsAt: Date): boolean {
  if (rule.seniorPositionId !== null && member.positionId === rule.seniorPositionId) return true;
  return rule.seniorMonths !== null && monthsBetween(member.workStartedOn, dayOf(startsAt)) >= rule.seniorMonths;
}

/** Two people, one of them senior; any shift of a duty type without the rule is complete as far as pairs go. */
export function isPairComplete(rule: PairRule, members: PairMember[], startsAt: Date): boolean {
  if (!rule.requiresPair) return true;
  return members.length >= 2 && members.some((m) => isSenior(rule, m, startsAt));
}

/**
 * A booking onto a two-person shift: the last seat goes to a senior when
 * nobody already on it is one (else the shift would be full and never complete).
 */
export function pairBookingReasons(
  rule: PairRule,
  shift: { startsAt: Date; headcount: number },
  others: PairMember[],
  incoming: PairMember,
): Reason[] {
  if (!rule.requiresPair || others.length + 1 !== shift.headcount) return [];
  const seniorAfter = [...others, incoming].some((m) => isSenior(rule, m, shift.startsAt));
  return seniorAfter ? [] : [{ code: "PAIR_NEEDS_SENIOR" }];
}

/**
 * Someone leaves a two-person shift (a cancellation): refused when the shift
 * was complete and the people left on it no longer make a pair, unless a
 * manager marked it uncovered or it is over. Leaving nobody on it is allowed:
 * no one would do the duty alone.
 */
export function pairLeaveReasons(
  rule: PairRule,
  shift: { startsAt: Date; endsAt: Date; uncovered: boolean },
  members: PairMember[],
  leavingPersonId: number,
  now: Date,
): Reason[] {
  if (!rule.requiresPair || shift.uncovered || shift.endsAt.getTime() <= now.getTime()) return [];
  const left = members.filter((m) => m.personId !== leavingPersonId);
  const breaks = isPairComplete(rule, members, shift.startsAt) && left.length > 0 && !isPairComplete(rule, left, shift.startsAt);
  return breaks ? [{ code: "PAIR_WOULD_BREAK" }] : [];
}

/** Whether a shift counts as covered: its headcount booked and, for a two-person duty, its pair complete. */
export function isCovered(rule: PairRule, shift: { startsAt: Date; headcount: number }, members: PairMember[]): boolean {
  return members.length >= shift.headcount && isPairComplete(rule, members, shift.startsAt);
}
