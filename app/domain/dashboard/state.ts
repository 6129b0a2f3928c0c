import { addDays, dayOf, type Day } from "~/domain/exams/validity.ts";
import { EXPIRING_DAYS, type CertState } from "./filters.ts";

// A person's standing for one certification type, as the dashboard shows it.
// The database computes the same thing for 100,000 people at once in
// dashboard_refresh() (migration 20261128060000); an integration test holds the
// two to the same answers.
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
  const latest = [...held].sort((a, b) => (a.validUntil !== b.validUntil ? (a.validUntil < b.validUntil ? 1 : -1) : b.issuedAt.getTime() - a.issuedAt.getTime()))[0];
  const latestRevoked = latest.revokedAt !== null && latest.revokedAt <= now;
  return { state: latestRevoked ? "REVOKED" : "EXPIRED", validNow, bestUntil };
}
