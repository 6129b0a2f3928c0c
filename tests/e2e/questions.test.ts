import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql, get, loginCookie } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();

const COURSE = "Mạng bưu chính KT1";
const tag = randomBytes(3).toString("hex");
const KEY_SINGLE = `e2e-gift-${tag}-1`;
const KEY_TF = `e2e-gift-${tag}-2`;
const STEM = `Câu hỏi thử ${tag}: mạng KT1 chỉ được kết nối với mạng nào?`;
const NEW_STEM = `Câu hỏi thử ${tag} (đã sửa): mạng KT1 được kết nối với mạng nào?`;

const GIFT = `$CATEGORY: kiem-thu-gift

// legal: 49/2010/QH12|19
// difficulty: 1
::${KEY_SINGLE}:: ${STEM.replace(":", "\\:")} {
=Mạng bưu chính công cộng
~Mạng của mọi doanh nghiệp chuyển phát#Sai.
~Mạng của hãng vận tải
####Điều 19 Luật Bưu chính chỉ cho phép kết nối với mạng bưu chính công cộng.
}

// legal: 49/2010/QH12|19
::${KEY_TF}:: Mạng KT1 hoạt động không vì mục đích lợi nhuận (${tag}). {TRUE####Điều 19 Luật Bưu chính.}
`;

// Line 5 holds a short-answer question, which the bank cannot grade.
const BAD_GIFT = `// legal: 49/2010/QH12|19
::${KEY_SINGLE}-ok:: Câu hợp lệ {=a ~b####Giải thích.}

// legal: 49/2010/QH12|19
::${KEY_SINGLE}-short:: Thủ đô? {=Hà Nội####Giải thích.}
`;

async function versions(key: string) {
  return appSql<{ version: number; stem: string }>(
    `select v.version, v.stem from question_versions v join questions q on q.id = v.question_id where q.key = $1 order by v.version`,
    [key],
  );
}

describe("question bank", () => {
  it("a trainer imports a GIFT file, finds it in the bank, edits a question and downloads the export", async () => {
    const page = await newPage();
    await loginAs(page, "trainer@kt1.test");
    await page.goto("/trainer");
    await page.getByRole("link", { name: "Ngân hàng câu hỏi thi" }).click();
    await expectHeading(page, "Ngân hàng câu hỏi");
    await page.getByRole("link", { name: "Nhập tệp GIFT" }).click();
    await expectHeading(page, "Nhập câu hỏi từ tệp GIFT");

    // A file with an unsupported question: nothing is imported, the line is shown.
    await page.getByLabel("Khóa học").selectOption({ label: COURSE });
    await page
      .getByLabel("Tệp GIFT (.gift hoặc .txt)")
      .setInputFiles({ name: "loi.gift", mimeType: "text/plain", buffer: Buffer.from(BAD_GIFT) });
    await page.getByRole("button", { name: "Nhập câu hỏi" }).click();
    await page.getByRole("heading", { name: "Không nhập câu hỏi nào: tệp có 1 lỗi" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "Câu trả lời ngắn" });
    expect(await row.getByRole("cell").first().textContent()).toBe("5");
    expect(await appSql(`select 1 from questions where key like $1`, [`${KEY_SINGLE}-%`])).toHaveLength(0);

    // The good file.
    await page.getByLabel("Khóa học").selectOption({ label: COURSE });
    await page
      .getByLabel("Tệp GIFT (.gift hoặc .txt)")
      .setInputFiles({ name: "cau-hoi.gift", mimeType: "text/plain", buffer: Buffer.from(GIFT) });
    await page.getByRole("button", { name: "Nhập câu hỏi" }).click();
    await page.getByText("Đã nhập 2 câu hỏi từ tệp cau-hoi.gift: 2 câu mới, 0 câu có phiên bản mới, 0 câu không đổi.").waitFor();
    expect(await versions(KEY_SINGLE)).toEqual([{ version: 1, stem: STEM }]);

    // In the bank, found by its text.
    await page.getByRole("link", { name: "Xem ngân hàng câu hỏi" }).click();
    await expectHeading(page, "Ngân hàng câu hỏi");
    await page.getByLabel("Tìm theo nội dung hoặc mã").fill(tag);
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === tag);
    const bank = page.getByRole("region", { name: "Danh sách câu hỏi" });
    await bank.getByText(/^2 \/ [\d.]+ câu hỏi$/).waitFor();
    await bank.getByRole("link", { name: `Sửa câu hỏi ${KEY_TF}` }).waitFor();
    const singleRow = bank.getByRole("row").filter({ hasText: KEY_SINGLE });
    expect(await singleRow.textContent()).toContain("kiem-thu-gift");
    expect(await singleRow.textContent()).toContain("49/2010/QH12 | 19");
    expect(await bank.getByRole("row").count()).toBe(3);

    // Edit: a new version, listed in the history.
    await singleRow.getByRole("link", { name: `Sửa câu hỏi ${KEY_SINGLE}` }).click();
    await expectHeading(page, `Sửa câu hỏi ${KEY_SINGLE}`);
    const stem = page.getByLabel("Nội dung câu hỏi", { exact: true });
    expect(await stem.inputValue()).toBe(STEM);
    expect(await page.getByLabel("Giải thích", { exact: true }).inputValue()).toContain("Điều 19 Luật Bưu chính");
    await stem.fill(NEW_STEM);
    await page.getByRole("button", { name: "Lưu phiên bản mới" }).click();
    await page.getByText("Đã lưu phiên bản 2.").waitFor();
    const history = page.getByRole("region", { name: "Các phiên bản" });
    expect(await history.getByRole("row").count()).toBe(3);
    expect(await history.getByRole("row").nth(1).textContent()).toContain(NEW_STEM);
    expect(await versions(KEY_SINGLE)).toEqual([
      { version: 1, stem: STEM },
      { version: 2, stem: NEW_STEM },
    ]);
    // The edit kept the options, the explanation and the citation.
    const [latest] = await appSql<{ options: { text: string; weight: number }[]; explanation: string; citations: string }>(
      `select v.options, v.explanation, (select string_agg(document_code || '|' || article, ',') from question_citations c where c.question_version_id = v.id) as citations
         from question_versions v join questions q on q.id = v.question_id where q.key = $1 and v.version = 2`,
      [KEY_SINGLE],
    );
    expect(latest.options.map((o) => [o.text, o.weight])).toEqual([
      ["Mạng bưu chính công cộng", 100],
      ["Mạng của mọi doanh nghiệp chuyển phát", 0],
      ["Mạng của hãng vận tải", 0],
    ]);
    expect(latest.citations).toBe("49/2010/QH12|19");

    // A variant group: saved on the question (no new version), audited, refused when malformed.
    const group = page.getByLabel("Nhóm biến thể", { exact: true });
    await group.fill("Nhóm sai");
    await page.getByRole("button", { name: "Lưu phiên bản mới" }).click();
    await page.getByText("Nhóm biến thể chỉ gồm chữ thường không dấu").waitFor();
    await page.getByLabel("Nhóm biến thể", { exact: true }).fill(`nhom-${tag}`);
    await page.getByRole("button", { name: "Lưu phiên bản mới" }).click();
    await page.getByText("Nội dung câu hỏi không đổi nên không tạo phiên bản mới").waitFor();
    expect(await page.getByLabel("Nhóm biến thể", { exact: true }).inputValue()).toBe(`nhom-${tag}`);
    expect(await appSql(`select variant_group from questions where key = $1`, [KEY_SINGLE])).toEqual([{ variant_group: `nhom-${tag}` }]);
    expect(await appSql(`select 1 from audit_entries where action = 'question.group' and data->>'key' = $1`, [KEY_SINGLE])).toHaveLength(1);
    expect(await versions(KEY_SINGLE)).toHaveLength(2);

    // A form with errors keeps what was typed and says what is wrong.
    await page.getByLabel("Giải thích", { exact: true }).fill("");
    await page.getByRole("button", { name: "Lưu phiên bản mới" }).click();
    await page.getByText("Vui lòng sửa các lỗi bên dưới.").waitFor();
    expect(await page.getByLabel("Nội dung câu hỏi", { exact: true }).inputValue()).toBe(NEW_STEM);
    expect(await versions(KEY_SINGLE)).toHaveLength(2);

    // The export: a GIFT file with the latest version.
    await page.goto("/trainer/questions");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải xuống GIFT (tất cả)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cau-hoi-tat-ca-\d{8}\.gift$/);
    const text = await readFile(await download.path(), "utf8");
    expect(text).toContain(`::${KEY_SINGLE}:: ${NEW_STEM.replace(":", "\\:")} {`);
    expect(text).toContain(`::${KEY_TF}::`);
    expect(text).not.toContain(STEM.replace(":", "\\:"));
    expect(await appSql(`select 1 from audit_entries where action = 'questions.export'`)).not.toHaveLength(0);
  });

  it("creates a multiple-answer question without JavaScript, reporting every mistake at once", async () => {
    const key = `e2e-nojs-${tag}`;
    const page = await newPage({ javaScript: false });
    await loginAs(page, "trainer@kt1.test");
    await page.goto("/trainer/questions/new");
    await expectHeading(page, "Thêm câu hỏi");
    await page.getByLabel("Mã câu hỏi").fill(key);
    await page.getByLabel("Khóa học").selectOption({ label: COURSE });
    await page.getByLabel("Chủ đề").fill("kiem-thu-gift");
    await page.getByLabel("Loại câu hỏi").selectOption({ label: "Nhiều đáp án" });
    await page.getByLabel("Nội dung câu hỏi", { exact: true }).fill(`Những nội dung nào là nguyên tắc của mạng KT1 (${tag})?`);
    const answers = ["Bảo vệ bí mật nhà nước", "Không vì mục đích kinh doanh", "Tự bù đắp chi phí bằng doanh thu"];
    for (const [i, text] of answers.entries()) await page.getByLabel(`Nội dung đáp án ${i + 1}`).fill(text);
    await page.getByLabel("Đáp án 1 là đáp án đúng").check();
    await page.getByRole("button", { name: "Tạo câu hỏi" }).click();
    await page.getByText("Vui lòng sửa các lỗi bên dưới.").waitFor();
    const body = await page.locator("main").textContent();
    expect(body).toContain("Câu nhiều đáp án phải có ít nhất hai đáp án được đánh dấu “Đúng”.");
    expect(body).toContain("Cần ít nhất một trích dẫn văn bản pháp luật.");
    expect(body).toContain("Không được để trống.");
    expect(await page.getByLabel("Nội dung đáp án 3").inputValue()).toBe(answers[2]);

    await page.getByLabel("Đáp án 2 là đáp án đúng").check();
    await page.getByLabel("Giải thích", { exact: true }).fill("Điều 2 Quyết định 55/2016 nêu các nguyên tắc này.");
    await page.getByLabel("Văn bản của trích dẫn 1").selectOption("55/2016/QĐ-TTg");
    await page.getByLabel("Điều của trích dẫn 1").fill("99");
    await page.getByRole("button", { name: "Tạo câu hỏi" }).click();
    await page.getByText("Trích dẫn này không có trong danh mục văn bản pháp luật.").waitFor();
    await page.getByLabel("Điều của trích dẫn 1").fill("2");
    await page.getByRole("button", { name: "Tạo câu hỏi" }).click();
    await page.getByText("Đã tạo câu hỏi (phiên bản 1).").waitFor();
    await expectHeading(page, `Sửa câu hỏi ${key}`);
    const [row] = await appSql<{ type: string; options: { text: string; weight: number }[] }>(
      `select v.type::text as type, v.options from question_versions v join questions q on q.id = v.question_id where q.key = $1`,
      [key],
    );
    expect(row.type).toBe("MULTIPLE");
    expect(row.options.map((o) => [o.text, o.weight])).toEqual([
      [answers[0], 50],
      [answers[1], 50],
      [answers[2], -50],
    ]);
  });

  it("keeps the bank to trainers and admins", async () => {
    const learner = await loginCookie("learner@kt1.test");
    for (const path of ["/trainer/questions", "/trainer/questions/new", "/trainer/questions/import", "/trainer/questions/export.gift"]) {
      expect((await get(path, learner)).status).toBe(403);
    }
    const trainer = await loginCookie("trainer@kt1.test");
    const res = await get("/trainer/questions/export.gift", trainer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="cau-hoi-tat-ca-\d{8}\.gift"$/);
  });
});
