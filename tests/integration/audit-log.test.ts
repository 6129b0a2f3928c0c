import { describe, expect, it } from "vitest";
import { exportAuditCsv } from "~/services/audit-log.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";

describe("audit log export", () => {
  it("records the export, with its filters, before the first byte is sent, and the file lists it", async () => {
    const province = await makeUnit({ kind: "PROVINCE", name: "Tỉnh kiểm toán thử" });
    const agency = await makeUnit({ parentId: province.id, name: "Cơ quan kiểm toán thử" });
    const auditor = await makePerson({ unitId: province.id, fullName: "Kiểm Toán Viên Thử", withAccount: false });
    const now = new Date();

    const csv = await exportAuditCsv(
      { personId: auditor.id, unitId: province.id },
      { scope: [province.id], unitId: agency.id, action: "audit.export" },
      now,
    );

    const entries = await getDb().auditEntry.findMany({ where: { actorId: auditor.id, action: "audit.export" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      unitId: agency.id,
      data: { format: "csv", filters: { unit: String(agency.id), action: "audit.export" } },
    });
    const lines = (await new Response(csv).text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Kiểm Toán Viên Thử");
  });
});
