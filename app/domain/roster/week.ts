// Weeks, days and clock times of the roster, in Vietnam time (UTC+7, no
// daylight saving). A week runs Monday to Sunday and is named by its Monday.
import { addDays, dayOf, isDay, MINUTE_MS, startOfDay, type Day } from "../time/calendar.ts";

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

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
  return new Date(startOfDay(day).getTime() + (h * 60 + m) * MINUTE_MS);
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
