import { ok, refused, type Result } from "~/domain/result.ts";
import { isDay, type Day } from "./calendar.ts";

// Dates people type: dd/mm/yyyy, the way Vietnam writes them (a native date
// input shows mm/dd/yyyy in Chromium whatever the page language, decision 061).
// ISO yyyy-mm-dd is accepted too, for the API, old bookmarks and tests.

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** The field's error message key when a typed date cannot be read. */
export const TYPED_DAY_ERROR = "date.invalid";

/**
 * A typed day as a Day, null when left empty, or BAD_DATE when it is not a
 * real calendar day written dd/mm/yyyy or yyyy-mm-dd (31/02/2026 is not one).
 */
export function parseTypedDay(value: unknown): Result<Day | null, "BAD_DATE"> {
  if (value === null || value === undefined) return ok(null);
  if (typeof value !== "string") return refused("BAD_DATE");
  const text = value.trim();
  if (text === "") return ok(null);
  const dmy = DMY.exec(text);
  const iso = dmy ? null : ISO.exec(text);
  const parts = dmy ? [dmy[3], dmy[2], dmy[1]] : iso ? [iso[1], iso[2], iso[3]] : null;
  if (!parts) return refused("BAD_DATE");
  const day = `${parts[0]}-${parts[1].padStart(2, "0")}-${parts[2].padStart(2, "0")}`;
  return isDay(day) ? ok(day) : refused("BAD_DATE");
}

/**
 * For form schemas that validate a Day: the typed text as a Day when it reads
 * as one, else unchanged (so the schema's own check reports it).
 */
export function normalizeTypedDay(value: unknown): unknown {
  const r = parseTypedDay(value);
  return r.ok && r.value !== null ? r.value : value;
}

/** A Day as dd/mm/yyyy for a text field; anything else (what was typed) as it is. */
export function typedDayText(value: string | null | undefined): string {
  if (!value) return "";
  return isDay(value) ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : value;
}

/**
 * A GET filter's date from the address bar: the Day, or null; `bad` when
 * something was typed that is not a date (the page says so and leaves that
 * filter off rather than refuse the whole list).
 */
export function typedDayFilter(value: string | null): { day: Day | null; bad: string | null } {
  const r = parseTypedDay(value ?? "");
  return r.ok ? { day: r.value, bad: null } : { day: null, bad: (value ?? "").slice(0, 40) };
}

/** The dates of a from/to filter that could not be read, as typed. */
export type UnreadableDates = { from?: string; to?: string };

export function unreadableDates(from: { bad: string | null }, to: { bad: string | null }): UnreadableDates {
  return { ...(from.bad !== null ? { from: from.bad } : {}), ...(to.bad !== null ? { to: to.bad } : {}) };
}
