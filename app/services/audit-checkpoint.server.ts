import { appendFile, readFile } from "node:fs/promises";
import { checkpointDue, formatCheckpoint, makeCheckpoint, parseCheckpoints, type Checkpoint } from "~/domain/audit/checkpoint.ts";
import { getDb, type Db } from "~/utils/db.server.ts";

// Checkpoints of the audit chain's head, kept in a file outside the database
// (decision 027): `npm run audit:checkpoint`, and one a day from the server's
// housekeeping when AUDIT_CHECKPOINT_FILE is set. `npm run audit:verify --
// --checkpoint FILE` then proves the chain still reaches every one of them.

/** The chain's head now: entry count, newest id and hash, read in one statement (one snapshot). */
export async function takeAuditCheckpoint(now: Date, db: Pick<Db, "$queryRaw"> = getDb()): Promise<Checkpoint> {
  const [head] = await db.$queryRaw<{ entries: bigint; head_id: string | null; head_hash: string | null }[]>`
    select (select count(*) from audit_entries) as entries, h.id::text as head_id, h.hash as head_hash
      from (select 1) one
      left join lateral (select id, hash from audit_entries order by id desc limit 1) h on true`;
  return makeCheckpoint({ entries: Number(head.entries), headId: head.head_id, headHash: head.head_hash }, now);
}

/** Appends one line; a new file is created readable by its owner only (0600). */
export async function appendCheckpoint(file: string, checkpoint: Checkpoint) {
  await appendFile(file, `${formatCheckpoint(checkpoint)}\n`, { encoding: "utf8", mode: 0o600 });
}

/** Every checkpoint in a file; throws naming the file and line when one is not a checkpoint. */
export async function readCheckpoints(file: string): Promise<Checkpoint[]> {
  const parsed = parseCheckpoints(await readFile(file, "utf8"));
  if (!parsed.ok) throw new Error(parsed.line ? `${file}, line ${parsed.line}: ${parsed.reason}` : `${file}: ${parsed.reason}`);
  return parsed.checkpoints;
}

/**
 * The daily checkpoint: appends one unless the file's last was taken today
 * (Vietnam day), so restarts and hourly calls write one line a day. Returns
 * the checkpoint written, or null.
 */
export async function checkpointIfDue(file: string, now: Date): Promise<Checkpoint | null> {
  let last: Checkpoint | null = null;
  try {
    last = (await readCheckpoints(file)).at(-1) ?? null;
  } catch (error) {
    // A missing or empty file: the first checkpoint. A damaged file is an error
    // (logged by the caller every hour) rather than something to write after.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT" && !/no checkpoint in the file/.test(String(error))) throw error;
  }
  if (!checkpointDue(last, now)) return null;
  const checkpoint = await takeAuditCheckpoint(now);
  await appendCheckpoint(file, checkpoint);
  return checkpoint;
}
