// A child process for the backup test: seeds the demo data (as `npm start`
// does) into DATABASE_URL, prints "seeded", then keeps making audited changes —
// a person's phone and its audit entry in one transaction — printing each
// committed count, until its stdin closes.
import { appendAudit, auditedTransaction } from "~/services/audit.server.ts";
import { disconnectDb, getDb } from "~/utils/db.server.ts";

const now = new Date();
const { seedDemoDataIfEmpty } = await import("~/seed/seed.server.ts");
await seedDemoDataIfEmpty(now);
const { syncContentIfEmpty } = await import("~/services/content/seed-content.server.ts");
await syncContentIfEmpty(now);
await (await import("~/seed/roster-seed.server.ts")).seedRosterIfEmpty(now);
await (await import("~/seed/obligations-seed.server.ts")).seedObligationsIfEmpty(now);
console.log("seeded");

let open = true;
process.stdin.on("end", () => (open = false));
process.stdin.resume();
const people = await getDb().person.findMany({ select: { id: true, unitId: true }, take: 20, orderBy: { id: "asc" } });
for (let i = 1; open; i++) {
  const p = people[i % people.length];
  const phone = `09${String(10_000_000 + i).slice(-8)}`;
  await auditedTransaction(async (tx) => {
    await tx.person.update({ where: { id: p.id }, data: { phone } });
    await appendAudit(
      tx,
      { actorId: null, action: "person.update", unitId: p.unitId, targetType: "person", targetId: p.id, data: { phone } },
      new Date(),
    );
  });
  console.log(`wrote ${i}`);
}
await disconnectDb();
