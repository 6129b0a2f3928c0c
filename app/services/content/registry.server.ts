import { citationKey, type ContentRegistry } from "~/domain/content/mdx-rules.ts";
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
export type GlossaryEntry = { id: string; term: string; definition: string; en: string | null };

// The registry changes rarely (an admin marks a document superseded); several
// processes may serve pages, so each keeps it for a short while only.
const TTL_MS = 30_000;
let cached: { at: number; value: Promise<LoadedRegistry> } | undefined;

export type LoadedRegistry = {
  rules: ContentRegistry;
  documents: Map<string, LegalStatusInfo>;
  glossary: Map<string, GlossaryEntry>;
  /** Changes whenever a document's status changes: part of rendered-HTML cache keys. */
  stamp: string;
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function loadRegistry(now: Date): Promise<LoadedRegistry> {
  if (cached && now.getTime() - cached.at < TTL_MS) return cached.value;
  const value = readRegistry();
  cached = { at: now.getTime(), value };
  value.catch(() => (cached = undefined));
  return value;
}

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
  for (const d of docs) {
    for (const p of d.provisions) provisions.add(citationKey({ doc: d.code, article: p.article, clause: p.clause, point: p.point }));
  }
  const stamp = docs.reduce((max, d) => Math.max(max, d.statusChangedAt.getTime()), 0).toString(36) + `.${docs.length}`;
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
          supersededFrom: day(d.supersededFrom),
          effectiveFrom: day(d.effectiveFrom),
        },
      ]),
    ),
    glossary: new Map(terms.map((t) => [t.id, t])),
    stamp,
  };
}
