import { isLocale, type Locale } from "~/i18n/index.ts";
import { cookiesAreSecure } from "./env.server.ts";

export const SESSION_COOKIE = "kt1_session";
export const LOCALE_COOKIE = "kt1_lang";

export function readCookie(request: Request, name: string): string | null {
  return cookieIn(request.headers.get("Cookie"), name);
}

/** The cookie `name` in a Cookie header, decoded; null when absent or malformed. */
export function cookieIn(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) {
      try {
        return decodeURIComponent(v.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The language a request asks for: its language cookie, else the person's own (or Vietnamese). */
export function localeOf(header: string | null | undefined, fallback: Locale = "vi"): Locale {
  const chosen = cookieIn(header, LOCALE_COOKIE);
  return isLocale(chosen) ? chosen : fallback;
}

/** Whether a response already sets (or clears) the cookie `name`. */
export function setsCookie(headers: Headers, name: string): boolean {
  return headers.getSetCookie().some((c) => c.startsWith(`${name}=`));
}

function serialize(name: string, value: string, maxAgeSeconds: number) {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (cookiesAreSecure()) parts.push("Secure");
  return parts.join("; ");
}

export function sessionCookie(token: string, expiresAt: Date, now: Date) {
  return serialize(SESSION_COOKIE, token, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
}

export function clearSessionCookie() {
  return serialize(SESSION_COOKIE, "", 0);
}

export function localeCookie(locale: string) {
  return serialize(LOCALE_COOKIE, locale, 365 * 24 * 3600);
}
