// Plain HTTP against the running app, for tests that need no browser.
import { inject } from "vitest";
import pg from "pg";

export const baseUrl = () => inject("baseUrl");

export async function loginCookie(email: string, password = "Kt1-demo-2026") {
  const res = await fetch(`${baseUrl()}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ identifier: email, password }),
  });
  const cookie = res.headers.get("set-cookie")?.match(/kt1_session=[^;]+/)?.[0];
  if (!cookie) throw new Error(`login failed for ${email}: ${res.status}`);
  return cookie;
}

export async function get(path: string, cookie?: string) {
  return fetch(`${baseUrl()}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

export async function post(path: string, form: Record<string, string>, cookie?: string, origin = baseUrl()) {
  return fetch(`${baseUrl()}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form),
  });
}

const APP_DATABASE = { app: "appDatabaseUrl", owner: "ownerDatabaseUrl", superuser: "superuserDatabaseUrl" } as const;

/** SQL in the running app's database, by default as the app's own role. */
export async function appSql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
  login: keyof typeof APP_DATABASE = "app",
) {
  const client = new pg.Client({ connectionString: inject(APP_DATABASE[login]) });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
