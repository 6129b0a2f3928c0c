// The one guard every request passes before React Router (decision 030): a
// size limit on the body, enforced on the declared Content-Length and on the
// bytes actually received (chunked bodies have no declared length); no NUL
// character anywhere in the URL or a form/JSON body (PostgreSQL cannot store
// one in text); bounded JSON nesting; page addresses take forms only. A refusal
// is a 4xx with a readable message (the API's JSON error shape under /api/), and
// the body, at most the limit, is handed on in res.locals.body.
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { translate, type MessageKey, type Params } from "../app/i18n/index.ts";
import { apiLocale } from "../app/services/api/locale.ts";
import { bodyKindOf, bodyLimitOf, DISCARD_LIMIT_BYTES, formatLimit, JSON_MAX_DEPTH } from "../app/utils/request-limits.ts";

const NO_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

export function requestGuard(log: Logger) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const api = req.path.startsWith("/api/");
    const refuse = (status: number, code: string, key: MessageKey, params?: Params) => {
      log.info({ requestId: res.locals.requestId, status, code, url: req.originalUrl.slice(0, 200) }, "request refused");
      if (api) {
        const locale = apiLocale(req.get("accept-language"));
        res
          .status(status)
          .set("Cache-Control", "no-store")
          .json({ error: { code, message: translate(locale, key, params) } });
      } else {
        res
          .status(status)
          .type("text/plain; charset=utf-8")
          .send(`${translate("vi", key, params)}\n${translate("en", key, params)}\n`);
      }
    };

    // Express hands the path over still %-encoded; React Router decodes it.
    if (/%00/i.test(req.originalUrl) || req.originalUrl.includes("\0")) return refuse(400, "INVALID_INPUT", "request.nul");
    try {
      decodeURIComponent(req.path);
    } catch {
      return refuse(400, "INVALID_INPUT", "request.badUrl");
    }
    if (NO_BODY.has(req.method)) return next();

    const kind = bodyKindOf(req.path);
    const limit = bodyLimitOf(kind);
    const tooLarge = () => {
      refuse(413, "PAYLOAD_TOO_LARGE", "request.tooLarge", { limit: formatLimit(limit) });
      discardRest(req);
    };
    const declared = req.get("content-length");
    if (declared !== undefined && Number(declared) > limit) return tooLarge();
    let body: Buffer | "TOO_LARGE";
    try {
      body = await readAtMost(req, limit);
    } catch {
      return void req.socket.destroy(); // the client went away mid-body
    }
    if (body === "TOO_LARGE") return tooLarge();

    const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    const urlencoded = type === "application/x-www-form-urlencoded";
    const multipart = type === "multipart/form-data";
    // The API checks its own media type (415 in its words); pages take forms, uploads multipart.
    if (!api && !(urlencoded || (multipart && kind === "upload"))) return refuse(415, "UNSUPPORTED_MEDIA_TYPE", "request.notForm");
    if (!multipart && bodyHasNul(body, urlencoded)) return refuse(400, "INVALID_INPUT", "request.nul");
    if (!multipart && !urlencoded && jsonDepthExceeds(body, JSON_MAX_DEPTH)) {
      return refuse(400, "INVALID_JSON", "request.tooDeep", { depth: JSON_MAX_DEPTH });
    }
    res.locals.body = body;
    next();
  };
}

/**
 * After a 413: what the client still sends is received and dropped (never kept)
 * up to DISCARD_LIMIT_BYTES, so that it reads our answer instead of a reset
 * connection (closing on unread data resets it); beyond that, the connection is cut.
 */
function discardRest(req: Request) {
  let dropped = 0;
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_LIMIT_BYTES) req.socket.destroy();
  });
  req.on("error", () => {});
  req.resume();
}

/** The body, or "TOO_LARGE" as soon as more than `limit` bytes arrive (the rest is never read). */
function readAtMost(req: Request, limit: number): Promise<Buffer | "TOO_LARGE"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        done();
        req.pause();
        chunks.length = 0;
        resolve("TOO_LARGE");
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => onError(new Error("request closed before its body ended"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/**
 * Whether a body holds a NUL character: a 0 byte, `%00` in a form, or the JSON
 * escape `\u0000` (but not `\\u0000`, an escaped backslash and then "u0000").
 */
function bodyHasNul(body: Buffer, form: boolean): boolean {
  if (body.includes(0)) return true;
  const text = body.toString("latin1");
  return form ? /%00/i.test(text) : /(?<!\\)(?:\\\\)*\\u0000/i.test(text);
}

/** Whether arrays/objects in a JSON text nest deeper than `max` (brackets inside strings do not count). */
function jsonDepthExceeds(body: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
