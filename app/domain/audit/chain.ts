import { canonicalJson, sha256Hex } from "~/domain/hashing.ts";

// Each audit entry's hash covers the previous entry's hash and the entry's
// canonical JSON, so editing, deleting or reordering any row breaks the chain
// from that row on.
export const GENESIS_HASH = "0".repeat(64);

export type AuditFields = {
  id: bigint | number | string;
  at: Date;
  actorId: number | null;
  action: string;
  unitId: number | null;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
};

/**
 * The entry's canonical JSON split around its id's digits, for an id that is
 * only drawn later (in the database, under the chain's lock):
 * `head + String(id) + tail` is exactly the text entryHash() hashes. The keys
 * sort as action, actorId, at, data, id, targetId, targetType, unitId.
 */
export function entryBodyAroundId(e: Omit<AuditFields, "id">): { head: string; tail: string } {
  const before = canonicalJson({ action: e.action, actorId: e.actorId, at: e.at.toISOString(), data: e.data });
  const after = canonicalJson({ targetId: e.targetId, targetType: e.targetType, unitId: e.unitId });
  return { head: `${before.slice(0, -1)},"id":"`, tail: `",${after.slice(1)}` };
}

export function entryHash(prevHash: string, e: AuditFields): string {
  const body = canonicalJson({
    id: String(e.id),
    at: e.at.toISOString(),
    actorId: e.actorId,
    action: e.action,
    unitId: e.unitId,
    targetType: e.targetType,
    targetId: e.targetId,
    data: e.data,
  });
  return sha256Hex(prevHash + body);
}

export type ChainRow = AuditFields & { prevHash: string; hash: string };

/** The first row whose links do not hold, or null when the whole chain is intact. */
export function findBrokenLink(rows: Iterable<ChainRow>, startHash = GENESIS_HASH) {
  let prev = startHash;
  for (const row of rows) {
    if (row.prevHash !== prev) return { id: String(row.id), reason: "prev_hash does not match the previous entry" };
    if (entryHash(prev, row) !== row.hash) return { id: String(row.id), reason: "hash does not match the entry's content" };
    prev = row.hash;
  }
  return null;
}
