import { describe, expect, it } from "vitest";
import { commitmentObligation, COMMITMENT_DUE_DAYS, type CommitmentPerson } from "~/domain/obligations/commitment.ts";
import type { SignatureRef, VersionRef } from "~/domain/commitment/signature.ts";

// Noon in Vietnam on a day: the instant a test "is" on that day.
const at = (day: string) => new Date(`${day}T12:00:00+07:00`);
const v1: VersionRef = { id: 1, number: 1, publishedAt: at("2025-09-01") };
const v2: VersionRef = { id: 2, number: 2, publishedAt: at("2026-11-20") };
const clerk: CommitmentPerson = { status: "ACTIVE", secretAccess: true, gatesKt1Duty: false, positionSince: "2026-01-10" };
const signedV1: SignatureRef = { versionId: 1, kind: "ELECTRONIC", signedOn: "2025-10-02" };

describe("the commitment as an obligation", () => {
  it("is nobody's before a text exists, and not of someone with neither secrets nor KT1 duty", () => {
    expect(commitmentObligation(clerk, null, [], at("2026-12-04"))).toBeNull();
    const counter = { ...clerk, secretAccess: false };
    expect(commitmentObligation(counter, v1, [], at("2026-12-04"))).toBeNull();
    expect(commitmentObligation({ ...counter, gatesKt1Duty: true }, v1, [], at("2026-12-04"))?.status).toBe("OVERDUE");
  });

  it("is nobody's after they leave", () => {
    expect(commitmentObligation({ ...clerk, status: "LEFT" }, v1, [], at("2026-12-04"))).toBeNull();
  });

  it("is compliant with a signature of the current text, with no due date", () => {
    expect(commitmentObligation(clerk, v1, [signedV1], at("2026-12-04"))).toEqual({
      status: "COMPLIANT",
      dueOn: null,
      version: 1,
      signedOn: "2025-10-02",
      stale: false,
    });
  });

  it("is due 30 days after taking the position when the text is older, then overdue the day after", () => {
    const newcomer = { ...clerk, positionSince: "2026-11-15" };
    expect(COMMITMENT_DUE_DAYS).toBe(30);
    expect(commitmentObligation(newcomer, v1, [], at("2026-12-15"))).toMatchObject({ status: "DUE", dueOn: "2026-12-15", stale: false });
    expect(commitmentObligation(newcomer, v1, [], at("2026-12-16"))).toMatchObject({ status: "OVERDUE", dueOn: "2026-12-15" });
  });

  it("a new text makes an older signature stale: due again, 30 days after it was published (across a month end)", () => {
    const o = commitmentObligation(clerk, v2, [signedV1], at("2026-12-04"));
    expect(o).toEqual({ status: "DUE", dueOn: "2026-12-20", version: 2, signedOn: "2025-10-02", stale: true });
    expect(commitmentObligation(clerk, v2, [signedV1], at("2026-12-21"))?.status).toBe("OVERDUE");
    const signedV2: SignatureRef = { versionId: 2, kind: "PAPER", signedOn: "2026-12-01" };
    expect(commitmentObligation(clerk, v2, [signedV1, signedV2], at("2026-12-21"))?.status).toBe("COMPLIANT");
  });

  it("the due date follows the later of taking the position and the text's publication", () => {
    const moved = { ...clerk, positionSince: "2026-12-01" };
    expect(commitmentObligation(moved, v2, [], at("2026-12-04"))?.dueOn).toBe("2026-12-31");
  });
});
