import { describe, expect, it } from "vitest";
import { decideSession, decisionRefusals, type SessionForDecision } from "~/domain/exams/session-decision.ts";

// Units: 1 province > 2 station; 3 another province.
const session: SessionForDecision = {
  status: "PENDING",
  recordedById: 10,
  lines: [
    { personId: 20, unitPath: [1, 2] },
    { personId: 21, unitPath: [1, 2] },
  ],
};
const now = new Date("2026-12-04T03:00:00Z");
const trainer = (personId: number, unitId = 1, role: "TRAINER" | "ADMIN" | "MANAGER" = "TRAINER") => ({
  personId,
  grants: [{ role, unitId }],
});

describe("the two-person rule of in-person sessions", () => {
  it("lets a second trainer or admin over everyone listed confirm, at the given time", () => {
    expect(decideSession(session, trainer(11), { kind: "confirm" }, now)).toEqual({
      ok: true,
      value: { status: "CONFIRMED", decidedById: 11, decidedAt: now, rejectReason: null },
    });
    expect(decideSession(session, trainer(12, 1, "ADMIN"), { kind: "reject", reason: "  Thiếu chữ ký  " }, now)).toMatchObject({
      ok: true,
      value: { status: "REJECTED", rejectReason: "Thiếu chữ ký" },
    });
  });

  it("refuses the recorder, a participant, a role that does not cover everyone, and gives every reason at once", () => {
    expect(decisionRefusals(session, trainer(10))).toEqual(["recorder"]);
    expect(decisionRefusals(session, trainer(20))).toEqual(["participant"]);
    expect(decisionRefusals(session, trainer(11, 3))).toEqual(["noRole"]);
    expect(decisionRefusals(session, trainer(11, 1, "MANAGER"))).toEqual(["noRole"]);
    const partly = { ...session, lines: [...session.lines, { personId: 22, unitPath: [3] }] };
    expect(decisionRefusals(partly, trainer(11, 2))).toEqual(["noRole"]);
    expect(decisionRefusals({ ...session, status: "CONFIRMED" }, trainer(20, 3))).toEqual(["decided", "participant", "noRole"]);
  });

  it("decides once, and a rejection needs a reason of 5 to 500 characters", () => {
    expect(decideSession({ ...session, status: "REJECTED" }, trainer(11), { kind: "confirm" }, now)).toEqual({
      ok: false,
      code: "REFUSED",
      reasons: ["decided"],
    });
    expect(decideSession(session, trainer(11), { kind: "reject", reason: "sai " }, now)).toEqual({
      ok: false,
      code: "REFUSED",
      reasons: ["reason"],
    });
    expect(decideSession(session, trainer(11), { kind: "reject", reason: "x".repeat(501) }, now)).toEqual({
      ok: false,
      code: "REFUSED",
      reasons: ["reason"],
    });
  });
});
