// CPU time of processes from /proc/<pid>/stat (Linux only): the figure a busy
// machine disturbs least, for the per-request scripts and the bench's report.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // /proc counts in clock ticks of 1/100 s (USER_HZ)

/** User and system CPU of a process so far, in ms (fields 14 and 15 of its stat); null once it has gone. */
export function processCpu(pid: number | string): { user: number; sys: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The name in parentheses may hold spaces: the fields start after its last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { user: Number(fields[11]) * TICK_MS, sys: Number(fields[12]) * TICK_MS };
}

/** User + system CPU of a process so far, in ms (0 once it has gone). */
export function cpuMsOf(pid: number | string): number {
  const cpu = processCpu(pid);
  return cpu ? cpu.user + cpu.sys : 0;
}

/**
 * Every PostgreSQL process's CPU so far, in ms: the database's share when it
 * runs on this machine and nothing else uses it meanwhile. A backend that exits
 * between two readings takes its time with it: keep connections open across them.
 */
export function postgresCpuMs(): number {
  let sum = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let name = "";
    try {
      name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      continue; // gone meanwhile
    }
    if (name === "postgres") sum += cpuMsOf(pid);
  }
  return sum;
}
