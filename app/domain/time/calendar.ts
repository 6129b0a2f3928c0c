// The Vietnam calendar: the one place that turns instants into calendar days
// and back. A `Day` is "YYYY-MM-DD" in Asia/Ho_Chi_Minh, which is UTC+7 all
// year (Vietnam has no daylight saving time), so plain offset arithmetic is
// exact and needs no time-zone database. Decision 024 records the bug that made
// this one module: a day computed in UTC on a server is "yesterday" before 07:00.
export type Day = string;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const VN_OFFSET_MS = 7 * HOUR_MS;
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The Vietnam calendar day of an instant. */
export function dayOf(instant: Date): Day {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** "HH:mm" in Vietnam time. */
export function timeOf(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(11, 16);
}

/** True for a real calendar day written "YYYY-MM-DD" (2026-02-30 is not one). */
export function isDay(value: unknown): value is Day {
  return typeof value === "string" && DAY_PATTERN.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

export function addDays(day: Day, n: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Same day-of-month n months later; the 31st becomes the month's last day. */
export function addMonths(day: Day, n: number): Day {
  const [y, m, d] = day.split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  target.setUTCDate(Math.min(d, daysInMonth(target.getUTCFullYear(), target.getUTCMonth() + 1)));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The first instant of a Vietnam day, and the first instant after it. */
export function startOfDay(day: Day): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS);
}
export function endOfDay(day: Day): Date {
  return startOfDay(addDays(day, 1));
}

/** "YYYY-MM" of a day, its first day, and its last day. */
export function monthOf(day: Day): string {
  return day.slice(0, 7);
}
export function monthStart(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}
export function monthEnd(day: Day): Day {
  const [y, m] = day.split("-").map(Number);
  return `${day.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, "0")}`;
}

// A DATE column (no time zone: validFrom, heldOn, workStartedOn…) travels
// through Prisma and pg as the Date at UTC midnight of its day. These two
// convert between that and a Day; they are not instants, so never pass one to
// dayOf or startOfDay (startOfDay is 17:00 UTC the evening before).
/** The Day a DATE column holds. */
export function fromDateColumn(date: Date): Day;
export function fromDateColumn(date: Date | null): Day | null;
export function fromDateColumn(date: Date | null): Day | null {
  return date ? date.toISOString().slice(0, 10) : null;
}
/** The value to write to a DATE column for a Day. */
export function toDateColumn(day: Day): Date;
export function toDateColumn(day: Day | null | undefined): Date | null;
export function toDateColumn(day: Day | null | undefined): Date | null {
  return day ? new Date(`${day}T00:00:00Z`) : null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
