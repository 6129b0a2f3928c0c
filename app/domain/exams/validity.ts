// Certification validity. Days are Vietnam calendar days (app/domain/time/calendar.ts);
// a certification is valid from the start of validFrom to the end
// of validUntil (both inclusive), Vietnam time.
import { addDays, addMonths, dayOf, endOfDay, startOfDay, type Day } from "../time/calendar.ts";

export type CertDates = { validFrom: Day; validUntil: Day };
export type HeldCertification = CertDates & { id: number; revoked: boolean };

/**
 * Dates of a certification issued at `now`. A renewal passed within the
 * renewal window of a still-valid certification starts the day after it ends,
 * so renewing early loses nothing; otherwise it starts today.
 */
export function issueDates(now: Date, validityMonths: number, renewalWindowDays: number, held: readonly HeldCertification[]) {
  const today = dayOf(now);
  const current = latestValid(held, today);
  const renews = current && inRenewalWindow(current, today, renewalWindowDays) ? current : null;
  const validFrom = renews ? addDays(renews.validUntil, 1) : today;
  return { validFrom, validUntil: addDays(addMonths(validFrom, validityMonths), -1), renewsId: renews?.id ?? null };
}

export function latestValid(held: readonly HeldCertification[], today: Day) {
  return (
    held
      .filter((c) => !c.revoked && c.validFrom <= today && today <= c.validUntil)
      .sort((a, b) => (a.validUntil < b.validUntil ? 1 : -1))[0] ?? null
  );
}

export function inRenewalWindow(c: CertDates, today: Day, windowDays: number) {
  return today <= c.validUntil && today >= addDays(c.validUntil, -windowDays);
}

export type CertStatus = "VALID" | "NOT_YET_VALID" | "EXPIRED" | "REVOKED";

export function statusAt(c: CertDates & { revokedAt: Date | null }, now: Date): CertStatus {
  if (c.revokedAt && c.revokedAt <= now) return "REVOKED";
  if (now < startOfDay(c.validFrom)) return "NOT_YET_VALID";
  if (now >= endOfDay(c.validUntil)) return "EXPIRED";
  return "VALID";
}
