// The app's database for command-line tools: DATABASE_URL (and, for the owner,
// MIGRATION_DATABASE_URL) when set; otherwise the embedded PostgreSQL the app
// uses (EMBEDDED_PG_DIR, default ./data/postgres; EMBEDDED_PG_PORT, default
// 54329) with the logins kept in its credentials file. When that cluster already
// answers, the app is running, so tools connect to it instead of starting a
// second server on the same folder.
import { existsSync } from "node:fs";
import path from "node:path";
import { withClient, type DatabaseUrls } from "../server/database-roles.ts";
import { embeddedUrl, readEmbeddedCredentials, startEmbeddedPostgres, type EmbeddedDb } from "../server/embedded-postgres.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

const answers = (url: string) => withClient(url, async () => true).catch(() => false);

/**
 * Runs `fn` with the database's URLs; DATABASE_URL is the app's role for code
 * that uses the app's services. Use `ownerUrl` only for what the app may not do
 * (migrations, benchmark data).
 */
export async function withAppDatabase<T>(fn: (url: string, urls: DatabaseUrls) => Promise<T>): Promise<T> {
  let embedded: EmbeddedDb | undefined;
  try {
    let urls: DatabaseUrls;
    if (process.env.DATABASE_URL) {
      urls = { appUrl: process.env.DATABASE_URL, ownerUrl: process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL };
    } else {
      const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new Error(`EMBEDDED_PG_PORT is not a port: ${process.env.EMBEDDED_PG_PORT}`);
      const dir = path.resolve(ROOT, process.env.EMBEDDED_PG_DIR || "./data/postgres");
      const credentials = readEmbeddedCredentials(dir);
      // Never create an empty cluster just to work on it.
      if (!existsSync(path.join(dir, "PG_VERSION")) || !credentials)
        throw new Error(`no database found in ${dir} (run npm start once, or set DATABASE_URL)`);
      urls = { appUrl: embeddedUrl(dir, port, credentials.app, "kt1"), ownerUrl: embeddedUrl(dir, port, credentials.owner, "kt1") };
      if (!(await answers(urls.ownerUrl))) embedded = await startEmbeddedPostgres({ dir, port });
      process.env.DATABASE_URL = urls.appUrl;
    }
    return await fn(urls.appUrl, urls);
  } finally {
    const { disconnectDb } = await import("../app/utils/db.server.ts");
    await disconnectDb();
    await embedded?.stop();
  }
}
