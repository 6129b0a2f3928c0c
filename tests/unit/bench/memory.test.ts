import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { processTree, withPeakRss } from "../../../scripts/bench/memory.ts";
import { markdown } from "../../../scripts/bench/report.ts";

describe("the bench's memory sampling", () => {
  it("finds a process's Node children and reports each one's peak RSS", async () => {
    // A child that holds ~64 MB for a while, standing in for an app worker.
    const child = spawn(process.execPath, ["-e", "const b = Buffer.alloc(64 * 2 ** 20, 1); setTimeout(() => b.length, 60_000)"], { stdio: "ignore" });
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect(await processTree(process.pid)).toContain(child.pid);
      const { value, rss } = await withPeakRss(process.pid, () => new Promise((r) => setTimeout(() => r("done"), 450)));
      expect(value).toBe("done");
      expect(rss.samples).toBeGreaterThanOrEqual(2);
      expect(rss.primary).toBeGreaterThan(10);
      expect(rss.workers.length).toBeGreaterThanOrEqual(1);
      expect(Math.max(...rss.workers)).toBeGreaterThan(60);
      expect(rss.cpuSeconds).toBeGreaterThanOrEqual(0);
      expect(rss.workersAtStart).toHaveLength(rss.workers.length);
    } finally {
      child.kill();
    }
  });

  it("puts the peaks in the Markdown, with exam day's 400 MB target per worker", () => {
    const report = { machine: {}, dataset: {}, settings: {}, results: {} };
    const memory = { examDay: { primary: 120.5, workers: [310.2, 452.3], workersAtStart: [250, 260.5], samples: 900, cpuSeconds: 151.2 },
      dashboard: { primary: 100, workers: [200, 210], workersAtStart: [190, 200], samples: 50, cpuSeconds: 20 },
    };
    const md = markdown({ ...report, memory });
    expect(md).toContain("| Exam day | 120.5 MB | 250 MB → 310.2 MB · 260.5 MB → 452.3 MB | 151.2 s | 900 | < 400 MB per serving process: **missed** |");
    expect(md).toContain("| Dashboard and drill-down | 100 MB | 190 MB → 200 MB · 200 MB → 210 MB | 20 s | 50 |  |");
    const met = markdown({ ...report, memory: { examDay: { primary: 300, workers: [], workersAtStart: [], samples: 10, cpuSeconds: 1 } } });
    expect(met).toContain("(none: the primary serves) | 1 s | 10 | < 400 MB per serving process: met |");
  });
});
