import { LRUCache } from "lru-cache";
import type { QuestionType } from "~/domain/exams/grading.ts";
import type { Tx } from "~/utils/db.server.ts";
import { getDb } from "~/utils/db.server.ts";
import type { StoredOption } from "./bank.server.ts";

// Question versions are immutable (a trigger refuses UPDATE and DELETE), so a
// version read once is right forever: every exam start, page, autosave and
// grading reads them from this per-process cache instead of the database.
// Only content lives here, never state (decision 014).

export type CachedVersion = { id: number; questionId: number; type: QuestionType; stem: string; options: StoredOption[]; answer: boolean | null };

// ~165 questions today, a few versions each: a few MB at most.
const cache = new LRUCache<number, CachedVersion>({ max: 20_000 });

/** The versions with these ids (read from the database only when not cached yet). */
export async function questionVersions(ids: readonly number[], db: Pick<Tx, "questionVersion"> = getDb()): Promise<Map<number, CachedVersion>> {
  const found = new Map<number, CachedVersion>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const v = cache.get(id);
    if (v) found.set(id, v);
    else missing.push(id);
  }
  if (missing.length) {
    const rows = await db.questionVersion.findMany({
      where: { id: { in: missing } },
      select: { id: true, questionId: true, type: true, stem: true, options: true, answer: true },
    });
    for (const r of rows) {
      const v: CachedVersion = { ...r, options: r.options as StoredOption[] };
      cache.set(r.id, v);
      found.set(r.id, v);
    }
  }
  return found;
}

/** For tests: forget every cached version. */
export function clearQuestionVersionCache() {
  cache.clear();
}
