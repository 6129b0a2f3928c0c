// Idempotency-Key for API writes: the first answer (status and body) is kept
// per token and key, with a hash of the request; a retry with the same key and
// request gets that answer again, the same key with another request a 422.
// Nothing is reserved ahead of the work (decision 073): a write inserts its
// answer in its own transaction (record), so the key and the booking commit
// together or not at all. A process killed at any point leaves either both
// (the retry gets the original 201) or neither (the retry books, at once). Two
// concurrent requests with one key both run; the second's insert waits on the
// key's unique index until the first commits, then rolls its own write back
// and answers with the stored answer.
import { MINUTE_MS } from "~/domain/time/calendar.ts";
import { getDb, type Db, type Tx } from "~/utils/db.server.ts";
import { canonicalJson } from "~/domain/hashing.ts";
import { ApiError } from "./http.server.ts";

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A reservation left by a process of the earlier design (before decision 073) during a deploy. */
const LEGACY_IN_PROGRESS = 0;
const ABANDONED_AFTER_MS = 5 * MINUTE_MS;
const ATTEMPTS = 3;

/** The request's Idempotency-Key, or null without one; a malformed key is a 400. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (!KEY_PATTERN.test(key)) throw new ApiError(400, "INVALID_IDEMPOTENCY_KEY");
  return key;
}

export type StoredAnswer = { status: number; body: object };
/** Stores the answer inside the caller's transaction, committed with the write it answers. */
export type RecordAnswer = (tx: Tx, answer: StoredAnswer) => Promise<void>;
type Replayable = StoredAnswer & { replayed: boolean };

/** Thrown inside the write's transaction when another request stored this key first: rolls the write back. */
class KeyTaken extends Error {}

/**
 * Runs `work` once per (token, key). Returns its answer, or the stored one on a
 * retry (replayed: true). `work` calls `record` in the transaction of its write;
 * an answer it did not record (a refusal, which has no write to commit with)
 * is stored after it. An exception from `work` stores nothing.
 */
export async function withIdempotency(
  tokenId: number,
  key: string | null,
  requestHash: string,
  now: Date,
  work: (record: RecordAnswer) => Promise<StoredAnswer>,
): Promise<Replayable> {
  if (key === null) return { ...(await work(async () => {})), replayed: false };
  const db = getDb();
  const store = (q: Tx | Db, answer: StoredAnswer) => insertAnswer(q, tokenId, key, requestHash, answer, now);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = await storedAnswer(db, tokenId, key, requestHash, now);
    if (stored) return stored;
    try {
      const answer = await work(async (tx, answer) => {
        if (!(await store(tx, answer))) throw new KeyTaken();
      });
      // Recorded with its write, or stored now (a refusal); another request's answer stored meanwhile wins.
      const ours = (await store(db, answer)) || (await isStored(db, tokenId, key, answer));
      if (ours) return { ...answer, replayed: false };
    } catch (error) {
      if (!(error instanceof KeyTaken)) throw error;
    }
  }
  throw new ApiError(409, "IDEMPOTENCY_IN_PROGRESS", undefined, {}, { "Retry-After": "1" });
}

/** Inserts the answer unless the key has one; true when this call stored it. */
async function insertAnswer(q: Tx | Db, tokenId: number, key: string, requestHash: string, answer: StoredAnswer, now: Date) {
  const inserted = await q.$executeRaw`
    insert into idempotency_records (token_id, key, request_hash, status, body, created_at)
    values (${tokenId}, ${key}, ${requestHash}, ${answer.status}, ${JSON.stringify(answer.body)}::jsonb, ${now})
    on conflict (token_id, key) do nothing`;
  return inserted === 1;
}

/** The answer already stored for the key (replayed), a 422 for another request, or null. */
async function storedAnswer(db: Db, tokenId: number, key: string, requestHash: string, now: Date): Promise<Replayable | null> {
  const record = await db.idempotencyRecord.findUnique({ where: { tokenId_key: { tokenId, key } } });
  if (!record) return null;
  if (record.requestHash !== requestHash) throw new ApiError(422, "IDEMPOTENCY_KEY_REUSED");
  if (record.status !== LEGACY_IN_PROGRESS) return { status: record.status, body: record.body as object, replayed: true };
  if (now.getTime() - record.createdAt.getTime() <= ABANDONED_AFTER_MS) {
    throw new ApiError(409, "IDEMPOTENCY_IN_PROGRESS", undefined, {}, { "Retry-After": "1" });
  }
  await db.idempotencyRecord.deleteMany({ where: { tokenId, key, status: LEGACY_IN_PROGRESS, createdAt: record.createdAt } });
  return null;
}

/** Whether the key's stored answer is this one (recorded in the write's own, committed transaction). */
async function isStored(db: Db, tokenId: number, key: string, answer: StoredAnswer) {
  const record = await db.idempotencyRecord.findUnique({ where: { tokenId_key: { tokenId, key } } });
  // jsonb keeps its own key order: compare canonical forms.
  return (
    !!record && record.status === answer.status && canonicalJson(record.body) === canonicalJson(JSON.parse(JSON.stringify(answer.body)))
  );
}
