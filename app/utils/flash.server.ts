// One way to say "done" after a redirect: the action redirects with a flash
// message (an i18n key and its parameters) in a short-lived cookie, the root
// middleware reads it on the next GET, hands it to the root loader, and clears
// it. Only a known message key with a few short parameters is ever accepted,
// and parameters are rendered as text, so a crafted cookie cannot put markup on
// the page.
import { createContext, redirect, type MiddlewareFunction } from "react-router";
import { isMessageKey, type MessageKey } from "~/i18n/index.ts";
import { cookiesAreSecure } from "./env.server.ts";
import { readCookie } from "./cookies.server.ts";

export const FLASH_COOKIE = "kt1_flash";
const FLASH_MAX_AGE_SECONDS = 60;
const MAX_PARAMS = 4;
const MAX_PARAM_LENGTH = 200;

export type FlashParams = Record<string, string | number>;
export type Flash = { key: MessageKey; params?: FlashParams };

export const flashContext = createContext<Flash | null>(null);

function flashCookie(value: string, maxAge: number) {
  const parts = [`${FLASH_COOKIE}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`];
  if (cookiesAreSecure()) parts.push("Secure");
  return parts.join("; ");
}

/** A redirect that shows `message` (with `params` filled in) once on the page it lands on. */
export function redirectWithFlash(to: string, message: MessageKey, params?: FlashParams, init?: ResponseInit): Response {
  const response = redirect(to, init);
  response.headers.append("Set-Cookie", flashCookie(JSON.stringify(params ? [message, params] : [message]), FLASH_MAX_AGE_SECONDS));
  return response;
}

/** The flash a cookie holds, or null for anything that is not one we wrote. */
export function parseFlash(raw: string): Flash | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length < 1 || value.length > 2) return null;
  const [key, params] = value as [unknown, unknown];
  if (typeof key !== "string" || !isMessageKey(key)) return null;
  if (params === undefined) return { key };
  if (typeof params !== "object" || params === null || Array.isArray(params)) return null;
  const entries = Object.entries(params);
  if (entries.length > MAX_PARAMS) return null;
  const ok = entries.every(
    ([, v]) => (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.length <= MAX_PARAM_LENGTH),
  );
  return ok ? { key, params: Object.fromEntries(entries) as FlashParams } : null;
}

/** Root middleware: a GET consumes the flash cookie (read once, then cleared). */
export const flashMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const raw = request.method === "GET" ? readCookie(request, FLASH_COOKIE) : null;
  context.set(flashContext, raw === null ? null : parseFlash(raw));
  const response = await next();
  // A redirect (an action's or a guard's) carries the message on to its target.
  if (raw !== null && !(response.status >= 300 && response.status < 400)) response.headers.append("Set-Cookie", flashCookie("", 0));
  return response;
};
