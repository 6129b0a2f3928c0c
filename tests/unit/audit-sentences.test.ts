import { describe, expect, it } from "vitest";
import { auditSentence as render, sentenceText, type AuditRefs, type SentenceEntry } from "~/domain/audit/sentences.ts";
import type { Locale } from "~/i18n/index.ts";
import { formatsFor } from "~/utils/format.ts";

const auditSentence = (e: SentenceEntry, r: AuditRefs, locale: Locale, label: string) => render(e, r, locale, label, formatsFor(locale));

const entry = (e: Partial<SentenceEntry> & { action: string }): SentenceEntry => ({
  actorId: 7,
  actorName: "Nguyễn Văn An",
  targetType: null,
  targetId: null,
  data: {},
  ...e,
});

const refs: AuditRefs = {
  "person:7": { text: "Nguyễn Văn An (NV0007)", href: "/people/7" },
  "assignment:116": { text: "ca Chấp nhận KT1 tại Bưu cục Ba Đình", href: "/roster/shifts/40" },
  "assignmentPerson:116": { text: "Trần Thị Bình (NV0009)", href: "/people/9" },
  "certification:3": { text: "KT1-2026-000003", href: "/certificates/3" },
  "certificationPerson:3": { text: "Lê Văn Cường (NV0011)", href: "/people/11" },
  "lesson:5": { text: "Phân loại tài liệu mật", href: "/learn/kt1/phan-loai" },
};

const assign = entry({
  action: "roster.assign",
  targetType: "assignment",
  targetId: "116",
  data: {
    person: "NV0009",
    station: "BD",
    duty: "KT1-CHAP-NHAN",
    path: "PAGE",
    startsAt: "2026-12-04T00:30:00.000Z",
    endsAt: "2026-12-04T04:30:00.000Z",
  },
});

describe("audit sentences", () => {
  it("say who assigned whom to which shift, in Vietnam time, with links", () => {
    const parts = auditSentence(assign, refs, "vi", "Phân công trực KT1");
    expect(sentenceText(parts)).toBe(
      "Nguyễn Văn An (NV0007) phân công Trần Thị Bình (NV0009) vào ca Chấp nhận KT1 tại Bưu cục Ba Đình, từ 04/12/2026 07:30 đến 04/12/2026 11:30.",
    );
    expect(parts.filter((p) => typeof p !== "string")).toEqual([refs["person:7"], refs["assignmentPerson:116"], refs["assignment:116"]]);
  });

  it("read in English when the page is", () => {
    expect(sentenceText(auditSentence(assign, refs, "en", "Assigned"))).toBe(
      "Nguyễn Văn An (NV0007) assigned Trần Thị Bình (NV0009) to ca Chấp nhận KT1 tại Bưu cục Ba Đình, from 04/12/2026 07:30 to 04/12/2026 11:30.",
    );
  });

  it("fall back to the data's names when the linked things are not found", () => {
    const text = sentenceText(auditSentence({ ...assign, data: { ...(assign.data as object), path: "API" } }, {}, "vi", "x"));
    expect(text).toBe("Nguyễn Văn An phân công NV0009 vào #116 (qua API), từ 04/12/2026 07:30 đến 04/12/2026 11:30.");
  });

  it("name the certificate, its holder and the reason of a revocation", () => {
    const e = entry({
      action: "certification.revoke",
      targetType: "certification",
      targetId: "3",
      data: { serial: "KT1-2026-000003", reason: "Gian lận" },
    });
    const parts = auditSentence(e, refs, "vi", "x");
    expect(sentenceText(parts)).toBe(
      "Nguyễn Văn An (NV0007) thu hồi chứng nhận KT1-2026-000003 của Lê Văn Cường (NV0011). Lý do: Gian lận.",
    );
    expect(parts).toContainEqual({ text: "KT1-2026-000003", href: "/certificates/3" });
  });

  it("link the lesson of a publication", () => {
    const e = entry({
      action: "lesson.publish",
      targetType: "lesson",
      targetId: "5",
      data: { course: "kt1", lesson: "phan-loai", version: 3 },
    });
    const parts = auditSentence(e, refs, "vi", "x");
    expect(sentenceText(parts)).toBe("Nguyễn Văn An (NV0007) xuất bản phiên bản 3 của bài học Phân loại tài liệu mật.");
    expect(parts).toContainEqual(refs["lesson:5"]);
  });

  it("write percentages the Vietnamese way with one decimal, and say when the system submitted", () => {
    const e = entry({
      action: "exam.submit",
      actorId: null,
      actorName: null,
      data: { exam: "Sát hạch KT1", percent: 62.2222, passed: false },
    });
    expect(sentenceText(auditSentence(e, refs, "vi", "x"))).toBe(
      "Hệ thống tự nộp bài sát hạch “Sát hạch KT1” khi hết giờ: 62,2%, không đạt.",
    );
    expect(sentenceText(auditSentence(e, refs, "en", "x"))).toBe(
      "The system submitted the exam “Sát hạch KT1” when time ran out: 62.2%, not passed.",
    );
  });

  it("show a failed login by the name that was typed", () => {
    const e = entry({ action: "auth.login_failed", actorId: null, actorName: null, data: { identifier: "nv0009", ip: "10.0.0.5" } });
    expect(sentenceText(auditSentence(e, refs, "vi", "x"))).toBe("Đăng nhập thất bại với tên đăng nhập “nv0009” từ địa chỉ 10.0.0.5.");
  });

  it("list the changed fields of a person by their labels", () => {
    const e = entry({
      action: "person.update",
      targetType: "person",
      targetId: "7",
      data: { fullName: ["A", "B"], workStartedOn: ["2020-01-01", "2021-01-01"] },
    });
    expect(sentenceText(auditSentence(e, refs, "vi", "x"))).toBe(
      "Nguyễn Văn An (NV0007) sửa thông tin của Nguyễn Văn An (NV0007): Họ tên, Ngày bắt đầu công tác.",
    );
  });

  it("give an unknown action a generic sentence with its label and target", () => {
    const e = entry({ action: "exam.confirm", targetType: "attempt", targetId: "12" });
    expect(sentenceText(auditSentence(e, refs, "vi", "Xác nhận nộp bài"))).toBe(
      "Nguyễn Văn An (NV0007) thực hiện “Xác nhận nộp bài” đối với #12.",
    );
    expect(sentenceText(auditSentence({ ...e, targetType: null, targetId: null, actorId: null }, refs, "en", "exam.confirm"))).toBe(
      "The system performed “exam.confirm”.",
    );
  });

  it("fall back to the generic sentence when a known action lacks what its sentence needs", () => {
    const e = entry({ action: "role.grant", targetType: "person", targetId: "9", data: {} });
    expect(sentenceText(auditSentence(e, refs, "vi", "Cấp vai trò"))).toBe("Nguyễn Văn An (NV0007) thực hiện “Cấp vai trò” đối với #9.");
  });

  it("translate roles and dates inside the sentence", () => {
    const grant = entry({ action: "role.grant", targetType: "person", targetId: "7", data: { role: "AUDITOR" } });
    expect(sentenceText(auditSentence(grant, refs, "vi", "x"))).toBe(
      "Nguyễn Văn An (NV0007) cấp vai trò Thanh tra cho Nguyễn Văn An (NV0007).",
    );
    const paper = entry({
      action: "commitment.paper_record",
      targetType: "person",
      targetId: "7",
      data: { number: "2", signedOn: "2026-03-09" },
    });
    expect(sentenceText(auditSentence(paper, refs, "vi", "x"))).toContain("ngày 09/03/2026");
  });
});
