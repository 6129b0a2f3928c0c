// npm run db:backup [-- --out PATH]: a consistent backup while the app runs
// (decision 059). Embedded PostgreSQL (no DATABASE_URL): a base backup folder;
// a server (DATABASE_URL): a pg_dump file, made as MIGRATION_DATABASE_URL's
// owner when set. Default PATH: backups/kt1-<date>-<time>[.dump].
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { backupName, takeBackup, type BackupSource } from "../../server/backup/backups.ts";
import { withDatabaseSource } from "./database-source.ts";

function outArg(args: string[]): string | null {
  if (args.length === 0) return null;
  const m = /^--out(?:=(.+))?$/.exec(args[0]);
  const value = m?.[1] ?? (m ? args[1] : undefined);
  if (!value || args.length > (m?.[1] ? 1 : 2)) throw new Error("usage: npm run db:backup [-- --out PATH]");
  return value;
}

try {
  const out = outArg(process.argv.slice(2));
  const done = await withDatabaseSource(async (source: BackupSource) => {
    const now = new Date();
    const target = path.resolve(out ?? path.join("backups", backupName(source, now)));
    await mkdir(path.dirname(target), { recursive: true });
    return takeBackup(source, target, now);
  });
  const size = done.bytes === null ? "" : `, ${done.files} files, ${(done.bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(`db:backup: ${done.kind} written to ${done.path}${size}.`);
  console.log(`Restore it with: npm run db:restore -- ${done.path}`);
  process.exit(0);
} catch (error) {
  console.error(`db:backup failed: ${(error as Error).message}`);
  process.exit(1);
}
