// The refusal log's filters as they travel in the address bar (?station=&from=&to=&reason=&page=).
import { ALL_REASON_CODES, type ReasonCode } from "~/domain/roster/eligibility.ts";
import type { Day } from "~/domain/time/calendar.ts";
import { typedDayFilter, unreadableDates, type UnreadableDates } from "~/domain/time/typed-day.ts";
import { parseId } from "~/utils/ids.ts";

export const REFUSALS_PAGE_SIZE = 50;
export const REFUSALS_CSV_MAX = 10_000;
const MAX_PAGE = 10_000;

export type RefusalFilters = { stationId: number | null; from: Day | null; to: Day | null; reason: ReasonCode | null };

/**
 * The filters and page of a search; anything malformed is dropped (the log's
 * default view), and a date typed wrong is named in `unreadable` for the form to say so.
 */
export function parseRefusalSearch(params: URLSearchParams): RefusalFilters & { page: number; unreadable: UnreadableDates } {
  const reason = params.get("reason") ?? "";
  const from = typedDayFilter(params.get("from"));
  const to = typedDayFilter(params.get("to"));
  const page = parseId(params.get("page")) ?? 1;
  return {
    stationId: parseId(params.get("station")),
    from: from.day,
    to: to.day,
    reason: (ALL_REASON_CODES as readonly string[]).includes(reason) ? (reason as ReasonCode) : null,
    page: Math.min(page, MAX_PAGE),
    unreadable: unreadableDates(from, to),
  };
}

export function refusalSearchParams(f: RefusalFilters) {
  const p = new URLSearchParams();
  if (f.stationId != null) p.set("station", String(f.stationId));
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.reason) p.set("reason", f.reason);
  return p;
}
