// One way to say "done" after a redirect: the action redirects with a flash
// message key in a short-lived cookie, the root middleware reads it on the next
// GET, hands it to the root loader, and clears it. Only a known message key is
// ever accepted, so a crafted cookie cannot put text on the page.
import { createContext, redirect, type MiddlewareFunction } from "react-router";
import { isMessageKey, type MessageKey } from "~/i18n/index.ts";
import { cookiesAreSecure } from "./env.server.ts";
import { readCookie } from "./cookies.server.ts";

const FLASH_COOKIE = "kt1_flash";
const FLASH_MAX_AGE_SECONDS = 60;

export const flashContext = createContext<MessageKey | null>(null);

function flashCookie(value: string, maxAge: number) {
  const parts = [`${FLASH_COOKIE}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`];
  if (cookiesAreSecure()) parts.push("Secure");
  return parts.join("; ");
}

/** A redirect that shows `message` once on the page it lands on. */
export function redirectWithFlash(to: string, message: MessageKey, init?: ResponseInit): Response {
  const response = redirect(to, init);
  response.headers.append("Set-Cookie", flashCookie(message, FLASH_MAX_AGE_SECONDS));
  return response;
}

/** Root middleware: a GET consumes the flash cookie (read once, then cleared). */
export const flashMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const raw = request.method === "GET" ? readCookie(request, FLASH_COOKIE) : null;
  context.set(flashContext, raw !== null && isMessageKey(raw) ? raw : null);
  const response = await next();
  // A redirect (an action's or a guard's) carries the message on to its target.
  if (raw !== null && !(response.status >= 300 && response.status < 400)) response.headers.append("Set-Cookie", flashCookie("", 0));
  return response;
};
