import { describe, expect, it } from "vitest";
import { normalizeTypedDay, parseTypedDay, typedDayFilter, typedDayText } from "~/domain/time/typed-day.ts";

describe("parseTypedDay", () => {
  it("reads dd/mm/yyyy as Vietnam writes it, with one-digit day and month", () => {
    expect(parseTypedDay("04/12/2026")).toEqual({ ok: true, value: "2026-12-04" });
    expect(parseTypedDay(" 4/1/2026 ")).toEqual({ ok: true, value: "2026-01-04" });
    expect(parseTypedDay("31.12.2026")).toEqual({ ok: true, value: "2026-12-31" });
  });

  it("never reads the day as the month (12/04 is the 12th of April)", () => {
    expect(parseTypedDay("12/04/2026")).toEqual({ ok: true, value: "2026-04-12" });
    expect(parseTypedDay("13/04/2026")).toEqual({ ok: true, value: "2026-04-13" });
    expect(parseTypedDay("04/13/2026")).toEqual({ ok: false, code: "BAD_DATE" });
  });

  it("accepts ISO yyyy-mm-dd for the API and old links", () => {
    expect(parseTypedDay("2026-12-04")).toEqual({ ok: true, value: "2026-12-04" });
  });

  it("treats an empty field as no date", () => {
    expect(parseTypedDay("")).toEqual({ ok: true, value: null });
    expect(parseTypedDay("   ")).toEqual({ ok: true, value: null });
    expect(parseTypedDay(null)).toEqual({ ok: true, value: null });
  });

  it("refuses days that do not exist and anything else", () => {
    for (const bad of ["31/02/2026", "29/02/2027", "00/01/2026", "1/1/26", "2026/12/04", "hôm nay", "04/12/2026x", "2026-02-30"]) {
      expect(parseTypedDay(bad), bad).toEqual({ ok: false, code: "BAD_DATE" });
    }
    expect(parseTypedDay(20261204)).toEqual({ ok: false, code: "BAD_DATE" });
    expect(parseTypedDay("29/02/2028")).toEqual({ ok: true, value: "2028-02-29" });
  });
});

describe("typed day helpers", () => {
  it("normalise for a schema, show a Day back as dd/mm/yyyy, keep what was typed when wrong", () => {
    expect(normalizeTypedDay("04/12/2026")).toBe("2026-12-04");
    expect(normalizeTypedDay("31/02/2026")).toBe("31/02/2026");
    expect(typedDayText("2026-12-04")).toBe("04/12/2026");
    expect(typedDayText("31/02/2026")).toBe("31/02/2026");
    expect(typedDayText(null)).toBe("");
  });

  it("keep an unreadable filter date as typed, so the form can say so", () => {
    expect(typedDayFilter("04/12/2026")).toEqual({ day: "2026-12-04", bad: null });
    expect(typedDayFilter(null)).toEqual({ day: null, bad: null });
    expect(typedDayFilter("12/31/2026")).toEqual({ day: null, bad: "12/31/2026" });
  });
});
