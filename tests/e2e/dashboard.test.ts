import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql, get, loginCookie } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length) rows.push([...row, cell]);
  return rows;
}

async function tableNames(page: Page) {
  return page.locator('table[data-table="people"] tbody tr td:nth-child(2)').allInnerTexts();
}

async function unitId(code: string) {
  const [unit] = await appSql<{ id: number }>(`select id from units where code = $1`, [code]);
  return unit.id;
}

describe("certification dashboard", () => {
  it("a manager sees the dashboard: cards, no agencies alert (none in scope), coverage and three charts with their tables", async () => {
    const page = await newPage();
    await loginAs(page, "manager@kt1.test");
    await page.getByRole("link", { name: "Tổng quan chứng nhận" }).first().click();
    await expectHeading(page, "Tổng quan chứng nhận");

    // The post office's subtree holds no sending agency: no panel about them.
    await page.getByTestId("obligation-cards").waitFor();
    expect(await page.getByTestId("agencies-alert").count()).toBe(0);
    expect(await page.getByText("Cơ quan gửi chưa có văn thư được chứng nhận").count()).toBe(0);

    const [{ n: types }] = await appSql<{ n: string }>(`select count(*) as n from certification_types`);
    await expect(page.locator(".dash-card[data-type]").count()).resolves.toBe(Number(types));
    // Postal staff are measured against postal certifications only: nobody at the post office must
    // hold the clerks' certification, so its card reads "không áp dụng", not 0 %.
    const clerks = page.locator('.dash-card[data-type="KT1-VAN-THU"]');
    await expect(clerks.locator(".dash-card__big").textContent()).resolves.toBe("không áp dụng");
    await expect(clerks.textContent()).resolves.not.toContain("0/");
    const postal = page.locator('.dash-card[data-type="KT1-BUU-DIEN"]');
    await expect(postal.locator(".dash-card__sub").textContent()).resolves.toMatch(/^\d+\/\d+ người bắt buộc$/);
    // The cards of what needs attention: overdue and due within 30 days.
    const cards = page.getByTestId("obligation-cards");
    await cards.getByRole("heading", { name: "Quá hạn" }).waitFor();
    await cards.getByRole("heading", { name: "Đến hạn trong 30 ngày" }).waitFor();

    // Only the manager's subtree in the coverage table.
    const coverage = page.locator("table.dash-coverage");
    await coverage.getByRole("link", { name: "Bưu điện tỉnh Thanh Hóa", exact: true }).waitFor();
    await expect(coverage.textContent()).resolves.not.toContain("Sở Nội vụ");
    await expect(coverage.locator("meter").count()).resolves.toBeGreaterThan(0);

    // Charts are SVG from the server, each with its data table.
    for (const chart of ["coverage", "expiries", "headcount"]) {
      await page.locator(`[data-chart="${chart}"] svg`).waitFor();
    }
    await expect(page.locator('table[data-table="expiries"] tbody tr').count()).resolves.toBe(12);
    await expect(page.locator('table[data-table="headcount"] tbody tr').count()).resolves.toBe(12);
    // The coverage chart's bars: the units right under the manager's post office.
    const [{ n: children }] = await appSql<{ n: string }>(
      `select count(*) as n from units where parent_id = (select id from units where code = 'TH-BD')`,
    );
    await expect(page.locator('table[data-table="coverage"] tbody tr').count()).resolves.toBe(Number(children));
    const html = await (await get("/dashboard", await loginCookie("manager@kt1.test"))).text();
    expect(html).toContain('data-table="headcount"');
    expect(html).toContain('data-chart="headcount"');
  });

  it("without JavaScript every chart is drawn: an SVG with content, a title, a summary and the table", async () => {
    const page = await newPage({ javaScript: false });
    await loginAs(page, "manager@kt1.test");
    await page.goto("/dashboard");
    await expectHeading(page, "Tổng quan chứng nhận");
    const charts = {
      coverage: { title: "Tỷ lệ đạt chứng nhận bắt buộc theo đơn vị (%)", marks: "rect" },
      expiries: { title: "Chứng nhận hết hạn theo tháng, 12 tháng tới", marks: "line" },
      headcount: { title: "Số người có chứng nhận còn hiệu lực vào cuối mỗi tháng, 12 tháng qua", marks: "polyline" },
    };
    for (const [name, { title, marks }] of Object.entries(charts)) {
      const figure = page.locator("figure").filter({ has: page.locator(`[data-chart="${name}"]`) });
      // Not an empty box: a drawn SVG of real height, with marks and readable text.
      const svg = figure.getByRole("img", { name: title });
      const box = await svg.boundingBox();
      expect(box!.height, name).toBeGreaterThan(100);
      expect(await svg.locator(marks).count(), name).toBeGreaterThan(0);
      for (const size of await svg.locator("text").evaluateAll((ts) => ts.map((t) => parseFloat(getComputedStyle(t).fontSize)))) {
        expect(size).toBeGreaterThanOrEqual(12);
      }
      // Its summary sentence describes it; the table is one click away.
      const summary = (await figure.locator(".chart-summary").textContent())!.trim();
      expect(summary.length, name).toBeGreaterThan(10);
      expect(await svg.getAttribute("aria-describedby")).toBe(await figure.locator(".chart-summary").getAttribute("id"));
      await figure.getByText("Bảng số liệu").click();
      await figure.locator(`table[data-table="${name}"] tbody tr`).first().waitFor();
    }
    // Nothing hidden from assistive technology holds something focusable.
    expect(await page.locator('[aria-hidden="true"] :is(a, button, input, [tabindex]:not([tabindex="-1"]))').count()).toBe(0);
    // The month axis reads whole labels, as in the table.
    const months = await page.locator('table[data-table="headcount"] tbody th').allInnerTexts();
    const axis = await page.locator('[data-chart="headcount"] svg text').evaluateAll((ts) => ts.map((t) => t.textContent));
    for (const m of months) expect(axis).toContain(m);
  });

  it("a manager drills down to a unit, searches without diacritics, and exports exactly the rows on screen", async () => {
    const page = await newPage();
    await loginAs(page, "manager@kt1.test");
    await page.goto("/dashboard");
    // The table shows one level below the post office; the ward office opens to its station.
    const coverage = page.locator("table.dash-coverage");
    await expect(coverage.getByRole("link", { name: "Bưu cục KT1 Hạc Thành", exact: true }).count()).resolves.toBe(0);
    await coverage
      .getByRole("row", { name: /Bưu điện phường Hạc Thành/ })
      .getByRole("link", { name: "Xem đơn vị trực thuộc" })
      .click();
    await page.waitForURL((url) => url.pathname === "/dashboard" && url.searchParams.has("unit"));
    await coverage.getByRole("link", { name: "Bưu cục KT1 Hạc Thành", exact: true }).click();
    await expectHeading(page, "Nhân sự theo trạng thái chứng nhận");
    const station = await unitId("TH-BD-HACTHANH-KT1");
    expect(new URL(page.url()).searchParams.get("unit")).toBe(String(station));

    await page.getByLabel("Họ tên hoặc mã nhân viên").fill("nguyen");
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "nguyen");
    // The URL changes before React renders the new rows; the export link comes from the same data as
    // the table, so once it carries the search the table on screen is the searched one.
    await page.locator(`a[href="/dashboard/people.csv?unit=${station}&q=nguyen"]`).waitFor();
    const names = await tableNames(page);
    expect(names.length).toBeGreaterThan(0);
    expect(names.some((n) => n.includes("Nguyễn"))).toBe(true);
    for (const n of names) expect(fold(n)).toContain("nguyen");

    // CSV: byte-order mark, Vietnamese header, the same people in the same order.
    const csvHref = await page.getByRole("link", { name: "Xuất CSV" }).getAttribute("href");
    expect(csvHref).toBe(`/dashboard/people.csv?unit=${station}&q=nguyen`);
    const csv = await page.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = (await csv.body()).toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header.slice(0, 4)).toEqual(["Mã nhân viên", "Họ và tên", "Đơn vị", "Chức vụ"]);
    expect(header).toContain("Nghiệp vụ KT1 — nhân viên bưu điện: trạng thái");
    expect(header).toContain("Nghiệp vụ KT1 — nhân viên bưu điện: hạn");
    expect(rows.map((r) => r[1])).toEqual(names);

    // Excel: the same rows, bold header.
    const xlsx = await page.request.get((await page.getByRole("link", { name: "Xuất Excel" }).getAttribute("href"))!);
    expect(xlsx.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(2).value).toBe("Họ và tên");
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const xlsxNames: string[] = [];
    sheet.eachRow((row, i) => {
      if (i > 1) xlsxNames.push(String(row.getCell(2).value));
    });
    expect(xlsxNames).toEqual(names);

    const [audit] = await appSql<{ data: { format: string; rows: number } }>(
      `select data from audit_entries where action = 'dashboard.export' order by id desc limit 1`,
    );
    expect(audit.data).toMatchObject({ format: "xlsx", rows: names.length });
  });

  it("a manager opens the overdue people from the card, narrows them by status, and exports their status and due date", async () => {
    const page = await newPage();
    await loginAs(page, "manager@kt1.test");
    await page.goto("/dashboard");
    const cards = page.getByTestId("obligation-cards");
    const late = Number((await cards.locator('[data-card="late"] strong').textContent())!.replace(/\D/g, ""));
    expect(late).toBeGreaterThan(0);
    await cards.locator('[data-card="late"]').getByRole("link").click();
    await expectHeading(page, "Nhân sự theo trạng thái chứng nhận");
    expect(new URL(page.url()).searchParams.get("status")).toBe("LATE");
    await expect(page.getByRole("status").filter({ hasText: "người" }).textContent()).resolves.toContain(`trong ${late} người`);
    // Every row has an obligation past its due date.
    for (const row of await page.locator('table[data-table="people"] tbody tr').all()) {
      const badges = await row.locator(".dash-state").allTextContents();
      expect(
        badges.some((b) => ["Quá hạn", "Đã hết hạn", "Đã bị thu hồi"].includes(b)),
        badges.join(", "),
      ).toBe(true);
    }

    // Narrowed to the postal type and "Quá hạn" only (never held, past the due date).
    await page.getByLabel("Loại chứng nhận").selectOption({ label: "Nghiệp vụ KT1 — nhân viên bưu điện" });
    await page.getByLabel("Trạng thái chứng nhận bắt buộc").selectOption({ label: "Quá hạn" });
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "OVERDUE" && url.searchParams.get("type") === "KT1-BUU-DIEN");
    // The new list has one type's column (the sixth header is then the last exam).
    await page.locator('table[data-table="people"] thead th').nth(5).filter({ hasText: "Lần thi gần nhất" }).waitFor();
    const overdue = await tableNames(page);
    expect(overdue.length).toBeGreaterThan(0);
    await expect(page.locator('table[data-table="people"] tbody .dash-state').allTextContents()).resolves.toEqual(
      overdue.map(() => "Quá hạn"),
    );

    // The CSV carries each person's status and due date for the type.
    const csv = await page.request.get((await page.getByRole("link", { name: "Xuất CSV" }).getAttribute("href"))!);
    const [header, ...rows] = parseCsv((await csv.body()).toString("utf8").slice(1));
    expect(header.slice(4, 7)).toEqual([
      "Nghiệp vụ KT1 — nhân viên bưu điện: trạng thái",
      "Nghiệp vụ KT1 — nhân viên bưu điện: hạn",
      "Nghiệp vụ KT1 — nhân viên bưu điện: hiệu lực đến",
    ]);
    expect(rows.map((r) => r[1])).toEqual(overdue);
    const [{ due_on: dueOn }] = await appSql<{ due_on: string }>(
      `select to_char(o.due_on, 'DD/MM/YYYY') as due_on from obligations o join people p on p.id = o.person_id
         join certification_types t on t.id = o.certification_type_id where p.employee_code = $1 and t.code = 'KT1-BUU-DIEN'`,
      [rows[0][0]],
    );
    expect(rows[0].slice(4, 6)).toEqual(["Quá hạn", dueOn]);
    for (const r of rows) expect(r[5]).toMatch(/^\d\d\/\d\d\/\d{4}$/);
  });

  it("the drill-down filters work without JavaScript", async () => {
    const page = await newPage({ javaScript: false });
    await loginAs(page, "manager@kt1.test");
    await page.goto("/dashboard/people");
    await page.getByLabel("Họ tên hoặc mã nhân viên").fill("THINH");
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "THINH");
    expect(await tableNames(page)).toContain("Nguyễn Văn Thịnh");
  });

  it("an auditor sees the whole province, and an agency leaves the alert once its clerk is certified", async () => {
    // An agency with nobody certified now, and an active person of it to certify.
    // Its clerk, who must hold the clerks' certification.
    const [target] = await appSql<{ id: number; name: string; person_id: number }>(`
      select u.id, u.name, (select p.id from people p join positions pos on pos.id = p.position_id
                             where p.unit_id = u.id and p.status = 'ACTIVE' and pos.code = 'VAN_THU' order by p.id limit 1) as person_id
        from units u
       where u.code like 'TH-%' and u.kind in ('AGENCY', 'DEPARTMENT', 'POLICE')
         and exists (select 1 from people p join positions pos on pos.id = p.position_id where p.unit_id = u.id and p.status = 'ACTIVE' and pos.code = 'VAN_THU')
         and not exists (select 1 from people p join certifications c on c.person_id = p.id join certification_types t on t.id = c.certification_type_id
                          where p.unit_id = u.id and p.status = 'ACTIVE' and t.code = 'KT1-VAN-THU' and c.revoked_at is null
                            and c.valid_from <= current_date and c.valid_until >= current_date)
       order by u.kind = 'POLICE' desc, u.id
       limit 1`);
    expect(target, "a sending agency without a certified clerk in the demo data").toBeDefined();

    const page = await newPage();
    await loginAs(page, "auditor@kt1.test");
    await page.goto("/dashboard");
    await expectHeading(page, "Tổng quan chứng nhận");
    const alert = page.getByTestId("agencies-alert");
    await alert.getByRole("link", { name: target.name, exact: true }).waitFor();
    const coverage = page.locator("table.dash-coverage");
    await coverage.getByRole("link", { name: "Tỉnh Thanh Hóa", exact: true }).waitFor();
    await coverage.getByRole("link", { name: "Công an tỉnh Thanh Hóa", exact: true }).waitFor();
    // Deeper units are one click away, not all on one page.
    await coverage
      .getByRole("row", { name: /Bưu điện tỉnh Thanh Hóa/ })
      .getByRole("link", { name: "Xem đơn vị trực thuộc" })
      .waitFor();
    await expect(coverage.getByRole("link", { name: "Bưu cục KT1 Sầm Sơn", exact: true }).count()).resolves.toBe(0);

    const serial = `E2E-DASH-${Date.now()}`;
    // Recorded by the demo trainer, confirmed by the demo admin (the two-person rule, decision 029).
    const [session] = await appSql<{ id: number; certification_type_id: number }>(
      `insert into training_sessions (certification_type_id, held_on, place, trainer_id, pass_percent)
       select id, current_date - 30, 'Phòng họp (e2e)', (select id from people where email = 'trainer@kt1.test'), 70
         from certification_types where code = 'KT1-VAN-THU' returning id, certification_type_id`,
    );
    const [line] = await appSql<{ id: number }>(
      `insert into training_attendance (session_id, person_id, attended, paper_score) values ($1, $2, true, 90) returning id`,
      [session.id, target.person_id],
    );
    await appSql(
      `update training_sessions set status = 'CONFIRMED', decided_by_id = (select id from people where email = 'admin@kt1.test'), decided_at = now() where id = $1`,
      [session.id],
    );
    const [created] = await appSql<{ id: number; attendance_id: number; session_id: number }>(
      `insert into certifications (serial, verification_code, person_id, certification_type_id, source, issued_at, valid_from, valid_until, training_attendance_id)
       values ($2, $3, $1, $4, 'IN_PERSON', now(), current_date - 30, current_date + 700, $5)
       returning id, training_attendance_id as attendance_id, $6::int as session_id`,
      [target.person_id, serial, `e2edash${Date.now()}`, session.certification_type_id, line.id, session.id],
    );
    try {
      await page.reload();
      await expectHeading(page, "Tổng quan chứng nhận");
      await coverage.getByRole("link", { name: "Tỉnh Thanh Hóa", exact: true }).waitFor();
      await expect(alert.getByRole("link", { name: target.name, exact: true }).count()).resolves.toBe(0);

      // The drill-down from that agency shows the clerk, now compliant.
      await page.goto(`/dashboard/people?unit=${target.id}&type=KT1-VAN-THU&status=COMPLIANT`);
      await page.locator('table[data-table="people"]').waitFor();
      await expect(page.locator('table[data-table="people"] tbody tr').count()).resolves.toBe(1);
      await expect(page.locator('table[data-table="people"] tbody .dash-state').textContent()).resolves.toBe("Đạt");
    } finally {
      // Certifications are never deleted by the app; the test removes its own row with triggers off (a superuser's power).
      await appSql(
        `set session_replication_role = replica;
         delete from certifications where id = ${Number(created.id)};
         delete from training_attendance where id = ${Number(created.attendance_id)};
         delete from training_sessions where id = ${Number(created.session_id)};
         set session_replication_role = origin;`,
        [],
        "superuser",
      );
    }
  });

  it("refuses units outside the reader's subtree, and people without people:read", async () => {
    const manager = await loginCookie("manager@kt1.test");
    const outside = await unitId("TH-SNV");
    for (const path of ["/dashboard", "/dashboard/people", "/dashboard/people.csv", "/dashboard/people.xlsx"]) {
      expect((await get(`${path}?unit=${outside}`, manager)).status, path).toBe(403);
    }
    expect((await get(`/dashboard/people?unit=${await unitId("TH-BD-SAMSON")}`, manager)).status).toBe(200);
    expect((await get("/dashboard?unit=99999999", manager)).status).toBe(404);
    const learner = await loginCookie("learner@kt1.test");
    expect((await get("/dashboard", learner)).status).toBe(403);
    expect((await get("/dashboard/people.csv", learner)).status).toBe(403);
    const anonymous = await get("/dashboard");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");
  });
});
