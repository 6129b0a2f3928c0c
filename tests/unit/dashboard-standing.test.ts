import { describe, expect, it } from "vitest";
import { standing, type HeldCert } from "~/domain/dashboard/state.ts";
import { HOUR_MS } from "~/domain/time/calendar.ts";

const NOW = new Date("2026-11-28T05:00:00Z"); // 12:00 on 28/11/2026 in Vietnam
const cert = (
  validFrom: string,
  validUntil: string,
  revokedAt: Date | null = null,
  issuedAt = new Date(`${validFrom}T02:00:00Z`),
): HeldCert => ({ validFrom, validUntil, issuedAt, revokedAt });

describe("a person's standing for a certification type", () => {
  it("is NEVER with no certification", () => {
    expect(standing([], NOW)).toEqual({ state: "NEVER", validNow: false, bestUntil: null });
  });

  it("is EXPIRING up to 90 days ahead, counting the last day, and VALID after", () => {
    expect(standing([cert("2025-01-01", "2026-11-28")], NOW).state).toBe("EXPIRING"); // ends today: still valid today
    expect(standing([cert("2025-01-01", "2027-02-26")], NOW).state).toBe("EXPIRING"); // 90 days
    expect(standing([cert("2025-01-01", "2027-02-27")], NOW).state).toBe("VALID"); // 91 days
  });

  it("is EXPIRED from the day after the last day", () => {
    expect(standing([cert("2025-01-01", "2026-11-27")], NOW)).toEqual({ state: "EXPIRED", validNow: false, bestUntil: "2026-11-27" });
  });

  it("counts an early renewal that starts later as extending the cover", () => {
    const s = standing([cert("2025-01-01", "2026-12-10"), cert("2026-12-11", "2028-12-10")], NOW);
    expect(s).toEqual({ state: "VALID", validNow: true, bestUntil: "2028-12-10" });
  });

  it("is REVOKED from the instant of revocation when the latest one was revoked, and valid until then", () => {
    const hourAgo = new Date(NOW.getTime() - HOUR_MS);
    const inAnHour = new Date(NOW.getTime() + HOUR_MS);
    expect(standing([cert("2026-01-01", "2027-12-31", hourAgo)], NOW).state).toBe("REVOKED");
    expect(standing([cert("2026-01-01", "2027-12-31", inAnHour)], NOW).state).toBe("VALID");
    // An older one expired, the latest revoked: revoked. The reverse: expired.
    expect(standing([cert("2023-01-01", "2024-12-31"), cert("2025-01-01", "2026-06-30", hourAgo)], NOW).state).toBe("REVOKED");
    expect(standing([cert("2023-01-01", "2024-12-31", hourAgo), cert("2025-01-01", "2026-06-30")], NOW).state).toBe("EXPIRED");
  });
});
