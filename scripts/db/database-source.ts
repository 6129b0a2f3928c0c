// What db:backup reads from: the server at MIGRATION_DATABASE_URL (else
// DATABASE_URL), or the embedded cluster in EMBEDDED_PG_DIR (default
// ./data/postgres) as its superuser — the running one when the app is up,
// else started for the backup and stopped after.
import { existsSync } from "node:fs";
import path from "node:path";
import type { BackupSource } from "../../server/backup/backups.ts";
import { withClient } from "../../server/database-roles.ts";
import { embeddedUrl, readEmbeddedCredentials, startEmbeddedPostgres, type EmbeddedDb } from "../../server/embedded-postgres.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const embeddedDir = () => path.resolve(ROOT, process.env.EMBEDDED_PG_DIR || "./data/postgres");
export const embeddedPort = () => Number(process.env.EMBEDDED_PG_PORT || 54329);

export async function withDatabaseSource<T>(fn: (source: BackupSource) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn({ kind: "server", ownerUrl: process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL });
  const dir = embeddedDir();
  const port = embeddedPort();
  const credentials = readEmbeddedCredentials(dir);
  if (!existsSync(path.join(dir, "PG_VERSION")) || !credentials)
    throw new Error(`no database found in ${dir} (run npm start once, or set DATABASE_URL)`);
  const superuserUrl = embeddedUrl(dir, port, credentials.superuser);
  let started: EmbeddedDb | undefined;
  if (!(await withClient(superuserUrl, async () => true).catch(() => false))) started = await startEmbeddedPostgres({ dir, port });
  try {
    return await fn({ kind: "embedded", dataDir: dir, superuserUrl });
  } finally {
    await started?.stop();
  }
}
