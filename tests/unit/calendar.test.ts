import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  dayOf,
  daysBetween,
  endOfDay,
  fromDateColumn,
  isDay,
  monthEnd,
  monthOf,
  monthStart,
  startOfDay,
  timeOf,
  toDateColumn,
} from "~/domain/time/calendar.ts";

// The Vietnam calendar (UTC+7 all year). A day computed in UTC is "yesterday"
// in Vietnam before 07:00; these pin the edges (decisions 024 and 037).
describe("the Vietnam day of an instant", () => {
  it("turns at 17:00 UTC, which is midnight in Hà Nội", () => {
    expect(dayOf(new Date("2026-12-31T16:59:59.999Z"))).toBe("2026-12-31");
    expect(dayOf(new Date("2026-12-31T17:00:00Z"))).toBe("2027-01-01");
    expect(timeOf(new Date("2026-12-31T16:59:59Z"))).toBe("23:59");
    expect(timeOf(new Date("2026-12-31T17:00:00Z"))).toBe("00:00");
  });
  it("an early-morning instant in Vietnam is already the next day there", () => {
    // 06:30 on 1 March in Hà Nội is still 28 February in UTC.
    expect(dayOf(new Date("2026-02-28T23:30:00Z"))).toBe("2026-03-01");
  });
  it("a day starts at its midnight in Hà Nội and ends where the next one starts", () => {
    expect(startOfDay("2027-01-01")).toEqual(new Date("2026-12-31T17:00:00Z"));
    expect(endOfDay("2027-01-01")).toEqual(new Date("2027-01-01T17:00:00Z"));
    expect(endOfDay("2026-12-31")).toEqual(startOfDay("2027-01-01"));
    expect(dayOf(startOfDay("2027-01-01"))).toBe("2027-01-01");
    expect(dayOf(new Date(endOfDay("2027-01-01").getTime() - 1))).toBe("2027-01-01");
  });
});

describe("day arithmetic", () => {
  it("adds days across month and year ends, and back", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-11-28", 0)).toBe("2026-11-28");
  });
  it("adds months keeping the day, the 31st becoming the month's last day", () => {
    expect(addMonths("2026-01-15", 1)).toBe("2026-02-15");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-03-31", 1)).toBe("2026-04-30");
    expect(addMonths("2026-11-30", 2)).toBe("2027-01-30");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
  });
  it("a leap day plus a year is the last day of February", () => {
    expect(addMonths("2028-02-29", 12)).toBe("2029-02-28");
    expect(addMonths("2028-02-29", 48)).toBe("2032-02-29");
  });
  it("counts whole days between two days, negative when the second is earlier", () => {
    expect(daysBetween("2026-11-28", "2026-11-28")).toBe(0);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2027-01-01", "2026-12-25")).toBe(-7);
  });
});

describe("months", () => {
  it("names a day's month and its first and last days", () => {
    expect(monthOf("2028-02-14")).toBe("2028-02");
    expect(monthStart("2028-02-14")).toBe("2028-02-01");
    expect(monthEnd("2028-02-14")).toBe("2028-02-29");
    expect(monthEnd("2026-02-14")).toBe("2026-02-28");
    expect(monthEnd("2026-12-01")).toBe("2026-12-31");
  });
});

describe("what counts as a day", () => {
  it("accepts real days written YYYY-MM-DD", () => {
    expect(isDay("2026-11-28")).toBe(true);
    expect(isDay("2028-02-29")).toBe(true);
  });
  it("rejects days that do not exist and other spellings", () => {
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-13-01")).toBe(false);
    expect(isDay("2026-11-28T00:00:00Z")).toBe(false);
    expect(isDay("28/11/2026")).toBe(false);
    expect(isDay("")).toBe(false);
    expect(isDay(null)).toBe(false);
  });
});

describe("DATE columns", () => {
  it("are the day at UTC midnight, whatever the hour in Vietnam", () => {
    expect(toDateColumn("2026-11-28")).toEqual(new Date("2026-11-28T00:00:00Z"));
    expect(fromDateColumn(new Date("2026-11-28T00:00:00Z"))).toBe("2026-11-28");
    expect(fromDateColumn(null)).toBeNull();
    expect(toDateColumn(null)).toBeNull();
  });
});
