import type { Grant } from "~/domain/access/permissions.ts";
import {
  DRILL_STATUSES,
  DUE_SOON_DAYS,
  EXPORT_MAX_ROWS,
  LATE_STATUSES,
  type CertState,
  type DrillParams,
  type DrillStatus,
} from "~/domain/dashboard/filters.ts";
import type { ObligationStatus } from "~/domain/obligations/status.ts";
import { ok, type Result } from "~/domain/result.ts";
import { dayOf, fromDateColumn, type Day } from "~/domain/time/calendar.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getReadDb } from "~/utils/db.server.ts";
import { orderByGivenName, wordsMatch } from "~/utils/name-search.server.ts";
import { ready } from "./counts.server.ts";
import { peopleWhere, unitFilter, type CertTypeRow, type DashboardFilter, type Db, type UnitFilterRefusal } from "./scope.server.ts";

// The drill-down: the people behind a number, with their obligation's status
// and due date per type (person_cert_states, decision 045) and their last exam.
// The page, the CSV and the Excel export share its query string and its rows.

export type DrillQuery = DashboardFilter & {
  typeId: number | null;
  /** People with an obligation (of the type, or of any type) in this status or group. */
  status: DrillStatus | null;
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
  states: DrillState[];
  lastAttempt: { at: string; passed: boolean | null } | null;
};

export type DrillState = {
  typeId: number;
  /** The obligation's status; null: the person need not hold the type. */
  status: ObligationStatus | null;
  /** When a valid certification is (or was) needed by (null while compliant). */
  dueOn: Day | null;
  /** The last day they are (or were) covered: for an obligation, across renewals; else their latest live certification. */
  validUntil: Day | null;
  /** Their certifications of the type, whether or not they must hold it. */
  certState: CertState;
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
  const lateList = Prisma.join(LATE_STATUSES.map((x) => Prisma.sql`${x}`));
  let match = Prisma.sql`true`;
  if (query.status === "LATE") match = some(Prisma.sql`s.obligation in (${lateList})`);
  else if (query.status === "SOON")
    match = some(Prisma.sql`s.obligation in ('DUE', 'EXPIRING') and s.obligation_due_on <= ${today}::date + ${DUE_SOON_DAYS}::int`);
  else if (query.status !== null) match = some(Prisma.sql`s.obligation = ${query.status}`);
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
export async function drillDown(query: DrillQuery, db: Db = getReadDb()) {
  await ready(query);
  const { ctes, match } = drillSql(query);
  const [{ total }] = await db.$queryRaw<{ total: bigint }[]>`${ctes} select count(*) as total from ppl where ${match}`;
  const pages = Math.max(1, Math.ceil(Number(total) / query.pageSize));
  const page = Math.min(Math.max(1, query.page), pages);
  const people = await selectPeople(db, query, query.pageSize, (page - 1) * query.pageSize);
  return { total: Number(total), page, pages, rows: await withDetails(db, query, people) };
}

/** Every row of the filter (up to EXPORT_MAX_ROWS), for the CSV and Excel exports. */
export async function drillDownAll(query: Omit<DrillQuery, "page" | "pageSize">, db: Db = getReadDb()) {
  await ready(query);
  const full = { ...query, page: 1, pageSize: EXPORT_MAX_ROWS };
  return withDetails(db, full, await selectPeople(db, full, EXPORT_MAX_ROWS, 0));
}

async function withDetails(db: Db, query: DrillQuery, people: PersonRow[]): Promise<DrillRow[]> {
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const type = query.typeId === null ? Prisma.empty : Prisma.sql`and s.type_id = ${query.typeId}`;
  const examType = query.typeId === null ? Prisma.empty : Prisma.sql`and e.certification_type_id = ${query.typeId}`;
  const [states, attempts] = await Promise.all([
    db.$queryRaw<
      {
        person_id: number;
        type_id: number;
        state: CertState;
        best_until: Date | null;
        obligation: ObligationStatus | null;
        obligation_due_on: Date | null;
        obligation_until: Date | null;
      }[]
    >`
      select s.person_id, s.type_id, s.state, s.best_until, s.obligation, s.obligation_due_on, s.obligation_until
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
    list.push({
      typeId: s.type_id,
      status: s.obligation,
      dueOn: fromDateColumn(s.obligation_due_on),
      validUntil: s.obligation ? fromDateColumn(s.obligation_until) : fromDateColumn(s.best_until),
      certState: s.state,
    });
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
  status: DrillStatus | null;
  q: string;
  page: number;
  /** The filters as they go back into links and forms ("" = not set). */
  search: DrillParams;
};

/**
 * The drill-down's query string (the page, CSV and Excel share it). The unit
 * must be one the reader may see (refused as unitFilter refuses it); an
 * unknown type or status, or a bad page, is ignored.
 */
export async function parseDrillParams(
  grants: readonly Grant[],
  params: URLSearchParams,
  types: CertTypeRow[],
): Promise<Result<DrillFilters, UnitFilterRefusal>> {
  const unit = await unitFilter(grants, params.get("unit"));
  if (!unit.ok) return unit;
  const unitId = unit.value;
  const type = types.find((t) => t.code === params.get("type")) ?? null;
  const statusParam = params.get("status") ?? "";
  const status = (DRILL_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as DrillStatus) : null;
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  const pageParam = Number(params.get("page") ?? "1");
  const page = Number.isSafeInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const search: DrillParams = {
    unit: unitId === null ? "" : String(unitId),
    type: type?.code ?? "",
    status: status ?? "",
    q,
  };
  return ok({ unitId, type, status, q, page, search });
}
