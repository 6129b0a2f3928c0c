// Backups of an embedded cluster (decision 059): PostgreSQL's low-level base
// backup API while the database keeps running — pg_backup_start, a copy of the
// data folder, pg_backup_stop, then the WAL written meanwhile — and a restore
// that puts the copy in a fresh data folder, where PostgreSQL replays that WAL
// at its first start. The embedded package ships no pg_dump or pg_basebackup,
// and the system's (older) pg_dump refuses a newer server; this needs neither.
import { chown, copyFile, lstat, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { withClient } from "../database-roles.ts";

export const MANIFEST = "kt1-backup.json";
export type BaseBackupManifest = {
  kind: "embedded-base-backup";
  takenAt: string;
  serverVersion: string;
  startLsn: string;
  stopLsn: string;
  /** Owner of the data folder when the backup was taken (PostgreSQL refuses a folder it does not own). */
  owner: { uid: number; gid: number };
  files: number;
  bytes: number;
};

// Never copied (PostgreSQL's documentation, "Making a Base Backup Using the
// Low Level API"): runtime state rebuilt at start, and WAL, copied after stop.
const EMPTY_DIRS = new Set([
  "pg_wal",
  "pg_replslot",
  "pg_dynshmem",
  "pg_notify",
  "pg_serial",
  "pg_snapshots",
  "pg_stat_tmp",
  "pg_subtrans",
]);
const SKIP_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map"]);
const skipped = (name: string) =>
  SKIP_FILES.has(name) || name.startsWith(".s.PGSQL.") || name.startsWith("pgsql_tmp") || name === "pg_internal.init";

type Copied = { files: number; bytes: number };

/** Copies a tree; files that vanish while it runs are fine (WAL replay covers them). */
async function copyTree(from: string, to: string, top: boolean, done: Copied) {
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (top && EMPTY_DIRS.has(entry.name)) await mkdir(dst, { mode: 0o700 });
      else await copyTree(src, dst, false, done);
    } else if (entry.isFile() && !skipped(entry.name)) {
      try {
        await copyFile(src, dst);
        done.files++;
        done.bytes += (await stat(dst)).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  }
}

/**
 * A consistent online backup of the cluster in `dataDir` into the new folder
 * `out` (its `data/` and a manifest). `superuserUrl`: the cluster's superuser,
 * which the backup functions need.
 */
export async function embeddedBaseBackup(dataDir: string, superuserUrl: string, out: string, now: Date): Promise<BaseBackupManifest> {
  await mkdir(out, { recursive: false, mode: 0o700 });
  const target = path.join(out, "data");
  const done: Copied = { files: 0, bytes: 0 };
  return withClient(superuserUrl, async (c) => {
    const version = (await c.query<{ v: string }>("show server_version")).rows[0].v;
    // One session from start to stop (the non-exclusive API); "fast" checkpoints now instead of waiting.
    const start = (await c.query<{ lsn: string }>("select pg_backup_start($1, true)::text as lsn", [`kt1 ${now.toISOString()}`])).rows[0]
      .lsn;
    let stop: { lsn: string; labelfile: string; spcmapfile: string };
    try {
      await copyTree(dataDir, target, true, done);
    } finally {
      stop = (await c.query("select lsn::text, labelfile, spcmapfile from pg_backup_stop(false)")).rows[0];
    }
    await writeFile(path.join(target, "backup_label"), stop.labelfile, { mode: 0o600 });
    if (stop.spcmapfile) await writeFile(path.join(target, "tablespace_map"), stop.spcmapfile, { mode: 0o600 });
    // The WAL from the start's checkpoint to the stop: still in pg_wal (it cannot
    // be recycled before the next checkpoint after the stop), and complete,
    // since pg_backup_stop switched to a new segment.
    const wal = path.join(target, "pg_wal");
    await mkdir(path.join(wal, "archive_status"), { recursive: true, mode: 0o700 });
    for (const entry of await readdir(path.join(dataDir, "pg_wal"), { withFileTypes: true })) {
      if (entry.isFile() && /^[0-9A-F]{24}(\.history)?$/.test(entry.name)) {
        await copyFile(path.join(dataDir, "pg_wal", entry.name), path.join(wal, entry.name));
        done.files++;
        done.bytes += (await stat(path.join(wal, entry.name))).size;
      }
    }
    const owner = await stat(dataDir);
    const manifest: BaseBackupManifest = {
      kind: "embedded-base-backup",
      takenAt: now.toISOString(),
      serverVersion: version,
      startLsn: start,
      stopLsn: stop.lsn,
      owner: { uid: owner.uid, gid: owner.gid },
      ...done,
    };
    await writeFile(path.join(out, MANIFEST), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    return manifest;
  });
}

export async function readManifest(backup: string): Promise<BaseBackupManifest | null> {
  try {
    const m = JSON.parse(await readFile(path.join(backup, MANIFEST), "utf8")) as BaseBackupManifest;
    return m.kind === "embedded-base-backup" ? m : null;
  } catch {
    return null;
  }
}

/** Whether `dir` is absent or an empty folder: the only places a restore writes to. */
export async function isEmptyTarget(dir: string) {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/**
 * Copies the backup into `targetDir` (absent or empty), owned as the original
 * was when run as root. PostgreSQL finishes the restore at its next start: it
 * reads backup_label and replays the WAL up to the backup's end.
 */
export async function restoreBaseBackup(backup: string, manifest: BaseBackupManifest, targetDir: string) {
  if (!(await isEmptyTarget(targetDir)))
    throw new Error(`${targetDir} is not empty: restore only into a new data folder (move the old one away first)`);
  const done: Copied = { files: 0, bytes: 0 };
  try {
    await copyTree(path.join(backup, "data"), targetDir, false, done);
    // copyTree skips backup_label and tablespace_map at the top of a live folder; here they are the point.
    for (const name of ["backup_label", "tablespace_map"]) {
      const src = path.join(backup, "data", name);
      if (
        await lstat(src).then(
          () => true,
          () => false,
        )
      )
        await copyFile(src, path.join(targetDir, name));
    }
    if (process.getuid?.() === 0) await chownTree(targetDir, manifest.owner.uid, manifest.owner.gid);
  } catch (error) {
    await rm(targetDir, { recursive: true, force: true });
    throw error;
  }
  return done;
}

async function chownTree(dir: string, uid: number, gid: number) {
  await chown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(p, uid, gid);
    else await chown(p, uid, gid);
  }
}
