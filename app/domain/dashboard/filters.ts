// Names and limits the certification dashboard shares between its server code
// (app/services/dashboard/) and its pages, which run in the browser too.

import { OBLIGATION_STATUSES, type ObligationStatus } from "../obligations/status.ts";

/** A person's standing for one certification type (the rule is ./state.ts). */
export const CERT_STATES = ["VALID", "EXPIRING", "EXPIRED", "REVOKED", "NEVER"] as const;
export type CertState = (typeof CERT_STATES)[number];

/** A valid certification ending within this many days shows as "expiring" (the month charts' certification standing). */
export const EXPIRING_DAYS = 90;

/** "Due within 30 days": a DUE or EXPIRING obligation whose date is at most this many days ahead. */
export const DUE_SOON_DAYS = 30;

/**
 * Not met after its due date: by app/domain/obligations/status.ts an
 * obligation is EXPIRED or REVOKED only once its due date has passed (before
 * it, a lapsed certificate leaves it DUE), so these three are "quá hạn".
 */
export const LATE_STATUSES = ["OVERDUE", "EXPIRED", "REVOKED"] as const satisfies readonly ObligationStatus[];

/** The drill-down's status filter: an obligation status, or a card's group (LATE: quá hạn; SOON: due within DUE_SOON_DAYS). */
export const DRILL_STATUSES = [...OBLIGATION_STATUSES, "LATE", "SOON"] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];

/**
 * Levels of sub-units the coverage table shows below the top of the view: the
 * country sees its provinces and a province its agencies (not 1,000 rows);
 * each row with more below opens as its own view.
 */
export const COVERAGE_LEVELS = 1;

export const DRILL_PAGE_SIZE = 50;
export const EXPORT_MAX_ROWS = 5000;

/** The drill-down's query parameters, as strings ("" = not set). */
export type DrillParams = { unit: string; type: string; status: string; q: string };

/** The query string of `search` (empty values left out), for links and exports. */
export function drillQueryString(search: Partial<DrillParams>) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (v) p.set(k, v);
  return p.toString();
}

/** `part` of `whole` in percent, to one decimal; null when there is no whole (nobody obligated: "không áp dụng"). */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
