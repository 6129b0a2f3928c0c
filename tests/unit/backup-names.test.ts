import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { backupName, pruneBackups } from "../../server/backup/backups.ts";

const embedded = { kind: "embedded" as const, dataDir: "/x", superuserUrl: "postgres://x" };
const server = { kind: "server" as const, ownerUrl: "postgres://x" };
let dir: string | undefined;
afterEach(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe("nightly backups", () => {
  it("are named by their Vietnam time, so names sort by time; a server's is a .dump file", () => {
    const at = new Date("2026-12-03T18:30:00Z"); // 01:30 on 04/12/2026 in Vietnam
    expect(backupName(embedded, at)).toBe("kt1-2026-12-04-0130");
    expect(backupName(server, at)).toBe("kt1-2026-12-04-0130.dump");
  });

  it("keep the newest N of their own, and nothing else in the folder is touched", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "kt1-prune-"));
    for (const d of ["kt1-2026-12-01-0130", "kt1-2026-12-02-0130", "kt1-2026-12-03-0130"]) await mkdir(path.join(dir, d));
    await writeFile(path.join(dir, "kt1-2026-11-30-0130.dump"), "PGDMP");
    await writeFile(path.join(dir, "notes.txt"), "giữ lại");
    expect(await pruneBackups(dir, 2)).toEqual(["kt1-2026-11-30-0130.dump", "kt1-2026-12-01-0130"]);
    expect((await readdir(dir)).sort()).toEqual(["kt1-2026-12-02-0130", "kt1-2026-12-03-0130", "notes.txt"]);
  });
});
