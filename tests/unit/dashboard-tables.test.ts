// Decision 078: the dashboard's coverage table and charts are rendered once per
// distinct value of their data. A changed count must never be answered with the
// HTML of the old one, and equal data must not be rendered again.
import { describe, expect, it } from "vitest";
import type { DashboardTablesData } from "~/components/dashboard/coverage-section.tsx";
import { dashboardTablesHtml, dashboardTablesRenders } from "~/services/dashboard/tables-html.server.tsx";

function data(compliant: number): DashboardTablesData {
  const unit = { id: 7, name: "Bưu điện tỉnh <thử>", obligated: 1200, compliant, percent: Math.round((compliant / 1200) * 1000) / 10 };
  return {
    filter: { unit: "", type: "" },
    typeName: null,
    series: [{ code: "KT1-BUU-DIEN", name: "Bưu điện KT1" }],
    coverage: [{ ...unit, depth: 0, deeper: true }],
    coverageChart: [unit],
    expiries: [{ month: "2026-12", total: 3, byType: { "KT1-BUU-DIEN": 3 } }],
    headcount: [{ month: "2026-11", day: "2026-11-30", count: compliant }],
  };
}

describe("the dashboard's tables as HTML", () => {
  it("renders equal data once, and a changed count anew under another key", () => {
    const first = dashboardTablesHtml("vi", data(900));
    const renders = dashboardTablesRenders();
    expect(dashboardTablesHtml("vi", data(900))).toEqual(first);
    expect(dashboardTablesRenders()).toBe(renders);

    const next = dashboardTablesHtml("vi", data(901));
    expect(dashboardTablesRenders()).toBe(renders + 1);
    expect(next.key).not.toBe(first.key);
    expect(first.html).toContain("900</td>");
    expect(next.html).toContain("901</td>");
    expect(next.html).not.toContain("900</td>");
  });

  it("escapes unit names, links to the drill-down and follows the language", () => {
    const vi = dashboardTablesHtml("vi", data(600));
    expect(vi.html).toContain("Bưu điện tỉnh &lt;thử&gt;");
    expect(vi.html).toContain('href="/dashboard/people?unit=7"');
    expect(vi.html).toContain("1.200</td>");
    const en = dashboardTablesHtml("en", data(600));
    expect(en.key).not.toBe(vi.key);
    expect(en.html).toContain("1,200</td>");
  });
});
