import { LRUCache } from "lru-cache";
import type { QuestionType } from "~/domain/exams/grading.ts";
import type { Tx } from "~/utils/db.server.ts";
import { getDb } from "~/utils/db.server.ts";
import type { StoredOption } from "./bank.server.ts";

// Question versions are immutable (a trigger refuses UPDATE and DELETE), so a
// version read once is right forever: every exam start, page, autosave and
// grading reads them from this per-process cache instead of the database.
// Only content lives here, never state (decision 014).

export type CachedVersion = {
  id: number;
  questionId: number;
  type: QuestionType;
  stem: string;
  options: StoredOption[];
  answer: boolean | null;
};

// ~165 questions today, a few versions each: a few MB at most.
const cache = new LRUCache<number, CachedVersion>({ max: 20_000 });

// Reads in flight, by the ids they fetch: when exam day begins, hundreds of
// starts miss the same versions at once and share one read.
const inflight = new Map<string, Promise<CachedVersion[]>>();

async function load(ids: number[], db: Pick<Tx, "questionVersion">): Promise<CachedVersion[]> {
  const key = ids.join(",");
  let pending = inflight.get(key);
  if (!pending) {
    pending = db.questionVersion
      .findMany({ where: { id: { in: ids } }, select: { id: true, questionId: true, type: true, stem: true, options: true, answer: true } })
      .then((rows) => rows.map((r) => ({ ...r, options: r.options as StoredOption[] })))
      .finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return pending;
}

/** The versions with these ids (read from the database only when not cached yet). */
export async function questionVersions(
  ids: readonly number[],
  db: Pick<Tx, "questionVersion"> = getDb(),
): Promise<Map<number, CachedVersion>> {
  const found = new Map<number, CachedVersion>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const v = cache.get(id);
    if (v) found.set(id, v);
    else missing.push(id);
  }
  if (missing.length) {
    for (const v of await load(
      missing.sort((a, b) => a - b),
      db,
    )) {
      cache.set(v.id, v);
      found.set(v.id, v);
    }
  }
  return found;
}
