// Names and limits the certification dashboard shares between its server code
// (app/services/dashboard/) and its pages, which run in the browser too.

/** A person's standing for one certification type (the rule is ./state.ts). */
export const CERT_STATES = ["VALID", "EXPIRING", "EXPIRED", "REVOKED", "NEVER"] as const;
export type CertState = (typeof CERT_STATES)[number];

/** The "expiring within" windows of the summary cards, in days (cumulative). */
export const EXPIRY_WINDOWS = [30, 60, 90] as const;
export type ExpiryWindow = (typeof EXPIRY_WINDOWS)[number];

/** A valid certification ending within this many days shows as "expiring". */
export const EXPIRING_DAYS = 90;

/**
 * Levels of sub-units the coverage table shows below the top of the view: the
 * country sees its provinces and a province its agencies (not 1,000 rows);
 * each row with more below opens as its own view.
 */
export const COVERAGE_LEVELS = 1;

export const DRILL_PAGE_SIZE = 50;
export const EXPORT_MAX_ROWS = 5000;

/** The drill-down's query parameters, as strings ("" = not set). */
export type DrillParams = { unit: string; type: string; state: string; days: string; q: string };

/** The query string of `search` (empty values left out), for links and exports. */
export function drillQueryString(search: Partial<DrillParams>) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (v) p.set(k, v);
  return p.toString();
}

/** `part` of `whole` in percent, to one decimal; null when there is no whole (no people). */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
