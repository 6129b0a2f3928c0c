// npm run db:restore -- PATH [--to DIR]: restores a backup of db:backup with the
// app stopped (decision 059).
//  - A base backup folder (embedded PostgreSQL) goes into a new data folder:
//    --to DIR, else EMBEDDED_PG_DIR (default ./data/postgres), which must be
//    absent or empty. PostgreSQL replays the backup's WAL at a first start here.
//  - A pg_dump file goes into the empty database at MIGRATION_DATABASE_URL (else
//    DATABASE_URL); then the migrations step creates the job queues and grants
//    the app's role its privileges, as at every start.
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { readManifest, restoreBaseBackup } from "../../server/backup/base-backup.ts";
import { restoreDump } from "../../server/backup/dump.ts";
import { appRoleOf, withClient } from "../../server/database-roles.ts";
import { embeddedUrl, readEmbeddedCredentials, startEmbeddedPostgres } from "../../server/embedded-postgres.ts";
import { freePort } from "../../server/free-port.ts";
import { migrate } from "../../server/migrate.ts";
import { embeddedDir } from "./database-source.ts";

const USAGE = "usage: npm run db:restore -- PATH [--to DIR]";

function parseArgs(args: string[]) {
  const [backup, ...rest] = args;
  if (!backup || backup.startsWith("--")) throw new Error(USAGE);
  if (rest.length === 0) return { backup: path.resolve(backup), to: null };
  const m = /^--to(?:=(.+))?$/.exec(rest[0]);
  const to = m?.[1] ?? (m ? rest[1] : undefined);
  if (!to || rest.length > (m?.[1] ? 1 : 2)) throw new Error(USAGE);
  return { backup: path.resolve(backup), to: path.resolve(to) };
}

async function isDump(file: string) {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    return head.toString("latin1") === "PGDMP";
  } finally {
    await handle.close();
  }
}

/** Counts that say the restore worked: people and audit entries. */
const summary = (url: string) =>
  withClient(url, async (c) => {
    const { rows } = await c.query<{ people: string; audit: string }>(
      `select (select count(*) from people) as people, (select count(*) from audit_entries) as audit`,
    );
    return `${rows[0].people} people, ${rows[0].audit} audit entries`;
  });

async function restoreEmbedded(backup: string, to: string | null) {
  const manifest = await readManifest(backup);
  if (!manifest) throw new Error(`${backup} is not a backup made by db:backup (no kt1-backup.json)`);
  const dir = to ?? embeddedDir();
  const copied = await restoreBaseBackup(backup, manifest, dir);
  console.log(`Copied ${copied.files} files into ${dir}; replaying the backup's WAL…`);
  // A first start on a free port, so that a forgotten running app cannot be reached meanwhile.
  const port = await freePort();
  const db = await startEmbeddedPostgres({ dir, port });
  try {
    const credentials = readEmbeddedCredentials(dir)!;
    const counts = await summary(embeddedUrl(dir, port, credentials.owner, "kt1"));
    await withClient(db.url, (c) => c.query("checkpoint"));
    return `db:restore: the backup of ${manifest.takenAt} (PostgreSQL ${manifest.serverVersion}) is in ${dir}: ${counts}. Start the app with npm start.`;
  } finally {
    await db.stop();
  }
}

async function restoreServer(file: string) {
  const appUrl = process.env.DATABASE_URL;
  if (!appUrl) throw new Error("a pg_dump backup restores into a server: set DATABASE_URL (and MIGRATION_DATABASE_URL for the owner)");
  const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? appUrl;
  await restoreDump(ownerUrl, file);
  await migrate(ownerUrl, (m) => console.log(m), { appRole: appRoleOf({ appUrl, ownerUrl }) });
  return `db:restore: ${file} restored into ${new URL(ownerUrl).pathname.slice(1)}: ${await summary(ownerUrl)}. Start the app with npm start.`;
}

try {
  const { backup, to } = parseArgs(process.argv.slice(2));
  const info = await stat(backup).catch(() => null);
  if (!info) throw new Error(`${backup} does not exist`);
  const message = info.isDirectory()
    ? await restoreEmbedded(backup, to)
    : (await isDump(backup))
      ? await restoreServer(backup)
      : (() => {
          throw new Error(`${backup} is neither a base backup folder nor a pg_dump file`);
        })();
  console.log(message);
  process.exit(0);
} catch (error) {
  console.error(`db:restore failed: ${(error as Error).message}`);
  process.exit(1);
}
