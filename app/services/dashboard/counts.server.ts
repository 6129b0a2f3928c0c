import { DUE_SOON_DAYS, EXPIRING_DAYS } from "~/domain/dashboard/filters.ts";
import { dayOf } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";
import type { DashboardFilter, Db } from "./scope.server.ts";

// Views read stored counts (decision 012): each active person's standing per
// type with their obligation's status (person_cert_states; the rule is
// app/domain/dashboard/state.ts, decision 045) and, per unit, its own people's
// totals and month series (unit_cert_counts,
// unit_cert_months). Subtree totals add those per-unit rows over `units.path`,
// a few thousand rows instead of 300,000 certifications. Every read first
// brings them up to date: triggers mark the units a write touched, and a new
// day recounts everything. Only ACTIVE people count.

/**
 * Makes the stored counts describe `now`'s day and every change committed so
 * far: a no-op read when nothing changed, a recount of the changed units
 * otherwise, and a full recount (seconds at 100,000 people) when the day
 * turned and the housekeeping loop has not done it yet. Returns what it did and
 * the counts' version (bumped by every recount).
 */
export async function catchUp(now: Date, db: Db): Promise<{ did: "none" | "units" | "all"; version: bigint }> {
  const today = dayOf(now);
  const [check] = await db.$queryRaw<{ current: boolean; version: bigint }[]>`
    select coalesce(s.as_of = ${today}::date, false) and not exists (select 1 from dashboard_stale_units) as current, s.version
      from dashboard_counts_state s where s.id = 1`;
  if (check.current) return { did: "none", version: check.version };
  const [done] = await db.$queryRaw<{ did: "none" | "units" | "all" }[]>`
    select dashboard_catch_up(${today}::date, ${now}, ${EXPIRING_DAYS}::int, ${DUE_SOON_DAYS}::int) as did`;
  const [after] = await db.$queryRaw<{ version: bigint }[]>`select version from dashboard_counts_state where id = 1`;
  return { did: done.did, version: after.version };
}

export async function ensureCounts(now: Date, db: Db = getDb()) {
  return (await catchUp(now, db)).did;
}

/** Brings the counts up to date (on the primary: it writes) unless the caller already did (`counted`). */
export const ready = (f: DashboardFilter) => (f.counted ? Promise.resolve() : catchUp(f.now, getDb()));
