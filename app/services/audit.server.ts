import { entryBodyAroundId } from "~/domain/audit/chain.ts";
import { getDb, retryOnConflict, type Tx } from "~/utils/db.server.ts";

// Appends are chained at COMMIT (migration 20261128070000, decision 013): the
// app inserts the entry, with its canonical JSON split around the id, into
// audit_pending; a deferred trigger then takes the chain's advisory lock inside
// the COMMIT, reads the last hash, draws the id, hashes and inserts into
// audit_entries. The lock is held only while the commit finishes, and the chain
// order is the commit order.

export type AuditInput = {
  actorId: number | null;
  action: string;
  unitId?: number | null;
  targetType?: string | null;
  targetId?: string | number | null;
  data?: Record<string, unknown>;
};

export type PendingEntry = {
  at: string;
  actorId: number | null;
  action: string;
  unitId: number | null;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  head: string;
  tail: string;
};

// Entries of transactions opened by auditedTransaction, written last.
const pending = new WeakMap<Tx, PendingEntry[]>();

function toEntry(input: AuditInput, now: Date): PendingEntry {
  const fields = {
    at: now,
    actorId: input.actorId,
    action: input.action,
    unitId: input.unitId ?? null,
    targetType: input.targetType ?? null,
    targetId: input.targetId == null ? null : String(input.targetId),
    // What jsonb will store and audit:verify will read back (no undefined, no Dates).
    data: JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>,
  };
  return { ...fields, at: now.toISOString(), ...entryBodyAroundId(fields) };
}

async function writeEntries(tx: Tx, entries: PendingEntry[]) {
  await tx.$executeRaw`insert into audit_pending (entry) select e.value from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) with ordinality as e(value, n) order by e.n`;
}

/**
 * Entries in the form audit_pending stores, for a statement or SQL function
 * that writes them itself, with the change they record (roster_book).
 */
export function pendingAuditEntries(inputs: AuditInput[], now: Date): PendingEntry[] {
  return inputs.map((input) => toEntry(input, now));
}

/**
 * Appends one entry inside the caller's transaction, as part of the change it
 * records (it joins the chain when the transaction commits). Inside
 * auditedTransaction it is written with the others in one statement at the end.
 */
export async function appendAudit(tx: Tx, input: AuditInput, now: Date) {
  const entry = toEntry(input, now);
  const later = pending.get(tx);
  if (later) later.push(entry);
  else await writeEntries(tx, [entry]);
}

/**
 * A transaction whose audit entries are all written by one statement at its
 * end, saving a round trip per entry. For busy audited writes (exam starts and
 * submits, roster assignments, revocations). A deadlock or serialization
 * failure runs it again, a bounded number of times (retryOnConflict, decision
 * 028): `fn` must not act outside the database.
 */
export async function auditedTransaction<T>(fn: (tx: Tx) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T> {
  return retryOnConflict(() =>
    getDb().$transaction(async (tx) => {
      const entries: PendingEntry[] = [];
      pending.set(tx, entries);
      try {
        const result = await fn(tx);
        if (entries.length) await writeEntries(tx, entries);
        return result;
      } finally {
        pending.delete(tx);
      }
    }, options),
  );
}
