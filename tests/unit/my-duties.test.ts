// Which certification a person's duty rests on, as "Lịch trực của tôi" shows it
// (app/domain/roster/my-duties.ts): the booking rule's coverage, per required type.
import { describe, expect, it } from "vitest";
import { coversOf, type HeldCertification } from "~/domain/roster/my-duties.ts";

const TYPE = { id: 7, name: "Nghiệp vụ KT1" };
// 08:00–12:00 Vietnam time on 15/03/2027.
const duty = { startsAt: new Date("2027-03-15T01:00:00Z"), endsAt: new Date("2027-03-15T05:00:00Z") };
const cert = (over: Partial<HeldCertification>): HeldCertification => ({
  certificationTypeId: TYPE.id,
  typeName: TYPE.name,
  serial: "S-1",
  validFrom: "2025-03-01",
  validUntil: "2027-03-15",
  revokedAt: null,
  ...over,
});

describe("the certification behind a duty", () => {
  it("names the covering certification valid longest (the last valid day counts whole)", () => {
    const [c] = coversOf(duty, [TYPE], [cert({ serial: "OLD" }), cert({ serial: "NEW", validUntil: "2029-01-01" })]);
    expect(c).toMatchObject({ covers: true, certification: { serial: "NEW" } });
    expect(coversOf(duty, [TYPE], [cert({ serial: "OLD" })])[0]).toMatchObject({ covers: true, certification: { serial: "OLD" } });
  });

  it("warns when the certification ends before the duty, was revoked, or is missing", () => {
    expect(coversOf(duty, [TYPE], [cert({ validUntil: "2027-03-14" })])[0]).toMatchObject({
      covers: false,
      certification: { validUntil: "2027-03-14" },
    });
    expect(coversOf(duty, [TYPE], [cert({ revokedAt: new Date("2027-03-15T02:00:00Z") })])[0].covers).toBe(false);
    expect(coversOf(duty, [TYPE], [cert({ revokedAt: new Date("2027-03-15T05:00:00Z") })])[0].covers).toBe(true);
    expect(coversOf(duty, [TYPE], [cert({ certificationTypeId: 8 })])[0]).toEqual({
      certificationTypeId: TYPE.id,
      typeName: TYPE.name,
      certification: null,
      covers: false,
    });
  });
});
