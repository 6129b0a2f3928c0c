// The refusal log: every refused assignment, whoever tried it and by which
// path, read within the reader's stations; its CSV export is audited.
import { ALL_REASON_CODES, type ReasonCode } from "~/domain/roster/eligibility.ts";
import { addDays, startOfDay } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { REFUSALS_CSV_MAX, refusalSearchParams, type RefusalFilters } from "./refusal-search.ts";
import { stationsInScope } from "./stations.server.ts";

/** Refusals at `stationIds` matching the filters, newest first. */
async function listRefusals(stationIds: number[], f: RefusalFilters, skip: number, take: number) {
  const db = getDb();
  const rows = await db.refusal.findMany({
    where: {
      stationId: { in: f.stationId != null ? stationIds.filter((id) => id === f.stationId) : stationIds },
      at: { gte: f.from ? startOfDay(f.from) : undefined, lt: f.to ? startOfDay(addDays(f.to, 1)) : undefined },
      reasons: f.reason ? { has: f.reason } : undefined,
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip,
    take,
  });
  const personIds = [...new Set(rows.flatMap((r) => [r.personId, r.actorId]).filter((x): x is number => x != null))];
  const [people, stations, duties] = await Promise.all([
    db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, fullName: true, employeeCode: true } }),
    db.station.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.stationId))] } }, select: { id: true, name: true } }),
    db.dutyType.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.dutyTypeId))] } }, select: { id: true, name: true } }),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const station = new Map(stations.map((s) => [s.id, s.name]));
  const duty = new Map(duties.map((d) => [d.id, d.name]));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    employeeCode: r.employeeCode,
    personName: r.personId != null ? (person.get(r.personId)?.fullName ?? "") : "",
    actorName: r.actorId != null ? (person.get(r.actorId)?.fullName ?? `#${r.actorId}`) : "",
    apiTokenId: r.apiTokenId,
    station: station.get(r.stationId) ?? `#${r.stationId}`,
    duty: duty.get(r.dutyTypeId) ?? `#${r.dutyTypeId}`,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    reasons: r.reasons.filter((c): c is ReasonCode => (ALL_REASON_CODES as readonly string[]).includes(c)),
    path: r.path,
  }));
}

/** One page of the log for a reader whose roster:read covers `scope` (one row more than `take` tells there is a next page). */
export async function refusalPage(scope: number[], f: RefusalFilters, skip: number, take: number) {
  const stations = await stationsInScope(scope);
  const rows = await listRefusals(
    stations.map((s) => s.id),
    f,
    skip,
    take,
  );
  return { stations: stations.map((s) => ({ id: s.id, name: s.name })), rows };
}

/** The log for the CSV export (at most REFUSALS_CSV_MAX rows); the export itself is recorded in the audit log. */
export async function exportRefusals(actor: { personId: number; unitId: number }, scope: number[], f: RefusalFilters, now: Date) {
  const { rows } = await refusalPage(scope, f, 0, REFUSALS_CSV_MAX);
  await auditedTransaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: actor.personId,
        action: "roster.refusals_export",
        unitId: actor.unitId,
        data: { format: "csv", rows: rows.length, filters: Object.fromEntries(refusalSearchParams(f)) },
      },
      now,
    ),
  );
  return rows;
}
