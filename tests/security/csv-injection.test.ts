// Issue 11, item 10: a name such as `A;=HYPERLINK(…)` must not become a formula
// in any CSV export, whether the spreadsheet splits the file on "," or — as
// Excel does with Vietnamese regional settings — on ";". Decision 033.
import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { HOUR_MS } from "~/domain/time/calendar.ts";
import { loader as auditCsv } from "~/routes/audit/audit[.]csv.tsx";
import { loader as dashboardCsv } from "~/routes/dashboard/dashboard.people[.]csv.tsx";
import { loader as templateCsv } from "~/routes/people/people.import.template[.]csv.tsx";
import { loader as refusalsCsv } from "~/routes/roster/roster.refusals[.]csv.tsx";
import { appendAudit } from "~/services/audit.server.ts";
import { localeContext, userContext, type SessionUser } from "~/utils/context.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson } from "../support/factories.ts";
import { makeRosterWorld } from "../support/roster-fixtures.ts";

const EVIL = 'A;=HYPERLINK("http://evil.example","x")';
const EVIL_LINES = "B\r\n@SUM(1+1)*cmd|' /C calc'!A0";
// What a spreadsheet runs as a formula when a cell starts with it (OWASP, plus
// the full-width forms East Asian input turns into them).
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Splits CSV text the way a spreadsheet reading it with `sep` would. "strict":
 * a quote opens quoting only at the start of a field, and after the closing
 * quote everything (quotes included) is literal up to the separator — Excel's
 * reading. "toggle": every quote flips quoting, as some other readers do.
 */
function parse(text: string, sep: "," | ";", mode: "strict" | "toggle"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let atStart = true;
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
    atStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
      continue;
    }
    if (ch === '"' && (atStart || mode === "toggle")) {
      quoted = true;
      atStart = false;
    } else if (ch === sep) endField();
    else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    } else {
      field += ch;
      atStart = false;
    }
  }
  if (field !== "" || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** Cells that a spreadsheet would run as a formula, under every reading. */
function formulaCells(csv: string): string[] {
  const text = csv.replace(/^\uFEFF/, "");
  const found: string[] = [];
  for (const sep of [",", ";"] as const) {
    for (const mode of ["strict", "toggle"] as const) {
      for (const cell of parse(text, sep, mode).flat()) {
        const start = cell.replace(/^[ "]+/, ""); // spaces and stray quotes a reader may drop
        if (FORMULA_START.test(start) && !/^-?\d+([.,]\d+)?$/.test(start)) found.push(`${sep} ${mode}: ${cell}`);
      }
    }
  }
  return found;
}

let admin: SessionUser;
let unitId: number;

function call(loader: (args: never) => unknown, path: string): Promise<string> {
  const context = new RouterContextProvider();
  context.set(userContext, admin);
  context.set(localeContext, "vi");
  const request = new Request(`http://localhost${path}`);
  return Promise.resolve(loader({ request, context, params: {} } as never)).then((res) => (res as Response).text());
}

beforeAll(async () => {
  const world = await makeRosterWorld();
  unitId = world.unit.id;
  const evil = await makePerson({ unitId, fullName: EVIL, withAccount: false });
  const lines = await makePerson({ unitId, fullName: EVIL_LINES, withAccount: false });
  const boss = await makePerson({ unitId, fullName: "Quản trị thử", roles: [{ role: "ADMIN", unitId }] });
  admin = {
    sessionId: "test",
    accountId: 0,
    personId: boss.id,
    fullName: boss.fullName,
    employeeCode: boss.employeeCode,
    email: boss.email,
    unitId,
    unitName: "",
    mustChangePassword: false,
    locale: "vi",
    grants: [{ role: "ADMIN", unitId }],
  };
  const db = getDb();
  const now = new Date();
  // The audit log names them as actors; the refusal log as the people refused.
  for (const p of [evil, lines]) {
    await db.$transaction((tx) =>
      appendAudit(tx, { actorId: p.id, action: "person.update", unitId, targetType: "person", targetId: p.id, data: { note: EVIL } }, now),
    );
    await db.refusal.create({
      data: {
        at: now,
        personId: p.id,
        employeeCode: p.employeeCode,
        stationId: world.station.id,
        unitId,
        dutyTypeId: world.dutyType.id,
        startsAt: now,
        endsAt: new Date(now.getTime() + 4 * HOUR_MS),
        reasons: ["NO_CERTIFICATION"],
        path: "PAGE",
        actorId: p.id,
      },
    });
  }
});

describe("CSV exports with a name built to become a formula in Vietnamese Excel", () => {
  it.each([
    ["dashboard people", dashboardCsv, "/dashboard/people.csv"],
    ["audit log", auditCsv, "/audit.csv"],
    ["refusal log", refusalsCsv, "/roster/refusals.csv"],
  ] as const)("the %s export holds the names, and no cell starts a formula whether split on ',' or ';'", async (_name, loader, path) => {
    const csv = await call(loader as (args: never) => unknown, path);
    expect(csv).toContain("HYPERLINK");
    expect(csv).toContain("cmd|");
    expect(formulaCells(csv)).toEqual([]);
  });

  it("the import template has no formula cell either", async () => {
    const csv = await call(templateCsv as (args: never) => unknown, "/people/import/template.csv");
    expect(csv).toContain("Mã nhân viên");
    expect(formulaCells(csv)).toEqual([]);
  });
});
