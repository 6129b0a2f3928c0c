import { Prisma } from "~/generated/prisma/client.ts";
import { citationKey, type ContentRegistry } from "~/domain/content/mdx-rules.ts";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";

export type LegalStatusInfo = {
  code: string;
  kind: string;
  title: string;
  status: "IN_FORCE" | "SUPERSEDED" | "UNVERIFIED";
  supersededBy: string | null;
  supersededFrom: string | null;
  effectiveFrom: string | null;
};
/** A provision's own status (decision 052); absent from the map when it follows its document. */
export type ProvisionStatusInfo = { status: LegalStatusInfo["status"]; supersededBy: string | null };
export type GlossaryEntry = { id: string; term: string; definition: string; en: string | null };

// The registry changes rarely (an admin marks a document superseded); several
// processes may serve pages, so each keeps it for a short while only and
// compares its stamp with the database's: the lesson page reads the stamp in
// its own query (every view, no extra round trip), other callers check at most
// once a second. A status change shows in every process at once.
const TTL_MS = 30_000;
const CHECK_MS = 1_000;
let cached: { at: number; checkedAt: number; value: Promise<LoadedRegistry> } | undefined;

export type LoadedRegistry = {
  rules: ContentRegistry;
  documents: Map<string, LegalStatusInfo>;
  /** By citationKey ("doc|article|clause|point"), only the provisions with a status of their own. */
  provisions: Map<string, ProvisionStatusInfo>;
  glossary: Map<string, GlossaryEntry>;
  /** Changes whenever a document's or a provision's status changes: part of rendered-HTML cache keys. */
  stamp: string;
};


/**
 * The registry, from this process's cache when it is current. `knownStamp`: the
 * stamp the caller already read from the database in its own query (the lesson
 * page does), so no check of its own is needed.
 */
export async function loadRegistry(now: Date, knownStamp?: string): Promise<LoadedRegistry> {
  const t = now.getTime();
  if (cached && t - cached.at < TTL_MS) {
    const held = cached.value;
    if (knownStamp !== undefined) {
      if ((await held).stamp === knownStamp) return held;
    } else {
      if (t - cached.checkedAt < CHECK_MS) return held;
      cached.checkedAt = t;
      const [current, latest] = await Promise.all([held, readStamp()]);
      if (current.stamp === latest) return held;
    }
  }
  const value = readRegistry();
  cached = { at: t, checkedAt: t, value };
  value.catch(() => (cached = undefined));
  return value;
}

/** The latest status change of a document or provision, in ms (a column for the caller's own query). */
export const REGISTRY_CHANGED_MS = Prisma.sql`(select (extract(epoch from greatest(
    (select max(status_changed_at) from legal_documents), (select max(status_changed_at) from legal_provisions))) * 1000)::bigint)`;

/** The registry's stamp (see `stamp` below) as the database has it now. */
async function readStamp() {
  const [row] = await getDb().$queryRaw<{ ms: bigint | null; n: bigint }[]>`
    select ${REGISTRY_CHANGED_MS} as ms, (select count(*) from legal_documents) as n`;
  return stampOf(Number(row.ms ?? 0), Number(row.n));
}

export const stampOf = (latestChangeMs: number, documents: number) => `${latestChangeMs.toString(36)}.${documents}`;

export function forgetRegistry() {
  cached = undefined;
}

async function readRegistry(): Promise<LoadedRegistry> {
  const db = getDb();
  const [docs, terms] = await Promise.all([
    db.legalDocument.findMany({ include: { provisions: true }, orderBy: { code: "asc" } }),
    db.glossaryTerm.findMany(),
  ]);
  const provisions = new Set<string>();
  const own = new Map<string, ProvisionStatusInfo>();
  let latest = 0;
  for (const d of docs) {
    latest = Math.max(latest, d.statusChangedAt.getTime());
    for (const p of d.provisions) {
      const key = citationKey({ doc: d.code, article: p.article, clause: p.clause, point: p.point });
      provisions.add(key);
      if (p.status) own.set(key, { status: p.status, supersededBy: p.supersededBy });
      if (p.statusChangedAt) latest = Math.max(latest, p.statusChangedAt.getTime());
    }
  }
  const stamp = stampOf(latest, docs.length);
  return {
    rules: { documents: new Set(docs.map((d) => d.code)), provisions, terms: new Set(terms.map((t) => t.id)) },
    documents: new Map(
      docs.map((d) => [
        d.code,
        {
          code: d.code,
          kind: d.kind,
          title: d.title,
          status: d.status,
          supersededBy: d.supersededBy,
          supersededFrom: fromDateColumn(d.supersededFrom),
          effectiveFrom: fromDateColumn(d.effectiveFrom),
        },
      ]),
    ),
    provisions: own,
    glossary: new Map(terms.map((t) => [t.id, t])),
    stamp,
  };
}
