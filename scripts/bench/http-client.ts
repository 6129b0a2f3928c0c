// A plain keep-alive HTTP client for the booking scenarios. fetch (undici)
// costs the load generator several times more CPU per request, which on this
// 2-core machine is taken from the app and PostgreSQL: the same eligibility
// load measured 275–430 req/s through fetch and 600 through autocannon.
import http from "node:http";

export type Answer = { status: number; text: string };

export function httpClient(concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return {
    post(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
      return new Promise((resolve, reject) => {
        const req = http.request(url, { method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
          res.on("error", reject);
        });
        req.on("error", reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
