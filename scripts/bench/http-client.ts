// A plain keep-alive HTTP client for the scenarios that send their own
// requests (bookings, exam day). fetch (undici) costs the load generator
// several times more CPU per request, which on this 2-core machine is taken
// from the app and PostgreSQL: the same eligibility load measured 275–430
// req/s through fetch and 600 through autocannon. Redirects are not followed.
// Like a browser (and fetch) it accepts compressed answers, so the app still
// pays for compressing pages.
import http from "node:http";
import zlib from "node:zlib";

export type Answer = { status: number; location: string | null; text: string };

export function httpClient(maxSockets = Infinity) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const send = (url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const headers = { "accept-encoding": "gzip, deflate, br", ...opts.headers, ...(opts.body !== undefined ? { "content-length": String(Buffer.byteLength(opts.body)) } : {}) };
      const req = http.request(url, { method: opts.method ?? "GET", agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = res.headers["content-encoding"];
          const body = encoding === "gzip" ? zlib.gunzipSync(raw) : encoding === "br" ? zlib.brotliDecompressSync(raw) : encoding === "deflate" ? zlib.inflateSync(raw) : raw;
          resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, text: body.toString("utf8") });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(opts.body);
    });
  return { send, close: () => agent.destroy() };
}
