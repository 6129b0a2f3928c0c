import { Prisma } from "~/generated/prisma/client.ts";
import { parseId } from "~/utils/ids.ts";
import { appendAudit, auditedTransaction } from "./audit.server.ts";
import { auditActionKey, auditLabelKey } from "~/i18n/audit.ts";
import { translate } from "~/i18n/index.ts";
import { csvLines, toCsv, type CsvCell } from "~/utils/csv.ts";
import { getDb } from "~/utils/db.server.ts";
import { endOfDay, startOfDay, TIME_ZONE } from "~/domain/time/calendar.ts";
import { typedDayFilter, unreadableDates, type UnreadableDates } from "~/domain/time/typed-day.ts";

// Reading the audit log: one page for the screen, or a stream for CSV export.
// Every query is limited to the reader's scope: entries whose unit lies in a
// subtree they cover. Entries with no unit (failed logins with an unknown
// name) are shown only to readers whose scope includes a root unit.

const AUDIT_PAGE_SIZE = 50;
export const AUDIT_CSV_MAX_ROWS = 100_000;
const CSV_BATCH = 2_000;
// Pages are cut by entry id (chain order: an entry's id is drawn when it commits,
// so every new entry is newer than all shown), never by offset: a page reached
// by "Cũ hơn" keeps its rows however many entries are written meanwhile.
const CURSOR = /^[0-9]{1,18}$/;

export type AuditFilters = {
  unitId?: number | null;
  /** Employee code (exact, any case) or part of a name. */
  actor?: string | null;
  action?: string | null;
  /** Vietnam days, YYYY-MM-DD, both inclusive. */
  from?: string | null;
  to?: string | null;
};

export type AuditQuery = AuditFilters & { scope: readonly number[] };

export type AuditRow = {
  id: string;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  actorCode: string | null;
  action: string;
  unitId: number | null;
  unitName: string | null;
  unitCode: string | null;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  data: unknown;
};

/** Where a page starts: entries older than `before`, or newer than `after` (ids), or the newest. */
export type AuditCursor = { before: string | null; after: string | null };

/** A page, newest first, with the cursors of the pages either side (null: nothing there). */
export type AuditPage = { rows: AuditRow[]; pageSize: number; older: string | null; newer: string | null };

/** A filter date typed dd/mm/yyyy (or ISO), from 2000 on; earlier ones read as unreadable. */
function parseDay(value: string | null) {
  const f = typedDayFilter(value);
  return f.day && f.day < "2000-01-01" ? { day: null, bad: value ?? "" } : f;
}

/** Filters and cursor from a query string; malformed values are dropped, not errors. */
export function parseAuditSearch(params: URLSearchParams): Required<AuditFilters> & AuditCursor & { unreadable: UnreadableDates } {
  const unit = params.get("unit")?.trim() ?? "";
  const actor = (params.get("actor") ?? "").trim().slice(0, 100);
  const action = (params.get("action") ?? "").trim();
  const from = parseDay(params.get("from"));
  const to = parseDay(params.get("to"));
  const before = params.get("before") ?? "";
  const after = params.get("after") ?? "";
  return {
    unitId: parseId(unit),
    actor: actor || null,
    action: /^[a-z0-9_.]{1,64}$/i.test(action) ? action : null,
    from: from.day,
    to: to.day,
    before: CURSOR.test(before) ? before : null,
    after: CURSOR.test(after) && !CURSOR.test(before) ? after : null,
    unreadable: unreadableDates(from, to),
  };
}

/** The filters as query-string pairs (empty ones left out), for links and the export. */
export function auditSearchParams(f: AuditFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.unitId != null) p.set("unit", String(f.unitId));
  if (f.actor) p.set("actor", f.actor);
  if (f.action) p.set("action", f.action);
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  return p;
}

function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** True when the scope covers a root unit, and so the entries tied to no unit. */
async function scopeHasRoot(scope: readonly number[]) {
  if (scope.length === 0) return false;
  const [row] = await getDb().$queryRaw<{ ok: boolean }[]>`
    select exists(select 1 from units where id = any(${[...scope]}::int[]) and parent_id is null) as ok`;
  return row.ok;
}

/** The WHERE clause (without the keyword) for a scope and filters. */
async function whereFor(q: AuditQuery): Promise<Prisma.Sql> {
  const scope = [...q.scope];
  const conds: Prisma.Sql[] = [];

  // Scope, served by (unit_id, at) / (at); the unit list comes from the GIN index on path.
  const inScope = Prisma.sql`e.unit_id in (select id from units where path && ${scope}::int[])`;
  conds.push((await scopeHasRoot(scope)) && q.unitId == null ? Prisma.sql`(${inScope} or e.unit_id is null)` : inScope);

  if (q.unitId != null) {
    conds.push(Prisma.sql`e.unit_id in (select id from units where path @> array[${q.unitId}]::int[])`);
  }
  if (q.action) conds.push(Prisma.sql`e.action = ${q.action}`);
  if (q.from) conds.push(Prisma.sql`e.at >= ${startOfDay(q.from).toISOString()}::timestamptz`);
  if (q.to) conds.push(Prisma.sql`e.at < ${endOfDay(q.to).toISOString()}::timestamptz`);
  if (q.actor) {
    // People matching the text act through actor_id (index (actor_id, at)); failed
    // logins have no actor, so they match by the login name that was typed.
    const text = q.actor;
    conds.push(Prisma.sql`(
      e.actor_id = any(array(
        select id from people where lower(employee_code) = lower(${text}) or full_name ilike ${likePattern(text)}))
      or (e.action = 'auth.login_failed' and e.actor_id is null and lower(e.data->>'identifier') in (
        select lower(${text})
        union all select lower(employee_code) from people where lower(employee_code) = lower(${text}) or full_name ilike ${likePattern(text)}
        union all select lower(email) from people where email is not null and (lower(employee_code) = lower(${text}) or full_name ilike ${likePattern(text)})))
    )`);
  }
  return Prisma.join(conds, " and ");
}

type RawRow = {
  id: bigint;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  actor_code: string | null;
  action: string;
  unit_id: number | null;
  unit_name: string | null;
  unit_code: string | null;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  data: unknown;
};

type Order = "newest" | "oldest";

/**
 * Entries matching `where` and `keyset`, in `order` of id (chain order), with
 * names joined in after the limit (so only the rows returned are looked up).
 */
async function selectEntries(where: Prisma.Sql, keyset: Prisma.Sql, limit: number, order: Order = "newest") {
  const dir = order === "newest" ? Prisma.sql`desc` : Prisma.sql`asc`;
  const raw = await getDb().$queryRaw<RawRow[]>`
    with page as (
      select e.* from audit_entries e
       where ${where} ${keyset}
       order by e.id ${dir}
       limit ${limit}
    )
    select e.id, e.at, e.actor_id, a.full_name as actor_name, a.employee_code as actor_code,
           e.action, e.unit_id, u.name as unit_name, u.code as unit_code,
           e.target_type, e.target_id, e.data,
           case when e.target_type = 'person' then tp.full_name || ' (' || tp.employee_code || ')'
                when e.target_type = 'unit' then tu.name end as target_label
      from page e
      left join people a on a.id = e.actor_id
      left join units u on u.id = e.unit_id
      left join people tp on e.target_type = 'person'
            and tp.id = case when e.target_id ~ '^[0-9]{1,9}$' then e.target_id::int end
      left join units tu on e.target_type = 'unit'
            and tu.id = case when e.target_id ~ '^[0-9]{1,9}$' then e.target_id::int end
     order by e.id ${dir}`;
  return raw;
}

function toRow(r: RawRow): AuditRow {
  return {
    id: String(r.id),
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorCode: r.actor_code,
    action: r.action,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitCode: r.unit_code,
    targetType: r.target_type,
    targetId: r.target_id,
    targetLabel: r.target_label,
    data: r.data,
  };
}

async function anyBeyond(where: Prisma.Sql, keyset: Prisma.Sql) {
  const [row] = await getDb().$queryRaw<{ ok: boolean }[]>`select exists(select 1 from audit_entries e where ${where} ${keyset}) as ok`;
  return row.ok;
}

/** One page of the log, newest first, cut by id (one extra row tells whether more lie that way). */
export async function listAuditEntries(q: AuditQuery & Partial<AuditCursor> & { pageSize?: number }): Promise<AuditPage> {
  const pageSize = q.pageSize ?? AUDIT_PAGE_SIZE;
  if (q.scope.length === 0) return { rows: [], pageSize, older: null, newer: null };
  const where = await whereFor(q);
  if (q.after) {
    // Newer entries: the nearest ones above the cursor, read upwards and turned round.
    const raw = await selectEntries(where, Prisma.sql`and e.id > ${q.after}::bigint`, pageSize + 1, "oldest");
    const rows = raw.slice(0, pageSize).reverse();
    const last = rows.at(-1);
    const older = last && (await anyBeyond(where, Prisma.sql`and e.id < ${last.id}::bigint`)) ? String(last.id) : null;
    return { rows: rows.map(toRow), pageSize, older, newer: raw.length > pageSize ? String(rows[0].id) : null };
  }
  const keyset = q.before ? Prisma.sql`and e.id < ${q.before}::bigint` : Prisma.empty;
  const raw = await selectEntries(where, keyset, pageSize + 1);
  const rows = raw.slice(0, pageSize);
  const first = rows[0];
  const newer = q.before && first && (await anyBeyond(where, Prisma.sql`and e.id > ${first.id}::bigint`)) ? String(first.id) : null;
  return { rows: rows.map(toRow), pageSize, older: raw.length > pageSize ? String(rows.at(-1)!.id) : null, newer };
}

export type UnitOption = { id: number; name: string; code: string; depth: number };

/** The units a reader may filter by: their scope's subtrees, in tree order. */
export async function auditUnitOptions(scope: readonly number[]): Promise<UnitOption[]> {
  if (scope.length === 0) return [];
  const rows = await getDb().$queryRaw<{ id: number; name: string; code: string; depth: number }[]>`
    select id, name, code, cardinality(path) as depth from units
     where path && ${[...scope]}::int[] order by path`;
  const min = Math.min(...rows.map((r) => r.depth));
  return rows.map((r) => ({ ...r, depth: r.depth - min }));
}

const csvTimeFmt = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** dd/mm/yyyy HH:mm:ss in Vietnam time: an export keeps the seconds. */
function csvTime(at: Date) {
  return csvTimeFmt.format(at).replace(",", "");
}

const vi = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("vi", key, params);

function auditCsvHeader(): string[] {
  return [
    vi("audit.csv.id"),
    vi("audit.csv.time"),
    vi("audit.csv.actorCode"),
    vi("audit.csv.actorName"),
    vi("audit.csv.action"),
    vi("audit.csv.actionCode"),
    vi("audit.csv.unitCode"),
    vi("audit.csv.unit"),
    vi("audit.csv.targetType"),
    vi("audit.csv.targetId"),
    vi("audit.csv.target"),
    vi("audit.csv.data"),
  ];
}

function csvRow(r: RawRow): CsvCell[] {
  const actionKey = auditActionKey(r.action);
  const targetKey = r.target_type ? auditLabelKey("target", r.target_type) : null;
  return [
    String(r.id),
    csvTime(r.at),
    r.actor_code,
    r.actor_name,
    actionKey ? vi(actionKey) : r.action,
    r.action,
    r.unit_code,
    r.unit_name,
    targetKey ? vi(targetKey) : r.target_type,
    r.target_id,
    r.target_label,
    JSON.stringify(r.data ?? {}),
  ];
}

export type AuditExporter = { personId: number; unitId: number };

/**
 * The filtered log as a CSV stream, after recording the export itself in the
 * log: taking a copy of the log out of the system is an audited act, written
 * before the first byte is sent.
 */
export async function exportAuditCsv(user: AuditExporter, q: AuditQuery, now: Date): Promise<ReadableStream<Uint8Array>> {
  await auditedTransaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: user.personId,
        action: "audit.export",
        unitId: q.unitId ?? user.unitId,
        data: { format: "csv", filters: Object.fromEntries(auditSearchParams(q)) },
      },
      now,
    ),
  );
  return streamAuditCsv(q);
}

/**
 * The filtered log as CSV (BOM, Vietnamese header, newest first as on screen), read in
 * keyset batches as the client consumes it; stops after `maxRows` with a
 * closing line saying so.
 */
function streamAuditCsv(q: AuditQuery, opts: { maxRows?: number; batchSize?: number } = {}): ReadableStream<Uint8Array> {
  const maxRows = opts.maxRows ?? AUDIT_CSV_MAX_ROWS;
  const batchSize = opts.batchSize ?? CSV_BATCH;
  const encoder = new TextEncoder();
  let where: Prisma.Sql | null = null;
  let after: bigint | undefined;
  let sent = 0;
  let headerSent = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(toCsv([auditCsvHeader()])));
        if (q.scope.length === 0) controller.close();
        return;
      }
      where ??= await whereFor(q);
      const room = maxRows - sent;
      // At the cap, fetch one row only to learn whether anything was left out.
      const keyset = after === undefined ? Prisma.empty : Prisma.sql`and e.id < ${after}::bigint`;
      const batch = await selectEntries(where, keyset, room > 0 ? Math.min(batchSize, room) : 1);
      if (room <= 0) {
        if (batch.length > 0) {
          controller.enqueue(encoder.encode(csvLines([[vi("audit.csv.truncated", { max: maxRows })]])));
        }
        controller.close();
        return;
      }
      if (batch.length > 0) {
        controller.enqueue(encoder.encode(csvLines(batch.map(csvRow))));
        sent += batch.length;
        const last = batch[batch.length - 1];
        after = last.id;
      }
      if (batch.length < Math.min(batchSize, room)) controller.close();
    },
  });
}
