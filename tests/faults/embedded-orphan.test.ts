// The embedded PostgreSQL after a crash, and as root in a private folder (issue 17).
//  - A node process killed with SIGKILL leaves its PostgreSQL running on the
//    data folder; the next start stops that orphan and starts cleanly.
//  - A postmaster.pid left by a dead server (or naming another program) is removed.
//  - As root, PostgreSQL runs as "postgres", which cannot enter a folder of mode
//    700: the start stops with one sentence saying what to do.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withClient } from "../../server/database-roles.ts";
import { startEmbeddedPostgres } from "../../server/embedded-postgres.ts";
import { firstClosedFolder } from "../../server/embedded-postgres-guard.ts";
import { freePort } from "../../server/free-port.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "kt1-faults-"));
chmodSync(scratch, 0o755); // the postgres user (as root) must enter it
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Starts the cluster in a child process that prints its PostgreSQL's pid, then kills that child with SIGKILL. */
async function orphanCluster(dir: string, port: number): Promise<number> {
  const script = `
    import { startEmbeddedPostgres } from "./server/embedded-postgres.ts";
    await startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: ${port} });
    console.log("ready");`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (d) => (output += String(d)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`the child exited (${code}) before its PostgreSQL was ready:\n${output}`)));
  });
  const pid = Number(readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
  return pid;
}

describe("embedded PostgreSQL after a crash", () => {
  it("stops the orphan a killed run left on this data folder, then starts", async () => {
    const dir = path.join(scratch, "orphan");
    const port = await freePort();
    const orphan = await orphanCluster(dir, port);
    expect(alive(orphan)).toBe(true);

    const notices: string[] = [];
    const db = await startEmbeddedPostgres({ dir, port, notice: (m) => notices.push(m) });
    try {
      expect(notices.join("\n")).toContain(`pid ${orphan}`);
      expect(alive(orphan)).toBe(false);
      const { rows } = await withClient(db.url, (c) => c.query<{ one: number }>("select 1 as one"));
      expect(rows[0].one).toBe(1);
    } finally {
      await db.stop();
    }
  });

  it("removes a postmaster.pid whose process is another program", async () => {
    const dir = path.join(scratch, "stale");
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dir, port });
    await first.stop();
    // This test's own pid: alive, but not a PostgreSQL of this folder.
    writeFileSync(path.join(dir, "postmaster.pid"), `${process.pid}\n${dir}\n0\n${port}\n`);
    const notices: string[] = [];
    const db = await startEmbeddedPostgres({ dir, port, notice: (m) => notices.push(m) });
    try {
      expect(notices.join("\n")).toContain("removing a stale");
      await withClient(db.url, (c) => c.query("select 1"));
    } finally {
      await db.stop();
    }
    expect(existsSync(path.join(dir, "postmaster.pid"))).toBe(false);
  });
});

describe("root in a private folder", () => {
  it("finds the first folder another user may not enter", () => {
    const closed = path.join(scratch, "closed");
    mkdirSync(path.join(closed, "inside"), { recursive: true });
    chmodSync(closed, 0o700);
    expect(firstClosedFolder(path.join(closed, "inside"), 65534, 65534)).toBe(closed);
    expect(firstClosedFolder(scratch, 65534, 65534)).toBeNull();
  });

  it("as root, a data folder the postgres user cannot reach stops the start with one clear sentence", async () => {
    const home = path.join(scratch, "private-home");
    mkdirSync(home, { recursive: true });
    chmodSync(home, 0o700);
    const start = startEmbeddedPostgres({ dir: path.join(home, "data", "postgres"), port: await freePort() });
    if (process.getuid?.() === 0) {
      await expect(start).rejects.toThrow(`the "postgres" user, which cannot enter ${home}`);
    } else {
      // Not root: PostgreSQL runs as this user, who may enter its own private folder.
      const db = await start;
      await db.stop();
    }
  });
});
