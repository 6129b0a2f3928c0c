// When an expiry reminder is due. Days are Vietnam calendar days ("YYYY-MM-DD",
// see app/domain/time/calendar.ts); validUntil is the last valid day, inclusive.
import { daysBetween, type Day } from "~/domain/time/calendar.ts";

/** Days before expiry at which holders and their managers are reminded, largest first. */
export const REMINDER_THRESHOLDS = [90, 30, 7] as const;
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS)[number];

/** Threshold recorded for a reminder sent by hand (exempt from the automatic ones). */
export const MANUAL_THRESHOLD = 0;

/** Whole days from `today` to `validUntil`: 0 when it expires at the end of today, negative once expired. */
export function daysLeft(today: Day, validUntil: Day): number {
  return daysBetween(today, validUntil);
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
