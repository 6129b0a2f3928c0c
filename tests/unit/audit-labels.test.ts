import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SENTENCE_ACTIONS } from "~/domain/audit/sentences.ts";
import { AUDIT_ACTION_GROUPS } from "~/i18n/audit.ts";
import { translate, type MessageKey } from "~/i18n/index.ts";

// The audit log shows each entry's action by its label; an action written
// without one would show as a raw code (roster.shift_create) to an auditor.

const APP = path.resolve(import.meta.dirname, "../../app");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Every action code the app writes to the audit log (string literals after `action:`). */
function auditedActions() {
  const codes = new Set<string>();
  for (const file of sources(APP)) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("appendAudit")) continue;
    for (const m of text.matchAll(/action:\s*([^,}\n]+)/g)) for (const s of m[1].matchAll(/"([a-z_]+\.[a-z_.]+)"/g)) codes.add(s[1]);
  }
  return [...codes].sort();
}

describe("audit action labels", () => {
  it("exist in Vietnamese and English for every action the app records", () => {
    const actions = auditedActions();
    expect(actions).toContain("roster.assign");
    expect(actions.length).toBeGreaterThan(30);
    const missing = actions.flatMap((a) =>
      (["vi", "en"] as const)
        .filter((l) => translate(l, `audit.action.${a}` as MessageKey) === `audit.action.${a}`)
        .map((l) => `${l}: ${a}`),
    );
    expect(missing).toEqual([]);
  });

  it("are all offered by the action filter, in one group each, and each has its own sentence", () => {
    const actions = auditedActions();
    const grouped = Object.values(AUDIT_ACTION_GROUPS).flat() as string[];
    expect(actions.filter((a) => !grouped.includes(a))).toEqual([]);
    expect(grouped.length).toBe(new Set(grouped).size);
    expect(actions.filter((a) => !SENTENCE_ACTIONS.includes(a))).toEqual([]);
    const noSentence = SENTENCE_ACTIONS.flatMap((a) =>
      (["vi", "en"] as const).filter((l) => translate(l, `audit.s.${a}` as MessageKey) === `audit.s.${a}`).map((l) => `${l}: ${a}`),
    );
    expect(noSentence).toEqual([]);
  });
});
