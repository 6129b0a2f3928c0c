// /metrics without METRICS_TOKEN does not exist; with it, only the bearer of the token reads it
// (the running server with a token is tested in server-faults.test.ts).
import type { AddressInfo } from "node:net";
import express from "express";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { metricsEndpoint } from "../../server/metrics.ts";

const health = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
afterAll(() => health.end());

async function serve(token: string | undefined) {
  const app = express();
  app.get("/metrics", metricsEndpoint(token, health));
  app.use((_req, res) => void res.status(404).send("not found"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, close: () => server.close() };
}

describe("/metrics protection", () => {
  it("is absent (404) when METRICS_TOKEN is unset, even with a bearer token", async () => {
    const s = await serve(undefined);
    try {
      expect((await fetch(s.url)).status).toBe(404);
      expect((await fetch(s.url, { headers: { Authorization: "Bearer anything-at-all-1234" } })).status).toBe(404);
    } finally {
      s.close();
    }
  });

  it("with METRICS_TOKEN: 401 without it or with another, 200 with it", async () => {
    const s = await serve("the-right-token-0123456789");
    try {
      const none = await fetch(s.url);
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toContain("Bearer");
      expect((await fetch(s.url, { headers: { Authorization: "Bearer the-right-token-012345678" } })).status).toBe(401);
      const ok = await fetch(s.url, { headers: { Authorization: "Bearer the-right-token-0123456789" } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("kt1_database_up 1");
    } finally {
      s.close();
    }
  });
});
