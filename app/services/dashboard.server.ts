import { can, type Grant } from "~/domain/access/permissions.ts";
import {
  CERT_STATES,
  EXPIRING_DAYS,
  EXPIRY_WINDOWS,
  EXPORT_MAX_ROWS,
  type CertState,
  type DrillParams,
  type ExpiryWindow,
} from "~/domain/dashboard/filters.ts";
import { dayOf, type Day } from "~/domain/exams/validity.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { MessageKey, Translate } from "~/i18n/index.ts";
import { forbidden, notFound } from "~/utils/auth.server.ts";
import { appendAudit } from "./audit.server.ts";
import type { CsvCell } from "~/utils/csv.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { formatDate, formatDay } from "~/utils/format.ts";

// The certification dashboard: who holds which certification, who is about to
// lose it, and which sending agencies have nobody able to send KT1 mail. All
// of it computed in SQL over the unit tree (`u.path && scope` is the subtree
// test, served by the GIN index on units.path), one query per block.
//
// Status of a person for a certification type, as of `today` (Vietnam days,
// both ends inclusive; a revocation counts from its instant, as statusAt does):
//   VALID     a live certification covers today;
//   EXPIRING  VALID, and the cover ends within EXPIRING_DAYS (their latest live
//             certification: an early renewal that starts later extends it);
//   EXPIRED   had one, none covers today, the latest one was not revoked;
//   REVOKED   had one, none covers today, the latest one was revoked;
//   NEVER     never held one of that type.
// Only ACTIVE people count.

type Db = Pick<Tx, "$queryRaw">;

export const CLERK_TYPE_CODE = "KT1-VAN-THU";
export const SENDING_KINDS = ["AGENCY", "DEPARTMENT", "POLICE"] as const;

export const STATE_LABEL: Record<CertState, MessageKey> = {
  VALID: "dashboard.state.VALID",
  EXPIRING: "dashboard.state.EXPIRING",
  EXPIRED: "dashboard.state.EXPIRED",
  REVOKED: "dashboard.state.REVOKED",
  NEVER: "dashboard.state.NEVER",
};

const asDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

// ---------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------

export type CertTypeRow = { id: number; code: string; name: string };

export async function certificationTypes(db: Db = getDb()): Promise<CertTypeRow[]> {
  return db.$queryRaw<CertTypeRow[]>`select id, code, name from certification_types order by id`;
}

/**
 * The `unit` query parameter: none, or a unit the user may read (a unit that
 * does not exist, or not a number, is a 404; one outside scope a 403).
 */
export async function unitFilter(grants: readonly Grant[], value: string | null): Promise<number | null> {
  const raw = (value ?? "").trim();
  if (raw === "") return null;
  if (!/^\d{1,9}$/.test(raw)) notFound();
  const unit = await getDb().unit.findUnique({ where: { id: Number(raw) }, select: { id: true, path: true } });
  if (!unit) notFound();
  if (!can(grants, "people:read", unit.path)) forbidden();
  return unit.id;
}

export type DashboardFilter = {
  /** Unit ids whose subtrees the reader may see. */
  scope: number[];
  /** Narrow to this unit's subtree (already checked to be in scope). */
  unitId: number | null;
  now: Date;
};

/** The active people of the filter, as a SQL condition on `p` (people) and `u` (their unit). */
function peopleWhere(f: DashboardFilter) {
  const where = [Prisma.sql`u.path && ${f.scope}::int[]`, Prisma.sql`p.status = 'ACTIVE'`];
  if (f.unitId !== null) where.push(Prisma.sql`u.path @> ARRAY[${f.unitId}]::int[]`);
  return Prisma.join(where, " and ");
}

/** Not revoked at `now`. */
const live = (now: Date) => Prisma.sql`(c.revoked_at is null or c.revoked_at > ${now})`;

/**
 * One row per (person, type) the person ever held, for people in `ppl` (a CTE
 * with an `id` column): whether a live certification covers today, the end of
 * their latest live one, and whether their latest one was revoked.
 */
function heldSql(today: Day, now: Date, typeId: number | null) {
  const type = typeId === null ? Prisma.empty : Prisma.sql`and c.certification_type_id = ${typeId}`;
  return Prisma.sql`
    select c.person_id, c.certification_type_id as type_id,
           bool_or(${live(now)} and c.valid_from <= ${today}::date and c.valid_until >= ${today}::date) as valid_now,
           max(c.valid_until) filter (where ${live(now)}) as best_until,
           (array_agg(not ${live(now)} order by c.valid_until desc, c.issued_at desc))[1] as latest_revoked
      from certifications c
     where c.person_id in (select id from ppl) ${type}
     group by c.person_id, c.certification_type_id`;
}

/** The state of `h` (a heldSql row, null when never held) as of `today`. */
function stateSql(today: Day) {
  return Prisma.sql`case
      when h.person_id is null then 'NEVER'
      when h.valid_now and h.best_until <= ${today}::date + ${EXPIRING_DAYS}::int then 'EXPIRING'
      when h.valid_now then 'VALID'
      when h.latest_revoked then 'REVOKED'
      else 'EXPIRED' end`;
}

// ---------------------------------------------------------------------------
// Summary per certification type
// ---------------------------------------------------------------------------

export type TypeSummary = CertTypeRow & {
  active: number;
  valid: number;
  /** Valid now and ending within 30 / 60 / 90 days (cumulative). */
  within: Record<ExpiryWindow, number>;
  expired: number;
  revoked: number;
  never: number;
};

export async function typeSummaries(f: DashboardFilter, db: Db = getDb()): Promise<TypeSummary[]> {
  const today = dayOf(f.now);
  const rows = await db.$queryRaw<
    { id: number; code: string; name: string; active: bigint; valid: bigint; w30: bigint; w60: bigint; w90: bigint; expired: bigint; revoked: bigint; never: bigint }[]
  >`
    with ppl as (select p.id from people p join units u on u.id = p.unit_id where ${peopleWhere(f)}),
         held as (${heldSql(today, f.now, null)}),
         st as (
           select t.id as type_id, ppl.id as person_id, h.valid_now, h.best_until, ${stateSql(today)} as state
             from certification_types t
             cross join ppl
             left join held h on h.person_id = ppl.id and h.type_id = t.id)
    select t.id, t.code, t.name,
           count(st.person_id) as active,
           count(*) filter (where st.valid_now) as valid,
           count(*) filter (where st.valid_now and st.best_until <= ${today}::date + 30) as w30,
           count(*) filter (where st.valid_now and st.best_until <= ${today}::date + 60) as w60,
           count(*) filter (where st.valid_now and st.best_until <= ${today}::date + 90) as w90,
           count(*) filter (where st.state = 'EXPIRED') as expired,
           count(*) filter (where st.state = 'REVOKED') as revoked,
           count(*) filter (where st.state = 'NEVER') as never
      from certification_types t
      left join st on st.type_id = t.id
     group by t.id
     order by t.id`;
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    active: Number(r.active),
    valid: Number(r.valid),
    within: { 30: Number(r.w30), 60: Number(r.w60), 90: Number(r.w90) },
    expired: Number(r.expired),
    revoked: Number(r.revoked),
    never: Number(r.never),
  }));
}

// ---------------------------------------------------------------------------
// Coverage per unit (subtree totals, tree order)
// ---------------------------------------------------------------------------

export type CoverageRow = { id: number; code: string; name: string; kind: string; parentId: number | null; depth: number; active: number; covered: number; percent: number | null };

/** Per unit of the filter: active people in its subtree and how many hold a valid certification (of `typeId`, or of any type). */
export async function coverageByUnit(f: DashboardFilter, typeId: number | null, db: Db = getDb()): Promise<CoverageRow[]> {
  const today = dayOf(f.now);
  const type = typeId === null ? Prisma.empty : Prisma.sql`and c.certification_type_id = ${typeId}`;
  const unitWhere = [Prisma.sql`u.path && ${f.scope}::int[]`];
  if (f.unitId !== null) unitWhere.push(Prisma.sql`u.path @> ARRAY[${f.unitId}]::int[]`);
  const rows = await db.$queryRaw<
    { id: number; code: string; name: string; kind: string; parent_id: number | null; depth: number; active: bigint | null; covered: bigint | null }[]
  >`
    with ppl as (
           select p.id, u.path,
                  exists (select 1 from certifications c
                           where c.person_id = p.id ${type} and ${live(f.now)}
                             and c.valid_from <= ${today}::date and c.valid_until >= ${today}::date) as ok
             from people p join units u on u.id = p.unit_id
            where ${peopleWhere(f)}),
         per_unit as (
           select a.unit_id, count(*) as active, count(*) filter (where ppl.ok) as covered
             from ppl cross join lateral unnest(ppl.path) as a(unit_id)
            group by a.unit_id)
    select u.id, u.code, u.name, u.kind::text as kind, u.parent_id, cardinality(u.path) as depth, pu.active, pu.covered
      from units u
      left join per_unit pu on pu.unit_id = u.id
     where ${Prisma.join(unitWhere, " and ")}
     order by u.path`;
  const minDepth = Math.min(...rows.map((r) => r.depth));
  return rows.map((r) => {
    const active = Number(r.active ?? 0);
    const covered = Number(r.covered ?? 0);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      parentId: r.parent_id,
      depth: r.depth - minDepth,
      active,
      covered,
      percent: active === 0 ? null : Math.round((covered / active) * 1000) / 10,
    };
  });
}

/** The bars of the coverage chart: the top units' children (or the top units themselves when they have none). */
export function coverageChartRows(rows: CoverageRow[]) {
  const children = rows.filter((r) => r.depth === 1);
  return children.length > 0 ? children : rows.filter((r) => r.depth === 0);
}

// ---------------------------------------------------------------------------
// Time series
// ---------------------------------------------------------------------------

export type MonthCount = { month: string; total: number; byType: Record<string, number> };

/**
 * Certifications whose cover ends in each of the next 12 months (this month
 * first, counted from today): one per person and type, at the end of their
 * latest live certification, so an early renewal moves the person out.
 */
export async function expiriesByMonth(f: DashboardFilter, typeId: number | null, db: Db = getDb()): Promise<MonthCount[]> {
  const today = dayOf(f.now);
  const rows = await db.$queryRaw<{ month: string; code: string | null; n: bigint }[]>`
    with ppl as (select p.id from people p join units u on u.id = p.unit_id where ${peopleWhere(f)}),
         held as (${heldSql(today, f.now, typeId)}),
         months as (select (date_trunc('month', ${today}::date) + make_interval(months => g))::date as start
                      from generate_series(0, 11) as g)
    select to_char(m.start, 'YYYY-MM') as month, t.code, count(h.person_id) as n
      from months m
      left join held h on h.valid_now and h.best_until >= ${today}::date
                      and h.best_until >= m.start and h.best_until < (m.start + interval '1 month')::date
      left join certification_types t on t.id = h.type_id
     group by m.start, t.code
     order by m.start, t.code`;
  return collectMonths(rows);
}

/**
 * Active people holding a valid certification (of `typeId`, or of any type) at
 * the end of each of the last 12 months, this month last (as of today). Based
 * on today's roster: people who have left are not counted in earlier months.
 */
export async function certifiedHeadcount(f: DashboardFilter, typeId: number | null, db: Db = getDb()): Promise<{ month: string; day: Day; count: number }[]> {
  const today = dayOf(f.now);
  const type = typeId === null ? Prisma.empty : Prisma.sql`and c.certification_type_id = ${typeId}`;
  // Each certification is first cut to the part of the window it covers (one
  // pass over the certifications), then matched against 12 month ends.
  const rows = await db.$queryRaw<{ month: string; day: Date; n: bigint }[]>`
    with ppl as (select p.id from people p join units u on u.id = p.unit_id where ${peopleWhere(f)}),
         ends as (
           select start, least((start + interval '1 month' - interval '1 day')::date, ${today}::date) as day
             from (select (date_trunc('month', ${today}::date) - make_interval(months => g))::date as start
                     from generate_series(0, 11) as g) m),
         cs as (
           select c.person_id, c.valid_from as a,
                  least(c.valid_until, coalesce((c.revoked_at at time zone 'Asia/Ho_Chi_Minh')::date - 1, c.valid_until)) as b
             from certifications c join ppl on ppl.id = c.person_id
            where c.valid_until >= (select min(day) from ends) and c.valid_from <= ${today}::date ${type}),
         hits as (select distinct e.start, cs.person_id from ends e join cs on e.day between cs.a and cs.b)
    select to_char(e.start, 'YYYY-MM') as month, e.day, count(h.person_id) as n
      from ends e left join hits h on h.start = e.start
     group by e.start, e.day
     order by e.start`;
  return rows.map((r) => ({ month: r.month, day: asDay(r.day) as Day, count: Number(r.n) }));
}

function collectMonths(rows: { month: string; code: string | null; n: bigint }[]): MonthCount[] {
  const out: MonthCount[] = [];
  for (const r of rows) {
    let m = out.at(-1);
    if (!m || m.month !== r.month) out.push((m = { month: r.month, total: 0, byType: {} }));
    if (r.code !== null) {
      m.byType[r.code] = Number(r.n);
      m.total += Number(r.n);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Sending agencies with nobody certified
// ---------------------------------------------------------------------------

export type UncoveredAgency = { id: number; code: string; name: string; kind: string; parentName: string | null; active: number };

/**
 * Sending units (AGENCY, DEPARTMENT, POLICE) of the filter where no active
 * person holds a valid certification of `clerkTypeId` (null: of any type). A
 * person belongs to their nearest sending unit, so a sub-agency's clerk does
 * not cover the department above it.
 */
export async function agenciesWithoutCertified(f: DashboardFilter, clerkTypeId: number | null, db: Db = getDb()): Promise<{ sending: number; uncovered: UncoveredAgency[] }> {
  const today = dayOf(f.now);
  const type = clerkTypeId === null ? Prisma.empty : Prisma.sql`and c.certification_type_id = ${clerkTypeId}`;
  const kinds = Prisma.sql`(${Prisma.join(SENDING_KINDS.map((k) => Prisma.sql`${k}::"UnitKind"`))})`;
  const unitWhere = [Prisma.sql`u.path && ${f.scope}::int[]`, Prisma.sql`u.kind in ${kinds}`];
  if (f.unitId !== null) unitWhere.push(Prisma.sql`u.path @> ARRAY[${f.unitId}]::int[]`);
  const rows = await db.$queryRaw<{ id: number; code: string; name: string; kind: string; parent_name: string | null; active: bigint; certified: bigint }[]>`
    with sending as (select u.id, u.code, u.name, u.kind, u.parent_id from units u where ${Prisma.join(unitWhere, " and ")}),
         home as (
           select distinct on (p.id) p.id as person_id, a.id as agency_id
             from people p
             join units u on u.id = p.unit_id
             cross join lateral unnest(u.path) with ordinality as x(unit_id, ord)
             join units a on a.id = x.unit_id and a.kind in ${kinds}
            where ${peopleWhere({ ...f, unitId: null })}
            order by p.id, x.ord desc)
    select s.id, s.code, s.name, s.kind::text as kind, parent.name as parent_name,
           count(h.person_id) as active,
           count(h.person_id) filter (where exists (
             select 1 from certifications c
              where c.person_id = h.person_id ${type} and ${live(f.now)}
                and c.valid_from <= ${today}::date and c.valid_until >= ${today}::date)) as certified
      from sending s
      left join home h on h.agency_id = s.id
      left join units parent on parent.id = s.parent_id
     group by s.id, s.code, s.name, s.kind, parent.name`;
  const uncovered = rows
    .filter((r) => Number(r.certified) === 0)
    .map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentName: r.parent_name, active: Number(r.active) }))
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return { sending: rows.length, uncovered };
}

/** The clerks' certification type, or null (then any type counts) when it is not defined. */
export function clerkType(types: CertTypeRow[]) {
  return types.find((t) => t.code === CLERK_TYPE_CODE) ?? null;
}

// ---------------------------------------------------------------------------
// Drill-down: people with their state per type
// ---------------------------------------------------------------------------

// Vietnamese letters to their base letter, as app/services/people-admin.server.ts
// folds them for its search (keep the two in step): "Nguyen Van An" finds
// "Nguyễn Văn An", and the reverse.
const FOLD_FROM = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
const FOLD_TO = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd";
const fold = (expr: Prisma.Sql) => Prisma.sql`translate(lower(${expr}), ${FOLD_FROM}, ${FOLD_TO})`;

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

function drillSql(query: DrillQuery) {
  const today = dayOf(query.now);
  const where = [peopleWhere(query)];
  const words = query.q.normalize("NFC").split(/\s+/).filter(Boolean).slice(0, 6);
  for (const word of words) {
    const pattern = Prisma.sql`'%' || ${fold(Prisma.sql`${word.replace(/[\\%_]/g, "\\$&")}::text`)} || '%'`;
    where.push(Prisma.sql`(${fold(Prisma.raw("p.full_name"))} like ${pattern} or ${fold(Prisma.raw("p.employee_code"))} like ${pattern})`);
  }
  const types = query.typeId === null ? Prisma.empty : Prisma.sql`where t.id = ${query.typeId}`;
  const ctes = Prisma.sql`
    with ppl as (
           select p.id, p.employee_code, p.full_name, p.position, u.name as unit_name
             from people p join units u on u.id = p.unit_id
            where ${Prisma.join(where, " and ")}),
         held as (${heldSql(today, query.now, query.typeId)}),
         st as (
           select ppl.id as person_id, t.id as type_id, h.valid_now, h.best_until, ${stateSql(today)} as state
             from ppl
             cross join (select id from certification_types t ${types}) t
             left join held h on h.person_id = ppl.id and h.type_id = t.id)`;
  let match = Prisma.sql`true`;
  const some = (cond: Prisma.Sql) => Prisma.sql`exists (select 1 from st where st.person_id = ppl.id and ${cond})`;
  switch (query.state) {
    case "VALID":
      match = some(Prisma.sql`st.valid_now`);
      break;
    case "EXPIRING":
      match = some(Prisma.sql`st.valid_now and st.best_until <= ${today}::date + ${query.days}::int`);
      break;
    case "EXPIRED":
    case "REVOKED":
      match = some(Prisma.sql`st.state = ${query.state}`);
      break;
    case "NEVER":
      // Of the chosen type, or (no type chosen) of any type.
      match = Prisma.sql`not ${some(Prisma.sql`st.state <> 'NEVER'`)}`;
      break;
  }
  return { ctes, match };
}

const ORDER_BY_GIVEN_NAME = Prisma.sql`order by ${fold(Prisma.raw("regexp_replace(ppl.full_name, '^.*\\s', '')"))}, ${fold(Prisma.raw("ppl.full_name"))}, ppl.id`;

/** One page of the people of the filter, with their state for each type (or the chosen type) and their last exam. */
export async function drillDown(query: DrillQuery, db: Db = getDb()) {
  const { ctes, match } = drillSql(query);
  const [{ total }] = await db.$queryRaw<{ total: bigint }[]>`${ctes} select count(*) as total from ppl where ${match}`;
  const pages = Math.max(1, Math.ceil(Number(total) / query.pageSize));
  const page = Math.min(Math.max(1, query.page), pages);
  const people = await db.$queryRaw<{ id: number; employee_code: string; full_name: string; position: string; unit_name: string }[]>`
    ${ctes}
    select ppl.id, ppl.employee_code, ppl.full_name, ppl.position, ppl.unit_name
      from ppl where ${match}
     ${ORDER_BY_GIVEN_NAME}
     limit ${query.pageSize} offset ${(page - 1) * query.pageSize}`;
  return { total: Number(total), page, pages, rows: await withDetails(db, query, people) };
}

/** Every row of the filter (up to EXPORT_MAX_ROWS), for the CSV and Excel exports. */
export async function drillDownAll(query: Omit<DrillQuery, "page" | "pageSize">, db: Db = getDb()) {
  const full = { ...query, page: 1, pageSize: EXPORT_MAX_ROWS };
  const { ctes, match } = drillSql(full);
  const people = await db.$queryRaw<{ id: number; employee_code: string; full_name: string; position: string; unit_name: string }[]>`
    ${ctes}
    select ppl.id, ppl.employee_code, ppl.full_name, ppl.position, ppl.unit_name
      from ppl where ${match}
     ${ORDER_BY_GIVEN_NAME}
     limit ${EXPORT_MAX_ROWS}`;
  return withDetails(db, full, people);
}

async function withDetails(
  db: Db,
  query: DrillQuery,
  people: { id: number; employee_code: string; full_name: string; position: string; unit_name: string }[],
): Promise<DrillRow[]> {
  if (people.length === 0) return [];
  const today = dayOf(query.now);
  const ids = people.map((p) => p.id);
  const types = query.typeId === null ? Prisma.empty : Prisma.sql`where t.id = ${query.typeId}`;
  const examType = query.typeId === null ? Prisma.empty : Prisma.sql`and e.certification_type_id = ${query.typeId}`;
  const [states, attempts] = await Promise.all([
    db.$queryRaw<{ person_id: number; type_id: number; state: CertState; best_until: Date | null }[]>`
      with ppl as (select unnest(${ids}::int[]) as id),
           held as (${heldSql(today, query.now, query.typeId)})
      select ppl.id as person_id, t.id as type_id, ${stateSql(today)} as state, h.best_until
        from ppl
        cross join (select id from certification_types t ${types}) t
        left join held h on h.person_id = ppl.id and h.type_id = t.id
       order by ppl.id, t.id`,
    db.$queryRaw<{ person_id: number; submitted_at: Date; passed: boolean | null }[]>`
      select distinct on (a.person_id) a.person_id, a.submitted_at, a.passed
        from exam_attempts a join exams e on e.id = a.exam_id
       where a.person_id = any(${ids}::int[]) and a.status = 'SUBMITTED' ${examType}
       order by a.person_id, a.submitted_at desc`,
  ]);
  const statesOf = new Map<number, DrillRow["states"]>();
  for (const s of states) {
    const list = statesOf.get(s.person_id) ?? [];
    list.push({ typeId: s.type_id, state: s.state, validUntil: asDay(s.best_until) });
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

// ---------------------------------------------------------------------------
// Query string of the drill-down (page, CSV and Excel share it)
// ---------------------------------------------------------------------------

/** Reads the drill-down filters; a unit outside scope is a 403, an unknown type or state is ignored. */
export async function parseDrillParams(grants: readonly Grant[], params: URLSearchParams, types: CertTypeRow[]) {
  const unitId = await unitFilter(grants, params.get("unit"));
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
  return { unitId, type, state, days, q, page, search };
}

// ---------------------------------------------------------------------------
// Export table (CSV and Excel share the columns)
// ---------------------------------------------------------------------------

export function exportTable(t: Translate, types: CertTypeRow[], rows: DrillRow[]) {
  const header = [
    t("dashboard.col.code"),
    t("dashboard.col.name"),
    t("dashboard.col.unit"),
    t("dashboard.col.position"),
    ...types.flatMap((ty) => [t("dashboard.col.typeState", { type: ty.name }), t("dashboard.col.typeUntil", { type: ty.name })]),
    t("dashboard.col.lastAttempt"),
    t("dashboard.col.lastResult"),
  ];
  const body: CsvCell[][] = rows.map((r) => [
    r.employeeCode,
    r.fullName,
    r.unitName,
    r.position,
    ...types.flatMap((ty) => {
      const s = r.states.find((x) => x.typeId === ty.id);
      return s ? [t(STATE_LABEL[s.state]), s.validUntil ? formatDay(s.validUntil) : ""] : ["", ""];
    }),
    r.lastAttempt ? formatDate(r.lastAttempt.at) : "",
    r.lastAttempt ? t(r.lastAttempt.passed ? "dashboard.attempt.passed" : "dashboard.attempt.failed") : "",
  ]);
  return { header, body };
}

/**
 * The rows of a CSV or Excel export of the drill-down, with the filters of
 * `params`. Taking a copy of personal data out of the system is recorded in the
 * audit log first, as the audit-log export does.
 */
export async function exportDrillDown(
  user: { personId: number; unitId: number; grants: readonly Grant[] },
  scope: number[],
  params: URLSearchParams,
  t: Translate,
  format: "csv" | "xlsx",
  now: Date,
) {
  const types = await certificationTypes();
  const p = await parseDrillParams(user.grants, params, types);
  const rows = await drillDownAll({ scope, unitId: p.unitId, now, typeId: p.type?.id ?? null, state: p.state, days: p.days, q: p.q });
  await getDb().$transaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: user.personId,
        action: "dashboard.export",
        unitId: p.unitId ?? user.unitId,
        data: { format, filters: Object.fromEntries(Object.entries(p.search).filter(([, v]) => v !== "")), rows: rows.length },
      },
      now,
    ),
  );
  const table = exportTable(t, p.type ? [p.type] : types, rows);
  return { ...table, filename: `chung-nhan-nhan-su-${dayOf(now).replaceAll("-", "")}.${format}` };
}
