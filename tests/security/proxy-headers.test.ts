// Issue 11, item 12: behind TLS and proxies. A local client could pick its own
// rate-limit address with X-Forwarded-For (`trust proxy` was "loopback");
// HOST=0.0.0.0 counted as local, so SECURE_COOKIES=auto sent cookies without
// Secure on a public address; no Strict-Transport-Security header.
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import pino from "pino";
import type { ServerBuild } from "react-router";
import { describe, expect, it } from "vitest";
import { cookiesAreSecure, parseEnv, strictTransportSecurity } from "~/utils/env.server.ts";
import { createApp } from "../../server/app.ts";
import { appSql, baseUrl } from "../support/http.ts";

describe("X-Forwarded-For from a client is not trusted by default", () => {
  it("two failed logins with different X-Forwarded-For count against the same address", async () => {
    const identifier = `xff-${randomUUID()}@nowhere.test`;
    const forged = ["203.0.113.7", "198.51.100.23"];
    for (const xff of forged) {
      const res = await fetch(`${baseUrl()}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": xff },
        body: new URLSearchParams({ identifier, password: "wrong-password" }),
      });
      expect(res.status).toBe(400);
    }
    const rows = await appSql<{ ip: string }>(
      "select data->>'ip' as ip from audit_entries where action = 'auth.login_failed' and data->>'identifier' = $1",
      [identifier],
    );
    expect(rows).toHaveLength(2);
    const addresses = new Set(rows.map((r) => r.ip));
    expect(addresses.size).toBe(1);
    for (const xff of forged) expect(addresses.has(xff)).toBe(false);
    expect([...addresses][0]).toMatch(/127\.0\.0\.1|::1/);
  });
});

const production = (vars: Record<string, string>) => parseEnv({ NODE_ENV: "production", ...vars });

describe("SECURE_COOKIES=auto and Strict-Transport-Security", () => {
  it("HOST=0.0.0.0 is not local: cookies are Secure and HSTS is sent", () => {
    const env = production({ HOST: "0.0.0.0" });
    expect(cookiesAreSecure(env)).toBe(true);
    expect(strictTransportSecurity(env)).toBe("max-age=31536000; includeSubDomains");
    expect(cookiesAreSecure(production({}))).toBe(true); // HOST defaults to 0.0.0.0
    expect(cookiesAreSecure(production({ HOST: "::" }))).toBe(true);
  });

  it("a loopback HOST or an http:// PUBLIC_URL means plain http: no Secure, no HSTS", () => {
    for (const HOST of ["127.0.0.1", "localhost", "::1", "127.0.0.2"]) {
      expect(cookiesAreSecure(production({ HOST })), HOST).toBe(false);
      expect(strictTransportSecurity(production({ HOST })), HOST).toBeNull();
    }
    expect(cookiesAreSecure(production({ HOST: "0.0.0.0", PUBLIC_URL: "http://10.0.0.5:3000" }))).toBe(false);
    // Behind a TLS proxy on the same machine, the public address decides.
    expect(cookiesAreSecure(production({ HOST: "127.0.0.1", PUBLIC_URL: "https://kt1.example.vn" }))).toBe(true);
    expect(cookiesAreSecure(parseEnv({ NODE_ENV: "development", HOST: "0.0.0.0" }))).toBe(false);
  });

  it("an explicit SECURE_COOKIES wins", () => {
    expect(cookiesAreSecure(production({ HOST: "127.0.0.1", SECURE_COOKIES: "true" }))).toBe(true);
    expect(cookiesAreSecure(production({ HOST: "0.0.0.0", SECURE_COOKIES: "false" }))).toBe(false);
    expect(strictTransportSecurity(production({ HOST: "0.0.0.0", SECURE_COOKIES: "false" }))).toBeNull();
  });
});

describe("TRUST_PROXY", () => {
  it("defaults to trusting nobody and accepts names, addresses, CIDRs or a hop count", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "loopback" }).TRUST_PROXY).toEqual(["loopback"]);
    expect(parseEnv({ TRUST_PROXY: "10.0.0.0/8, 192.168.1.10,::1" }).TRUST_PROXY).toEqual(["10.0.0.0/8", "192.168.1.10", "::1"]);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
  });

  it("refuses values that would trust everyone or mean nothing", () => {
    for (const TRUST_PROXY of ["true", "*", "10.0.0.0/33", "example.com", "loopback,", "-1", "1.5"]) {
      expect(() => parseEnv({ TRUST_PROXY }), TRUST_PROXY).toThrow(/TRUST_PROXY/);
    }
  });

  it("the app honours X-Forwarded-For only from a trusted proxy, and sends HSTS when cookies are secure", async () => {
    const seen: string[] = [];
    const build = {
      entry: {
        module: {
          createLoadContext: (info: { ip: string }) => (seen.push(info.ip), {}),
          messagesScript: () => ({ path: "", body: "" }),
          lessonDocument: async () => null,
          examDocument: async () => null,
          saveExamAnswers: async () => ({ status: 404, body: {} }),
          isDatabaseOverloaded: () => false,
        },
      },
      routes: {},
      assets: { routes: {}, entry: { imports: [], module: "" }, url: "", version: "" },
      future: {},
      publicPath: "/",
      assetsBuildDirectory: "",
      ssr: true,
      prerender: [],
      isSpaMode: false,
      routeDiscovery: { mode: "initial" },
    } as unknown as ServerBuild;
    const log = pino({ level: "silent" });
    const serve = async (vars: Record<string, string>) => {
      const { app, close } = createApp({
        build,
        buildDir: "/nonexistent",
        databaseUrl: "postgresql://nobody@127.0.0.1:1/none",
        log,
        env: production(vars),
      });
      const server = app.listen(0, "127.0.0.1");
      await new Promise((r) => server.once("listening", r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${url}/some/page`, { headers: { "X-Forwarded-For": "203.0.113.7" } });
      await res.arrayBuffer();
      await new Promise((r) => server.close(r));
      await close();
      return res;
    };

    const plain = await serve({ HOST: "127.0.0.1" });
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    const behindProxy = await serve({ HOST: "0.0.0.0", TRUST_PROXY: "loopback" });
    expect(behindProxy.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/127\.0\.0\.1/);
    expect(seen[1]).toBe("203.0.113.7");
  });
});
