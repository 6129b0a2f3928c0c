// Peak resident memory (VmRSS) of the app's processes while a scenario runs:
// the spawned primary and every process below it (the WEB_PROCESSES workers
// that cluster forks), sampled from /proc every 200 ms, and their CPU time. Linux only; elsewhere
// the samples are empty and the report says so.
import { readdir, readFile, readlink } from "node:fs/promises";
import { processCpu } from "./proc-cpu.ts";

const EVERY_MS = 200;

/**
 * Peaks in megabytes, one decimal; `cpuSeconds`: the CPU time (user + system) all of these
 * processes used during the scenario, a figure that other load on the machine disturbs far
 * less than latency does.
 */
export type PeakRss = { primary: number | null; workers: number[]; workersAtStart: number[]; samples: number; cpuSeconds: number };

async function read(file: string) {
  return readFile(file, "utf8").catch(() => null);
}

/** Every process's parent, from /proc/<pid>/stat (the field after the parenthesised name). */
async function parents() {
  const out = new Map<number, number>();
  const pids = (await readdir("/proc").catch(() => [])).filter((d) => /^\d+$/.test(d));
  await Promise.all(
    pids.map(async (pid) => {
      const stat = await read(`/proc/${pid}/stat`);
      const after = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (after) out.set(Number(pid), Number(after[1]));
    }),
  );
  return out;
}

/** The pid and its descendants that run Node (not helpers such as esbuild's service), the root first. */
export async function processTree(root: number) {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of await parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(byParent.get(tree[i]) ?? []));
  const node = await Promise.all(tree.map((pid) => readlink(`/proc/${pid}/exe`).then((exe) => exe === process.execPath, () => false)));
  return tree.filter((pid, i) => pid === root || node[i]);
}

async function rssMb(pid: number) {
  const kb = /VmRSS:\s+(\d+) kB/.exec((await read(`/proc/${pid}/status`)) ?? "")?.[1];
  return kb === undefined ? null : Number(kb) / 1024;
}

/**
 * Runs `work` while sampling; returns its result and the peak RSS of the root
 * and of each process below it (workers in pid order; a worker that was
 * replaced mid-run counts as one more).
 */
export async function withPeakRss<T>(root: number | undefined, work: () => Promise<T>): Promise<{ value: T; rss: PeakRss }> {
  const peaks = new Map<number, number>();
  const firstRss = new Map<number, number>();
  const firstCpu = new Map<number, number>();
  const lastCpu = new Map<number, number>();
  let samples = 0;
  let tree: number[] = [];
  let busy = false;
  const sample = async () => {
    if (root === undefined || busy) return;
    busy = true;
    try {
      // The tree changes only when a worker is replaced: look for new pids once a second.
      if (samples % 5 === 0) tree = await processTree(root);
      const sizes = await Promise.all(tree.map(rssMb));
      const cpu = tree.map((pid) => processCpu(pid));
      tree.forEach((pid, i) => {
        const mb = sizes[i];
        if (mb !== null) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, mb));
        if (mb !== null && !firstRss.has(pid)) firstRss.set(pid, mb);
        const c = cpu[i];
        if (c) {
          if (!firstCpu.has(pid)) firstCpu.set(pid, c.user + c.sys);
          lastCpu.set(pid, c.user + c.sys);
        }
      });
      samples++;
    } finally {
      busy = false;
    }
  };
  await sample();
  const timer = setInterval(() => void sample(), EVERY_MS);
  try {
    const value = await work();
    await sample();
    const round = (mb: number | undefined) => (mb === undefined ? null : Math.round(mb * 10) / 10);
    const workers = [...peaks.keys()].filter((pid) => pid !== root).sort((a, b) => a - b);
    const ms = [...lastCpu].reduce((sum, [pid, t]) => sum + t - (firstCpu.get(pid) ?? t), 0);
    const cpuSeconds = Math.round(ms / 100) / 10;
    return { value, rss: {
        primary: round(peaks.get(root!)),
        workers: workers.map((pid) => round(peaks.get(pid))!),
        // What a worker held before the scenario began: the peak less this is what the scenario added.
        workersAtStart: workers.map((pid) => round(firstRss.get(pid))!),
        samples,
        cpuSeconds,
      } };
  } finally {
    clearInterval(timer);
  }
}
