// Idempotency-Key for API writes: the first answer (status and body) is kept
// per token and key, with a hash of the request; a retry with the same key and
// request gets that answer again, the same key with another request a 422.
// The key is reserved before the work starts (status 0), so two concurrent
// retries cannot both do it. A write stores its answer in its own transaction
// (record), so a process killed after the commit leaves the answer, not a
// reservation: the retry gets the original 201 (decision 066).
import { MINUTE_MS } from "~/domain/time/calendar.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { getDb, type Db, type Tx } from "~/utils/db.server.ts";
import { ApiError } from "./http.server.ts";

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const IN_PROGRESS = 0;
const ABANDONED_AFTER_MS = 5 * MINUTE_MS;

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

/**
 * Runs `work` once per (token, key). Returns its answer, or the stored one on a
 * retry (replayed: true). `work` calls `record` in the transaction of its write;
 * an answer it did not record (a refusal, which has no write to commit with)
 * is stored after it. An exception from `work` frees the key again.
 */
export async function withIdempotency(
  tokenId: number,
  key: string | null,
  requestHash: string,
  now: Date,
  work: (record: RecordAnswer) => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  if (key === null) return { ...(await work(async () => {})), replayed: false };
  const db = getDb();
  for (let attempt = 0; ; attempt++) {
    const reserved = await db.$executeRaw`
      insert into idempotency_records (token_id, key, request_hash, status, body, created_at)
      values (${tokenId}, ${key}, ${requestHash}, ${IN_PROGRESS}, '{}'::jsonb, ${now})
      on conflict (token_id, key) do nothing`;
    if (reserved === 1) break;
    const record = await db.idempotencyRecord.findUnique({ where: { tokenId_key: { tokenId, key } } });
    if (!record) {
      // Freed meanwhile (the first request failed): try to reserve it again.
      if (attempt < 2) continue;
      throw new ApiError(409, "IDEMPOTENCY_IN_PROGRESS", undefined, {}, { "Retry-After": "1" });
    }
    if (record.requestHash !== requestHash) throw new ApiError(422, "IDEMPOTENCY_KEY_REUSED");
    if (record.status !== IN_PROGRESS) return { status: record.status, body: record.body as object, replayed: true };
    // A reservation left by a process that died mid-request does not block the key for ever.
    if (attempt < 2 && now.getTime() - record.createdAt.getTime() > ABANDONED_AFTER_MS) {
      await db.idempotencyRecord.deleteMany({ where: { tokenId, key, status: IN_PROGRESS, createdAt: record.createdAt } });
      continue;
    }
    throw new ApiError(409, "IDEMPOTENCY_IN_PROGRESS", undefined, {}, { "Retry-After": "1" });
  }
  // Only over the reservation: an answer already committed with its write stays as it is.
  const record = async (tx: Tx | Db, answer: StoredAnswer) => {
    await tx.idempotencyRecord.updateMany({
      where: { tokenId, key, status: IN_PROGRESS },
      data: { status: answer.status, body: answer.body as Prisma.InputJsonValue },
    });
  };
  let answer: StoredAnswer;
  try {
    answer = await work(record);
  } catch (error) {
    await db.idempotencyRecord.deleteMany({ where: { tokenId, key, status: IN_PROGRESS } });
    throw error;
  }
  await record(db, answer);
  return { ...answer, replayed: false };
}
