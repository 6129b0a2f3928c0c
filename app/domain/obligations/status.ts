// The status of one obligation at an instant, from the person's certifications
// of its type. Certification dates follow app/domain/exams/validity.ts: valid
// from the start of validFrom to the end of validUntil, Vietnam days.
import { addDays, dayOf, type Day } from "~/domain/time/calendar.ts";

export const OBLIGATION_STATUSES = ["COMPLIANT", "EXPIRING", "DUE", "OVERDUE", "EXPIRED", "REVOKED"] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export type HeldOf = { validFrom: Day; validUntil: Day; revokedAt: Date | null };
export type ObligationStanding = {
  status: ObligationStatus;
  /** When a valid certification is (or was) needed by; null while compliant. */
  dueOn: Day | null;
  /** The last day the person is (or was) covered, across early renewals. */
  validUntil: Day | null;
};

/**
 * COMPLIANT or EXPIRING (inside the type's renewal window, no renewal yet)
 * while a certification is valid. Without one: DUE until the obligation's due
 * date; after it, REVOKED or EXPIRED when the latest certification was revoked
 * or ran out, else OVERDUE.
 */
export function standingOf(
  obligation: { dueOn: Day },
  certifications: readonly HeldOf[],
  renewalWindowDays: number,
  now: Date,
): ObligationStanding {
  const today = dayOf(now);
  const live = certifications.filter((c) => !(c.revokedAt && c.revokedAt <= now));
  const current = live.filter((c) => c.validFrom <= today && today <= c.validUntil);
  if (current.length > 0) {
    // Coverage runs on through renewals that start by the day after it ends.
    let until = current
      .map((c) => c.validUntil)
      .sort()
      .at(-1)!;
    for (let grew = true; grew;) {
      grew = false;
      for (const c of live) {
        if (c.validFrom <= addDays(until, 1) && c.validUntil > until) {
          until = c.validUntil;
          grew = true;
        }
      }
    }
    const expiring = today >= addDays(until, -renewalWindowDays);
    return expiring ? { status: "EXPIRING", dueOn: until, validUntil: until } : { status: "COMPLIANT", dueOn: null, validUntil: until };
  }
  if (today <= obligation.dueOn) return { status: "DUE", dueOn: obligation.dueOn, validUntil: null };
  const started = certifications.filter((c) => c.validFrom <= today).sort(byLapse(now));
  const last = started.at(-1);
  if (last?.revokedAt && last.revokedAt <= now) return { status: "REVOKED", dueOn: dayOf(last.revokedAt), validUntil: last.validUntil };
  if (last) return { status: "EXPIRED", dueOn: last.validUntil, validUntil: last.validUntil };
  return { status: "OVERDUE", dueOn: obligation.dueOn, validUntil: null };
}

/**
 * The order in which certifications lapse: by last day; of equal last days, a
 * revoked one before one that ran out, earlier revocations first. The last is
 * "what lapsed" (the dashboard's SQL picks the same one).
 */
function byLapse(now: Date) {
  const revoked = (c: HeldOf) => (c.revokedAt && c.revokedAt <= now ? c.revokedAt.getTime() : null);
  return (a: HeldOf, b: HeldOf) => {
    if (a.validUntil !== b.validUntil) return a.validUntil < b.validUntil ? -1 : 1;
    const ra = revoked(a);
    const rb = revoked(b);
    if (ra === null || rb === null) return ra === rb ? 0 : ra === null ? 1 : -1;
    return ra - rb;
  };
}
