import type { Grant } from "~/domain/access/permissions.ts";
import {
  CERT_STATES,
  EXPIRING_DAYS,
  EXPIRY_WINDOWS,
  EXPORT_MAX_ROWS,
  type CertState,
  type DrillParams,
  type ExpiryWindow,
} from "~/domain/dashboard/filters.ts";
import { ok, type Result } from "~/domain/result.ts";
import { dayOf, fromDateColumn, type Day } from "~/domain/time/calendar.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/utils/db.server.ts";
import { orderByGivenName, wordsMatch } from "~/utils/name-search.server.ts";
import { ready } from "./counts.server.ts";
import { peopleWhere, unitFilter, type CertTypeRow, type DashboardFilter, type Db, type UnitFilterRefusal } from "./scope.server.ts";

// The drill-down: the people behind a number, with their state per type
// (person_cert_states) and their last exam. The page, the CSV and the Excel
// export share its query string and its rows.

export type DrillQuery = DashboardFilter & {
  typeId: number | null;
  state: CertState | null;
  /** With state EXPIRING: ending within this many days. */
  days: ExpiryWindow;
  q: string;
  page: number;
  pageSize: number;
};

export type DrillRow = {
  id: number;
  employeeCode: string;
  fullName: string;
  position: string;
  unitName: string;
  states: { typeId: number; state: CertState; validUntil: Day | null }[];
  lastAttempt: { at: string; passed: boolean | null } | null;
};

type PersonRow = { id: number; employee_code: string; full_name: string; position: string; unit_name: string };

/** The people of the drill-down: `ppl` (a CTE) and the condition `match` on it. */
function drillSql(query: DrillQuery) {
  const today = dayOf(query.now);
  const where = [peopleWhere(query), ...wordsMatch(query.q, ["p.name_folded", "lower(p.employee_code)"])];
  const ctes = Prisma.sql`
    with ppl as (
           select p.id, p.employee_code, p.full_name, p.position, u.name as unit_name, p.name_folded, p.given_name_folded
             from people p join units u on u.id = p.unit_id
            where ${Prisma.join(where, " and ")})`;
  const type = query.typeId === null ? Prisma.empty : Prisma.sql`and s.type_id = ${query.typeId}`;
  const some = (cond: Prisma.Sql) => Prisma.sql`exists (select 1 from person_cert_states s where s.person_id = ppl.id ${type} and ${cond})`;
  let match = Prisma.sql`true`;
  switch (query.state) {
    case "VALID":
      match = some(Prisma.sql`s.valid_now`);
      break;
    case "EXPIRING":
      match = some(Prisma.sql`s.valid_now and s.best_until <= ${today}::date + ${query.days}::int`);
      break;
    case "EXPIRED":
    case "REVOKED":
      match = some(Prisma.sql`s.state = ${query.state}`);
      break;
    case "NEVER":
      // Of the chosen type, or (no type chosen) of any type.
      match = Prisma.sql`not ${some(Prisma.sql`s.state <> 'NEVER'`)}`;
      break;
  }
  return { ctes, match };
}

const ORDER_BY_GIVEN_NAME = orderByGivenName("ppl");

/** Up to `limit` people of the query from `offset`, in given-name order. */
function selectPeople(db: Db, query: DrillQuery, limit: number, offset: number) {
  const { ctes, match } = drillSql(query);
  return db.$queryRaw<PersonRow[]>`
    ${ctes}
    select ppl.id, ppl.employee_code, ppl.full_name, ppl.position, ppl.unit_name
      from ppl where ${match}
     ${ORDER_BY_GIVEN_NAME}
     limit ${limit} offset ${offset}`;
}

/** One page of the people of the filter, with their state for each type (or the chosen type) and their last exam. */
export async function drillDown(query: DrillQuery, db: Db = getDb()) {
  await ready(query, db);
  const { ctes, match } = drillSql(query);
  const [{ total }] = await db.$queryRaw<{ total: bigint }[]>`${ctes} select count(*) as total from ppl where ${match}`;
  const pages = Math.max(1, Math.ceil(Number(total) / query.pageSize));
  const page = Math.min(Math.max(1, query.page), pages);
  const people = await selectPeople(db, query, query.pageSize, (page - 1) * query.pageSize);
  return { total: Number(total), page, pages, rows: await withDetails(db, query, people) };
}

/** Every row of the filter (up to EXPORT_MAX_ROWS), for the CSV and Excel exports. */
export async function drillDownAll(query: Omit<DrillQuery, "page" | "pageSize">, db: Db = getDb()) {
  await ready(query, db);
  const full = { ...query, page: 1, pageSize: EXPORT_MAX_ROWS };
  return withDetails(db, full, await selectPeople(db, full, EXPORT_MAX_ROWS, 0));
}

async function withDetails(db: Db, query: DrillQuery, people: PersonRow[]): Promise<DrillRow[]> {
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const type = query.typeId === null ? Prisma.empty : Prisma.sql`and s.type_id = ${query.typeId}`;
  const examType = query.typeId === null ? Prisma.empty : Prisma.sql`and e.certification_type_id = ${query.typeId}`;
  const [states, attempts] = await Promise.all([
    db.$queryRaw<{ person_id: number; type_id: number; state: CertState; best_until: Date | null }[]>`
      select s.person_id, s.type_id, s.state, s.best_until
        from person_cert_states s
       where s.person_id = any(${ids}::int[]) ${type}
       order by s.person_id, s.type_id`,
    db.$queryRaw<{ person_id: number; submitted_at: Date; passed: boolean | null }[]>`
      select distinct on (a.person_id) a.person_id, a.submitted_at, a.passed
        from exam_attempts a join exams e on e.id = a.exam_id
       where a.person_id = any(${ids}::int[]) and a.status = 'SUBMITTED' ${examType}
       order by a.person_id, a.submitted_at desc`,
  ]);
  const statesOf = new Map<number, DrillRow["states"]>();
  for (const s of states) {
    const list = statesOf.get(s.person_id) ?? [];
    list.push({ typeId: s.type_id, state: s.state, validUntil: fromDateColumn(s.best_until) });
    statesOf.set(s.person_id, list);
  }
  const lastOf = new Map(attempts.map((a) => [a.person_id, { at: a.submitted_at.toISOString(), passed: a.passed }]));
  return people.map((p) => ({
    id: p.id,
    employeeCode: p.employee_code,
    fullName: p.full_name,
    position: p.position,
    unitName: p.unit_name,
    states: statesOf.get(p.id) ?? [],
    lastAttempt: lastOf.get(p.id) ?? null,
  }));
}

export type DrillFilters = {
  unitId: number | null;
  type: CertTypeRow | null;
  state: CertState | null;
  days: ExpiryWindow;
  q: string;
  page: number;
  /** The filters as they go back into links and forms ("" = not set). */
  search: DrillParams;
};

/**
 * The drill-down's query string (the page, CSV and Excel share it). The unit
 * must be one the reader may see (refused as unitFilter refuses it); an
 * unknown type or state, or a bad page, is ignored.
 */
export async function parseDrillParams(grants: readonly Grant[], params: URLSearchParams, types: CertTypeRow[]): Promise<Result<DrillFilters, UnitFilterRefusal>> {
  const unit = await unitFilter(grants, params.get("unit"));
  if (!unit.ok) return unit;
  const unitId = unit.value;
  const type = types.find((t) => t.code === params.get("type")) ?? null;
  const stateParam = params.get("state") ?? "";
  const state = (CERT_STATES as readonly string[]).includes(stateParam) ? (stateParam as CertState) : null;
  const daysParam = Number(params.get("days"));
  const days: ExpiryWindow = (EXPIRY_WINDOWS as readonly number[]).includes(daysParam) ? (daysParam as ExpiryWindow) : EXPIRING_DAYS;
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  const pageParam = Number(params.get("page") ?? "1");
  const page = Number.isSafeInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const search: DrillParams = {
    unit: unitId === null ? "" : String(unitId),
    type: type?.code ?? "",
    state: state ?? "",
    days: state === "EXPIRING" && days !== EXPIRING_DAYS ? String(days) : "",
    q,
  };
  return ok({ unitId, type, state, days, q, page, search });
}
