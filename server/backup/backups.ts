// Taking, naming and pruning backups, for `npm run db:backup` and the nightly
// job (decision 059). Embedded clusters get a base backup (a folder), servers a
// pg_dump file; `npm run db:restore` tells them apart.
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { dayOf, timeOf } from "../../app/domain/time/calendar.ts";
import { embeddedBaseBackup } from "./base-backup.ts";
import { dumpDatabase } from "./dump.ts";

export type BackupSource = { kind: "embedded"; dataDir: string; superuserUrl: string } | { kind: "server"; ownerUrl: string };

const PREFIX = "kt1-";

/** `kt1-2026-12-04-0230` in Vietnam time (+ `.dump` for a server), sorting by time. */
export function backupName(source: BackupSource, now: Date) {
  const stamp = `${dayOf(now)}-${timeOf(now).replace(":", "")}`;
  return `${PREFIX}${stamp}${source.kind === "server" ? ".dump" : ""}`;
}

export async function takeBackup(source: BackupSource, out: string, now: Date) {
  if (source.kind === "embedded") {
    const manifest = await embeddedBaseBackup(source.dataDir, source.superuserUrl, out, now);
    return { path: out, kind: "base backup" as const, files: manifest.files, bytes: manifest.bytes };
  }
  await dumpDatabase(source.ownerUrl, out);
  return { path: out, kind: "pg_dump" as const, files: 1, bytes: null };
}

/** Keeps the `keep` newest backups this tool named in `dir`; returns the ones removed. */
export async function pruneBackups(dir: string, keep: number) {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(PREFIX)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await rm(path.join(dir, name), { recursive: true, force: true });
  return old;
}
