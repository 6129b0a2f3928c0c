import { can, type Grant } from "~/domain/access/permissions.ts";
import {
  CERT_STATES,
  COVERAGE_LEVELS,
  EXPIRING_DAYS,
  EXPIRY_WINDOWS,
  EXPORT_MAX_ROWS,
  type CertState,
  type DrillParams,
  type ExpiryWindow,
} from "~/domain/dashboard/filters.ts";
import { dayOf, type Day } from "~/domain/exams/validity.ts";
import { orderByGivenName, wordsMatch } from "~/utils/name-search.server.ts";
import { unitChoices } from "./units.server.ts";
import { LRUCache } from "lru-cache";
import { Prisma } from "~/generated/prisma/client.ts";
import type { MessageKey, Translate } from "~/i18n/index.ts";
import { forbidden, notFound } from "~/utils/auth.server.ts";
import { appendAudit } from "./audit.server.ts";
import type { CsvCell } from "~/utils/csv.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { formatDate, formatDay } from "~/utils/format.ts";

// The certification dashboard: who holds which certification, who is about to
// lose it, and which sending agencies have nobody able to send KT1 mail.
//
// Views read stored counts (decision 012): each active person's standing per
// type (person_cert_states; the rule is app/domain/dashboard/state.ts) and, per
// unit, its own people's totals and month series (unit_cert_counts,
// unit_cert_months). Subtree totals add those per-unit rows over `units.path`,
// a few thousand rows instead of 300,000 certifications. ensureCounts() brings
// them up to date before every read: triggers mark the units a write touched,
// and a new day recounts everything. Only ACTIVE people count.

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
  /** The counts were brought up to date for this request already. */
  counted?: boolean;
};

/** The active people of the filter, as a SQL condition on `p` (people) and `u` (their unit). */
function peopleWhere(f: DashboardFilter) {
  const where = [Prisma.sql`u.path && ${f.scope}::int[]`, Prisma.sql`p.status = 'ACTIVE'`];
  if (f.unitId !== null) where.push(Prisma.sql`u.path @> ARRAY[${f.unitId}]::int[]`);
  return Prisma.join(where, " and ");
}

/** The units of the filter, as a SQL condition on `u`. */
function unitsWhere(f: DashboardFilter) {
  const where = [Prisma.sql`u.path && ${f.scope}::int[]`];
  if (f.unitId !== null) where.push(Prisma.sql`u.path @> ARRAY[${f.unitId}]::int[]`);
  return Prisma.join(where, " and ");
}

/**
 * Makes the stored counts (decision 012) describe `now`'s day and every change
 * committed so far: a no-op read when nothing changed, a recount of the changed
 * units otherwise, and a full recount (seconds at 100,000 people) when the day
 * turned and the housekeeping loop has not done it yet. Returns what it did and
 * the counts' version (bumped by every recount).
 */
async function catchUp(now: Date, db: Db): Promise<{ did: "none" | "units" | "all"; version: bigint }> {
  const today = dayOf(now);
  const [check] = await db.$queryRaw<{ current: boolean; version: bigint }[]>`
    select coalesce(s.as_of = ${today}::date, false) and not exists (select 1 from dashboard_stale_units) as current, s.version
      from dashboard_counts_state s where s.id = 1`;
  if (check.current) return { did: "none", version: check.version };
  const [done] = await db.$queryRaw<{ did: "none" | "units" | "all" }[]>`
    select dashboard_catch_up(${today}::date, ${now}, ${EXPIRING_DAYS}::int) as did`;
  const [after] = await db.$queryRaw<{ version: bigint }[]>`select version from dashboard_counts_state where id = 1`;
  return { did: done.did, version: after.version };
}

export async function ensureCounts(now: Date, db: Db = getDb()) {
  return (await catchUp(now, db)).did;
}

/** Brings the counts up to date unless the caller already did (`counted`). */
const ready = (f: DashboardFilter, db: Db) => (f.counted ? Promise.resolve() : catchUp(f.now, db));

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
  await ready(f, db);
  const rows = await db.$queryRaw<
    { id: number; code: string; name: string; active: bigint; valid: bigint; w30: bigint; w60: bigint; w90: bigint; expired: bigint; revoked: bigint; never: bigint }[]
  >`
    with c as (select c.* from unit_cert_counts c join units u on u.id = c.unit_id where ${unitsWhere(f)})
    select t.id, t.code, t.name,
           coalesce(sum(c.active), 0) as active, coalesce(sum(c.valid), 0) as valid,
           coalesce(sum(c.w30), 0) as w30, coalesce(sum(c.w60), 0) as w60, coalesce(sum(c.w90), 0) as w90,
           coalesce(sum(c.expired), 0) as expired, coalesce(sum(c.revoked), 0) as revoked,
           coalesce(sum(c.never), 0) as never
      from certification_types t
      left join c on c.type_id = t.id
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

export type CoverageRow = {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  /** Levels below the top of the view (0 = the viewed unit, or the scope's top units). */
  depth: number;
  active: number;
  covered: number;
  percent: number | null;
  /** It has sub-units below the levels shown (open it to see them). */
  deeper: boolean;
};

/** Per unit of the filter, down to COVERAGE_LEVELS below its top: active people in its subtree and how many hold a valid certification (of `typeId`, or of any type). */
export async function coverageByUnit(f: DashboardFilter, typeId: number | null, db: Db = getDb()): Promise<CoverageRow[]> {
  await ready(f, db);
  // Each unit's own counts are added to every unit on its path: subtree totals
  // from ~1,000 rows, without walking the tree per unit.
  const rows = await db.$queryRaw<
    { id: number; code: string; name: string; kind: string; parent_id: number | null; depth: number; active: bigint | null; covered: bigint | null; deeper: boolean }[]
  >`
    with per_unit as (
           select a.unit_id, sum(c.active) as active, sum(c.valid) as covered
             from unit_cert_counts c
             join units u on u.id = c.unit_id
            cross join lateral unnest(u.path) as a(unit_id)
            where c.type_id = ${typeId ?? 0} and ${unitsWhere(f)}
            group by a.unit_id),
         shown as (
           select u.id, u.code, u.name, u.kind, u.parent_id, u.path,
                  cardinality(u.path) - min(cardinality(u.path)) over () as depth
             from units u
            where ${unitsWhere(f)})
    select s.id, s.code, s.name, s.kind::text as kind, s.parent_id, s.depth::int as depth, pu.active, pu.covered,
           s.depth = ${COVERAGE_LEVELS} and exists (select 1 from units c where c.parent_id = s.id) as deeper
      from shown s
      left join per_unit pu on pu.unit_id = s.id
     where s.depth <= ${COVERAGE_LEVELS}
     order by s.path`;
  return rows.map((r) => {
    const active = Number(r.active ?? 0);
    const covered = Number(r.covered ?? 0);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      parentId: r.parent_id,
      depth: r.depth,
      active,
      covered,
      percent: active === 0 ? null : Math.round((covered / active) * 1000) / 10,
      deeper: r.deeper,
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
  await ready(f, db);
  const today = dayOf(f.now);
  const type = typeId === null ? Prisma.sql`c.type_id <> 0` : Prisma.sql`c.type_id = ${typeId}`;
  const rows = await db.$queryRaw<{ month: string; code: string | null; n: bigint }[]>`
    with months as (select (date_trunc('month', ${today}::date) + make_interval(months => g))::date as start
                      from generate_series(0, 11) as g),
         c as (select c.type_id, c.month, sum(c.expiring) as n
                 from unit_cert_months c join units u on u.id = c.unit_id
                where ${type} and c.expiring > 0 and ${unitsWhere(f)}
                group by c.type_id, c.month)
    select to_char(m.start, 'YYYY-MM') as month, t.code, coalesce(c.n, 0) as n
      from months m
      left join c on c.month = m.start
      left join certification_types t on t.id = c.type_id
     order by m.start, t.code`;
  return collectMonths(rows);
}

/**
 * Active people holding a valid certification (of `typeId`, or of any type) at
 * the end of each of the last 12 months, this month last (as of today). Based
 * on today's roster: people who have left are not counted in earlier months.
 */
export async function certifiedHeadcount(f: DashboardFilter, typeId: number | null, db: Db = getDb()): Promise<{ month: string; day: Day; count: number }[]> {
  await ready(f, db);
  const today = dayOf(f.now);
  const rows = await db.$queryRaw<{ month: string; day: Date; n: bigint }[]>`
    with ends as (
           select start, least((start + interval '1 month' - interval '1 day')::date, ${today}::date) as day
             from (select (date_trunc('month', ${today}::date) - make_interval(months => g))::date as start
                     from generate_series(0, 11) as g) m),
         c as (select c.month, sum(c.certified) as n
                 from unit_cert_months c join units u on u.id = c.unit_id
                where c.type_id = ${typeId ?? 0} and ${unitsWhere(f)}
                group by c.month)
    select to_char(e.start, 'YYYY-MM') as month, e.day, coalesce(c.n, 0) as n
      from ends e left join c on c.month = e.start
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
  await ready(f, db);
  const kinds = Prisma.sql`(${Prisma.join(SENDING_KINDS.map((k) => Prisma.sql`${k}::"UnitKind"`))})`;
  // Every unit of the scope has a home agency (its nearest sending unit, itself
  // included); a sending unit's people are those of the units it is home to.
  const rows = await db.$queryRaw<{ id: number; code: string; name: string; kind: string; parent_name: string | null; active: bigint; certified: bigint }[]>`
    with sending as (select u.id, u.code, u.name, u.kind, u.parent_id from units u where ${unitsWhere(f)} and u.kind in ${kinds}),
         home as (
           select distinct on (u.id) u.id as unit_id, a.id as agency_id
             from units u
            cross join lateral unnest(u.path) with ordinality as x(unit_id, ord)
             join units a on a.id = x.unit_id and a.kind in ${kinds}
            where ${unitsWhere({ ...f, unitId: null })}
            order by u.id, x.ord desc)
    select s.id, s.code, s.name, s.kind::text as kind, parent.name as parent_name,
           coalesce(sum(c.active), 0) as active, coalesce(sum(c.valid), 0) as certified
      from sending s
      left join home h on h.agency_id = s.id
      left join unit_cert_counts c on c.unit_id = h.unit_id and c.type_id = ${clerkTypeId ?? 0}
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
// The whole overview, cached per counts version
// ---------------------------------------------------------------------------

// Every app process keeps the overviews it built, keyed on the counts' version
// (in PostgreSQL, bumped by every recount) and the day: a cached view is never
// older than the counts, whichever process recounted. Counts in memory only.
const views = new LRUCache<string, Promise<DashboardView>>({ max: 500 });

export type DashboardView = Awaited<ReturnType<typeof buildView>>;

async function buildView(f: DashboardFilter, typeCode: string | null, db: Db) {
  const types = await certificationTypes(db);
  const type = types.find((t) => t.code === typeCode) ?? null;
  const clerk = clerkType(types);
  const [summaries, coverage, expiries, headcount, agencies, units] = await Promise.all([
    typeSummaries(f, db),
    coverageByUnit(f, type?.id ?? null, db),
    expiriesByMonth(f, type?.id ?? null, db),
    certifiedHeadcount(f, type?.id ?? null, db),
    agenciesWithoutCertified(f, clerk?.id ?? null, db),
    unitChoices(f.scope, f.unitId, db),
  ]);
  return { types, type, clerk, summaries, coverage, expiries, headcount, agencies, units };
}

/**
 * Everything the overview shows for `f` and the type filter (`typeCode`, or
 * all types): from the cache when the counts, the units and the types have not
 * changed since it was built (all three bump the counts' version).
 */
export async function dashboardView(f: DashboardFilter, typeCode: string | null, db: Db = getDb()) {
  const { version } = await catchUp(f.now, db);
  const key = [version, dayOf(f.now), f.scope.join(","), f.unitId, typeCode].join("|");
  let view = views.get(key);
  if (!view) {
    view = buildView({ ...f, counted: true }, typeCode, db);
    views.set(key, view);
    view.catch(() => views.delete(key));
  }
  return view;
}

// ---------------------------------------------------------------------------
// Drill-down: people with their state per type
// ---------------------------------------------------------------------------

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

/** One page of the people of the filter, with their state for each type (or the chosen type) and their last exam. */
export async function drillDown(query: DrillQuery, db: Db = getDb()) {
  await ready(query, db);
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
  await ready(query, db);
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
