// npm run bench:audit [-- --seconds 10] — the audit chain's ceiling: how many
// audited writes a second one database takes, at 1 to 64 concurrent writers.
// Every audited transaction joins the single hash chain at COMMIT under one
// lock (decision 027), so this is the serialization point of the whole app
// (docs/scaling.md). Runs on a throwaway embedded cluster with durable
// settings (fsync on), one small write per transaction, as a booking is.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { embeddedDatabase } from "../../server/database-roles.ts";
import { startEmbeddedPostgres } from "../../server/embedded-postgres.ts";
import { freePort } from "../../server/free-port.ts";
import { migrate } from "../../server/migrate.ts";

const seconds = Number(process.argv[process.argv.indexOf("--seconds") + 1]) || 10;
const dir = await mkdtemp(path.join(os.tmpdir(), "kt1-audit-bench-"));
const db = await startEmbeddedPostgres({ dir, port: await freePort() });
try {
  const urls = await embeddedDatabase(db);
  await migrate(urls.ownerUrl, () => {}, { appRole: "kt1_app" });
  process.env.DATABASE_URL = urls.appUrl;
  process.env.DATABASE_POOL_SIZE = "64";
  const { appendAudit, auditedTransaction } = await import("../../app/services/audit.server.ts");
  const { disconnectDb, getDb } = await import("../../app/utils/db.server.ts");
  const unit = await getDb().unit.create({ data: { code: "BENCH", name: "Đơn vị đo", kind: "PROVINCE" } });
  const rows: string[] = [];
  console.log(`Audit chain ceiling, ${seconds} s per step, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
  for (const writers of [1, 4, 16, 64]) {
    let done = 0;
    const latencies: number[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        while (performance.now() < until) {
          const t = performance.now();
          await auditedTransaction((tx) =>
            appendAudit(tx, { actorId: null, action: "bench.write", unitId: unit.id, targetType: "bench", targetId: w, data: { n: done } }, new Date()),
          );
          latencies.push(performance.now() - t);
          done++;
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
    const row = `| ${writers} | ${(done / seconds).toFixed(0)} | ${p(0.5)} | ${p(0.99)} |`;
    rows.push(row);
    console.log(row);
  }
  console.log(["| writers | audited writes/s | p50 ms | p99 ms |", "| --- | --- | --- | --- |", ...rows].join("\n"));
  await disconnectDb();
} finally {
  await db.stop();
  await rm(dir, { recursive: true, force: true });
}
