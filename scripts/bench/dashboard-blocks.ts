// npm run bench:dashboard — times each dashboard query on the benchmark
// database (npm run bench:data first), as the national-scope manager sees it.
import { performance } from "node:perf_hooks";
import { withAppDatabase } from "../app-database.ts";
import { benchDatabaseUrlFor } from "./target.ts";

await withAppDatabase(async (appUrl) => {
  process.env.DATABASE_URL = benchDatabaseUrlFor(appUrl);
  const d = {
    ...(await import("../../app/services/dashboard/scope.server.ts")),
    ...(await import("../../app/services/dashboard/summaries.server.ts")),
    ...(await import("../../app/services/dashboard/coverage.server.ts")),
    ...(await import("../../app/services/dashboard/months.server.ts")),
    ...(await import("../../app/services/dashboard/drill-down.server.ts")),
  };
  const { getDb } = await import("../../app/utils/db.server.ts");
  const roots = await getDb().$queryRaw<{ id: number }[]>`select id from units where parent_id is null`;
  const now = new Date();
  const f = { scope: roots.map((r) => r.id), unitId: null, now };
  const types = await d.certificationTypes();
  const clerk = d.clerkType(types);
  const drill = { ...f, typeId: null, status: null, q: "", page: 1, pageSize: 50 };
  const blocks: [string, () => Promise<unknown>][] = [
    ["typeSummaries", () => d.typeSummaries(f)],
    ["obligationTotals", () => d.obligationTotals(f)],
    ["coverageByUnit", () => d.coverageByUnit(f, null)],
    ["expiriesByMonth", () => d.expiriesByMonth(f, null)],
    ["certifiedHeadcount", () => d.certifiedHeadcount(f, null)],
    ["agencies", () => d.agenciesWithoutCertified(f, clerk?.id ?? null)],
    ["drillDown", () => d.drillDown(drill)],
    ["drillDown q=nguyen", () => d.drillDown({ ...drill, q: "nguyen" })],
    ["drillDown EXPIRING", () => d.drillDown({ ...drill, status: "EXPIRING" })],
    ["drillDown LATE", () => d.drillDown({ ...drill, status: "LATE" })],
  ];
  for (const [name, run] of blocks) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(22)} min ${times[0].toFixed(1)} median ${times[2].toFixed(1)} max ${times[4].toFixed(1)} ms`);
  }
  await getDb().$disconnect();
});
