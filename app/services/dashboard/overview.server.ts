import { LRUCache } from "lru-cache";
import { dayOf } from "~/domain/time/calendar.ts";
import { getDb, getReadDb } from "~/utils/db.server.ts";
import { unitChoices } from "../units.server.ts";
import { catchUp } from "./counts.server.ts";
import { agenciesWithoutCertified, coverageByUnit } from "./coverage.server.ts";
import { certifiedHeadcount, expiriesByMonth } from "./months.server.ts";
import { certificationTypes, clerkType, type DashboardFilter, type Db } from "./scope.server.ts";
import { obligationTotals, typeSummaries } from "./summaries.server.ts";

// The whole overview page, cached per counts version. Every app process keeps
// the overviews it built, keyed on the counts' version (in PostgreSQL, bumped
// by every recount) and the day: a cached view is never older than the counts,
// whichever process recounted. Counts in memory only.
const views = new LRUCache<string, Promise<DashboardView>>({ max: 500 });

export type DashboardView = Awaited<ReturnType<typeof buildView>>;

async function buildView(f: DashboardFilter, typeCode: string | null, db: Db) {
  const types = await certificationTypes(db);
  const type = types.find((t) => t.code === typeCode) ?? null;
  const clerk = clerkType(types);
  const [totals, summaries, coverage, expiries, headcount, agencies, units] = await Promise.all([
    obligationTotals(f, db),
    typeSummaries(f, db),
    coverageByUnit(f, type?.id ?? null, db),
    expiriesByMonth(f, type?.id ?? null, db),
    certifiedHeadcount(f, type?.id ?? null, db),
    agenciesWithoutCertified(f, clerk?.id ?? null, db),
    unitChoices(f.scope, f.unitId, db),
  ]);
  return { types, type, clerk, totals, summaries, coverage, expiries, headcount, agencies, units };
}

/**
 * Everything the overview shows for `f` and the type filter (`typeCode`, or
 * all types): from the cache when the counts, the units and the types have not
 * changed since it was built (all three bump the counts' version).
 */
export async function dashboardView(f: DashboardFilter, typeCode: string | null, db: Db = getReadDb()) {
  // The counts are brought up to date on the primary; the view is read from `db` (a replica when DATABASE_READ_URL is set).
  const { version } = await catchUp(f.now, getDb());
  const key = [version, dayOf(f.now), f.scope.join(","), f.unitId, typeCode].join("|");
  let view = views.get(key);
  if (!view) {
    view = buildView({ ...f, counted: true }, typeCode, db);
    views.set(key, view);
    view.catch(() => views.delete(key));
  }
  return view;
}
