import { dayOf } from "~/domain/time/calendar.ts";
import { GENESIS_HASH } from "./chain.ts";

// Checkpoints anchor the audit chain's head outside the database (decision 027).
// The chain alone proves that no entry was edited or removed in the middle; it
// cannot prove that the newest entries are still there, or that someone able to
// switch triggers off did not rebuild a consistent chain from scratch. A line
// kept elsewhere — "the chain had N entries, the Nth was id X with hash H" —
// can: while the chain is intact, entry X at position N with hash H vouches for
// every entry before it.

export type Checkpoint = {
  /** How many entries the chain held. */
  entries: number;
  /** The id of the newest entry then (int8 as text), null for an empty chain. */
  headId: string | null;
  /** That entry's hash (GENESIS_HASH for an empty chain). */
  headHash: string;
  /** When the checkpoint was taken, ISO 8601. */
  at: string;
};

export function makeCheckpoint(head: { entries: number; headId: string | null; headHash: string | null }, now: Date): Checkpoint {
  return { entries: head.entries, headId: head.headId, headHash: head.headHash ?? GENESIS_HASH, at: now.toISOString() };
}

/** One line of a checkpoint file, keys in this order. */
export function formatCheckpoint(c: Checkpoint): string {
  return JSON.stringify({ entries: c.entries, headId: c.headId, headHash: c.headHash, at: c.at });
}

export type ParsedCheckpoints = { ok: true; checkpoints: Checkpoint[] } | { ok: false; line: number; reason: string };

/** Every checkpoint of a file (one JSON object a line; blank lines skipped). */
export function parseCheckpoints(text: string): ParsedCheckpoints {
  const checkpoints: Checkpoint[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === "") continue;
    const bad = (reason: string): ParsedCheckpoints => ({ ok: false, line: i + 1, reason });
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return bad("not JSON");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return bad("not a JSON object");
    const v = value as Record<string, unknown>;
    if (typeof v.entries !== "number" || !Number.isSafeInteger(v.entries) || v.entries < 0)
      return bad('"entries" must be a whole number ≥ 0');
    const headId = typeof v.headId === "number" && Number.isSafeInteger(v.headId) ? String(v.headId) : v.headId;
    if (v.entries === 0 ? headId !== null : typeof headId !== "string" || !/^-?\d{1,19}$/.test(headId)) {
      return bad('"headId" must be the newest entry\'s id (null when "entries" is 0)');
    }
    if (typeof v.headHash !== "string" || !/^[0-9a-f]{64}$/.test(v.headHash)) return bad('"headHash" must be 64 lowercase hex digits');
    if (typeof v.at !== "string" || Number.isNaN(Date.parse(v.at))) return bad('"at" must be an ISO 8601 time');
    checkpoints.push({ entries: v.entries, headId: headId as string | null, headHash: v.headHash, at: v.at });
  }
  if (checkpoints.length === 0) return { ok: false, line: 0, reason: "no checkpoint in the file" };
  return { ok: true, checkpoints };
}

/** Where the chain holds a checkpoint's head entry: its 1-based position and hash. */
export type HeadFound = { position: number; hash: string };

/**
 * Why the verified chain no longer reaches a checkpoint, or null when it does.
 * `found` is the chain's entry with the checkpoint's headId (null when there is none).
 */
export function checkpointProblem(c: Checkpoint, found: HeadFound | null): string | null {
  if (c.entries === 0) return null; // an empty chain is a prefix of any chain
  if (!found)
    return `entry ${c.headId} (entry ${c.entries} of the chain) is missing: the newest entries were deleted or the chain was rebuilt`;
  if (found.hash !== c.headHash) return `entry ${c.headId} has hash ${found.hash}, not ${c.headHash}: the chain was rebuilt`;
  if (found.position !== c.entries)
    return `entry ${c.headId} is entry ${found.position} of the chain, not ${c.entries}: entries before it were added or removed`;
  return null;
}

/** Whether a daily checkpoint is due: none yet, or the last one was taken on an earlier Vietnam day. */
export function checkpointDue(last: Checkpoint | null, now: Date): boolean {
  return last === null || dayOf(new Date(last.at)) < dayOf(now);
}
