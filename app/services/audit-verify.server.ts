import pg from "pg";
import { findBrokenLink, GENESIS_HASH, type ChainRow } from "~/domain/audit/chain.ts";
import { checkpointProblem, type Checkpoint, type HeadFound } from "~/domain/audit/checkpoint.ts";

// Re-computes the audit hash chain from the first entry to the last. Reads with
// plain `pg` in keyset batches inside one read-only snapshot, so memory stays
// flat however long the log is and entries appended meanwhile are not half-seen.
// With checkpoints (decision 027) it also checks that the chain still reaches
// each checkpoint's head: the same entry, at the same position, with the same hash.

const VERIFY_BATCH = 5_000;

export type VerifyResult =
  { ok: true; count: number; checkpoints: number } | { ok: false; id: string; reason: string; count: number; checkpoint?: Checkpoint };

type Raw = {
  id: string; // int8 arrives as text: no precision lost
  at: Date;
  actor_id: number | null;
  action: string;
  unit_id: number | null;
  target_type: string | null;
  target_id: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
};

/**
 * Verifies the whole chain, then that it still reaches every checkpoint given;
 * `count` is how many entries were found intact, `checkpoints` how many were confirmed.
 */
export async function verifyAuditChain(
  databaseUrl: string,
  opts: { batchSize?: number; checkpoints?: readonly Checkpoint[] } = {},
): Promise<VerifyResult> {
  const batchSize = opts.batchSize ?? VERIFY_BATCH;
  const checkpoints = opts.checkpoints ?? [];
  const wanted = new Set(checkpoints.flatMap((c) => (c.headId === null ? [] : [c.headId])));
  const heads = new Map<string, HeadFound>();
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "audit-verify" });
  await client.connect();
  try {
    await client.query("begin isolation level repeatable read read only");
    let lastId = "-9223372036854775808"; // below any id, even one inserted by hand
    let lastHash = GENESIS_HASH;
    let count = 0;
    for (;;) {
      const { rows } = await client.query<Raw>(
        `select id, at, actor_id, action, unit_id, target_type, target_id, data, prev_hash, hash
           from audit_entries
          where id > $1::bigint
          order by id
          limit $2`,
        [lastId, batchSize],
      );
      if (rows.length === 0) break;
      const chain: ChainRow[] = rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        action: r.action,
        unitId: r.unit_id,
        targetType: r.target_type,
        targetId: r.target_id,
        data: r.data,
        prevHash: r.prev_hash,
        hash: r.hash,
      }));
      const broken = findBrokenLink(chain, lastHash);
      if (broken) {
        const intactHere = chain.findIndex((r) => String(r.id) === broken.id);
        return { ok: false, id: broken.id, reason: broken.reason, count: count + intactHere };
      }
      for (let i = 0; i < chain.length; i++) {
        const id = String(chain[i].id);
        if (wanted.has(id)) heads.set(id, { position: count + i + 1, hash: chain[i].hash });
      }
      count += rows.length;
      lastId = rows[rows.length - 1].id;
      lastHash = rows[rows.length - 1].hash;
      if (rows.length < batchSize) break;
    }
    for (const checkpoint of checkpoints) {
      const problem = checkpointProblem(checkpoint, checkpoint.headId === null ? null : (heads.get(checkpoint.headId) ?? null));
      if (problem) return { ok: false, id: String(checkpoint.headId), reason: problem, count, checkpoint };
    }
    return { ok: true, count, checkpoints: checkpoints.length };
  } finally {
    await client.query("rollback").catch(() => {});
    await client.end();
  }
}
