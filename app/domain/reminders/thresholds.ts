// When an expiry reminder is due. Days are Vietnam calendar days ("YYYY-MM-DD",
// see app/domain/exams/validity.ts); validUntil is the last valid day, inclusive.
import type { Day } from "~/domain/exams/validity.ts";

/** Days before expiry at which holders and their managers are reminded, largest first. */
export const REMINDER_THRESHOLDS = [90, 30, 7] as const;
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS)[number];

/** Threshold recorded for a reminder sent by hand (exempt from the automatic ones). */
export const MANUAL_THRESHOLD = 0;

const DAY_MS = 86_400_000;

/** Whole days from `today` to `validUntil`: 0 when it expires at the end of today, negative once expired. */
export function daysLeft(today: Day, validUntil: Day): number {
  return Math.round((Date.parse(`${validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/**
 * The threshold due today, or null. Threshold T is due while
 * `next smaller threshold < daysLeft ≤ T` (the smallest is due down to the
 * last valid day, daysLeft = 0). So each threshold has a window rather than a
 * single day: a daily job that was down for a few days still sends the right
 * reminder once, and never an outdated one (89 days left → 90; 25 → 30, not 90).
 */
export function dueThreshold(today: Day, validUntil: Day): ReminderThreshold | null {
  const left = daysLeft(today, validUntil);
  if (left < 0) return null;
  let due: ReminderThreshold | null = null;
  for (const t of REMINDER_THRESHOLDS) if (left <= t) due = t; // ends on the smallest T ≥ left
  return due;
}
