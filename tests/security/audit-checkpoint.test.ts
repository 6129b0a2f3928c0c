// Issue 11, item 3: someone with the database's own rights can delete the newest
// audit entries, or rebuild the whole chain consistently, and the chain alone
// still verifies. Checkpoints of the head kept outside the database catch both.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryHash, GENESIS_HASH } from "~/domain/audit/chain.ts";
import { appendAudit } from "~/services/audit.server.ts";
import { appendCheckpoint, checkpointIfDue, takeAuditCheckpoint } from "~/services/audit-checkpoint.server.ts";
import { verifyAuditChain } from "~/services/audit-verify.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { runScript } from "../support/cli.ts";
import { sqlAs } from "../support/sql.ts";

const url = () => process.env.DATABASE_URL as string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kt1-checkpoints-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function append(n: number, action = "test.event") {
  for (let i = 0; i < n; i++) {
    await getDb().$transaction((tx) => appendAudit(tx, { actorId: null, action, data: { i, text: "Bưu cục KT1" } }, new Date()));
  }
}

/** As the owner: the append-only trigger switched off around `statement`, as an attacker would. */
async function withoutAuditTriggers(statement: () => Promise<unknown>) {
  await sqlAs("owner", "alter table audit_entries disable trigger user");
  try {
    await statement();
  } finally {
    await sqlAs("owner", "alter table audit_entries enable trigger user");
  }
}

async function deleteNewest(k: number) {
  await withoutAuditTriggers(() =>
    sqlAs("owner", "delete from audit_entries where id in (select id from audit_entries order by id desc limit $1)", [k]),
  );
}

type Row = {
  id: string;
  at: Date;
  actor_id: number | null;
  action: string;
  unit_id: number | null;
  target_type: string | null;
  target_id: string | null;
  data: unknown;
};

/** Deletes every entry and inserts a consistent chain in which the first entry says something else. */
async function rebuildChain() {
  const { rows } = await sqlAs<Row>(
    "owner",
    "select id::text, at, actor_id, action, unit_id, target_type, target_id, data from audit_entries order by audit_entries.id",
  );
  rows[0] = { ...rows[0], data: { forged: "an entry nobody wrote" } };
  let prev = GENESIS_HASH;
  const forged = rows.map((r) => {
    const hash = entryHash(prev, {
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      action: r.action,
      unitId: r.unit_id,
      targetType: r.target_type,
      targetId: r.target_id,
      data: r.data,
    });
    const row = { ...r, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  await withoutAuditTriggers(async () => {
    await sqlAs("owner", "delete from audit_entries");
    await sqlAs(
      "owner",
      `insert into audit_entries (id, at, actor_id, action, unit_id, target_type, target_id, data, prev_hash, hash)
       select id, at, actor_id, action, unit_id, target_type, target_id, data, prev_hash, hash
         from jsonb_to_recordset($1::jsonb) as x(id bigint, at timestamptz, actor_id int, action text, unit_id int,
                                                target_type text, target_id text, data jsonb, prev_hash text, hash text)`,
      [JSON.stringify(forged)],
    );
  });
}

const cli = (script: string, ...args: string[]) => runScript(script, args, { DATABASE_URL: url(), AUDIT_CHECKPOINT_FILE: "" });

describe("audit checkpoints kept outside the database", () => {
  it("catch the newest entries deleted, which the chain alone does not", async () => {
    await append(6);
    const checkpoint = await takeAuditCheckpoint(new Date());
    expect(checkpoint.entries).toBeGreaterThanOrEqual(6);

    // Entries written after the checkpoint are fine.
    await append(2);
    expect(await verifyAuditChain(url(), { checkpoints: [checkpoint] })).toMatchObject({ ok: true, checkpoints: 1 });

    await deleteNewest(4);
    expect(await verifyAuditChain(url())).toMatchObject({ ok: true });
    const result = await verifyAuditChain(url(), { checkpoints: [checkpoint] });
    expect(result).toMatchObject({ ok: false, id: checkpoint.headId, checkpoint });
    expect(!result.ok && result.reason).toMatch(new RegExp(`entry ${checkpoint.headId} .*missing`));

    // Writing new entries over the gap does not hide it.
    await append(5);
    expect(await verifyAuditChain(url())).toMatchObject({ ok: true });
    expect(await verifyAuditChain(url(), { checkpoints: [checkpoint] })).toMatchObject({ ok: false, id: checkpoint.headId });
  });

  it("catch a chain rebuilt from scratch with other content", async () => {
    await append(3);
    const checkpoint = await takeAuditCheckpoint(new Date());
    expect(await verifyAuditChain(url(), { checkpoints: [checkpoint] })).toMatchObject({ ok: true });

    await rebuildChain();
    expect(await verifyAuditChain(url())).toMatchObject({ ok: true, count: checkpoint.entries });
    const result = await verifyAuditChain(url(), { checkpoints: [checkpoint] });
    expect(result).toMatchObject({ ok: false, id: checkpoint.headId });
    expect(!result.ok && result.reason).toMatch(/rebuilt/);
  });

  it("are written once a (Vietnam) day by the housekeeping round, to a file only its owner reads", async () => {
    const file = path.join(dir, "daily.jsonl");
    const morning = new Date("2026-12-04T01:00:00Z"); // 08:00 in Hà Nội
    expect(await checkpointIfDue(file, morning)).toMatchObject({ at: morning.toISOString() });
    expect(await checkpointIfDue(file, new Date("2026-12-04T16:59:00Z"))).toBeNull(); // 23:59 the same day
    await append(1);
    expect(await checkpointIfDue(file, new Date("2026-12-04T17:00:00Z"))).not.toBeNull(); // 00:00 the next day
    expect((await readFile(file, "utf8")).trimEnd().split("\n")).toHaveLength(2);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await verifyAuditChain(url(), { checkpoints: [await takeAuditCheckpoint(new Date())] })).toMatchObject({ ok: true });
    await appendCheckpoint(file, await takeAuditCheckpoint(new Date()));
    expect((await readFile(file, "utf8")).trimEnd().split("\n")).toHaveLength(3);
  });

  it("npm run audit:checkpoint appends to a 0600 file; audit:verify --checkpoint fails naming the checkpoint the chain no longer reaches", async () => {
    const file = path.join(dir, "cli.jsonl");
    await append(2);
    const first = await cli("audit-checkpoint.ts", "--out", file);
    expect([first.code, first.stderr]).toEqual([0, ""]);
    const line = JSON.parse(first.stdout.trim()) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(["entries", "headId", "headHash", "at"]);
    expect(line).toMatchObject(await takeAuditCheckpoint(new Date()).then(({ at: _at, ...rest }) => rest));
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    await append(3);
    const second = await cli("audit-checkpoint.ts", `--out=${file}`);
    expect(second.code).toBe(0);
    const lines = (await readFile(file, "utf8")).trimEnd().split("\n");
    expect(lines).toEqual([first.stdout.trim(), second.stdout.trim()]);
    const newest = JSON.parse(lines[1]) as { headId: string; at: string; entries: number };

    const intact = await cli("audit-verify.ts", "--checkpoint", file);
    expect([intact.code, intact.stdout.trim()]).toEqual([0, `Audit chain intact: ${newest.entries} entries, 2 checkpoints confirmed`]);

    await deleteNewest(1);
    const plain = await cli("audit-verify.ts");
    expect([plain.code, plain.stdout.trim()]).toEqual([0, `Audit chain intact: ${newest.entries - 1} entries`]);
    const caught = await cli("audit-verify.ts", "--checkpoint", file);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain(`Audit checkpoint of ${newest.at} (${newest.entries} entries, head ${newest.headId}) not reached`);
    expect(caught.stdout).toMatch(/missing/);

    const noFile = await cli("audit-verify.ts", "--checkpoint", path.join(dir, "none.jsonl"));
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/could not be checked.*none\.jsonl/);
  }, 120_000);
});
