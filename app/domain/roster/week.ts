// Weeks, days and clock times of the roster, in Vietnam time (UTC+7, no
// daylight saving). A week runs Monday to Sunday and is named by its Monday.
import { addDays, dayOf, startOfDay, type Day } from "../exams/validity.ts";

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const VN_OFFSET_MS = 7 * 3600_000;

export function isDay(value: unknown): value is Day {
  if (typeof value !== "string" || !DAY_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function isClockTime(value: unknown): value is string {
  return typeof value === "string" && TIME_RE.test(value);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: Day): number {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 0 ? 7 : dow;
}

export function mondayOf(day: Day): Day {
  return addDays(day, 1 - weekdayOf(day));
}

export function weekDays(monday: Day): Day[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The instant a Vietnam clock shows `time` ("HH:mm") on `day`. */
export function atVietnamTime(day: Day, time: string): Date {
  const [h, m] = time.split(":").map(Number);
  return new Date(startOfDay(day).getTime() + (h * 60 + m) * 60_000);
}

/** "HH:mm" on a Vietnam clock. */
export function clockOf(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(11, 16);
}

/**
 * A shift from `start` to `end` on `day`; an end at or before the start is on
 * the next day (a night shift).
 */
export function shiftTimes(day: Day, start: string, end: string): { startsAt: Date; endsAt: Date; overnight: boolean } {
  const overnight = end <= start;
  return { startsAt: atVietnamTime(day, start), endsAt: atVietnamTime(overnight ? addDays(day, 1) : day, end), overnight };
}

/** The Monday of the week `now` falls in (Vietnam time). */
export function currentMonday(now: Date): Day {
  return mondayOf(dayOf(now));
}

/** A `?week=` value as a Monday: any valid day is moved back to its Monday; anything else is null. */
export function parseWeek(value: string | null): Day | null {
  if (!isDay(value)) return null;
  return mondayOf(value);
}

export function weekRange(monday: Day): { from: Date; to: Date } {
  return { from: startOfDay(monday), to: startOfDay(addDays(monday, 7)) };
}

export { addDays, dayOf, startOfDay, type Day };
