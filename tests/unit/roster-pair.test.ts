import { describe, expect, it } from "vitest";
import { isCovered, isPairComplete, isSenior, pairBookingReasons, pairLeaveReasons, type PairRule } from "~/domain/roster/pair.ts";

const LEAD = 3;
const OTHER = 7;
const rule: PairRule = { requiresPair: true, seniorPositionId: LEAD, seniorMonths: 120 };
// 08:00 on 10/12/2026 in Vietnam.
const startsAt = new Date("2026-12-10T01:00:00Z");
const endsAt = new Date("2026-12-10T05:00:00Z");
const before = new Date("2026-12-09T00:00:00Z");

const senior = { personId: 1, positionId: OTHER, workStartedOn: "2016-12-10" }; // ten years on the day
const almost = { personId: 2, positionId: OTHER, workStartedOn: "2016-12-11" }; // one day short
const lead = { personId: 3, positionId: LEAD, workStartedOn: "2026-01-01" };
const junior = { personId: 4, positionId: OTHER, workStartedOn: "2025-01-01" };
const junior2 = { personId: 5, positionId: OTHER, workStartedOn: "2025-06-01" };

describe("who is senior on a two-person duty", () => {
  it("counts the months on the shift's first day in Vietnam, as the KT1 rule does", () => {
    expect(isSenior(rule, senior, startsAt)).toBe(true);
    expect(isSenior(rule, almost, startsAt)).toBe(false);
    // 23:30 on 09/12 in Vietnam is still the day before.
    expect(isSenior(rule, senior, new Date("2026-12-09T16:30:00Z"))).toBe(false);
  });

  it("counts the senior position whatever the months, and only the rules the duty type sets", () => {
    expect(isSenior(rule, lead, startsAt)).toBe(true);
    expect(isSenior({ ...rule, seniorPositionId: null }, lead, startsAt)).toBe(false);
    expect(isSenior({ ...rule, seniorMonths: null }, senior, startsAt)).toBe(false);
  });
});

describe("a two-person shift", () => {
  it("is complete with two people, one senior; covered only when also at its headcount", () => {
    expect(isPairComplete(rule, [junior, senior], startsAt)).toBe(true);
    expect(isPairComplete(rule, [senior], startsAt)).toBe(false);
    expect(isPairComplete(rule, [junior, junior2], startsAt)).toBe(false);
    expect(isCovered(rule, { startsAt, headcount: 2 }, [junior, senior])).toBe(true);
    expect(isCovered(rule, { startsAt, headcount: 2 }, [junior, junior2])).toBe(false);
    expect(isCovered(rule, { startsAt, headcount: 3 }, [junior, senior])).toBe(false);
    expect(isCovered({ requiresPair: false, seniorPositionId: null, seniorMonths: null }, { startsAt, headcount: 1 }, [junior])).toBe(true);
  });

  it("gives its last seat to a senior when nobody on it is one", () => {
    const shift = { startsAt, headcount: 2 };
    expect(pairBookingReasons(rule, shift, [junior], junior2)).toEqual([{ code: "PAIR_NEEDS_SENIOR" }]);
    expect(pairBookingReasons(rule, shift, [junior], senior)).toEqual([]);
    expect(pairBookingReasons(rule, shift, [senior], junior)).toEqual([]);
    expect(pairBookingReasons(rule, shift, [], junior)).toEqual([]);
    expect(pairBookingReasons(rule, { startsAt, headcount: 3 }, [junior], junior2)).toEqual([]);
    expect(pairBookingReasons({ ...rule, requiresPair: false }, shift, [junior], junior2)).toEqual([]);
  });

  it("refuses a cancellation that leaves people on a complete shift without their pair", () => {
    const shift = { startsAt, endsAt, uncovered: false };
    expect(pairLeaveReasons(rule, shift, [junior, senior], senior.personId, before)).toEqual([{ code: "PAIR_WOULD_BREAK" }]);
    expect(pairLeaveReasons(rule, shift, [junior, senior], junior.personId, before)).toEqual([{ code: "PAIR_WOULD_BREAK" }]);
    // Three people: one may go as long as a senior and a second stay.
    expect(pairLeaveReasons(rule, shift, [junior, junior2, senior], junior.personId, before)).toEqual([]);
    expect(pairLeaveReasons(rule, shift, [junior, junior2, senior], senior.personId, before)).toEqual([{ code: "PAIR_WOULD_BREAK" }]);
  });

  it("lets it through when the shift is marked uncovered, was not complete, leaves nobody, or is over", () => {
    const shift = { startsAt, endsAt, uncovered: false };
    expect(pairLeaveReasons(rule, { ...shift, uncovered: true }, [junior, senior], senior.personId, before)).toEqual([]);
    expect(pairLeaveReasons(rule, shift, [junior], junior.personId, before)).toEqual([]);
    expect(pairLeaveReasons(rule, shift, [junior, junior2], junior.personId, before)).toEqual([]);
    expect(pairLeaveReasons(rule, shift, [junior, senior], senior.personId, endsAt)).toEqual([]);
  });
});
