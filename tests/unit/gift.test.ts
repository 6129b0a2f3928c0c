import { describe, expect, it } from "vitest";
import { parse, serialize, type GiftQuestion, type SerializableQuestion } from "~/domain/exams/gift.ts";

function ok(text: string): GiftQuestion[] {
  const result = parse(text);
  if (!result.ok) throw new Error(`expected to parse, got: ${JSON.stringify(result.reasons)}`);
  return result.value;
}

function errors(text: string) {
  const result = parse(text);
  if (result.ok) throw new Error("expected errors");
  return (result.reasons ?? []).map((e) => ({ line: e.line, key: e.key }));
}

describe("GIFT parse: supported types", () => {
  it("reads a one-answer question with title, feedback and general feedback", () => {
    const [q] = ok(`::kt1-01:: Mạng KT1 chỉ được kết nối với mạng nào? {
  =Mạng bưu chính công cộng#Đúng, theo Điều 19.
  ~Mạng của doanh nghiệp chuyển phát#Sai.
  ~Mạng của hãng vận tải
  ####Điều 19 Luật Bưu chính.
}`);
    expect(q).toEqual({
      title: "kt1-01",
      category: null,
      type: "SINGLE",
      stem: "Mạng KT1 chỉ được kết nối với mạng nào?",
      options: [
        { text: "Mạng bưu chính công cộng", weight: 100, feedback: "Đúng, theo Điều 19." },
        { text: "Mạng của doanh nghiệp chuyển phát", weight: 0, feedback: "Sai." },
        { text: "Mạng của hãng vận tải", weight: 0 },
      ],
      answer: null,
      generalFeedback: "Điều 19 Luật Bưu chính.",
      legal: [],
      difficulty: null,
      line: 1,
    });
  });

  it("reads a question on one line without a title", () => {
    const [q] = ok("Thủ đô của Việt Nam? {=Hà Nội ~Huế ~Đà Nẵng}");
    expect(q.title).toBeNull();
    expect(q.stem).toBe("Thủ đô của Việt Nam?");
    expect(q.options.map((o) => [o.text, o.weight])).toEqual([
      ["Hà Nội", 100],
      ["Huế", 0],
      ["Đà Nẵng", 0],
    ]);
  });

  it("reads a weighted multiple-answer question, with negative and decimal weights", () => {
    const [q] = ok("Chọn các nguyên tắc {~%50%Bảo vệ bí mật ~%50%Thống nhất ~%-100%Kinh doanh ~%0%Giờ hành chính}");
    expect(q.type).toBe("MULTIPLE");
    expect(q.options.map((o) => o.weight)).toEqual([50, 50, -100, 0]);
    const [r] = ok("Ba ý đúng {~%33.333%a ~%33.333%b ~%33.333%c ~%-33.333%d}");
    expect(r.type).toBe("MULTIPLE");
    expect(r.options.map((o) => o.weight)).toEqual([33.333, 33.333, 33.333, -33.333]);
  });

  it("treats any % weight as a multiple-answer question, = counting as 100", () => {
    const [q] = ok("Câu {=đúng ~%-50%sai ~sai nữa}");
    expect(q.type).toBe("MULTIPLE");
    expect(q.options.map((o) => o.weight)).toEqual([100, -50, 0]);
  });

  it("reads true/false in every spelling, with Moodle's answer feedback dropped", () => {
    const answers = ["{T}", "{TRUE}", "{F}", "{FALSE}", "{true}", "{ f }", "{TRUE#sai rồi#đúng rồi}"].map(
      (block) => ok(`Câu hỏi ${block}`)[0],
    );
    expect(answers.map((q) => q.answer)).toEqual([true, true, false, false, true, false, true]);
    expect(answers.every((q) => q.type === "TRUE_FALSE" && q.options.length === 0)).toBe(true);
    const [q] = ok("::tf:: Mạng KT1 không vì lợi nhuận. {T####Điều 19.}");
    expect(q).toMatchObject({ title: "tf", type: "TRUE_FALSE", answer: true, generalFeedback: "Điều 19." });
  });
});

describe("GIFT parse: text", () => {
  it("resolves escapes and \\n", () => {
    const [q] = ok(
      String.raw`::a\:b:: Giá trị \{x\} \= 1\: đúng \~ sai \# số\nDòng hai \\ hết {=Có\# 1 ~Không\=2#Phản hồi \{ok\}####Giải thích\: xong}`,
    );
    expect(q.title).toBe("a:b");
    expect(q.stem).toBe("Giá trị {x} = 1: đúng ~ sai # số\nDòng hai \\ hết");
    expect(q.options).toEqual([
      { text: "Có# 1", weight: 100 },
      { text: "Không=2", weight: 0, feedback: "Phản hồi {ok}" },
    ]);
    expect(q.generalFeedback).toBe("Giải thích: xong");
  });

  it("reads line breaks of the file as spaces and keeps other spacing", () => {
    const [q] = ok("Một câu hỏi\n  viết trên   hai dòng {\n=đúng\n   ở đây\n~sai\n}");
    expect(q.stem).toBe("Một câu hỏi viết trên   hai dòng");
    expect(q.options[0].text).toBe("đúng ở đây");
  });

  it("ignores comments, also inside a question, and a BOM and CRLF", () => {
    const qs = ok(
      "\uFEFF// Tệp thử\r\n// ghi chú bất kỳ\r\nCâu một {\r\n// ghi chú giữa các đáp án\r\n=a\r\n~b\r\n}\r\n\r\n// ghi chú\r\nCâu hai {T}\r\n",
    );
    expect(qs.map((q) => [q.stem, q.line])).toEqual([
      ["Câu một", 3],
      ["Câu hai", 10],
    ]);
  });

  it("strips a Moodle format marker", () => {
    expect(ok("::t:: [plain]Câu hỏi {T}")[0].stem).toBe("Câu hỏi");
  });
});

describe("GIFT parse: categories and our comments", () => {
  it("applies the current category (its last segment) to the questions after it", () => {
    const qs = ok(`Câu 0 {T}

$CATEGORY: $course$/top/Mặc định/mang-kt1

Câu 1 {T}

Câu 2 {F}
$CATEGORY: bao-mat
Câu 3 {T}

$CATEGORY:
Câu 4 {T}`);
    expect(qs.map((q) => q.category)).toEqual([null, "mang-kt1", "mang-kt1", "bao-mat", null]);
  });

  it("attaches // legal and // difficulty lines to the next question", () => {
    const qs = ok(`// legal: 49/2010/QH12|19
// legal: 55/2016/QĐ-TTg | 6 | 2 | a
// difficulty: 3
::q1:: Câu một {T}

// legal: 37/2021/QĐ-TTg

::q2:: Câu hai {F}

::q3:: Câu ba {F}`);
    expect(qs[0].legal).toEqual([
      { doc: "49/2010/QH12", article: "19", clause: "", point: "" },
      { doc: "55/2016/QĐ-TTg", article: "6", clause: "2", point: "a" },
    ]);
    expect(qs[0].difficulty).toBe(3);
    expect(qs[1].legal).toEqual([{ doc: "37/2021/QĐ-TTg", article: "", clause: "", point: "" }]);
    expect(qs[1].difficulty).toBeNull();
    expect(qs[2].legal).toEqual([]);
  });

  it("reports bad // legal and // difficulty lines and ones that precede no question", () => {
    expect(errors("// legal:\nCâu {T}")).toEqual([{ line: 1, key: "questions.gift.badLegal" }]);
    expect(errors("// legal: a|1|2|3|4\nCâu {T}")).toEqual([{ line: 1, key: "questions.gift.badLegal" }]);
    expect(errors("// legal: a||2\nCâu {T}")).toEqual([{ line: 1, key: "questions.gift.badLegal" }]);
    expect(errors("// difficulty: 5\nCâu {T}")).toEqual([{ line: 1, key: "questions.gift.badDifficulty" }]);
    expect(errors("Câu {T}\n\n// legal: 49/2010/QH12|19\n")).toEqual([{ line: 3, key: "questions.gift.orphanMeta" }]);
  });
});

describe("GIFT parse: unsupported types and syntax errors, with their lines", () => {
  const cases: [string, string, number, string][] = [
    ["short answer", "Thủ đô? {=Hà Nội =Ha Noi}", 1, "shortAnswer"],
    ["short answer, one answer", "Thủ đô? {=Hà Nội}", 1, "shortAnswer"],
    ["matching", "Ghép đôi {\n=a -> 1\n=b -> 2\n=c -> 3\n}", 1, "matching"],
    ["numerical", "Bao nhiêu? {#5:1}", 1, "numerical"],
    ["numerical range", "Bao nhiêu? {#1..5}", 1, "numerical"],
    ["essay", "Trình bày quy trình. {}", 1, "essay"],
    ["missing word", "Mạng KT1 chỉ nối với {=mạng công cộng ~mạng tư nhân} mà thôi.", 1, "missingWord"],
    ["description", "Chỉ là một đoạn mô tả.", 1, "noAnswerBlock"],
    ["unclosed brace", "Câu hỏi\nvẫn là câu hỏi {\n=a\n~b", 2, "unclosedBrace"],
    ["no right answer", "Câu {~a ~b ~c}", 1, "noCorrect"],
    ["several right answers", "Câu {=a =b ~c}", 1, "severalCorrect"],
    ["weights not summing to 100", "Câu {~%50%a ~%40%b ~%-100%c}", 1, "weightSum"],
    ["weights above 100", "Câu {~%60%a ~%60%b ~c}", 1, "weightSum"],
    ["bad weight", "Câu {\n~%abc%a\n~%100%b\n}", 2, "badWeight"],
    ["weight out of range", "Câu {~%150%a ~%-50%b}", 1, "badWeight"],
    ["empty answer", "Câu {\n=a\n~\n}", 3, "emptyAnswer"],
    ["one answer", "Câu {=a ~}", 1, "emptyAnswer"],
    ["text before answers", "Câu {chữ =a ~b}", 1, "answerPrefix"],
    ["nested brace", "Câu {=a ~b {c}", 1, "nestedBrace"],
    ["empty stem", "{=a ~b}", 1, "emptyStem"],
    ["unclosed title", "::tiêu đề Câu {T}", 1, "unclosedTitle"],
  ];
  for (const [name, text, line, code] of cases) {
    it(`reports ${name}`, () => {
      expect(errors(text)).toEqual([{ line, key: `questions.gift.${code}` }]);
    });
  }

  it("reports a single option and an empty file", () => {
    expect(errors("Câu {~%100%a}")).toEqual([{ line: 1, key: "questions.gift.tooFewOptions" }]);
    expect(errors("// chỉ có ghi chú\n\n")).toEqual([{ line: 1, key: "questions.gift.empty" }]);
  });

  it("reports every bad question of a file, in line order, and imports none", () => {
    const text = [
      "::ok-1:: Câu tốt {=a ~b}", // 1
      "", // 2
      "// bình luận", // 3
      "::bad-1:: Trả lời ngắn {=a}", // 4
      "", // 5
      "::ok-2:: Câu tốt {T}", // 6
      "", // 7
      "::bad-2:: Ghép {", // 8
      "=a -> b", // 9
      "=c -> d}", // 10
      "", // 11
      "::bad-3:: Số {#3}", // 12
      "", // 13
      "::bad-4:: Điền {=x ~y} từ", // 14
      "", // 15
      "::bad-5:: Tự luận {}", // 16
      "", // 17
      "::bad-6:: Mở {=a ~b", // 18
    ].join("\n");
    const result = parse(text);
    expect(result.ok).toBe(false);
    expect(errors(text)).toEqual([
      { line: 4, key: "questions.gift.shortAnswer" },
      { line: 8, key: "questions.gift.matching" },
      { line: 12, key: "questions.gift.numerical" },
      { line: 14, key: "questions.gift.missingWord" },
      { line: 16, key: "questions.gift.essay" },
      { line: 18, key: "questions.gift.unclosedBrace" },
    ]);
  });

  it("words its messages in Vietnamese", () => {
    const result = parse("Thủ đô? {=Hà Nội}");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reasons?.[0].message).toMatch(/Câu trả lời ngắn .* không được hỗ trợ/);
  });
});

describe("GIFT serialize", () => {
  const bank: SerializableQuestion[] = [
    {
      title: "kt1-ket-noi-01",
      category: "ket-noi-va-nguyen-tac",
      type: "SINGLE",
      stem: "Theo Luật Bưu chính 2010, mạng KT1 chỉ được kết nối với mạng nào?",
      options: [
        { text: "Mạng bưu chính công cộng", weight: 100, feedback: "Đúng: Điều 19." },
        { text: "Mạng của mọi doanh nghiệp có giấy phép", weight: 0 },
        { text: "%50 doanh nghiệp nhà nước", weight: 0 },
      ],
      answer: null,
      generalFeedback: "Điều 19 chỉ cho phép kết nối với mạng bưu chính công cộng.",
      legal: [{ doc: "49/2010/QH12", article: "19", clause: "", point: "" }],
      difficulty: 1,
    },
    {
      title: "kt1-ket-noi-02",
      category: "ket-noi-va-nguyen-tac",
      type: "TRUE_FALSE",
      stem: "Mạng KT1 hoạt động không vì mục đích lợi nhuận.",
      options: [],
      answer: true,
      generalFeedback: "Điều 19.",
      legal: [
        { doc: "49/2010/QH12", article: "19", clause: "", point: "" },
        { doc: "37/2021/QĐ-TTg", article: "", clause: "", point: "" },
      ],
      difficulty: 2,
    },
    {
      title: "bm-01",
      category: "bao-ve-bi-mat",
      type: "MULTIPLE",
      stem: "Ký hiệu {A}, {B} = mức độ mật; chọn các ý đúng:\nDòng thứ hai ~ # \\ hết",
      options: [
        { text: "Ý = một", weight: 33.333, feedback: "Phản hồi #1 {x}" },
        { text: "Ý -> hai", weight: 33.333 },
        { text: "Ý: ba", weight: 33.333 },
        { text: "Ý sai", weight: -33.333 },
        { text: "Ý trung lập", weight: 0 },
      ],
      answer: null,
      generalFeedback: "Giải thích:\ncó hai dòng.",
      legal: [{ doc: "29/2018/QH14", article: "10", clause: "2", point: "a" }],
      difficulty: 3,
    },
    {
      title: "tf-false",
      category: "bao-ve-bi-mat",
      type: "TRUE_FALSE",
      stem: "Được gửi tài liệu mật qua hãng chuyển phát tư nhân.",
      options: [],
      answer: false,
      generalFeedback: null,
      legal: [],
      difficulty: null,
    },
    {
      title: null,
      category: "chung",
      type: "SINGLE",
      stem: "Câu không có tiêu đề?",
      options: [
        { text: "T", weight: 0 },
        { text: "F", weight: 100 },
      ],
      answer: null,
      generalFeedback: "Vì vậy.",
      legal: [],
      difficulty: null,
    },
  ];

  it("writes categories when the topic changes, titles, our comments and the explanation", () => {
    const text = serialize(bank);
    expect(text.match(/^\$CATEGORY: .*$/gm)).toEqual(["$CATEGORY: ket-noi-va-nguyen-tac", "$CATEGORY: bao-ve-bi-mat", "$CATEGORY: chung"]);
    expect(text).toContain(
      "// legal: 49/2010/QH12|19\n// difficulty: 1\n::kt1-ket-noi-01:: Theo Luật Bưu chính 2010, mạng KT1 chỉ được kết nối với mạng nào? {\n=Mạng bưu chính công cộng#Đúng\\: Điều 19.\n~Mạng",
    );
    expect(text).toContain("// legal: 37/2021/QĐ-TTg\n");
    expect(text).toContain("// legal: 29/2018/QH14|10|2|a\n");
    expect(text).toContain("~%33.333%Ý \\= một#Phản hồi \\#1 \\{x\\}");
    expect(text).toContain("####Giải thích\\:\\ncó hai dòng.\n}");
    expect(text).toContain("{\nTRUE\n####Điều 19.\n}");
  });

  it("round-trips: parse(serialize(x)) gives x back", () => {
    const questions = ok(serialize(bank));
    expect(questions.map(({ line: _line, ...q }) => q)).toEqual(bank);
    // And once more, byte for byte.
    expect(serialize(questions)).toBe(serialize(bank));
  });

  it("writes nothing for an empty bank", () => {
    expect(serialize([])).toBe("");
  });
});
