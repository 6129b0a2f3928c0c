// Certification dates. Days are calendar days in Asia/Ho_Chi_Minh, written
// "YYYY-MM-DD"; a certification is valid from the start of validFrom to the end
// of validUntil (both inclusive), Vietnam time.
export type Day = string;
const VN_OFFSET_MS = 7 * 3600_000; // Vietnam has no daylight saving time.

export function dayOf(instant: Date): Day {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: Day, n: number): Day {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Same day-of-month n months later; the 31st becomes the month's last day. */
export function addMonths(day: Day, n: number): Day {
  const [y, m, d] = day.split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** The first instant of a Vietnam day, and the first instant after it. */
export function startOfDay(day: Day): Date {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - VN_OFFSET_MS);
}
export function endOfDay(day: Day): Date {
  return startOfDay(addDays(day, 1));
}

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
  return held.filter((c) => !c.revoked && c.validFrom <= today && today <= c.validUntil).sort((a, b) => (a.validUntil < b.validUntil ? 1 : -1))[0] ?? null;
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
