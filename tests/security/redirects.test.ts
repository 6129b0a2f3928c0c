// Issue 11, item 9: a redirect target taken from the request (redirectTo on
// /login and /lang) must stay on our origin, however it is spelled.
import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/safe-redirect.ts";
import { baseUrl, post } from "../support/http.ts";

const NASTY = [
  "/\t/evil.example",
  "//evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "https://evil.example",
  "http:evil.example",
  "/%09/evil.example",
  "/%5C/evil.example",
  "/%2F/evil.example",
  "javascript:alert(1)",
  "/\n/evil.example",
  "/\r\n/evil.example",
  " //evil.example",
  "/\u0000/evil.example",
  "/x\u007f",
  "///evil.example",
  "/./\\evil.example",
  "/../..//evil.example",
  "",
];

describe("redirect targets from the request", () => {
  it("helper: only same-origin paths, else the fallback", () => {
    for (const value of NASTY) expect(safeRedirect(value, "/home"), JSON.stringify(value)).toBe("/home");
    for (const value of [null, undefined, 42, ["/a"]]) expect(safeRedirect(value, "/home")).toBe("/home");
    for (const value of ["/learn", "/people?unit=3&q=Nguy%E1%BB%85n", "/certificates/12#top", "/a/b/"]) {
      expect(safeRedirect(value, "/home")).toBe(value);
    }
  });

  // A NUL never reaches a route: the request guard refuses the whole request (decision 030).
  const refusedByGuard = (value: string) => value.includes("\u0000");
  const expectRefused = (res: Response) => {
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  };

  for (const value of NASTY) {
    it(`POST /login with redirectTo=${JSON.stringify(value)} stays on our origin`, async () => {
      const res = await post("/login", { identifier: "auditor@kt1.test", password: "Kt1-demo-2026", redirectTo: value });
      if (refusedByGuard(value)) return expectRefused(res);
      expect(res.status).toBe(302);
      const location = res.headers.get("location") ?? "";
      const target = new URL(location, baseUrl());
      expect(target.origin, location).toBe(new URL(baseUrl()).origin);
      // What a browser would do with the raw header (it strips tabs and newlines).
      const asBrowser = new URL(location.replace(/[\t\n\r]/g, ""), baseUrl());
      expect(asBrowser.origin, location).toBe(new URL(baseUrl()).origin);
      expect(location.startsWith("/") && !location.startsWith("//") && !/[\\\u0000-\u001f\u007f]/.test(location), location).toBe(true);
    });

    it(`POST /lang with redirectTo=${JSON.stringify(value)} stays on our origin`, async () => {
      const res = await post("/lang", { locale: "vi", redirectTo: value });
      if (refusedByGuard(value)) return expectRefused(res);
      expect(res.status).toBe(302);
      const location = res.headers.get("location") ?? "";
      expect(new URL(location.replace(/[\t\n\r]/g, ""), baseUrl()).origin, location).toBe(new URL(baseUrl()).origin);
      expect(location.startsWith("/") && !location.startsWith("//") && !/[\\\u0000-\u001f\u007f]/.test(location), location).toBe(true);
    });
  }
});
