import type { Tx } from "~/utils/db.server.ts";
import { GENESIS_HASH, entryHash } from "~/domain/audit/chain.ts";

// Serialises appends so each entry links to the one committed before it. Held
// until the surrounding transaction ends; any constant shared by all processes.
const AUDIT_LOCK_KEY = 727_002;

export type AuditInput = {
  actorId: number | null;
  action: string;
  unitId?: number | null;
  targetType?: string | null;
  targetId?: string | number | null;
  data?: Record<string, unknown>;
};

/** Appends one entry inside the caller's transaction, as part of the change it records. */
export async function appendAudit(tx: Tx, input: AuditInput, now: Date) {
  await tx.$executeRaw`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const [last] = await tx.$queryRaw<{ hash: string }[]>`
    select hash from audit_entries order by id desc limit 1`;
  const [{ id }] = await tx.$queryRaw<{ id: bigint }[]>`select nextval('audit_entries_id_seq') as id`;
  const entry = {
    id,
    at: now,
    actorId: input.actorId,
    action: input.action,
    unitId: input.unitId ?? null,
    targetType: input.targetType ?? null,
    targetId: input.targetId == null ? null : String(input.targetId),
    data: JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.auditEntry.create({
    data: { ...entry, data: entry.data as object, prevHash, hash: entryHash(prevHash, entry) },
  });
}
