// Hands a request to React Router, as @react-router/express does, except that
// the body is the one the request guard already read and checked
// (res.locals.body, at most the limit), never the socket: nothing React Router
// or a route parses can read past the limit (decision 030).
import { writeReadableStreamToWritable } from "@react-router/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createRequestHandler, type ServerBuild } from "react-router";

export function reactRouterHandler(
  build: ServerBuild,
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => unknown,
  /** Another answer for a 500 (the database is away), or null to keep it. */
  instead500: (req: ExpressRequest) => Promise<Response | null>,
) {
  const handle = createRequestHandler(build, process.env.NODE_ENV);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      let response = await handle(fetchRequest(req, res), getLoadContext(req, res) as never);
      if (response.status === 500 && !res.destroyed) {
        const other = await instead500(req);
        if (other) {
          await response.body?.cancel();
          response = other;
        }
      }
      await send(res, response);
    } catch (error) {
      next(error);
    }
  };
}

export function fetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // req.hostname and req.protocol follow X-Forwarded-* only from a trusted proxy (TRUST_PROXY).
  const [, forwardedPort] = req.app.enabled("trust proxy") ? (req.get("X-Forwarded-Host")?.split(":") ?? []) : [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [Number.parseInt(forwardedPort, 10), Number.parseInt(hostPort, 10)].find(Number.isSafeInteger);
  const hostname = req.hostname.split(/[\\/?#@]/)[0] || "localhost";
  const url = new URL(`${req.protocol}://${hostname}${port ? `:${port}` : ""}${req.originalUrl}`);

  let controller: AbortController | null = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  // Buffer.concat allocates a plain ArrayBuffer (never a SharedArrayBuffer).
  const read = (res.locals.body as Uint8Array<ArrayBuffer> | undefined) ?? new Uint8Array(0);
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : read;
  return new Request(url.href, { method: req.method, headers, body, signal: controller.signal });
}

async function send(res: ExpressResponse, response: Response) {
  if (res.destroyed || res.writableEnded) {
    await response.body?.cancel();
    return;
  }
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (!response.body) return void res.end();
  try {
    await writeReadableStreamToWritable(response.body, res);
  } catch (error) {
    if (!(res.destroyed || res.writableEnded)) throw error;
  }
}
