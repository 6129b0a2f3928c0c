// `npm run audit:verify`: re-computes the audit log's hash chain.
// Exit 0: "Audit chain intact: N entries". Exit 1: "Audit chain broken at entry
// <id>: <reason>". Exit 2: the check could not run (no database, bad URL...).
//
// Database: DATABASE_URL when set; otherwise the embedded PostgreSQL the app
// uses (EMBEDDED_PG_DIR, default ./data/postgres; EMBEDDED_PG_PORT, default
// 54329). When that port is already taken the app is running, so this connects
// to it instead of starting a second server on the same data folder.
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { verifyAuditChain } from "../app/services/audit-verify.server.ts";
import { startEmbeddedPostgres, type EmbeddedDb } from "../server/embedded-postgres.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(2_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

async function main(): Promise<number> {
  let embedded: EmbeddedDb | undefined;
  let url = process.env.DATABASE_URL;
  try {
    if (!url) {
      const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`EMBEDDED_PG_PORT is not a port: ${process.env.EMBEDDED_PG_PORT}`);
      if (!(await portInUse(port))) {
        const dir = path.resolve(ROOT, process.env.EMBEDDED_PG_DIR || "./data/postgres");
        // Never create an empty cluster just to report on it.
        if (!existsSync(path.join(dir, "PG_VERSION"))) throw new Error(`no database found in ${dir} (start the app once, or set DATABASE_URL)`);
        embedded = await startEmbeddedPostgres({ dir, port });
      }
      url = `postgres://postgres:postgres@127.0.0.1:${port}/kt1`;
    }
    const result = await verifyAuditChain(url);
    if (result.ok) {
      console.log(`Audit chain intact: ${result.count} entries`);
      return 0;
    }
    console.log(`Audit chain broken at entry ${result.id}: ${result.reason}`);
    return 1;
  } catch (error) {
    console.error(`Audit chain could not be checked: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await embedded?.stop();
  }
}

// Exit explicitly: embedded-postgres installs exit hooks that would otherwise
// end the process with status 0 whatever process.exitCode says.
process.exit(await main());
