import { TIME_ZONE } from "~/domain/time/calendar.ts";
import type { Locale } from "~/i18n/index.ts";

// Every date the UI shows is dd/mm/yyyy in Asia/Ho_Chi_Minh, whatever the locale.

const dateFmt = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric" });
const timeFmt = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hour12: false });
// Dates without a time (DATE columns) arrive as UTC midnight: show their UTC day.
const dayFmt = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" });

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "";
  return dateFmt.format(new Date(value));
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  return `${dateFmt.format(d)} ${timeFmt.format(d)}`;
}

export function formatDay(value: Date | string | null | undefined): string {
  if (!value) return "";
  return dayFmt.format(new Date(value));
}

// Formatters are built once: constructing one costs far more than formatting
// (a dashboard table formats thousands of numbers per page).
const numberFmt = { vi: new Intl.NumberFormat("vi-VN"), en: new Intl.NumberFormat("en-GB") };
const percentFmt = {
  vi: new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }),
};

export function formatNumber(n: number, locale: Locale) {
  return numberFmt[locale === "vi" ? "vi" : "en"].format(n);
}

/**
 * The number of a percentage, at most one decimal, rounded half up: "62,2" in
 * Vietnamese. Every percentage the UI shows goes through here (issue 15: "5.56%"
 * on one page and "62,2%" on another); messages that write the % sign
 * themselves ("{percent}%") take this.
 */
export function formatPercentNumber(n: number, locale: string) {
  return percentFmt[locale === "vi" ? "vi" : "en"].format(n);
}

/** A percentage with at most one decimal, e.g. "62,5%" in Vietnamese. */
export function formatPercent(n: number, locale: string) {
  return `${formatPercentNumber(n, locale)}%`;
}

/** These formatters bound to a locale, for pure code that is handed them (audit sentences). */
export function formatsFor(locale: Locale) {
  return {
    dateTime: (iso: string) => formatDateTime(iso),
    day: (day: string) => formatDay(day),
    number: (n: number) => formatNumber(n, locale),
    percent: (n: number) => formatPercent(n, locale),
  };
}
