// Issue 11, item 13: logging in from a browser that still holds an old (expired,
// revoked or garbage) session cookie must leave the browser with the new session.
// The session middleware used to append "clear the cookie" after the login
// action's new cookie, so the browser kept nothing and the first login failed.
import { describe, expect, it } from "vitest";
import { baseUrl, get } from "../support/http.ts";

/** The cookie a browser keeps after applying every Set-Cookie header in order. */
function finalSessionCookie(res: Response): string | null {
  let value: string | null = null;
  for (const header of res.headers.getSetCookie()) {
    const [pair, ...attrs] = header.split(";").map((s) => s.trim());
    const [name, ...rest] = pair.split("=");
    if (name !== "kt1_session") continue;
    const cleared = attrs.some((a) => /^max-age=(0|-\d+)$/i.test(a)) || rest.join("=") === "";
    value = cleared ? null : rest.join("=");
  }
  return value;
}

async function loginWith(staleCookie: string) {
  return fetch(`${baseUrl()}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded", Cookie: staleCookie },
    body: new URLSearchParams({ identifier: "auditor@kt1.test", password: "Kt1-demo-2026" }),
  });
}

describe("login with a stale session cookie", () => {
  const stale = [
    ["a well-formed token no session has", `kt1_session=${"a".repeat(32)}`],
    ["garbage", "kt1_session=not-a-token"],
  ] as const;

  for (const [what, cookie] of stale) {
    it(`ends with the new session when the old cookie is ${what}`, async () => {
      const res = await loginWith(cookie);
      expect(res.status).toBe(302);
      const token = finalSessionCookie(res);
      expect(token, res.headers.getSetCookie().join("\n")).toMatch(/^[a-z2-7]{32}$/);
      const account = await get("/account", `kt1_session=${token}`);
      expect(account.status).toBe(200);
      const home = await get(res.headers.get("location")!, `kt1_session=${token}`);
      expect(home.status).toBe(200);
    });
  }
});
