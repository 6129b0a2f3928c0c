import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "~/domain/exams/gift.ts";
import { readContentFiles } from "~/services/content/files.server.ts";
import { syncContent } from "~/services/content/sync.server.ts";
import { retireQuestion, type StoredOption } from "~/services/exams/bank.server.ts";
import { exportGift, importGift } from "~/services/exams/gift-import.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";

const NOW = new Date("2026-11-28T03:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

let actorId: number;
let course: { id: number; slug: string };

beforeAll(async () => {
  // The legal registry (for citation checks), the courses and the shipped bank.
  await syncContent(await readContentFiles(), NOW);
  const unit = await makeUnit();
  actorId = (await makePerson({ unitId: unit.id })).id;
  course = await getDb().course.findFirstOrThrow({ orderBy: { position: "asc" }, select: { id: true, slug: true } });
});

const VALID = `// Câu hỏi thử cho kiểm thử nhập GIFT
$CATEGORY: $course$/top/Mạng KT1

// legal: 49/2010/QH12|19
// difficulty: 1
::gift-it-single:: Mạng KT1 chỉ được kết nối với mạng nào? {
=Mạng bưu chính công cộng#Đúng.
~Mạng của mọi doanh nghiệp chuyển phát#Sai\\: chỉ mạng công cộng.
~Mạng của hãng vận tải
####Điều 19 Luật Bưu chính chỉ cho phép kết nối với mạng bưu chính công cộng.
}

// legal: 55/2016/QĐ-TTg|2
// legal: 32/2025/QĐ-TTg
::gift-it-multiple:: Những nội dung nào là nguyên tắc của mạng KT1? {
~%50%Bảo vệ bí mật nhà nước
~%50%Không vì mục đích kinh doanh
~%-100%Tự bù đắp chi phí bằng doanh thu
####Điều 2 Quyết định 55/2016.
}

$CATEGORY: bao-mat
// legal: 49/2010/QH12|19
Mạng KT1 hoạt động không vì mục đích lợi nhuận. {TRUE####Điều 19.}
`;

async function questionCount() {
  return getDb().question.count();
}
async function versionCount() {
  return getDb().questionVersion.count();
}
async function importAudits() {
  return getDb().auditEntry.count({ where: { action: "questions.import" } });
}

describe("GIFT import", () => {
  it("imports a valid file, and importing it again changes nothing", async () => {
    const audits = await importAudits();
    const result = await importGift(VALID, course.id, actorId, NOW, "thu.gift");
    expect(result).toEqual({ ok: true, value: { created: 3, updated: 0, unchanged: 0, total: 3, needsReview: 0 } });
    expect(await importAudits()).toBe(audits + 1);

    const single = await getDb().question.findUniqueOrThrow({
      where: { key: "gift-it-single" },
      include: { versions: { include: { citations: true } } },
    });
    expect(single).toMatchObject({ courseId: course.id, topic: "mang-kt1", retiredAt: null });
    expect(single.versions).toHaveLength(1);
    const v = single.versions[0];
    expect(v).toMatchObject({
      version: 1,
      type: "SINGLE",
      difficulty: 1,
      createdBy: actorId,
      explanation: "Điều 19 Luật Bưu chính chỉ cho phép kết nối với mạng bưu chính công cộng.",
    });
    expect((v.options as StoredOption[]).map(({ text, weight, feedback }) => ({ text, weight, feedback }))).toEqual([
      { text: "Mạng bưu chính công cộng", weight: 100, feedback: "Đúng." },
      { text: "Mạng của mọi doanh nghiệp chuyển phát", weight: 0, feedback: "Sai: chỉ mạng công cộng." },
      { text: "Mạng của hãng vận tải", weight: 0, feedback: undefined },
    ]);
    expect(v.citations.map((c) => [c.documentCode, c.article])).toEqual([["49/2010/QH12", "19"]]);

    const multiple = await getDb().question.findUniqueOrThrow({
      where: { key: "gift-it-multiple" },
      include: { versions: { include: { citations: true } } },
    });
    expect(multiple.versions[0]).toMatchObject({ type: "MULTIPLE", difficulty: 2 });
    expect((multiple.versions[0].options as StoredOption[]).map((o) => o.weight)).toEqual([50, 50, -100]);
    expect(multiple.versions[0].citations.map((c) => c.documentCode).sort()).toEqual(["32/2025/QĐ-TTg", "55/2016/QĐ-TTg"]);

    // No title: the key comes from the course and the stem.
    const tf = await getDb().question.findFirstOrThrow({
      where: { key: { startsWith: `${course.slug}-` }, topic: "bao-mat" },
      include: { versions: true },
    });
    expect(tf.key).toMatch(new RegExp(`^${course.slug}-[0-9a-f]{10}$`));
    expect(tf.versions[0]).toMatchObject({ type: "TRUE_FALSE", answer: true, explanation: "Điều 19.", options: [] });

    const versions = await versionCount();
    const again = await importGift(VALID, course.id, actorId, later(1), "thu.gift");
    expect(again).toEqual({ ok: true, value: { created: 0, updated: 0, unchanged: 3, total: 3, needsReview: 0 } });
    expect(await versionCount()).toBe(versions);

    // One changed stem: one new version, the others stay as they were.
    const edited = VALID.replace("Những nội dung nào là nguyên tắc", "Những nội dung nào thuộc nguyên tắc");
    expect(await importGift(edited, course.id, actorId, later(2))).toEqual({
      ok: true,
      value: { created: 0, updated: 1, unchanged: 2, total: 3, needsReview: 0 },
    });
    const latest = await getDb().questionVersion.findFirstOrThrow({
      where: { question: { key: "gift-it-multiple" } },
      orderBy: { version: "desc" },
    });
    expect(latest).toMatchObject({ version: 2, stem: "Những nội dung nào thuộc nguyên tắc của mạng KT1?" });
  });

  it("imports nothing when one question's citation is unknown or its key repeats, and says where (a missing citation or explanation is not an error)", async () => {
    const [questions, versions, audits] = [await questionCount(), await versionCount(), await importAudits()];
    const text = [
      "// legal: 49/2010/QH12|19", // 1
      "::gift-bad-ok:: Câu hợp lệ {=a ~b####Giải thích.}", // 2
      "", // 3
      "// legal: 999/2099/QH99|1", // 4
      "::gift-bad-cite:: Câu trích dẫn sai {=a ~b####Giải thích.}", // 5
      "", // 6
      "// legal: 49/2010/QH12|99", // 7
      "::gift-bad-article:: Điều không có {T####Giải thích.}", // 8
      "", // 9
      "// legal: 49/2010/QH12|19", // 10
      "::gift-bad-noexp:: Thiếu giải thích {F}", // 11
      "", // 12
      "::gift-bad-nocite:: Thiếu trích dẫn {T####Giải thích.}", // 13
      "", // 14
      "// legal: 49/2010/QH12|19", // 15
      "::gift-bad-ok:: Trùng mã {T####Giải thích.}", // 16
    ].join("\n");
    const result = await importGift(text, course.id, actorId, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect((result.reasons ?? []).map((e) => [e.line, e.key])).toEqual([
      [5, "questions.import.unknownCitation"],
      [8, "questions.import.unknownCitation"],
      // Lines 11 and 13 (no explanation, no citation) would import as needing review (decision 052).
      [16, "questions.import.duplicateKey"],
    ]);
    expect(result.reasons?.[0].message).toBe("Trích dẫn 999/2099/QH99 | 1 không có trong danh mục văn bản pháp luật.");
    expect([await questionCount(), await versionCount(), await importAudits()]).toEqual([questions, versions, audits]);
    expect(await getDb().question.count({ where: { key: "gift-bad-ok" } })).toBe(0);
  });

  it("imports nothing when one question is of an unsupported type, and reports its line", async () => {
    const [questions, versions] = [await questionCount(), await versionCount()];
    const text = [
      "// legal: 49/2010/QH12|19", // 1
      "::gift-unsup-ok:: Câu hợp lệ {=a ~b####Giải thích.}", // 2
      "", // 3
      "// legal: 49/2010/QH12|19", // 4
      "::gift-unsup-short:: Thủ đô? {", // 5
      "=Hà Nội", // 6
      "####Giải thích.", // 7
      "}", // 8
    ].join("\n");
    const result = await importGift(text, course.id, actorId, NOW);
    expect(result).toMatchObject({ ok: false, code: "INVALID", reasons: [{ line: 5, key: "questions.gift.shortAnswer" }] });
    expect([await questionCount(), await versionCount()]).toEqual([questions, versions]);
  });
});

describe("GIFT export", () => {
  type Snapshot = {
    topic: string;
    type: string;
    stem: string;
    options: [string, number, string][];
    answer: boolean | null;
    explanation: string;
    difficulty: number;
    citations: string[];
  };
  async function snapshot(where: { key?: string; keyPrefix?: string }): Promise<Map<string, Snapshot>> {
    const questions = await getDb().question.findMany({
      where: { retiredAt: null, ...(where.keyPrefix ? { key: { startsWith: where.keyPrefix } } : { NOT: { key: { startsWith: "rt-" } } }) },
      include: { versions: { orderBy: { version: "desc" }, take: 1, include: { citations: true } } },
    });
    return new Map(
      questions.map((q) => {
        const v = q.versions[0];
        return [
          where.keyPrefix ? q.key.slice(where.keyPrefix.length) : q.key,
          {
            topic: q.topic,
            type: v.type,
            stem: v.stem,
            // As a set: the export lists options in an order fixed by the key (decision 052), not the stored one.
            options: (v.options as StoredOption[]).map((o) => [o.text, o.weight, o.feedback ?? ""] as [string, number, string]).sort(),
            answer: v.answer,
            explanation: v.explanation,
            difficulty: v.difficulty,
            citations: v.citations.map((c) => [c.documentCode, c.article, c.clause, c.point].join("|")).sort(),
          },
        ];
      }),
    );
  }

  it("exports each course's bank so that importing it back changes nothing, and skips retired questions", async () => {
    const retired = await getDb().question.findFirstOrThrow({ where: { courseId: course.id, retiredAt: null }, orderBy: { key: "desc" } });
    await getDb().$transaction((tx) => retireQuestion(tx, retired.id, actorId, NOW));
    const courses = await getDb().course.findMany({
      select: { id: true, _count: { select: { questions: { where: { retiredAt: null } } } } },
    });
    let exported = 0;
    for (const c of courses) {
      const text = await exportGift(c.id);
      const parsed = parse(text);
      if (c._count.questions === 0) {
        expect(text).toBe("");
        continue;
      }
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value).toHaveLength(c._count.questions);
      expect(parsed.value.some((q) => q.title === retired.key)).toBe(false);
      const versions = await versionCount();
      expect(await importGift(text, c.id, actorId, later(10))).toEqual({
        ok: true,
        value: { created: 0, updated: 0, unchanged: c._count.questions, total: c._count.questions, needsReview: 0 },
      });
      expect(await versionCount()).toBe(versions);
      exported += c._count.questions;
    }
    expect(exported).toBeGreaterThan(10);
    expect((await exportGift()).match(/^::/gm)).toHaveLength(exported);
    // Still retired: an export never brings a question back.
    expect((await getDb().question.findUniqueOrThrow({ where: { id: retired.id } })).retiredAt).not.toBeNull();
  }, 120_000);

  it("round-trips the whole bank: stems, options, weights, feedback, explanations, difficulty and citations", async () => {
    const before = await snapshot({});
    expect(before.size).toBeGreaterThan(10);
    expect([...before.values()].some((q) => q.type === "MULTIPLE")).toBe(true);
    expect([...before.values()].some((q) => q.type === "TRUE_FALSE")).toBe(true);
    // Imported under new keys, every question becomes a copy of its original.
    const text = (await exportGift()).replace(/^::([a-z0-9-]+)::/gm, "::rt-$1::");
    const result = await importGift(text, course.id, actorId, later(20));
    expect(result).toEqual({ ok: true, value: { created: before.size, updated: 0, unchanged: 0, total: before.size, needsReview: 0 } });
    const after = await snapshot({ keyPrefix: "rt-" });
    expect(after).toEqual(before);
  }, 120_000);
});

describe("GIFT export order", () => {
  it("does not give the key away by position: the same order every time, the right answer spread over every place", async () => {
    const text = await exportGift();
    expect(await exportGift()).toBe(text);
    const parsed = parse(text);
    if (!parsed.ok) throw new Error("the export does not parse");
    const singles = parsed.value.filter((q) => q.type === "SINGLE");
    expect(singles.length).toBeGreaterThan(50);
    const first = singles.filter((q) => q.options[0].weight >= 100).length;
    // The shipped bank stores the right answer first in (nearly) every question; exported, about 1 in n is.
    expect(first / singles.length).toBeLessThan(0.45);
    const positions = new Set(singles.map((q) => q.options.findIndex((o) => o.weight >= 100)));
    expect(positions.size).toBeGreaterThanOrEqual(3);
  });
});
