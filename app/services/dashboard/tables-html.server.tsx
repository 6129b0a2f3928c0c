// The dashboard's coverage table and charts as HTML, rendered once per distinct
// value of what they show (decision 078). Their data changes when the counts do
// (the nightly recount, an exam, an import), not per view, and rendering them was
// most of a view's CPU; the key is the data itself, so a stale entry cannot be served.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { renderToStaticMarkup } from "react-dom/server";
import { DashboardTables, type DashboardTablesData } from "~/components/dashboard/coverage-section.tsx";
import { translate, type Locale } from "~/i18n/index.ts";

// A cache: losing it costs a render.
const rendered = new LRUCache<string, { key: string; html: string }>({
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (entry, json) => entry.html.length + json.length,
});

let renders = 0;
/** How many times this process has rendered the tables (a test proves that equal data renders once). */
export const dashboardTablesRenders = () => renders;

/** The HTML and a short key naming its content (the page keeps the HTML it has while the key is the same). */
export function dashboardTablesHtml(locale: Locale, d: DashboardTablesData): { key: string; html: string } {
  const json = `${locale}\n${JSON.stringify(d)}`;
  let entry = rendered.get(json);
  if (!entry) {
    renders++;
    const t: Parameters<typeof DashboardTables>[0]["t"] = (key, params) => translate(locale, key, params);
    const html = renderToStaticMarkup(<DashboardTables d={d} t={t} locale={locale} />);
    entry = { key: createHash("sha256").update(json).digest("base64url").slice(0, 16), html };
    rendered.set(json, entry);
  }
  return entry;
}
