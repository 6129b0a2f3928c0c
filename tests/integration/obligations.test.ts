// Obligations are stored by one service, in the transaction of the change that
// alters them (decision 042): hire, move, position change, import, rule edits.
// And the API reads them with their status now.
import { beforeAll, describe, expect, it } from "vitest";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import * as obligationsRoute from "~/routes/api.v1/api.v1.staff_.$employeeCode.obligations.tsx";
import { openApiDocument } from "~/services/api/openapi.ts";
import { createApiToken } from "~/services/api/tokens.server.ts";
import { currentCommitmentText, signCommitment } from "~/services/commitment.server.ts";
import { issueCertification } from "~/services/exams/certifications.server.ts";
import { createRule, deleteRule, updateRule, type RuleInput } from "~/services/obligations/requirements.server.ts";
import { updatePerson } from "~/services/people-admin.server.ts";
import { importStaff } from "~/services/staff-import.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { confirmedSessionLine, makePerson, makeUnit } from "../support/factories.ts";
import { ensureCommitmentText } from "../support/commitment.ts";
import { assertDocumented } from "../support/openapi-check.ts";

const NOW = new Date("2026-11-28T03:00:00Z"); // 10:00 on 28/11/2026 in Vietnam
const doc = openApiDocument as unknown as Record<string, unknown>;

let w: Awaited<ReturnType<typeof setUp>>;

async function setUp() {
  const db = getDb();
  const type = (code: string) =>
    db.certificationType.create({ data: { code, name: `Chứng nhận ${code}`, validityMonths: 24, renewalWindowDays: 90 } });
  // One after another: the expected lists below are in id order.
  const clerk = await type("OB-VAN-THU");
  const secrets = await type("OB-BMNN");
  const postal = await type("OB-BUU-DIEN");
  const pos = new Map((await db.position.findMany()).map((p) => [p.code, p.id]));
  const root = await makeUnit({ kind: "PROVINCE" });
  const agency = await makeUnit({ parentId: root.id, kind: "AGENCY" });
  const postOffice = await makeUnit({ parentId: root.id, kind: "POST_OFFICE" });
  const outside = await makeUnit({ kind: "PROVINCE" });
  const rule = (input: Partial<RuleInput> & { certificationTypeId: number }) =>
    createRule(
      { unitKind: null, positionId: null, secretAccess: false, dueWithinDays: 30, gatesKt1Duty: false, ...input },
      null,
      NOW,
      "2026-01-01",
    );
  const rules = {
    clerk: await rule({ unitKind: "AGENCY", positionId: pos.get("VAN_THU")!, certificationTypeId: clerk.id }),
    secrets: await rule({ secretAccess: true, certificationTypeId: secrets.id, dueWithinDays: 60 }),
    postal: await rule({ positionId: pos.get("GDV_KT1")!, certificationTypeId: postal.id, gatesKt1Duty: true }),
  };
  for (const r of Object.values(rules)) if (!r.ok) throw new Error(r.code);
  const ruleId = (r: (typeof rules)[keyof typeof rules]) => (r.ok ? r.value.id : 0);
  return {
    types: { clerk: clerk.id, secrets: secrets.id, postal: postal.id },
    pos,
    root,
    agency,
    postOffice,
    outside,
    rules: { clerk: ruleId(rules.clerk), secrets: ruleId(rules.secrets), postal: ruleId(rules.postal) },
  };
}

async function stored(personId: number, db: Pick<ReturnType<typeof getDb>, "obligation"> = getDb()) {
  const rows = await db.obligation.findMany({ where: { personId }, orderBy: { certificationTypeId: "asc" } });
  return rows.map((o) => ({ type: o.certificationTypeId, rule: o.ruleId, since: fromDateColumn(o.since), dueOn: fromDateColumn(o.dueOn) }));
}

beforeAll(async () => {
  w = await setUp();
});

describe("obligations kept in step", () => {
  it("a hire stores the obligations of the position; a move recomputes them in its own transaction", async () => {
    const person = await makePerson({ unitId: w.postOffice.id, positionCode: "VAN_THU", positionSince: "2026-10-01", withAccount: false });
    // At a post office, a clerk needs the secrets type only.
    expect(await stored(person.id)).toEqual([{ type: w.types.secrets, rule: w.rules.secrets, since: "2026-10-01", dueOn: "2026-11-30" }]);

    // Inside the move's transaction the new obligation is there; rolled back, it is gone with the move.
    const seen = await getDb()
      .$transaction(async (tx) => {
        await updatePerson(tx, person.id, { unitId: w.agency.id }, null, NOW);
        const inside = await stored(person.id, tx);
        throw Object.assign(new Error("rollback"), { inside });
      })
      .catch((e: { inside?: unknown }) => e.inside);
    expect(seen).toEqual([
      { type: w.types.clerk, rule: w.rules.clerk, since: "2026-11-28", dueOn: "2026-12-28" },
      { type: w.types.secrets, rule: w.rules.secrets, since: "2026-10-01", dueOn: "2026-11-30" },
    ]);
    expect(await stored(person.id)).toHaveLength(1);

    await getDb().$transaction((tx) => updatePerson(tx, person.id, { unitId: w.agency.id }, null, NOW));
    expect(await stored(person.id)).toEqual(seen);
    // The move took the position today: the new obligation counts from the move, the old one keeps its date.
    expect(fromDateColumn((await getDb().person.findUniqueOrThrow({ where: { id: person.id } })).positionSince)).toBe("2026-11-28");
  });

  it("a position change recomputes: new types from the position date, dropped types removed, a person who left has none", async () => {
    const person = await makePerson({ unitId: w.agency.id, positionCode: "CHUYEN_VIEN", withAccount: false });
    expect(await stored(person.id)).toEqual([]);
    await getDb().$transaction((tx) =>
      updatePerson(tx, person.id, { positionId: w.pos.get("VAN_THU")!, positionSince: new Date("2026-11-01T00:00:00Z") }, null, NOW),
    );
    expect(await stored(person.id)).toEqual([
      { type: w.types.clerk, rule: w.rules.clerk, since: "2026-11-01", dueOn: "2026-12-01" },
      { type: w.types.secrets, rule: w.rules.secrets, since: "2026-11-01", dueOn: "2026-12-31" },
    ]);
    await getDb().$transaction((tx) => updatePerson(tx, person.id, { positionId: w.pos.get("GDV_KT1")! }, null, NOW));
    expect(await stored(person.id)).toEqual([{ type: w.types.postal, rule: w.rules.postal, since: "2026-11-28", dueOn: "2026-12-28" }]);
    await getDb().$transaction((tx) => updatePerson(tx, person.id, { status: "LEFT" }, null, NOW));
    expect(await stored(person.id)).toEqual([]);
  });

  it("an import recomputes the obligations of everyone it writes; a file with an unknown position writes nothing", async () => {
    const admin = { personId: 0, grants: [{ role: "ADMIN" as const, unitId: w.root.id }] };
    const header = "Mã nhân viên;Họ và tên;Mã đơn vị;Chức vụ;Ngày bắt đầu công tác";
    const csv = (rows: string[]) => ({ name: "nhan-su.csv", bytes: new TextEncoder().encode([header, ...rows].join("\n")) });
    const first = await importStaff(
      csv([`OB001;Trần Thị Văn;${w.agency.code};van thu;01/03/2026`, `OB002;Lê Văn Giao;${w.postOffice.code};GDV_KT1;01/11/2026`]),
      admin,
      NOW,
    );
    expect(first).toMatchObject({ ok: true, value: { created: 2 } });
    const clerk = await getDb().person.findUniqueOrThrow({ where: { employeeCode: "OB001" } });
    const postal = await getDb().person.findUniqueOrThrow({ where: { employeeCode: "OB002" } });
    expect(await stored(clerk.id)).toEqual([
      { type: w.types.clerk, rule: w.rules.clerk, since: "2026-03-01", dueOn: "2026-03-31" },
      { type: w.types.secrets, rule: w.rules.secrets, since: "2026-03-01", dueOn: "2026-04-30" },
    ]);
    expect(await stored(postal.id)).toEqual([{ type: w.types.postal, rule: w.rules.postal, since: "2026-11-01", dueOn: "2026-12-01" }]);

    // Moved to the post office by a second file: the clerks' type goes, the secrets one keeps its date.
    const second = await importStaff(csv([`OB001;Trần Thị Văn;${w.postOffice.code};Văn thư;01/03/2026`]), admin, NOW);
    expect(second).toMatchObject({ ok: true, value: { updated: 1 } });
    expect(await stored(clerk.id)).toEqual([{ type: w.types.secrets, rule: w.rules.secrets, since: "2026-03-01", dueOn: "2026-04-30" }]);

    const bad = await importStaff(
      csv([`OB003;Phạm Văn Mới;${w.agency.code};Văn thư;01/03/2026`, `OB004;Đỗ Thị Lạ;${w.agency.code};Thủ kho;01/03/2026`]),
      admin,
      NOW,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reasons).toEqual([{ line: 3, field: "position", code: "UNKNOWN_POSITION", value: "Thủ kho" }]);
    expect(await getDb().person.count({ where: { employeeCode: { in: ["OB003", "OB004"] } } })).toBe(0);
  });

  it("a rule edit moves due dates, a retargeted rule drops and adds people, a deleted rule hands its obligations to another", async () => {
    const clerk = await makePerson({ unitId: w.agency.id, positionCode: "VAN_THU", positionSince: "2026-06-15", withAccount: false });
    const base = {
      unitKind: "AGENCY" as const,
      positionId: w.pos.get("VAN_THU")!,
      secretAccess: false,
      certificationTypeId: w.types.clerk,
      gatesKt1Duty: false,
    };
    const edited = await updateRule(w.rules.clerk, { ...base, dueWithinDays: 45 }, null, NOW);
    expect(edited).toMatchObject({ ok: true });
    expect((await stored(clerk.id)).find((o) => o.type === w.types.clerk)).toEqual({
      type: w.types.clerk,
      rule: w.rules.clerk,
      since: "2026-06-15",
      dueOn: "2026-07-30",
    });
    expect(await getDb().auditEntry.count({ where: { action: "requirement.update", targetId: String(w.rules.clerk) } })).toBe(1);

    // A second rule for the same type (everyone at an agency with access to secrets); then the first goes.
    const other = await createRule(
      {
        unitKind: "AGENCY",
        positionId: null,
        secretAccess: true,
        certificationTypeId: w.types.clerk,
        dueWithinDays: 90,
        gatesKt1Duty: false,
      },
      null,
      NOW,
      "2026-01-01",
    );
    expect(other.ok).toBe(true);
    const removed = await deleteRule(w.rules.clerk, null, NOW);
    expect(removed).toMatchObject({ ok: true });
    const otherId = other.ok ? other.value.id : 0;
    expect((await stored(clerk.id)).find((o) => o.type === w.types.clerk)).toEqual({
      type: w.types.clerk,
      rule: otherId,
      since: "2026-06-15",
      dueOn: "2026-09-13",
    });

    // Retargeted to people without access to secrets' positions: the clerk no longer needs the type.
    const retargeted = await updateRule(
      otherId,
      {
        unitKind: "AGENCY",
        positionId: w.pos.get("CHUYEN_VIEN")!,
        secretAccess: false,
        certificationTypeId: w.types.clerk,
        dueWithinDays: 90,
        gatesKt1Duty: false,
      },
      null,
      NOW,
    );
    expect(retargeted).toMatchObject({ ok: true });
    expect((await stored(clerk.id)).map((o) => o.type)).toEqual([w.types.secrets]);
    const specialist = await makePerson({
      unitId: w.agency.id,
      positionCode: "CHUYEN_VIEN",
      positionSince: "2019-01-01",
      withAccount: false,
    });
    // It took its new target today: people already in the position count from today.
    expect(await stored(specialist.id)).toEqual([{ type: w.types.clerk, rule: otherId, since: "2026-11-28", dueOn: "2027-02-26" }]);

    expect(await createRule({ ...base, unitKind: "AGENCY", positionId: w.pos.get("CHUYEN_VIEN")!, dueWithinDays: 10 }, null, NOW)).toEqual({
      ok: false,
      code: "duplicateRule",
    });
  });
});

describe("GET /api/v1/staff/{employeeCode}/obligations", () => {
  async function get(employeeCode: string, token: string | null) {
    const request = new Request(`http://localhost/api/v1/staff/${encodeURIComponent(employeeCode)}/obligations`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    const res = await obligationsRoute.loader({ request, params: { employeeCode }, context: {} as never } as never);
    const body = await res.json();
    assertDocumented(doc, "/api/v1/staff/{employeeCode}/obligations", "GET", res.status, body);
    return { status: res.status, body };
  }

  it("answers the obligations with their status for compliance:read, within the token's subtree only", async () => {
    const person = await makePerson({ unitId: w.postOffice.id, positionCode: "GDV_KT1", positionSince: "2026-10-01", withAccount: false });
    const [compliance, roster, elsewhere] = await Promise.all([
      createApiToken({ name: "Tuân thủ", unitCode: w.root.code, scopes: ["compliance:read"] }, null, NOW),
      createApiToken({ name: "Lịch trực", unitCode: w.root.code, scopes: ["roster:read"] }, null, NOW),
      createApiToken({ name: "Nơi khác", unitCode: w.outside.code, scopes: ["compliance:read"] }, null, NOW),
    ]);
    const { employeeCode: code, fullName } = await getDb().person.findUniqueOrThrow({ where: { id: person.id } });
    await ensureCommitmentText();
    const text = (await currentCommitmentText())!;

    // A KT1 duty type is required of a counter clerk: so is the signed commitment.
    const overdue = await get(code, compliance.token);
    expect(overdue).toEqual({
      status: 200,
      body: {
        employeeCode: code,
        obligations: [{ certificationType: "OB-BUU-DIEN", status: "OVERDUE", dueOn: "2026-10-31", validUntil: null }],
        commitment: {
          status: expect.stringMatching(/^(DUE|OVERDUE)$/),
          dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          version: text.number,
          signedOn: null,
        },
      },
    });
    const signed = await signCommitment({ personId: person.id, versionId: text.id, typedName: fullName, ipAddress: "203.0.113.9" }, NOW);
    expect(signed.ok).toBe(true);

    const line = await confirmedSessionLine({
      personId: person.id,
      certificationTypeId: w.types.postal,
      heldOn: "2026-11-28",
      at: new Date(),
    });
    await getDb().$transaction((tx) =>
      issueCertification(
        tx,
        { personId: person.id, certificationTypeId: w.types.postal, source: "IN_PERSON", trainingAttendanceId: line.attendanceId },
        line.confirmerId,
        new Date(),
      ),
    );
    const compliant = await get(code, compliance.token);
    expect(compliant.body.obligations).toEqual([
      { certificationType: "OB-BUU-DIEN", status: "COMPLIANT", dueOn: null, validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
    expect(compliant.body.commitment).toEqual({ status: "COMPLIANT", dueOn: null, version: text.number, signedOn: "2026-11-28" });

    expect((await get(code, roster.token)).status).toBe(403);
    expect((await get(code, null)).status).toBe(401);
    expect((await get(code, elsewhere.token)).status).toBe(404);
    expect((await get("KHONG-CO-AI", compliance.token)).status).toBe(404);
  });
});
