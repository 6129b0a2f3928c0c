import { describe, expect, it } from "vitest";
import { exportAuditCsv, listAuditEntries } from "~/services/audit-log.server.ts";
import { appendAudit, auditedTransaction } from "~/services/audit.server.ts";
import { auditRefs } from "~/services/audit-refs.server.ts";
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

describe("audit log paging", () => {
  it("cuts pages by entry id, so entries written between page loads do not shift the rows", async () => {
    const province = await makeUnit({ kind: "PROVINCE", name: "Tỉnh phân trang thử" });
    const agency = await makeUnit({ parentId: province.id, name: "Cơ quan phân trang thử" });
    const write = (i: number) =>
      auditedTransaction((tx) => appendAudit(tx, { actorId: null, action: "test.page", unitId: agency.id, data: { i } }, new Date()));
    for (let i = 1; i <= 7; i++) await write(i);
    const q = { scope: [province.id], unitId: agency.id, action: "test.page", pageSize: 3 };
    const numbers = (p: { rows: { data: unknown }[] }) => p.rows.map((r) => (r.data as { i: number }).i);

    const first = await listAuditEntries(q);
    expect(numbers(first)).toEqual([7, 6, 5]);
    expect(first.newer).toBeNull();

    // Two entries arrive while the reader looks at the first page.
    await write(8);
    await write(9);

    const second = await listAuditEntries({ ...q, before: first.older });
    expect(numbers(second)).toEqual([4, 3, 2]);
    const third = await listAuditEntries({ ...q, before: second.older });
    expect(numbers(third)).toEqual([1]);
    expect(third.older).toBeNull();

    // Back up: the page before the second is the first page as it was read.
    const back = await listAuditEntries({ ...q, after: second.newer });
    expect(numbers(back)).toEqual([7, 6, 5]);
    expect(numbers(await listAuditEntries({ ...q, after: back.newer }))).toEqual([9, 8]);
  });
});

describe("audit log names", () => {
  it("look up the people an entry names, by id and by employee code, with links to them", async () => {
    const unit = await makeUnit({ name: "Đơn vị tên thử" });
    const person = await makePerson({ unitId: unit.id, fullName: "Phạm Thị Tên Thử", withAccount: false });
    const refs = await auditRefs(
      [
        { actorId: person.id, action: "role.grant", targetType: "person", targetId: String(person.id), data: {} },
        {
          actorId: null,
          action: "reminder.manual",
          targetType: "certification",
          targetId: "999999999",
          data: { person: person.employeeCode },
        },
      ],
      "vi",
    );
    const link = { text: `Phạm Thị Tên Thử (${person.employeeCode})`, href: `/people/${person.id}` };
    expect(refs[`person:${person.id}`]).toEqual(link);
    expect(refs[`code:${person.employeeCode}`]).toEqual(link);
    expect(refs["certification:999999999"]).toBeUndefined();
  });
});
