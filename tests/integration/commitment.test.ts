// The commitment to protect state secrets (decision 044): signing stores what
// was signed, by whom, when and from where, audited; a paper record keeps its
// scan; a new text makes the roster refuse new bookings (whoever writes them)
// until the person signs again, while bookings already made stay.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FIRST_COMMITMENT_TEXT } from "~/seed/commitment-text.ts";
import {
  currentCommitmentText,
  publishCommitmentText,
  recordPaperCommitment,
  signCommitment,
  standingOf,
} from "~/services/commitment.server.ts";
import { assignToShift } from "~/services/roster/assignments.server.ts";
import { importStaff } from "~/services/staff-import.server.ts";
import { eligibilityOf } from "~/services/roster/eligibility.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { ensureCommitmentText } from "../support/commitment.ts";
import { makePerson, makeUnit } from "../support/factories.ts";
import { makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";
import { sqlAs } from "../support/sql.ts";

const DAY = 86_400_000;
const page = { personId: null, apiTokenId: null, path: "PAGE" as const };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function current() {
  const v = await currentCommitmentText();
  if (!v) throw new Error("no commitment text");
  return v;
}

describe("signing the commitment in the app", () => {
  it("refuses a name that does not match, then stores the version's hash, the time, the address and an audit entry", async () => {
    await ensureCommitmentText();
    const v1 = await current();
    expect(v1.textSha256).toBe(createHash("sha256").update(FIRST_COMMITMENT_TEXT, "utf8").digest("hex"));
    const unit = await makeUnit();
    const person = await makePerson({ unitId: unit.id, fullName: "Trần Thị Thu Hằng" });
    const now = new Date();

    for (const typed of ["Tran Thi Thu Hang", "trần thị thu hằng", "Trần Thị Thu"]) {
      expect(await signCommitment({ personId: person.id, versionId: v1.id, typedName: typed, ipAddress: "203.0.113.7" }, now)).toEqual({
        ok: false,
        code: "NAME_MISMATCH",
      });
    }
    expect(await getDb().commitmentSignature.count({ where: { personId: person.id } })).toBe(0);
    expect((await standingOf(person.id)).status).toBe("UNSIGNED");

    expect(
      await signCommitment({ personId: person.id, versionId: v1.id, typedName: " Trần Thị Thu Hằng ", ipAddress: "203.0.113.7" }, now),
    ).toEqual({ ok: true, value: { number: v1.number } });
    const [row] = await getDb().commitmentSignature.findMany({ where: { personId: person.id } });
    expect(row).toMatchObject({
      kind: "ELECTRONIC",
      versionId: v1.id,
      textSha256: v1.textSha256,
      typedName: "Trần Thị Thu Hằng",
      ipAddress: "203.0.113.7",
      recordedAt: now,
      scanId: null,
    });
    expect((await standingOf(person.id)).status).toBe("SIGNED");
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { action: "commitment.sign", targetId: String(person.id) } });
    expect(audit).toMatchObject({
      actorId: person.id,
      unitId: unit.id,
      data: { number: v1.number, textSha256: v1.textSha256, ipAddress: "203.0.113.7" },
    });

    // Signing twice records nothing more.
    expect(
      await signCommitment({ personId: person.id, versionId: v1.id, typedName: "Trần Thị Thu Hằng", ipAddress: "203.0.113.7" }, now),
    ).toEqual({ ok: false, code: "ALREADY_SIGNED" });
    expect(await getDb().auditEntry.count({ where: { action: "commitment.sign", targetId: String(person.id) } })).toBe(1);
  });

  it("a signature always names the hash of the text it signed, even written by hand in SQL", async () => {
    await ensureCommitmentText();
    const v = await current();
    const person = await makePerson({ unitId: (await makeUnit()).id, withAccount: false });
    await expect(
      sqlAs(
        "app",
        `insert into commitment_signatures (person_id, version_id, text_sha256, kind, signed_on, recorded_at, typed_name, ip_address) values ($1, $2, $3, 'ELECTRONIC', current_date, now(), 'x', '1.2.3.4')`,
        [person.id, v.id, "0".repeat(64)],
      ),
    ).rejects.toThrow(/foreign key/);
    await expect(
      sqlAs("app", `insert into commitment_versions (number, text, text_sha256, published_at) values (99, 'khác', $1, now())`, [
        v.textSha256,
      ]),
    ).rejects.toThrow(/commitment_versions_text_hash/);
    // Only ever added: the app's role may neither change nor remove one.
    await expect(sqlAs("app", `update commitment_versions set text = 'sửa' where id = $1`, [v.id])).rejects.toThrow(/permission denied/);
    await expect(sqlAs("app", `delete from commitment_signatures`)).rejects.toThrow(/permission denied/);
  });
});

describe("a paper signature recorded by an admin", () => {
  it("keeps the scan, typed by its first bytes, with the date, the recorder and an audit entry", async () => {
    await ensureCommitmentText();
    const v = await current();
    const unit = await makeUnit();
    const admin = await makePerson({ unitId: unit.id, roles: [{ role: "ADMIN", unitId: unit.id }] });
    const person = await makePerson({ unitId: unit.id, withAccount: false });
    const now = new Date();
    const record = (bytes: Uint8Array<ArrayBuffer>, signedOn = "2026-11-20") =>
      recordPaperCommitment({ personId: person.id, signedOn, source: { scan: { fileName: "ban-cam-ket.pdf", bytes } } }, admin.id, now);

    expect(await record(new TextEncoder().encode("<html><script>alert(1)</script>"))).toEqual({ ok: false, code: "SCAN_TYPE" });
    expect(await record(PNG, "2099-01-01")).toEqual({ ok: false, code: "FUTURE_DATE" });
    expect(await getDb().commitmentScan.count()).toBe(0);

    expect(await record(PNG)).toEqual({ ok: true, value: { number: v.number } });
    const row = await getDb().commitmentSignature.findFirstOrThrow({ where: { personId: person.id }, include: { scan: true } });
    expect(row).toMatchObject({
      kind: "PAPER",
      versionId: v.id,
      textSha256: v.textSha256,
      signedOn: new Date("2026-11-20T00:00:00Z"),
      recordedById: admin.id,
      typedName: null,
      ipAddress: null,
    });
    expect(row.scan).toMatchObject({ contentType: "image/png", fileName: "ban-cam-ket.pdf", size: PNG.length });
    expect(Buffer.from(row.scan!.bytes).equals(Buffer.from(PNG))).toBe(true);
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { action: "commitment.paper_record", targetId: String(person.id) } });
    expect(audit).toMatchObject({
      actorId: admin.id,
      data: {
        number: v.number,
        signedOn: "2026-11-20",
        scan: { type: "image/png", size: PNG.length, sha256: createHash("sha256").update(PNG).digest("hex") },
      },
    });

    expect(await record(PNG)).toEqual({ ok: false, code: "ALREADY_SIGNED" });
  });
});

describe("a new commitment text and the KT1 roster", () => {
  it("refuses a new booking for someone whose only signature is stale — through the service and raw SQL alike — and keeps bookings already made", async () => {
    const world = await makeRosterWorld();
    const { person } = await makeQualifiedPerson(world); // signed version 1 on paper in 2015
    const booked = await makeShift(world, new Date(Date.now() + 3 * DAY));
    const later = await makeShift(world, new Date(Date.now() + 5 * DAY));
    const first = await assignToShift(booked.id, person.id, page, new Date());
    expect(first.ok).toBe(true);

    const v1 = await current();
    const published = await publishCommitmentText(
      `${FIRST_COMMITMENT_TEXT}\n\n8. Tôi cam kết thêm một điều (phiên bản thử).`,
      null,
      new Date(),
    );
    expect(published).toEqual({ ok: true, value: { number: v1.number + 1 } });
    expect((await standingOf(person.id)).status).toBe("STALE");

    // The app's copy of the rule and PostgreSQL's agree: the commitment is missing.
    const check = await eligibilityOf({
      personId: person.id,
      dutyTypeId: world.dutyType.id,
      startsAt: later.startsAt,
      endsAt: later.endsAt,
    });
    expect(check).toEqual({ ok: false, code: "NOT_ELIGIBLE", reasons: [{ code: "NO_COMMITMENT" }] });
    const { rows } = await sqlAs("app", `select assignment_violations($1, $2, $3, $4, null) as v`, [
      person.id,
      world.dutyType.id,
      later.startsAt,
      later.endsAt,
    ]);
    expect(rows[0].v).toEqual(["NO_COMMITMENT"]);

    expect((await assignToShift(later.id, person.id, page, new Date())).ok).toBe(false);
    expect(await getDb().refusal.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({ reasons: ["NO_COMMITMENT"] });
    await expect(
      sqlAs("app", `insert into assignments (shift_id, person_id, source) values ($1, $2, 'PAGE')`, [later.id, person.id]),
    ).rejects.toThrow(/KT1 assignment refused: NO_COMMITMENT/);
    expect(await getDb().assignment.count({ where: { shiftId: later.id } })).toBe(0);

    // The booking made under version 1 stays, and its shift can still be moved.
    await sqlAs("app", `update shifts set starts_at = starts_at + interval '1 hour', ends_at = ends_at + interval '1 hour' where id = $1`, [
      booked.id,
    ]);
    expect(await getDb().assignment.findFirstOrThrow({ where: { shiftId: booked.id, personId: person.id } })).toMatchObject({
      status: "ACTIVE",
    });

    // Signed again, the person may be booked.
    const v2 = await current();
    expect(
      (await signCommitment({ personId: person.id, versionId: v2.id, typedName: person.fullName, ipAddress: "198.51.100.4" }, new Date()))
        .ok,
    ).toBe(true);
    expect((await assignToShift(later.id, person.id, page, new Date())).ok).toBe(true);
  });
});

describe("the staff import", () => {
  it("no longer takes a commitment date: the column is ignored and named in the result", async () => {
    await ensureCommitmentText();
    const unit = await makeUnit({ kind: "STATION" });
    const csv = `Mã nhân viên;Họ và tên;Mã đơn vị;Chức vụ;Ngày bắt đầu công tác;Ngày ký cam kết\r\nCK0001;Lê Thị Cam;${unit.code};BUU_TA_KT1;01/02/2020;03/02/2020\r\n`;
    const result = await importStaff(
      { name: "nhan-su.csv", bytes: new TextEncoder().encode(csv) },
      { personId: 0, grants: [{ role: "ADMIN", unitId: unit.id }] },
      new Date(),
    );
    expect(result).toMatchObject({ ok: true, value: { created: 1, ignoredColumns: ["Ngày ký cam kết"] } });
    const person = await getDb().person.findUniqueOrThrow({ where: { employeeCode: "CK0001" } });
    expect((await standingOf(person.id)).status).toBe("UNSIGNED");
  });
});
