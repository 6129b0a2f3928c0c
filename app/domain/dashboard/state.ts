import { addDays, addMonths, dayOf, type Day } from "~/domain/time/calendar.ts";
import { standingOf, type ObligationStanding } from "../obligations/status.ts";
import { EXPIRING_DAYS, type CertState } from "./filters.ts";

// A person's standing for one certification type, as the dashboard stores it:
// their certifications' state and, when they must hold the type, their
// obligation's status (dashboardStanding). The database computes the same
// thing for 100,000 people at once in dashboard_refresh() (migration
// 20261205200000); an integration test holds the two to the same answers.
//
// As of `now`'s Vietnam day (validity days inclusive; a revocation counts from
// its instant):
//   VALID     a live certification covers today;
//   EXPIRING  VALID, and their latest live certification ends within
//             EXPIRING_DAYS (an early renewal that starts later extends it);
//   EXPIRED   had one, none covers today, the latest one was not revoked;
//   REVOKED   had one, none covers today, the latest one was revoked;
//   NEVER     never held one of the type.

export type HeldCert = { validFrom: Day; validUntil: Day; issuedAt: Date; revokedAt: Date | null };

export type Standing = { state: CertState; validNow: boolean; bestUntil: Day | null };

export function standing(held: readonly HeldCert[], now: Date, expiringDays = EXPIRING_DAYS): Standing {
  if (held.length === 0) return { state: "NEVER", validNow: false, bestUntil: null };
  const today = dayOf(now);
  const live = held.filter((c) => c.revokedAt === null || c.revokedAt > now);
  const validNow = live.some((c) => c.validFrom <= today && today <= c.validUntil);
  const bestUntil = live.reduce<Day | null>((best, c) => (best === null || c.validUntil > best ? c.validUntil : best), null);
  if (validNow) return { state: bestUntil! <= addDays(today, expiringDays) ? "EXPIRING" : "VALID", validNow, bestUntil };
  const latest = [...held].sort((a, b) =>
    a.validUntil !== b.validUntil ? (a.validUntil < b.validUntil ? 1 : -1) : b.issuedAt.getTime() - a.issuedAt.getTime(),
  )[0];
  const latestRevoked = latest.revokedAt !== null && latest.revokedAt <= now;
  return { state: latestRevoked ? "REVOKED" : "EXPIRED", validNow, bestUntil };
}

export type DashboardStanding = Standing & { obligation: ObligationStanding | null };

/**
 * The whole stored standing: the certifications' state, and the obligation's
 * status by app/domain/obligations/status.ts (null: the person has no
 * obligation for the type). `renewalWindowDays` is the type's.
 */
export function dashboardStanding(
  held: readonly HeldCert[],
  obligation: { dueOn: Day } | null,
  renewalWindowDays: number,
  now: Date,
  expiringDays = EXPIRING_DAYS,
): DashboardStanding {
  return { ...standing(held, now, expiringDays), obligation: obligation && standingOf(obligation, held, renewalWindowDays, now) };
}

/**
 * For the headcount series: whether the person was certified at the last day
 * of each of the last 12 months (index k: k months back; index 0: today). A
 * revocation ends the cover at the end of the day before it, Vietnam time.
 */
export function certifiedAtMonthEnds(held: readonly HeldCert[], now: Date): boolean[] {
  const today = dayOf(now);
  return Array.from({ length: 12 }, (_, k) => {
    const end = k === 0 ? today : addDays(addMonths(`${today.slice(0, 7)}-01`, -k + 1), -1);
    return held.some((c) => {
      const lastDay = c.revokedAt ? minDay(c.validUntil, addDays(dayOf(c.revokedAt), -1)) : c.validUntil;
      return c.validFrom <= end && end <= lastDay;
    });
  });
}

const minDay = (a: Day, b: Day) => (a < b ? a : b);
