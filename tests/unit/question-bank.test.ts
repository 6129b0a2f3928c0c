// The question bank's rules in content:check (decision 050): near-identical
// stems outside a variant group, keys given away by position or length, and
// citations of law that is not in force.
import { describe, expect, it } from "vitest";
import {
  citationStatusProblems,
  keyBalanceProblems,
  keyLongestCount,
  keyPositions,
  loneGroups,
  nearDuplicates,
  type BankQuestion,
  type RegistryDocument,
} from "~/domain/content/question-bank.ts";
import { rebalanceOptions } from "~/domain/content/option-order.ts";

const single = (key: string, keyAt: number, extra: Partial<BankQuestion> = {}): BankQuestion => ({
  key,
  course: "c1",
  type: "SINGLE",
  stem: `Câu hỏi ${key} về một quy định khác nhau`,
  options: ["Phương án một", "Phương án hai", "Phương án ba", "Phương án bốn"].map((text, i) => ({ text, correct: i === keyAt })),
  citations: [{ doc: "117/2025/QH15", article: "13" }],
  ...extra,
});

describe("near-identical stems", () => {
  const a = single("a", 0, { stem: "Theo Nghị định 174/2026, từ chối cung ứng dịch vụ KT1 trái quy định bị phạt tiền ở mức nào?" });
  const b = single("b", 1, {
    stem: "Theo Nghị định 174/2026, hành vi từ chối cung ứng dịch vụ KT1 trái quy định có thể bị phạt tiền ở mức nào?",
  });
  const other = single("c", 2, { stem: "Ai được vận chuyển tài liệu mật trong nước?" });
  const never = () => false;

  it("finds two questions of one course that ask the same thing", () => {
    expect(nearDuplicates([a, b, other], never)).toEqual([{ a: "a", b: "b", score: expect.any(Number) }]);
  });

  it("accepts them in one variant group", () => {
    expect(nearDuplicates([{ ...a, variantGroup: "phat" }, { ...b, variantGroup: "phat" }, other], never)).toEqual([]);
  });

  it("looks across courses only when one exam can draw both", () => {
    const elsewhere = { ...b, course: "c2" };
    expect(nearDuplicates([a, elsewhere], never)).toEqual([]);
    expect(nearDuplicates([a, elsewhere], (x, y) => [x, y].sort().join() === "c1,c2")).toHaveLength(1);
  });

  it("names a group with a single question", () => {
    expect(
      loneGroups([
        { ...a, variantGroup: "phat" },
        { ...b, variantGroup: "phat" },
        { ...other, variantGroup: "le" },
      ]),
    ).toEqual(["le"]);
  });
});

describe("key balance", () => {
  it("fails a bank whose keys sit first, and passes one with keys spread out", () => {
    const first = Array.from({ length: 12 }, (_, i) => single(`q${i}`, 0));
    expect(keyPositions(first)).toEqual([12]);
    expect(keyBalanceProblems(first)).toEqual([{ code: "KEY_POSITION", position: 0, count: 12, total: 12 }]);
    const spread = Array.from({ length: 12 }, (_, i) => single(`q${i}`, i % 4));
    expect(keyBalanceProblems(spread)).toEqual([]);
  });

  it("fails a bank whose key is mostly the longest option", () => {
    const longKey = (key: string, at: number) => {
      const q = single(key, at);
      q.options = q.options!.map((o) => (o.correct ? { ...o, text: `${o.text}, kèm theo lời giải thích rất dài` } : o));
      return q;
    };
    const bank = Array.from({ length: 12 }, (_, i) => (i < 6 ? longKey(`q${i}`, i % 4) : single(`q${i}`, i % 4)));
    expect(keyLongestCount(bank)).toBe(6);
    expect(keyBalanceProblems(bank)).toEqual([{ code: "KEY_LONGEST", count: 6, total: 12 }]);
    const fewer = bank.map((q, i) => (i >= 3 && i < 6 ? single(q.key, i % 4) : q));
    expect(keyLongestCount(fewer)).toBe(3);
    expect(keyBalanceProblems(fewer)).toEqual([]);
  });

  it("ignores true/false and multiple-answer questions, and banks too small to judge", () => {
    const tf: BankQuestion = { ...single("tf", 0), type: "TRUE_FALSE", options: undefined };
    expect(keyPositions([tf, { ...single("m", 0), type: "MULTIPLE" }])).toEqual([]);
    expect(keyBalanceProblems(Array.from({ length: 9 }, (_, i) => single(`q${i}`, 0)))).toEqual([]);
  });
});

describe("citations of law in force", () => {
  const documents: RegistryDocument[] = [
    { code: "117/2025/QH15", status: "IN_FORCE", provisions: [{ article: "13" }, { article: "5", status: "UNVERIFIED" }] },
    { code: "26/2020/NĐ-CP", status: "SUPERSEDED", provisions: [{ article: "4" }] },
    { code: "63/2026/NĐ-CP", status: "UNVERIFIED", provisions: [] },
    { code: "15/2022/TT-BTTTT", status: "IN_FORCE", provisions: [{ article: "4", status: "SUPERSEDED" }] },
  ];

  it("passes a current question citing provisions in force", () => {
    expect(citationStatusProblems([single("ok", 0)], documents)).toEqual([]);
  });

  it("fails a current question citing superseded, unverified or unknown law, reading a provision's own status first", () => {
    const q = single("bad", 0, {
      citations: [
        { doc: "26/2020/NĐ-CP", article: "4" },
        { doc: "63/2026/NĐ-CP" },
        { doc: "117/2025/QH15", article: "5" },
        { doc: "15/2022/TT-BTTTT", article: "4" },
        { doc: "117/2025/QH15", article: "99" },
      ],
    });
    expect(citationStatusProblems([q], documents).map((p) => [p.code, "status" in p ? p.status : null])).toEqual([
      ["NOT_IN_FORCE", "SUPERSEDED"],
      ["NOT_IN_FORCE", "UNVERIFIED"],
      ["NOT_IN_FORCE", "UNVERIFIED"],
      ["NOT_IN_FORCE", "SUPERSEDED"],
      ["NOT_IN_FORCE", null],
    ]);
  });

  it("lets a historical question cite superseded law when its stem names it", () => {
    const q = single("old", 0, {
      historical: true,
      stem: "Theo Nghị định 26/2020/NĐ-CP (đã được thay thế), tài liệu Tuyệt mật được gửi bằng mấy lớp bì?",
      citations: [{ doc: "26/2020/NĐ-CP", article: "4" }],
    });
    expect(citationStatusProblems([q], documents)).toEqual([]);
    expect(citationStatusProblems([{ ...q, stem: "Tài liệu Tuyệt mật được gửi bằng mấy lớp bì?" }], documents)).toEqual([
      { code: "HISTORY_UNSAID", key: "old" },
    ]);
  });

  it("fails a historical question that cites nothing superseded, or anything unverified", () => {
    expect(citationStatusProblems([single("now", 0, { historical: true })], documents)).toEqual([{ code: "NOT_HISTORICAL", key: "now" }]);
    const q = single("mixed", 0, {
      historical: true,
      stem: "Theo Nghị định 26/2020 (đã được thay thế) và Nghị định 63/2026, …",
      citations: [{ doc: "26/2020/NĐ-CP", article: "4" }, { doc: "63/2026/NĐ-CP" }],
    });
    expect(citationStatusProblems([q], documents)).toEqual([{ code: "UNVERIFIED", key: "mixed", citation: "63/2026/NĐ-CP" }]);
  });
});

describe("a neutral option order (content:balance)", () => {
  it("spreads the keys of single-answer questions, unstacks multiple-answer keys, and changes nothing the second time", () => {
    const bank: BankQuestion[] = Array.from({ length: 40 }, (_, i) => single(`q${i}`, 0));
    bank.push({ ...single("m", 0), type: "MULTIPLE", options: ["a", "b", "c", "d", "e"].map((text, i) => ({ text, correct: i < 2 })) });
    const texts = bank.map((q) =>
      q
        .options!.map((o) => o.text)
        .sort()
        .join(),
    );
    const moved = rebalanceOptions(bank);
    expect(moved).toHaveLength(31);
    expect(Math.max(...keyPositions(bank))).toBeLessThanOrEqual(10);
    expect(keyBalanceProblems(bank)).toEqual([]);
    const m = bank.at(-1)!.options!;
    expect(m[0].correct && m[1].correct).toBe(false);
    // Only the order changed, and a balanced bank is left alone.
    expect(
      bank.map((q) =>
        q
          .options!.map((o) => o.text)
          .sort()
          .join(),
      ),
    ).toEqual(texts);
    expect(rebalanceOptions(bank)).toEqual([]);
  });
});
