// Issue 11, item 5: a 30 MB POST to /login without a session was read whole.
// One limit per kind of request, applied before anything parses the body: the
// answer is a 413 with a readable message, and the server stays healthy.
import http from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { apiTokenHash, generateApiToken } from "~/services/api/tokens.server.ts";
import { appSql, baseUrl, loginCookie } from "../support/http.ts";

const MB = 1024 * 1024;

type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders; sent: number };

/**
 * Sends a body through node:http and returns the answer, even when the server
 * answers before the body is sent. `chunked` sends it without Content-Length.
 * With `pauseAfter`, only that many bytes are sent, then the client waits: an
 * answer then proves the server did not wait for (or read) the rest.
 */
function send(
  path: string,
  opts: { body: Buffer; headers: Record<string, string>; chunked?: boolean; pauseAfter?: number },
): Promise<Answer> {
  const url = new URL(path, baseUrl());
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(url, {
      method: "POST",
      headers: { ...opts.headers, ...(opts.chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(opts.body.length) }) },
    });
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers, sent });
        req.destroy(); // stop sending the rest
      });
      res.on("error", reject);
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    // Write in 64 KB pieces, waiting for the socket, until done or answered.
    const piece = 64 * 1024;
    const stop = Math.min(opts.pauseAfter ?? Infinity, opts.body.length);
    const pump = () => {
      while (sent < stop && !answered && !req.destroyed) {
        const chunk = opts.body.subarray(sent, Math.min(sent + piece, stop));
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (sent === opts.body.length && !req.destroyed) req.end();
    };
    pump();
  });
}

const form = { Origin: "", "Content-Type": "application/x-www-form-urlencoded" };
const thirtyMb = () => Buffer.concat([Buffer.from("identifier=admin%40kt1.test&password="), Buffer.alloc(30 * MB, "a")]);

async function healthy() {
  const res = await fetch(`${baseUrl()}/healthz`);
  return res.status;
}

let token = "";
beforeAll(async () => {
  form.Origin = baseUrl();
  token = generateApiToken();
  await appSql(
    `insert into api_tokens (name, token_hash, unit_id, scopes)
     values ('body-limits test', $1, (select id from units where parent_id is null order by id limit 1), $2)`,
    [apiTokenHash(token), ["roster:read", "roster:write"]],
  );
});

describe("request bodies have a size limit, enforced before parsing", () => {
  it("a 30 MB POST to /login (Content-Length) is refused on its declared length, before the body is read", async () => {
    const res = await send("/login", { body: thirtyMb(), headers: form, pauseAfter: 1024 });
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/quá lớn/);
    expect(res.sent).toBe(1024);
    expect(await healthy()).toBe(200);
  });

  it("a chunked POST to /login (no Content-Length) is answered as soon as it passes the limit", async () => {
    const res = await send("/login", { body: thirtyMb(), headers: form, chunked: true, pauseAfter: 1 * MB + 64 * 1024 });
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/quá lớn/);
    expect(await healthy()).toBe(200);
  });

  it("a client that sends all 30 MB anyway reads the 413 (not a reset connection), and the server stays healthy", async () => {
    for (const chunked of [false, true]) {
      const res = await send("/login", { body: thirtyMb(), headers: form, chunked });
      expect(res.status).toBe(413);
      expect(res.body).toMatch(/quá lớn/);
    }
    expect(await healthy()).toBe(200);
  });

  it("a 100 KB API body gets a 413 in the API's JSON error shape", async () => {
    const body = Buffer.from(
      JSON.stringify({
        employeeCode: "x".repeat(100 * 1024),
        dutyType: "x",
        station: "x",
        start: "2026-12-01T08:00:00Z",
        end: "2026-12-01T12:00:00Z",
      }),
    );
    for (const chunked of [false, true]) {
      const res = await send("/api/v1/assignments", {
        body,
        chunked,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": `limits-${chunked}` },
      });
      expect(res.status).toBe(413);
      const json = JSON.parse(res.body) as { error: { code: string; message: string } };
      expect(json.error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(json.error.message).toMatch(/quá lớn/);
    }
  });

  it("a 2 MB form to an ordinary page is refused, a 2 MB upload to the staff import is not", async () => {
    const cookie = await loginCookie("admin@kt1.test");
    const big = Buffer.alloc(2 * MB, "a");
    const page = await send("/account/password", { body: big, headers: { ...form, Cookie: cookie } });
    expect(page.status).toBe(413);

    const boundary = "----kt1limits";
    const csv = Buffer.concat([Buffer.from("employee_code,full_name\n"), Buffer.alloc(2 * MB, "x")]);
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="staff.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      csv,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await send("/people/import", {
      body: multipart,
      headers: { Origin: baseUrl(), Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` },
    });
    // The file is nonsense, so the import refuses its contents (400), not its size.
    expect(upload.status).toBe(400);
    expect(upload.body).not.toMatch(/quá lớn/);
  });
});
